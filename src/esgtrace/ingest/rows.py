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
    ordered = sorted(words, key=lambda w: (w.top + w.bottom, w.x0))
    groups: list[list[Word]] = []
    centre = height = 0.0
    for word in ordered:
        mid = (word.top + word.bottom) / 2
        h = word.bottom - word.top
        if groups and abs(mid - centre) <= SAME_ROW_SHARE * max(height, h):
            group = groups[-1]
            group.append(word)
            height = max(height, h)
        else:
            groups.append([word])
            centre, height = mid, h
    return tuple(_row(group) for group in groups)


def _row(words: list[Word]) -> Row:
    words.sort(key=lambda w: w.x0)
    heights = sorted(w.bottom - w.top for w in words)
    gap = CELL_GAP_EMS * heights[len(heights) // 2]
    cells: list[Cell] = []
    texts = [words[0].text]
    x0, x1 = words[0].x0, words[0].x1
    for word in words[1:]:
        if word.x0 - x1 > gap:
            cells.append(Cell(" ".join(texts), round(x0, 2), round(x1, 2)))
            texts, x0 = [], word.x0
        texts.append(word.text)
        x1 = max(x1, word.x1)
    cells.append(Cell(" ".join(texts), round(x0, 2), round(x1, 2)))
    if len(cells) > 1 and cells[0].text in _BULLETS:
        # a list bullet drawn apart from its label is not a column of its own
        first, second = cells[0], cells[1]
        cells[:2] = [Cell(f"{first.text} {second.text}", first.x0, second.x1)]
    return Row(
        tuple(cells),
        round(min(w.top for w in words), 2),
        round(max(w.bottom for w in words), 2),
    )
