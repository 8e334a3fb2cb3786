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
from typing import Any

from sqlalchemy import and_, or_, select, text
from sqlalchemy.orm import Session, selectinload

from esgtrace.catalogue import metric as catalogue_metric
from esgtrace.store.errors import BadChoice, IssuerNotFound
from esgtrace.store.issuers import find_issuer
from esgtrace.store.periods import parse_periods, period_column
from esgtrace.store.rows import StoredFact
from esgtrace.store.schema import FactRow, Issuer, Passage, Report
from esgtrace.search.model import SearchHit
from esgtrace.search.question import IssuerNames
from esgtrace.search.query import BadQuery, Node, parse_query, terms_of, to_fts5, to_tsquery

MARK = "**"
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
    reports = _reports(session, issuer, period, document, report_ids)
    if reports is not None and not reports:
        return []
    fetch = limit * 5 if metric else limit
    if session.get_bind().dialect.name == "postgresql":
        ranked = _rank_postgres(session, node, reports, fetch)
    else:
        only_period = period is not None and issuer is None and document is None and report_ids is None
        ranked = _rank_sqlite(session, node, reports, sorted(parse_periods(period) or ()) if only_period else None, fetch)
    if not ranked:
        return []
    return _hits(session, ranked, node, limit, metric, label.patterns if label else ())


def _reports(session: Session, issuer: str | None, period: str | None, document: str | None,
             report_ids: Sequence[int] | None) -> list[int] | None:
    """Ids of the reports the filters leave (``None``: no filter, every report)."""
    if issuer is None and period is None and document is None and report_ids is None:
        return None
    query = select(Report.id, Report.period, Report.document).where(Report.status == "ok")
    if issuer is not None:
        query = query.where(Report.issuer_id == issuer_id(session, issuer))
    if document is not None:
        query = query.where(Report.document == document)
    if report_ids is not None:
        query = query.where(Report.id.in_(list(report_ids)))
    wanted = parse_periods(period) if period else None
    return [rid for rid, label, _ in session.execute(query)
            if wanted is None or (label is not None and (period_column(label) in wanted or label in wanted))]


def stored_issuers(session: Session) -> list[IssuerNames]:
    """Every stored issuer with its names and tickers, as the question parser matches them."""
    found = session.scalars(select(Issuer).options(selectinload(Issuer.names), selectinload(Issuer.tickers))).all()
    return [IssuerNames(i.id, i.name, tuple(n.name for n in i.names), tuple(t.ticker for t in i.tickers)) for i in found]


def issuer_id(session: Session, text: str) -> int:
    """The issuer ``text`` names: as ``facts --issuer`` finds it, else by its distinctive name ("Harbourview Digital").

    :raises IssuerNotFound: nothing, or more than one issuer, matches
    """
    try:
        return find_issuer(session, text).id
    except IssuerNotFound:
        from esgtrace.search.question import issuer_aliases, normalise

        wanted = " ".join(normalise(text).split())
        found = {i.id for i in stored_issuers(session) if wanted in issuer_aliases(i)}
        if len(found) != 1:
            raise
        return found.pop()


_MAX_TAGS = 40


def _rank_sqlite(session: Session, node: Node, reports: list[int] | None, years: list[str] | None,
                 limit: int) -> list[_Ranked]:
    """bm25 over ``terms``; a filter is a term on ``tags`` (years, or up to 40 reports), else a join."""
    match = to_fts5(node)
    if match is None:
        return []
    match = f"terms : ({match})"
    join = ""
    if years is not None and len(years) <= _MAX_TAGS and all(y.isdigit() for y in years):
        match += " AND tags : (" + " OR ".join(f"y{y}" for y in years) + ")"
    elif reports is not None and len(reports) <= _MAX_TAGS:
        match += " AND tags : (" + " OR ".join(f"r{int(r)}" for r in reports) + ")"
    elif reports is not None:
        join = f" AND rowid IN (SELECT id FROM passage WHERE report_id IN ({','.join(str(int(r)) for r in reports)}))"
    sql = ("SELECT rowid, bm25(passage_fts, 1.0, 0.0) AS rank FROM passage_fts "
           f"WHERE passage_fts MATCH :match{join} ORDER BY rank, rowid LIMIT :limit")
    rows = session.execute(text(sql), {"match": match, "limit": limit}).all()
    return [_Ranked(int(r[0]), -float(r[1]), None) for r in rows]


def _rank_postgres(session: Session, node: Node, reports: list[int] | None, limit: int) -> list[_Ranked]:
    """``ts_rank`` over the stored vectors of ``passage_fts`` (migration 0005), the snippet from the best only."""
    compiled = to_tsquery(node)
    if compiled is None:
        return []
    where = f" AND f.report_id IN ({','.join(str(int(r)) for r in reports)})" if reports is not None else ""
    sql = (
        "SELECT best.id, best.rank, ts_headline('english', p.text, to_tsquery('english', :q), "
        "'StartSel=**, StopSel=**, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"') "
        "FROM (SELECT f.id, ts_rank(f.vector, to_tsquery('english', :q)) AS rank FROM passage_fts f "
        f"WHERE f.vector @@ to_tsquery('english', :q){where} ORDER BY rank DESC, f.id LIMIT :limit) AS best "
        "JOIN passage p ON p.id = best.id ORDER BY best.rank DESC, best.id"
    )
    rows = session.execute(text(sql), {"q": compiled, "limit": limit}).all()
    return [_Ranked(int(r[0]), float(r[1]), str(r[2]) if MARK in str(r[2]) else None) for r in rows]


