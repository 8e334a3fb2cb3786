"""Restatements: two reports of one issuer giving different values for the same figure.

A 2023 report that restates 2022 leaves two facts with the same issuer, metric,
period and breakdown. Both are kept; both get ``restated = True`` so listings and
exports show the conflict, and :func:`latest_first` says which report wins in
``compare`` (the one covering the latest period, then the one ingested last).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from esgtrace.store.periods import period_year
from esgtrace.store.schema import FactRow, Report

def report_recency(report: Report) -> tuple[int, str, datetime, int]:
    """Sort key (larger is more recent): reporting year, period end, ingestion time, id."""
    year = period_year(report.period_end) or period_year(report.period) or 0
    return year, report.period_end or "", report.ingested_at, report.id


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def flag_restatements(session: Session, issuer_id: int | None) -> int:
    """Recompute the ``restated`` flag of every fact of one issuer; returns how many are flagged."""
    if issuer_id is None:
        return 0
    rows = session.execute(
        select(FactRow.id, FactRow.report_id, FactRow.metric, FactRow.period, FactRow.breakdown_key, FactRow.value, FactRow.restated)
        .join(Report)
        .where(Report.issuer_id == issuer_id, Report.status == "ok")
    ).all()
    groups: dict[tuple[str, str, str], list[tuple[int, int, float, bool]]] = defaultdict(list)
    for fact_id, report_id, metric, period, key, value, flagged in rows:
        groups[(metric, period, key)].append((fact_id, report_id, value, flagged))
    set_on: list[int] = []
    set_off: list[int] = []
    flagged_total = 0
    for members in groups.values():
        reports = {m[1] for m in members}
        first = members[0][2]
        conflict = len(reports) > 1 and any(not same_value(first, m[2]) for m in members)
        flagged_total += len(members) if conflict else 0
        for fact_id, _, _, flagged in members:
            if conflict and not flagged:
                set_on.append(fact_id)
            elif not conflict and flagged:
                set_off.append(fact_id)
    for ids, state in ((set_on, True), (set_off, False)):
        for start in range(0, len(ids), 500):
            session.execute(update(FactRow).where(FactRow.id.in_(ids[start : start + 500])).values(restated=state))
    return flagged_total
