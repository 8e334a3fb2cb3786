"""Totals against their parts: scope sums, energy sums, breakdowns, shares, weighted averages."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from esgtrace.audit.catalogue import Rule
from esgtrace.audit.facts import Operand, convert, fmt
from esgtrace.audit.model import Finding, Severity
from esgtrace.audit.registry import Context, describe_difference, finding, kind, power_of_ten
from esgtrace.extract.model import Fact

_EPS = 1e-9
_SLIPS = (1000.0, 10000.0, 1_000_000.0)


def _in_unit(ctx: Context, op: Operand, unit: str) -> tuple[float, float] | None:
    """An operand's value and half-unit in ``unit`` (``None`` when it cannot be converted)."""
    value = convert(op.value, op.fact.unit, unit, ctx.catalogue)
    half = convert(op.half_unit, op.fact.unit, unit, ctx.catalogue)
    if value is None or half is None:
        return None
    return value, half


def _add(ctx: Context, parts: list[Fact], unit: str) -> tuple[float, float] | None:
    total = tolerance = 0.0
    for part in parts:
        converted = _in_unit(ctx, ctx.index.op(part), unit)
        if converted is None:
            return None
        total += converted[0]
        tolerance += converted[1]
    return total, tolerance


def _slip_hint(ctx: Context, parts: list[Fact], total: float, unit: str, tolerance: float) -> str:
    """Name a part that would make the sum add up if it were 10^k larger or smaller."""
    values = [convert(p.value, p.unit, unit, ctx.catalogue) or 0.0 for p in parts]
    whole = sum(values)
    for part, value in zip(parts, values):
        for factor in _SLIPS:
            for scale in (factor, 1.0 / factor):
                if value and abs(whole - value + value * scale - total) <= tolerance * max(scale, 1.0) + abs(total) * 1e-6:
                    return f"; {part.metric} {fmt(part.value)} looks off by a factor {fmt(1 / scale)} (a unit slip?)"
    return ""


def _label(parts: list[str]) -> str:
    return " + ".join(p.rstrip("?") for p in parts)


def _resolve_alternative(
    ctx: Context, names: list[str], period: str, base: dict[str, str], sum_over: tuple[str, ...]
) -> tuple[list[Fact], list[str]] | None:
    parts: list[Fact] = []
    missing: list[str] = []
    for name in names:
        optional = name.endswith("?")
        metric = name.rstrip("?")
        found = ctx.index.resolve(metric, period, base, sum_over)
        if not found:
            if not optional:
                return None
            missing.append(metric)
        parts.extend(found)
    return parts, missing


@kind("sum")
def check_sum(ctx: Context, rule: Rule) -> list[Finding]:
    """A printed total against the sum of its parts; any alternative that adds up passes."""
    p: dict[str, Any] = rule.params
    sum_over = tuple(p.get("sum_over", ()))
    min_parts = int(p.get("min_parts", 2))
    out: list[Finding] = []
    for total_fact in [f for f in ctx.index if f.metric == p["total"]]:
        total = ctx.index.op(total_fact)
        tried = []
        for names in p["alternatives"]:
            resolved = _resolve_alternative(ctx, names, total_fact.period, dict(total_fact.breakdown), sum_over)
            if resolved is None or len(resolved[0]) < min_parts:
                continue
            parts, missing = resolved
            if any(part.key == total_fact.key for part in parts):
                continue
            added = _add(ctx, parts, total_fact.unit)
            if added is None:
                continue
            tried.append((names, parts, missing, added))
        if not tried:
            continue
        scored = [(abs(total.value - s) - (t + total.half_unit), n, ps, m, s, t) for n, ps, m, (s, t) in tried]
        if any(excess <= _EPS * max(1.0, abs(total.value)) for excess, *_ in scored):
            continue
        _, names, parts, missing, expected, tol = min(scored, key=lambda row: row[0])
        tolerance = tol + total.half_unit
        assembled = any(part.breakdown != total_fact.breakdown for part in parts)
        if expected < total.value and (missing or assembled):
            continue  # short, but a part is not printed or was summed from groups: cannot tell
        smaller = [part for part in parts if (convert(part.value, part.unit, total_fact.unit, ctx.catalogue) or 0) > total.value + tolerance]
        hint = _slip_hint(ctx, parts, total.value, total_fact.unit, tolerance)
        gap = f" ({', '.join(missing)} not printed)" if missing else ""
        if smaller:
            hint += f"; the total is below its part {smaller[0].metric}: a misread label or another boundary?"
        message = (
            f"{total_fact.metric} {total_fact.period}: {describe_difference(expected, total.value, total_fact.unit)}"
            f" = {_label(names)}{gap}; beyond the rounding tolerance ±{fmt(tolerance)}{hint}"
        )
        terms = " + ".join(fmt(convert(f.value, f.unit, total_fact.unit, ctx.catalogue)) for f in parts)
        out.append(
            finding(
                rule, [total_fact, *parts], message, period=total_fact.period, expected=expected,
                actual=total.value, tolerance=tolerance, unit=total_fact.unit,
                formula=f"{_label(names)} = {total_fact.metric}: {terms} = {fmt(expected)} vs {fmt(total.value)}",
            )
        )
    return out


