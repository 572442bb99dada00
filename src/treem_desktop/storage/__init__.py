"""SQLite storage: one database per data folder, WAL, foreign keys, versioned migrations."""
