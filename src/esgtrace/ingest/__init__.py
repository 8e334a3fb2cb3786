"""Ingest: read a report (PDF, text, HTML) into a :class:`Document` of pages.

>>> from esgtrace.ingest import parse
>>> doc = parse("report.pdf")                      # doctest: +SKIP
>>> doc.page_count, doc.issuer, doc.period         # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from pathlib import Path

from pydantic import Field

from esgtrace.errors import EmptyInput, InputNotFound, InputTooLarge, NeedsOcr, UnsupportedFormat
from esgtrace.ingest import html as html_loader
from esgtrace.ingest import meta
from esgtrace.ingest import pdf as pdf_loader
from esgtrace.ingest import text as text_loader
from esgtrace.ingest.memo import recall
from esgtrace.ingest.model import Cell, Document, Format, Line, Page, Row, Word
from esgtrace.results import Issue
from esgtrace.settings import Options

__all__ = ["parse", "ParseOptions", "Document", "Page", "Line", "Word", "Row", "Cell"]

_HEAD_PAGES = 4
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


class ParseOptions(Options):
    """Settings of :func:`parse`.

    :param password: opens an encrypted PDF
    :param max_size: largest file read, in bytes (default 500 MB)
    :param positions: read word boxes and rebuild table rows from PDF pages
    """

    password: str | None = None
    max_size: int = Field(default=500_000_000, gt=0)
    positions: bool = True


def parse(path: str | Path, options: ParseOptions | dict[str, object] | None = None) -> Document:
    """Read the report at ``path`` into a :class:`Document`.

    :param path: a PDF, plain-text or HTML file
    :param options: :class:`ParseOptions`, a dict of them, or ``None`` for defaults
    :raises esgtrace.errors.InputError: the file is missing, empty, too large, of an
        unsupported type, encrypted, damaged, or a PDF without any text layer
    """
    opts = ParseOptions.resolve(options)
    source = Path(path)
    try:
        stat = source.stat()
    except OSError:
        return _parse(source, opts)  # the error is _read's to name
    key = ("parse", str(source.resolve()), stat.st_mtime_ns, stat.st_size, opts.model_dump_json())
    return recall(key, lambda: _parse(source, opts))


def _parse(source: Path, opts: ParseOptions) -> Document:
    started = time.perf_counter()
    data = _read(source, opts.max_size)
    kind = sniff(data, source)
    issues: list[Issue] = []
    encoding = title = None
    paginated = True
    if kind == "pdf":
        document = pdf_loader.open_pdf(data, source, opts.password)
        try:
            pages = pdf_loader.read_pages(document, positions=opts.positions)
            title = (document.get_metadata_dict().get("Title") or "").strip() or None
        finally:
            document.close()
        blank = [p.number for p in pages if not p.text.strip()]
        if pages and len(blank) == len(pages):
            raise NeedsOcr(source, len(pages))
        issues += [
            Issue("ingest", "page-without-text", "no text layer on this page (needs OCR)", n)
            for n in blank
        ]
    else:
        text, encoding = text_loader.decode(data, source)
        if kind == "html":
            pages, title = html_loader.read_pages(text)
        else:
            pages, paginated = text_loader.read_pages(text)
        if not any(p.text.strip() for p in pages):
            raise EmptyInput(source, "the page has no visible text" if kind == "html" else "the file is empty (blank space only)")
    head = "\n".join(p.text for p in pages[:_HEAD_PAGES])
    found = meta.detect(head, title)
    doc = Document(
        path=str(source),
        name=source.name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=kind,
        size=len(data),
        pages=tuple(pages),
        paginated=paginated,
        language=meta.language_of(" ".join(p.text for p in pages[:12])),
        encoding=encoding,
        issuer=found.issuer,
        tickers=found.tickers,
        period=found.period,
        period_start=found.period_start,
        period_end=found.period_end,
        title=title,
        issues=tuple(issues),
    )
    return replace(doc, seconds=round(time.perf_counter() - started, 4))


def _read(source: Path, max_size: int) -> bytes:
    if not source.exists():
        raise InputNotFound(source)
    if source.is_dir():
        raise UnsupportedFormat(source, "a folder")
    size = source.stat().st_size
    if size == 0:
        raise EmptyInput(source)
    if size > max_size:
        raise InputTooLarge(source, size, max_size)
    return source.read_bytes()


def sniff(data: bytes, source: Path) -> Format:
    """The format of ``data``, from its first bytes and then its file name."""
    head = data[:1024].lstrip()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    lower = head[:512].lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    suffix = source.suffix.lower()
    if suffix == ".pdf":
        return "pdf"  # a damaged PDF is reported as such by the PDF loader
    if suffix in _HTML_SUFFIXES:
        return "html"
    if _looks_binary(data):
        raise UnsupportedFormat(source, _binary_kind(data))
    if suffix in _TEXT_SUFFIXES or suffix not in _KNOWN_BINARY_SUFFIXES:
        return "text"
    raise UnsupportedFormat(source, f"'{suffix}' files")


_KNOWN_BINARY_SUFFIXES = {".docx", ".doc", ".xlsx", ".xls", ".pptx", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".exe"}
_MAGIC = {
    b"PK\x03\x04": "a ZIP or Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office file",
    b"\x7fELF": "a program",
}


def _looks_binary(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text with a byte-order mark
    return any(data.startswith(m) for m in _MAGIC) or b"\x00" in data[:8192]


def _binary_kind(data: bytes) -> str:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    return "binary data"
