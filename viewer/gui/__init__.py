"""The desktop viewer (PySide6)."""
