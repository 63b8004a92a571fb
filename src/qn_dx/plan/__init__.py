"""Stage 1 of the pipeline: the plan folder (YAML) → typed models.

Importing this package imports neither pydantic nor yaml: ``load_plan`` does, when it reads a
plan from its files (a plan from the cache, plan/cache.py, needs neither).
"""

from __future__ import annotations

from pathlib import Path

from .load import Plan, default_data_dir


def load_plan(folder: Path | None = None) -> Plan:
    """Load and type-check every file of a plan folder (see ``plan.load.load_plan``)."""
    from .load import load_plan as _load

    return _load(folder)


__all__ = ["Plan", "default_data_dir", "load_plan"]
