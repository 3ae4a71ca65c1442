"""xinfang: 智慧信访平台."""

__version__ = "0.1.0"  # keep equal to pyproject.toml (tested); shown by /healthz
