"""Plan folder → typed ``Plan``: the first stage of the pipeline.

A plan folder holds plan.yaml, targets.yaml, tasks.yaml, units.yaml and agencies.yaml. Next
year's plan is a new folder (``--data-dir`` / ``QN_DX_DATA``), not new code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..findings import Finding, FindingsError, Msg, msg
from .plain import ReportingUnit

if TYPE_CHECKING:  # pydantic and yaml are imported only when a plan is read from its files:
    # a plan from the cache (plan/cache.py) is made of plain objects (plan/plain.py)
    from pydantic import BaseModel, ValidationError

    from .models import (
        Agency,
        AreaInfo,
        Budget,
        Group,
        LevelInfo,
        PlanInfo,
        Target,
        Task,
        TaskGroup,
        Unit,
    )
    from .yamlsafe import PathKey

# Each plan file and the model (plan/models.py) that checks it.
FILES: dict[str, tuple[str, str]] = {
    "plan": ("plan.yaml", "PlanFile"),
    "targets": ("targets.yaml", "TargetsFile"),
    "tasks": ("tasks.yaml", "TasksFile"),
    "units": ("units.yaml", "UnitsFile"),
    "agencies": ("agencies.yaml", "AgenciesFile"),
}
# What to call an entry of each list in messages, and which field identifies it.
_ENTRY_NAMES = {
    "targets": ("target", "id"),
    "tasks": ("task", "id"),
    "groups": ("group", "code"),
    "units": ("unit", "code"),
    "agencies": ("agency", "code"),
    "areas": ("area", "id"),
    "levels": ("level", "id"),
}


UNITS_CSV = "units.csv"
UNITS_CSV_COLUMNS = ("code", "name", "type", "level", "parent")
MAX_UNITS_CSV_BYTES = 64 * 1024 * 1024  # the 60,601-unit synthetic registry is ~3 MB
PLAN_FILE_NAMES = (*(name for name, _model in FILES.values()), UNITS_CSV)


def file_name(folder: Path, key: str) -> str:
    """The file that holds ``key``: units may come as units.csv for a national-size registry."""
    if key == "units" and not (folder / "units.yaml").exists() and (folder / UNITS_CSV).exists():
        return UNITS_CSV
    return FILES[key][0]


def load_units_csv(path: Path, label: str) -> tuple[Any, dict[PathKey, int]]:
    """units.csv (code,name,type,level,parent[,source]): 60,000 units load in well under a second,
    where the same registry as YAML takes ~10 s to parse."""
    import csv

    from .yamlsafe import read_plan_bytes

    raw = read_plan_bytes(path, label, MAX_UNITS_CSV_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FindingsError(
            [
                Finding(
                    "plan-schema",
                    msg("finding.plan-schema.units-csv-utf8", reason=exc.reason),
                    file=label,
                    hint=msg("finding.plan-schema.units-csv-utf8.hint"),
                )
            ]
        ) from None
    reader = csv.DictReader(text.splitlines())
    units: list[dict[str, Any]] = []
    lines: dict[PathKey, int] = {}
    source = ""
    try:
        missing = [c for c in UNITS_CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise FindingsError(
                [
                    Finding(
                        "plan-schema",
                        msg("finding.plan-schema.units-csv-columns", columns=", ".join(missing)),
                        file=label,
                        line=1,
                    )
                ]
            )
        for i, row in enumerate(reader):
            source = source or row.get("source") or ""
            units.append(
                {c: (row[c] or None) if c == "parent" else row[c] for c in UNITS_CSV_COLUMNS}
            )
            lines[("units", i)] = i + 2
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KB limit
        raise FindingsError(
            [
                Finding(
                    "plan-schema",
                    msg("finding.plan-schema.units-csv", error=str(exc)),
                    file=label,
                    line=reader.reader.line_num,
                )
            ]
        ) from None
    return {"source": source or label, "units": units}, lines


def default_data_dir() -> Path:
    """``$QN_DX_DATA``, else the plan shipped in the wheel, else the checkout's ``data/``."""
    env = os.environ.get("QN_DX_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent  # .../qn_dx
    shipped = here / "data"
    if (shipped / "targets.yaml").is_file():
        return shipped
    return here.parent.parent / "data"  # src/qn_dx → repository root


def folder_problem(folder: Path) -> Msg | None:
    """Why ``folder`` cannot be a plan folder (it does not exist, or is a file), or None."""
    if folder.is_dir():
        return None
    if folder.exists() or folder.is_symlink():
        return msg("finding.plan-file-missing.not-folder", folder=display_path(folder))
    return msg("finding.plan-file-missing.folder", folder=display_path(folder))


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside; a symlink loop; cwd gone
        return str(path)


@dataclass
class Plan:
    folder: Path
    info: PlanInfo
    levels: list[LevelInfo]
    areas: list[AreaInfo]
    budget: Budget
    targets: list[Target]
    task_groups: list[TaskGroup]
    tasks: list[Task]
    units: list[Unit]
    agencies: list[Agency]
    groups: list[Group]
    lines: dict[str, dict[PathKey, int]] = field(repr=False)

    def label(self, key: str) -> str:
        return display_path(self.folder / file_name(self.folder, key))

    def line(self, key: str, *path: str | int) -> int | None:
        from .yamlsafe import line_of

        return line_of(self.lines.get(key, {}), path)

    # Indexes: the first entry with an id wins; `qn-dx check` reports the duplicates.
    @cached_property
    def target_by_id(self) -> dict[str, Target]:
        return _first_by(self.targets, "id")

    @cached_property
    def task_by_id(self) -> dict[str, Task]:
        return _first_by(self.tasks, "id")

    @cached_property
    def unit_by_code(self) -> dict[str, Unit]:
        return _first_by(self.units, "code")

    @cached_property
    def agency_by_code(self) -> dict[str, Agency]:
        return _first_by(self.agencies, "code")

    @cached_property
    def group_by_code(self) -> dict[str, Group]:
        return _first_by(self.groups, "code")

    @cached_property
    def area_by_id(self) -> dict[str, AreaInfo]:
        return _first_by(self.areas, "id")

    @cached_property
    def reporting_units(self) -> dict[str, ReportingUnit]:
        """Units and agencies by code (units first: a code names one thing)."""
        found: dict[str, ReportingUnit] = {}
        for u in self.units:
            found.setdefault(
                u.code, ReportingUnit(u.code, u.name, u.level, u.type, u.valid_from, u.valid_to)
            )
        for a in self.agencies:
            found.setdefault(a.code, ReportingUnit(a.code, a.name_vi, a.level, a.kind))
        return found

    @cached_property
    def changing_units(self) -> dict[str, Unit]:
        """Units that begin or end within the registry's time (merges, splits), by code: empty
        for a plan whose units do not change, so that nothing else costs anything then."""
        return {u.code: u for u in self.units if u.valid_from or u.valid_to}

    @cached_property
    def predecessors(self) -> dict[str, list[str]]:
        """Unit code → the codes of the units it took over (a merge's, a split's origin)."""
        out: dict[str, list[str]] = {}
        for u in self.units:
            for s in u.successors:
                out.setdefault(s.code, []).append(u.code)
        return out

    @cached_property
    def scope_memo(self) -> dict[tuple[Any, ...], tuple[str, ...]]:
        """The codes in each scope (registry.scope_codes), worked out once per run."""
        return {}

    @cached_property
    def level_by_id(self) -> dict[str, LevelInfo]:
        return _first_by(self.levels, "id")

    @cached_property
    def level_rank(self) -> dict[str, int]:
        """Each administrative level's place from the top (0: the province's level)."""
        return {lv.id: i for i, lv in enumerate(self.levels)}

    @property
    def plan_year(self) -> int:
        return self.info.plan_year

    @property
    def baseline_year(self) -> int:
        return self.info.baseline_year


def _first_by(items: list[Any], attr: str) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        index.setdefault(getattr(item, attr), item)
    return index


def load_plan(folder: Path | None = None) -> Plan:
    """Load and type-check every file of a plan folder; ``FindingsError`` lists all problems."""
    folder = Path(folder) if folder is not None else default_data_dir()
    problem = folder_problem(folder)
    if problem:
        raise FindingsError(
            [Finding("plan-file-missing", problem, hint=msg("finding.plan-file-missing.hint"))]
        )
    from pydantic import ValidationError

    from . import models
    from .yamlsafe import load_yaml

    parsed: dict[str, BaseModel] = {}
    lines: dict[str, dict[PathKey, int]] = {}
    problems: list[Finding] = []
    if (folder / "units.yaml").exists() and (folder / UNITS_CSV).exists():
        # Which one holds the units? Reading one and ignoring the other would be a guess.
        problems.append(
            Finding(
                "plan-schema",
                msg("finding.plan-schema.two-unit-lists"),
                file=display_path(folder / UNITS_CSV),
                hint=msg("finding.plan-schema.two-unit-lists.hint"),
            )
        )
    for key, (_name, model_name) in FILES.items():
        model = getattr(models, model_name)
        name = file_name(folder, key)
        label = display_path(folder / name)
        try:
            if name == UNITS_CSV:
                data, lines[key] = load_units_csv(folder / name, label)
            else:
                data, lines[key] = load_yaml(folder / name, label)
        except FindingsError as exc:
            problems.extend(exc.findings)
            continue
        try:
            parsed[key] = model.model_validate(data)
        except ValidationError as exc:
            problems.extend(_schema_findings(exc, data, lines[key], label))
    if problems:
        raise FindingsError(problems)
    plan_file: models.PlanFile = parsed["plan"]  # type: ignore[assignment]
    targets: models.TargetsFile = parsed["targets"]  # type: ignore[assignment]
    tasks: models.TasksFile = parsed["tasks"]  # type: ignore[assignment]
    units: models.UnitsFile = parsed["units"]  # type: ignore[assignment]
    agencies: models.AgenciesFile = parsed["agencies"]  # type: ignore[assignment]
    plan = Plan(
        folder=folder,
        info=plan_file.plan,
        levels=plan_file.levels,
        areas=plan_file.areas,
        budget=plan_file.budget,
        targets=targets.targets,
        task_groups=tasks.groups,
        tasks=tasks.tasks,
        units=units.units,
        agencies=agencies.agencies,
        groups=agencies.groups,
        lines=lines,
    )
    problems = shape_findings(plan)
    if problems:
        raise FindingsError(problems)
    return plan


def shape_findings(plan: Plan) -> list[Finding]:
    """What one file's schema cannot see but every command relies on: the levels and unit types
    that plan.yaml declares are the only ones units.yaml, scopes, groups and budget parts use."""
    from .models import AGENCY_LEVEL

    found: list[Finding] = []

    def bad(key: str, path: tuple[str | int, ...], message: Msg, hint: Msg | None = None) -> None:
        found.append(
            Finding(
                "plan-schema", message, file=plan.label(key), line=plan.line(key, *path), hint=hint
            )
        )

    levels = [lv.id for lv in plan.levels]
    seen_types: dict[str, str] = {}
    for i, lv in enumerate(plan.levels):
        if levels.index(lv.id) != i:
            bad("plan", ("levels", i), msg("finding.plan-schema.level-twice", level=repr(lv.id)))
        if lv.id == AGENCY_LEVEL:
            bad(
                "plan",
                ("levels", i, "id"),
                msg("finding.plan-schema.agency-level", level=repr(lv.id)),
                msg("finding.plan-schema.agency-level.hint"),
            )
        for j, t in enumerate(lv.types):
            if t in seen_types:
                bad(
                    "plan",
                    ("levels", i, "types", j),
                    msg(
                        "finding.plan-schema.type-twice",
                        type=repr(t),
                        first=seen_types[t],
                        second=lv.id,
                    ),
                    msg("finding.plan-schema.type-twice.hint"),
                )
            seen_types.setdefault(t, lv.id)
    known = ", ".join(levels)
    for i, u in enumerate(plan.units):
        level = plan.level_by_id.get(u.level)
        if level is None:
            bad(
                "units",
                ("units", i, "level"),
                msg("finding.plan-schema.unit-level", unit=u.code, level=repr(u.level)),
                msg("finding.plan-schema.one-of.hint", choices=known),
            )
        elif u.type not in level.types:
            bad(
                "units",
                ("units", i, "type"),
                msg("finding.plan-schema.unit-type", unit=u.code, type=repr(u.type), level=u.level),
                msg("finding.plan-schema.unit-type.hint", choices=", ".join(level.types)),
            )
    scope_levels = [*levels, AGENCY_LEVEL]
    for i, target in enumerate(plan.targets):
        for j, scope_level in enumerate(target.scope.levels):
            if scope_level not in scope_levels:
                bad(
                    "targets",
                    ("targets", i, "scope", "levels", j),
                    msg(
                        "finding.plan-schema.scope-level", target=target.id, level=repr(scope_level)
                    ),
                    msg("finding.plan-schema.one-of.hint", choices=", ".join(scope_levels)),
                )
        for j, ty in enumerate(target.scope.types or []):
            if ty not in seen_types:
                bad(
                    "targets",
                    ("targets", i, "scope", "types", j),
                    msg("finding.plan-schema.scope-type", target=target.id, type=repr(ty)),
                    msg("finding.plan-schema.one-of.hint", choices=", ".join(seen_types)),
                )
    for i, g in enumerate(plan.groups):
        if g.members_level is not None and g.members_level not in scope_levels:
            bad(
                "agencies",
                ("groups", i, "members_level"),
                msg("finding.plan-schema.members-level", group=g.code, level=repr(g.members_level)),
                msg("finding.plan-schema.one-of.hint", choices=", ".join(scope_levels)),
            )
    for i, part in enumerate(plan.budget.recurrent.parts):
        if part.level not in levels:
            bad(
                "plan",
                ("budget", "recurrent", "parts", i, "level"),
                msg("finding.plan-schema.budget-level", level=repr(part.level)),
                msg("finding.plan-schema.one-of.hint", choices=known),
            )
    return found


def _schema_findings(
    exc: ValidationError, data: Any, lines: dict[PathKey, int], label: str
) -> list[Finding]:
    from .yamlsafe import line_of

    found = []
    for err in exc.errors():
        # A target's `lead:` (one code or a list) is the model's `leads`: name the YAML key.
        loc = tuple("lead" if p == "leads" else p for p in err["loc"])
        entry: Msg | None = None
        field_path = loc
        if len(loc) >= 2 and loc[0] in _ENTRY_NAMES and isinstance(loc[1], int):
            noun, id_field = _ENTRY_NAMES[str(loc[0])]
            ident = _entry_id(data, loc[0], loc[1], id_field)
            entry = (
                msg("words.entry", noun=msg(f"words.noun.{noun}"), id=ident)
                if ident
                else msg("words.entry.number", noun=msg(f"words.noun.{noun}"), n=loc[1] + 1)
            )
            field_path = loc[2:]
        where = ".".join(str(p) for p in field_path)
        variant = ("entry-" if entry is not None else "") + ("field" if where else "problem")
        found.append(
            Finding(
                "plan-schema",
                msg(
                    f"finding.plan-schema.{variant}",
                    entry=entry,
                    field=where,
                    problem=_message(err),
                ),
                file=label,
                line=line_of(lines, loc),
                hint=_hint(err),
            )
        )
    return found


def _entry_id(data: Any, key: Any, index: int, id_field: str) -> str | None:
    try:
        value = data[key][index][id_field]
    except (KeyError, IndexError, TypeError):
        return None
    return str(value) if value is not None else None


def _message(err: Any) -> str:
    if err["type"] == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return msg("finding.plan-schema.one-of", expected=expected)
    error = err.get("ctx", {}).get("error")
    if isinstance(error, ValueError) and error.args and isinstance(error.args[0], Msg):
        return error.args[0]  # the plan's own rules (models.py) speak both languages
    if err["type"] == "extra_forbidden":
        return msg("finding.plan-schema.unknown-field")
    if err["type"] == "missing":
        return msg("finding.plan-schema.missing")
    text = str(err["msg"])  # pydantic's own words (English), framed in the plan's language
    if text.startswith("Value error, "):
        return text[len("Value error, ") :]
    if text.startswith("Input should be "):
        return msg("finding.plan-schema.must-be", what=text[len("Input should be ") :])
    return text


def _hint(err: Any) -> str | None:
    if err["type"] in ("missing", "extra_forbidden"):
        return None
    value = err.get("input")
    if isinstance(value, dict | list):
        return None
    shown = repr(value)
    return msg(
        "finding.plan-schema.got.hint", value=shown if len(shown) <= 80 else shown[:77] + "..."
    )
