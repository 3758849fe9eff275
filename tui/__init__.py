"""Crosswatch terminal interface: shows and edits what `store` holds."""
