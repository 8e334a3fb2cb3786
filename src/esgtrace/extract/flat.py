"""Lines of reports published as flattened text that are neither table rows nor prose.

- A bar chart flattened into one line prints its label, then each year with its bar's
  figure: "Employee turnover rate 2019 15.0% 2020 12.5% 2021 14.2%".
- A single-period table of groups flattened into one line prints the metric's label (and
  total), a key ("By gender", "By age group") and each group with its figure: "Number of
  employees 12,400 By gender Male 8,100 Female 4,300"; lines that start with a key
  ("By age group <24 1,200 25 – 29 2,600 ...") go on with the label of the line above.

- A single-period table whose columns are groups, each with its unit in brackets, and
  whose rows are groups of another key: "Male (%) Female (%) Total (absolute number)" over
  "<30yrs (%) 50% 50% 6"; the line above the header names the metric ("Employees").

All are read only when every figure is tied to one year or one group; otherwise the line
gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from esgtrace.extract.charts import series_record
from esgtrace.extract.labels import announced_key, best_metric, clean_label, match_group
from esgtrace.extract.records import Record, Token, Value, quote_of, tokenize
from esgtrace.extract.standalone import STANDALONE_TABLE_BASE
from esgtrace.extract.wrapping import label_unit
from esgtrace.ingest.model import Line
from esgtrace.normalise import read_unit

_YEAR_WORD = re.compile(r"^(?:FY\s?)?((?:19|20)\d\d)[.:]?$")
_MIN_PAIRS = 2


def series_records(
    lines: Sequence[Line], page: int | None, skip: set[int | None], fiscal_end: tuple[int, int] | None = None
) -> list[Record]:
    """Year-figure pairs of a flattened chart: "Label 2019 18.80% 2020 12.80% 2021 19.80%".

    The label is the text before the first year; each year must be followed by exactly one
    figure and the years must follow one another (2019, 2020, 2021). Anything else ("2019 2019
    2020 2020", two figures after a year, years that skip) is a chart whose figures cannot be
    tied to their years: no record. Text after the last pair (a sentence) is left alone.
    """
    out: list[Record] = []
    for line in lines:
        if line.number in skip or not re.search(r"(?:19|20)\d\d", line.text):
            continue
        record = _series(line, page, fiscal_end)
        if record is not None:
            out.append(record)
    return out


def _year_of(token: Token) -> int | None:
    m = _YEAR_WORD.match(token.text)
    return int(m.group(1)) if m else None


def _series(line: Line, page: int | None, fiscal_end: tuple[int, int] | None) -> Record | None:
    tokens = tokenize(line.number, line.text)
    first = next((k for k, t in enumerate(tokens) if _year_of(t) is not None), None)
    if first is None or first == 0:
        return None
    pairs: list[tuple[Token, Token]] = []
    k = first
    while k < len(tokens) and (year := _year_of(tokens[k])) is not None:
        figure = tokens[k + 1] if k + 1 < len(tokens) else None
        if figure is None or _year_of(figure) is not None or figure.number() is None:
            return None  # a year without its figure: the figures are printed apart from the years
        if pairs and year != (_year_of(pairs[-1][0]) or 0) + 1:
            return None  # years that do not follow one another
        pairs.append((tokens[k], figure))
        k += 2
        after = tokens[k] if k < len(tokens) else None
        if after is not None and _year_of(after) is None and (after.number() is not None or after.blank()):
            return None  # two figures after one year
    if len(pairs) < _MIN_PAIRS:
        return None
    label_tokens = tokens[:first]
    label = " ".join(t.text for t in label_tokens).strip()
    if not re.search(r"[^\W\d_]{3}", label) or len(label) > 120 or label.endswith((".", "。", ":")):
        return None
    if any(t.number() is not None and not re.search(r"[^\W\d_]", t.text) for t in label_tokens[-1:]):
        return None  # a figure before the first year: the chart prints more than the pairs
    shapes = {("%" in f.text) for _, f in pairs}
    if len(shapes) > 1:
        return None  # percentages beside plain figures: two series on one line
    label, unit = label_unit(label)
    return series_record(label, unit, pairs, line, page, fiscal_end, label_tokens[0].start, pairs[-1][1].end,
                         STANDALONE_TABLE_BASE + 50_000)



_MAX_GROUP_TOKENS = 6
_KEY_START = re.compile(r"(?:^|\s)(?=by\s)", re.I)


def breakdown_records(lines: Sequence[Line], page: int | None, skip: set[int | None]) -> list[Record]:
    """Groups of a single-period table flattened into lines: "<label> [total] By <key>
    <group> <figure> <group> <figure> ...". Each group must be one the catalogue's key knows
    (or, for keys of named groups such as a staff category, a short label), followed by
    exactly one figure; the line gives nothing when any is not.

    The figures take the report's period: the line prints none.
    """
    out: list[Record] = []
    block = ""  # the label of the line above, for lines that start with a key
    for line in lines:
        if not line.text.strip():
            continue
        found = None if line.number in skip else _breakdown_line(line, page, block)
        if found is None:
            block = ""
            continue
        block, records = found
        out += records
    return out


def _breakdown_line(line: Line, page: int | None, block: str) -> tuple[str, list[Record]] | None:
    text = line.text
    if re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", text[len(text) // 3 :]) is None and not re.search(r"\d", text):
        return None
    for m in _KEY_START.finditer(text):
        at = m.end() if m.group(0) else 0
        key = announced_key(text[at : at + 60])
        if key is None or key[1] != 0:
            continue
        label_text = text[:at].strip()
        tokens = [t for t in tokenize(line.number, text) if t.start >= at + key[2]]
        pairs = _group_pairs(tokens, key[0])
        if pairs is None:
            return None
        head = tokenize(line.number, label_text)
        total = head[-1] if head and head[-1].number() is not None and not re.search(r"[^\W\d_]", head[-1].text) else None
        label = " ".join(t.text for t in (head[:-1] if total else head)).strip() or block
        if not re.search(r"[^\W\d_]{3}", label) or len(label) > 160 or re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", label):
            return None  # no label, or one that names a year of its own
        label, unit = label_unit(label)
        table = STANDALONE_TABLE_BASE + 70_000 + (page or 0) * 100_000 + line.number
        records: list[Record] = []
        if total is not None:
            number = total.number()
            if number is not None:
                records.append(Record(label=label, unit=unit, values=[Value(number, None)], page=page, line=line.number,
                                      quote=quote_of(text, head[0].start, total.end, label=label), method="table",
                                      table=table, caption=""))
        for group, first, figure in pairs:
            number = figure.number()
            if number is None:
                return None
            records.append(Record(label=label, unit=unit, values=[Value(number, None)], page=page, line=line.number,
                                  quote=quote_of(text, first.start, figure.end, label=label), method="table",
                                  table=None, caption=label, breakdown={key[0]: group}))
        return label, records
    return None


def _group_pairs(tokens: list[Token], key: str) -> list[tuple[str, Token, Token]] | None:
    """(group, its first token, its figure) for each group after a key, or ``None`` when a
    stretch of the line is not a group the key knows followed by one figure."""
    pairs: list[tuple[str, Token, Token]] = []
    i = 0
    while i < len(tokens):
        found = None
        for j in range(i + 1, min(len(tokens), i + _MAX_GROUP_TOKENS + 1)):
            if tokens[j].number() is None or re.search(r"[^\W\d_]", tokens[j].text):
                continue
            text = clean_label(" ".join(t.text for t in tokens[i:j]))
            known = match_group(text, None)  # a group the catalogue's patterns know ("<24", "Male")
            group = known if known is not None else match_group(text, key) if re.search(r"[^\W\d_]{3}", text) else None
            if group is not None and group[0] == key:
                found = (group[1], j)
                break
        if found is None:
            return None
        pairs.append((found[0], tokens[i], tokens[found[1]]))
        i = found[1] + 1
    return pairs if len(pairs) >= 2 else None


_CELL = re.compile(r"\s*([^()\d][^()]*?)\s*\(([^()]{1,30})\)")
# a disclosure code before a table's title: "GRI 2-7: Employees", "SGX and GRI 401-1: ..."
_CODE = re.compile(r"^.*\b(?:GRI|SASB|SGX|HKEX|TCFD|ESRS|KPI)\b[^:：]{0,30}[:：]\s*", re.I)
_TOTAL_WORD = re.compile(r"^total$", re.I)

Column = tuple[tuple[str, str] | None, str]
"""A column of a group table: its group (``None`` for the total) and its printed unit."""


def group_table_records(lines: Sequence[Line], page: int | None, skip: set[int | None]) -> list[Record]:
    """Single-period tables of groups by groups: a header of bracketed group columns of one
    key ("Male (%) Female (%) Total (absolute number)"), rows of groups of another key with one
    figure a column ("<30yrs (%) 50% 50% 6"). The line above the header must name a metric;
    a header directly below another table's rows keeps that table's title.
    """
    out: list[Record] = []
    title = ""  # the title of the table whose rows end just above
    k = 0
    while k < len(lines):
        columns = _group_header(lines[k].text)
        if columns is None:
            k += 1
            title = ""
            continue
        if not title:
            above = next((ln.text.strip() for ln in reversed(lines[:k]) if ln.text.strip()), "")
            title = _CODE.sub("", above).strip()
            match = best_metric(clean_label(title))
            if match is None or match.metric.dimension != "count":
                title = ""  # a title that names no count: the shares of its groups would be a guess
        k += 1
        rows = 0
        while k < len(lines) and title:
            row = _group_row(lines[k], columns, page, title, skip)
            if row is None:
                break
            out += row
            rows += 1
            k += 1
        if not rows:
            title = ""
    return out


def _group_header(text: str) -> list[Column] | None:
    if text.count("(") < 2:
        return None  # a header has two bracketed cells or more: most lines skip the pattern
    cells: list[tuple[str, str]] = []
    at = 0
    # cell after cell, each where the last ends (a search from every later start of a long
    # line that is no header takes long, and a cell after other text makes none)
    while (m := _CELL.match(text, at)) is not None:
        cells.append((m.group(1).strip(), m.group(2).strip()))
        at = m.end()
    if text[at:].strip() or len(cells) < 2:
        return None
    columns: list[Column] = []
    for name, unit in cells:
        if _TOTAL_WORD.match(name):
            columns.append((None, unit))
            continue
        group = match_group(clean_label(name), None)
        if group is None:
            return None
        columns.append((group, unit))
    keys = {c[0][0] for c in columns if c[0] is not None}
    if len(keys) != 1 or sum(c[0] is not None for c in columns) < 2:
        return None
    return columns


def _group_row(line: Line, columns: list[Column], page: int | None, title: str, skip: set[int | None]) -> list[Record] | None:
    if line.number in skip:
        return None
    tokens = tokenize(line.number, line.text)
    n = len(columns)
    if len(tokens) <= n:
        return None
    cells, head = tokens[-n:], tokens[:-n]
    if any(t.number() is None and not _blank_cell(t.text) for t in cells):
        return None
    name = re.sub(r"\s*\([^()]{1,30}\)$", "", " ".join(t.text for t in head)).strip()
    if any(t.number() is not None and not re.search(r"[^\W\d_]", t.text) for t in head):
        return None  # more figures than columns
    row_key = columns[0][0][0] if columns[0][0] else next(c[0][0] for c in columns if c[0])
    group = None if _TOTAL_WORD.match(name) else match_group(clean_label(name), None)
    if group is None and not _TOTAL_WORD.match(name) or group is not None and group[0] == row_key:
        return None
    out: list[Record] = []
    for (column, unit), cell in zip(columns, cells):
        number = cell.number()
        if number is None:
            continue  # a dash: not reported
        breakdown = dict([group]) if group else {}
        if column is not None:
            breakdown[column[0]] = column[1]
        if not breakdown:
            continue  # the table's grand total: the title's own figure is printed elsewhere
        printed_unit = unit if read_unit(unit).known else ""
        if printed_unit == "%" and not number.percent or printed_unit != "%" and number.percent:
            return None  # a figure in another unit than its column's: the columns are not these
        out.append(Record(label=title, unit=printed_unit, values=[Value(number, None)], page=page, line=line.number,
                          quote=quote_of(line.text, tokens[0].start, cell.end, label=title), method="table",
                          table=None, caption=title, breakdown=breakdown))
    return out


def _blank_cell(text: str) -> bool:
    return bool(re.fullmatch(r"[-–—‒]%?|n/?a", text, re.I))


__all__ = ["breakdown_records", "group_table_records", "series_records"]
