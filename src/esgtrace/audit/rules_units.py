"""Units and magnitudes: bounds, factor-of-1,000 jumps, mixed units, tiny parts, round estimates."""

from __future__ import annotations

import math
import re
from collections import defaultdict

from esgtrace.audit.catalogue import Rule
from esgtrace.audit.facts import fmt, printed_number
from esgtrace.audit.model import Finding
from esgtrace.audit.registry import Context, finding, kind, power_of_ten
from esgtrace.audit.rules_intensity import implied_by_denominator
from esgtrace.audit.rules_sums import breakdown_groups
from esgtrace.extract.model import Fact

_YEAR = re.compile(r"(?:19|20)\d{2}")


def year_of(period: str) -> int | None:
    """The last four-digit year of a period label ("FY2022" -> 2022, "2022/23" -> 2022)."""
    years = _YEAR.findall(period)
    return int(years[-1]) if years else None


def series(ctx: Context) -> dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[int, Fact]]]:
    """(metric, breakdown) -> facts ordered by year."""
    out: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[int, Fact]]] = defaultdict(list)
    for fact in ctx.index:
        year = year_of(fact.period)
        if year is not None:
            out[(fact.metric, fact.key[2])].append((year, fact))
    for facts in out.values():
        facts.sort(key=lambda pair: pair[0])
    return out


def consecutive(facts: list[tuple[int, Fact]]) -> list[tuple[Fact, Fact]]:
    return [(a, b) for (ya, a), (yb, b) in zip(facts, facts[1:]) if yb - ya == 1]


@kind("bounds")
def check_bounds(ctx: Context, rule: Rule) -> list[Finding]:
    """Shares over 100%, negative quantities, ratios outside their physical range."""
    p = rule.params
    free = set(p.get("may_be_negative", ()))
    over = set(p.get("may_exceed_100", ()))
    low_pct, high_pct = p.get("percent_range", [0, 100])
    ranges = p.get("ranges", {})
    out: list[Finding] = []
    for fact in ctx.index:
        if fact.metric in free:
            continue
        bounds: tuple[float, float] | None = None
        if fact.metric in ranges:
            low_high = ranges[fact.metric]
            bounds = (float(low_high[0]), float(low_high[1]))
        elif fact.unit in p.get("percent_units", ()):
            bounds = (low_pct, math.inf if fact.metric in over else high_pct)
        elif p.get("nonnegative", True):
            bounds = (0.0, math.inf)
        if bounds is None:
            continue
        low, high = bounds
        half = ctx.index.op(fact).half_unit
        if low - half <= fact.value <= high + half:
            continue
        nearest = low if fact.value < low else high
        message = f"{fact.metric} {fact.period}: {fmt(fact.value)} {fact.unit} is outside [{fmt(low)}, {fmt(high)}]"
        out.append(
            finding(
                rule, [fact], message, period=fact.period, expected=nearest, actual=fact.value,
                tolerance=half, unit=fact.unit, formula=f"{fmt(low)} <= {fmt(fact.value)} <= {fmt(high)}",
            )
        )
    return out


@kind("magnitude-jump")
def check_magnitude_jump(ctx: Context, rule: Rule) -> list[Finding]:
    """A figure that moves by about 10^3, 10^4 or 10^6 from one year to the next."""
    p = rule.params
    out: list[Finding] = []
    for (metric, _), facts in series(ctx).items():
        for before, after in consecutive(facts):
            if before.value <= p.get("min_value", 0) or after.value <= p.get("min_value", 0):
                continue
            ratio = after.value / before.value
            slip = power_of_ten(ratio, p.get("factors", (1000, 10000)), float(p.get("closeness", 0.35)))
            if slip is None:
                continue
            message = (
                f"{metric} {before.period} -> {after.period}: {fmt(before.value)} -> {fmt(after.value)} {after.unit}"
                f" moves by a factor {fmt(ratio)}, close to {fmt(slip)}: a unit slip in one of the years?"
            )
            out.append(
                finding(
                    rule, [before, after], message, period=after.period, expected=before.value,
                    actual=after.value, unit=after.unit, formula=f"{fmt(after.value)} / {fmt(before.value)} = {fmt(ratio)} ~ {fmt(slip)}",
                )
            )
    return out


