"""How figures and quotes are shown to people: at the precision printed, never cut mid-number,
without the markup of the source.

>>> show_number(42731.56, "42,731.56")
'42,731.56'
>>> show_number(49200000.0, "49.2")       # printed in millions: its 3 significant digits
'49,200,000'
>>> show_number(5e-06)
'0.000005'
>>> show_number(3320.0, "3,320")
'3,320'
>>> short_quote("Number of employees by type Full-time Person 12,384 11,275", "12,384", 40)
'… by type Full-time Person 12,384 …'
"""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"\d[\d,，\s]*(?:\.\d+)?|\.\d+")
ELLIPSIS = "…"


def printed_number(printed: str | None) -> tuple[float, str] | None:
    """The first number of a printed figure and its digits as written (``"1,234.50"`` -> 1234.5)."""
    match = _NUMBER.search(printed or "")
    if match is None:
        return None
    digits = re.sub(r"[,，\s]", "", match.group(0))
    try:
        return float(digits), digits
    except ValueError:
        return None


def significant_digits(printed: str | None) -> int:
    """The significant digits of a printed figure: every digit after the leading zeros, with
    thousands separators ignored (0 when nothing is printed, 1 for a printed zero)."""
    found = printed_number(printed)
    if found is None:
        return 0
    return len(found[1].replace(".", "").lstrip("0")) or 1


def _fixed(value: float, significant: int, strip: bool) -> str:
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, significant - 1 - magnitude)
    text = f"{round(value, decimals):,.{decimals}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def show_number(value: float | None, printed: str | None = None, significant: int = 6) -> str:
    """``value`` with thousands separators and no exponent, at the precision of ``printed``.

    :param printed: the figure as the report printed it; when it is the same number, its
        decimals are kept (``"35,850.30"`` stays two decimals); when the value was scaled
        (``"69.44"`` ten thousand tonnes), its significant digits are kept
    :param significant: digits shown for a value with nothing printed (a ratio)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    found = printed_number(printed)
    if found is not None:
        number, digits = found
        if math.isclose(number, abs(value), rel_tol=1e-9, abs_tol=1e-12):
            decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
            return f"{value:,.{decimals}f}"
        if number:
            return _fixed(value, max(significant_digits(printed), 1), strip=False)
    return _fixed(value, significant, strip=True)


def short_quote(quote: str, printed: str | None = None, width: int = 60) -> str:
    """``quote`` within ``width`` characters around the printed figure, cut at spaces with "…".

    The figure is never cut: the window is centred on it and only whole words are kept.
    """
    quote = " ".join(quote.split())
    if len(quote) <= width:
        return quote
    at = quote.find(printed) if printed else -1
    if at < 0:
        at = len(quote) - 1
    figure_end = at + len(printed or "")
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", quote)]
    keep = [w for w in words if w[0] <= at < w[1] or at <= w[0] < max(figure_end, at + 1)]
    if not keep:
        keep = [words[-1]]
    first, last = words.index(keep[0]), words.index(keep[-1])
    # grow around the figure: the label before it first, then what follows
    while True:
        grown = False
        if first > 0 and words[last][1] - words[first - 1][0] + 4 <= width:
            first -= 1
            grown = True
        if last < len(words) - 1 and words[last + 1][1] - words[first][0] + 4 <= width and (first == 0 or not grown):
            last += 1
            grown = True
        if not grown:
            break
    text = quote[words[first][0]:words[last][1]]
    return f"{ELLIPSIS + ' ' if first > 0 else ''}{text}{' ' + ELLIPSIS if last < len(words) - 1 else ''}"


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,400}>")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)


def plain_text(text: str) -> str:
    """Evidence without the source's markup: HTML tags, markdown emphasis and headings.

    >>> plain_text('<ul style="x"><li>**Emissions** policy</li></ul>')
    'Emissions policy'
    >>> plain_text('expected to be no higher than **1.2… and <ul sty…')
    'expected to be no higher than 1.2… and …'
    """
    text = _TAG.sub(" ", text)
    text = re.sub(r"</?[A-Za-z][^<>]*(?:…)?$", " …", text)  # a tag cut off at the end of a quote
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    text = re.sub(r"(\*\*|__)(?=[\w(])|(?<=[\w).,%])(\*\*|__)", "", text)  # emphasis whose other half was cut
    text = _HEADING.sub("", text)
    for entity, char in (("&nbsp;", " "), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'")):
        text = text.replace(entity, char)
    return " ".join(text.split())
