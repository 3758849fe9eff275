"""The store: TinyDB files in a folder, served from memory (see ARCHITECTURE.md, "The store")."""
from .errors import StoreError, StoreLocked
from .schema import SCHEMA_VERSION
from .store import Store

__all__ = ["Store", "StoreError", "StoreLocked", "SCHEMA_VERSION"]
