"""Bulleted rows that split the row above into parts ("– Vehicle plants", "– Others").

Data tables print a total and, below it (or after it on the same line, when text
extraction flattens the rows), bulleted rows that divide it among parts of the
business: plants, segments, subsidiaries. A reader takes them as parts when their
figures add up to the row above, column by column; the parts' names are then a
breakdown of that row's metric. A name the breakdown vocabulary knows (a gender, a
fuel, a Scope 3 category) is left to that vocabulary; when any sibling is such a
name, the parts are of that kind and none is taken as a segment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from esgtrace.extract.labels import clean_label, match_group
from esgtrace.extract.records import Record

_BULLET = re.compile(r"^\s*[-–—•■●▪]\s*(?P<name>\S.*)$")
_MIN_PARTS = 2
_MAX_PARTS = 12


def mark_parts(records: Sequence[Record]) -> None:
    """Give each bulleted row whose figures, with its siblings', add up to the row above
    the breakdown ``{segment: name}`` and ``part_of`` that row's label (in place)."""
    i = 0
    while i < len(records):
        whole = records[i]
        j = i + 1
        while j < len(records) and j - i <= _MAX_PARTS and _bulleted(records[j]) and records[j].table == whole.table:
            j += 1
        parts = list(records[i + 1 : j])
        if whole.values and not _bulleted(whole) and len(parts) >= _MIN_PARTS and _adds_up(whole, parts):
            names = [_name(p) for p in parts]
            if all(names) and not any(match_group(n) for n in names):
                for part, name in zip(parts, names):
                    part.breakdown = {**part.breakdown, "segment": name}
                    part.part_of = whole.label
        i = max(j, i + 1)


def _bulleted(record: Record) -> bool:
    return bool(_BULLET.match(record.label))


def _name(record: Record) -> str:
    m = _BULLET.match(record.label)
    name = clean_label(m.group("name")) if m else ""
    # a name, not a sentence or a figure
    return name if name and len(name.split()) <= 6 and re.search(r"[^\W\d_]{2}", name) else ""


def _adds_up(whole: Record, parts: list[Record]) -> bool:
    """Every column of the whole is the sum of its parts' figures in that column (a part may
    leave a column blank, or all of them), in the whole's unit, and some column has two
    parts or more."""
    if any(p.unit and whole.unit and p.unit != whole.unit for p in parts):
        return False
    if any(not p.values or any(v.number.percent for v in p.values) for p in parts):
        return False
    if any(v.number.percent for v in whole.values):
        return False  # shares do not add up to a share
    split = False
    for value in whole.values:
        if value.period is None:
            return False
        here = [v for p in parts for v in p.values if v.period == value.period]
        if not here:
            continue  # the parts leave this column blank
        split = split or len(here) >= 2
        total = sum(v.number.value for v in here)
        step = max([10.0 ** -v.number.decimals for v in (*here, value)])
        if abs(total - value.number.value) > max(step * len(here), 0.001 * abs(value.number.value)):
            return False
    periods = {v.period for v in whole.values}
    if any(v.period not in periods for p in parts for v in p.values):
        return False  # a part has a figure in a column the whole leaves blank
    return split
