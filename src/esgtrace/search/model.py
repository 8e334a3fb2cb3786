"""What search and ask return: frozen records with a ``to_json``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from esgtrace.store.rows import StoredFact


def where(page: int | None, line_start: int | None, line_end: int | None = None) -> str:
    """``p.12``, ``p.12 lines 3-9`` or ``lines 40-52`` / ``line 58``."""
    lines = ""
    if line_start is not None:
        lines = f"line {line_start}" if line_end in (None, line_start) else f"lines {line_start}-{line_end}"
    if page is None:
        return lines
    return f"p.{page}" + (f" {lines}" if lines else "")


@dataclass(frozen=True)
class SearchHit:
    """A ranked passage: its report and place, a snippet with the matches in ``**``, and its facts."""

    passage_id: int
    report_id: int
    document: str
    issuer: str | None
    period: str | None
    page: int | None
    line_start: int
    line_end: int
    score: float
    snippet: str
    text: str
    facts: tuple[StoredFact, ...] = ()

    @property
    def where(self) -> str:
        return where(self.page, self.line_start, self.line_end)

    def covers(self, page: int | None = None, line: int | None = None) -> bool:
        """Whether this passage holds ``page`` (any of its lines) or file ``line``."""
        if page is not None:
            return self.page == page
        return line is not None and self.page is None and self.line_start <= line <= self.line_end

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["where"] = self.where
        data["facts"] = [f.to_json() for f in self.facts]
        return data


@dataclass(frozen=True)
class Citation:
    """Where an answer comes from: document, page or line, and the quote."""

    document: str
    page: int | None
    line: int | None
    quote: str
    report_id: int
    fact_id: int | None = None
    passage_id: int | None = None

    @property
    def where(self) -> str:
        return f"{self.document} {where(self.page, self.line)}".strip()

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"where": self.where}


@dataclass(frozen=True)
class AnswerValue:
    """One figure of an answer: the fact, its value as read, and its citation."""

    issuer: str
    metric: str
    label: str
    period: str
    breakdown: dict[str, str]
    value: float
    unit: str
    text: str
    citation: Citation
    restated: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"citation": self.citation.to_json()}


@dataclass(frozen=True)
class Answer:
    """The answer to a question.

    ``kind``: ``fact`` (stored figures), ``change`` (a computed change between two
    periods), ``comparison`` (from compare), ``passages`` (the best passages, grouped by
    report) or ``not_found`` (``missing`` says what is not stored). ``text`` is the
    answer in words; every figure and passage carries its citation.
    """

    question: str
    kind: str
    text: str
    values: tuple[AnswerValue, ...] = ()
    passages: tuple[SearchHit, ...] = ()
    missing: tuple[str, ...] = ()
    parsed: dict[str, Any] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return self.kind != "not_found"

    @property
    def citations(self) -> list[Citation]:
        cited = [v.citation for v in self.values]
        cited += [Citation(p.document, p.page, p.line_start if p.page is None else None, p.snippet, p.report_id,
                           passage_id=p.passage_id) for p in self.passages]
        return cited

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "kind": self.kind, "text": self.text,
                "values": [v.to_json() for v in self.values], "passages": [p.to_json() for p in self.passages],
                "missing": list(self.missing), "parsed": self.parsed,
                "citations": [c.to_json() for c in self.citations]}
