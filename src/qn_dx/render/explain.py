"""`qn-dx explain` as text for a person, or JSON for a script."""

from __future__ import annotations

import math
from typing import Any

from ..compute.explain import Explanation, explanation_dict
from ..plan import Plan
from ..text import visible
from .report import actual_text, gap_text, status_text, target_text
from .safe import json_text


def to_json(plan: Plan, e: Explanation, lang: str) -> str:
    return json_text(explanation_dict(plan, e, lang))


def _status(r: Any, lang: str) -> str:
    """The status as the report shows it, with its code when the words differ from it."""
    shown = status_text(r, lang)
    return shown if shown.split(",")[0].split(" (")[0] == r.status else f"{shown} ({r.status})"


def to_text(plan: Plan, e: Explanation, lang: str) -> str:
    d = explanation_dict(plan, e, lang)
    r = e.result
    t = e.target
    rule = d["rule"]
    how = {
        "ratio": "100 × Σnumerator / Σdenominator over the units",
        "value": "the unit's figure (counts of several units are added)",
        "milestone": "done when every reporting unit says done",
    }[t.measure]
    out = [
        f"{t.id} — {d['title']}",
        f"Plan: {t.source.section}: “{t.source.quote}”",
        f"Rule: {t.measure} = {how}; goal {target_text(r)}; period rule {rule['period_rule']}; "
        f"scope {t.scope.describe()} ({r.units_expected} units)",
        f"As of {d['as_of']}: actual {actual_text(r)}, gap {gap_text(r)}, status "
        f"{_status(r, lang)}; {r.units_reported}/{r.units_expected} units reported (coverage "
        f"{r.coverage:.0%}, {'below' if r.provisional else 'at or above'} the "
        f"{r.min_coverage:.0%} a final result needs)",
        "",
        f"Counted ({len(d['contributions'])} observation(s)):",
    ]
    for c in d["contributions"]:
        out.append(
            f"  {c['unit']:<8} {c['unit_name'][:32]:<32} {c['period']:<8} "
            f"{_figures(c):<18} {c['file']}:{c['line']}"
            + ("  (cumulative: the year so far)" if c["basis"] == "cumulative" else "")
            + ("  (carried forward)" if c["carried_forward"] else "")
        )
    if t.measure == "ratio" and d["contributions"]:
        num = sum(float(c["numerator"] or 0) for c in d["contributions"])
        den = sum(float(c["denominator"] or 0) for c in d["contributions"])
        ratio = None
        if den and math.isfinite(num + den):  # as the engine computes it; 100 × num may overflow
            ratio = 100 * num / den
            ratio = ratio if math.isfinite(ratio) else 100 * (num / den)
        if not den:
            value = "undefined (Σdenominator = 0)"
        elif ratio is None or not math.isfinite(ratio):
            value = "not a finite number (the sums overflow)"
        else:
            value = f"{ratio:.2f} %"
        out.append(f"  Σnumerator = {_g(num)}, Σdenominator = {_g(den)} → {value}")
    if r.note:
        out.append(f"  note: {r.note}")
    out += ["", f"Not counted ({len(d['excluded'])}):"]
    out += [
        f"  {x['unit']:<8} {x['period']:<8} {x['file']}:{x['line']} — {x['reason']}"
        for x in d["excluded"]
    ] or ["  (none)"]
    b = d["baseline"]
    out.append("")
    if b["source"] == "actuals":
        where = ", ".join(f"{o['file']}:{o['line']}" for o in b["observations"])
        out.append(f"Baseline: {_g(b['value'])} from the {plan.baseline_year} actuals ({where})")
    elif b["source"] == "plan":
        out.append(
            f"Baseline: {_g(b['value'])} from the plan ({b['file']}:{b['line']}; "
            f"{b.get('section')}: “{b.get('quote')}”)"
        )
    else:
        out.append(
            "Baseline: none"
            + (
                " — this target needs one"
                if t.op == "increase" or t.target_offset is not None
                else ""
            )
        )
    p = d["projection"]
    if p["points"]:
        pts = ", ".join(f"{x['period']} {_g(x['value'])}" for x in p["points"])
        out.append(f"Projection: {pts} → least-squares line at the year's end: {_g(p['year_end'])}")
    else:
        out.append("Projection: not needed (met, a milestone, the year's last period, or no data)")
    # One output line per entry: a newline or ESC in a quote, a name or a file name is escaped.
    return "\n".join(visible(line) for line in out) + "\n"


def _g(x: Any) -> str:
    """A figure, shortest form; ints of any size and non-finite floats included."""
    x = float(x)  # a whole figure may come as an int of 300 digits; 1e308 is still a float
    return f"{x:g}" if math.isfinite(x) else "not a finite number"


def _figures(c: dict[str, Any]) -> str:
    if c["done"] is not None:
        return "done" if c["done"] else "not done"
    if c["numerator"] is not None:
        return f"{_g(c['numerator'])}/{_g(c['denominator'])}"
    return _g(c["value"]) if c["value"] is not None else ""