def _scales_differ(ctx: Context, facts: list[Fact]) -> bool:
    scales = {round(math.log10(abs(ctx.index.op(f).scale)), 3) for f in facts if f.value and printed_number(f.reported_value)}
    return len(scales) > 1


@kind("mixed-units")
def check_mixed_units(ctx: Context, rule: Rule) -> list[Finding]:
    """Parts and totals, or totals and their intensities, printed in different units."""
    out: list[Finding] = []
    sum_rules = [r for r in ctx.catalogue.rules if r.id in rule.params.get("sums", ()) and r.kind == "breakdown-sum"]
    for sum_rule in sum_rules:
        p = sum_rule.params
        for total, dim, members in breakdown_groups(ctx, p["metrics"], p["dimensions"], int(p.get("min_groups", 2))):
            if _scales_differ(ctx, [total, *members]):
                units = ", ".join(f"{f.breakdown.get(dim, 'total')}: {f.reported_unit or '?'}" for f in [total, *members])
                message = f"{total.metric} {total.period} by {dim} prints its rows in different units ({units})"
                out.append(finding(rule, [total, *members], message, period=total.period))
    intensity_rule = next((r for r in ctx.catalogue.rules if r.kind == "implied-denominators"), None)
    if rule.params.get("intensities") and intensity_rule is not None:
        for _, candidates in implied_by_denominator(ctx, intensity_rule.params).items():
            for candidate in candidates:
                c = candidate[0]
                if _scales_differ(ctx, [c.numerator, c.intensity]):
                    message = (
                        f"{c.intensity.metric} {c.intensity.period} is printed in {c.intensity.reported_unit or '?'} "
                        f"while {c.numerator.metric} is in {c.numerator.reported_unit or '?'}"
                    )
                    out.append(finding(rule, [c.numerator, c.intensity], message, period=c.intensity.period))
    return out


@kind("tiny-part")
def check_tiny_part(ctx: Context, rule: Rule) -> list[Finding]:
    """A part far below a thousandth of its whole (kWh printed where MWh was meant?)."""
    threshold = float(rule.params.get("ratio", 1e-4))
    out: list[Finding] = []
    for pair in rule.params["pairs"]:
        for part in [f for f in ctx.index if f.metric == pair["part"]]:
            whole = next((w for m in pair["whole"] if (w := ctx.index.get(m, part.period, {})) is not None), None)
            if whole is None or whole.value <= 0 or part.value <= 0 or whole.unit != part.unit:
                continue
            ratio = part.value / whole.value
            if ratio >= threshold:
                continue
            message = (
                f"{part.metric} {part.period}: {fmt(part.value)} {part.unit} is {ratio:.2e} of {whole.metric} "
                f"{fmt(whole.value)}; {fmt(part.value * 1000)} {part.unit} would be {ratio * 1000:.2%}: a kWh/MWh slip?"
            )
            out.append(
                finding(rule, [part, whole], message, period=part.period, expected=whole.value * threshold,
                        actual=part.value, unit=part.unit, formula=f"{fmt(part.value)} / {fmt(whole.value)} = {ratio:.2e}")
            )
    return out


@kind("round-figure")
def check_round_figure(ctx: Context, rule: Rule) -> list[Finding]:
    """A round thousands figure printed with zero decimals beside precise neighbours."""
    p = rule.params
    out: list[Finding] = []
    precise_by_metric: dict[str, list[Fact]] = defaultdict(list)
    for fact in ctx.index:
        printed = printed_number(fact.reported_value)
        if printed is not None and printed[1] > 0 and printed[0] % 1:
            precise_by_metric[fact.metric].append(fact)
    for fact in ctx.index:
        printed = printed_number(fact.reported_value)
        if printed is None or printed[1] == 0 or abs(printed[0]) < p.get("min_value", 1000):
            continue
        if printed[0] % p.get("round_to", 1000) != 0:
            continue
        precise = precise_by_metric.get(fact.metric, [])
        if not precise:
            continue
        message = (
            f"{fact.metric} {fact.period}{' ' + str(dict(fact.breakdown)) if fact.breakdown else ''}: "
            f"{fact.reported_value} is a round figure with printed decimals beside precise values "
            f"({precise[0].reported_value}): an estimate?"
        )
        out.append(finding(rule, [fact, precise[0]], message, period=fact.period, actual=fact.value, unit=fact.unit))
    return out
