"""Progress of a target, computed from printed figures: how far from baseline to target, and
whether the straight line from the baseline year to the target year is being kept.

The figures are facts of the target's metric (the report's own, or an earlier stored
report's of the same issuer): the baseline year's and the latest period's, whole-company
(no breakdown). A target table's result column is the latest figure of a level target.
Nothing here is claimed by the report: every :class:`Progress` is marked ``computed``
and carries the figures it used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from esgtrace.targets.model import Figure, Progress, Target


def _year(period: str | None) -> int | None:
    m = re.search(r"(?:19|20)\d\d", period or "")
    return int(m.group(0)) if m else None


def _figure(fact: Any) -> Figure:
    return Figure(period=str(fact.period), value=float(fact.value), unit=str(getattr(fact, "unit", "") or ""),
                  document=str(getattr(fact, "document", "") or ""), page=getattr(fact, "page", None),
                  line=getattr(fact, "line", None), quote=str(getattr(fact, "quote", "") or "")[:250])


def _series(facts: Iterable[Any], metric: str) -> dict[int, Any]:
    """Whole-company facts of ``metric`` by year (the later report's value when two give one)."""
    out: dict[int, Any] = {}
    for fact in facts:
        if fact.metric != metric or fact.breakdown:
            continue
        year = _year(fact.period)
        if year is not None:
            out[year] = fact
    return out


def target_value(target: Target, baseline: float | None) -> float | None:
    """The value ``target`` stands for, given its baseline figure."""
    value = target.change_value
    if value is None:
        return 0.0 if target.kind == "net_zero" else None
    if target.change.endswith("%") and target.change[:1] in "+-":
        return None if baseline is None else baseline * (1 + value / 100)
    if target.change.startswith("x"):
        return None if baseline is None else baseline * value
    return value


def compute(target: Target, facts: Sequence[Any], latest_year: int | None, lower: bool) -> Progress | None:
    """The progress of ``target`` from ``facts``, or ``None`` when the figures are not there.

    :param latest_year: the report's period: the latest figure is of this year
    :param lower: whether lower is better (emissions, consumption), from the subject
    """
    if target.metric is None or latest_year is None or target.target_year is None:
        return None
    relative = target.change[:1] in "+-" and target.change.endswith("%") or target.change.startswith("x")
    if not relative and target.kind != "share":
        return None  # a level in a unit of its own ("0.46 tCO2e/t cement") is not compared with facts
    if target.kind == "share" and target.change[:1] not in "<>" and not target.change.endswith("%"):
        return None
    series = _series(facts, target.metric)
    current = series.get(latest_year)
    if current is None:
        return None
    base = series.get(target.baseline_year) if target.baseline_year is not None else None
    if target.baseline_year is not None and base is None:
        return None
    if base is not None and target.baseline_year == latest_year:
        return None
    goal = target_value(target, float(base.value) if base is not None else None)
    if goal is None:
        return None
    now = float(current.value)
    downwards = goal < float(base.value) if base is not None else lower
    met = now <= goal + 1e-9 if downwards else now >= goal - 1e-9
    share = on_track = expected = None
    if base is not None and target.baseline_year is not None:
        start = float(base.value)
        if goal != start:
            share = round((start - now) / (start - goal), 4)
        if target.target_year is not None and target.target_year > target.baseline_year:
            elapsed = (latest_year - target.baseline_year) / (target.target_year - target.baseline_year)
            expected = start + (goal - start) * min(1.0, elapsed)
            on_track = now <= expected + 1e-9 if downwards else now >= expected - 1e-9
    return Progress(share=share, on_track=on_track, met=met, target_value=round(goal, 6),
                    expected_now=None if expected is None else round(expected, 6),
                    baseline=_figure(base) if base is not None else None, current=_figure(current),
                    method="facts: baseline and latest figure of the metric")


def from_table(target: Target, value: float, printed: str, lower: bool) -> Progress | None:
    """The result a target table (or the target's sentence: "to 78% against a target of 75%")
    prints beside a level or share target of the same year."""
    goal = target.change_value
    if goal is None or target.target_year is None:
        return None
    upper = target.change.startswith("<=") or (not target.change.startswith(">=") and lower and target.kind != "share")
    met = value <= goal + 1e-9 if upper else value >= goal - 1e-9
    current = Figure(period=str(target.target_year), value=value, unit="", page=target.page, line=target.line, quote=target.quote)
    # the figure is printed in the target's own row: its quote is the target's
    where = "target table" if target.method == "table" else "sentence"
    return Progress(met=met, target_value=goal, current=current, method=f"{where}: result {printed} printed beside the target")
