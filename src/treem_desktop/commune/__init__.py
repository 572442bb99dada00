"""Use cases shared by the command line and the GUI; each is one transaction boundary."""
