"""Stage 3 of the pipeline: rows → findings, and the observations that passed."""

from .model import Observation, TaskReport, Validation
from .run import PathNotFound, expand_paths, validate_paths

__all__ = [
    "Observation",
    "PathNotFound",
    "TaskReport",
    "Validation",
    "expand_paths",
    "validate_paths",
]
