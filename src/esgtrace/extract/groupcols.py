"""Tables in text whose columns are breakdown groups of one period, not years.

A workforce table by gender prints "Male Female Total" over rows of figures; a table by
race or ethnicity and gender (the U.S. EEO-1 layout) prints its column names one a line
("White." / "Hispanic or Latino." / ... / "Total Male." / "White." / ... / "Total Female.")
above rows of a job category and one figure a column. The header band is read as a list
of cells; every cell must be a group the breakdown vocabulary knows, or a total:

- a group cell ("Female", "Under 30", "Asian") is a column of that group;
- a total cell closes a block of group columns: "Total" and "Overall Totals" are the
  block's whole, "Total Male" names the block's own group (its columns are the men's);
- a name wrapped over two lines ("Native Hawaiian." / "Or Pacific Islander.") is one cell;
- a first cell that announces the rows' key ("Job Categories"), on its own line or before
  the groups, or names the label column ("Indicator"), is the label column's heading;
- a spanning line above the columns ("Total Male Female" over three blocks) must agree
  with the blocks' own totals, or name the blocks that have none (also "Male Female" over
  the same groups printed twice);
- a line of measures below the groups ("Number % Number %") splits each group into a count
  and a share column.

A row is a label and exactly as many figures as there are columns. Its label names the
metric ("Number of employees 1,200 800 2,000") or a group of the rows' key ("Service
Workers", "Under 30"); then the table's title above names the metric and the population
("... for U.S. employees": the region U.S.). A row is read only when its group columns add
up to their block's total (within rounding), counts and shares apart; a block without a
total must be shares that add up to 100%, and no part may be negative (a difference from
peers is no share). A group's share printed beside its count is left out (the catalogue
keeps shares for reports that print no counts) unless the share has a metric of its own
(women's share of the workforce). The figures take the period the table's title or its note below states
("data are representative of calendar year 2020"; a period alone above the groups: "FY2020"),
else the report's period; a title or
note that names another year without saying it is the table's period gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from esgtrace.catalogue import metrics
from esgtrace.extract.labels import announced_key, best_metric, clean_label, match_group
from esgtrace.extract.records import Record, Token, Value, quote_of, tokenize
from esgtrace.ingest.model import Line
from esgtrace.normalise.periods import Period, parse_period

_MAX_BAND = 40  # header lines above the rows
_MAX_CELL_WORDS = 7
_TOTAL = re.compile(r"^(?:(?:overall|grand)\s+)?totals?$|^all(?:\s+employees)?$", re.I)
_TOTAL_OF = re.compile(r"^(?:total|all)\s+(.+)$|^(.+?)\s+totals?$", re.I)
_FIGURE = re.compile(r"^[(\-]?\d[\d,.]*\)?%?\*?$|^[-–—]$")
# the year a title or a note says the table's figures belong to
_STATED_YEAR = re.compile(
    r"\b(?:(?:calendar|fiscal|financial|reporting)\s+year|FY|year\s+ended\s+[A-Z][a-z]+\s+\d{1,2},?|"
    r"as\s+(?:of|at)\s+(?:[A-Z][a-z]+\s+\d{1,2},?\s+|\d{1,2}\s+[A-Z][a-z]+\s+)?)\s*((?:19|20)\d\d)\b")
# the heading of the label column, printed first on the line of groups
_LABEL_HEADING = re.compile(r"^(?:indicators?|items?|metrics?|kpis?|categor(?:y|ies))\b\s*", re.I)
_COUNT_CELL = re.compile(r"^(?:numbers?|no\.?|count|headcount|persons|people)$")
_SHARE_CELL = re.compile(r"^(?:%|percentages?|percent|share|ratio|proportion)$")
_TAKES_NUMBER = {"under", "over", "above", "below", "aged", "age", "than", "and", "to", "scope", "category"}
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# the people a title speaks of, after a group that narrows them: "for U.S. employees"
_POPULATION = re.compile(r"\b(?:for|of|among)\s+(?:all\s+|our\s+|the\s+)?(\S+(?:\s+\S+)?)\s+(employees|workforce|staff)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Cell:
    """A header cell: a group column (``group``), or a total (``total``; ``group`` then
    names the block it closes, if it does)."""

    text: str
    group: tuple[str, str] | None
    total: bool


@dataclass(frozen=True, slots=True)
class _Column:
    """A value column: the breakdown it gives a figure, and its place in its block."""

    breakdown: dict[str, str]
    block: int
    total: bool
    measure: str = ""  # "count" or "share" under a line of measures, else as printed


def group_column_records(
    lines: Sequence[Line], page: int | None, skip: set[int | None], report_year: int | None = None
) -> list[Record]:
    """Every figure of the page's tables whose columns are groups (see the module docstring).

    :param lines: the page's lines
    :param page: the page number facts cite (``None`` for an unpaginated file)
    :param skip: lines another reader already read as rows: not rows of these tables
    :param report_year: the report's year: a title or note naming only other years gives nothing
    """
    texts = [_bare(line.text) for line in lines]
    out: list[Record] = []
    k = 0
    while k < len(lines):
        found = _header(texts, k)
        if found is None:
            k += 1
            continue
        row_key, columns, first_row = found
        rows: list[int] = []
        j = first_row
        while j < len(lines) and _row_cells(texts[j], len(columns)) is not None and lines[j].number not in skip:
            rows.append(j)
            j += 1
        if not rows:
            k += 1
            continue
        title = _title(texts, k)
        note = next((t for t in texts[j : j + 2] if t.strip()), "")
        period = _period(title, note, report_year)
        if period is not False:
            stated = period if isinstance(period, Period) else None
            for r in rows:
                out += _row_records(lines[r], texts[r], columns, row_key, title, stated, page)
        k = j
    return out


def _bare(text: str) -> str:
    """A line without the ". " text extraction closes short lines with."""
    t = text.strip()
    return t[:-1].rstrip() if t.endswith(".") and not re.search(r"\d\.$", t) else t


def _header(texts: list[str], k: int) -> tuple[str | None, list[_Column], int] | None:
    """The header band that starts at line ``k``: the rows' key, the value columns and the
    first row's line; ``None`` unless every cell of the band is known."""
    row_key: str | None = None
    first = texts[k].strip()
    said = announced_key(first) if first and not _cells(first) else None
    if said and said[1] == 0 and said[2] == len(first):
        row_key, k = said[0], k + 1  # "Job Categories": the label column's heading
    band: list[list[_Cell]] = []
    measures: list[str] = []
    j = k
    while j < len(texts) and j - k < _MAX_BAND:
        t = texts[j].strip()
        if not t:
            break
        kinds = _measures(t)
        if kinds and band:
            measures += kinds  # "Number Percentage Number Percentage" below the groups
            j += 1
            continue
        joined = _cells(f"{t} {texts[j + 1].strip()}") if j + 1 < len(texts) and texts[j + 1].strip() else None
        if joined is not None and len(joined) == 1 and not measures:
            band.append(joined)  # a name wrapped over two lines
            j += 2
            continue
        cells = _cells(t) if not measures else None
        if cells is None and not band and row_key is None:
            lead = _LABEL_HEADING.match(t) or None
            said = announced_key(t) if lead is None else None
            end = lead.end() if lead else said[2] if said and said[1] == 0 else 0
            cells = _cells(t[end:]) if end else None
            if cells is not None and said:
                row_key = said[0]  # "Job category Male Female Total": the label column's heading
        if cells is None:
            break
        band.append(cells)
        j += 1
    if not band or j >= len(texts):
        return None
    flat = [c for line in band for c in line]
    options: list[tuple[list[_Cell], list[_Cell]]] = [(flat, [])] + ([(flat[len(band[0]) :], band[0])] if len(band) > 1 else [])  # a spanning line
    for cells, span in options:
        columns = _columns(cells, span)
        if columns is not None and measures:
            columns = _measured(columns, measures)
        if columns is not None and sum(not c.total for c in columns) >= 2 and _row_cells(texts[j], len(columns)):
            return row_key, columns, j
    return None