def breakdown_groups(ctx: Context, metrics: list[str], dimensions: list[str], min_groups: int) -> list[tuple[Fact, str, list[Fact]]]:
    """(total, dimension, groups) for every breakdown of a listed metric that has a printed total."""
    out = []
    for metric in metrics:
        for period in ctx.index.periods():
            buckets: dict[tuple[tuple[tuple[str, str], ...], str], list[Fact]] = defaultdict(list)
            for fact in ctx.index.of_metric(metric, period):
                for dim in dimensions:
                    if dim in fact.breakdown:
                        base = tuple(sorted((k, v) for k, v in fact.breakdown.items() if k != dim))
                        buckets[(base, dim)].append(fact)
            for (base, dim), members in buckets.items():
                if len(members) < min_groups:
                    continue
                total = ctx.index.get(metric, period, dict(base))
                if total is not None:
                    out.append((total, dim, members))
    return out


@kind("breakdown-sum")
def check_breakdown_sum(ctx: Context, rule: Rule) -> list[Finding]:
    """The groups of one breakdown against their total.

    When two or more breakdowns of one total agree with each other but not with it, one
    finding says so: the printed total is the odd one out (a misread, another scope).
    """
    p = rule.params
    out: list[Finding] = []
    failed: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[tuple[str, float, float, list[Fact]]]] = defaultdict(list)
    for total_fact, dim, members in breakdown_groups(ctx, p["metrics"], p["dimensions"], int(p.get("min_groups", 2))):
        if any(m.value == total_fact.value for m in members):
            continue  # the total is itself one group (e.g. full-time staff beside "other")
        added = _add(ctx, members, total_fact.unit)
        if added is None:
            continue
        expected, tol = added
        total = ctx.index.op(total_fact)
        tolerance = tol + total.half_unit
        if abs(total.value - expected) <= tolerance + _EPS * max(1.0, abs(total.value)):
            continue
        failed[total_fact.key].append((dim, expected, tol, members))
        short = expected < total.value
        severity = Severity(p.get("short_severity", "warning")) if short else rule.severity
        hint = _slip_hint(ctx, members, total.value, total_fact.unit, tolerance)
        groups = ", ".join(f"{m.breakdown[dim]} {fmt(m.value)}" for m in members)
        message = (
            f"{total_fact.metric} {total_fact.period} by {dim}: groups add up to "
            f"{describe_difference(total.value, expected, total_fact.unit)}"
            f" [{groups}]; {'short of' if short else 'above'} the printed total{hint}"
        )
        out.append(
            finding(
                rule, [total_fact, *members], message, period=total_fact.period, expected=total.value,
                actual=expected, tolerance=tolerance, unit=total_fact.unit, severity=severity,
                formula=f"sum({total_fact.metric}[{dim}]) = {' + '.join(fmt(m.value) for m in members)} = {fmt(expected)} vs {fmt(total.value)}",
            )
        )
    return _merge_agreeing(ctx, rule, out, failed)


def _merge_agreeing(
    ctx: Context, rule: Rule, findings: list[Finding],
    failed: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[tuple[str, float, float, list[Fact]]]],
) -> list[Finding]:
    """Replace the findings of a total whose breakdowns agree among themselves by one."""
    out = list(findings)
    for key, rows in failed.items():
        clusters = [
            [r for r in rows if abs(r[1] - row[1]) <= r[2] + row[2] + _EPS * max(1.0, abs(row[1]))] for row in rows
        ]
        rows = max(clusters, key=len)
        if len(rows) < 2:
            continue
        total_fact = ctx.index.by_key[key]
        dims = [d for d, _, _, _ in rows]
        merged = {f"{key[0]} {key[1]} by {d}:" for d in dims}
        out = [f for f in out if not any(f.message.startswith(m) for m in merged)]
        agreed = rows[0][1]
        message = (
            f"{total_fact.metric} {total_fact.period}: the breakdowns by {', '.join(dims)} agree on {fmt(agreed)}, "
            f"but the printed total is {fmt(total_fact.value)}: the total is misread or covers another scope"
        )
        members = [m for _, _, _, ms in rows for m in ms]
        out.append(finding(rule, [total_fact, *members], message, period=total_fact.period, expected=agreed,
                           actual=total_fact.value, unit=total_fact.unit,
                           formula=" = ".join(f"sum(by {d}) {fmt(s)}" for d, s, _, _ in rows) + f" vs {fmt(total_fact.value)}"))
    return out


