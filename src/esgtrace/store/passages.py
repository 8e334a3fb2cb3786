"""Text for the search index: passages cut from a parsed report, and the terms they are indexed by.

A passage is a run of consecutive lines of one page, cut at blank lines once it holds
a paragraph's worth of text and never longer than :data:`MAX_CHARS`; a text file without
page breaks gives passages of its file lines. Terms (PostgreSQL's index) are the text
case folded and cut into runs of letters and digits, with Chinese (which has no spaces)
as overlapping character pairs, so a query of Chinese characters matches inside a run.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from esgtrace.catalogue import fold_chinese

MIN_CHARS = 300
MAX_CHARS = 1200

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_IS_CJK = re.compile(rf"[{_CJK}]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class PassageText:
    """One passage before it is stored: where it is and what it says."""

    page: int | None
    line_start: int
    line_end: int
    text: str

    def to_row(self) -> dict[str, Any]:
        return {"page": self.page, "line_start": self.line_start, "line_end": self.line_end,
                "text": self.text, "terms": index_terms(self.text)}


def has_cjk(text: str) -> bool:
    return _IS_CJK.search(text) is not None


def tokens(text: str) -> list[str]:
    """Index tokens of ``text``: folded words and numbers, Chinese as character pairs.

    >>> tokens("Scope 1 emissions 48,316.27 温室气体排放")
    ['scope', '1', 'emissions', '48', '316', '27', '温室', '室气', '气体', '体排', '排放']
    """
    folded = fold_chinese(unicodedata.normalize("NFKC", text)).casefold()
    found: list[str] = []
    for run in _TOKEN.findall(folded):
        if _IS_CJK.match(run) and len(run) > 1:
            found.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            found.append(run)
    return found


def index_terms(text: str) -> str:
    """The ``terms`` column: :func:`tokens` joined by spaces."""
    return " ".join(tokens(text))


def passage_tags(report_id: int, period: str | None) -> str:
    """The ``tags`` of a report's passages: ``r<report id>``, and ``y<year>`` of its period."""
    from esgtrace.store.periods import period_year

    year = period_year(period)
    return f"r{report_id}" + (f" y{year}" if year else "")


def passages(pages: Any, paginated: bool = True) -> list[PassageText]:
    """Cut the pages of a parsed :class:`~esgtrace.ingest.Document` into passages.

    :param pages: the document's pages (each with ``number`` and ``lines``)
    :param paginated: ``False`` for a text file without page breaks (its lines are the file's)
    """
    found: list[PassageText] = []
    for page in pages:
        number = page.number if paginated else None
        lines: list[tuple[int, str]] = []
        size = 0

        def close() -> None:
            nonlocal lines, size
            body = "\n".join(text for _, text in lines).strip()
            if body and _LETTER.search(body):
                found.append(PassageText(number, lines[0][0], lines[-1][0], body))
            lines, size = [], 0

        for line in page.lines:
            text = line.text.strip()
            if not text:
                if size >= MIN_CHARS:
                    close()
                continue
            if lines and size + len(text) > MAX_CHARS:
                close()
            lines.append((line.number, text))
            size += len(text) + 1
        if lines:
            close()
    return found
