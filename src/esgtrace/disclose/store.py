"""Keep disclosure results in the esgtrace database (table ``disclosure_item``) and read
rates back per issuer and period."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from esgtrace.disclose.model import DisclosureResult


def save(db: Any, result: DisclosureResult) -> int:
    """Store the item matrix of ``result`` against its report; returns the rows written.

    The report must already be stored (``esgtrace ingest``); 0 means it is not.

    :param db: an :class:`esgtrace.Database`
    :param result: a disclosure result
    """
    from esgtrace.store.schema import DisclosureItem, Report

    with db.sessions() as session:
        report = session.scalar(select(Report).where(Report.sha256 == result.sha256))
        if report is None:
            return 0
        session.execute(delete(DisclosureItem).where(DisclosureItem.report_id == report.id))
        for s in result.items:
            session.add(DisclosureItem(report_id=report.id, version=result.version, item=s.item, status=s.status,
                                       page=s.page, quote=s.quote or None, confidence=s.confidence))
        report.framework_version = result.version
        session.commit()
        return len(result.items)


def stored_reports(db: Any, issuer: str | None = None) -> list[tuple[str | None, str]]:
    """(issuer name, file path) of the stored reports of ``issuer``.

    :param db: an :class:`esgtrace.Database`
    :param issuer: matched as everywhere (part of a name, a ticker, an id: see
        :func:`esgtrace.store.issuers.find_issuer`); ``None`` or ``all`` for every report
    :raises esgtrace.store.IssuerNotFound: nothing matches (``AmbiguousIssuer``: several do)
    """
    wanted = (issuer or "").strip()
    issuer_id = None
    if wanted.lower() not in ("", "all"):
        from esgtrace.store.issuers import find_issuer

        with db.sessions() as session:
            issuer_id = find_issuer(session, wanted).id
    return [(r.issuer, r.path) for r in db.reports()
            if r.status != "failed" and (issuer_id is None or r.issuer_id == issuer_id)]


def save_mismatches(db: Any, result: DisclosureResult) -> int:
    """Store the content-index mismatches of ``result`` as findings of its report (table
    ``finding``, rule = the mismatch code), replacing the ones stored before; returns the rows written.

    :param db: an :class:`esgtrace.Database`
    :param result: a disclosure result
    """
    from esgtrace.store.schema import Finding, Report

    codes = {m.code for m in result.mismatches} | set(MISMATCH_CODES)
    with db.sessions() as session:
        report = session.scalar(select(Report).where(Report.sha256 == result.sha256))
        if report is None:
            return 0
        session.execute(delete(Finding).where(Finding.report_id == report.id, Finding.rule.in_(sorted(codes))))
        for m in result.mismatches:
            session.add(Finding(report_id=report.id, rule=m.code, severity=m.severity,
                                message=f"{m.item}: {m.message}", facts=[], expected=None, actual=None, difference=None))
        session.commit()
        return len(result.mismatches)


# every code verify.py gives a mismatch ("<claim>-but-found" for each claim of an index row)
MISMATCH_CODES = ("claimed-not-found", "claimed-but-explained", "claimed-partial", "claimed-elsewhere", "index-typo",
                  "not-in-index", "not-in-version", "omitted-but-found", "explained-but-found", "not_applicable-but-found",
                  "disclosed-but-found")
