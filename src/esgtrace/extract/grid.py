"""Tables from page geometry: value columns where figures line up, a header band above them.

For a PDF page the word boxes give the grid a reader's eye sees, whatever the words:

- a **value column** is an x-range where numeric words end at the same right edge (figures
  are right-aligned) on two or more rows;
- a **table** is a run of rows holding figures in those columns; columns with a label
  between them belong to two tables side by side (two-column pages);
- its **header band** is the rows just above the first figures whose words fall inside the
  columns, up to three lines deep ("2019" over "baseline"), read per column with the period
  parser; a heading of several words may stand centred over its column ("Merck KGaA" is one
  heading though neither word sits over the column). A year with whom the column covers
  ("2023 Group" beside "2023 thereof parent company") is that year, and the column of the
  part is left alone. A unit printed in the band over the label column ("metric kilotons")
  is the table's unit;
- a table without a header band continues one: the table just above on the page, in the
  same columns, when only label lines ("Thereof") stand between them; or the previous
  page's table, in the same columns, when it sits where that table left off;
- a line of running text that holds a figure (a footnote marker standing apart) is no row:
  its words run over two or more value columns;
- the **label** is the text cell nearest to the left of the first column (a unit cell may
  sit between them), with wrapped label lines above it joined.

Every value is assigned to its column by position, so the reading order of the text
stream does not matter. Records cite the stream line that holds their figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from esgtrace.extract.labels import part_of_above
from esgtrace.extract.records import Record, Value, quote_of
from esgtrace.extract.wrapping import label_unit
from esgtrace.ingest.model import Page, Word
from esgtrace.normalise import Number, not_reported, parse_number, read_unit
from esgtrace.normalise.periods import Period, parse_period

# right edges within this many points make one column
ALIGN_PT = 2.5
# words further apart than this share of the row height start a new cell
CELL_GAP = 0.9
_NUMERIC = re.compile(r"^[(\-−–]?[$€£¥]?\d[\d,.]*\)?%?\*{0,2}$|^[-–—]$|^n/?a$", re.I)
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\d+\.\d+%?|\d{3,}%?")
_CONNECTOR = re.compile(r"(?:\b(?:and|or|of|per|in|by|for|from|to|the|with)|[-–,/(（])$", re.I)


@dataclass(frozen=True, slots=True)
class GridRow:
    top: float
    bottom: float
    words: tuple[Word, ...]

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass(frozen=True, slots=True)
class Column:
    left: float
    right: float


@dataclass(frozen=True, slots=True)
class GridHeader:
    """The periods of a run of columns, kept to continue a table on the next page."""

    columns: tuple[Column, ...]
    periods: tuple[Period | None, ...]
    caption: str
    unit: str = ""


def _rows(words: Sequence[Word]) -> list[GridRow]:
    ordered = sorted(words, key=lambda w: w.top + w.bottom)
    rows: list[GridRow] = []
    group: list[Word] = []
    centre = height = 0.0
    for w in ordered:
        mid = (w.top + w.bottom) / 2
        h = w.bottom - w.top
        if group and abs(mid - centre) <= 0.5 * max(height, h):
            group.append(w)
            height = max(height, h)
        else:
            if group:
                rows.append(GridRow(min(x.top for x in group), max(x.bottom for x in group), tuple(sorted(group, key=lambda x: x.x0))))
            group, centre, height = [w], mid, h
    if group:
        rows.append(GridRow(min(x.top for x in group), max(x.bottom for x in group), tuple(sorted(group, key=lambda x: x.x0))))
    return rows


def _value(word: Word) -> Number | None:
    text = word.bare
    if not _NUMERIC.match(text):
        return None
    return parse_number(text.rstrip("*")) if not not_reported(text) else None


def _is_cell_value(word: Word) -> bool:
    first = word.text[:1]
    if not (first.isdigit() or first in "(-−–—$€£¥nN"):
        return False
    return _cell_text(word.bare)


@lru_cache(maxsize=4096)
def _cell_text(text: str) -> bool:
    """A figure or a "not reported" dash, as one cell holds it."""
    if not _NUMERIC.match(text):
        return False
    return not_reported(text) or parse_number(text.rstrip("*")) is not None


def _cell_values(row: GridRow) -> list[Word]:
    """The row's figures that stand as cells of their own: apart from the text beside them
    ("Scope 1, 2 and" holds no figure), though figures may sit close to each other."""
    words = row.words
    flags = [_is_cell_value(w) for w in words]
    if not any(flags):
        return []
    gap = CELL_GAP * row.height
    out = []
    last = len(words) - 1
    for k, w in enumerate(words):
        if not flags[k]:
            continue
        if k and not flags[k - 1] and w.x0 - words[k - 1].x1 <= gap:
            continue
        if k < last and not flags[k + 1] and words[k + 1].x0 - w.x1 <= gap and words[k + 1].bare != "%":
            continue
        out.append(w)
    return out


def _columns(values: list[list[Word]]) -> list[Column]:
    """Right edges where figures of two or more rows line up."""
    edges = sorted((w.x1, w.x0, n) for n, row in enumerate(values) for w in row if parse_period(w.bare) is None)
    columns: list[Column] = []
    k = 0
    while k < len(edges):
        j = k
        while j + 1 < len(edges) and edges[j + 1][0] - edges[k][0] <= ALIGN_PT:
            j += 1
        members = edges[k : j + 1]
        if len({n for _, _, n in members}) >= 2:
            columns.append(Column(min(x0 for _, x0, _ in members), max(x1 for x1, _, _ in members)))
        k = j + 1
    return columns


def _column_of(word: Word, columns: Sequence[Column]) -> int | None:
    for n, c in enumerate(columns):
        if abs(word.x1 - c.right) <= ALIGN_PT + 0.5:
            return n
    return None


def _cells(words: Sequence[Word], height: float) -> list[list[Word]]:
    cells: list[list[Word]] = []
    for w in words:
        if cells and w.x0 - cells[-1][-1].x1 <= CELL_GAP * height:
            cells[-1].append(w)
        else:
            cells.append([w])
    return cells


def grid_records(
    page: Page,
    page_number: int | None,
    first_table: int,
    covered: set[int],
    fiscal_end: tuple[int, int] | None = None,
    carried: list[GridHeader] | None = None,
) -> tuple[list[Record], list[GridHeader]]:
    """Records of the tables the page's geometry shows, and the headers of its tables
    for the next page.

    :param covered: stream lines already read as table rows: figures there are left alone
    :param carried: headers of the previous page's tables
    """
    per_line: dict[int, int] = {}
    for w in page.words:
        if w.text[:1].isdigit() and _FIGURE.match(w.text):
            line = page.line_at(w.start)
            if line is not None and line.number not in covered:
                per_line[line.number] = per_line.get(line.number, 0) + 1
    tabular = sum(1 for number, count in per_line.items()
                  if count >= 2 or _FIGURE.fullmatch(page.lines[number - 1].text.strip()))
    if tabular < 3:
        return [], []  # no figure-rich line the text stream left unread: nothing for the grid
    rows = _rows(page.words)
    values = [_cell_values(r) for r in rows]
    columns = _columns(values)
    if len(columns) < 1:
        return [], []
    records: list[Record] = []
    headers: list[GridHeader] = []
    table = first_table
    placed: list[tuple[int, dict[int, Word]]] = []
    for n, row in enumerate(rows):
        cells = {c: w for w in values[n] if (c := _column_of(w, columns)) is not None}
        if cells and not all(parse_period(w.bare) is not None for w in cells.values()) and not _prose(row, values[n], columns):
            placed.append((n, cells))
    here: list[tuple[int, GridHeader]] = []  # this page's tables so far: last row, header
    for block in _blocks(rows, placed):
        for group in _groups(rows, block, columns):
            table += 1
            upper = _header_above(rows, block, [columns[c] for c in group], here)
            found, header = _table(page, page_number, rows, block, group, columns, table, covered, fiscal_end,
                                   carried, upper)
            records += found
            if header is not None:
                headers.append(header)
                here.append((block[-1][0], header))
    return records, headers


def _header_above(rows: list[GridRow], block: list[tuple[int, dict[int, Word]]], cols: list[Column],
                  here: list[tuple[int, GridHeader]]) -> GridHeader | None:
    """The header of a table just above on the same page, in the same columns, when only
    label text stands between its last row and this block ("Thereof" over its sub-rows): the
    block goes on with that table."""
    first = block[0][0]
    left = min(c.left for c in cols)
    for last, header in reversed(here):
        if not 0 < first - last <= 4 or len(header.columns) != len(cols):
            continue
        if not all(abs(a.right - b.right) <= ALIGN_PT + 0.5 for a, b in zip(header.columns, cols)):
            continue
        if any(w.x1 > left - 25 for k in range(last + 1, first) for w in rows[k].words):
            return None  # a line over the columns between them: a table of its own
        return header
    return None


def _prose(row: GridRow, values: list[Word], columns: list[Column]) -> bool:
    """A line of running text that happens to hold a figure (a footnote "1 In line with
    ..."): its other words run over two or more value columns."""
    figures = set(values)
    crossed = {n for w in row.words if w not in figures for n, c in enumerate(columns) if w.x0 < c.right and w.x1 > c.left}
    return len(crossed) >= 2


def _blocks(rows: list[GridRow], placed: list[tuple[int, dict[int, Word]]]) -> list[list[tuple[int, dict[int, Word]]]]:
    """Value rows close enough together to be one table."""
    blocks: list[list[tuple[int, dict[int, Word]]]] = []
    for item in placed:
        n = item[0]
        if blocks:
            last = blocks[-1][-1][0]
            gap = rows[n].top - rows[last].bottom
            if gap <= 4 * rows[last].height and n - last <= 5:
                blocks[-1].append(item)
                continue
        blocks.append([item])
    return [b for b in blocks if len(b) >= 2 or len(b[0][1]) >= 2]


def _groups(rows: list[GridRow], block: list[tuple[int, dict[int, Word]]], columns: list[Column]) -> list[list[int]]:
    """The block's columns, split where a label stands between two of them (tables side by side)."""
    used = sorted({c for _, cells in block for c in cells})
    groups: list[list[int]] = []
    for c in used:
        if groups:
            prev = columns[groups[-1][-1]]
            here = columns[c]
            between = any(
                w.x0 > prev.right + 1 and w.x1 < here.left - 1 and not _is_cell_value(w)
                for n, _ in block for w in rows[n].words
            )
            if not between:
                groups[-1].append(c)
                continue
        groups.append([c])
    return groups


def _table(
    page: Page,
    page_number: int | None,
    rows: list[GridRow],
    block: list[tuple[int, dict[int, Word]]],
    group: list[int],
    columns: list[Column],
    table: int,
    covered: set[int],
    fiscal_end: tuple[int, int] | None,
    carried: list[GridHeader] | None,
    upper: GridHeader | None = None,
) -> tuple[list[Record], GridHeader | None]:
    cols = [columns[c] for c in group]
    left_edge = min(c.left for c in cols)
    right_edge = max(c.right for c in cols)
    first = next(n for n, cells in block if any(c in group for c in cells))
    # labels: the text cell nearest to the left of the first column, per row
    label_x0 = _label_x0(rows, block, left_edge)
    header, caption, band_bottom, band_unit = _header(rows, first, cols, left_edge, right_edge, label_x0, fiscal_end)
    if header is None and upper is not None:
        header, caption, band_bottom, band_unit = upper.periods, upper.caption, None, upper.unit
    if header is None and carried:
        same = [h for h in carried if len(h.columns) == len(cols)
                and all(abs(a.right - b.right) <= ALIGN_PT + 0.5 for a, b in zip(h.columns, cols))]
        if same and page.height and rows[first].top < 0.35 * page.height:
            header, caption, band_bottom = same[0].periods, same[0].caption, None
    if header is None or label_x0 is None:
        return [], None
    kept = GridHeader(tuple(cols), header, caption, band_unit)
    caption_unit = _caption_unit(caption) or band_unit
    out: list[Record] = []
    previous_value_row = band_bottom if band_bottom is not None and first - 3 <= band_bottom < first else first - 1
    pending: list[str] = []
    for n, cells in block:
        mine = {group.index(c): w for c, w in cells.items() if c in group}
        if not mine:
            continue
        label_words = [w for w in rows[n].words if w.x0 >= label_x0 - 2 and w.x1 <= left_edge - 1]
        # wrapped label lines above (between the previous value row and this one)
        above = [
            " ".join(w.text for w in rows[k].words if w.x0 >= label_x0 - 2 and w.x1 <= left_edge - 1)
            for k in range(previous_value_row + 1, n)
        ]
        above = [a for a in above if a]
        previous_value_row = n
        label, unit = _label_and_unit(label_words, rows[n].height)
        if above:
            joined = " ".join(above)
            if _CONNECTOR.search(joined) or (label[:1].islower() if label else True):
                label = f"{joined} {label}".strip()
            else:
                pending.append(joined)
        for heading in pending:
            if not re.search(r"[^\W\d_]{2}", heading):
                continue
            out.append(Record(heading, "", [], page_number, None, "", table=table, caption=caption, caption_unit=caption_unit))
        pending = []
        if not label or re.search(r"\d,\d{3}|\d\.\d", label):
            continue  # no label, or one holding another column's figures: a guess
        if not unit:
            label, unit = label_unit(label)
        out += _emit(page, page_number, label, unit, label_words, mine, header, table, caption, caption_unit, covered)
    return out, kept


def _label_x0(rows: list[GridRow], block: list[tuple[int, dict[int, Word]]], left_edge: float) -> float | None:
    starts: list[float] = []
    for n, _ in block:
        words = [w for w in rows[n].words if w.x1 <= left_edge - 1]
        if not words:
            continue
        cells = _cells(words, rows[n].height)
        # the label cell: the nearest cell left of the values; a unit cell may stand between
        cell = cells[-1]
        if len(cells) >= 2 and read_unit(" ".join(w.text for w in cell)).known:
            cell = cells[-2]
        starts.append(cell[0].x0)
    if not starts:
        return None
    return min(starts)


def _label_and_unit(words: list[Word], height: float) -> tuple[str, str]:
    if not words:
        return "", ""
    cells = _cells(words, height)
    if len(cells) >= 2:
        unit = " ".join(w.text for w in cells[-1])
        if read_unit(unit).known:
            return " ".join(w.text for c in cells[:-1] for w in c), unit
    return " ".join(w.text for w in words), ""


def _header(
    rows: list[GridRow],
    first: int,
    cols: list[Column],
    left_edge: float,
    right_edge: float,
    label_x0: float | None,
    fiscal_end: tuple[int, int] | None,
) -> tuple[tuple[Period | None, ...] | None, str, int | None, str]:
    """The periods of the columns from the rows just above the first value row (``None``
    for a column of a part, see :func:`_column_periods`), the caption, the lowest row of the
    header band, and the unit the band prints over the label column ("metric kilotons")."""
    texts: list[list[str]] = [[] for _ in cols]
    lowest = first
    bottom: int | None = None
    for k in range(first - 1, max(-1, first - 9), -1):
        row = rows[k]
        if rows[lowest].top - row.bottom > (3 if bottom is None else 1.5) * row.height:
            break
        inside = [w for w in row.words if w.x1 > left_edge - 25 and w.x0 < right_edge + 5]
        if not inside:
            continue
        picks: list[tuple[int, str]] = []
        for cell in _cells(row.words, row.height):
            held = [w for w in cell if w in inside]
            if not held:
                continue
            if len(held) < len(cell):
                picks = []  # text running in from the labels' side: a caption, not a heading
                break
            single = [_column_under(cols, w.x0, w.x1) for w in cell]
            if all(c is not None for c in single):
                picks += [(c, w.text) for c, w in zip(single, cell) if c is not None]
                continue
            # a heading of several words centred over its column ("Merck KGaA" over "22")
            whole = _column_under(cols, cell[0].x0, cell[-1].x1)
            if whole is None:
                picks = []
                break
            picks.append((whole, " ".join(w.text for w in cell)))
        if not picks:
            break  # a caption or prose line over the columns: the band ends below it
        for best, text in reversed(picks):
            texts[best].insert(0, text)
        lowest = k
        bottom = k if bottom is None else bottom
    periods = _column_periods([" ".join(words) for words in texts], fiscal_end)
    if periods is None:
        return None, "", None, ""
    years = [p.year for p in periods if p is not None and not p.base]
    if len(set(years)) != len(years):
        return None, "", None, ""
    band_unit = ""
    if label_x0 is not None:
        for k in range(lowest, first):
            left = " ".join(w.text for w in rows[k].words if w.x0 >= label_x0 - 2 and w.x1 <= left_edge - 1)
            if left and len(left) <= 40 and read_unit(left).known:
                band_unit = left
    parts: list[str] = []
    top = rows[lowest].top
    for k in range(lowest - 1, max(-1, lowest - 7), -1):
        above = [w for w in rows[k].words if label_x0 is not None and w.x0 >= label_x0 - 2 and w.x1 <= right_edge + 5]
        if not above:
            continue
        if top - rows[k].bottom > 2 * rows[k].height or len(parts) == 3:
            break
        parts.insert(0, " ".join(w.text for w in above))
        top = rows[k].top
    return tuple(periods), " ".join(parts), bottom, band_unit


def _column_under(cols: list[Column], x0: float, x1: float) -> int | None:
    """The column a heading from ``x0`` to ``x1`` stands over: right-aligned with it, or
    centred inside it."""
    centre = (x0 + x1) / 2
    best = min(range(len(cols)), key=lambda c: abs(cols[c].right - x1))
    if abs(cols[best].right - x1) <= 6 or cols[best].left - 8 <= centre <= cols[best].right + 4:
        return best
    return None


_QUALIFIER = re.compile(r"^(?P<year>\S+)\s+(?P<rest>[^\W\d_][^\d]*?)\d{0,2}$")


def _column_periods(headings: list[str], fiscal_end: tuple[int, int] | None) -> list[Period | None] | None:
    """The period of each column heading, or ``None`` when a heading is not one.

    A heading may name its period and then whom the column covers, when two columns of
    the same year stand side by side: "2023 Group" beside "2023 thereof parent company".
    The column of a part ("thereof ...", "of which ...") is not the report's figure: its
    period is ``None`` and its values are left alone. A qualified heading without such a
    part beside it ("2030 target") is no period.
    """
    periods: list[Period | None] = []
    qualified: list[tuple[int, Period, bool]] = []
    for n, heading in enumerate(headings):
        period = parse_period(heading, fiscal_end, marker=True) if heading else None
        if period is None:
            m = _QUALIFIER.match(heading)
            year = parse_period(m.group("year"), fiscal_end, marker=True) if m else None
            if m is None or year is None:
                return None
            qualified.append((n, year, part_of_above(m.group("rest"))))
        periods.append(period)
    for n, year, part in qualified:
        if part:
            continue
        if not any(p and other.year == year.year for _, other, p in qualified):
            return None  # "2030 target", "2022 restated": not a column of the report's figures
        periods[n] = year
    return periods


def _caption_unit(caption: str) -> str:
    for m in re.finditer(r"\bin |[(（]", caption):
        tail = caption[m.end() :].strip().rstrip(")）")
        if len(tail) <= 40 and read_unit(tail).known:
            return tail
    return ""


def _emit(
    page: Page,
    page_number: int | None,
    label: str,
    unit: str,
    label_words: list[Word],
    cells: dict[int, Word],
    periods: tuple[Period | None, ...],
    table: int,
    caption: str,
    caption_unit: str,
    covered: set[int],
) -> list[Record]:
    """One record per stream line holding the row's figures (each quote is on its line)."""
    by_line: dict[int, list[tuple[int, Word]]] = {}
    for c, w in sorted(cells.items()):
        line = page.line_at(w.start)
        if line is not None:
            by_line.setdefault(line.number, []).append((c, w))
    out: list[Record] = []
    for number, items in by_line.items():
        if number in covered:
            continue
        line = page.lines[number - 1]
        values = [Value(v, period) for c, w in items if (period := periods[c]) is not None and (v := _value(w)) is not None]
        if not values:
            continue
        starts = [w.start - line.start for w in label_words if page.line_at(w.start) == line]
        begin = min([*starts, *(w.start - line.start for _, w in items)])
        end = max(w.end - line.start for _, w in items)
        out.append(Record(label=label, unit=unit, values=values, page=page_number, line=number,
                          quote=quote_of(line.text, begin, end), method="table", table=table,
                          caption=caption, caption_unit=caption_unit))
    return out
