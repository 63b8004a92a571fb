"""Stage 4 of the pipeline: valid observations → indicator values, gaps and statuses."""

from .engine import STATUSES, Report, TargetResult, UnitResult, compute_report, default_as_of

__all__ = ["STATUSES", "Report", "TargetResult", "UnitResult", "compute_report", "default_as_of"]