def _measures(text: str) -> list[str]:
    """The kinds of a line of measure cells ("Number Percentage", "No. %"): count or share."""
    kinds: list[str] = []
    for word in text.split():
        w = word.lower().strip("()")
        kinds.append("count" if _COUNT_CELL.match(w) else "share" if _SHARE_CELL.match(w) else "")
    return kinds if kinds and all(kinds) else []


def _measured(columns: list[_Column], measures: list[str]) -> list[_Column] | None:
    """Each column split into the measures printed below it, the same for every column."""
    if len(measures) % len(columns):
        return None
    step = len(measures) // len(columns)
    each = measures[:step]
    if step < 2 or measures != each * len(columns) or len(set(each)) != step:
        return None
    return [replace(c, measure=m) for c in columns for m in each]


def _cells(text: str) -> list[_Cell] | None:
    """A header line cut into known cells, longest names first; ``None`` if a word is left over.
    A total of one group ("Total Male") is a cell only as a line of its own: "Total Male
    Female" is three cells."""
    words = text.split()
    out: list[_Cell] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_CELL_WORDS, len(words) - i), 0, -1):
            cell = _cell(" ".join(words[i : i + n]), alone=n == len(words))
            if cell is not None:
                out.append(cell)
                i += n
                break
        else:
            return None
    return out or None


