"""The application's version, single-sourced for pyproject.toml and the packets."""

__version__ = "0.1.0"
