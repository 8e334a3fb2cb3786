"""Rule kinds register here; ``rules.yaml`` names a kind and gives its parameters.

A kind is a function ``(context, rule) -> list[Finding]``. Built-in kinds live in the
``rules_*`` modules of this package and register with :func:`kind`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from esgtrace.audit.catalogue import AuditCatalogue, Rule
from esgtrace.audit.facts import FactIndex, fmt
from esgtrace.audit.model import FactRef, Finding, Severity
from esgtrace.extract.model import Fact
from esgtrace.ingest.model import Document


@dataclass
class Context:
    """What every rule sees: the facts, the catalogue, the report's text and country.

    :param pages: page number -> page text, when the audit started from a document
    :param country: the country whose grid factors apply, if known
    :param document: the parsed report, when the audit started from one
    """

    index: FactIndex
    catalogue: AuditCatalogue
    pages: dict[int | None, str] = field(default_factory=dict)
    country: str | None = None
    document: Document | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # results rules share (e.g. the disclosure analysis)

    def text_near(self, fact: Fact, window: int) -> str | None:
        """Text within ``window`` characters of the fact's quote (``None``: no text to read)."""
        if not self.pages:
            return None
        text = self.pages.get(fact.page) if fact.page in self.pages else None
        if text is None:
            text = self.pages.get(None) or ""
        lines = text.split("\n")
        start = 0
        if fact.line is not None and 1 <= fact.line <= len(lines):
            start = sum(len(x) + 1 for x in lines[: fact.line - 1])
        if fact.quote:
            found = text.find(fact.quote, start)
            start = found if found >= 0 else start
        return text[max(0, start - window) : start + len(fact.quote) + window]


RuleFunction = Callable[[Context, Rule], list[Finding]]
KINDS: dict[str, RuleFunction] = {}


def kind(name: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule kind under ``name`` (the ``kind:`` of ``rules.yaml``)."""

    def register(function: RuleFunction) -> RuleFunction:
        KINDS[name] = function
        return function

    return register


def finding(
    rule: Rule,
    facts: Iterable[Fact],
    message: str,
    *,
    period: str = "",
    expected: float | None = None,
    actual: float | None = None,
    tolerance: float | None = None,
    formula: str = "",
    unit: str = "",
    severity: Severity | None = None,
    location: str = "",
) -> Finding:
    """A finding of ``rule`` with its difference (absolute and relative) computed."""
    difference = relative = None
    if expected is not None and actual is not None:
        difference = actual - expected
        relative = difference / expected if expected else None
    return Finding(
        rule=rule.id,
        severity=severity or rule.severity,
        message=message,
        explanation=rule.explanation,
        period=period,
        facts=tuple(FactRef.of(f) for f in facts),
        expected=expected,
        actual=actual,
        difference=difference,
        relative=relative,
        unit=unit,
        formula=formula or rule.formula,
        tolerance=tolerance,
        location=location,
    )


def describe_difference(expected: float, actual: float, unit: str) -> str:
    """``"48,211.05 vs expected 47,400 tCO2e (+1.7%)"``."""
    ratio = (actual - expected) / expected if expected else None
    rel = "" if ratio is None else f" ({ratio:+.1%})" if abs(ratio) >= 0.01 else f" ({ratio * 100:+.2g}%)"
    return f"{fmt(actual)} vs expected {fmt(expected)} {unit}{rel}".rstrip()


def power_of_ten(ratio: float, factors: Iterable[float], closeness: float) -> float | None:
    """The factor (1e3, 1e4, ... or its inverse) ``ratio`` is close to, if any."""
    if ratio <= 0:
        return None
    for factor in factors:
        for candidate in (factor, 1.0 / factor):
            if abs(ratio / candidate - 1.0) <= closeness:
                return candidate
    return None
