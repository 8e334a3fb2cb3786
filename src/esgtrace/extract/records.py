"""Records: a label, a unit and values found together in a report, with their source.

Every way of finding figures (tables on one line, tables flattened into runs, tables
split over short lines, prose) produces :class:`Record` objects; :mod:`resolve` turns
them into facts. Tokens keep their line and character offsets so a record can always
quote the exact text it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from esgtrace.normalise import Number, not_reported, parse_number
from esgtrace.normalise.periods import Period

_WORD = re.compile(r"\S+")
# tokens that look like numbers but are footnote markers or parts of labels
_MARKER_ONLY = re.compile(r"^\(\d{1,2}\)$|^\d{1,2}\)$|^\(\d{1,2}$")


@dataclass(frozen=True, slots=True)
class Token:
    """A whitespace-separated word of one line; offsets index the line's text."""

    text: str
    line: int
    start: int
    end: int
    line_end: bool = False

    def number(self) -> Number | None:
        if _MARKER_ONLY.match(self.text):
            return None
        number = parse_number(self.text)
        if number is None and self.text.endswith(".") and (self.text[-2:-1].isdigit() or self.text[-2:-1] == "%"):
            number = parse_number(self.text[:-1])  # a row printed as a sentence: "... 4.44 4.73.", "... 19.80%."
        return number

    def blank(self) -> bool:
        """A "not reported" cell: a dash or N/A."""
        return not_reported(self.text[:-1] if len(self.text) > 1 and self.text.endswith(".") else self.text)


def tokenize(line_number: int, text: str) -> list[Token]:
    """The tokens of one line."""
    return list(_tokens(line_number, text))


@lru_cache(maxsize=4096)
def _tokens(line_number: int, text: str) -> tuple[Token, ...]:
    """:func:`tokenize`, kept: every reader of a page tokenizes its lines again, and tokens are immutable."""
    words = list(_WORD.finditer(text))
    return tuple(
        Token(m.group(0), line_number, m.start(), m.end(), line_end=(i == len(words) - 1))
        for i, m in enumerate(words)
    )


@dataclass(frozen=True, slots=True)
class Value:
    """One printed value of a record and the period its column belongs to."""

    number: Number
    period: Period | None


@dataclass(slots=True)
class Record:
    """A label with its printed unit and values.

    :param label: the row label (or sentence subject) as printed
    :param unit: the printed unit ("" when none; a table or caption unit may be inherited)
    :param values: the figures, each with its period when a header gave one
    :param page: 1-based page of the source (``None`` for an unpaginated text file)
    :param line: 1-based line (within the page) of the values
    :param quote: exact text of that line holding the values
    :param method: ``table`` or ``prose``
    :param table: id of the table the record belongs to (records of one table share context)
    :param caption: the table's caption or header label, for context
    :param breakdown: a breakdown already known (prose patterns, tab tables)
    :param metric: a metric already known (prose patterns)
    :param part_of: the label of the row above whose figures this bulleted row's figures
        add up to, with its siblings (a part of that row: its breakdown is in ``breakdown``)
    :param joint: the figure is the share of one joint group of several keys ("women" and
        "Asian": Asian women) of the row's people, not a share within one of those groups
    """

    label: str
    unit: str
    values: list[Value]
    page: int | None
    line: int | None
    quote: str
    method: str = "table"
    table: int | None = None
    caption: str = ""
    caption_unit: str = ""
    breakdown: dict[str, str] = field(default_factory=dict)
    metric: str | None = None
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9
    part_of: str = ""
    joint: bool = False


def quote_of(line_text: str, start: int, end: int, limit: int = 240, label: str = "") -> str:
    """The text ``line_text[start:end]``, cut at a word boundary to ``limit`` chars.

    A quote cut at its start begins with "… ". When the text holds no word, or not the
    first word of ``label`` (the values of a row whose label is printed on the lines
    above), the label leads it, so the quote says what the figure is:
    ``"Total greenhouse gas emissions … 69.44"``.
    """
    start = max(0, start)
    cut = end - start > limit
    if cut:
        at = line_text.find(" ", end - limit)
        start = at + 1 if 0 <= at < end else end - limit
        while start < end and line_text[start - 1 : start].strip() and line_text[start].strip():
            start += 1  # never begin inside a word or a number
    text = line_text[start:end].strip()
    words = " ".join(label.split())
    first = words.split(" ", 1)[0].casefold() if words else ""
    if words and (not any(c.isalpha() for c in text) or first not in text.casefold()):
        room = max(min(80, limit - len(text) - 3), 0)
        return f"{words[:room].rsplit(' ', 1)[0] if len(words) > room else words} … {text}"
    return f"… {text}" if cut and text else text
