"""PDF pages with pypdfium2: text in stream order, word boxes, rebuilt table rows.

Positions are taken per word (the box of its first and last character) rather than
per character: two calls into PDFium a word keep ingestion near raw text speed.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from esgtrace.errors import CorruptPdf, EncryptedPdf
from esgtrace.ingest.lines import split_lines
from esgtrace.ingest.model import Page, Word
from esgtrace.ingest.rows import build_rows

_TOKEN = re.compile(r"\S+")
# PDFium marks a hyphen it guessed at a line end with \x02; other C0 controls are noise.
_CONTROL = str.maketrans({"\x02": "-", "\x00": None, "\ufffe": None, "\ufeff": None})


def open_pdf(data: bytes, path: str | Path, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPdf(path, password_given=password is not None) from None
        raise CorruptPdf(path, str(error).removeprefix("Failed to load document ")) from None


def read_pages(pdf: pdfium.PdfDocument, *, positions: bool = True) -> list[Page]:
    """Every page of ``pdf``; with ``positions`` also its words and rows."""
    pages = []
    box = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.byref(b) for b in box]
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            pages.append(_read_page(page, index + 1, positions, box, refs))
        finally:
            page.close()
    return pages


def _read_page(
    page: pdfium.PdfPage,
    number: int,
    positions: bool,
    box: list[ctypes.c_double],
    refs: list[ctypes._CArgObject],  # type: ignore[name-defined]
) -> Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range().translate(_CONTROL)
        words: tuple[Word, ...] = ()
        if positions and raw:
            words = _words(textpage.raw, raw, height, box, refs)
    finally:
        textpage.close()
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) != len(raw):
        words = _shift(words, raw)
    return Page(
        number=number,
        text=text,
        lines=split_lines(text),
        words=words,
        rows=build_rows(words),
        width=round(width, 2),
        height=round(height, 2),
    )


def _words(
    handle: object,
    raw: str,
    height: float,
    box: list[ctypes.c_double],
    refs: list[ctypes._CArgObject],  # type: ignore[name-defined]
) -> tuple[Word, ...]:
    get_box = pdfium_c.FPDFText_GetCharBox
    left, right, bottom, top = refs
    lv, rv, bv, tv = box
    words = []
    for match in _TOKEN.finditer(raw):
        start, end = match.span()
        if not get_box(handle, start, left, right, bottom, top):
            continue
        x0, y_top, y_bottom = lv.value, tv.value, bv.value
        if end - 1 > start and get_box(handle, end - 1, left, right, bottom, top):
            y_top, y_bottom = max(y_top, tv.value), min(y_bottom, bv.value)
        x1 = rv.value
        if x1 < x0:  # right-to-left or rotated text: keep a valid box
            x0, x1 = x1, x0
        words.append(
            Word(match.group(), x0, x1, height - y_top, height - y_bottom, start, end)
        )
    return tuple(words)


def _shift(words: tuple[Word, ...], raw: str) -> tuple[Word, ...]:
    """Move word offsets from the raw PDFium text to the text with ``\\r`` removed."""
    removed = [i for i, ch in enumerate(raw) if ch == "\r" and raw[i + 1 : i + 2] == "\n"]
    if not removed:
        return words
    out = []
    for w in words:
        before = bisect_left(removed, w.start)
        out.append(Word(w.text, w.x0, w.x1, w.top, w.bottom, w.start - before, w.end - before))
    return tuple(out)
