"""Figures on a line of their own, labelled by the short lines above them.

Infographics and "key figures" panels come out of text extraction as a label line, an
optional unit line ("(ten thousand tons)") and a value line. Tab-separated panels
("China\tOverseas" over "1,784\t18") are read as one column per group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from esgtrace.extract.labels import announced_key, clean_label, match_group
from esgtrace.extract.records import Record, Token, Value, quote_of
from esgtrace.ingest.model import Line
from esgtrace.normalise import parse_number, read_unit

_VALUE_LINE = re.compile(r"^\s*\**\s*(\(?[-−]?[\d,]*\d(?:\.\d+)?\)?%?)\s*\**\s*$")
_UNIT_TAIL = re.compile(r"\(([^()]{1,40})\)\s*\**\s*$")
_LOOKBACK = 6
# standalone records get table ids of their own, far from the ids of real tables
STANDALONE_TABLE_BASE = 10_000_000


def standalone_records(lines: Sequence[Line], page: int | None, skip: set[int | None]) -> list[Record]:
    """Records of value-only lines (and tab-separated panels) of one page."""
    out: list[Record] = []
    filled = [i for i, line in enumerate(lines) if line.text.strip()]
    margins = set(filled[:2] + filled[-2:]) if page is not None else set()
    for i, line in enumerate(lines):
        if line.number in skip:
            continue
        if i in margins and re.fullmatch(r"\s*\d{1,3}\s*", line.text):
            continue  # a page number in the running header or footer
        text = line.text
        if "\t" in text:
            out += _tab_panel(lines, i, page)
            continue
        m = _VALUE_LINE.match(text)
        if not m or parse_number(m.group(1)) is None:
            continue
        record = _labelled(lines, i, m, page)
        if record is not None:
            out.append(record)
    return out


def _previous(lines: Sequence[Line], i: int, count: int) -> list[Line]:
    found: list[Line] = []
    for k in range(i - 1, max(-1, i - 1 - _LOOKBACK), -1):
        if lines[k].text.strip():
            found.append(lines[k])
            if len(found) == count:
                break
    return found


def _labelled(lines: Sequence[Line], i: int, m: re.Match[str], page: int | None) -> Record | None:
    above = _previous(lines, i, 2)
    if not above:
        return None
    first = above[0].text.strip()
    unit = ""
    label = first
    only_unit = re.fullmatch(r"\(([^()]{1,40})\)", first)
    if only_unit and read_unit(only_unit.group(1)).known and len(above) > 1:
        unit, label = only_unit.group(1), above[1].text.strip()
    else:
        tail = _UNIT_TAIL.search(first)
        if tail and read_unit(tail.group(1)).known:
            unit, label = tail.group(1), first[: tail.start()].strip()
    if not label or len(label) > 100 or label.endswith((".", "。", ":")) or _VALUE_LINE.match(label):
        return None
    number = parse_number(m.group(1))
    if number is None:
        return None
    line = lines[i]
    return Record(
        label=label,
        unit=unit,
        values=[Value(number, None)],
        page=page,
        line=line.number,
        quote=quote_of(line.text, m.start(1), m.end(1), label=label),
        method="table",
        table=STANDALONE_TABLE_BASE + (page or 0) * 100_000 + line.number,
        caption="",
    )


def _tab_panel(lines: Sequence[Line], i: int, page: int | None) -> list[Record]:
    cells = lines[i].text.split("\t")
    numbers = [parse_number(c) for c in cells]
    if not all(numbers):
        return []
    above = _previous(lines, i, 2)
    if len(above) < 2:
        return []
    heads = above[0].text.split("\t")
    caption = above[1].text.strip()
    key = announced_key(caption)
    if len(heads) != len(cells) or key is None:
        return []
    out: list[Record] = []
    line = lines[i]
    for head, cell, number in zip(heads, cells, numbers):
        group = match_group(clean_label(head), key[0])
        if group is None or number is None:
            continue
        start = line.text.find(cell)
        out.append(
            Record(
                label=caption[: key[1]],
                unit="",
                values=[Value(number, None)],
                page=page,
                line=line.number,
                quote=quote_of(line.text, 0, len(line.text.rstrip()), label=caption) or cell,
                method="table",
                table=None,
                caption=caption,
                breakdown={group[0]: group[1]},
            )
        )
        del start
    return out


__all__ = ["standalone_records", "Token"]
