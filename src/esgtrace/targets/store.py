"""Targets in the esgtrace database (table ``target``, written at ingest), listed per issuer
and tracked across its reports.

Tracking compares each report's targets with the issuer's previous report (by reporting
year): a target of the same identity (what it is about, scope, boundary, kind) is
``restated`` when its target year and change are the same, ``moved`` when either changed
(``was`` says from what); a target the previous report did not have is ``new``; one the
previous report had and the next one does not is ``dropped`` (listed under the report
that dropped it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from esgtrace.targets.model import Progress, Target, TargetsResult


@dataclass(frozen=True)
class StoredTarget:
    """A stored target with its report and how it stands against the previous report."""

    issuer: str | None
    document: str
    period: str | None
    target: Target
    track: str  # first | new | restated | moved | dropped
    was: str = ""  # for moved: the previous target year and change; for dropped: the report that dropped it

    def to_json(self) -> dict[str, Any]:
        return {"issuer": self.issuer, "document": self.document, "period": self.period, "track": self.track,
                "was": self.was, **self.target.to_json()}


def as_target(row: Any) -> Target:
    """A row of table ``target`` as a :class:`Target`."""
    return Target(
        id=row.key, text=row.text, metric=row.metric, subject=row.subject, pillar=row.pillar, scope=row.scope,
        boundary=row.boundary, kind=row.kind, baseline_year=row.baseline_year, baseline_value=row.baseline_value,
        target_year=row.target_year, change=row.change, change_value=row.change_value, status=row.status,
        page=row.page, line=row.line, quote=row.quote[:250], language=row.language or "en", method=row.method or "prose",
        progress=Progress.model_validate(row.progress) if row.progress else None,
    )


def save(db: Any, result: TargetsResult) -> int:
    """Replace the stored targets of ``result``'s report; 0 when the report is not stored.

    :param db: an :class:`esgtrace.Database`
    :param result: the targets of one report
    """
    from esgtrace.store.schema import Report, TargetRow
    from esgtrace.store.writer import target_row

    with db.sessions() as session:
        report = session.scalar(select(Report).where(Report.sha256 == result.sha256))
        if report is None:
            return 0
        session.execute(delete(TargetRow).where(TargetRow.report_id == report.id))
        for t in result.targets:
            session.add(TargetRow(**target_row(t.to_json(), report.id)))
        session.commit()
        return len(result.targets)


def stored_targets(issuer: str | None = None, db: Any = None) -> list[StoredTarget]:
    """The stored targets of ``issuer`` (``None`` or ``all``: every issuer), tracked across its reports.

    :param issuer: an issuer id, name variant or ticker
    :param db: an :class:`esgtrace.Database`, its address, or ``None`` for the default database
    :raises esgtrace.store.IssuerNotFound: no issuer matches
    """
    from esgtrace.store import Database
    from esgtrace.store.restatements import report_recency
    from esgtrace.store.schema import Issuer, Report, TargetRow

    database = db if isinstance(db, Database) else Database(db)
    with database.sessions() as session:
        query = select(Report, Issuer.name).outerjoin(Issuer, Issuer.id == Report.issuer_id).where(Report.status == "ok")
        if issuer not in (None, "all"):
            query = query.where(Report.issuer_id.in_(_issuers(session, str(issuer))))
        reports = sorted(session.execute(query).all(), key=lambda r: report_recency(r[0]))
        rows: dict[int, list[Target]] = defaultdict(list)
        ids = [r.id for r, _ in reports]
        if ids:
            for row in session.scalars(select(TargetRow).where(TargetRow.report_id.in_(ids)).order_by(TargetRow.id)):
                rows[row.report_id].append(as_target(row))
    by_issuer: dict[Any, list[tuple[Any, str | None]]] = defaultdict(list)
    for report, name in reports:
        by_issuer[report.issuer_id or f"report {report.id}"].append((report, name))
    out: list[StoredTarget] = []
    for chain in by_issuer.values():
        previous: list[Target] | None = None
        for report, issuer_name in chain:
            current = rows.get(report.id, [])
            out.extend(track(issuer_name, report.document, report.period, current, previous))
            previous = current
    return out


def _issuers(session: Any, text: str) -> list[int]:
    """Ids of the issuers ``text`` names: an id, ticker or name variant, else part of a name."""
    from esgtrace.store.errors import IssuerNotFound
    from esgtrace.store.issuers import find_issuer
    from esgtrace.store.schema import Issuer, IssuerName

    try:
        return [find_issuer(session, text).id]
    except IssuerNotFound:
        wanted = text.strip().lower()
        ids = sorted({i for i, name in session.execute(select(IssuerName.issuer_id, IssuerName.name)) if wanted in name.lower()}
                     | {i for i, name in session.execute(select(Issuer.id, Issuer.name)) if wanted in name.lower()})
        if not ids:
            raise
        return ids


def track(issuer: str | None, document: str, period: str | None, current: list[Target],
          previous: list[Target] | None) -> list[StoredTarget]:
    """``current``'s targets marked against ``previous`` (``None``: the first report), and the dropped ones."""
    if previous is None:
        return [StoredTarget(issuer, document, period, t, "first") for t in current]
    earlier: dict[tuple[str, str, str, str], list[Target]] = defaultdict(list)
    for t in previous:
        earlier[t.identity].append(t)
    seen: set[tuple[str, str, str, str]] = set()
    out = []
    for t in current:
        candidates = earlier.get(t.identity, [])
        seen.add(t.identity)
        if any(c.target_year == t.target_year and c.change == t.change for c in candidates):
            out.append(StoredTarget(issuer, document, period, t, "restated"))
        elif candidates and not any(c.target_year == t.target_year for c in current if c is not t and c.identity == t.identity):
            c = candidates[0]
            out.append(StoredTarget(issuer, document, period, t, "moved", f"{c.change} by {c.target_year}"))
        else:
            out.append(StoredTarget(issuer, document, period, t, "new"))
    for identity, old in earlier.items():
        if identity not in seen:
            out.extend(StoredTarget(issuer, document, period, t, "dropped", f"dropped by {document}") for t in old)
    return out


def target_table(db: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """Every stored target, one row each, with its issuer, report and track across reports."""
    rows = [s.to_json() for s in stored_targets(None, db)]
    columns = ["issuer", "document", "period", "track", "was", "id", "text", "metric", "subject", "pillar", "scope",
               "boundary", "kind", "baseline_year", "baseline_value", "target_year", "change", "change_value", "status",
               "page", "line", "quote", "language", "method", "progress"]
    return columns, rows
