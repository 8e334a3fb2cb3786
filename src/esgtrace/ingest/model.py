"""The object model of an ingested report: Document > Page > Line / Word / Row > Cell.

Records are immutable: named tuples for the many small ones (words, cells) and frozen
dataclasses for the rest, cheap enough to build hundreds of pages a second, in the
pdfplumber spirit: every object knows its page and position, so later
stages can cite page + quote + box. Coordinates are PDF points with the origin at
the top-left of the page (``top`` grows downwards), as in pdfplumber.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, NamedTuple

from esgtrace.results import Issue

Format = Literal["pdf", "text", "html"]


class Word(NamedTuple):
    """A run of non-space characters with its box; ``start``/``end`` index ``Page.text``.

    ``sup`` counts the characters at its end set smaller and raised: a footnote
    marker glued to it (``12.340`` + superscript ``5``).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    start: int
    end: int
    sup: int = 0

    @property
    def bare(self) -> str:
        """The text without its superscript footnote marker."""
        return self.text[: len(self.text) - self.sup] if self.sup else self.text


class Line(NamedTuple):
    """One line of ``Page.text``; ``number`` is 1-based within the page.

    For a text file without page breaks the whole file is one page, so ``number`` is
    the line number in the file.
    """

    number: int
    text: str
    start: int
    end: int


class Cell(NamedTuple):
    """A table cell: words of one row that sit close together (box absent for HTML)."""

    text: str
    x0: float | None = None
    x1: float | None = None
    bare: str | None = None

    @property
    def marks(self) -> bool:
        """Whether superscript footnote markers were cut from ``bare``."""
        return self.bare is not None and self.bare != self.text


class Row(NamedTuple):
    """Words that share a baseline, split into cells at large horizontal gaps.

    A KPI table row comes out as label, unit and one cell per year column.
    """

    cells: tuple[Cell, ...]
    top: float | None = None
    bottom: float | None = None

    @property
    def texts(self) -> list[str]:
        """The cells' text as printed (footnote markers still glued on)."""
        return [c.text for c in self.cells]

    @property
    def bare_texts(self) -> list[str]:
        """The cells' text with superscript footnote markers removed."""
        return [c.text if c.bare is None else c.bare for c in self.cells]

    @property
    def text(self) -> str:
        return " | ".join(self.texts)


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    text: str
    lines: tuple[Line, ...]
    words: tuple[Word, ...] = ()
    rows: tuple[Row, ...] = ()
    width: float | None = None
    height: float | None = None

    def line_at(self, offset: int) -> Line | None:
        """The line that holds character ``offset`` of ``text``."""
        lo, hi = 0, len(self.lines) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            line = self.lines[mid]
            if offset < line.start:
                hi = mid - 1
            elif offset > line.end:
                lo = mid + 1
            else:
                return line
        return None


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed report.

    ``paginated`` is false for a text file without form feeds: its single page is the
    whole file, and facts cite a line rather than a page.
    """

    path: str
    name: str
    sha256: str
    format: Format
    size: int
    pages: tuple[Page, ...]
    paginated: bool = True
    language: str = "en"
    encoding: str | None = None
    issuer: str | None = None
    tickers: tuple[str, ...] = ()
    period: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    title: str | None = None
    issues: tuple[Issue, ...] = field(default=())
    seconds: float = 0.0

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.pages)

    def page(self, number: int) -> Page:
        """The page with 1-based ``number``."""
        from esgtrace.errors import PageOutOfRange

        if not 1 <= number <= len(self.pages):
            raise PageOutOfRange(number, len(self.pages))
        return self.pages[number - 1]

    def summary(self) -> dict[str, Any]:
        """The document's facts without its pages, for listings and JSON."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("pages", "issues")}
        data["tickers"] = list(self.tickers)
        data["page_count"] = self.page_count
        data["issues"] = [asdict(i) for i in self.issues]
        return data
