"""The fact record: one figure a report prints, normalised and traced to its source.

Its fields are the exchange format of ``shared/spec/FACTS_FORMAT.md``; the database,
the exports and the audit all carry the same fields.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Source(BaseModel):
    """Another place in the report that prints the same figure."""

    model_config = ConfigDict(frozen=True)

    page: int | None = None
    line: int | None = None
    quote: str
    method: str
    value: float | None = None


class Fact(BaseModel):
    """One (metric, period, breakdown) value of one report.

    :param value: in the metric's canonical unit (``unit``)
    :param reported_value: the number exactly as printed
    :param reported_unit: the unit exactly as printed, or inherited from a header
    :param page: 1-based page (``None`` for a text file without page breaks)
    :param line: 1-based line within that page (or file)
    :param quote: short exact source text holding the number
    """

    model_config = ConfigDict(frozen=True)

    document: str
    sha256: str
    company: str | None = None
    metric: str
    period: str
    period_start: str | None = None
    period_end: str | None = None
    breakdown: dict[str, str] = Field(default_factory=dict)
    value: float
    unit: str
    reported_value: str
    reported_unit: str = ""
    page: int | None = None
    line: int | None = None
    quote: str = Field(max_length=250)
    method: str = "table"
    confidence: float = Field(default=0.9, ge=0.0, le=1.0)
    notes: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        """What makes a fact unique within one report."""
        return self.metric, self.period, tuple(sorted(self.breakdown.items()))

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
