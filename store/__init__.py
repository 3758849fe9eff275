"""Crosswatch domain layer: reading, extraction, storage and status. Knows nothing of Textual."""
