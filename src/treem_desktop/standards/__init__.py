"""Standards as data (forms/): the typed model, the loader and the scoring engine; no Qt."""
