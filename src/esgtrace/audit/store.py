"""The audit over stored reports: ``esgtrace check --issuer X``, findings kept beside the facts.

Every stored report of the issuer is audited on its stored facts, and the reports are
compared with each other (a value restated by a later report). Findings go to the
database's ``finding`` table, one set per report, replaced on each run.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from esgtrace.audit.engine import audit_facts
from esgtrace.audit.model import AuditOptions, AuditResult
from esgtrace.errors import EsgtraceError
from esgtrace.extract.model import Fact, Source
from esgtrace.ingest import parse


def _fact(stored: Any) -> Fact:
    return Fact(
        document=stored.document, sha256=stored.sha256, company=stored.company, metric=stored.metric,
        period=stored.period, period_start=stored.period_start, period_end=stored.period_end,
        breakdown=dict(stored.breakdown), value=stored.value, unit=stored.unit,
        reported_value=stored.reported_value, reported_unit=stored.reported_unit or "", page=stored.page,
        line=stored.line, quote=(stored.quote or "")[:250], method=stored.method, confidence=stored.confidence,
        notes=list(stored.notes or []), sources=[Source.model_validate(s) for s in stored.sources or []],
    )


def save(db: Any, result: AuditResult) -> int:
    """Store the findings of ``result`` against the reports they concern; returns the rows written.

    Findings are filed under the report they concern (``Finding.document``, matched by
    document name); a report not in the database is skipped.

    :param db: an :class:`esgtrace.Database`
    :param result: an audit result
    """
    from sqlalchemy import delete, select

    from esgtrace.store.schema import Finding as FindingRow
    from esgtrace.store.schema import Report

    by_document: dict[str, list[Any]] = defaultdict(list)
    documents = {finding.document for finding in result.findings} | {result.document}
    for finding in result.findings:
        by_document[finding.document or result.document].append(finding)
    written = 0
    with db.sessions() as session:
        for document in documents:
            report = session.scalar(select(Report).where(Report.document == document).order_by(Report.id.desc()))
            if report is None:
                continue
            session.execute(delete(FindingRow).where(FindingRow.report_id == report.id))
            for finding in by_document.get(document, []):
                session.add(FindingRow(
                    report_id=report.id, rule=finding.rule, severity=finding.severity.value, message=finding.message,
                    facts=[f.model_dump(mode="json") for f in finding.facts], expected=finding.expected,
                    actual=finding.actual, difference=finding.difference,
                ))
                written += 1
        session.commit()
    return written


def stored_check(issuer: str, db: Any = None, options: AuditOptions | dict[str, Any] | None = None) -> AuditResult:
    """Audit every stored report of ``issuer`` and store the findings.

    :param issuer: an issuer id, name variant or ticker (``all`` for every stored report)
    :param db: an :class:`esgtrace.Database`, its address, or ``None`` for the default database
    :param options: :class:`AuditOptions`
    :raises esgtrace.store.IssuerNotFound: no issuer matches
    """
    from esgtrace.store import Database

    database = db if isinstance(db, Database) else Database(db)
    stored = database.facts(issuer=None if issuer == "all" else issuer)
    names = {s.document for s in stored}
    documents = {}
    for report in database.reports():
        if report.document in names and report.document not in documents and Path(report.path).is_file():
            try:
                documents[report.document] = parse(report.path)
            except EsgtraceError:
                continue  # moved or changed since it was stored: audit the facts without the text
    result = audit_facts([_fact(s) for s in stored], AuditOptions.resolve(options), documents)
    save(database, result)
    return result
