"""Programme indicators and report tables: entry grids, trend chart, export."""
