"""`qn-dx explain` as text for a person, or JSON for a script."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ..compute.explain import Explanation, explanation_dict
from ..findings import day_words, said
from ..plan import Plan
from ..text import visible
from ..vocab import Lang
from ..words import number, period_label, say
from .figures import actual_text, goal_text, shortfall_text, status_text
from .safe import json_text


def to_json(plan: Plan, e: Explanation, lang: str) -> str:
    return json_text(explanation_dict(plan, e, lang))


def to_text(plan: Plan, e: Explanation, lang: str) -> str:
    d = explanation_dict(plan, e, lang)
    r = e.result
    t = e.target
    rule = d["rule"]
    unit = t.unit
    status = status_text(r, lang)
    if lang == Lang.en and status.split(",")[0] != r.status:
        status += f" ({r.status})"
    out = [
        f"{t.id} — {d['title']}",
        f"{say('explain.plan', lang)}: {t.source.section}: “{t.source.quote}”",
        say(
            "explain.rule",
            lang,
            measure=say(f"measure.{t.measure}", lang),
            how=say(f"explain.how.{t.measure}", lang),
            goal=goal_text(t, r.target_value, lang),
            rule=say(f"rule.{rule['period_rule']}", lang),
            scope=_scope(plan, t, lang),
            n=r.units_expected,
        ),
        say(
            "explain.as_of",
            lang,
            period=period_label(e.as_of, lang),
            actual=actual_text(r.actual, unit, lang),
            gap=shortfall_text(r.gap, unit, lang),
            status=status,
            reported=r.units_reported,
            expected=r.units_expected,
            coverage=f"{number(100 * r.coverage, lang, 0)} %",
            side=say("explain.below" if r.provisional else "explain.above", lang),
            minimum=f"{number(100 * r.min_coverage, lang, 0)} %",
        ),
        "",
        say("explain.counted", lang, n=len(d["contributions"])),
    ]
    for c in d["contributions"]:
        out.append(
            f"  {c['unit']:<8} {c['unit_name'][:32]:<32} {_period(c['period'], lang):<13} "
            f"{_figures(c, lang):<18} {_cited(c)}"
            + (f"  {say('explain.cumulative', lang)}" if c["basis"] == "cumulative" else "")
            + (f"  {say('explain.carried', lang)}" if c["carried_forward"] else "")
        )
    if t.measure == "ratio" and d["contributions"]:
        num = sum(float(c["numerator"] or 0) for c in d["contributions"])
        den = sum(float(c["denominator"] or 0) for c in d["contributions"])
        ratio = None
        if den and math.isfinite(num + den):  # as the engine computes it; 100 × num may overflow
            ratio = 100 * num / den
            ratio = ratio if math.isfinite(ratio) else 100 * (num / den)
        if not den:
            value = say("explain.undefined", lang)
        elif ratio is None or not math.isfinite(ratio):
            value = say("explain.overflow", lang)
        else:
            value = f"{number(ratio, lang, 2)} %"
        out.append(
            f"  {say('explain.sums', lang, num=_g(num, lang), den=_g(den, lang), value=value)}"
        )
    if d["note"]:
        out.append(f"  {say('explain.note', lang, note=d['note'])}")
    if d.get("mapping") or d.get("warnings"):
        day = dt.date.fromisoformat(d["on_units"])
        out += ["", say("explain.mapping", lang, day=said(day_words(day), lang))]
        for m in d["mapping"]:
            places = ", ".join(
                f"{p['unit']}" + (f" ×{number(p['share'], lang, 2)}" if p["share"] != 1 else "")
                for p in m["to"]
            )
            out.append(f"  {m['unit']} → {places}")
        for w in d.get("warnings", []):
            where = f"{w['file']}:{w['line']}: " if w.get("file") else ""
            out.append(f"  {where}{w['code']}: {w['message']}")
    out += ["", say("explain.not_counted", lang, n=len(d["excluded"]))]
    out += [
        f"  {x['unit']:<8} {_period(x['period'], lang):<13} {x['file']}:{x['line']} — {x['reason']}"
        for x in d["excluded"]
    ] or [f"  ({say('none', lang)})"]
    b = d["baseline"]
    out.append("")
    if b["source"] == "actuals":
        where = ", ".join(f"{o['file']}:{o['line']}" for o in b["observations"])
        out.append(
            say(
                "explain.baseline_actuals",
                lang,
                value=_g(b["value"], lang),
                year=plan.baseline_year,
                where=where,
            )
        )
    elif b["source"] == "plan":
        out.append(
            say(
                "explain.baseline_plan",
                lang,
                value=_g(b["value"], lang),
                where=f"{b['file']}:{b['line']}",
                section=b.get("section"),
                quote=b.get("quote"),
            )
        )
    else:
        needed = t.op == "increase" or t.target_offset is not None
        out.append(
            say("explain.baseline_none", lang)
            + (say("explain.baseline_needed", lang) if needed else "")
        )
    p = d["projection"]
    if p["points"]:
        pts = ", ".join(f"{_period(x['period'], lang)} {_g(x['value'], lang)}" for x in p["points"])
        out.append(say("explain.projection", lang, points=pts, value=_g(p["year_end"], lang)))
    else:
        out.append(say("explain.no_projection", lang))
    # One output line per entry: a newline or ESC in a quote, a name or a file name is escaped.
    return "\n".join(visible(line) for line in out) + "\n"


def _scope(plan: Plan, t: Any, lang: str) -> str:
    """``cấp xã (xã, thị trấn)``, ``department``, ``SYT + SGDDT``: the level names the plan
    declares (a level the plan does not declare, such as the agencies', from the words)."""

    def level_name(level: str) -> str:
        info = plan.level_by_id.get(level)
        if info is None:
            return say(f"level.{level}", lang)
        return info.name_vi if lang == Lang.vi else info.name_en

    levels = " + ".join(level_name(level) for level in t.scope.levels)
    if t.scope.types:
        levels = f"{levels} ({', '.join(t.scope.types)})"
    return " + ".join(p for p in [levels, *t.scope.units] if p)


def _cited(c: dict[str, Any]) -> str:
    """``file:line``, or every line a combined figure was made from (``a.csv:2, 3; b.csv:4``)."""
    by_file: dict[str, list[str]] = {}
    for s in c.get("sources") or [{"file": c["file"], "line": c["line"]}]:
        by_file.setdefault(s["file"], []).append(str(s["line"]))
    return "; ".join(f"{f}:{', '.join(lines)}" for f, lines in by_file.items())


def _period(label: str, lang: str) -> str:
    """A period as the language writes it; a spelling that is no period (a refused row) as is."""
    from ..ingest.periods import parse_period

    p = parse_period(label)
    return period_label(p, lang) if p is not None else label


def _g(x: Any, lang: str = "en") -> str:
    """A figure, shortest form; ints of any size and non-finite floats included."""
    x = float(x)  # a whole figure may come as an int of 300 digits; 1e308 is still a float
    if not math.isfinite(x):
        return say("explain.overflow", lang)
    if x.is_integer() and abs(x) < 1e15:
        return number(x, lang, 0)
    text = f"{x:g}"
    return text.replace(".", ",") if lang == Lang.vi else text


def _figures(c: dict[str, Any], lang: str) -> str:
    if c["done"] is not None:
        return say("milestone.done" if c["done"] else "milestone.not_done", lang)
    if c["numerator"] is not None:
        return f"{_g(c['numerator'], lang)}/{_g(c['denominator'], lang)}"
    return _g(c["value"], lang) if c["value"] is not None else ""
