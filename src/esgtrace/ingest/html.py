"""Reports published as web pages: visible text, and ``<table>`` cells as rows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from esgtrace.ingest.lines import split_lines
from esgtrace.ingest.model import Cell, Page, Row

_SPACES = re.compile(r"\s+")
_INVISIBLE = {"script", "style", "head", "title", "noscript", "template", "svg"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "section", "article", "header", "footer", "caption", "blockquote", "dt", "dd",
    "hr", "figcaption", "main", "nav", "aside", "pre", "thead", "tbody", "tfoot",
}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.rows: list[Row] = []
        self.title: str | None = None
        self._hidden = 0
        self._in_title = False
        self._cells: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _INVISIBLE:
            self._hidden += 1
        elif tag in _BLOCK:
            self._newline()
        if tag == "tr":
            self._cells = []
        elif tag in ("td", "th") and self._cells is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in ("td", "th") and self._cell is not None and self._cells is not None:
            text = " ".join("".join(self._cell).split())
            self._cells.append(text)
            self._cell = None
            self.parts.append("\t")
        elif tag == "tr" and self._cells is not None:
            if any(self._cells):
                self.rows.append(Row(tuple(Cell(t) for t in self._cells)))
            self._cells = None
            self._newline()
        elif tag in _BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        if self._hidden:
            return
        if self._cell is not None:
            self._cell.append(data)
        self.parts.append(_SPACES.sub(" ", data))

    def _newline(self) -> None:
        if self.parts and self.parts[-1] != "\n":
            self.parts.append("\n")


def read_pages(text: str) -> tuple[list[Page], str | None]:
    """One page of visible text (table rows as tab-separated lines) and the title."""
    parser = _Visible()
    parser.feed(text)
    parser.close()
    lines = []
    for line in "".join(parser.parts).split("\n"):
        cells = [" ".join(c.split()) for c in line.split("\t")]
        text = "\t".join(c for c in cells if c)
        if text:
            lines.append(text)
    body = "\n".join(lines)
    return [Page(number=1, text=body, lines=split_lines(body), rows=tuple(parser.rows))], parser.title
