"""Stage 2 of the pipeline: bytes of a submitted file → header and rows (CSV, tab text, .xlsx)."""
