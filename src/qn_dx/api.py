"""qn-dx as a Python library: load a plan, read and validate actuals, and compute a report, an
explanation, who still owes data, task progress or the quarterly summary — each a typed result
with ``to_dict(lang)`` (the JSON the CLI prints) and ``to_pandas()`` (a DataFrame; pandas is
imported only then). The CLI is a thin shell over these functions.

    >>> from qn_dx import api
    >>> plan = api.load_plan()                       # the plan shipped with qn-dx
    >>> result = api.report(plan, as_of="2023-Q2")   # the plan folder's actuals/
    >>> result.counts()["met"]                       # doctest: +SKIP
    >>> result.to_pandas()[["id", "actual", "target", "status"]]  # doctest: +SKIP

Problems are raised, never printed: ``PlanRefused`` (the plan folder has errors),
``ActualsRefused`` (the actuals have errors and ``skip_invalid`` is off), ``NoPeriod`` and
``BadInput`` — each carries its findings or message.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Finding, errors, msg

if TYPE_CHECKING:  # imported for types only: `qn-dx --help` loads none of these
    from .compute.engine import Report
    from .compute.explain import Explanation
    from .compute.missing import Missing
    from .compute.summary import Summary
    from .compute.tasks import TaskState
    from .ingest.periods import Period
    from .plan import Plan
    from .validate.model import Validation

PathLike = str | os.PathLike[str]


# --- errors ---------------------------------------------------------------------------------------


class QnDxError(Exception):
    """Something qn-dx refuses; ``findings`` say why (they may be empty for a plain message)."""

    def __init__(self, message: str, findings: Sequence[Finding] = ()):
        super().__init__(message)
        self.findings = list(findings)


class PlanRefused(QnDxError):
    """The plan folder cannot be loaded, or `qn-dx check` finds errors in it."""


class BadInput(QnDxError):
    """An argument that cannot be right: a path that does not exist, a period of another year."""


class ActualsRefused(QnDxError):
    """The actuals have errors and ``skip_invalid`` is off; ``validation`` says which."""

    def __init__(self, validation: Validation):
        super().__init__("the actuals have errors (fix them, or pass skip_invalid=True)")
        self.validation = validation
        self.findings = errors(validation.findings)


class NoPeriod(QnDxError):
    """No period to compute as of: no figure of the plan year, or every one was refused."""

    def __init__(self, message: str, refused: int = 0):
        super().__init__(message)
        self.refused = refused


# --- the plan -------------------------------------------------------------------------------------

_PLANS: dict[tuple[Any, ...], Plan] = {}


def load_plan(folder: PathLike | None = None, *, checked: bool = True) -> Plan:
    """The plan in ``folder`` (default: ``$QN_DX_DATA``, else the plan shipped with qn-dx).

    With ``checked``, what `qn-dx check` calls an error refuses the plan too (``PlanRefused``):
    a target in an area the plan does not name would count in totals and vanish from tables.
    Loaded plans are kept for the process, keyed on the files' sizes and modification times,
    so a script or a long run loads each plan once and a changed file is read again.
    """
    from .findings import FindingsError
    from .plan import load_plan as _load
    from .plan.load import PLAN_FILE_NAMES, default_data_dir, folder_problem

    path = Path(folder) if folder is not None else default_data_dir()
    problem = folder_problem(path)
    if problem:
        raise BadInput(msg("cli.plan-folder", problem=problem))
    key = (str(path.resolve()), checked, *(_stamp(path / name) for name in PLAN_FILE_NAMES))
    cached = _PLANS.get(key)
    if cached is not None:
        return cached
    from .plan import cache

    kept = cache.load(path)  # a plan read before, by the content of its files (plan/cache.py)
    if kept is not None and (kept[1] or not checked):
        plan = kept[0]
    else:
        try:
            plan = _load(path)
        except FindingsError as exc:
            raise PlanRefused("the plan folder cannot be loaded", exc.findings) from None
        clean = False
        if checked:
            from .plan.check import check_plan

            problems = errors(check_plan(plan))
            if problems:
                raise PlanRefused(msg("cli.plan-errors", n=len(problems)), problems)
            clean = True
        cache.store(path, plan, clean)
    _PLANS.clear()  # one plan at a time is what every caller needs; never a growing cache
    _PLANS[key] = plan
    return plan


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


# --- actuals --------------------------------------------------------------------------------------


def read_actuals(
    plan: Plan,
    paths: Sequence[PathLike] | None = None,
    *,
    encoding: str | None = None,
    max_bytes: int | None = None,
) -> Validation:
    """Read and validate actuals and task-progress files or folders (default: the plan folder's
    actuals/). Never raises for bad data: every problem is a finding of the ``Validation``."""
    from .ingest.read import MAX_BYTES
    from .validate import PathNotFound, validate_paths

    if isinstance(paths, str | os.PathLike):  # one path, not a sequence of its letters
        paths = [paths]
    if paths is not None and not isinstance(paths, Sequence):
        raise BadInput(msg("api.paths", kind=type(paths).__name__))
    # None: the plan folder's actuals/; an empty list: no files at all (a report with no data)
    chosen = [Path(p) for p in paths] if paths is not None else [plan.folder / "actuals"]
    try:
        return validate_paths(plan, chosen, encoding, max_bytes or MAX_BYTES)
    except PathNotFound as exc:
        raise BadInput(msg("cli.path-missing", path=str(exc))) from None


def _areas(plan: Plan, areas: Sequence[str] | str | None) -> list[str] | None:
    from .plan.registry import LookupError_, resolve_areas

    try:
        return resolve_areas(plan, areas)
    except LookupError_ as exc:
        raise BadInput(
            msg("usage.unknown-area", area=repr(exc.query), areas=", ".join(exc.suggestions))
        ) from None


def _validation(
    plan: Plan, actuals: Validation | Sequence[PathLike] | None, skip_invalid: bool
) -> Validation:
    from .validate.model import Validation

    v = actuals if isinstance(actuals, Validation) else read_actuals(plan, actuals)
    if v.errors and not skip_invalid:
        raise ActualsRefused(v)
    return v


def settle_period(
    plan: Plan, validation: Validation, as_of: str | Period | None, option: str = "--as-of"
) -> Period:
    """The period to compute as of: ``as_of`` (of the plan year), else the latest period with
    data. A latest period that holds only a few rows against the one before it (a typo?) is
    kept, with a ``sparse-latest-period`` warning added to ``validation.run_warnings``."""
    from .compute import default_as_of
    from .compute.engine import sparse_latest
    from .ingest.periods import Period, parse_period

    if as_of is not None:
        period = as_of if isinstance(as_of, Period) else parse_period(str(as_of))
        if period is None or period.year != plan.plan_year:
            raise BadInput(
                msg("cli.as-of", option=option, as_of=repr(str(as_of)), year=plan.plan_year)
            )
        return period
    reports = [r.period for r in validation.task_reports]
    found = default_as_of(plan, validation.observations) or (
        max(reports, key=lambda p: (p.end_month_index, -p.span)) if reports else None
    )
    if found is None:
        if validation.rows_invalid:
            raise NoPeriod(
                msg("cli.no-valid-figures", year=plan.plan_year, n=validation.rows_invalid),
                validation.rows_invalid,
            )
        raise NoPeriod(msg("cli.no-figures", year=plan.plan_year))
    sparse = sparse_latest(plan, validation.observations)
    if sparse is not None and sparse.period == found:
        validation.run_warnings.append(sparse_finding(sparse))
    return found


def sparse_finding(sparse: Any) -> Finding:
    rows = sparse.rows
    places = ", ".join(f"{o.file}:{o.line}" for o in rows[:5]) + (" …" if len(rows) > 5 else "")
    p, q = sparse.period.label, sparse.previous.label
    return Finding(
        "sparse-latest-period",
        msg(
            "finding.sparse-latest-period",
            period=p,
            n=len(rows),
            places=places,
            previous_rows=sparse.previous_rows,
            previous=q,
        ),
        hint=msg("finding.sparse-latest-period.hint", period=p, previous=q),
    )


def left_out_from(validation: Validation) -> list[tuple[str, int]]:
    """Who sent the rows that skip_invalid leaves out: unit codes (the file where a row names
    no unit), most rows first."""
    counts = Counter(
        r.unit_code or r.file for r in validation.rejected if not r.reason.startswith("superseded")
    )
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def files_left_out(validation: Validation) -> list[tuple[str, str]]:
    """Files or sheets refused whole (a missing column, an empty or damaged file)."""
    return [(t.file, t.refused) for t in validation.tables if t.refused]


def _account(report: Report, validation: Validation, skip_invalid: bool) -> None:
    """What a report must say before its figures: the run's warnings, and with skip_invalid the
    rows and files left out, and from whom."""
    report.warnings = [*validation.run_warnings, *report.warnings]
    if skip_invalid:
        report.rows_left_out = validation.rows_invalid
        report.left_out_from = left_out_from(validation)
        report.files_left_out = files_left_out(validation)


# --- results --------------------------------------------------------------------------------------


def _frame(rows: list[dict[str, Any]], columns: list[str] | None = None) -> Any:
    try:
        import pandas as pd  # only here: no command imports pandas
    except ImportError:
        raise ImportError(
            "to_pandas() needs pandas: pip install 'qn-dx[pandas]' (or pandas)"
        ) from None

    return pd.DataFrame(rows, columns=columns)


@dataclass
class ReportResult:
    """Every target's actual, goal, gap and status as of ``as_of`` (``report.targets``)."""

    report: Report
    validation: Validation
    by_unit: bool = False

    @property
    def as_of(self) -> Period:
        return self.report.as_of

    def counts(self, area: str | None = None) -> dict[str, int]:
        return self.report.counts(area)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        from .render.report import report_dict

        return report_dict(self.report, lang, self.by_unit)

    def to_pandas(self, lang: str = "en") -> Any:
        """One row per target, the JSON's keys as columns."""
        rows = [
            {k: v for k, v in t.items() if k not in ("units", "projection_points")}
            for t in self.to_dict(lang)["targets"]
        ]
        return _frame(rows)


