"""Targets: what a report promises (a metric, a change, a year), and whether the figures keep up.

>>> import esgtrace
>>> result = esgtrace.targets("report.pdf")                       # doctest: +SKIP
>>> [(t.metric, t.change, t.target_year) for t in result.targets]   # doctest: +SKIP
[('ghg_scope1_2', '-42%', 2030), ('renewable_energy_share', '100%', 2030)]

Sentences are read by :mod:`esgtrace.targets.read`, target tables by
:mod:`esgtrace.targets.tables`; the words are data (``vocabulary.yaml``). Progress is
computed from the report's facts (:mod:`esgtrace.targets.progress`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from esgtrace.ingest import Document, parse
from esgtrace.ingest.memo import recall
from esgtrace.settings import Options
from esgtrace.targets import progress as _progress
from esgtrace.targets.model import Figure, Progress, Target, TargetsResult
from esgtrace.targets.read import Found, read_sentences
from esgtrace.targets.tables import read_column_tables, read_kpi_tables, read_tables
from esgtrace.targets.vocabulary import vocabulary

__all__ = ["targets", "collect", "TargetsOptions", "TargetsResult", "Target", "Progress", "Figure"]


class TargetsOptions(Options):
    """Settings of :func:`targets`.

    :param use_extract: extract the report's facts for progress when none are given
    :param progress: compute progress at all
    """

    use_extract: bool = True
    progress: bool = True


def _period_year(doc: Document) -> int | None:
    m = re.search(r"(?:19|20)\d\d", doc.period or "")
    return int(m.group(0)) if m else None


def _quote(doc: Document, found: Found) -> tuple[str, int | None]:
    """An exact quote around the change and the line it starts on.

    For a paginated report the quote is text of its page with whitespace runs collapsed
    (it may run over a line break); for a text file without pages it is text of one line.
    """
    page = found.page
    line = page.line_at(found.start)
    if line is None:
        return "", None
    if not doc.paginated:
        lo, hi = line.start, line.end
    else:
        lo, hi = 0, len(page.text)
    begin = max(lo, found.quote_from if 0 <= found.start - found.quote_from <= 140 else found.start - 100)
    end = min(hi, max(found.end, found.start) + 100, found.quote_to if found.quote_to >= found.end else hi)
    # whole words at both ends
    while begin > lo and not page.text[begin - 1].isspace() and page.text[begin].isascii():
        begin += 1
    raw = " ".join(page.text[begin:end].split())
    if len(raw) > 250:
        raw = raw[:250].rsplit(" ", 1)[0] if " " in raw[:250] else raw[:250]
    return raw, line.number


def _metric(found: Found, window: str) -> tuple[str | None, str | None, str | None, str]:
    """(metric, subject, scope, kind) of a target as read."""
    vocab = vocabulary()
    subject = found.subject
    assert subject is not None
    kind = found.kind
    scope = found.scope
    metric = subject.metric
    free = subject.subject
    intensity = bool(vocab.intensity.search(window)) and kind not in ("net_zero",)
    if metric == "energy_total" and re.search(r"\befficiency\b", found.subject_text or "", re.I):
        intensity = True  # "increase energy efficiency by 25%": energy per unit of output, not energy used
    if subject.emissions:
        if scope is not None and metric == "ghg_total":
            metric = vocab.scope_metrics.get(scope, metric)
        elif metric == "ghg_total" and vocab.operations.search(f"{found.near or window} {found.subject_text or ''}") \
                and not vocab.value_chain.search(f"{found.near or window} {found.subject_text or ''}"):
            metric, scope = "ghg_scope1_2", scope or "Scope 1+2"
    if metric == "work_fatalities" and re.search(r"‰|per\s+mille", found.change + " " + window, re.I) and re.search(r"\b(?:death|fatal)|死亡", window, re.I):
        metric = "work_fatality_rate"  # deaths per mille of the workforce: a rate, not a count
    if intensity and kind != "share":
        kind = "intensity"
        if subject.intensity:
            metric = subject.intensity
        elif metric is not None:
            free, metric = f"{(free or metric.replace('_', ' '))} intensity", None
    if subject.share and kind == "level" and found.change.endswith("%"):
        kind = "share"
    return metric, free, scope, kind


def collect(doc: Document) -> list[Target]:
    """Every target as read, in reading order, repeats included (ids ``r1``, ``r2``, ...)."""
    # Inside esgtrace.ingest.memo.remembering() one document is read once (the kept value
    # holds the document, so its id is not reused while the block lasts).
    _doc, found = recall(("targets", id(doc)), lambda: (doc, tuple(_collect(doc))))
    return list(found)


def _collect(doc: Document) -> list[Target]:
    tables = read_tables(doc) + read_column_tables(doc, _period_year(doc)) + read_kpi_tables(doc)
    rows = {(f.page.number, f.quote_from, f.quote_to) for f in tables}
    # a target table's rows are not read again as sentences
    prose = [f for f in read_sentences(doc, _period_year(doc))
             if not any(p == f.page.number and a <= f.start < b for p, a, b in rows)]
    found = sorted(tables + prose, key=lambda f: (f.page.number, f.start))
    out: list[Target] = []
    for number, f in enumerate(found, 1):
        assert f.subject is not None
        quote, line = _quote(doc, f)
        if not quote:
            continue
        metric, free, scope, kind = _metric(f, f.context or f.text)
        out.append(Target(
            id=f"r{number}", text=f.text, metric=metric, subject=free, pillar=f.subject.pillar,  # type: ignore[arg-type]
            scope=scope, boundary=f.boundary, kind=kind, baseline_year=f.baseline_year if f.kind != "net_zero" else None,  # type: ignore[arg-type]
            baseline_value=f.baseline_value if f.kind != "net_zero" else None, target_year=f.target_year, change=f.change, change_value=f.value,
            status=f.status, page=f.page.number if doc.paginated else None, line=line, quote=quote,  # type: ignore[arg-type]
            language="zh" if re.search(r"[\u4e00-\u9fff]", f.text) else "en", method=f.method,
        ))
        if f.progress_value is not None:
            out[-1] = out[-1].model_copy(update={"progress": _progress.from_table(
                out[-1], f.progress_value, f.progress_text or "", f.subject.lower)})
    return out


def key(target: Target) -> tuple[Any, ...]:
    """When two reads are the same target: net zero by year alone; others by what, year and change."""
    if target.change[:1] in "$£€" or target.change[:2].isalpha():
        return "amount", "", target.target_year, target.change
    if target.metric is None and target.kind == "absolute" and target.change_value and not target.change.endswith("%"):
        unit = target.change.rsplit(" ", 1)[-1].lower() if " " in target.change else ""
        unit = "" if unit in ("unit", "units") or not unit.isalpha() else unit
        return target.pillar, f"count {unit}", target.target_year, target.change_value  # "20 M hectares", "at least 20 million hectares"
    about = "net zero" if target.kind == "net_zero" else target.about
    if target.change[:2] in ("<=", ">="):  # one bound of one subject: "below 1.0 by 2025" read as a count and as a rate
        about = re.sub(r"\s+intensity$", "", about.replace("_", " "))
    if target.scope and (target.metric or "").startswith("ghg_"):
        about = f"ghg {target.scope}"  # "reduce Scope 3 emissions by 52% by 2030" and its repeat "... per euro of gross profit"
    return target.pillar, about, target.target_year, target.change


def dedupe(found: Sequence[Target]) -> list[Target]:
    """One target per key, the first read kept (a later read fills in a baseline it lacks)."""
    kept: dict[tuple[Any, ...], Target] = {}
    for t in found:
        k = key(t)
        same = [name for name, other in kept.items() if _same_key(name[:4], k) and _same_place(other, t) and not _neighbours(other, t)]
        if not same:
            kept[(*k, len(kept))] = t
            continue
        k = same[0]
        first = kept[k]
        fill: dict[str, Any] = {}
        for name in ("baseline_year", "baseline_value", "status", "progress"):
            if getattr(first, name) is None and getattr(t, name) is not None:
                fill[name] = getattr(t, name)
        if fill:
            kept[k] = first.model_copy(update=fill)
    return [t.model_copy(update={"id": f"t{i}"}) for i, t in enumerate(kept.values(), 1)]


def _same_key(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Equal keys, or keys that differ only in a subject in the report's words one of which
    goes on from the other ("circularity rate" and "circularity rate throughout the entire Group")."""
    if a == b:
        return True
    if a[0] != b[0] or a[2:] != b[2:] or not isinstance(a[1], str) or not isinstance(b[1], str):
        return False
    if a[1] == "count " and b[1].startswith("count ") or b[1] == "count " and a[1].startswith("count "):
        return True  # "5.5 million units" and "5.5 million electrified vehicles": one count, named once
    short, long = sorted((a[1].lower(), b[1].lower()), key=len)
    return len(short) >= 8 and long.startswith(short + " ")


