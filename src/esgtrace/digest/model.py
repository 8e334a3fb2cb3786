"""The digest's records: sentences, each with the places of the report it rests on."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Cite:
    """A place of the report: 1-based page (``None`` for an unpaginated text) or line, and its exact text."""

    page: int | None
    line: int | None
    quote: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of the digest.

    :param text: what the reader sees
    :param cites: the places that print its numbers
    :param computed: parts of ``text`` that esgtrace computed (changes, counts, rounded units)
    :param periods: period labels of ``text`` (the years a figure is for, printed somewhere in the report)
    :param names: metric names and units of ``text`` from the phrase templates ("Scope 1", "CO2e")
    :param kind: ``figure``, ``headline`` (the report's own sentence stating a result), ``target``, ``rating``, ``certification``, ``award``, ``programme`` (a climate framework joined, a named programme launched, carbon neutrality achieved), ``assurance``, ``quote``, ``audit``, ``disclosure``, ``lead``, ``theme``
    :param metric: the catalogue metric of a figure or target
    :param value: a figure's value in the metric's canonical unit
    """

    text: str
    cites: tuple[Cite, ...] = ()
    computed: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    kind: str = ""
    metric: str | None = None
    value: float | None = None


@dataclass(frozen=True)
class Section:
    """A titled part of the digest (a pillar, the targets, the statements, what to check)."""

    key: str
    title: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Digest:
    """A news-style brief of one report."""

    document: str
    lang: str
    headline: str
    lead: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = field(default=())
    paginated: bool = True

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.lead + tuple(s for sec in self.sections for s in sec.sentences)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
