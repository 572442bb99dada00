"""Charts as data (series, target, axis scale); drawn by the UI or written as images."""
