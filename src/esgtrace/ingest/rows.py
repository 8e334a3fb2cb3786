"""Rebuild table rows from word boxes: one baseline makes a row, wide gaps split cells.

Pages draw table cells in any order (column by column, or label and values in
separate text objects), so the reading order of the text stream cannot be trusted
for tables. Positions can.
"""

from __future__ import annotations

from collections.abc import Sequence

from esgtrace.ingest.model import Cell, Row, Word

# A gap wider than this many line heights between two words starts a new cell.
# An ordinary space is about 0.25-0.35 of the font size; table columns leave more
# than a full em.
CELL_GAP_EMS = 0.9
# Words whose vertical centre lies within this share of the row's height of the
# row's centre belong to it (superscript markers sit a little high).
SAME_ROW_SHARE = 0.5
_BULLETS = {"-", "–", "—", "•", "●", "○", "▪", "■", "◆", "*", "·", "", ""}


def build_rows(words: Sequence[Word]) -> tuple[Row, ...]:
    """Group ``words`` into rows top to bottom, each row's cells left to right."""
    if not words:
        return ()
    ordered = sorted(words, key=_vertical_centre)
    rows = []
    group: list[Word] = []
    centre = height = 0.0
    for word in ordered:
        mid = (word.top + word.bottom) / 2
        h = word.bottom - word.top
        if group and abs(mid - centre) <= SAME_ROW_SHARE * (height if height > h else h):
            group.append(word)
            if h > height:
                height = h
        else:
            if group:
                rows.append(_row(group, height))
            group = [word]
            centre, height = mid, h
    rows.append(_row(group, height))
    return tuple(rows)


def _vertical_centre(word: Word) -> float:
    return word.top + word.bottom


def _cell(words: list[Word], x1: float) -> Cell:
    text = " ".join([w.text for w in words])
    bare = None
    for w in words:
        if w.sup:
            bare = " ".join([b for b in (w.bare for w in words) if b])
            break
    return Cell(text, words[0].x0, x1, bare)


def _row(words: list[Word], height: float) -> Row:
    words.sort(key=_left)
    gap = CELL_GAP_EMS * height
    cells: list[Cell] = []
    run = [words[0]]
    x1 = words[0].x1
    for word in words[1:]:
        if word.x0 - x1 > gap:
            cells.append(_cell(run, x1))
            run = []
        run.append(word)
        if word.x1 > x1:
            x1 = word.x1
    cells.append(_cell(run, x1))
    if len(cells) > 1 and cells[0].text in _BULLETS:
        # a list bullet drawn apart from its label is not a column of its own
        first, second = cells[0], cells[1]
        cells[:2] = [
            Cell(f"{first.text} {second.text}", first.x0, second.x1, f"{first.text} {second.bare or second.text}")
        ]
    return Row(tuple(cells), min([w.top for w in words]), max([w.bottom for w in words]))


def _left(word: Word) -> float:
    return word.x0
