"""Documents the commune prints or sends: score sheets now, plans and reports later.

Each export module imports its document library (openpyxl, python-docx) inside the function
that writes, so nothing heavy is loaded at start-up, and writes the file atomically.
"""
