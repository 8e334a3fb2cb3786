"""A report cut into short passages that keep their page and line, for evidence search."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from esgtrace.ingest.model import Document

_LONG_LINE = 400  # a text extract may hold a whole page on one line: cut it into sentences
_PARAGRAPH = 300  # characters a passage grows to before it is closed at a sentence end
_PARAGRAPH_CJK = 120  # Chinese packs about two and a half times the words into a character
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
_SENTENCE_END = re.compile(r"(?<=[.!?。；;])\s+(?=[A-Z0-9“\"(\u4e00-\u9fff])")


@dataclass(frozen=True, slots=True)
class Passage:
    """A line, or a few sentences of a long line, with its place in the document."""

    page: int
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Stream:
    """All lines of a document joined by newlines, with a map back to (page, line)."""

    text: str
    starts: tuple[int, ...]
    places: tuple[tuple[int, int], ...]

    def place(self, offset: int) -> tuple[int, int]:
        """The (page, line) holding character ``offset`` of :attr:`text`."""
        return self.places[max(0, bisect_right(self.starts, offset) - 1)]


def stream(doc: Document) -> Stream:
    """Join every line of every page, in reading order."""
    parts: list[str] = []
    starts: list[int] = []
    places: list[tuple[int, int]] = []
    offset = 0
    for page in doc.pages:
        for line in page.lines:
            starts.append(offset)
            places.append((page.number, line.number))
            parts.append(line.text)
            offset += len(line.text) + 1
    return Stream("\n".join(parts), tuple(starts), tuple(places))


def passages(doc: Document, skip: set[tuple[int, int]] | None = None) -> list[Passage]:
    """The document as paragraph-sized passages; lines whose (page, line) is in ``skip`` are left out.

    Short lines (PDF lines, table cells of a text extract) are joined into paragraphs;
    very long lines (a whole page on one line) are cut into a few sentences each.
    Running headers and footers are dropped.
    """
    skip = skip or set()
    paragraph = _PARAGRAPH_CJK if doc.language.startswith("zh") else _PARAGRAPH
    furniture = _repeated_lines(doc)
    prefix = _running_prefix(doc)
    found: list[Passage] = []
    for page in doc.pages:
        held: list[tuple[int, str]] = []

        def flush() -> None:
            if held:
                found.append(Passage(page.number, held[0][0], _join([t for _, t in held])))
                held.clear()

        for line in page.lines:
            text = line.text.strip()
            if prefix and text.startswith(prefix):
                text = text[len(prefix) :].strip()
            if not text or (page.number, line.number) in skip or text in furniture:
                flush()
                continue
            if len(text) > _LONG_LINE:
                flush()
                found.extend(Passage(page.number, line.number, c) for c in _sentences(text, paragraph))
                continue
            held.append((line.number, text))
            size = sum(len(t) for _, t in held)
            if size >= paragraph and text.endswith((".", "。", ":", ";", "；")) or size >= 2 * paragraph:
                flush()
        flush()
    return found


def _join(lines: list[str]) -> str:
    """Lines joined by a space, except where a Chinese sentence was wrapped mid-word."""
    text = lines[0]
    for line in lines[1:]:
        text += ("" if _CJK.match(text[-1:]) and _CJK.match(line[:1]) else " ") + line
    return text


def _sentences(text: str, paragraph: int) -> list[str]:
    chunks: list[str] = []
    chunk = ""
    for sentence in _SENTENCE_END.split(text):
        if chunk and len(chunk) + len(sentence) > paragraph:
            chunks.append(chunk)
            chunk = ""
        chunk = f"{chunk} {sentence}".strip()
    if chunk:
        chunks.append(chunk)
    return chunks


def _repeated_lines(doc: Document) -> set[str]:
    """Lines printed on three or more pages: running headers, footers, navigation bars."""
    if not doc.paginated or len(doc.pages) < 4:
        return set()
    pages_of: dict[str, set[int]] = {}
    for page in doc.pages:
        for line in page.lines:
            text = line.text.strip()
            if text and not text.isdigit():
                pages_of.setdefault(text, set()).add(page.number)
    return {t for t, pages in pages_of.items() if len(pages) >= 3}


def _running_prefix(doc: Document) -> str:
    """A navigation bar that starts many page-long lines of an unpaginated extract."""
    long_lines = [line.text for page in doc.pages for line in page.lines if len(line.text) > _LONG_LINE]
    counts: dict[str, int] = {}
    for a, b in zip(long_lines, long_lines[1:]):
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        cut = a[:n]
        cut = cut[: cut.rfind(" ") + 1] if " " in cut else ""
        if len(cut) >= 40:
            counts[cut] = counts.get(cut, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
    return best[0].strip() if best[1] >= 3 else ""


def quote(text: str, limit: int = 240) -> str:
    """``text`` with its whitespace collapsed, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
