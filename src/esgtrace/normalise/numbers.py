"""Printed numbers: "48,211.05(3)", "(1,234)", "–", "12.5%", "1.2 million", "2.3亿".

Reports glue footnote markers to figures, print negatives in parentheses and write
"not reported" as a dash. :func:`parse_number` reads one printed figure into a
:class:`Number` that keeps what was printed and what was dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Dashes and words that mean "not reported": no fact.
# a dash, N/A (also "n.a", "n. a."), German "k. A." (keine Angabe), "nil reported"
_NOT_REPORTED = re.compile(r"^(?:[-–—−]+|n/?a|n\.\s?a\.?|k\.\s?a\.?|nil reported|not (?:applicable|available)|/|—)$", re.I)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "'000": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mio": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12,
    "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8,
}

_NUMBER = re.compile(
    r"""^(?P<open>\()?
        (?P<sign>[-−–])?
        (?P<currency>(?:RMB|HK\$|US\$|HKD|USD|CAD|C\$|\$|¥|￥|€|£)\s?)?
        (?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
        (?P<close>\))?
        (?P<footnote>\(\d{1,2}\)|\[\d{1,2}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*+)?
        \s?(?P<percent>%)?
        (?P<footnote2>\(\d{1,2}\)|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*+)?
        \s?(?P<mult>thousand|million|billion|trillion|mn|bn|mio|十万|百万|千万|万|亿|千)?
        $""",
    re.X | re.I,
)


@dataclass(frozen=True, slots=True)
class Number:
    """A printed figure, read.

    :param value: the number, multiplier applied, sign applied (percent kept as 0-100)
    :param printed: the text exactly as printed
    :param digits: the digits part as printed (``48,211.05``), the fact's ``reported_value``
    :param percent: a ``%`` was printed
    :param footnote: a footnote marker that was removed, if any
    :param multiplier: ``million``, ``亿``, ... when printed with the figure
    :param currency: a currency sign or code printed with the figure
    """

    value: float
    printed: str
    digits: str
    percent: bool = False
    footnote: str | None = None
    multiplier: str | None = None
    currency: str | None = None

    @property
    def decimals(self) -> int:
        return len(self.digits.split(".")[1]) if "." in self.digits else 0


def not_reported(text: str) -> bool:
    """The cell says "not reported" (a dash, N/A): it yields no fact."""
    return bool(_NOT_REPORTED.match(text.strip()))


def parse_number(text: str) -> Number | None:
    """Read one printed figure; ``None`` when it is not a number (or a dash).

    :param text: a cell or token such as ``"48,211.05(3)"``, ``"(1,234)"``, ``"12.5%"``,
        ``"RMB22.7 million"``, ``"2.3亿"``
    """
    raw = text.strip()
    if not raw or not_reported(raw):
        return None
    m = _NUMBER.match(raw)
    if not m:
        return None
    digits = m.group("digits")
    if m.group("open") and not m.group("close"):
        # "(1" is not a negative; only a footnote-like "(3)" alone would land here
        return None
    if m.group("close") and not m.group("open"):
        return None
    exact = Decimal(digits.replace(",", ""))
    negative = bool(m.group("open") and m.group("close")) or bool(m.group("sign"))
    mult = m.group("mult")
    if mult:
        exact *= Decimal(str(MULTIPLIERS.get(mult.lower(), MULTIPLIERS.get(mult, 1.0))))
    value = float(exact)
    footnote = m.group("footnote") or m.group("footnote2")
    if footnote and footnote[0] in _SUPERSCRIPT_CHARS:
        footnote = footnote.translate(_SUPERSCRIPTS)
    currency = (m.group("currency") or "").strip() or None
    return Number(
        value=-value if negative else value,
        printed=raw,
        digits=digits,
        percent=bool(m.group("percent")),
        footnote=footnote,
        multiplier=mult,
        currency=currency,
    )


def strip_glued_footnote(number: Number, siblings: list[Number], markers: set[str]) -> Number:
    """Drop a footnote digit printed flush after a figure ("12.3405" for 12.340 + note 5).

    The reading needs evidence: the figure has exactly one more decimal than every other
    figure in its row, and the extra digit(s) are a footnote number that the page defines.

    :param number: the figure to check
    :param siblings: the other figures of the same row or column
    :param markers: footnote numbers defined on the page (lines starting with a number)
    """
    if "." not in number.digits or not siblings:
        return number
    others = {s.decimals for s in siblings if s is not number}
    if len(others) != 1:
        return number
    usual = others.pop()
    extra = number.decimals - usual
    if usual == 0 or extra not in (1, 2):
        return number
    marker = number.digits[-extra:]
    if marker.lstrip("0") != marker or marker not in markers:
        return number
    digits = number.digits[:-extra]
    value = float(digits.replace(",", ""))
    return Number(
        value=-value if number.value < 0 else value,
        printed=number.printed,
        digits=digits,
        percent=number.percent,
        footnote=marker,
        multiplier=number.multiplier,
        currency=number.currency,
    )


NUMBER_TOKEN = re.compile(
    r"(?<![\w.,])(?:\(?[-−]?(?:RMB|HK\$|US\$|HKD|USD|\$)?\s?\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?|\(?[-−]?(?:RMB|HK\$|US\$|HKD|USD|\$)?\s?\d+(?:\.\d+)?\)?)"
    r"(?:\(\d{1,2}\)|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?%?"
)
"""A figure inside running text (used to find candidates quickly)."""
