"""Table headers: the years a table's value columns belong to.

"Indicator Unit 2022 Data 2023 Data", "Air Pollutants Unit 2019 2018" (a footnote 13
glued to "201813"), "FY2019 FY2020", "Year ended 31 March 2023", "指标 单位 2023年 2024年".
A run of numbers that only looks like years ("2011 1999", headcounts "2026 2025" in a
2021 report) is not a header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = (
    r"(?:(?i:(?:for the )?(?:financial |fiscal )?year ended) \d{1,2} [A-Z][a-z]+,? |(?:FY|财年|财政年度)\s?)?"
    r"(?:199\d|20[0-4]\d)(?:/\d\d)?(?:年度?)?"
)
_HEADER = re.compile(
    r"(?P<kw>(?:\b(?:Indicators?|Items?|KPIs?|Metrics?|Unit|Indicator\(\d{1,2}\))|指标|项目|单位)(?:\s+(?:Units?|单位))?\s+)?"
    r"(?P<years>(?:(?<![\w/.,])" + _YEAR + r"(?:\d{1,2})?(?:\s+Data)?(?:\s+|$)){1,6}|(?<=\s)Data(?:\s+|$))"
)
_YEAR_ONLY = re.compile(
    r"(FY\s?|财年|财政年度|(?:for the )?(?:financial |fiscal )?year ended \d{1,2} (?!December)[A-Z][a-z]+,? )?"
    r"(?:(?:for the )?(?:financial |fiscal )?year ended \d{1,2} December,? )?((?:199\d|20[0-4]\d)(?:/\d\d)?)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Header:
    """Where a table header sits in a line, and what it says."""

    start: int
    end: int
    periods: tuple[str, ...]
    unit_column: bool


def find_headers(text: str, report_year: int | None = None) -> list[Header]:
    """The table headers in one line of text (a flattened page may hold several).

    :param text: one line
    :param report_year: the report's year, when known: header years lie within ten years
        before it and one after ("2026 2025" in a 2021 report are headcounts, not years)
    """
    out: list[Header] = []
    for m in _HEADER.finditer(text):
        years_text = m.group("years")
        kw = m.group("kw") or ""
        periods = tuple(_period(y) for y in _YEAR_ONLY.finditer(years_text))
        if not kw and len(periods) < 2:
            continue
        if not _consecutive(periods):
            continue  # "2011 1999" is a row of values that look like years
        if report_year is not None and not all(report_year - 10 <= _year(p) <= report_year + 1 for p in periods):
            continue
        if kw and not periods and not years_text.strip().startswith("Data"):
            continue
        rest = text[m.end():].lstrip()
        if rest and not (rest[0].isupper() or rest[0] in "-–•(（" or rest[0].isdigit() or not rest[0].isascii()):
            continue
        unit_column = "unit" in kw.lower() or "单位" in kw
        out.append(Header(m.start(), m.end(), periods, unit_column))
    return out


def _year(period: str) -> int:
    return int(re.sub(r"\D", "", period)[:4])


def _consecutive(periods: tuple[str, ...]) -> bool:
    years = [_year(p) for p in periods]
    steps = {b - a for a, b in zip(years, years[1:])}
    return not steps or steps in ({1}, {-1})


def _period(m: re.Match[str]) -> str:
    """A column's period label: "2023", or "FY2023" for a fiscal year not ending in December."""
    fy, year = m.group(1), m.group(2)
    year = year[:4] if "/" not in year else year
    return f"FY{year}" if fy else year