def _hits(session: Session, ranked: list[_Ranked], node: Node, limit: int, metric: str | None,
          patterns: Sequence[str]) -> list[SearchHit]:
    """The best ``limit`` passages of ``ranked`` (those holding or naming ``metric``, when given), with their facts."""
    ids = [r.passage_id for r in ranked]
    rows = {row.id: row for row in session.execute(
        select(Passage.id, Passage.report_id, Passage.page, Passage.line_start, Passage.line_end, Passage.text,
               Report.document, Report.period, Report.issuer_id, Issuer.name)
        .join(Report, Report.id == Passage.report_id)
        .outerjoin(Issuer, Issuer.id == Report.issuer_id).where(Passage.id.in_(ids)))}
    ranked = [r for r in ranked if r.passage_id in rows]
    if metric is not None:
        names = [re.compile(p, re.I) for p in patterns]
        facts = _facts(session, [rows[r.passage_id] for r in ranked], metric)
        ranked = [r for r in ranked if any(n.search(rows[r.passage_id].text) for n in names)
                  or any(holds(rows[r.passage_id], f) for f in facts.get(rows[r.passage_id].report_id, ()))]
    ranked = ranked[:limit]
    facts = _facts(session, [rows[r.passage_id] for r in ranked])
    terms = terms_of(node)
    hits = []
    for rank in ranked:
        row = rows[rank.passage_id]
        held = tuple(f for f in facts.get(row.report_id, ()) if holds(row, f))
        hits.append(SearchHit(row.id, row.report_id, row.document, row.name, row.period, row.page, row.line_start,
                              row.line_end, rank.score, rank.snippet or highlight(row.text, terms), row.text, held))
    return hits


def _facts(session: Session, passages: list[Any], metric: str | None = None) -> dict[int, list[StoredFact]]:
    """Facts on the pages of ``passages`` (or, without pages, on their lines), by report."""
    if not passages:
        return {}
    places = [and_(FactRow.report_id == p.report_id, FactRow.page == p.page) if p.page is not None else
              and_(FactRow.report_id == p.report_id, FactRow.page.is_(None), FactRow.line.between(p.line_start, p.line_end))
              for p in passages]
    query = select(FactRow).where(or_(*places)).order_by(FactRow.id)
    if metric is not None:
        query = query.where(FactRow.metric == metric)
    issuers = {p.report_id: (p.issuer_id, p.name) for p in passages}
    found: dict[int, list[StoredFact]] = {}
    for fact in session.scalars(query):
        found.setdefault(fact.report_id, []).append(StoredFact.of(fact, *issuers[fact.report_id]))
    return found


def holds(passage: Any, fact: StoredFact) -> bool:
    """Whether ``fact`` was read from ``passage`` (its line is in it, or its quote on that page is).

    :param passage: a :class:`~esgtrace.store.schema.Passage` or a row with its columns
    """
    if passage.page is None:
        return fact.page is None and fact.line is not None and bool(passage.line_start <= fact.line <= passage.line_end)
    if fact.page != passage.page:
        return False
    if fact.line is not None:
        return bool(passage.line_start <= fact.line <= passage.line_end)
    quote = _SPACE.sub(" ", fact.quote).strip()
    return bool(quote) and quote in _SPACE.sub(" ", str(passage.text))


def _term_pattern(term: str) -> str:
    """A term as found in text: each English word by its stem with any ending, Chinese as is."""
    words = re.findall(r"[^\W_]+", term)
    parts = []
    for word in words:
        if word.isascii() and word.isalpha():
            parts.append(r"\b" + re.escape(stem(word.casefold())) + r"\w*")
        else:
            parts.append(re.escape(word))
    return r"\W+".join(parts)


def highlight(passage: str, terms: list[str], width: int = 240) -> str:
    """A window of ``passage`` around the first term found, every term found marked with ``**``.

    >>> highlight("Our policy on data security is reviewed yearly.", ["policies", "data security"])
    'Our **policy** on **data security** is reviewed yearly.'
    """
    flat = _SPACE.sub(" ", passage).strip()
    patterns = [p for p in (_term_pattern(t) for t in sorted(set(terms), key=len, reverse=True)) if p]
    if not patterns:
        return flat[:width]
    pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    first = pattern.search(flat)
    start = max(0, (first.start() if first else 0) - width // 3)
    window = flat[start:start + width]
    marked = pattern.sub(lambda m: f"{MARK}{m.group(0)}{MARK}", window)
    return ("…" if start > 0 else "") + marked + ("…" if start + width < len(flat) else "")


_SUFFIXES = ("ations", "ation", "ments", "ment", "ances", "ance", "ences", "ence", "ings", "ing", "ies", "ied",
             "ed", "es", "s", "y", "e")


def stem(word: str) -> str:
    """A crude stem for highlighting: ``policies`` -> ``polic``, ``governance`` -> ``govern``."""
    if len(word) < 5 or not word.isascii():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


__all__ = ["search_passages", "holds", "highlight", "BadQuery"]
