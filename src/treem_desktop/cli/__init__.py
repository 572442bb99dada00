"""The command line: the GUI's jobs for scripts, support staff and tests (docs/cli.md)."""
