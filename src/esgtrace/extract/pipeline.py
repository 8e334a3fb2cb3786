"""The extraction pipeline: pages -> records -> candidates -> one fact per key.

Only lines that hold a figure are looked at closely; tables are found from their
headers, stand-alone figures from the label lines above them, "Label: value unit" items
from their colons (and the heading they are listed under), tables whose columns are
breakdown groups from a header band of group names, prose from the catalogue's
sentence patterns. A row whose footnote names an accounting method its label does not
print ("market-based") takes that method.
"""

from __future__ import annotations

import re
from datetime import date
from collections.abc import Iterable
from dataclasses import replace

from esgtrace.catalogue import metrics
from esgtrace.extract.dedupe import best_per_key
from esgtrace.extract.highlights import highlight_records
from esgtrace.extract.model import Fact
from esgtrace.extract.parts import mark_parts
from esgtrace.extract.prose import prose_records, sentence_records
from esgtrace.extract.records import Record
from esgtrace.extract.resolve import Candidate, Resolver, fuels_told_apart, kinds_of_one_metric, scope2_methods
from esgtrace.extract.sections import content_index_page, financial_page
from esgtrace.extract.charts import axis_records, legend_chart_records
from esgtrace.extract.colon_lists import colon_list_records
from esgtrace.extract.flat import breakdown_records, group_table_records, series_records
from esgtrace.extract.groupcols import group_column_records
from esgtrace.extract.standalone import standalone_records
from esgtrace.extract.grid import GridHeader, grid_records
from esgtrace.extract.tables import read_tables
from esgtrace.ingest.memo import recall
from esgtrace.ingest.model import Document, Page

_FIGURES = re.compile(r"\d,\d{3}(?:\.\d+)?\s+\d{1,3}(?:,\d{3})+")
_FOOTNOTE_DEF = re.compile(r"^\s*(\d{1,2})\s+[A-Z\u4e00-\u9fff“\"(]")


_METHOD_NOTE = re.compile(r"\b(market|location)[- ]based\b", re.I)
_LABEL_MARKER = re.compile(r"(?<=[^\W\d_)])(\d{1,2})$|(?<=\))(\d{1,2})$")


def footnote_methods(found: list[Record], page: Page) -> list[Record]:
    """A row whose label carries a footnote marker ("... (Scope 2)6") takes the accounting
    method its footnote names ("6 The figures ... calculated in accordance with the
    market-based method."): the method is added to the label, which does not print it."""
    notes: dict[str, str] = {}
    current = ""
    for line in page.lines:
        m = _FOOTNOTE_DEF.match(line.text)
        if m:
            current = m.group(1)
            notes[current] = line.text
        elif current and line.text[:1].islower():
            notes[current] += " " + line.text  # the note goes on over the next line
        else:
            current = ""
    methods = {n: m.group(1).lower() for n, text in notes.items() if (m := _METHOD_NOTE.search(text))}
    if not methods:
        return found
    out = []
    for r in found:
        m = _LABEL_MARKER.search(r.label.rstrip())
        marker = m.group(m.lastindex or 1) if m else None
        if marker in methods and not _METHOD_NOTE.search(r.label):
            r = replace(r, label=f"{r.label.rstrip()} ({methods[marker]}-based)")
        out.append(r)
    return out


def page_footnotes(page: Page) -> set[str]:
    """Footnote numbers a page defines (lines that start with a number, then text)."""
    return {m.group(1) for line in page.lines if (m := _FOOTNOTE_DEF.match(line.text))}


