"""Stage 1 of the pipeline: the plan folder (YAML) → typed models."""

from .load import Plan, default_data_dir, load_plan

__all__ = ["Plan", "default_data_dir", "load_plan"]
