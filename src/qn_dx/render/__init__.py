"""Last stage of the pipeline: results → table / json / csv / markdown / xlsx / html."""