def document_records(doc: Document) -> Iterable[Record]:
    """Every record of the document, in reading order."""
    table = 0
    year = re.search(r"(?:19|20)\d\d", doc.period or "")
    report_year = int(year.group(0)) if year else None
    fiscal_end = fiscal_year_end(doc)
    carried = None
    grid_carried: list[GridHeader] = []
    for page in doc.pages:
        number = page.number if doc.paginated else None
        if financial_page(page.text):
            continue  # a financial statement: its tables are not ESG figures
        found, carried = read_tables(page.lines, number, table, page_footnotes(page), report_year, fiscal_end, carried)
        if page.words:
            # the page's geometry: tables the text stream does not show as rows
            # a row the text stream ran into its neighbour (a label holding another row's
            # figures) is no reading of its line: the geometry reads that line again, and
            # its reading replaces the run-together one
            ran = {r.line for r in found if r.values and r.line is not None and _FIGURES.search(r.label)}
            covered = {r.line for r in found if r.values and r.line is not None} - ran
            grid, grid_carried = grid_records(page, number, table + 500, covered, fiscal_end, grid_carried)
            reread = {r.line for r in grid if r.values} & ran
            found = [r for r in found if not (r.line in reread and r.values and _FIGURES.search(r.label))] + grid
        found = footnote_methods(found, page)
        table += 1000
        mark_parts(found)
        in_tables = {r.line for r in found}
        yield from found
        if not content_index_page(page.text):
            yield from standalone_records(page.lines, number, in_tables)
            yield from series_records(page.lines, number, in_tables, fiscal_end)
            yield from axis_records(page.lines, number, in_tables, fiscal_end)
            yield from legend_chart_records(page.lines, number, in_tables, fiscal_end)
            yield from breakdown_records(page.lines, number, in_tables)
            yield from group_table_records(page.lines, number, in_tables)
            yield from group_column_records(page.lines, number, in_tables, report_year)
            yield from colon_list_records(page.lines, number, in_tables)
        yield from prose_records(page.lines, number)
        yield from sentence_records(page.lines, number, doc.period)
        yield from highlight_records(page.lines, number)


def fiscal_year_end(doc: Document) -> tuple[int, int] | None:
    """(month, day) the report's financial year ends on, from its own period."""
    if doc.period_end:
        end = date.fromisoformat(doc.period_end)
        return end.month, end.day
    if doc.period and not doc.period.startswith("FY"):
        return 12, 31
    return None


def extract_facts(doc: Document) -> list[Fact]:
    """The facts of a parsed document, one per (metric, period, breakdown)."""
    # Inside esgtrace.ingest.memo.remembering() one document is read once; the kept value
    # holds the document, so its id is not reused while the block lasts.
    _doc, facts = recall(("facts", id(doc)), lambda: (doc, tuple(_extract_facts(doc))))
    return list(facts)


def _extract_facts(doc: Document) -> list[Fact]:
    footnotes = {(p.number if doc.paginated else None): page_footnotes(p) for p in doc.pages}
    resolver = Resolver(doc.period, footnotes, doc.issuer)
    candidates: list[Candidate] = []
    for record in document_records(doc):
        candidates += resolver.resolve(record)
    candidates = scope2_methods(candidates)
    candidates = kinds_of_one_metric(candidates)
    candidates = fuels_told_apart(candidates)
    candidates = one_reading_per_unit(candidates)
    candidates += implied(doc, candidates)
    return no_whole_below_a_part([to_fact(doc, c, others) for c, others in best_per_key(candidates)])


def no_whole_below_a_part(facts: list[Fact]) -> list[Fact]:
    """A total smaller than one of its parts for the same year ("Comprehensive energy
    consumption" below the purchased electricity) was printed in a unit whose multiplier was
    lost: the total is no fact. Only whole figures (no breakdown) are compared."""
    from esgtrace.catalogue import metric as metric_by_id

    plain = {(f.metric, f.period): f.value for f in facts if not f.breakdown}
    out = []
    for f in facts:
        parts = () if f.breakdown else metric_by_id(f.metric).whole_of
        if any(plain.get((p, f.period), 0.0) > f.value * 1.01 for p in parts):
            continue
        out.append(f)
    return out


