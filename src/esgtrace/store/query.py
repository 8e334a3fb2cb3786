"""Fact queries shared by ``facts``, ``compare`` and ``export``."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from esgtrace.store.issuers import find_issuer
from esgtrace.store.periods import parse_periods, period_column
from esgtrace.store.rows import StoredFact
from esgtrace.store.schema import FactRow, Issuer, Report


def as_list(value: str | Sequence[str] | None) -> list[str] | None:
    """``"a,b"`` or ``["a", "b"]`` -> ``["a", "b"]``; ``None`` or empty -> ``None``."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    cleaned = [i.strip() for i in items if i and i.strip()]
    return cleaned or None


def fact_query(session: Session, issuers: Sequence[str] | None, metrics: Sequence[str] | None) -> Select[FactRow, Report, str]:
    """Facts of stored (status ok) reports, with their report and issuer name."""
    query = (
        select(FactRow, Report, Issuer.name)
        .join(Report, Report.id == FactRow.report_id)
        .outerjoin(Issuer, Issuer.id == Report.issuer_id)
        .where(Report.status == "ok")
        .order_by(Issuer.name, FactRow.metric, FactRow.period, FactRow.breakdown_key, Report.id)
    )
    if issuers:
        query = query.where(Report.issuer_id.in_([find_issuer(session, i).id for i in issuers]))
    if metrics:
        query = query.where(FactRow.metric.in_(list(metrics)))
    return query


def select_facts(session: Session, *, issuer: str | None, metric: str | Sequence[str] | None,
                 period: str | Sequence[str] | None) -> list[StoredFact]:
    """See :meth:`esgtrace.Database.facts`."""
    wanted = parse_periods(",".join(as_list(period) or [])) if period else None
    found = []
    for row, report, name in session.execute(fact_query(session, [issuer] if issuer else None, as_list(metric))):
        if wanted is not None and period_column(row.period) not in wanted and row.period not in wanted:
            continue
        found.append(StoredFact.of(row, report.issuer_id, name))
    return found
