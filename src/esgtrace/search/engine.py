"""Ranked passages out of the full-text index, on SQLite (FTS5, bm25) and PostgreSQL (ts_rank).

:func:`search` narrows the reports first (issuer, period, document, metric), runs the
query on the back end's index, then names the facts each passage holds: a fact of the
same report whose line falls in the passage, or, for a page cited without a line,
whose quote is in the passage's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from esgtrace.catalogue import metric as catalogue_metric
from esgtrace.store.errors import BadChoice, IssuerNotFound
from esgtrace.store.issuers import find_issuer
from esgtrace.store.periods import parse_periods, period_column
from esgtrace.store.rows import StoredFact
from esgtrace.store.schema import FactRow, Issuer, Passage, Report
from esgtrace.search.model import SearchHit
from esgtrace.search.query import BadQuery, Node, parse_query, terms_of, to_fts5, to_tsquery

MARK = "**"
_OPEN, _CLOSE = "\x02", "\x03"  # FTS5 highlight() markers, never in report text (control characters are cut at ingest)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Ranked:
    passage_id: int
    score: float
    snippet: str | None


def search_passages(session: Session, query: str | Node, *, issuer: str | None = None, period: str | None = None,
                    metric: str | None = None, document: str | None = None, report_ids: Sequence[int] | None = None,
                    limit: int = 10) -> list[SearchHit]:
    """See :meth:`esgtrace.Database.search`.

    :raises BadQuery: the query cannot be parsed
    :raises IssuerNotFound: ``issuer`` matches nothing
    :raises BadChoice: an unknown metric or a bad limit
    """
    node = parse_query(query) if isinstance(query, str) else query
    if limit < 1:
        raise BadChoice("limit", limit, "1 or more")
    label = None
    if metric is not None:
        try:
            label = catalogue_metric(metric)
        except KeyError:
            raise BadChoice("--metric", metric, "a metric id of the catalogue (see `esgtrace facts`)") from None
    reports = _reports(session, issuer, period, document, metric, report_ids)
    if reports is not None and not reports:
        return []
    fetch = limit * 10 if metric else limit
    dialect = session.get_bind().dialect.name
    ranked = _rank_postgres(session, node, reports, fetch) if dialect == "postgresql" else _rank_sqlite(session, node, reports, fetch)
    if not ranked:
        return []
    hits = _hits(session, ranked, node)
    if label is not None:
        patterns = [re.compile(p, re.I) for p in label.patterns]
        hits = [h for h in hits if any(f.metric == metric for f in h.facts) or any(p.search(h.text) for p in patterns)]
    return hits[:limit]


def _reports(session: Session, issuer: str | None, period: str | None, document: str | None, metric: str | None,
             report_ids: Sequence[int] | None) -> list[int] | None:
    """Ids of the reports the filters leave (``None``: no filter, every report)."""
    if issuer is None and period is None and document is None and metric is None and report_ids is None:
        return None
    query = select(Report.id, Report.period, Report.document).where(Report.status == "ok")
    if issuer is not None:
        query = query.where(Report.issuer_id == issuer_id(session, issuer))
    if document is not None:
        query = query.where(Report.document == document)
    if report_ids is not None:
        query = query.where(Report.id.in_(list(report_ids)))
    if metric is not None:
        query = query.where(Report.id.in_(select(FactRow.report_id).where(FactRow.metric == metric)))
    wanted = parse_periods(period) if period else None
    return [rid for rid, label, _ in session.execute(query)
            if wanted is None or (label is not None and (period_column(label) in wanted or label in wanted))]


def issuer_id(session: Session, text: str) -> int:
    """The issuer ``text`` names: as ``facts --issuer`` finds it, else by its distinctive name ("Kingsoft Cloud").

    :raises IssuerNotFound: nothing, or more than one issuer, matches
    """
    try:
        return find_issuer(session, text).id
    except IssuerNotFound:
        from esgtrace.search.answer import stored_issuers
        from esgtrace.search.question import issuer_aliases, normalise

        wanted = " ".join(normalise(text).split())
        found = {i.id for i in stored_issuers(session) if wanted in issuer_aliases(i)}
        if len(found) != 1:
            raise
        return found.pop()


def _rank_sqlite(session: Session, node: Node, reports: list[int] | None, limit: int) -> list[_Ranked]:
    compiled = to_fts5(node)
    params: dict[str, object] = {"limit": limit}
    where = []
    if reports is not None:
        where.append(f"p.report_id IN ({','.join(str(int(r)) for r in reports)})")
    for i, word in enumerate(compiled.like):
        where.append(f"p.text LIKE :like{i} ESCAPE '\\'")
        params[f"like{i}"] = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if compiled.match is not None:
        params["match"] = compiled.match
        # highlight() marks the trigram matches in the whole text; window() keeps the part around them
        sql = ("SELECT p.id, bm25(passage_fts) AS rank, highlight(passage_fts, 0, :open, :close) "
               "FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid "
               "WHERE passage_fts MATCH :match" + "".join(f" AND {w}" for w in where) +
               " ORDER BY rank, p.id LIMIT :limit")
        params |= {"open": _OPEN, "close": _CLOSE}
        rows = session.execute(text(sql), params).all()
        return [_Ranked(int(r[0]), -float(r[1]), window(str(r[2]))) for r in rows]
    if not compiled.like:
        return []
    sql = "SELECT p.id FROM passage p WHERE " + " AND ".join(where) + " ORDER BY p.report_id, p.id LIMIT :limit"
    return [_Ranked(int(r[0]), 0.0, None) for r in session.execute(text(sql), params).all()]


_VECTOR = "to_tsvector('english'::regconfig, p.terms)"


def _rank_postgres(session: Session, node: Node, reports: list[int] | None, limit: int) -> list[_Ranked]:
    compiled = to_tsquery(node)
    if compiled is None:
        return []
    where = f" AND p.report_id IN ({','.join(str(int(r)) for r in reports)})" if reports is not None else ""
    sql = (
        "SELECT best.id, best.rank, ts_headline('english', p.text, to_tsquery('english', :q), "
        "'StartSel=**, StopSel=**, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"') "
        f"FROM (SELECT p.id, ts_rank({_VECTOR}, to_tsquery('english', :q)) AS rank FROM passage p "
        f"WHERE {_VECTOR} @@ to_tsquery('english', :q){where} ORDER BY rank DESC, p.id LIMIT :limit) AS best "
        "JOIN passage p ON p.id = best.id ORDER BY best.rank DESC, best.id"
    )
    rows = session.execute(text(sql), {"q": compiled, "limit": limit}).all()
    return [_Ranked(int(r[0]), float(r[1]), str(r[2]) if MARK in str(r[2]) else None) for r in rows]


def _hits(session: Session, ranked: list[_Ranked], node: Node) -> list[SearchHit]:
    ids = [r.passage_id for r in ranked]
    rows = {p.id: (p, report, name) for p, report, name in session.execute(
        select(Passage, Report, Issuer.name).join(Report, Report.id == Passage.report_id)
        .outerjoin(Issuer, Issuer.id == Report.issuer_id).where(Passage.id.in_(ids)))}
    report_ids = {report.id for _, report, _ in rows.values()}
    facts: dict[int, list[StoredFact]] = {}
    pages = {p.page for p, _, _ in rows.values() if p.page is not None}
    near = FactRow.page.is_(None) | FactRow.page.in_(pages) if pages else FactRow.page.is_(None)
    for fact, report in session.execute(select(FactRow, Report).join(Report, Report.id == FactRow.report_id)
                                        .where(FactRow.report_id.in_(report_ids), near).order_by(FactRow.id)):
        name = next((n for _, r, n in rows.values() if r.id == report.id), None)
        facts.setdefault(report.id, []).append(StoredFact.of(fact, report.issuer_id, name))
    terms = terms_of(node)
    hits = []
    for rank in ranked:
        if rank.passage_id not in rows:
            continue
        passage, report, name = rows[rank.passage_id]
        held = tuple(f for f in facts.get(report.id, ()) if holds(passage, f))
        hits.append(SearchHit(passage.id, report.id, report.document, name, report.period, passage.page,
                              passage.line_start, passage.line_end, rank.score,
                              rank.snippet or highlight(passage.text, terms), passage.text, held))
    return hits


def holds(passage: Passage, fact: StoredFact) -> bool:
    """Whether ``fact`` was read from ``passage`` (its line is in it, or its quote on that page is)."""
    if passage.page is None:
        return fact.page is None and fact.line is not None and passage.line_start <= fact.line <= passage.line_end
    if fact.page != passage.page:
        return False
    if fact.line is not None:
        return passage.line_start <= fact.line <= passage.line_end
    quote = _SPACE.sub(" ", fact.quote).strip()
    return bool(quote) and quote in _SPACE.sub(" ", passage.text)


def window(marked: str, width: int = 240) -> str:
    """The part of a highlighted text around its first match, marks as ``**``."""
    flat = _SPACE.sub(" ", marked).strip()
    first = flat.find(_OPEN)
    start = max(0, first - width // 3) if first >= 0 else 0
    end = start + width
    while end < len(flat) and flat.count(_OPEN, start, end) > flat.count(_CLOSE, start, end):
        end += 1  # do not cut inside a match
    part = flat[start:end].replace(_OPEN, MARK).replace(_CLOSE, MARK)
    return ("…" if start > 0 else "") + part + ("…" if end < len(flat) else "")


def highlight(passage: str, terms: list[str], width: int = 220) -> str:
    """A window of ``passage`` around the first term found, every term found marked with ``**``."""
    flat = _SPACE.sub(" ", passage).strip()
    words = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return flat[:width]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.I)
    first = pattern.search(flat)
    start = max(0, (first.start() if first else 0) - width // 3)
    window = flat[start:start + width]
    marked = pattern.sub(lambda m: f"{MARK}{m.group(0)}{MARK}", window)
    return ("…" if start > 0 else "") + marked + ("…" if start + width < len(flat) else "")


__all__ = ["search_passages", "holds", "highlight", "BadQuery"]
