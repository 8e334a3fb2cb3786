"""The single writer: whole reports with all their facts, in transactions.

Either the report row, its facts, its issuer links and the refreshed restatement
flags are all committed, or none is (Ctrl-C, a kill or a database error mid-way
rolls the whole report back), so an interrupted batch never leaves half a report.
:func:`write_outcomes` commits the reports that arrived together in one transaction.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from esgtrace.store.issuers import resolve_issuer
from esgtrace.store.passages import passage_tags
from esgtrace.store.restatements import flag_restatements
from esgtrace.store.schema import FactRow, Passage, Report, TargetRow
from esgtrace.store.work import Outcome

_FACT_FIELDS = (
    "document", "sha256", "company", "metric", "period", "period_start", "period_end", "breakdown",
    "value", "unit", "reported_value", "reported_unit", "page", "line", "quote", "method",
    "confidence", "notes", "sources",
)


def breakdown_key(breakdown: dict[str, Any]) -> str:
    """A stable text form of a breakdown, so equal groups compare equal in SQL."""
    return json.dumps(breakdown, sort_keys=True, ensure_ascii=False) if breakdown else ""


_TARGET_FIELDS = (
    "text", "metric", "subject", "pillar", "scope", "boundary", "kind", "baseline_year", "baseline_value",
    "target_year", "change", "change_value", "status", "page", "line", "quote", "language", "method", "progress",
)


def target_row(target: dict[str, Any], report_id: int) -> dict[str, Any]:
    """A target of the exchange form (``Target.to_json()``) as a row of table ``target``."""
    return {**{k: target.get(k) for k in _TARGET_FIELDS}, "key": target["id"], "report_id": report_id}


def write_outcome(sessions: sessionmaker[Session], outcome: Outcome, extractor_version: str) -> tuple[int, str | None]:
    """Store ``outcome`` (replacing any report of the same content).

    :returns: the report id and its error (``None`` when stored with its facts)

    A database error while writing a good outcome is recorded as a failed report in a
    second transaction, so the batch can go on.
    """
    try:
        with sessions.begin() as session:
            return _write(session, outcome, extractor_version)
    except Exception as error:  # noqa: BLE001 - the report is rolled back; record why
        if not outcome.ok:
            raise
        failed = Outcome(outcome.path, outcome.sha256, ok=False, meta={"page_count": outcome.pages},
                         error=f"could not store: {type(error).__name__}: {str(error).splitlines()[0]}",
                         seconds=outcome.seconds)
        with sessions.begin() as session:
            return _write(session, failed, extractor_version)


def write_outcomes(sessions: sessionmaker[Session], outcomes: list[Outcome], extractor_version: str) -> list[tuple[int, str | None]]:
    """Store several outcomes in one transaction (one commit for the lot); see :func:`write_outcome`.

    Should any of them fail to store, the transaction is rolled back and each is
    written on its own, so one bad report costs only itself.
    """
    if len(outcomes) == 1:
        return [write_outcome(sessions, outcomes[0], extractor_version)]
    try:
        with sessions.begin() as session:
            return [_write(session, outcome, extractor_version) for outcome in outcomes]
    except Exception:  # noqa: BLE001 - rolled back; write one by one to find the bad one
        return [write_outcome(sessions, outcome, extractor_version) for outcome in outcomes]


def _write(session: Session, outcome: Outcome, extractor_version: str) -> tuple[int, str | None]:
    old = session.scalar(select(Report).where(Report.sha256 == outcome.sha256))
    old_issuer = old.issuer_id if old is not None else None
    if old is not None:
        session.execute(delete(FactRow).where(FactRow.report_id == old.id))
        session.execute(delete(TargetRow).where(TargetRow.report_id == old.id))
        session.execute(delete(Passage).where(Passage.report_id == old.id))
        session.delete(old)
        session.flush()
    meta = outcome.meta
    issuer = resolve_issuer(session, meta.get("company"), meta.get("tickers", ())) if outcome.ok else None
    report = Report(
        issuer_id=issuer.id if issuer else None,
        sha256=outcome.sha256,
        document=meta.get("document") or Path(outcome.path).name,
        path=str(Path(outcome.path).resolve()),
        format=meta.get("format"),
        company=meta.get("company"),
        period=meta.get("period"),
        period_start=meta.get("period_start"),
        period_end=meta.get("period_end"),
        framework_version=meta.get("framework_version"),
        language=meta.get("language"),
        page_count=outcome.pages,
        extractor_version=extractor_version,
        status="ok" if outcome.ok else "failed",
        error=outcome.error,
        issues=outcome.issues,
        seconds=outcome.seconds,
        ingested_at=datetime.now(timezone.utc),
    )
    session.add(report)
    session.flush()
    if outcome.facts:
        rows = [
            {**{k: fact.get(k) for k in _FACT_FIELDS}, "report_id": report.id,
             "breakdown_key": breakdown_key(fact.get("breakdown") or {}), "restated": False}
            for fact in outcome.facts
        ]
        for row in rows:
            row["breakdown"] = row["breakdown"] or {}
            row["notes"] = row["notes"] or []
            row["sources"] = row["sources"] or []
            row["reported_unit"] = row["reported_unit"] or ""
        session.execute(insert(FactRow), rows)
    if outcome.targets:
        session.execute(insert(TargetRow), [target_row(t, report.id) for t in outcome.targets])
    if outcome.passages:
        tags = passage_tags(report.id, report.period)
        session.execute(insert(Passage), [{**p, "report_id": report.id, "tags": tags} for p in outcome.passages])
    flag_restatements(session, report.issuer_id)
    if old_issuer is not None and old_issuer != report.issuer_id:
        flag_restatements(session, old_issuer)
    return report.id, report.error