def _cell(text: str, alone: bool) -> _Cell | None:
    name = clean_label(text)
    if _TOTAL.match(name):
        return _Cell(name, None, True)
    of = _TOTAL_OF.match(name)
    if of and alone:
        group = match_group(of.group(1) or of.group(2))
        return _Cell(name, group, True) if group else None
    group = match_group(name)
    return _Cell(name, group, False) if group else None


def _columns(cells: list[_Cell], span: list[_Cell]) -> list[_Column] | None:
    """The value columns of a band's cells, blocks closed by their totals; ``span`` is a
    line above the columns, one cell a block."""
    blocks: list[list[_Cell]] = [[]]
    for n, cell in enumerate(cells):
        blocks[-1].append(cell)
        if cell.total and (n > 0 or len(cells) == 1) and n < len(cells) - 1:
            blocks.append([])
    if span and len(blocks) == 1 and len(span) > 1 and not any(c.total for c in cells) and len(cells) % len(span) == 0:
        size = len(cells) // len(span)
        chunks = [cells[n : n + size] for n in range(0, len(cells), size)]
        if all([c.group for c in chunk] == [c.group for c in chunks[0]] for chunk in chunks):
            blocks = chunks  # "Male Female" over "<30 30-50 >50 <30 30-50 >50": one block a group
    if span:
        if len(span) != len(blocks):
            return None
        for block, over in zip(blocks, span):
            closing = next((c for c in block if c.total), None)
            own = closing.group if closing else None
            if over.total and own is not None or not over.total and own is not None and own != over.group:
                return None  # the spanning line disagrees with the blocks' own totals
    out: list[_Column] = []
    for b, block in enumerate(blocks):
        closing = next((c for c in block if c.total), None)
        own = closing.group if closing else None
        if own is None and span and not span[b].total:
            own = span[b].group
        keys = {c.group[0] for c in block if not c.total and c.group}
        if own is not None and own[0] in keys:
            return None  # "Total Male" closing a block of genders: not a block of one group
        for cell in block:
            breakdown = dict([own]) if own else {}
            if not cell.total and cell.group:
                if cell.group[0] in breakdown:
                    return None
                breakdown[cell.group[0]] = cell.text if cell.group[0] == "ethnicity" else cell.group[1]
            out.append(_Column(breakdown, b, cell.total))
    return out


def _row_cells(text: str, width: int) -> tuple[str, list[str]] | None:
    """A row's label and its figures, when it ends in exactly ``width`` of them (a number
    after "Under" or "aged" belongs to the label)."""
    words = text.split()
    if len(words) <= width or not all(_FIGURE.match(w) for w in words[len(words) - width :]):
        return None
    label = words[: len(words) - width]
    if _FIGURE.match(label[-1]) and not (len(label) > 1 and label[-2].lower() in _TAKES_NUMBER):
        return None  # more figures than columns
    if not re.search(r"[^\W\d_]", " ".join(label)):
        return None
    return " ".join(label), words[len(words) - width :]


def _title(texts: list[str], k: int) -> str:
    """The table's title: the nearest short line above the band (within a few lines)."""
    for t in reversed(texts[max(0, k - 6) : k]):
        t = t.strip()
        if t and len(t) <= 120:
            return t
    return ""


def _period(title: str, note: str, report_year: int | None) -> Period | None | Literal[False]:
    """The period a title or note states (``None``: the report's own; ``False``: a guess)."""
    alone = parse_period(title) if _ANY_YEAR.search(title) and len(title) <= 12 else None
    if alone is not None:
        return None if alone.year == report_year and not alone.partial else alone  # "2020" over the groups
    for text in (title, note):
        m = _STATED_YEAR.search(text)
        if m:
            if int(m.group(1)) == report_year:
                return None  # the report's own year: its period, as the report labels it
            fiscal = m.group(0).upper().startswith("FY")
            return parse_period(f"FY{m.group(1)}" if fiscal else m.group(1)) or False
    named = {int(y) for y in _ANY_YEAR.findall(f"{title} {note}")}
    if named and named != {report_year}:
        return False  # another year, not said to be the table's
    return None


