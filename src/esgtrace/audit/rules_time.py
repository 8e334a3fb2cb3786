"""Time: unexplained year-on-year swings, and one figure printed with two values."""

from __future__ import annotations

import math
import re
from collections import defaultdict

from esgtrace.audit.catalogue import Rule
from esgtrace.audit.facts import fmt, printed_number
from esgtrace.audit.model import Finding
from esgtrace.audit.registry import Context, finding, kind, power_of_ten
from esgtrace.audit.rules_units import consecutive, series
from esgtrace.extract.model import Fact

# words of a metric id that do not say what it measures
_GENERIC = {"total", "emissions", "consumption", "intensity", "share", "avg", "received", "purchased"}


def _keywords(metric: str) -> list[str]:
    words = [w for w in metric.split("_") if w not in _GENERIC and len(w) > 2]
    return words or [metric]


def _explained(ctx: Context, fact: Fact, words: list[str], window: int) -> bool | None:
    text = ctx.text_near(fact, window)
    if text is None:
        return None
    lowered = text.lower()
    if not any(k.lower() in lowered for k in _keywords(fact.metric)):
        return False
    return any(w.lower() in lowered for w in words)


def _share(ctx: Context, fact: Fact) -> float | None:
    """The fact's share of its total, or of all its siblings (same breakdown keys) when no total is printed."""
    total = ctx.index.get(fact.metric, fact.period, {})
    if total is not None:
        return fact.value / total.value if total.value else None
    keys = set(fact.breakdown)
    whole = sum(f.value for f in ctx.index.of_metric(fact.metric, fact.period) if set(f.breakdown) == keys)
    return fact.value / whole if whole else None


@kind("yoy")
def check_yoy(ctx: Context, rule: Rule) -> list[Finding]:
    """A material quantity that doubles or halves in a year with no explanation near it."""
    p = rule.params
    ratio_limit = float(p.get("ratio", 2.0))
    wanted = set(p["metrics"])
    out: list[Finding] = []
    for (metric, breakdown), facts in series(ctx).items():
        if metric not in wanted:
            continue
        for before, after in consecutive(facts):
            if before.value <= p.get("min_value", 0) or after.value <= p.get("min_value", 0):
                continue
            ratio = after.value / before.value
            if 1 / ratio_limit < ratio < ratio_limit or power_of_ten(ratio, (1000, 10000, 1e6), 0.35):
                continue
            if breakdown:
                shares = [s for s in (_share(ctx, before), _share(ctx, after)) if s is not None]
                if shares and max(shares) < float(p.get("materiality", 0.1)):
                    continue
            explained = _explained(ctx, after, p.get("explained_by", []), int(p.get("window", 300)))
            if explained:
                continue
            note = "no explanation found near the figure" if explained is False else "report text not read"
            groups = ",".join(f"{k}={v}" for k, v in breakdown)
            message = (
                f"{metric}{f'[{groups}]' if groups else ''} {before.period} -> {after.period}: "
                f"{fmt(before.value)} -> {fmt(after.value)} {after.unit} ({ratio - 1:+.0%}); {note}"
            )
            out.append(
                finding(rule, [before, after], message, period=after.period, expected=before.value,
                        actual=after.value, unit=after.unit,
                        formula=f"{fmt(after.value)} / {fmt(before.value)} = {ratio:.2f} outside [{1 / ratio_limit:.2f}, {ratio_limit:.2f}]")
            )
    return out


def _differs(ctx: Context, a: Fact, b: Fact) -> bool:
    ha, hb = ctx.index.op(a).half_unit, ctx.index.op(b).half_unit
    return abs(a.value - b.value) > ha + hb + 1e-9 * max(1.0, abs(a.value))


_LATER = re.compile(r"(?:19|20)\d{2}")


def _report_year(facts: list[Fact]) -> str:
    years = [y for f in facts for y in _LATER.findall(f.period)]
    return max(years) if years else ""


_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _source_half_unit(value: float, quote: str) -> float:
    """Half a unit of the last digit of the number in ``quote`` that prints ``value``
    (after a power-of-ten unit scale); 0.5% of the value when none is found."""
    for token in _TOKEN.findall(quote):
        printed = printed_number(token)
        if printed is None or not printed[0]:
            continue
        ratio = value / printed[0]
        scale = 10.0 ** round(math.log10(abs(ratio))) if ratio else 0.0
        if scale and abs(ratio / scale - 1.0) < 0.02:
            return 0.5 * 10.0 ** (-printed[1]) * scale
    return abs(value) * 0.005


def _source_conflicts(ctx: Context, rule: Rule) -> list[Finding]:
    """A fact whose other printed places (``sources``) give another value.

    Only a figure restated in running text counts: two table rows that extraction keyed
    alike are more often a misread label (a wrapped "Total (Scope 1 +" row) than a conflict.
    """
    out: list[Finding] = []
    for fact in ctx.index:
        own = ctx.index.op(fact).half_unit
        for source in fact.sources:
            if source.value is None or (source.method == "table" and fact.method == "table"):
                continue
            tolerance = own + _source_half_unit(source.value, source.quote)
            if abs(source.value - fact.value) <= tolerance + 1e-9 * max(1.0, abs(fact.value)):
                continue
            where = f"p.{source.page}" if source.page is not None else f"l.{source.line}" if source.line is not None else "elsewhere"
            message = (
                f"{fact.metric} {fact.period}{' ' + str(dict(fact.breakdown)) if fact.breakdown else ''}: printed as "
                f"{fmt(fact.value)} ({fact.quote[:60]!r}) and as {fmt(source.value)} at {where} ({source.quote[:60]!r})"
            )
            out.append(finding(rule, [fact], message, period=fact.period, expected=fact.value, actual=source.value,
                               unit=fact.unit, tolerance=tolerance, location=f"{where}: {source.quote[:120]}",
                               formula=f"{fmt(fact.value)} = {fmt(source.value)}"))
    return out


@kind("duplicates")
def check_duplicates(ctx: Context, rule: Rule) -> list[Finding]:
    """One (metric, period, breakdown) printed with different values, in one report or across reports."""
    across = bool(rule.params.get("across_documents"))
    by_document: dict[str, list[Fact]] = defaultdict(list)
    for fact in ctx.index.facts:
        by_document[fact.document].append(fact)
    order = sorted(by_document, key=lambda d: (_report_year(by_document[d]), d))
    out: list[Finding] = [] if across else _source_conflicts(ctx, rule)
    for key, facts in ctx.index.duplicates.items():
        if len(facts) < 2:
            continue
        if across:
            firsts: dict[str, Fact] = {}
            for fact in facts:
                firsts.setdefault(fact.document, fact)
            docs = sorted(firsts, key=order.index)
            pairs = [(firsts[a], firsts[b]) for a, b in zip(docs, docs[1:])]
        else:
            pairs = []
            for document in {f.document for f in facts}:
                same = [f for f in facts if f.document == document]
                pairs += [(same[0], other) for other in same[1:]]
        for first, second in pairs:
            if not _differs(ctx, first, second):
                continue
            what = f"{first.document} prints {fmt(first.value)}, the later {second.document} {fmt(second.value)}" if across else (
                f"printed as {fmt(first.value)} ({first.quote[:60]!r}) and as {fmt(second.value)} ({second.quote[:60]!r})"
            )
            message = f"{key[0]} {key[1]}{' ' + str(dict(key[2])) if key[2] else ''}: {what}"
            out.append(finding(rule, [first, second], message, period=key[1], expected=first.value,
                               actual=second.value, unit=first.unit,
                               formula=f"{fmt(first.value)} = {fmt(second.value)}"))
    return out
