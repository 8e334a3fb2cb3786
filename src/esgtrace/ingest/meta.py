"""What a report says about itself on its first pages: issuer, tickers, period, language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for m in names
}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DAY_MONTH_YEAR = rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+((?:19|20)\d\d)"
_MONTH_DAY_YEAR = rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*((?:19|20)\d\d)"
_DATE = rf"(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR})"
_RANGE = re.compile(rf"{_DATE}\s*(?:to|until|through|-|–|—)\s*{_DATE}", re.I)
_YEAR_ENDED = re.compile(rf"(?:financial\s+)?year\s+ended\s+{_DATE}", re.I)
_ZH_RANGE = re.compile(
    r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:至|到|-|–|—|～|~)\s*"
    r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_TITLE_YEAR = re.compile(
    r"(?:\b((?:19|20)\d\d)(?:/\d\d)?\s+(?:annual\s+)?(?:environmental,?\s+social\s+and\s+governance|esg|sustainability|"
    r"corporate\s+(?:social\s+)?responsibility|csr|impact|climate)\b)"
    r"|(?:\b(?:environmental,?\s+social\s+and\s+governance|esg|sustainability|corporate\s+(?:social\s+)?responsibility|csr)"
    r"\s+(?:report|datasheet|data\s*sheet|performance(?:\s+report)?|update)\s+((?:19|20)\d\d)\b)"
    r"|(?:((?:19|20)\d\d)\s*年度?\s*(?:环境、社会及管治|环境、社会及治理|可持续发展|社会责任|ESG))",
    re.I,
)
_FY = re.compile(r"\bFY\s?((?:19|20)?\d\d)\b")
_TICKER = re.compile(
    r"\b(HKEX|SEHK|HK|NASDAQ|NYSE|LSE|SSE|SZSE|SGX)\s*[:：]\s*([0-9]{1,6}|[A-Z]{1,5})\b"
    r"|(?:Stock\s+Code|股份代號|股份代码|股票代码)\s*[:：]?\s*([0-9]{3,6})",
    re.I,
)
_COMPANY = re.compile(
    r"([A-Z][A-Za-z0-9&'’.\-]*(?:[ ][A-Z(][A-Za-z0-9&'’.()\-]*){0,6}?[ ]"
    r"(?:Holdings\s+)?(?:Limited|Ltd\.?|Inc\.?|Incorporated|Corporation|Corp\.|plc|PLC|"
    r"Technology|Technologies|Group|Company|Co\.,\s*Ltd\.?|S\.A\.|AG|N\.V\.|SE))(?![A-Za-z])"
)
_ZH_COMPANY = re.compile(r"([\u4e00-\u9fff]{2,20}(?:股份有限公司|控股有限公司|集團有限公司|集团有限公司|有限公司))")
_NOT_ISSUER = re.compile(
    r"^(?:The|This|Our|A|An|In|Of|Incorporated|Main Board|Stock Exchange|Hong Kong Exchanges|Global Reporting)\b|Exchange|Listing Rules|Initiative|Board\b",
)


@dataclass(frozen=True, slots=True)
class ReportMeta:
    issuer: str | None = None
    tickers: tuple[str, ...] = ()
    period: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    language: str = "en"


def detect(head: str) -> ReportMeta:
    """Read issuer, tickers, period and language from the first pages' text ``head``."""
    start, end = _period_dates(head)
    period = _period_label(head, start, end)
    return ReportMeta(
        issuer=_issuer(head),
        tickers=_tickers(head),
        period=period,
        period_start=start.isoformat() if start else None,
        period_end=end.isoformat() if end else None,
        language=language_of(head),
    )


def language_of(text: str) -> str:
    """``zh`` when CJK characters outnumber Latin letters, else ``en``."""
    sample = text[:20000]
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in sample)
    latin = sum(ch.isascii() and ch.isalpha() for ch in sample)
    return "zh" if cjk > latin / 3 else "en"


def _month(name: str) -> int:
    return _MONTHS.get(name.lower()) or _MONTHS[name.lower()[:3]]


def _date(groups: tuple[str | None, ...]) -> date | None:
    """A date from the six groups of ``_DATE`` (day-month-year or month-day-year)."""
    d1, m1, y1, m2, d2, y2 = groups
    try:
        if y1 and m1 and d1:
            return date(int(y1), _month(m1), int(d1))
        if y2 and m2 and d2:
            return date(int(y2), _month(m2), int(d2))
    except (KeyError, ValueError):
        pass
    return None


def _period_dates(head: str) -> tuple[date | None, date | None]:
    for match in _RANGE.finditer(head):
        start, end = _date(match.groups()[:6]), _date(match.groups()[6:])
        if start and end and 300 <= (end - start).days <= 400:
            return start, end
    match = _ZH_RANGE.search(head)
    if match:
        y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
        try:
            return date(y1, m1, d1), date(y2, m2, d2)
        except ValueError:
            pass
    match = _YEAR_ENDED.search(head)
    if match:
        end = _date(match.groups())
        if end:
            if end.month == 12 and end.day == 31:
                return date(end.year, 1, 1), end
            return None, end
    return None, None


def _period_label(head: str, start: date | None, end: date | None) -> str | None:
    """A calendar year as ``2023``; a financial year that ends elsewhere as ``FY2023``."""
    if end:
        calendar = end.month == 12 and end.day == 31
        return str(end.year) if calendar else f"FY{end.year}"
    match = _FY.search(head[:5000])
    if match:
        year = match.group(1)
        return f"FY{'20' + year if len(year) == 2 else year}"
    years = []
    for m in _TITLE_YEAR.finditer(head[:20000]):
        years.append(next(g for g in m.groups() if g))
    if years:
        return max(set(years), key=years.count)
    return None


def _tickers(head: str) -> tuple[str, ...]:
    found: list[str] = []
    for m in _TICKER.finditer(head[:20000]):
        if m.group(3):
            ticker = f"HKEX:{int(m.group(3))}" if m.group(3).isdigit() else m.group(3)
        else:
            exchange = m.group(1).upper()
            exchange = "HKEX" if exchange in ("SEHK", "HK") else exchange
            code = m.group(2)
            ticker = f"{exchange}:{int(code) if code.isdigit() else code}"
        if ticker not in found:
            found.append(ticker)
    return tuple(found)


def _issuer(head: str) -> str | None:
    sample = head[:6000]
    for m in _COMPANY.finditer(sample):
        name = " ".join(m.group(1).split())
        if not _NOT_ISSUER.search(name) and len(name) > 4:
            return name.rstrip(".") + ("." if name.endswith(("Ltd.", "Inc.", "Corp.")) else "")
    zh = _ZH_COMPANY.search(sample)
    if zh:
        return zh.group(1)
    return None