def _population(title: str) -> tuple[str, dict[str, str]]:
    """The metric a title names as printed, and the group its people are narrowed to:
    "Employees" -> ("Employees", {}); "... for U.S. employees" -> ("employees", {region: U.S.})."""
    name = clean_label(title)
    match = best_metric(name)
    if match is not None:
        return (name, {}) if match.metric.dimension == "count" else ("", {})
    said = _POPULATION.search(name)
    if said is None:
        return "", {}
    noun = best_metric(said.group(2))
    group = match_group(said.group(1))
    if noun is None or noun.metric.dimension != "count" or group is None:
        return "", {}
    return said.group(2), dict([group])


def _row_records(
    line: Line, text: str, columns: list[_Column], row_key: str | None, title: str, period: Period | None,
    page: int | None,
) -> list[Record]:
    found = _row_cells(text, len(columns))
    if found is None:
        return []
    label, cells = found
    name = clean_label(label)
    tokens = tokenize(line.number, line.text)
    figures = tokens[len(tokens) - len(columns) :]
    numbers = [t.number() for t in figures]
    if any(n is None and not t.blank() for n, t in zip(numbers, figures)):
        return []
    measured = any(c.measure for c in columns)
    if not measured and len({n.percent for n in numbers if n is not None}) > 1:
        return []  # counts beside shares: the columns are not these
    if any(n is not None and n.percent and c.measure == "count" for c, n in zip(columns, numbers)):
        return []  # a share under "Number"
    shares = [c.measure == "share" or not c.measure and n is not None and n.percent for c, n in zip(columns, numbers)]
    if not _adds_up(columns, [n.value if n is not None else None for n in numbers], shares):
        return []
    # what the row is: a metric of its own, or a group of the rows' key under the title's metric
    row: dict[str, str] = {}
    subject = label
    if not _TOTAL.match(name):
        group = match_group(name, row_key) if row_key else match_group(name)
        column_keys = {k for c in columns for k in c.breakdown}
        if group is not None and group[0] not in column_keys:
            row = dict([group])
        elif row_key is not None or best_metric(name) is None:
            return []
    if row or _TOTAL.match(name):
        subject, narrowed = _population(title)
        if not subject:
            return []
        row = {**narrowed, **row}
    counted = [c.breakdown for c, n in zip(columns, numbers) if c.measure == "count" and n is not None]
    out: list[Record] = []
    for column, number, token, share in zip(columns, numbers, figures, shares):
        if number is None:
            continue
        if column.measure == "share" and column.breakdown in counted and not _own_metric(column.breakdown):
            continue  # a group's share beside its count: the count is the figure (a share only when no count is printed)
        breakdown = {**row, **column.breakdown}
        if not column.breakdown and (share or subject != label and not breakdown):
            continue  # the row's own whole: its 100%, or the title's total (printed elsewhere)
        out.append(Record(label=subject, unit="%" if share else "", values=[Value(number, period)],
                          page=page, line=line.number, quote=quote_of(line.text, tokens[0].start, token.end),  # the row as printed, on its line
                          method="table", table=None, caption=title, breakdown=breakdown,
                          joint=len(column.breakdown) > 1))
    return out


def _own_metric(breakdown: dict[str, str]) -> bool:
    """A group whose share the catalogue gives a metric of its own (women's share of the workforce)."""
    return len(breakdown) == 1 and any(f"{k}={v}" in m.one_group for m in metrics() for k, v in breakdown.items())


def _adds_up(columns: list[_Column], values: list[float | None], shares: list[bool]) -> bool:
    """Each block's groups add up to its total (within rounding), counts and shares apart; a
    block without a total must be shares that add up to 100. No part is negative, no whole
    is zero or less."""
    for block, measure in sorted({(c.block, c.measure) for c in columns}):
        own = [(c, v) for c, v in zip(columns, values) if c.block == block and c.measure == measure]
        share = any(s for c, s in zip(columns, shares) if c.block == block and c.measure == measure)
        totals = [v for c, v in own if c.total]
        parts = [v for c, v in own if not c.total]
        if any(v is None for v in parts) or len(totals) > 1 or any(v is None for v in totals):
            return False
        whole = totals[0] if totals else (100.0 if share else None)
        if whole is None or whole <= 0 or any(v is not None and v < 0 for v in parts):
            return False  # a negative part is a difference (a comparison with peers), not a group's share
        keys: dict[str, float] = {}
        for c, v in own:
            if not c.total:
                group_keys = [k for k in c.breakdown if not any(k in o.breakdown for o, _ in own if o.total)]
                for k in group_keys:
                    keys[k] = keys.get(k, 0.0) + (v or 0.0)
        # rounded shares may each be half a point off; counts add up but for a rounding
        slack = 0.5 * len(parts) if share else abs(whole) * 0.005 + 1
        if not keys or any(abs(s - whole) > slack for s in keys.values()):
            return False
    return True


__all__ = ["group_column_records"]
