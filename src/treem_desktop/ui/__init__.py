"""The Qt interface: the only package that may import PySide6 (through :mod:`.qt`)."""