def one_reading_per_unit(candidates: list[Candidate]) -> list[Candidate]:
    """A unit the report prints means one thing throughout: when "MTCO2e" beside some figures
    can only be metric tons (megatonnes would be absurd), it is metric tons beside the others too."""
    from esgtrace.normalise import normalise

    plain_units = {
        (c.reported_unit, c.metric.unit) for c in candidates if any(n.startswith("implausible") for n in c.normalised.notes)
    }
    if not plain_units:
        return candidates
    out: list[Candidate] = []
    numerators = {(u, m) for u, m in plain_units if u}
    for c in candidates:
        per = re.match(r"(.+?)\s*(?:/|\bper\b)", c.reported_unit)
        numerator = per.group(1).strip() if per else ""
        plain = next((m for u, m in numerators if numerator and numerator == u), None)
        if plain is not None and c.metric.is_intensity and not any(n.startswith("implausible") for n in c.normalised.notes):
            # "mtCO2e/revenue $M" where "mtCO2e" is metric tons: the numerator is read the same way
            one, base = normalise("1", numerator, "ghg_total"), normalise("1", plain, "ghg_total")
            if one is not None and base is not None and base.value and one.value != base.value:
                note = f"'{numerator}' read as {plain}, as elsewhere in the report"
                c = replace(c, normalised=replace(c.normalised, value=c.normalised.value * base.value / one.value,
                                                  notes=(*c.normalised.notes, note)))
            out.append(c)
            continue
        if (c.reported_unit, c.metric.unit) in plain_units and not any(n.startswith("implausible") for n in c.normalised.notes):
            one = normalise("1", c.reported_unit, c.metric.id)
            base = normalise("1", c.metric.unit, c.metric.id)
            if one is not None and base is not None and one.value != base.value and base.value:
                factor = one.value / base.value
                note = f"'{c.reported_unit}' read as {c.metric.unit}, as elsewhere in the report"
                c = replace(c, normalised=replace(c.normalised, value=c.normalised.value / factor,
                                                  notes=(*c.normalised.notes, note)))
        out.append(c)
    return out


def implied(doc: Document, candidates: list[Candidate]) -> list[Candidate]:
    """Facts a report states by definition ("indirect energy arises from purchased electricity")."""
    out: list[Candidate] = []
    text: str | None = None
    for target in metrics():
        for rule in target.implied_by:
            sources = [c for c in candidates if c.metric.id == rule.metric]
            if not sources:
                continue
            text = doc.text if text is None else text
            said = re.search(rule.when, text, re.I)
            if said is None:
                continue
            note = f"{rule.metric} read as {target.id}: the report says '{said.group(0)}'"
            for c in sources:
                norm = replace(c.normalised, notes=(*c.normalised.notes, note))
                out.append(replace(c, metric=target, normalised=norm))
    return out


def to_fact(doc: Document, c: Candidate, others: list[Candidate]) -> Fact:
    """A :class:`Fact` from its best candidate; the other occurrences become sources/notes."""
    from esgtrace.extract.model import Source

    notes = list(c.normalised.notes) + list(c.record.notes)
    confidence = c.record.confidence
    if any(n.startswith("implausible") for n in notes):
        confidence = min(confidence, 0.6)
    disagree = [o for o in others if not _close(o.normalised.value, c.normalised.value)]
    if disagree:
        confidence = min(confidence, 0.6)
        notes += [
            f"another occurrence prints {o.normalised.reported_value} {o.reported_unit}".strip()
            + f" ({o.record.method}, line {o.record.line}{'' if o.record.page is None else f', page {o.record.page}'})"
            for o in disagree
        ]
    same_period = c.period == doc.period
    start = c.span.start.isoformat() if c.span is not None and c.span.start else None
    end = c.span.end.isoformat() if c.span is not None and c.span.end else None
    return Fact(
        document=doc.name,
        sha256=doc.sha256,
        company=doc.issuer,
        metric=c.metric.id,
        period=c.period,
        period_start=doc.period_start if same_period and doc.period_start else start,
        period_end=doc.period_end if same_period and doc.period_end else end,
        breakdown=c.breakdown,
        value=c.normalised.value,
        unit=c.normalised.unit,
        reported_value=c.normalised.reported_value,
        reported_unit=c.reported_unit,
        page=c.record.page,
        line=c.record.line,
        quote=c.record.quote[:250],
        method=c.record.method,
        confidence=confidence,
        notes=notes,
        sources=[
            Source(page=o.record.page, line=o.record.line, quote=o.record.quote[:250], method=o.record.method,
                   value=o.normalised.value)
            for o in others
        ],
    )


def _close(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= 1e-6 * max(abs(a), abs(b))
