"""Table headers: the periods a table's value columns belong to.

A header is a run of period headings (:mod:`esgtrace.normalise.periods`: "2023", "FY2022/23",
"Year ended 31 March 2023", "2023年度", ...) with nothing between them but filler words
("Data", "baseline"), footnote markers and spaces, optionally after a heading word
("Indicator", "Unit", "指标", "单位", each possibly carrying a marker: "Indicator1 Unit2").
A header band may be several lines deep ("2023 2022" / "2019" / "baseline"): lines below a
header that hold only periods add their columns. A run of numbers that only looks like years
("2011 1999", headcounts "2026 2025" in a 2021 report) is not a header: the years of the
columns follow each other, except a base-year column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from esgtrace.normalise.periods import Period, clean_header_word, parse_period, periods_in

# heading words of a table's first columns; a footnote marker may be glued on ("Indicator1")
_KEYWORD = re.compile(
    r"(?:\b(?:Performance\s+)?(?:Indicators?|Items?|KPIs?|Metrics?|Units?|Unit\s+of\s+measure(?:ment)?|UoM)"
    r"(?:\d{1,2}|\(\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹]+)?|指标|项目|单位|單位|指標|項目)\s*[:：]?\s*$",
    re.I,
)
_BASE_BEFORE = re.compile(r"\(\s*base(?:line)?(?:\s+year)?\s*\)\s*$|\bbase(?:line)?(?:\s+year)?\s*$", re.I)
_UNIT_WORD = re.compile(r"\bunits?(?![a-z])|\bUoM\b|unit of measure|单位|單位", re.I)
# what may stand between two period headings of one header
_FILLER = re.compile(
    r"^(?:\s|Data|数据|[|/]|\((?:\d{1,2}|[a-z])\)|\d{1,2}\)|\d{1,2}(?=\s)|[¹²³⁴⁵⁶⁷⁸⁹⁰*]|\(?base(?:line)?(?:\s+year)?\)?|基准年|[(（]基准年[)）]|vs\.?)*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Header:
    """Where a table header sits in a line, and what it says.

    :param start: offset of the header (its heading words included) in the line
    :param end: offset just after its last period
    :param periods: one period per value column, left to right
    :param unit_column: the header names a unit column ("Unit", "单位")
    :param first: offset of the first period (``-1``: no period)
    :param columns: value columns when they are not periods (segments, sites)
    :param total: of those, the column that holds the total (the only one read)
    :param unit_after: a unit column follows the periods ("2019 2020 2021 Unit"): the words
        closing a row's line after its figures are that row's unit, not the next row's label
    """

    start: int
    end: int
    periods: tuple[Period, ...]
    unit_column: bool
    first: int = -1
    columns: int = 0
    total: int | None = None
    unit_after: bool = False


def find_headers(text: str, report_year: int | None = None, fiscal_end: tuple[int, int] | None = None) -> list[Header]:
    """The table headers in one line of text (a flattened page may hold several).

    :param text: one line
    :param report_year: the report's year, when known: header years lie within ten years
        before it and one after ("2026 2025" in a 2021 report are headcounts, not years)
    :param fiscal_end: (month, day) of the report's financial year end, for period dates
    """
    found = periods_in(text, fiscal_end)
    out: list[Header] = []
    k = 0
    while k < len(found):
        group = [found[k]]
        while k + 1 < len(found) and _FILLER.match(text[group[-1][1] : found[k + 1][0]]):
            k += 1
            group.append(found[k])
        k += 1
        header = _header(text, group, report_year)
        if header is not None:
            out.append(header)
    for m in _NO_PERIOD.finditer(text):
        # "Indicator Unit Data": one value column, of the report's own period
        if not any(h.start <= m.start() < h.end for h in out):
            out.append(Header(m.start(), m.end(), (), bool(_UNIT_WORD.search(m.group(0)))))
    for m in _SEGMENTS.finditer(text):
        # "Metric Unit of Measure Manufacturing SSD1 Other2 TOTAL": columns of parts of a
        # single-period table; the total column is the report's figure
        if not any(h.start <= m.start() < h.end for h in out):
            names = m.group("names").split()
            out.append(Header(m.start(), m.end(), (), True, -1, len(names) + 1, len(names)))
    out = [replace(h, unit_after=True) if h.periods and _UNIT_AFTER.match(text[h.end :]) else h for h in out]
    return sorted(out, key=lambda h: h.start)


# a unit column heading right after the periods, closing the header ("2019 2020 2021 Unit.")
_UNIT_AFTER = re.compile(r"\s*(?:units?|UoM|unit of measure(?:ment)?)\s*[.:]?\s*$", re.I)


_SEGMENTS = re.compile(
    r"\b(?:Metrics?|Indicators?|KPIs?)(?:\d{1,2})?\s+(?:Units?(?:\s+of\s+Measure(?:ment)?)?|UoM)(?:\d{1,2})?\s+"
    r"(?P<names>(?:[A-Z][A-Za-z&]*\d{0,2}\s+){1,5})(?:Total|TOTAL)(?:\d{1,2})?\.?(?=\s|$)"
)


_NO_PERIOD = re.compile(
    r"\b(?:(?:Performance\s+)?(?:Indicators?|Items?|KPIs?|Metrics?)(?:\(\d{1,2}\)|\d{1,2})?\s+)?Units?(?:\(\d{1,2}\)|\d{1,2})?\s+(?:Data|Value|Figure)s?(?=\s+[A-Z]|\s*$)"
    r"|(?:指标|项目)\s*单位\s*(?:数据|数值)",
)


def _header(text: str, group: list[tuple[int, int, Period]], report_year: int | None) -> Header | None:
    start, end = group[0][0], group[-1][1]
    # filler after the last period belongs to it ("2023 Data", "2019 (Baseline)")
    tail = re.match(r"(?:\s*(?:Data|数据|\(?base(?:line)?(?:\s+year)?\)?|[(（]基准年[)）]))+", text[end:], re.I)
    periods = [p for _, _, p in group]
    if tail:
        end += tail.end()
        if re.search(r"base", tail.group(0), re.I):
            periods[-1] = replace(periods[-1], base=True)
    for n in range(1, len(group)):
        between = text[group[n - 1][1] : group[n][0]]
        if re.search(r"base|基准", between, re.I):
            periods[n - 1] = replace(periods[n - 1], base=True)
    before = text[:start]
    marked = _BASE_BEFORE.search(before)
    if marked:
        # "Unit38 (baseline) 2020 2021 2022" under a lone "2019": the base year stands above
        before = before[: marked.start()]
    kw = _KEYWORD.search(before)
    words_before = before[kw.start() :] if kw else ""
    lead = before.rstrip()
    if kw:
        # "Indicator Unit 2023": both heading words belong to the header
        earlier = _KEYWORD.search(before[: kw.start()])
        if earlier and not before[earlier.end() : kw.start()].strip():
            words_before = before[earlier.start() :]
        start = len(before) - len(words_before)
        lead = before[: len(before) - len(words_before)].rstrip()
    elif marked:
        start = marked.start()
    if not kw and len(periods) < 2:
        return None
    if not consecutive(periods):
        return None
    if report_year is not None and not all(report_year - 12 <= p.year <= report_year + 1 for p in periods):
        return None
    if any(p.partial for p in periods) and not all(p.partial for p in periods):
        pass  # a half-year column beside full years: kept, its values give no annual fact
    if re.search(r"(?:^|\s)[(\-]?\d[\d,.]*%?$", lead) and not kw:
        return None  # "... 1,234 2023 2022" : figures before the years, a value row
    rest = text[end:].lstrip()
    if rest and re.match(r"[(\-]?\d[\d,]*(?:\.\d+)?%?(?:\s|$)", rest) and not kw:
        return None  # years followed by more figures: a row of values
    if rest and not (rest[0].isupper() or rest[0] in "-–•(（." or rest[0].isdigit() or not rest[0].isascii()):
        return None
    return Header(start, end, tuple(periods), bool(_UNIT_WORD.search(words_before)), group[0][0])


def consecutive(periods: list[Period] | tuple[Period, ...]) -> bool:
    """Column years follow each other one step at a time, in one direction; a base-year
    column (marked, or first or last and up to twelve years away) may stand apart."""
    years = [p.year for p in periods if not p.base]
    if len(years) != len(set(years)) and not any(p.partial for p in periods):
        return False
    if len(years) >= 2:
        steps = {b - a for a, b in zip(years, years[1:])}
        if steps not in ({1}, {-1}):
            if len(years) >= 3 and _ok_with_edge_base(years):
                return True
            return False
    return True


def _ok_with_edge_base(years: list[int]) -> bool:
    """"2019 2022 2023" or "2023 2022 2019": the outer column is a base year."""
    for inner, outer in ((years[1:], years[0]), (years[:-1], years[-1])):
        steps = {b - a for a, b in zip(inner, inner[1:])}
        if steps in ({1}, {-1}) and 0 < min(abs(outer - y) for y in inner) <= 12 and outer < min(inner):
            return True
    return False


def band_line_periods(text: str, fiscal_end: tuple[int, int] | None = None) -> tuple[list[Period], bool] | None:
    """A line of a header band below the first: only periods and filler ("2019", "baseline").

    :returns: (its periods, whether it says "base year"), or ``None`` when it holds other words
    """
    stripped = text.strip()
    if not stripped or len(stripped) > 60:
        return None
    found = periods_in(stripped, fiscal_end)
    rest = stripped
    for a, b, _ in reversed(found):
        rest = rest[:a] + " " + rest[b:]
    cleaned, base = clean_header_word(rest)
    if cleaned.strip(" .|"):
        return None
    return [p for _, _, p in found], base


def single_period(text: str, fiscal_end: tuple[int, int] | None = None) -> Period | None:
    """The period a column heading names alone ("FY2023", "Year ended 31 March 2023")."""
    return parse_period(text, fiscal_end, marker=True)