@dataclass
class ExplainResult:
    plan: Plan
    explanation: Explanation
    validation: Validation | None = None

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        from .compute.explain import explanation_dict

        return explanation_dict(self.plan, self.explanation, lang)

    def to_pandas(self, lang: str = "en") -> Any:
        """One row per observation counted."""
        return _frame(self.to_dict(lang)["contributions"])


@dataclass
class MissingResult:
    plan: Plan
    missing: Missing
    only: set[str] | None = None
    validation: Validation | None = None

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        from .render.missing import missing_dict

        return missing_dict(self.plan, self.missing, self.only)

    def to_pandas(self, lang: str = "en") -> Any:
        """One row per (target, unit) still owed."""
        d = self.to_dict(lang)
        rows = [
            {"target": t["id"], "area": t["area"], **u} for t in d["targets"] for u in t["missing"]
        ]
        return _frame(rows, ["target", "area", "code", "name", "responsible", "refused_rows"])


@dataclass
class TasksResult:
    rows: list[dict[str, Any]]
    as_of: Period | None = None
    states: list[TaskState] = field(default_factory=list)
    validation: Validation | None = None

    def to_dict(self, lang: str = "en") -> list[dict[str, Any]]:
        return self.rows

    def to_pandas(self, lang: str = "en") -> Any:
        return _frame(self.rows)


