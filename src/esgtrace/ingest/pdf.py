"""PDF pages with pypdfium2: text in stream order, word boxes, rebuilt table rows.

Positions are taken per word (the box of its first and last character) rather than
per character: two calls into PDFium a word keep ingestion near raw text speed.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from esgtrace.errors import CorruptPdf, EncryptedPdf
from esgtrace.ingest.lines import split_lines
from esgtrace.ingest.model import Page, Word
from esgtrace.ingest.rows import build_rows

_TOKEN = re.compile(r"\S+")
# PDFium marks a hyphen it guessed at a line end with \x02; the others are noise.
_CONTROL = (("\x02", "-"), ("\x00", ""), ("\ufffe", ""), ("\ufeff", ""))


def _clean(text: str) -> str:
    # str.replace only where needed: str.translate with a table walks every character
    for char, replacement in _CONTROL:
        if char in text:
            text = text.replace(char, replacement)
    return text


def open_pdf(data: bytes, path: str | Path, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPdf(path, password_given=password is not None) from None
        raise CorruptPdf(path, str(error).removeprefix("Failed to load document ")) from None


# FPDFText_GetCharBox bound with plain pointer arguments: pypdfium2's typed binding
# converts every argument on each call, which doubles the cost of the word loop.
_CHAR_BOX = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.c_void_p, ctypes.c_int, *[ctypes.c_void_p] * 4
)(ctypes.cast(pdfium_c.FPDFText_GetCharBox, ctypes.c_void_p).value or 0)


def read_pages(pdf: pdfium.PdfDocument, *, positions: bool = True) -> list[Page]:
    """Every page of ``pdf``; with ``positions`` also its words and rows."""
    pages = []
    box = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.addressof(b) for b in box]
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
    refs: list[int],
) -> Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        printed = textpage.get_text_range()
        raw = _clean(printed)
        words: tuple[Word, ...] = ()
        if positions and raw:
            words = _words(textpage.raw, printed, height, box, refs)
    finally:
        textpage.close()
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return Page(
        number=number,
        text=text,
        lines=split_lines(text),
        words=words,
        rows=build_rows(words),
        width=round(width, 2),
        height=round(height, 2),
    )


def _dropped(token: str) -> tuple[str, int, int]:
    """A token with the noise characters :func:`_clean` drops: its clean text and the
    offsets of its first and last kept characters (PDFium counts the dropped ones)."""
    text = _clean(token)
    if len(text) == len(token):
        return text, 0, len(token) - 1
    kept = [i for i, char in enumerate(token) if _clean(char)]
    return text, (kept[0] if kept else 0), (kept[-1] if kept else -1)


def _words(
    handle: object,
    raw: str,
    height: float,
    box: list[ctypes.c_double],
    refs: list[int],
) -> tuple[Word, ...]:
    """Word boxes of a page; ``raw`` is PDFium's text as returned, one character per
    character index, before :func:`_clean` (offsets are turned into ``Page.text`` ones)."""
    get_box = _CHAR_BOX
    textpage = handle
    handle = ctypes.cast(handle, ctypes.c_void_p).value  # type: ignore[arg-type]
    left, right, bottom, top = refs
    lv, rv, bv, tv = box
    words = []
    noisy = any(char in raw for char, replacement in _CONTROL if not replacement)
    # Character indices count "\r\n" as two and the dropped noise characters; the page's
    # text has "\n" and no noise: ``shift`` is what lies between the two.
    base = shift = 0
    for line in raw.split("\r\n"):
        for match in _TOKEN.finditer(line):
            token = match.group()
            first, last = base + match.start(), base + match.end() - 1
            if noisy:
                text, head, tail = _dropped(token)
                if not text:
                    shift += len(token)
                    continue
                start = first - shift
                shift += len(token) - len(text)
                first, last = base + match.start() + head, base + match.start() + tail
            else:
                text, start = token, first - shift
            end = start + len(text)
            if not get_box(handle, first, left, right, bottom, top):
                continue
            x0, x1, y_top, y_bottom = lv.value, rv.value, tv.value, bv.value
            sup = 0
            if last > first and get_box(handle, last, left, right, bottom, top):
                x1 = rv.value
                # A last glyph that sits above the first one's baseline may be a superscript
                # footnote marker (or the first has a descender); only then ask for sizes.
                raised = 0.12 * (y_top - y_bottom)
                if bv.value > y_bottom + (raised if raised > 0.5 else 0.5):
                    sup = _superscript_tail(textpage, first, last)
                if not sup:
                    if tv.value > y_top:
                        y_top = tv.value
                    if bv.value < y_bottom:
                        y_bottom = bv.value
            if x1 < x0:  # right-to-left or rotated text: keep a valid box
                x0, x1 = x1, x0
            words.append(Word(text, x0, x1, height - y_top, height - y_bottom, start, end, sup))
        base += len(line) + 2
        shift += 1
    return tuple(words)


# A character set below this share of its word's first character's size, and raised,
# is a footnote marker glued on ("12.340" + superscript "5").
SUPERSCRIPT_SHARE = 0.8


def _superscript_tail(handle: object, start: int, last: int) -> int:
    """How many characters at the end of the word are set small (its footnote marker)."""
    font_size = pdfium_c.FPDFText_GetFontSize
    size = font_size(handle, start)
    if font_size(handle, last) >= SUPERSCRIPT_SHARE * size:
        return 0
    count = 1
    index = last - 1
    while index > start and font_size(handle, index) < SUPERSCRIPT_SHARE * size:
        count += 1
        index -= 1
    return count
