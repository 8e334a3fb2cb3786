"""Targets: a claimed achievement the figures contradict, a baseline restated without a note,
a target year already past with no status.

The targets come from :func:`esgtrace.targets` run on the report's text (once per audit,
shared by the rules); across reports, from each report the audit read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from esgtrace.audit.catalogue import Rule
from esgtrace.audit.model import Finding
from esgtrace.audit.registry import Context, finding, kind
from esgtrace.ingest.model import Document

if TYPE_CHECKING:
    from esgtrace.targets.model import Target


def _year(period: str | None) -> int | None:
    m = re.search(r"(?:19|20)\d\d", period or "")
    return int(m.group(0)) if m else None


def _where(t: Target) -> str:
    at = f"p.{t.page}" if t.page is not None else f"l.{t.line}" if t.line is not None else ""
    return f"target {at}: {t.quote[:120]}"


def _read(ctx: Context, document: Document, facts: list[Any]) -> tuple[list[Target], list[Target]]:
    """(targets, every read with repeats) of ``document``, made once per audit."""
    from esgtrace.targets import collect, targets

    key = f"targets:{document.sha256}"
    if key not in ctx.cache:
        ctx.cache[key] = (list(targets(document, facts=facts).targets), collect(document))
    found: tuple[list[Target], list[Target]] = ctx.cache[key]
    return found


@kind("target-achievement")
def check_target_achievement(ctx: Context, rule: Rule) -> list[Finding]:
    """Targets the report calls achieved whose printed result or figure misses them."""
    if ctx.document is None:
        return []
    targets, _ = _read(ctx, ctx.document, list(ctx.index.facts))
    tolerance = float(rule.params.get("relative_tolerance", 0.005))
    out = []
    for t in targets:
        p = t.progress
        if t.status != "achieved" or p is None or p.met is not False or p.target_value is None:
            continue
        if abs(p.current.value - p.target_value) <= tolerance * max(abs(p.target_value), 1e-9):
            continue
        message = (f"{t.about} {t.change} by {t.target_year} is claimed achieved, but the figure printed for "
                   f"{p.current.period} is {p.current.value:g} (target {p.target_value:g})")
        out.append(finding(rule, [], message, period=str(t.target_year or ""), expected=p.target_value,
                           actual=p.current.value, formula=f"{p.current.value:g} meets {t.change}", location=_where(t)))
    return out


def _noted(text: str, words: list[str]) -> bool:
    lowered = text.lower()
    return any(w.lower() in lowered for w in words)


@kind("target-baseline")
def check_target_baseline(ctx: Context, rule: Rule) -> list[Finding]:
    """One target printed with two baseline values, without a note that the baseline was restated."""
    words = list(rule.params.get("notes", []))
    out: list[Finding] = []
    if not rule.params.get("across_documents"):
        if ctx.document is None:
            return []
        _, reads = _read(ctx, ctx.document, list(ctx.index.facts))
        pairs = [(a, b, ctx.document.name) for i, a in enumerate(reads) for b in reads[i + 1 :]]
    else:
        documents: dict[str, Document] = ctx.cache.get("documents", {})
        ordered = sorted(documents.values(), key=lambda d: (_year(d.period) or 0, d.name))
        pairs = []
        for i, earlier in enumerate(ordered):
            for later in ordered[i + 1 :]:
                if (_year(later.period) or 0) <= (_year(earlier.period) or 0):
                    continue
                first, _ = _read(ctx, earlier, [])
                second, _ = _read(ctx, later, [])
                pairs += [(a, b, later.name) for a in first for b in second]
    seen = set()
    for a, b, document in pairs:
        if a.identity != b.identity or a.target_year != b.target_year or a.change != b.change:
            continue
        if a.baseline_year != b.baseline_year or not a.baseline_value or not b.baseline_value:
            continue
        if _same(a.baseline_value, b.baseline_value) or _noted(f"{a.text} {b.text}", words):
            continue
        key = (a.identity, a.target_year, a.baseline_value, b.baseline_value)
        if key in seen:
            continue
        seen.add(key)
        message = (f"{a.about} {a.change} by {a.target_year}: baseline {a.baseline_year} printed as "
                   f"{a.baseline_value} and as {b.baseline_value}, with no note of a restatement")
        f = finding(rule, [], message, period=str(a.baseline_year or ""), formula=f"{a.baseline_value} = {b.baseline_value}",
                    location=f"{_where(a)} | {_where(b)}")
        out.append(f.model_copy(update={"document": document}) if rule.params.get("across_documents") else f)
    return out


def _same(a: str, b: str) -> bool:
    def number(text: str) -> float | None:
        m = re.search(r"\d[\d,]*(?:\.\d+)?", text)
        return float(m.group(0).replace(",", "")) if m else None

    x, y = number(a), number(b)
    return a.strip().lower() == b.strip().lower() or (x is not None and x == y and re.sub(r"[\d.,\s]", "", a) == re.sub(r"[\d.,\s]", "", b))


@kind("target-past-due")
def check_target_past_due(ctx: Context, rule: Rule) -> list[Finding]:
    """Targets due by the report's own year (or earlier) with neither a status nor a printed result."""
    if ctx.document is None:
        return []
    year = _year(ctx.document.period)
    if year is None:
        return []
    targets, _ = _read(ctx, ctx.document, list(ctx.index.facts))
    out = []
    for t in targets:
        if t.target_year is None or t.target_year > year or t.status is not None or t.progress is not None:
            continue
        message = f"{t.about} {t.change} by {t.target_year}: the year has passed (report {ctx.document.period}) and the report gives no status"
        out.append(finding(rule, [], message, period=str(t.target_year), formula=f"{t.target_year} <= {year} => status",
                           location=_where(t)))
    return out