@dataclass
class SummaryResult:
    summary: Summary
    validation: Validation | None = None

    def to_dict(self, lang: str = "en", stamp: str | None = None) -> dict[str, Any]:
        from .render.summary import summary_dict

        return summary_dict(self.summary, lang, stamp)

    def to_pandas(self, lang: str = "en") -> Any:
        """The summary's targets table."""
        return _frame(self.to_dict(lang)["targets"])


# --- computing ------------------------------------------------------------------------------------


def report(
    plan: Plan,
    actuals: Validation | Sequence[PathLike] | None = None,
    *,
    as_of: str | Period | None = None,
    areas: Sequence[str] | str | None = None,
    by_unit: bool = False,
    skip_invalid: bool = False,
    compare: str | Period | None = None,
    on_units: str | dt.date | None = None,
) -> ReportResult:
    """The gap report. ``actuals``: paths (default: the plan folder's actuals/) or a
    ``Validation`` already read. Invalid rows refuse the report unless ``skip_invalid``.
    ``compare``: another period of the plan year, computed by the same rules and set beside
    each target (``report.compare``)."""
    from .compute import compute_report

    areas = _areas(plan, areas)
    v = _validation(plan, actuals, skip_invalid)
    period = settle_period(plan, v, as_of)
    other = settle_period(plan, v, compare, "--compare") if compare is not None else None
    day = _day(on_units)
    result = compute_report(plan, v.observations, period, areas, by_unit, day)
    if other is not None:  # on the report's units (its day), so that only figures move
        result.compare = compute_report(
            plan, v.observations, other, areas, on_units=result.on_units
        )
    _account(result, v, skip_invalid)
    return ReportResult(result, v, by_unit)


