"""The source viewer's work: find a fact's words on its page, draw the page, cut out text lines.

The report file is opened from the path the database stored at ingestion, never from
anything in a request; its content hash must still match. PDFium is not thread-safe,
so every call into it (parsing and rendering) holds :data:`PDFIUM`.
"""

from __future__ import annotations

import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from esgtrace.errors import EsgtraceError
from esgtrace.ingest.model import Document, Page

PDFIUM = threading.RLock()


class SourceUnavailable(EsgtraceError, LookupError):
    """The report's file is gone, changed, or has no such page."""

    def __init__(self, document: str, reason: str) -> None:
        super().__init__(document, reason)
        self.document = document
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.document}: {self.reason}"


@dataclass(frozen=True)
class Box:
    """A highlighted word, in PDF points from the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"x0": round(self.x0, 2), "top": round(self.top, 2), "x1": round(self.x1, 2),
                "bottom": round(self.bottom, 2), "text": self.text}


@dataclass(frozen=True)
class Located:
    """Where a fact is printed: its page, the highlighted words, and how they were found."""

    page: int
    boxes: tuple[Box, ...]
    how: str  # value-in-quote | quote | line | none


class Documents:
    """A small cache of parsed reports, keyed by content hash."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._cache: OrderedDict[str, Document] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, path: str, sha256: str, document: str) -> Document:
        with self._lock:
            if sha256 in self._cache:
                self._cache.move_to_end(sha256)
                return self._cache[sha256]
        if not path or not Path(path).is_file():
            raise SourceUnavailable(document, "the report file is no longer where it was ingested from")
        from esgtrace.ingest import parse

        with PDFIUM:
            try:
                parsed = parse(path)
            except EsgtraceError as error:
                raise SourceUnavailable(document, f"cannot be read again ({error})") from None
        if parsed.sha256 != sha256:
            raise SourceUnavailable(document, "the file changed since it was ingested")
        with self._lock:
            self._cache[sha256] = parsed
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return parsed


def _squash(text: str) -> tuple[str, list[int]]:
    """``text`` with runs of white space as one space, and each kept character's offset."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def find_span(haystack: str, needle: str) -> tuple[int, int] | None:
    """Offsets of ``needle`` in ``haystack``, exact first, then with white space folded."""
    if not needle:
        return None
    at = haystack.find(needle)
    if at >= 0:
        return at, at + len(needle)
    flat, where = _squash(haystack)
    target, _ = _squash(needle)
    at = flat.find(target.strip())
    if at < 0 or not target.strip():
        return None
    end = at + len(target.strip()) - 1
    return where[at], where[end] + 1


def value_span(quote_text: str, reported: str) -> tuple[int, int] | None:
    """The printed number inside the quote, as a whole token (``12`` does not match inside ``2012``)."""
    if not reported:
        return None
    for match in re.finditer(re.escape(reported), quote_text):
        before = quote_text[match.start() - 1] if match.start() > 0 else " "
        after = quote_text[match.end()] if match.end() < len(quote_text) else " "
        if not (before.isdigit() or before in ".,") and not (after.isdigit() or (after in ".," and
                                                                             match.end() + 1 < len(quote_text) and quote_text[match.end() + 1].isdigit())):
            return match.start(), match.end()
    return None


def _part_span(page: Page, quote: str, reported_value: str, line: int | None) -> tuple[int, int] | None:
    """A quote cut with an ellipsis ("row label … unit 1,234 1,100"): the part that prints the value,
    looked for on the fact's line first, then anywhere on the page."""
    parts = [part.strip() for part in quote.split("\u2026") if part.strip()]
    parts = [part for part in parts if value_span(part, reported_value) is not None] or parts
    for part in sorted(parts, key=len, reverse=True):
        if line is not None and 1 <= line <= len(page.lines):
            found = page.lines[line - 1]
            inside = find_span(page.text[found.start:found.end], part)
            if inside is not None:
                return found.start + inside[0], found.start + inside[1]
        span = find_span(page.text, part)
        if span is not None:
            return span
    return None


def locate(page: Page, quote: str, reported_value: str, line: int | None) -> Located:
    """The words of ``page`` that print the figure: the value inside the quote, else the quote,
    else the fact's line. Nothing is guessed beyond that."""
    span = find_span(page.text, quote)
    if span is None and "\u2026" in quote:
        span = _part_span(page, quote, reported_value, line)
    how = "none"
    if span is not None:
        inner = value_span(page.text[span[0]:span[1]], reported_value)
        if inner is not None:
            span, how = (span[0] + inner[0], span[0] + inner[1]), "value-in-quote"
        else:
            how = "quote"
    elif line is not None and 1 <= line <= len(page.lines):
        found = page.lines[line - 1]
        span, how = (found.start, found.end), "line"
    if span is None:
        return Located(page.number, (), "none")
    boxes = tuple(Box(w.x0, w.top, w.x1, w.bottom, w.text) for w in page.words if w.start < span[1] and w.end > span[0])
    return Located(page.number, boxes, how if boxes or not page.words else "none")


def render_png(path: str, page_number: int, boxes: tuple[Box, ...], scale: float) -> bytes:
    """The page drawn by PDFium at ``scale`` pixels per point, ``boxes`` highlighted, as PNG."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    with PDFIUM:
        pdf = pdfium.PdfDocument(path)
        try:
            if not 1 <= page_number <= len(pdf):
                raise SourceUnavailable(Path(path).name, f"page {page_number} is out of range: the document has {len(pdf)} page(s)")
            page = pdf[page_number - 1]
            image = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
        finally:
            pdf.close()
    if boxes:
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for box in boxes:
            rect = (box.x0 * scale - 2, box.top * scale - 2, box.x1 * scale + 2, box.bottom * scale + 2)
            draw.rectangle(rect, fill=(255, 214, 0, 110), outline=(230, 81, 0, 255), width=2)
        image = Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


@dataclass(frozen=True)
class TextLine:
    """One line of a text report for the viewer: the parts before, inside and after the highlight."""

    number: int
    before: str
    mark: str
    after: str
    hit: bool


def text_context(page: Page, quote: str, reported_value: str, line: int | None, around: int = 6) -> list[TextLine]:
    """The lines around the fact's quote, the quote's lines marked and the printed value cut out."""
    span = find_span(page.text, quote)
    if span is None and line is not None and 1 <= line <= len(page.lines):
        found = page.lines[line - 1]
        span = (found.start, found.end)
    if span is None:
        return []
    inner = value_span(page.text[span[0]:span[1]], reported_value)
    mark = (span[0] + inner[0], span[0] + inner[1]) if inner else span
    hits = [i for i, ln in enumerate(page.lines) if ln.start <= span[1] and ln.end >= span[0]]
    if not hits:
        return []
    lo, hi = max(0, hits[0] - around), min(len(page.lines), hits[-1] + around + 1)
    out = []
    for i in range(lo, hi):
        ln = page.lines[i]
        a, b = max(mark[0], ln.start) - ln.start, min(mark[1], ln.end) - ln.start
        if i in hits and a < b:
            out.append(TextLine(ln.number, ln.text[:a], ln.text[a:b], ln.text[b:], True))
        else:
            out.append(TextLine(ln.number, ln.text, "", "", i in hits))
    return out
