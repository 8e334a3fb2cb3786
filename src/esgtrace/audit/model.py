"""What the audit returns: findings that name the facts, the formula and the tolerance."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from esgtrace.extract.model import Fact
from esgtrace.results import Issue
from esgtrace.settings import Options


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


SEVERITY_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}


class FactRef(BaseModel):
    """A fact as a finding cites it: enough to find the figure in the report again."""

    model_config = ConfigDict(frozen=True)

    metric: str
    period: str
    breakdown: dict[str, str] = Field(default_factory=dict)
    value: float
    unit: str
    reported_value: str
    reported_unit: str = ""
    document: str = ""
    page: int | None = None
    line: int | None = None
    quote: str = ""

    @classmethod
    def of(cls, fact: Fact) -> FactRef:
        return cls(
            metric=fact.metric, period=fact.period, breakdown=dict(fact.breakdown), value=fact.value,
            unit=fact.unit, reported_value=fact.reported_value, reported_unit=fact.reported_unit,
            document=fact.document, page=fact.page, line=fact.line, quote=fact.quote,
        )

    @property
    def label(self) -> str:
        """``metric[key=value] period`` for messages."""
        groups = ",".join(f"{k}={v}" for k, v in sorted(self.breakdown.items()))
        return f"{self.metric}{f'[{groups}]' if groups else ''} {self.period}"

    @property
    def where(self) -> str:
        parts = [f"p.{self.page}" if self.page is not None else "", f"l.{self.line}" if self.line is not None else ""]
        return " ".join(p for p in parts if p) or "-"


class Finding(BaseModel):
    """One figure (or set of figures) that does not add up.

    :param rule: the id of the rule in ``rules.yaml`` that found it
    :param facts: the facts involved, each with its page/line and quote
    :param expected: what the rule computed from the other facts
    :param actual: what the report prints
    :param difference: ``actual - expected`` (absolute)
    :param relative: ``difference / expected`` (``None`` when expected is 0)
    :param formula: the formula evaluated, with the numbers filled in
    :param tolerance: the absolute tolerance used (from printed precision)
    :param location: for a finding that cites no figure (an index claim), the page/line and text it concerns
    """

    model_config = ConfigDict(frozen=True)

    rule: str
    severity: Severity
    message: str
    explanation: str = ""
    period: str = ""
    facts: tuple[FactRef, ...] = ()
    expected: float | None = None
    actual: float | None = None
    difference: float | None = None
    relative: float | None = None
    unit: str = ""
    formula: str = ""
    tolerance: float | None = None
    location: str = ""  # where a finding without figures points (a content-index row)
    document: str = ""  # the report it concerns (the later one for a restatement)

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.metric for f in self.facts))

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class AuditResult(BaseModel):
    """The findings of one audit, worst first, and the problems met on the way.

    :param status: the worst severity found (``error``, ``warning``, ``info``) or ``clean``
    :param issues: problems met on the way (extraction issues, a rule that failed)
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    status: str
    document: str = ""
    findings: tuple[Finding, ...] = ()
    issues: tuple[Issue, ...] = ()
    facts_checked: int = 0
    rules_run: tuple[str, ...] = ()

    def by_severity(self, severity: Severity | str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == Severity(severity))

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "document": self.document,
            "facts_checked": self.facts_checked,
            "rules_run": list(self.rules_run),
            "findings": [f.to_json() for f in self.findings],
            "issues": [
                {"stage": i.stage, "code": i.code, "message": i.message, "page": i.page, "severity": i.severity.value}
                for i in self.issues
            ],
        }


class AuditOptions(Options):
    """Settings of :func:`esgtrace.check`.

    :param rules: run only these rule ids (``None``: every enabled rule)
    :param skip: rule ids not to run
    :param country: the country whose grid factors apply (``None``: detect from the report)
    :param min_severity: drop findings below this severity
    :param extract: options passed to extraction when ``check`` is given a file
    """

    rules: tuple[str, ...] | None = None
    skip: tuple[str, ...] = ()
    country: str | None = None
    min_severity: Severity = Severity.info
    extract: dict[str, Any] | None = None
