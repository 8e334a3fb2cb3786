"""What a report says about itself on its first pages: issuer, tickers, period, language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from esgtrace.normalise.periods import MONTH, month_number

_MONTH = f"({MONTH})"
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
_COVERS = re.compile(
    r"\b(?:this|the)\s+report\s+(?:covers|relates\s+to|discloses|presents)\b(?:[^.]|\.(?!\s)){0,80}?\b(fiscal|financial|calendar)\s+year\s+((?:19|20)\d\d)\b",
    re.I,
)
_FY = re.compile(r"\bFY\s?((?:19|20)?\d\d)\b")
_TICKER = re.compile(
    r"\(\s*([0-9]{3,5})\s*[:.]\s*HK\s*\)()()"
    r"|\b(HKEX|SEHK|HK|NASDAQ|NYSE|LSE|SSE|SZSE|SGX)\s*[:：]\s*([0-9]{1,6}|[A-Z]{1,5})\b"
    r"|(?:Stock\s+Code|股份代號|股份代号|股份代码|股票代码|證券代號|证券代码)\s*[:：]?\s*([0-9]{3,6})",
    re.I,
)
_COMPANY = re.compile(
    r"([A-Z][\w&'’.\-\u2011]*(?:(?:[ ]*\n[ ]*|[ ])[A-Z(][\w&'’.()\-\u2011]*){0,6}?(?:[ ]*\n[ ]*|[ ])"
    r"(?:Holdings\s+)?(?:Limited|Ltd\.?|Inc\.?|Incorporated|Corporation|Corp\.|plc|PLC|"
    r"Technology|Technologies|Group|Company|Co\.,\s*Ltd\.?|S\.A\.|AG|N\.V\.|SE))(?![A-Za-z])"
)
_ZH_COMPANY = re.compile(r"([\u4e00-\u9fff]{2,20}(?:股份有限公司|控股有限公司|集團有限公司|集团有限公司|有限公司))")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_NOT_ISSUER = re.compile(
    r"^(?:Holdings|Group|Limited|Ltd|Company|Co\.|Inc)\b"
    r"|^(?:This|Our|A|An|In|Of|Incorporated|Main Board|Stock Exchange|Hong Kong Exchanges|Global Reporting|Independent|Limited|Contents|Introduction|Report)\b"
    r"|Exchange|Listing Rules|Initiative|Board\b|Working Group|Assurance|Trading Limited|^The (?!\S+ (?:Company|Group)\b)",
)


@dataclass(frozen=True, slots=True)
class ReportMeta:
    issuer: str | None = None
    tickers: tuple[str, ...] = ()
    period: str | None = None
    period_start: str | None = None
    period_end: str | None = None


def detect(head: str, title: str | None = None) -> ReportMeta:
    """Read issuer, tickers and period from the first pages' text ``head``.

    :param title: the PDF's or HTML page's own title, when it has one
    """
    start, end = _period_dates(head)
    period = _period_label(head, start, end)
    return ReportMeta(
        issuer=_issuer(head, title),
        tickers=_tickers(head),
        period=period,
        period_start=start.isoformat() if start else None,
        period_end=end.isoformat() if end else None,
    )


def language_of(text: str) -> str:
    """``zh`` when CJK characters outnumber Latin letters, else ``en``."""
    sample = text[:20000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "zh" if cjk > latin / 3 else "en"


def _date(groups: tuple[str | None, ...]) -> date | None:
    """A date from the six groups of ``_DATE`` (day-month-year or month-day-year)."""
    d1, m1, y1, m2, d2, y2 = groups
    try:
        if y1 and m1 and d1:
            return date(int(y1), month_number(m1), int(d1))
        if y2 and m2 and d2:
            return date(int(y2), month_number(m2), int(d2))
    except (KeyError, ValueError):
        pass
    return None


def _period_dates(head: str) -> tuple[date | None, date | None]:
    for match in _RANGE.finditer(head):
        start, end = _date(match.groups()[:6]), _date(match.groups()[6:])
        if start and end and 300 <= (end - start).days <= 400:
            return start, end
    zh = _ZH_RANGE.search(head)
    if zh:
        y1, m1, d1, y2, m2, d2 = (int(g) for g in zh.groups())
        try:
            return date(y1, m1, d1), date(y2, m2, d2)
        except ValueError:
            pass
    ended = _YEAR_ENDED.search(head)
    if ended:
        end = _date(ended.groups())
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
    covers = _COVERS.search(head)
    if covers:
        # "this report covers Tesla, Inc.'s fiscal year 2021": the report says which year it is
        return f"FY{covers.group(2)}" if covers.group(1).lower() in ("fiscal", "financial") else covers.group(2)
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
        hk_suffixed, _, _, exchange, code, stock_code = m.groups()
        if hk_suffixed:
            ticker = f"HKEX:{int(hk_suffixed)}"
        elif stock_code:
            ticker = f"HKEX:{int(stock_code)}"
        else:
            exchange = exchange.upper()
            exchange = "HKEX" if exchange in ("SEHK", "HK") else exchange
            ticker = f"{exchange}:{int(code) if code.isdigit() else code}"
        if ticker not in found:
            found.append(ticker)
    return tuple(found)


def _issuer(head: str, title: str | None = None) -> str | None:
    """The issuer's name: the best-supported of the candidates the first pages offer.

    Evidence, strongest first: a name the report defines as "the Company"/"the Group";
    the PDF's title; a name on the cover; a short name leading an "X ESG Report 2023"
    heading; how often a name recurs. Names near "sponsor", "auditor" or "assurance"
    belong to other parties.
    """
    sample = head[:8000]
    scores: dict[str, float] = {}

    def vote(name: str, points: float) -> None:
        name = _clean_name(name)
        if len(name) >= 2 and not _NOT_ISSUER.search(name):
            scores[name] = scores.get(name, 0.0) + points

    for m in _COMPANY.finditer(sample):
        before = sample[max(0, m.start() - 80) : m.start()].lower()
        after = sample[m.end() : m.end() + 160]
        points = 1.0 + (3.0 if m.start() < 400 else 0.0)
        if _DEFINES_ISSUER.search(after):
            points += 5.0
        if _OTHER_PARTY.search(before):
            points -= 6.0
        vote(m.group(1), points)
    for m in _ZH_COMPANY.finditer(sample):
        vote(m.group(1), 2.0 + (3.0 if m.start() < 400 else 0.0))
    for m in _TICKER_NAME.finditer(sample):
        vote(m.group(1), 4.0)
    for m in _REPORT_HEADING.finditer(sample[:3000]):
        vote(m.group(1), 3.0)
    if title:
        for m in _COMPANY.finditer(title):
            vote(m.group(1), 4.0)
        heading = _REPORT_HEADING.search(title)
        if heading:
            vote(heading.group(1), 4.0)
    if not scores:
        return None
    name, score = max(scores.items(), key=lambda item: item[1])
    return name if score > 0 else None


def _clean_name(name: str) -> str:
    # A name may wrap onto a second line; a heading in capitals above it is not part of it.
    parts = name.split("\n")
    while len(parts) > 1 and parts[0].strip().isupper() and not parts[1].strip().isupper():
        parts.pop(0)
    name = " ".join(" ".join(parts).replace("\u2011", "-").split()).strip(" ,;:")
    name = re.sub(r"^(?:At|By|For|From|With|And|Of|In|On|To)\s+", "", name)
    name = re.sub(r"^(?:The\s+)(?=\S+\s+(?:Company|Group)\b)", "The ", name)
    return name


_DEFINES_ISSUER = re.compile(
    r"^[^.]{0,140}?(?:the\s*[“\"']\s*(?:Company|Group)\s*[”\"']|hereinafter|\(\s*[“\"'](?:Company|Group)[”\"'])",
    re.I,
)
_OTHER_PARTY = re.compile(r"sponsor|auditor|assurance|assured by|verified by|prepared by|consultant|reviewed by|advis")
_TICKER_NAME = re.compile(r"([A-Z][A-Za-z&.\-]+(?:\s[A-Z][A-Za-z&.\-]+){0,4})\s*\(\s*\d{3,5}\s*[:.]\s*HK\s*\)")
_REPORT_HEADING = re.compile(
    r"(?:^|\n)(?:\d{1,3}[ ]+)?([A-Za-z][\w&.\-]{1,20}(?:[ ][A-Z][\w&.\-]{1,20}){0,2})[ ]+"
    r"(?i:ESG|Sustainability|Environmental,?[ ]+Social|Corporate[ ]+Responsibility|Annual)[ ]+"
    r"(?i:Datasheet|Data[ ]*sheet|Performance|Report|Update)"
)