def _neighbours(a: Target, b: Target) -> bool:
    """Two items of one list ("100% of fiber packaging deforestation-free by 2030", "100% of
    packaging designed following circular design principles by 2030"): different sentences
    on lines next to each other are two targets, not one repeated."""
    if a.page != b.page or a.line is None or b.line is None or a.line == b.line or abs(a.line - b.line) > 2:
        return False
    return a.quote not in b.quote and b.quote not in a.quote and a.text != b.text


def _same_place(a: Target, b: Target) -> bool:
    """Two boundaries are one unless both are named and differ."""
    return not (a.boundary and b.boundary and a.boundary.lower() != b.boundary.lower())


def _lower(target: Target) -> bool:
    subject = vocabulary().subject_of(target.text)
    return bool(subject.lower) if subject is not None else True


def targets(
    path_or_document: str | Path | Document,
    facts: Sequence[Any] | None = None,
    options: TargetsOptions | dict[str, Any] | None = None,
) -> TargetsResult:
    """The targets and pledges of one report, with progress where its figures allow.

    :param path_or_document: a report file (PDF, text, HTML) or an already parsed :class:`Document`
    :param facts: facts for progress (the report's, and earlier reports' of the issuer);
        by default the report's own, extracted
    :param options: :class:`TargetsOptions`, a dict of them, or ``None``
    :raises esgtrace.errors.InputError: the file cannot be read
    """
    opts = TargetsOptions.resolve(options)
    doc = path_or_document if isinstance(path_or_document, Document) else parse(path_or_document)
    found = dedupe(collect(doc))
    notes: list[str] = []
    if opts.progress and found:
        if facts is None and opts.use_extract:
            from esgtrace.extract import extract

            facts = extract(doc).facts
        year = _period_year(doc)
        if year is None:
            notes.append("the report's period is unknown: no progress computed from facts")
        facts = list(facts or [])
        out = []
        for t in found:
            if t.progress is None and t.kind != "net_zero":
                computed = _progress.compute(t, facts, year, _lower(t))
                if computed is not None:
                    t = t.model_copy(update={"progress": computed})
            out.append(t)
        found = out
    if not found:
        notes.append("no target found")
    return TargetsResult(document=doc.name, sha256=doc.sha256, issuer=doc.issuer, period=doc.period,
                         targets=tuple(found), notes=tuple(notes))
