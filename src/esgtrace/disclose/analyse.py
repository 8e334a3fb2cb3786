"""Decide, item by item, whether a report discloses, explains or omits each HKEX item.

Evidence comes from three places, strongest first: extracted facts of the item's metrics;
numbers with a fitting unit next to words that name the figure; passages that address a
narrative item (one term of every signal group of the item in the same passage). A reason
for not disclosing ("not applicable as the Group does not ...", "not material") near the
item's words or its KPI code makes it explained / not_applicable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from esgtrace.disclose.catalogue import Catalogue, Item
from esgtrace.disclose.model import Evidence, IndexRow, ItemStatus, Status
from esgtrace.disclose.passages import Passage, quote

_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,]*\d)")
_NOT_AVAILABLE = re.compile(r"(?<![a-z0-9/])(?:n/?a|nil)(?![a-z0-9/])")  # on lower-cased text
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_WINDOW = 4  # table rows in a text extract are split over short lines: look this far ahead
_SHORT = 120  # a passage this short is a table row or a heading, not prose
_MIN_PROSE = 50  # shorter passages do not count as addressing a narrative item
_CONTENTS_LINE = re.compile(r"^[^\d]{3,80}?[\s.…]+\d{1,3}$")  # "Employee Health and Safety ..... 41"
_LEADERS = re.compile(r"[.…·]{5,}\s*\d{1,3}")
_DECIMAL = re.compile(r"\d\.\d")
_CONTENTS_ENTRY = re.compile(r"[a-z]{3,}[\s.…]+\d{1,3}\s+[A-Z]")  # many of these: a table of contents
_MAX_EVIDENCE = 3
_NEAR = 90  # characters after a figure's label in which its value is looked for
_UNIT_SPAN = 30  # characters after a number in which its unit is looked for


def _term_regex(terms: Iterable[str]) -> re.Pattern[str]:
    """One pattern for lower-cased text: a term starts a word (English) or anywhere (Chinese).

    "(?<!non-)": "hazardous waste" must not match inside "non-hazardous waste".
    """
    words = [re.escape(t.lower()) for t in terms if t[:1].isascii() and t[:1].isalnum()]
    others = [re.escape(t.lower()) for t in terms if not (t[:1].isascii() and t[:1].isalnum())]
    parts = [rf"(?<![a-z0-9_])(?<!non-)(?<!non )(?:{'|'.join(words)})"] if words else []
    parts += [f"(?:{'|'.join(others)})"] if others else []
    return re.compile("|".join(parts) or r"(?!x)x")


@dataclass
class _Matchers:
    """Compiled regular expressions of one item."""

    item: Item
    groups: list[re.Pattern[str]]
    code: re.Pattern[str]
    labels: re.Pattern[str] | None = None
    units: re.Pattern[str] | None = None
    nil_ok: bool = False
    found: list[tuple[Passage, int]] = field(default_factory=list)
    figures: list[Evidence] = field(default_factory=list)
    reasons: list[tuple[Evidence, str, bool]] = field(default_factory=list)


def analyse(
    passages: Sequence[Passage],
    catalogue: Catalogue,
    version: str,
    facts: Sequence[Any] = (),
    paginated: bool = True,
) -> list[ItemStatus]:
    """The item matrix of one report.

    :param passages: the report's passages, content index left out
    :param catalogue: the HKEX catalogue
    :param version: catalogue version id (``v2020_2024`` ...)
    :param facts: extracted facts (anything with ``.metric``, ``.page``, ``.line``, ``.quote``)
    :param paginated: whether page numbers mean anything (false for a plain text file)
    """
    matchers = [_compile(it, catalogue) for it in catalogue.items_in(version)]
    reasons = {kind: re.compile("|".join(p), re.I) for kind, p in catalogue.explanations.items()}
    zero = re.compile("|".join(catalogue.zero_phrases), re.I)
    passages = [p for p in passages if not _is_contents(p.text)]
    for i, passage in enumerate(passages):
        text = passage.text
        # a short passage (table row) or one that ends on a table heading continues in the next ones
        ahead = [p.text for p in passages[i + 1 : i + _WINDOW] if p.page == passage.page]
        if len(text) > _SHORT:
            ahead = ahead[:1]
        window = " ".join([text, *ahead]) if ahead else text
        reason_kind = next((k for k, rx in reasons.items() if rx.search(text)), None)
        low, window = text.lower(), window.lower()
        for m in matchers:
            first = m.groups[0].search(low)
            hits = [first, *(g.search(low) for g in m.groups[1:])] if first else [None]
            if all(hits) and len(text) >= _MIN_PROSE and reason_kind != "not_yet":  # "no formal policy yet" discloses nothing
                m.found.append((passage, len({h.group(0) for h in hits if h})))
            if m.labels is not None and not reason_kind and m.labels.search(low):
                fig = _figure(m, low, window if ahead else None, zero)
                if fig and all(g.search(window) for g in m.groups):  # a number, in the item's context
                    m.figures.append(_evidence(passage, fig, paginated, 0.0))
            if reason_kind and (m.code.search(text) or first):
                explicit = bool(m.code.search(text))
                m.reasons.append((_evidence(passage, "reason", paginated, 0.0), reason_kind, explicit))
    by_metric: dict[str, list[Any]] = {}
    for fact in facts:
        by_metric.setdefault(str(getattr(fact, "metric", "")), []).append(fact)
    return [_decide(m, version, by_metric, paginated) for m in matchers]


def _is_contents(text: str) -> bool:
    """A table-of-contents passage: titles followed by page numbers, no measured values."""
    if _CONTENTS_LINE.match(text) or len(_LEADERS.findall(text)) >= 2:
        return True
    entries = len(_CONTENTS_ENTRY.findall(text))
    return entries >= 4 and not _DECIMAL.search(text) and (entries >= 8 or "content" in text.lower())


def _compile(item: Item, catalogue: Catalogue) -> _Matchers:
    code = item.id.replace(".GD", "")
    code_rx = re.compile(rf"(?<![\w.]){re.escape(code)}(?![\d.]\d)" if "." in code else r"(?!x)x")
    m = _Matchers(item, [_term_regex(g) for g in item.signals], code_rx)
    if item.figures:
        m.labels = _term_regex(item.figures.labels)
        unit_terms = [u for name in item.figures.units for u in catalogue.units.get(name, ())]
        m.units = re.compile("|".join(f"(?:{u})" for u in unit_terms), re.I) if unit_terms else None
        m.nil_ok = "zero" in item.figures.units
    return m


def _figure(m: _Matchers, text: str, window: str | None, zero: re.Pattern[str]) -> str | None:
    """``'figure'`` when a number carries a fitting unit next to the figure's label.

    In prose the unit must follow the number; in a table row (a short passage) the unit
    may sit in the row label and the numbers in the next short lines.
    """
    if m.units is not None:
        for label in m.labels.finditer(text) if m.labels is not None else ():
            near = text[label.end() : label.end() + _NEAR]
            blank = _NOT_AVAILABLE.search(near)  # "Hazardous waste tonnes NA NA": this row has no value
            near = near[: blank.start()] if blank else near
            for number in _NUMBER.finditer(near):
                if _YEAR.match(number.group(0)):
                    continue
                after = near[number.end() : number.end() + _UNIT_SPAN].lstrip(" *()")
                before = near[: number.start()]
                if m.units.match(after) or m.units.search(before):
                    return "figure"
        for number in _NUMBER.finditer(text):
            if _YEAR.match(number.group(0)):
                continue
            after = text[number.end() : number.end() + _UNIT_SPAN].lstrip(" *()")
            if m.units.match(after):
                return "figure"
        last = max((lm.start() for lm in m.labels.finditer(text)), default=0) if m.labels is not None else 0
        if window is not None and (len(text) <= _SHORT or last >= len(text) - _SHORT):
            rest = window[last:]
            numbers = [n for n in _NUMBER.findall(rest) if not _YEAR.match(n)]
            if numbers and m.units.search(rest):
                return "figure"
    if m.nil_ok and zero.search(text):
        return "nil"
    return None


def _evidence(passage: Passage, method: str, paginated: bool, score: float) -> Evidence:
    return Evidence(passage.page if paginated else None, passage.line, quote(passage.text), method, score)


def _decide(m: _Matchers, version: str, by_metric: dict[str, list[Any]], paginated: bool) -> ItemStatus:
    item = m.item
    facts = [f for metric in item.metrics for f in by_metric.get(metric, [])]
    fact_evidence = [
        Evidence(getattr(f, "page", None), getattr(f, "line", None), quote(str(getattr(f, "quote", ""))), "fact", 1.0)
        for f in facts[:_MAX_EVIDENCE]
    ]
    passages = sorted(m.found, key=lambda pair: -pair[1])
    passage_evidence = [_evidence(p, "passage", paginated, float(score)) for p, score in passages[:_MAX_EVIDENCE]]
    explicit = [(e, kind) for e, kind, strong in m.reasons if strong]
    topical = [(e, kind) for e, kind, strong in m.reasons if not strong]
    status: Status
    evidence: list[Evidence]
    reason = ""
    if explicit:
        evidence, kind = [explicit[0][0]], explicit[0][1]
        status, confidence, reason = _reason_status(kind), 0.85, "the report names the item and gives a reason"
    elif item.quantitative is True and (fact_evidence or m.figures):
        evidence = fact_evidence or m.figures[:_MAX_EVIDENCE]
        status = "disclosed"
        confidence = 0.9 if fact_evidence else min(0.8, 0.5 + 0.1 * len(m.figures))
        reason = "extracted facts" if fact_evidence else "figures with units next to the item's words"
    elif item.quantitative is not True and passages:
        evidence = passage_evidence + fact_evidence[:1]
        status = "disclosed"
        confidence = min(0.9, 0.45 + 0.08 * len(passages))
        reason = f"{len(passages)} passage(s) address the item"
    elif topical:
        evidence, kind = [topical[0][0]], topical[0][1]
        status, confidence, reason = _reason_status(kind), 0.6, "a reason for not disclosing is given near the item's words"
    else:
        evidence = passage_evidence[:1]
        status = "missing"
        confidence = 0.55 if passages else 0.75
        reason = "the topic is discussed but no figure was found" if passages else "nothing in the report addresses the item"
    missing_parts = _missing_parts(item, by_metric) if status == "disclosed" and facts else ()
    if missing_parts:
        reason += f"; without {', '.join(missing_parts)}"
    return ItemStatus(
        item=item.id,
        short_name=item.short_name,
        subject_area=item.subject_area,
        obligation=item.obligation_in(version),
        quantitative=item.quantitative,
        status=status,
        confidence=round(confidence, 2),
        evidence=tuple(evidence),
        reason=reason,
        missing_parts=missing_parts,
    )


def _missing_parts(item: Item, by_metric: dict[str, list[Any]]) -> tuple[str, ...]:
    """The parts of a complete disclosure (catalogue ``parts``) that no extracted fact gives."""
    missing = []
    for part in item.parts:
        if part.metrics:
            present = any(by_metric.get(m) for m in part.metrics)
        else:
            facts = [f for m in item.metrics for f in by_metric.get(m, [])]
            present = any(part.breakdown in (getattr(f, "breakdown", None) or {}) for f in facts)
            present = present or any(by_metric.get(m) for m in part.also)
        if not present:
            missing.append(part.name)
    return tuple(missing)


def _reason_status(kind: str) -> Status:
    return "not_applicable" if kind == "not_applicable" else "explained"


_INDEX_NIL = re.compile(r"(?:^|[.:;]\s*|\s)(?:No|Nil|Zero|None|There (?:was|were) no)\s+\w+[^.]*(?:during|in) (?:the )?(?:reporting (?:period|year)|year|\d{4})")
# a nil answer printed in an index row: "No reports were received on ...", "There is no confirmed incident", "报告期未发生"
_ROW_NIL = re.compile(r"(?:^|[.:;]\s*|\s)(?:No|Nil|Zero|None|There (?:is|was|were|are|has been|have been) no)\s+\w+|报告期内?未发生|報告期內?未發生|未发生|未發生|并无|並無")


def with_index_statements(
    items: Sequence[ItemStatus],
    rows: Sequence[IndexRow],
    paginated: bool,
    other_rows: Sequence[IndexRow] = (),
    catalogue: Catalogue | None = None,
) -> list[ItemStatus]:
    """Let the content index speak where the body is silent.

    An index row may itself carry the report's statement: a reason ("Not applicable as the
    Group does not ...") or a nil figure ("No complaints were received during the
    reporting period"). Those count as the report's own words for items found missing,
    with the row as evidence. A GRI row of a disclosure that answers the item (catalogue
    ``gri``) counts too: "403-9 Work-related injuries: No reports were received ...".

    :param items: the matrix from :func:`analyse`
    :param rows: the parsed HKEX content index
    :param other_rows: the GRI / SASB index rows
    :param catalogue: the catalogue (its items' ``gri`` disclosures); without it GRI rows are not used
    """
    by_item = {r.item: r for r in rows}
    gri = {r.item.removeprefix("GRI ").strip(): r for r in other_rows if r.framework == "GRI"}
    updated: list[ItemStatus] = []
    for status in items:
        row = by_item.get(status.item)
        if status.status != "missing":
            updated.append(status)
            continue
        if row is not None:
            evidence = (Evidence(row.page if paginated else None, row.line, quote(row.text), "index", 0.0),)
            if row.claim in ("not_applicable", "explained"):
                new: Status = "not_applicable" if row.claim == "not_applicable" else "explained"
                updated.append(replace(status, status=new, confidence=0.7, evidence=evidence, reason="the content index gives the reason"))
                continue
            if row.claim == "disclosed" and (_INDEX_NIL.search(row.text) or (not row.pages and _ROW_NIL.search(_answer(row.text)))):
                updated.append(replace(status, status="disclosed", confidence=0.65, evidence=evidence, reason="the content index states a nil figure"))
                continue
        codes = catalogue.item(status.item).gri if catalogue is not None else ()
        answer = next((gri[c] for c in codes if c in gri and not gri[c].pages and _ROW_NIL.search(_answer(gri[c].text))), None)
        if answer is not None:
            evidence = (Evidence(answer.page if paginated else None, answer.line, quote(answer.text), "index", 0.0),)
            updated.append(replace(status, status="disclosed", confidence=0.6, evidence=evidence,
                                   reason=f"the GRI index row {answer.item} states a nil figure"))
            continue
        updated.append(status)
    return updated


def _answer(text: str) -> str:
    """An index row's text with Chinese words wrapped over lines joined again ("报告期未 发生")."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)
