"""Period labels: the year a label names, and the ``--periods`` filter syntax."""

from __future__ import annotations

import re

from esgtrace.store.errors import BadChoice

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def period_year(label: str | None) -> int | None:
    """The year a period label names: ``"FY2022"`` -> 2022, ``"2022/23"`` -> 2022."""
    match = _YEAR.search(label or "")
    return int(match.group(0)) if match else None


def period_column(label: str) -> str:
    """The column a period lands in when issuers are compared: its year, else the label."""
    year = period_year(label)
    return str(year) if year is not None else label


def parse_periods(text: str | None) -> set[str] | None:
    """``"2021-2023"`` -> {"2021", "2022", "2023"}; ``"2020,FY2022"`` -> {"2020", "2022"}.

    :raises BadChoice: a range runs backwards or spans more than a century
    """
    if not text:
        return None
    wanted: set[str] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        bounds = re.fullmatch(r"(\d{4})\s*(?:-|–|\.\.)\s*(\d{4})", part)
        if bounds:
            first, last = int(bounds.group(1)), int(bounds.group(2))
            if not 0 <= last - first <= 100:
                raise BadChoice("period range", part, "FIRST-LAST with FIRST <= LAST, e.g. 2021-2023")
            wanted.update(str(y) for y in range(first, last + 1))
        else:
            wanted.add(period_column(part))
    return wanted
