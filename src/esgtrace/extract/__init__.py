"""Extract: a report in, facts out, each traced to its page, line and quote.

>>> import esgtrace
>>> result = esgtrace.extract("report.pdf")                    # doctest: +SKIP
>>> [(f.metric, f.period, f.value, f.unit) for f in result.facts][:2]  # doctest: +SKIP
[('ghg_scope1', '2023', 66.57, 'tCO2e'), ('ghg_scope1', '2022', 53.43, 'tCO2e')]
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import Field

from esgtrace.errors import EsgtraceError
from esgtrace.extract.model import Fact, Source
from esgtrace.extract.pipeline import extract_facts
from esgtrace.ingest import ParseOptions, parse
from esgtrace.ingest.model import Document
from esgtrace.results import Issue, Severity
from esgtrace.settings import Options

__all__ = ["extract", "ExtractOptions", "ExtractResult", "ExtractStatus", "Fact", "Source"]


class ExtractOptions(Options):
    """Settings of :func:`extract`.

    :param metrics: only these metric ids (all when empty)
    :param min_confidence: leave out facts below this confidence
    :param raise_on_error: raise instead of returning a failed result
    :param parse: options passed to ingestion when a path is given
    """

    metrics: tuple[str, ...] = ()
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    raise_on_error: bool = False
    parse: dict[str, Any] = Field(default_factory=dict)


class ExtractStatus(str, Enum):
    success = "success"
    partial = "partial"
    failure = "failure"


@dataclass(frozen=True, slots=True)
class ExtractResult:
    """What extraction found in one report.

    :param document: the parsed :class:`Document` (``None`` when it could not be read)
    :param facts: one :class:`Fact` per (metric, period, breakdown)
    :param issues: problems met on the way
    :param status: ``success``, ``partial`` (issues, but facts) or ``failure``
    """

    document: Document | None
    facts: list[Fact]
    issues: list[Issue] = field(default_factory=list)
    status: ExtractStatus = ExtractStatus.success
    seconds: float = 0.0


def extract(
    path_or_document: str | Path | Document, options: ExtractOptions | dict[str, Any] | None = None
) -> ExtractResult:
    """Extract the facts of one report.

    :param path_or_document: a report path (PDF, text, HTML) or an already parsed :class:`Document`
    :param options: :class:`ExtractOptions`, a dict of them, or ``None`` for defaults
    :raises esgtrace.errors.InputError: the file cannot be read, only with ``raise_on_error``
    """
    opts = ExtractOptions.resolve(options)
    started = time.perf_counter()
    if isinstance(path_or_document, Document):
        doc = path_or_document
    else:
        try:
            doc = parse(path_or_document, ParseOptions.resolve(opts.parse))
        except EsgtraceError as error:
            if opts.raise_on_error:
                raise
            issue = Issue("extract", "unreadable", str(error), None, Severity.error)
            return ExtractResult(None, [], [issue], ExtractStatus.failure, time.perf_counter() - started)
    facts = extract_facts(doc)
    if opts.metrics:
        facts = [f for f in facts if f.metric in opts.metrics]
    facts = [f for f in facts if f.confidence >= opts.min_confidence]
    issues = list(doc.issues)
    if not facts:
        issues.append(Issue("extract", "no-facts", "no figure of a catalogue metric was found", None, Severity.info))
    status = ExtractStatus.partial if any(i.severity == Severity.error for i in issues) else ExtractStatus.success
    return ExtractResult(doc, facts, issues, status, round(time.perf_counter() - started, 4))