def explain(
    plan: Plan,
    target_id: str,
    actuals: Validation | Sequence[PathLike] | None = None,
    *,
    as_of: str | Period | None = None,
    on_units: str | dt.date | None = None,
) -> ExplainResult:
    """Where one target's figure comes from; invalid rows are listed as not counted."""
    from .compute.explain import explain_target
    from .text import same_number

    if not isinstance(target_id, str):
        raise BadInput(msg("api.target-id", kind=type(target_id).__name__))
    target = plan.target_by_id.get(target_id.strip().upper())
    if target is None:
        near = same_number(target_id, plan.target_by_id)
        raise BadInput(
            msg(
                "usage.unknown-target",
                target=repr(target_id),
                tail=msg("usage.did-you-mean", names=near[0]) if near else "",
            )
        )
    v = _validation(plan, actuals, skip_invalid=True)
    period = settle_period(plan, v, as_of)
    return ExplainResult(plan, explain_target(plan, target, v, period, _day(on_units)), v)


def missing(
    plan: Plan,
    actuals: Validation | Sequence[PathLike] | None = None,
    *,
    as_of: str | Period | None = None,
    agency: str | None = None,
    skip_invalid: bool = False,
    on_units: str | dt.date | None = None,
) -> MissingResult:
    """Who still owes figures (and task progress) at the period; ``agency`` narrows it to an
    agency, unit or group (its members). ``on_units``: when units merged or split, the units
    of this day are the ones expected (default: the last day of the period), as in report."""
    from .compute.missing import compute_missing
    from .compute.tasks import task_states

    only = _only(plan, agency)
    v = _validation(plan, actuals, skip_invalid)
    period = settle_period(plan, v, as_of)
    states = task_states(plan, v.task_reports, period)
    result = compute_missing(
        plan, v.observations, period, states, refused=v.rejected, on_units=_day(on_units)
    )
    return MissingResult(plan, result, only, v)


def tasks(
    plan: Plan,
    actuals: Validation | Sequence[PathLike] | None = None,
    *,
    as_of: str | Period | None = None,
    agency: str | None = None,
    group: int | None = None,
    statuses: Sequence[str] | None = None,
    progress: bool = True,
    skip_invalid: bool = False,
) -> TasksResult:
    """The plan's tasks (an agency's, with its role), and with ``progress`` each one's status
    and progress as of the period."""
    from .compute.tasks import task_states
    from .plan.queries import task_rows
    from .plan.registry import LookupError_

    try:
        rows = task_rows(plan, agency, group)
    except LookupError_ as exc:
        what = "usage.lookup-ambiguous" if exc.ambiguous else "usage.lookup-unknown"
        tail = (
            msg("usage.did-you-mean", names=", ".join(exc.suggestions)) if exc.suggestions else ""
        )
        raise BadInput(msg(what, query=repr(exc.query), tail=tail)) from None
    if not progress:
        return TasksResult(rows)
    v = _validation(plan, actuals, skip_invalid)
    period = settle_period(plan, v, as_of)
    states = task_states(plan, v.task_reports, period)
    by_id = {st.task.id: st for st in states}
    for row in rows:
        st = by_id[row["id"]]
        row.update(status=st.status, progress=st.progress, status_period=st.period)
        row.update(units_reported=st.units_reported, units_expected=st.units_expected)
    if statuses:
        rows = [r for r in rows if r["status"] in statuses]
    return TasksResult(rows, period, states, v)


