"""``reindex``: passages for reports stored without them, and the full-text index rebuilt.

Passages are cut at ingest. A report stored before the search index existed (or all
of them with ``full``) is parsed again from its file, when that file is still there
with the same content; the ``terms`` column is refreshed and the back end's index
rebuilt (SQLite: FTS5 ``rebuild``; PostgreSQL: ``REINDEX``).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from esgtrace.store.passages import index_terms, passage_tags, passages
from esgtrace.store.schema import Passage, Report
from esgtrace.store.work import file_sha256


@dataclass
class ReindexSummary:
    """What ``reindex`` did: reports read again, passages indexed, reports it could not read."""

    reports: int = 0
    reparsed: int = 0
    passages: int = 0
    missing: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def reindex(sessions: sessionmaker[Session], full: bool = False) -> ReindexSummary:
    """See :meth:`esgtrace.Database.reindex`."""
    from esgtrace.ingest import parse

    started = time.perf_counter()
    summary = ReindexSummary()
    with sessions() as session:
        stored = session.execute(select(Report.id, Report.path, Report.sha256, Report.document, Report.period)
                                 .where(Report.status == "ok").order_by(Report.id)).all()
        having = set(session.scalars(select(Passage.report_id).distinct()))
    summary.reports = len(stored)
    for report_id, path, sha256, document, _ in stored:
        if report_id in having and not full:
            continue
        source = Path(path)
        if not source.is_file() or file_sha256(source) != sha256:
            if report_id not in having:
                summary.missing.append(document)
            continue
        doc = parse(source)
        rows = [p.to_row() for p in passages(doc.pages, doc.paginated)]
        with sessions.begin() as session:
            session.execute(delete(Passage).where(Passage.report_id == report_id))
            if rows:
                session.execute(insert(Passage), [{**r, "report_id": report_id, "tags": ""} for r in rows])
        summary.reparsed += 1
    periods = {report_id: period for report_id, _, _, _, period in stored}
    with sessions.begin() as session:
        for pid, report_id, body, terms, tags in session.execute(
                select(Passage.id, Passage.report_id, Passage.text, Passage.terms, Passage.tags)).all():
            fresh, fresh_tags = index_terms(body), passage_tags(report_id, periods.get(report_id))
            if fresh != terms or fresh_tags != tags:
                session.execute(update(Passage).where(Passage.id == pid).values(terms=fresh, tags=fresh_tags))
        dialect = session.get_bind().dialect.name
        if dialect == "sqlite":
            session.execute(text("INSERT INTO passage_fts(passage_fts) VALUES ('rebuild')"))
        elif dialect == "postgresql":
            session.execute(text("REINDEX INDEX passage_fts_vector"))
        summary.passages = session.scalar(select(func.count(Passage.id))) or 0
    summary.seconds = time.perf_counter() - started
    return summary
