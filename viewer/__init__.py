"""storydiff: see exactly how versions of one news story differ."""

__version__ = "0.1.0"
