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
from esgtrace.normalise.periods import parse_period

_VALUE_LINE = re.compile(r"^\s*\**\s*(\(?[-−]?[\d,]*\d(?:\.\d+)?\)?%?)\s*\**\s*$")
# a headline figure with its magnitude and unit: "5.3 million", "23.9 hours", "1,234 tCO2e"
_FIGURE_LINE = re.compile(
    r"^\s*(?P<n>[-−]?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|thousand|mn|bn|万|亿))?%?)(?:\s+(?P<u>[^\d\s][^\d]{0,24}?))?\s*$",
    re.I,
)
# the earlier year a headline gives in brackets below it: "(2022: 6.3 million)"
_EARLIER = re.compile(r"^\s*\(\s*((?:19|20)\d\d)\s*:\s*(?P<n>[-−]?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|thousand|mn|bn))?%?)(?:\s+(?P<u>[^\d()]{1,24}))?\s*\)\s*$", re.I)
_LABEL_YEAR = re.compile(r"\s*\b(?:in|for|during)\s+((?:FY\s?)?(?:19|20)\d\d)\s*\.?\s*$", re.I)
_UNIT_TAIL = re.compile(r"\(([^()]{1,40})\)\s*\**\s*$")
_LOOKBACK = 6
_YEAR = re.compile(r"(?:FY\s?)?(?:19|20)\d\d")
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
            out += _captioned_below(lines, i, page)
            continue
        record = _labelled(lines, i, m, page)
        if record is None:
            out += _captioned_below(lines, i, page)
        else:
            out.append(record)
    return out


def _next(lines: Sequence[Line], i: int) -> int | None:
    for k in range(i + 1, min(len(lines), i + 3)):
        if lines[k].text.strip():
            return k
    return None


def _captioned_below(lines: Sequence[Line], i: int, page: int | None) -> list[Record]:
    """A headline figure with its caption below it, as highlights panels print them:
    "5.3 million" / "Training hours by our colleagues in 2023." / "(2022: 6.3 million)".

    The caption must name its year, or the figure takes the report's period; the bracket
    below gives the earlier year's figure, in the same unit.
    """
    m = _FIGURE_LINE.match(lines[i].text)
    if m is None:
        return []
    unit = (m.group("u") or "").strip()
    if unit and not read_unit(unit).known:
        return []
    k = _next(lines, i)
    if k is None:
        return []
    caption = lines[k].text.strip()
    if (
        len(caption) < 8 or len(caption) > 100 or not caption[:1].isupper() or _FIGURE_LINE.match(caption)
        or _EARLIER.match(caption) or not re.search(r"[A-Za-z]{3}", caption)
    ):
        return []
    above = _previous(lines, i, 1)
    if above and not above[0].text.rstrip().endswith((".", ":", ")")) and len(above[0].text.strip()) < 60 \
            and not _FIGURE_LINE.match(above[0].text) and not _EARLIER.match(above[0].text):
        return []  # a short line above: the figure's label is there, or it is a table cell
    year = _LABEL_YEAR.search(caption)
    label = caption[: year.start()] if year else caption.rstrip(".")
    if caption.rstrip().endswith(".") and not year:
        return []  # a sentence, not a caption
    number = parse_number(m.group("n"))
    if number is None:
        return []
    period = parse_period(year.group(1)) if year else None
    line = lines[i]
    table = STANDALONE_TABLE_BASE + (page or 0) * 100_000 + line.number
    out = [Record(label=label.strip(), unit=unit, values=[Value(number, period)], page=page, line=line.number,
                  quote=quote_of(line.text, m.start("n"), m.end("u") if m.group("u") else m.end("n")), method="table",
                  table=table, caption="")]
    e = _next(lines, k)
    earlier = _EARLIER.match(lines[e].text) if e is not None and period is not None else None
    if earlier and e is not None:
        before = parse_number(earlier.group("n"))
        other_unit = (earlier.group("u") or "").strip()
        if before is not None and other_unit == unit and bool(before.multiplier) == bool(number.multiplier):
            eline = lines[e]
            out.append(Record(label=label.strip(), unit=unit, values=[Value(before, parse_period(earlier.group(1)))],
                              page=page, line=eline.number, quote=quote_of(eline.text, earlier.start("n"),
                              earlier.end("u") if earlier.group("u") else earlier.end("n")), method="table",
                              table=table + 1, caption=""))
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
    if number is None or _header_year(lines, i, m.group(1)):
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


def _header_year(lines: Sequence[Line], i: int, value: str) -> bool:
    """A year alone on its line over a line of years ("2019" / "2020 2021"): a column header the
    text split over two lines, not a figure."""
    if not _YEAR.fullmatch(value.strip()):
        return False
    k = _next(lines, i)
    if k is None:
        return False
    words = lines[k].text.split()
    return bool(words) and all(_YEAR.fullmatch(w) for w in words)


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