def summary(
    plan: Plan,
    actuals: Validation | Sequence[PathLike] | None = None,
    *,
    as_of: str | Period | None = None,
    skip_invalid: bool = False,
) -> SummaryResult:
    """The quarterly summary for the People's Committee (render it with
    ``qn_dx.render.summary``: Markdown, HTML, JSON or Word)."""
    from .compute.summary import compute_summary

    v = _validation(plan, actuals, skip_invalid)
    period = settle_period(plan, v, as_of)
    result = compute_summary(plan, v.observations, v.task_reports, period, v.rejected)
    _account(result.report, v, skip_invalid)
    return SummaryResult(result, v)


@dataclass
class PlanPair:
    """One indicator in two plans: the target that measures it in each (None where a plan has
    no such indicator) and its result there."""

    indicator: str
    first: Any  # TargetResult | None
    second: Any  # TargetResult | None


@dataclass
class CompareResult:
    """Two plans side by side, targets matched by their ``indicator`` key (the same indicator
    across years, whatever its id or goal)."""

    first: ReportResult
    second: ReportResult
    pairs: list[PlanPair]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        from .render.compare import compare_dict

        return compare_dict(self, lang)

    def to_pandas(self, lang: str = "en") -> Any:
        from .render.compare import compare_rows

        return _frame(compare_rows(self, lang))


def compare_plans(
    first: Plan,
    second: Plan,
    first_actuals: Validation | Sequence[PathLike] | None = None,
    second_actuals: Validation | Sequence[PathLike] | None = None,
    *,
    as_of: str | Period | None = None,
    second_as_of: str | Period | None = None,
    skip_invalid: bool = False,
) -> CompareResult:
    """Two plans (two years) side by side: each computed on its own actuals as of its own
    period (default: each one's latest), targets matched by ``indicator``, in the first plan's
    order and then the second's own."""
    a = report(first, first_actuals, as_of=as_of, skip_invalid=skip_invalid)
    b = report(second, second_actuals, as_of=second_as_of, skip_invalid=skip_invalid)
    in_b = {r.target.indicator: r for r in b.report.targets}
    pairs = [
        PlanPair(r.target.indicator, r, in_b.get(r.target.indicator)) for r in a.report.targets
    ]
    seen = {p.indicator for p in pairs}
    pairs += [
        PlanPair(r.target.indicator, None, r)
        for r in b.report.targets
        if r.target.indicator not in seen
    ]
    return CompareResult(a, b, pairs)


def _day(value: str | dt.date | None) -> dt.date | None:
    """``--on-units``: a day (YYYY-MM-DD)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise BadInput(msg("usage.on-units", value=repr(str(value)))) from None


def _only(plan: Plan, agency: str | None) -> set[str] | None:
    """An agency filter: its code, and a group's members with it."""
    from .plan.registry import LookupError_, group_members, resolve

    if agency is None:
        return None
    try:
        code = resolve(plan, agency)
    except LookupError_ as exc:
        tail = (
            msg("usage.did-you-mean", names=", ".join(exc.suggestions)) if exc.suggestions else ""
        )
        raise BadInput(msg("usage.unknown-agency", agency=repr(agency), tail=tail)) from None
    return group_members(plan, code) | {code} if code in plan.group_by_code else {code}


__all__ = [
    "ActualsRefused",
    "BadInput",
    "CompareResult",
    "ExplainResult",
    "MissingResult",
    "NoPeriod",
    "PlanRefused",
    "QnDxError",
    "ReportResult",
    "SummaryResult",
    "TasksResult",
    "compare_plans",
    "explain",
    "load_plan",
    "missing",
    "read_actuals",
    "report",
    "settle_period",
    "summary",
    "tasks",
]
