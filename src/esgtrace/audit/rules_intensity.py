"""Intensities against their totals: the denominators they imply must agree.

``total / intensity`` gives the denominator each intensity was computed with, as an
interval once both figures' printed precision is allowed for. Within one report and year
all intensities over the same kind of denominator (headcount, revenue, production) should
share one value, and it should match the headcount or revenue the report prints.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from esgtrace.audit.catalogue import Rule
from esgtrace.audit.facts import convert, fmt
from esgtrace.audit.model import Finding, Severity
from esgtrace.audit.registry import Context, finding, kind, power_of_ten
from esgtrace.extract.model import Fact


@dataclass(frozen=True)
class Implied:
    """The denominator one intensity implies, as an interval."""

    intensity: Fact
    numerator: Fact
    low: float
    high: float
    numerator_value: float  # in the intensity's numerator unit

    @property
    def mid(self) -> float:
        return self.numerator_value / self.intensity.value

    def contains(self, value: float, relative: float) -> bool:
        return self.low * (1 - relative) <= value <= self.high * (1 + relative)


def _numerators(params: dict[str, Any], fact: Fact) -> list[tuple[str, dict[str, str]]]:
    by_breakdown: dict[str, dict[str, str]] = params.get("breakdown_numerators", {})
    for key, mapping in by_breakdown.items():
        if key in fact.breakdown and fact.breakdown[key] in mapping:
            rest = {k: v for k, v in fact.breakdown.items() if k != key}
            return [(mapping[fact.breakdown[key]], rest)]
    candidates: dict[str, list[str]] = params["intensities"]
    return [(m, dict(fact.breakdown)) for m in candidates.get(fact.metric, [])]


def _implied(ctx: Context, params: dict[str, Any], fact: Fact) -> list[Implied]:
    if fact.value <= 0 or "/" not in fact.unit:
        return []
    unit = fact.unit.split("/", 1)[0].strip()
    out = []
    intensity = ctx.index.op(fact)
    for metric, breakdown in _numerators(params, fact):
        numerator = ctx.index.get(metric, fact.period, breakdown)
        if numerator is None or numerator.value <= 0:
            continue
        n = ctx.index.op(numerator)
        value = convert(n.value, numerator.unit, unit, ctx.catalogue)
        half = convert(n.half_unit, numerator.unit, unit, ctx.catalogue)
        if value is None or half is None:
            continue
        low_i, high_i = intensity.low, intensity.high
        high = (value + half) / low_i if low_i > 0 else math.inf
        out.append(Implied(fact, numerator, (value - half) / high_i, high, value))
    return out


def implied_by_denominator(ctx: Context, params: dict[str, Any]) -> dict[tuple[str, str], list[list[Implied]]]:
    """(period, denominator kind) -> for each intensity, its candidate implied denominators."""
    groups: dict[tuple[str, str], list[list[Implied]]] = defaultdict(list)
    metrics = set(params["intensities"])
    for fact in ctx.index:
        if fact.metric not in metrics:
            continue
        denominator = ctx.catalogue.denominator(fact.unit)
        candidates = _implied(ctx, params, fact)
        if denominator is not None and candidates:
            groups[(fact.period, denominator.name)].append(candidates)
    return groups


def _choose(candidates: list[list[Implied]]) -> list[Implied]:
    """For each intensity the candidate numerator closest to what the others imply."""
    mids = sorted(c[0].mid for c in candidates)
    centre = mids[len(mids) // 2]
    return [min(c, key=lambda i: 0.0 if i.low <= centre <= i.high else abs(math.log(i.mid / centre))) for c in candidates]


def consensus(candidates: list[list[Implied]], relative: float) -> tuple[float | None, list[Implied]]:
    """The denominator most intensities agree on, and the intensities that agree."""
    chosen = _choose(candidates)
    best: tuple[int, float] | None = None
    for probe in [c.mid for c in chosen] + [c.low for c in chosen] + [c.high for c in chosen if math.isfinite(c.high)]:
        count = sum(c.contains(probe, relative) for c in chosen)
        if best is None or count > best[0]:
            best = (count, probe)
    if best is None:
        return None, chosen
    agreeing = [c for c in chosen if c.contains(best[1], relative)]
    if len(agreeing) < 2 and len(chosen) >= 2:
        return None, chosen
    lows = max(c.low for c in agreeing)
    highs = min(c.high for c in agreeing)
    return (lows + highs) / 2 if highs >= lows else best[1], chosen


@kind("implied-denominators")
def check_implied_denominators(ctx: Context, rule: Rule) -> list[Finding]:
    """Intensities of one year whose implied denominators disagree."""
    p = rule.params
    relative = float(p.get("relative_tolerance", 0.005))
    out: list[Finding] = []
    for (period, denominator), candidates in implied_by_denominator(ctx, p).items():
        if len(candidates) < 2:
            continue
        centre, chosen = consensus(candidates, relative)
        if centre is None:
            lows = ", ".join(f"{c.intensity.metric} {fmt(c.mid)}" for c in chosen)
            message = f"{period}: intensities per {denominator} imply different denominators ({lows}) and none agree"
            facts = [f for c in chosen for f in (c.intensity, c.numerator)]
            out.append(finding(rule, facts, message, period=period, formula=f"total / intensity: {lows}"))
            continue
        for c in chosen:
            if c.contains(centre, relative):
                continue
            expected = c.numerator_value / centre
            slip = power_of_ten(c.mid / centre, p.get("magnitudes", ()), 0.35)
            hint = f"; off by a factor {fmt(1 / slip if slip < 1 else slip)}, a unit slip?" if slip else ""
            message = (
                f"{c.intensity.metric} {period}: {fmt(c.numerator_value)} ({c.numerator.metric}) / "
                f"{fmt(c.intensity.value)} implies {fmt(c.mid)} {denominator}, while the other intensities "
                f"imply {fmt(centre)}; expected intensity {fmt(expected)} {c.intensity.unit}{hint}"
            )
            out.append(
                finding(
                    rule, [c.intensity, c.numerator], message, period=period, expected=expected,
                    actual=c.intensity.value, unit=c.intensity.unit, tolerance=c.intensity.value - expected * c.low / c.mid if c.mid else None,
                    severity=Severity.error if slip else None,
                    formula=f"{fmt(c.numerator_value)} / {fmt(c.intensity.value)} = {fmt(c.mid)} vs {fmt(centre)} {denominator}",
                )
            )
    return out


@kind("printed-denominator")
def check_printed_denominator(ctx: Context, rule: Rule) -> list[Finding]:
    """The denominator the intensities imply against the headcount or revenue printed."""
    intensity_rule = next((r for r in ctx.catalogue.rules if r.kind == "implied-denominators"), None)
    if intensity_rule is None:
        return []
    relative = float(rule.params.get("relative_tolerance", 0.03))
    kinds = {d.name: d for d in ctx.catalogue.denominators}
    out: list[Finding] = []
    for (period, name), candidates in implied_by_denominator(ctx, intensity_rule.params).items():
        denominator = kinds.get(name)
        if denominator is None or denominator.printed_metric is None:
            continue
        printed = ctx.index.get(denominator.printed_metric, period, {})
        if printed is None or printed.value <= 0:
            continue
        target = printed.value * denominator.printed_scale
        centre, chosen = consensus(candidates, float(intensity_rule.params.get("relative_tolerance", 0.005)))
        agreeing = [c for c in chosen if centre is not None and c.contains(centre, 0.005)] or chosen
        low = max(c.low for c in agreeing)
        high = min(c.high for c in agreeing)
        if low > high:  # the intensities disagree: implied-denominator reports that
            low, high = min(c.low for c in agreeing), max(c.high for c in agreeing)
        if low * (1 - relative) <= target <= high * (1 + relative):
            continue
        implied = centre if centre is not None else agreeing[0].mid
        slip = power_of_ten(implied / target, (1000.0, 10000.0, 1_000_000.0), 0.35)
        hint = f"; off by a factor {fmt(1 / slip if slip < 1 else slip)}, a unit slip?" if slip else ""
        message = (
            f"{period}: the intensities per {name} imply {fmt(implied)}, but {printed.metric} prints "
            f"{fmt(target)} ({(implied - target) / target:+.1%}){hint}"
        )
        facts = [printed, *(f for c in agreeing for f in (c.intensity, c.numerator))]
        out.append(
            finding(
                rule, facts, message, period=period, expected=target, actual=implied, unit=name,
                tolerance=target * relative, severity=Severity.error if slip else None,
                formula=f"total / intensity = {fmt(implied)} vs printed {fmt(target)} {name}",
            )
        )
    return out
