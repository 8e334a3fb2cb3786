"""Fact queries shared by ``facts``, ``compare`` and ``export``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from esgtrace.errors import UnknownChoice, nearest
from esgtrace.store.issuers import find_issuer
from esgtrace.store.periods import parse_periods, period_column, period_year
from esgtrace.store.rows import FactList, StoredFact
from esgtrace.store.schema import FactRow, Issuer, Report


def as_list(value: str | Sequence[str] | None) -> list[str] | None:
    """``"a,b"`` or ``["a", "b"]`` -> ``["a", "b"]``; ``None`` or empty -> ``None``."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    cleaned = [i.strip() for i in items if i and i.strip()]
    return cleaned or None


def check_metrics(metrics: Sequence[str] | None) -> None:
    """Every id is a catalogue metric.

    :raises UnknownChoice: one is not, with the nearest ids
    """
    from esgtrace.catalogue import metrics as catalogue_metrics

    known = {m.id for m in catalogue_metrics()}
    for metric in metrics or ():
        if metric not in known:
            raise UnknownChoice("metric", metric, nearest(metric, known), "see `esgtrace metrics`")


def check_periods(session: Session, periods: str | Sequence[str] | None) -> None:
    """Every part of a period filter names a year, a range or a stored period label.

    :raises UnknownChoice: a part does not (``20x3``), with the nearest stored labels
    """
    for part in as_list(periods) or []:
        if period_year(part) is not None or re.fullmatch(r"\d{4}\s*(?:-|–|\.\.)\s*\d{4}", part):
            continue
        labels = set(session.scalars(select(FactRow.period).distinct()).all())
        if part not in labels:
            raise UnknownChoice("period", part, nearest(part, labels | {period_column(p) for p in labels}),
                                "expected a year such as 2022, a label such as FY2022 or a range 2021-2023")


def parse_breakdown(text: str | None) -> tuple[str | None, str | None]:
    """``"source"`` -> (``"source"``, None); ``"source=solar"`` -> (``"source"``, ``"solar"``).

    :raises UnknownChoice: the key is not a breakdown key of the catalogue
    """
    if not text or not text.strip():
        return None, None
    key, sep, value = (p.strip() for p in text.partition("="))
    from esgtrace.catalogue import breakdowns

    known = set(breakdowns().keys)
    if key not in known:
        raise UnknownChoice("breakdown key", key, nearest(key, known), "see `esgtrace metrics`")
    return key, (value or None) if sep else None


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
                 period: str | Sequence[str] | None) -> FactList:
    """See :meth:`esgtrace.Database.facts`."""
    check_metrics(as_list(metric))
    check_periods(session, period)
    wanted = parse_periods(",".join(as_list(period) or [])) if period else None
    found = FactList()
    for row, report, name in session.execute(fact_query(session, [issuer] if issuer else None, as_list(metric))):
        if wanted is not None and period_column(row.period) not in wanted and row.period not in wanted:
            continue
        found.append(StoredFact.of(row, report.issuer_id, name))
    return found
