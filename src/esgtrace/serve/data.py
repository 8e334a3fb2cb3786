"""What the pages and the API show, read from the database: one function per view.

Everything here goes through SQLAlchemy with bound parameters; no request value is
ever formatted into SQL. Values come back as plain dicts ready for JSON and templates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import func, select

from esgtrace.store import Database, IssuerInfo, StoredFact
from esgtrace.store.errors import FactNotFound, ReportNotFound
from esgtrace.store.reviews import latest_reviews
from esgtrace.store.schema import DisclosureItem, FactRow, Finding, Issuer, Report, Review
from esgtrace.catalogue import read_yaml

# Findings about the report's own content index (audit rules and disclosure mismatch codes).
INDEX_RULES = ("index-", "claimed-", "not-in-index", "not-in-version")


@dataclass(frozen=True)
class Settings:
    headline: tuple[str, ...]
    compare_default: tuple[str, ...]
    hkex_wide: dict[str, Any]
    limits: dict[str, float]


@lru_cache(maxsize=1)
def settings() -> Settings:
    """``serve.yaml``, loaded once."""
    raw = read_yaml(resources.files("esgtrace.serve").joinpath("serve.yaml").read_text(encoding="utf-8"))
    return Settings(tuple(raw["headline"]), tuple(raw["compare_default"]), dict(raw["hkex_wide"]), dict(raw["limits"]))


def pillar_of(metric_id: str) -> str:
    """``environment``, ``social`` or ``governance`` (the catalogue's group), ``other`` if unknown."""
    return _pillars().get(metric_id, "other")


@lru_cache(maxsize=1)
def _pillars() -> dict[str, str]:
    from esgtrace.catalogue import metrics

    return {m.id: m.group for m in metrics()}


def counts(db: Database) -> dict[str, int]:
    """How much is stored: reports, issuers, facts, findings, reviews."""
    with db.sessions() as session:
        def n(column: Any) -> int:
            return int(session.scalar(select(func.count(column))) or 0)

        return {"reports": n(Report.id), "issuers": n(Issuer.id), "facts": n(FactRow.id),
                "findings": n(Finding.id), "reviews": n(Review.id)}


def report_json(db: Database, report_id: int) -> dict[str, Any]:
    """One report: its stored record (``ReportInfo`` fields)."""
    for info in db.reports():
        if info.id == report_id:
            return info.to_json()
    raise ReportNotFound(report_id)


def report_facts(db: Database, report_id: int) -> list[dict[str, Any]]:
    """The facts of one report with pillar and latest review, in metric / period order."""
    with db.sessions() as session:
        report = session.get(Report, report_id)
        if report is None:
            raise ReportNotFound(report_id)
        issuer = session.get(Issuer, report.issuer_id) if report.issuer_id is not None else None
        rows = session.scalars(select(FactRow).where(FactRow.report_id == report_id)
                               .order_by(FactRow.metric, FactRow.period, FactRow.breakdown_key)).all()
        reviews = latest_reviews(session, rows)
        return [fact_record(StoredFact.of(r, report.issuer_id, issuer.name if issuer else None), reviews.get(r.id)) for r in rows]


def fact_record(fact: StoredFact, review: Any = None) -> dict[str, Any]:
    record = fact.to_json()
    record["pillar"] = pillar_of(fact.metric)
    record["review"] = review.to_json() if review is not None else None
    return record


def fact_by_id(db: Database, fact_id: int) -> dict[str, Any]:
    with db.sessions() as session:
        row = session.get(FactRow, fact_id)
        if row is None:
            raise FactNotFound(fact_id)
        report = session.get(Report, row.report_id)
        issuer = session.get(Issuer, report.issuer_id) if report is not None and report.issuer_id is not None else None
        review = latest_reviews(session, [row]).get(row.id)
        return fact_record(StoredFact.of(row, report.issuer_id if report else None, issuer.name if issuer else None), review)


def findings(db: Database, report_id: int) -> list[dict[str, Any]]:
    """The stored audit findings of a report; each names its facts (matched to stored fact ids)."""
    with db.sessions() as session:
        rows = session.scalars(select(Finding).where(Finding.report_id == report_id).order_by(Finding.id)).all()
        return [_finding(session, row) for row in rows]


def finding_by_id(db: Database, finding_id: int) -> dict[str, Any]:
    with db.sessions() as session:
        row = session.get(Finding, finding_id)
        if row is None:
            raise LookupError(finding_id)
        return _finding(session, row)


def _finding(session: Any, row: Finding) -> dict[str, Any]:
    facts = []
    for fact in row.facts or []:
        found = session.scalar(
            select(FactRow.id).join(Report, Report.id == FactRow.report_id)
            .where(FactRow.document == fact.get("document", ""), FactRow.metric == fact.get("metric", ""),
                   FactRow.period == fact.get("period", ""), FactRow.breakdown_key == _breakdown_key(fact.get("breakdown")))
            .order_by(Report.id.desc()).limit(1))
        facts.append({"fact_id": found, **{k: fact.get(k) for k in (
            "document", "metric", "period", "breakdown", "value", "unit", "reported_value", "page", "line", "quote")}})
    return {"id": row.id, "report_id": row.report_id, "rule": row.rule, "severity": row.severity, "message": row.message,
            "expected": row.expected, "actual": row.actual, "difference": row.difference, "facts": facts,
            "index": row.rule.startswith(INDEX_RULES) or row.rule.endswith("-but-found")}


def _breakdown_key(breakdown: Any) -> str:
    from esgtrace.store.writer import breakdown_key

    return breakdown_key(breakdown or {})


def disclosure_items(db: Database, report_id: int) -> list[dict[str, Any]]:
    """The stored HKEX disclosure matrix of a report, with each item's name and obligation."""
    from esgtrace.disclose.catalogue import load

    catalogue = load()
    with db.sessions() as session:
        rows = session.scalars(select(DisclosureItem).where(DisclosureItem.report_id == report_id).order_by(DisclosureItem.id)).all()
    known = {i.id: i for i in catalogue.items}
    out = []
    for row in rows:
        item = known.get(row.item)
        out.append({"item": row.item, "version": row.version, "status": row.status, "page": row.page, "quote": row.quote,
                    "confidence": row.confidence, "name": item.short_name if item else row.item,
                    "subject_area": item.subject_area if item else "", "obligation": item.obligation_in(row.version) if item else ""})
    return out


def disclosure_rates(items: list[dict[str, Any]]) -> dict[str, dict[str, float | int | None]]:
    """Rates per subject area of a stored matrix, as :func:`esgtrace.disclose.rates` counts them."""
    from esgtrace.disclose import rates
    from esgtrace.disclose.model import ItemStatus

    statuses = [ItemStatus(item=i["item"], short_name=i["name"], subject_area=i["subject_area"], obligation=i["obligation"],
                           quantitative=False, status=i["status"], confidence=i["confidence"] or 0.0) for i in items]
    return rates(statuses) if statuses else {}


def issuer_info(db: Database, issuer_id: int) -> IssuerInfo:
    for info in db.issuers():
        if info.id == issuer_id:
            return info
    from esgtrace.store.errors import IssuerNotFound

    raise IssuerNotFound(str(issuer_id))


def issuer_reports(db: Database, issuer_id: int) -> list[dict[str, Any]]:
    """An issuer's reports by period, newest first, each with its disclosure rates."""
    reports = [r.to_json() for r in db.reports() if r.issuer_id == issuer_id]
    for report in reports:
        report["rates"] = disclosure_rates(disclosure_items(db, report["id"]))
    return sorted(reports, key=lambda r: (r["period"] or "", r["id"]), reverse=True)


def series(db: Database, issuer_id: int, metrics: tuple[str, ...]) -> list[dict[str, Any]]:
    """Time series of an issuer's headline KPIs: per metric, points by period (latest report's value),
    each restated point with the value first reported."""
    latest = db.compare(list(metrics), issuers=str(issuer_id))
    first = db.compare(list(metrics), issuers=str(issuer_id), latest=False)
    by_metric: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (issuer, metric, period), cell in sorted(latest.cells.items(), key=lambda kv: kv[0][2]):
        original = first.cell(issuer, metric, period)
        by_metric[metric].append({"period": period, "value": cell.value, "unit": cell.unit, "fact_id": cell.fact_id,
                                  "restated": cell.restated, "document": cell.document, "page": cell.page, "line": cell.line,
                                  "original": original.value if original is not None and cell.restated else None})
    return [{"metric": m, "unit": by_metric[m][0]["unit"], "points": by_metric[m]} for m in metrics if by_metric.get(m)]


def stored_metrics(db: Database) -> list[str]:
    """Metric ids that have at least one stored total (compare's choices)."""
    with db.sessions() as session:
        return list(session.scalars(select(FactRow.metric).where(FactRow.breakdown_key == "").distinct().order_by(FactRow.metric)))


def reviews_of_report(db: Database, report_id: int) -> dict[int, dict[str, Any]]:
    with db.sessions() as session:
        rows = session.scalars(select(FactRow).where(FactRow.report_id == report_id)).all()
        return {k: v.to_json() for k, v in latest_reviews(session, rows).items()}


def facts_page(db: Database, issuer: str | None, metric: str | None, period: str | None, report: int | None,
               limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """One page of ``db.facts(issuer=, metric=, period=)`` (of one report, optionally) with reviews:
    the total and the page's records. Counted and cut in SQL unless a period filter applies
    (period labels are matched in Python, as :meth:`esgtrace.Database.facts` does)."""
    from esgtrace.store.periods import parse_periods, period_column
    from esgtrace.store.query import as_list, fact_query

    with db.sessions() as session:
        query = fact_query(session, [issuer] if issuer else None, as_list(metric))
        if report is not None:
            query = query.where(FactRow.report_id == report)
        if period:
            wanted = parse_periods(",".join(as_list(period) or []))
            rows = [(r, rep, name) for r, rep, name in session.execute(query)
                    if wanted is None or period_column(r.period) in wanted or r.period in wanted]
            total, chunk = len(rows), rows[offset:offset + limit]
        else:
            total = int(session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)
            chunk = [(r, rep, name) for r, rep, name in session.execute(query.limit(limit).offset(offset))]
        reviews = latest_reviews(session, [r for r, _, _ in chunk])
        return total, [fact_record(StoredFact.of(r, rep.issuer_id, name), reviews.get(r.id)) for r, rep, name in chunk]