@kind("shares-sum")
def check_shares_sum(ctx: Context, rule: Rule) -> list[Finding]:
    """The shares of one breakdown against 100%.

    Only shares that name no other group than a place of ``within`` are summed: a share that
    also names another group ("Hispanic men among service workers") is a share of that
    group, not of the whole, and summed across it means nothing.
    """
    p = rule.params
    within = set(p.get("within", ()))
    out: list[Finding] = []
    for metric in p["metrics"]:
        for period in ctx.index.periods():
            buckets: dict[tuple[tuple[tuple[str, str], ...], str], list[Fact]] = defaultdict(list)
            for fact in ctx.index.of_metric(metric, period):
                for dim in p["dimensions"]:
                    if dim in fact.breakdown:
                        base = tuple(sorted((k, v) for k, v in fact.breakdown.items() if k != dim))
                        if all(k in within for k, _ in base):
                            buckets[(base, dim)].append(fact)
            for (_, dim), members in buckets.items():
                if len(members) < int(p.get("min_groups", 2)):
                    continue
                ops = [ctx.index.op(m) for m in members]
                total = sum(o.value for o in ops)
                tolerance = sum(o.half_unit for o in ops)
                if abs(total - 100.0) <= tolerance + 1e-9:
                    continue
                severity = rule.severity if total > 100.0 else Severity(p.get("short_severity", "warning"))
                message = f"{metric} {period} by {dim}: shares add up to {fmt(total)}%, not 100% (±{fmt(tolerance)})"
                out.append(
                    finding(
                        rule, members, message, period=period, expected=100.0, actual=total,
                        tolerance=tolerance, unit="%", severity=severity,
                        formula=f"sum({metric}[{dim}]) = {' + '.join(fmt(m.value) for m in members)} = {fmt(total)}",
                    )
                )
    return out


@kind("share-of-counts")
def check_share_of_counts(ctx: Context, rule: Rule) -> list[Finding]:
    """A printed share against the counts it is a share of."""
    out: list[Finding] = []
    for spec in rule.params["shares"]:
        for share_fact in [f for f in ctx.index if f.metric == spec["share"]]:
            same = spec.get("part_breakdown") == "same"
            if same and not share_fact.breakdown:
                continue
            if not same and share_fact.breakdown:
                continue
            part_breakdown = dict(share_fact.breakdown) if same else dict(spec.get("part_breakdown") or {})
            part = ctx.index.get(spec["part"], share_fact.period, part_breakdown)
            whole = ctx.index.get(spec["whole"], share_fact.period, {})
            if part is None or whole is None or not whole.value:
                continue
            s, a, b = ctx.index.op(share_fact), ctx.index.op(part), ctx.index.op(whole)
            expected = a.value / b.value * 100.0
            # counts are exact in sums, but a share is often computed before the counts are
            # rounded to whole people: give each count its half unit back here
            ha, hb = a.half_unit or 0.5, b.half_unit or 0.5
            tolerance = s.half_unit + (ha / b.value + a.value * hb / b.value**2) * 100.0
            if abs(s.value - expected) <= tolerance + 1e-9:
                continue
            message = (
                f"{share_fact.metric} {share_fact.period}: {describe_difference(expected, s.value, '%')}"
                f" from {spec['part']} {fmt(a.value)} / {spec['whole']} {fmt(b.value)}"
            )
            out.append(
                finding(
                    rule, [share_fact, part, whole], message, period=share_fact.period, expected=expected,
                    actual=s.value, tolerance=tolerance, unit="%",
                    formula=f"{fmt(a.value)} / {fmt(b.value)} x 100 = {fmt(expected)}% vs {fmt(s.value)}%",
                )
            )
    return out


@kind("weighted-average")
def check_weighted_average(ctx: Context, rule: Rule) -> list[Finding]:
    """An overall average per employee against the headcount-weighted group averages."""
    p = rule.params
    out: list[Finding] = []
    for metric in p["averages"]:
        for period in ctx.index.periods():
            overall = ctx.index.get(metric, period, {})
            if overall is None:
                continue
            for dim in p["dimensions"]:
                groups = ctx.index.members(metric, period, {}, dim)
                weights = [ctx.index.get(p["weights"], period, dict(g.breakdown)) for g in groups]
                if len(groups) < 2 or any(w is None or w.value <= 0 for w in weights):
                    continue
                ws = [w for w in weights if w is not None]
                total_weight = sum(w.value for w in ws)
                expected = sum(g.value * w.value for g, w in zip(groups, ws)) / total_weight
                o = ctx.index.op(overall)
                tolerance = o.half_unit + sum(ctx.index.op(g).half_unit * w.value for g, w in zip(groups, ws)) / total_weight
                if abs(o.value - expected) <= tolerance + 1e-9:
                    continue
                terms = " + ".join(f"{fmt(g.value)} x {fmt(w.value)}" for g, w in zip(groups, ws))
                message = (
                    f"{metric} {period}: overall {describe_difference(expected, o.value, overall.unit)}"
                    f" from the {dim} groups weighted by {p['weights']}"
                )
                out.append(
                    finding(
                        rule, [overall, *groups, *ws], message, period=period, expected=expected,
                        actual=o.value, tolerance=tolerance, unit=overall.unit,
                        formula=f"({terms}) / {fmt(total_weight)} = {fmt(expected)} vs {fmt(o.value)}",
                    )
                )
    return out
