"""Printed periods: one small grammar for table columns, sentences and the report's own period.

>>> from esgtrace.normalise.periods import parse_period
>>> parse_period("FY2022/23").label, parse_period("FY2022/23", fiscal_end=(3, 31)).end
('FY2022/23', datetime.date(2023, 3, 31))
>>> p = parse_period("Year ended March 31, 2022")
>>> p.label, p.start, p.end
('FY2022', datetime.date(2021, 4, 1), datetime.date(2022, 3, 31))
>>> parse_period("截至2023年12月31日").label, parse_period("2019 (Baseline)").base
('2023', True)

Forms: ``2023``, ``FY2023``, ``FY23``, ``FY2022/23``, ``2022/23``, ``2022-23``, ``CY2021``,
``1H2022`` / ``H1 2022`` (a half year), ``Year ended 31 March 2023``, ``Year ended March 31,
2023``, ``As at 31 December 2022``, ``As of March 31, 2022``, ``2023年``, ``2023年度``,
``截至2023年12月31日``, ``Base year 2019``, ``2019 (Baseline)``. A footnote marker glued to a
column's year ("20221" for 2022 + note 1) is read off when the caller allows it.

A period has a label (the reporting year the scorer and the database key on: ``2023``, or
``FY2023`` for a financial year that does not end in December), a start and an end. A fiscal
label ("FY2023") gets its dates from the report's fiscal year end when the caller gives it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
YEAR = r"(?:19[89]\d|20[0-4]\d)"
# a date in either order: "31 March 2023", "March 31, 2023", "31st of March 2023"; and Chinese
DATE = (
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{MONTH})\s*,?\s*(?P<y1>{YEAR})"
    rf"|(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y2>{YEAR})"
    rf"|(?P<y3>{YEAR})\s*年\s*(?P<m3>\d{{1,2}})\s*月\s*(?P<d3>\d{{1,2}})\s*日)"
)
_DATE = re.compile(DATE, re.I)

_PERIOD = re.compile(
    rf"""^(?:
        (?P<ended>(?:(?:for\s+)?the\s+)?(?:(?:financial|fiscal|calendar)\s+)?(?:year|12\s+months|twelve\s+months)\s+(?:ended|ending|to)\s+)(?P<edate>.+?)
      | 截至(?P<zdate>.+?)止(?P<zended>年度)
      | (?P<asat>as\s+(?:at|of)\s+|截至|于)(?P<adate>.+?)
      | (?P<half>[12]H|H[12])\s?(?:FY\s?)?(?P<hyear>{YEAR})
      | (?P<hyear2>{YEAR})\s?(?P<half2>[12]H|H[12])
      | (?P<fy>FY|F\.Y\.|CY|财年|财政年度|fiscal\s+year\s+|financial\s+year\s+)?\s?(?P<year>{YEAR}|(?<=FY)\d\d|(?<=FY\s)\d\d)
        (?:\s?[/\-–]\s?(?P<next>\d\d|{YEAR}))?(?P<zh>\s?年度?)?
    )$""",
    re.I | re.X,
)
_BASE = re.compile(r"\(?\s*\b(?:base(?:line)?(?:\s+year)?|基准年|基年)\b\s*[)）]?|\(\s*base\s*\)", re.I)
_BASE_ZH = re.compile(r"[(（]?(?:基准年|基年)[)）]?")
_NOISE = re.compile(r"\s*(?:\((?:\d{1,2}|[a-z])\)|\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰*]+|\bData\b|数据)\s*", re.I)


@dataclass(frozen=True, slots=True)
class Period:
    """A period as a report names it.

    :param label: the reporting-year label facts carry: ``2023``, ``FY2023``, ``FY2022/23``, ``1H2022``
    :param start: first day, when known
    :param end: last day (the date itself for "as at"), when known
    :param base: a base-year or baseline column
    :param partial: shorter than a year (a half year): not an annual figure
    :param instant: a point in time ("as at"), not a span
    """

    label: str
    start: date | None = None
    end: date | None = None
    base: bool = False
    partial: bool = False
    instant: bool = False

    @property
    def year(self) -> int:
        """The year the label names (the first of a range)."""
        return int(re.search(r"\d{4}", self.label).group(0))  # type: ignore[union-attr]


def month_number(name: str) -> int:
    """1-12 for an English month name or its abbreviation."""
    name = name.lower().rstrip(".")
    return MONTHS.get(name) or MONTHS[name[:3]]


def date_of(match: re.Match[str]) -> date | None:
    """The date of a :data:`DATE` match (day-month-year, month-day-year or Chinese)."""
    g = match.groupdict()
    try:
        if g.get("y1"):
            return date(int(g["y1"]), month_number(g["m1"]), int(g["d1"]))
        if g.get("y2"):
            return date(int(g["y2"]), month_number(g["m2"]), int(g["d2"]))
        if g.get("y3"):
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    except (KeyError, ValueError):
        return None
    return None


def parse_date(text: str) -> date | None:
    """The date ``text`` is: "31 March 2023", "March 31, 2023", "2023年12月31日"."""
    m = _DATE.fullmatch(text.strip().rstrip(".,"))
    return date_of(m) if m else None


def year_ending(end: date) -> tuple[date, date]:
    """The twelve months that end on ``end``."""
    try:
        before = end.replace(year=end.year - 1)
    except ValueError:  # 29 February
        before = end.replace(year=end.year - 1, day=28)
    return before + timedelta(days=1), end


def fiscal_label(end: date) -> str:
    """``2023`` for a year ending 31 December 2023, else ``FY2023``."""
    return str(end.year) if (end.month, end.day) == (12, 31) else f"FY{end.year}"


def _fiscal_dates(end_year: int, fiscal_end: tuple[int, int] | None) -> tuple[date | None, date | None]:
    if fiscal_end is None:
        return None, None
    month, day = fiscal_end
    day = min(day, calendar.monthrange(end_year, month)[1])
    return year_ending(date(end_year, month, day))


def clean_header_word(text: str) -> tuple[str, bool]:
    """A column heading without footnote markers and filler words, and whether it says "base year"."""
    base = bool(_BASE.search(text) or _BASE_ZH.search(text))
    text = _BASE.sub(" ", text)
    text = _BASE_ZH.sub(" ", text)
    text = _NOISE.sub(" ", text)
    return " ".join(text.split()).strip(" .:;,()（）"), base


def parse_period(text: str, fiscal_end: tuple[int, int] | None = None, marker: bool = False) -> Period | None:
    """The period ``text`` names, or ``None`` when it is not (only) a period.

    :param text: a column heading or a phrase: "FY2022/23", "Year ended 31 March 2023", "2023年度"
    :param fiscal_end: (month, day) the report's financial year ends on, for "FY2023" dates
    :param marker: a footnote digit may be glued to a bare year ("20221" = 2022 + note 1)
    """
    cleaned, base = clean_header_word(text)
    if not cleaned:
        return None
    if marker and re.fullmatch(rf"(?:FY\s?)?{YEAR}\d{{1,2}}", cleaned, re.I):
        cleaned = cleaned[: cleaned.upper().find("FY") + 2 + 4 if cleaned.upper().startswith("FY") else 4]
        cleaned = cleaned.replace(" ", "")
    m = _PERIOD.match(cleaned)
    if m is None:
        return None
    g = m.groupdict()
    if g["ended"] or g["asat"] or g["zended"]:
        raw = g["edate"] if g["ended"] else g["zdate"] if g["zended"] else g["adate"]
        day = parse_date(raw)
        if day is None:
            return None
        if not (g["ended"] or g["zended"]):
            return Period(fiscal_label(day), day, day, base, instant=True)
        start, end = year_ending(day)
        return Period(fiscal_label(day), start, end, base)
    if g["hyear"] or g["hyear2"]:
        year = int(g["hyear"] or g["hyear2"])
        first = (g["half"] or g["half2"]).upper() in ("1H", "H1")
        return Period(f"{'1H' if first else '2H'}{year}", date(year, 1 if first else 7, 1),
                      date(year, 6, 30) if first else date(year, 12, 31), base, partial=True)
    year_text = g["year"]
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    fy = (g["fy"] or "").strip().upper()
    following = g["next"]
    if following:
        last = int(following) if len(following) == 4 else (year // 100) * 100 + int(following)
        if last < year and len(following) == 2:
            last += 100  # "FY1999/00"
        if last != year + 1:
            return None  # "2019-2021" is a span of years, "2011-99" not a financial year
        first_day, last_day = _fiscal_dates(last, fiscal_end)
        return Period(f"FY{year}/{str(last)[2:]}", first_day, last_day, base)
    if fy == "CY":
        return Period(str(year), date(year, 1, 1), date(year, 12, 31), base)
    if fy:
        first_day, last_day = _fiscal_dates(year, fiscal_end)
        return Period(f"FY{year}", first_day, last_day, base)
    if fiscal_end is not None and fiscal_end != (12, 31):
        first_day, last_day = _fiscal_dates(year, fiscal_end)
        return Period(str(year), first_day, last_day, base)
    return Period(str(year), date(year, 1, 1), date(year, 12, 31), base)


# a period inside running text or a header line: its longest forms first
PERIOD_IN_TEXT = re.compile(
    rf"(?:(?:for\s+)?(?:the\s+)?(?:(?:financial|fiscal)\s+)?year\s+ended\s+{DATE.replace('?P<', '?P<e')}"
    rf"|as\s+(?:at|of)\s+{DATE.replace('?P<', '?P<a')}"
    rf"|截至\s*{YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日(?:止年度)?"
    rf"|(?<![\w/.,])(?:FY|CY|财年|财政年度)\s?(?:{YEAR}|\d\d(?!\d))(?:\s?/\s?\d\d(?!\d))?(?:\d{{1,2}}(?![\d.,]))?"
    rf"|(?<![\w/.,])(?:[12]H|H[12])\s?{YEAR}"
    rf"|(?<![\w/.,(])(?:{YEAR}(?:\s?[/\-–]\s?\d\d(?![\d%]))?(?:\d{{1,2}}(?![\d,%]|\.\d))?(?:\s?年度?)?)(?![\d,%]|\.\d|\s?[年月])"
    rf"|(?<![\w/.,]){YEAR}年(?:度)?)",
    re.I,
)


def periods_in(text: str, fiscal_end: tuple[int, int] | None = None) -> list[tuple[int, int, Period]]:
    """Every period named in ``text``: (start offset, end offset, period)."""
    out = []
    for m in PERIOD_IN_TEXT.finditer(text):
        period = parse_period(m.group(0), fiscal_end, marker=True)
        if period is not None:
            out.append((m.start(), m.end(), period))
    return out
