"""lkjip: the LKjIP annual performance report as a reproducible, auditable book."""

__version__ = "0.1.0"
