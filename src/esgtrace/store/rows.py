"""What the query methods return: plain frozen records with a ``to_json``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from esgtrace.store.schema import FactRow, Issuer, Report


def _json(record: Any) -> dict[str, Any]:
    data = asdict(record)
    for key, value in data.items():
        if isinstance(value, datetime):
            data[key] = value.isoformat()
    return data


@dataclass(frozen=True)
class IssuerInfo:
    id: int
    name: str
    names: tuple[str, ...]
    tickers: tuple[str, ...]
    reports: int = 0

    @classmethod
    def of(cls, issuer: Issuer, reports: int = 0) -> IssuerInfo:
        return cls(issuer.id, issuer.name, tuple(sorted(n.name for n in issuer.names)),
                   tuple(sorted(t.ticker for t in issuer.tickers)), reports)

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class ReportInfo:
    """One stored report: where it came from and how ingesting it went."""

    id: int
    issuer: str | None
    issuer_id: int | None
    document: str
    path: str
    sha256: str
    format: str | None
    period: str | None
    framework_version: str | None
    language: str | None
    page_count: int
    status: str
    error: str | None
    facts: int
    restated: int
    extractor_version: str
    ingested_at: datetime

    @classmethod
    def of(cls, report: Report, issuer: str | None, facts: int, restated: int) -> ReportInfo:
        return cls(report.id, issuer, report.issuer_id, report.document, report.path, report.sha256,
                   report.format, report.period, report.framework_version, report.language, report.page_count, report.status,
                   report.error, facts, restated, report.extractor_version, report.ingested_at)

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class StoredFact:
    """A fact as stored: the exchange-format fields plus issuer, report and restatement flag."""

    id: int
    report_id: int
    issuer_id: int | None
    issuer: str | None
    document: str
    sha256: str
    company: str | None
    metric: str
    period: str
    period_start: str | None
    period_end: str | None
    breakdown: dict[str, str]
    value: float
    unit: str
    reported_value: str
    reported_unit: str
    page: int | None
    line: int | None
    quote: str
    method: str
    confidence: float
    notes: list[str] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    restated: bool = False

    @classmethod
    def of(cls, row: FactRow, issuer_id: int | None, issuer: str | None) -> StoredFact:
        return cls(row.id, row.report_id, issuer_id, issuer, row.document, row.sha256, row.company,
                   row.metric, row.period, row.period_start, row.period_end, dict(row.breakdown or {}),
                   row.value, row.unit, row.reported_value, row.reported_unit, row.page, row.line,
                   row.quote, row.method, row.confidence, list(row.notes or []), list(row.sources or []),
                   bool(row.restated))

    def to_json(self) -> dict[str, Any]:
        return _json(self)


class FactList(list[StoredFact]):
    """What :meth:`esgtrace.Database.facts` returns: a list of facts, and a table for notebooks."""

    def to_pandas(self) -> Any:
        """One row per fact, the :class:`StoredFact` fields as columns; needs pandas."""
        import pandas as pd

        columns = list(StoredFact.__dataclass_fields__)
        return pd.DataFrame([asdict(f) for f in self], columns=columns)
