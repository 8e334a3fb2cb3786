"""Tables from page geometry: value columns where figures line up, a header band above them.

For a PDF page the word boxes give the grid a reader's eye sees, whatever the words:

- a **value column** is an x-range where numeric words end at the same right edge (figures
  are right-aligned) on two or more rows;
- a **table** is a run of rows holding figures in those columns; columns with a label
  between them belong to two tables side by side (two-column pages);
- its **header band** is the rows just above the first figures whose words fall inside the
  columns, up to three lines deep ("2019" over "baseline"), read per column with the period
  parser; a table without one that sits where the previous page's table left off, in the
  same columns, continues it;
- the **label** is the text cell nearest to the left of the first column (a unit cell may
  sit between them), with wrapped label lines above it joined.

Every value is assigned to its column by position, so the reading order of the text
stream does not matter. Records cite the stream line that holds their figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
    periods: tuple[Period, ...]
    caption: str


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
    return bool(_NUMERIC.match(word.bare)) and (not_reported(word.bare) or _value(word) is not None)


def _cell_values(row: GridRow) -> list[Word]:
    """The row's figures that stand as cells of their own: apart from the text beside them
    ("Scope 1, 2 and" holds no figure), though figures may sit close to each other."""
    words = row.words
    gap = CELL_GAP * row.height
    out = []
    for k, w in enumerate(words):
        if not _is_cell_value(w):
            continue
        before = words[k - 1] if k else None
        after = words[k + 1] if k + 1 < len(words) else None
        if before is not None and not _is_cell_value(before) and w.x0 - before.x1 <= gap:
            continue
        if after is not None and not _is_cell_value(after) and after.x0 - w.x1 <= gap and after.bare not in ("%",):
            continue
        out.append(w)
    return out


def _columns(rows: list[GridRow]) -> list[Column]:
    """Right edges where figures of two or more rows line up."""
    edges = sorted((w.x1, w.x0, n) for n, r in enumerate(rows) for w in _cell_values(r)
                   if parse_period(w.bare) is None)
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
    if sum(1 for w in page.words if w.text[:1].isdigit()) < 6:
        return [], []
    rows = _rows(page.words)
    columns = _columns(rows)
    if len(columns) < 1:
        return [], []
    records: list[Record] = []
    headers: list[GridHeader] = []
    table = first_table
    placed: list[tuple[int, dict[int, Word]]] = []
    for n, row in enumerate(rows):
        cells = {c: w for w in _cell_values(row) if (c := _column_of(w, columns)) is not None}
        if cells and not all(parse_period(w.bare) is not None for w in cells.values()):
            placed.append((n, cells))
    for block in _blocks(rows, placed):
        for group in _groups(rows, block, columns):
            table += 1
            found, header = _table(page, page_number, rows, block, group, columns, table, covered, fiscal_end, carried)
            records += found
            if header is not None:
                headers.append(header)
    return records, headers


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
) -> tuple[list[Record], GridHeader | None]:
    cols = [columns[c] for c in group]
    left_edge = min(c.left for c in cols)
    right_edge = max(c.right for c in cols)
    first = next(n for n, cells in block if any(c in group for c in cells))
    # labels: the text cell nearest to the left of the first column, per row
    label_x0 = _label_x0(rows, block, left_edge)
    header, caption, band_bottom = _header(rows, first, cols, left_edge, right_edge, label_x0, fiscal_end)
    if header is None and carried:
        same = [h for h in carried if len(h.columns) == len(cols)
                and all(abs(a.right - b.right) <= ALIGN_PT + 0.5 for a, b in zip(h.columns, cols))]
        if same and page.height and rows[first].top < 0.35 * page.height:
            header, caption, band_bottom = same[0].periods, same[0].caption, None
    if header is None or label_x0 is None:
        return [], None
    kept = GridHeader(tuple(cols), header, caption)
    caption_unit = _caption_unit(caption)
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
) -> tuple[tuple[Period, ...] | None, str, int | None]:
    """The periods of the columns from the rows just above the first value row, the
    caption, and the lowest row of the header band."""
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
        picks: list[tuple[int, Word]] = []
        for w in inside:
            centre = (w.x0 + w.x1) / 2
            best = min(range(len(cols)), key=lambda c: abs(cols[c].right - w.x1))
            if abs(cols[best].right - w.x1) <= 6 or cols[best].left - 8 <= centre <= cols[best].right + 4:
                picks.append((best, w))
        if len(picks) < len(inside):
            break  # a caption or prose line over the columns: the band ends below it
        for best, w in reversed(picks):
            texts[best].insert(0, w.text)
        lowest = k
        bottom = k if bottom is None else bottom
    periods: list[Period] = []
    for words in texts:
        heading = " ".join(words)
        period = parse_period(heading, fiscal_end, marker=True) if heading else None
        if period is None:
            return None, "", None
        periods.append(period)
    years = [p.year for p in periods if not p.base]
    if len(set(years)) != len(years):
        return None, "", None
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
    return tuple(periods), " ".join(parts), bottom


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
    periods: tuple[Period, ...],
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
        values = [Value(v, periods[c]) for c, w in items if (v := _value(w)) is not None]
        if not values:
            continue
        starts = [w.start - line.start for w in label_words if page.line_at(w.start) == line]
        begin = min([*starts, *(w.start - line.start for _, w in items)])
        end = max(w.end - line.start for _, w in items)
        out.append(Record(label=label, unit=unit, values=values, page=page_number, line=number,
                          quote=quote_of(line.text, begin, end), method="table", table=table,
                          caption=caption, caption_unit=caption_unit))
    return out
