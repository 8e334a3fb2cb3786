"""``ask``: a question answered from what is stored, every figure and passage cited.

- quantitative: the stored fact of each (issuer, metric, period, group) asked, from
  the most recent report that gives it, with the ratio (``per employee``) or the
  change (``since 2021``) computed when asked;
- comparative: the issuers ranked (or listed, for "which companies disclose ...") from
  :func:`~esgtrace.store.compare.build_comparison`;
- qualitative: the best passages of the full-text index, grouped by report.

What is not stored is named in ``missing`` (no issuer of that name, no figure of that
metric for that period); nothing is guessed. A language model may later answer behind
:class:`~esgtrace.search.backend.AnswerBackend`; none is called here.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from esgtrace.catalogue import metric as catalogue_metric
from esgtrace.store.compare import build_comparison
from esgtrace.store.periods import period_column, period_year
from esgtrace.store.query import fact_query
from esgtrace.store.restatements import report_recency
from esgtrace.store.schema import FactRow, Issuer, Report
from esgtrace.search.engine import search_passages, stored_issuers
from esgtrace.search.model import Answer, AnswerValue, Citation, SearchHit
from esgtrace.search.query import any_of
from esgtrace.search.question import IssuerNames, Question, parse_question

_LABELS = {
    "ghg_scope1": "Scope 1 GHG emissions", "ghg_scope2": "Scope 2 GHG emissions",
    "ghg_scope2_market": "Scope 2 GHG emissions (market-based)", "ghg_scope1_2": "Scope 1 and 2 GHG emissions",
    "ghg_scope3": "Scope 3 GHG emissions", "ghg_total": "total GHG emissions", "ghg_intensity": "GHG intensity",
    "employees_total": "employees", "water_consumption": "water consumption", "energy_total": "total energy consumption",
    "data_center_pue": "PUE", "nox_emissions": "NOx emissions", "sox_emissions": "SOx emissions",
}


def label(metric_id: str) -> str:
    """A readable name of a metric: ``ghg_scope1`` -> ``Scope 1 GHG emissions``."""
    return _LABELS.get(metric_id, metric_id.replace("_", " "))


def readable(value: float, unit: str) -> str:
    """``3418256.0, 'tCO2e'`` -> ``3,418,256 tCO2e (3.42 million)``; shares as ``45.2%``."""
    if unit == "%":
        return f"{value:,.4g}%"
    digits = 0 if float(value).is_integer() else (2 if abs(value) >= 1 else 4)
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    shown = f"{text} {unit}".strip() if unit not in ("1", "") else text
    if abs(value) >= 1e6:
        shown += f" ({value / 1e6:,.2f} million)"
    return shown


def answer(session: Session, question: str) -> Answer:
    """See :meth:`esgtrace.Database.ask`."""
    issuers = stored_issuers(session)
    parsed = parse_question(question, issuers)
    names = {i.id: i.name for i in issuers}
    if parsed.kind == "quantitative":
        return _quantitative(session, parsed, names)
    if parsed.kind == "comparative":
        return _comparative(session, parsed)
    return _qualitative(session, parsed, names)


def _not_found(parsed: Question, missing: list[str]) -> Answer:
    return Answer(parsed.text, "not_found", "Not found in the stored reports: " + "; ".join(missing) + ".",
                  missing=tuple(missing), parsed=parsed.to_json())


def _no_issuer(parsed: Question, names: dict[int, str]) -> list[str]:
    if parsed.named:
        return [f"no stored report of an issuer named {parsed.named!r}"]
    return ["the question names no stored issuer (stored: " + ", ".join(sorted(names.values())) + ")"]


# ---- quantitative ---------------------------------------------------------------------

def _figures(session: Session, issuer_id: int, metric_id: str, breakdown: dict[str, str]) -> dict[str, tuple[FactRow, Report]]:
    """The issuer's facts of a metric and group by period column, each from its most recent report."""
    found: dict[str, list[tuple[FactRow, Report]]] = {}
    for row, report, _ in session.execute(fact_query(session, [str(issuer_id)], [metric_id])):
        if dict(row.breakdown or {}) == breakdown:
            found.setdefault(period_column(row.period), []).append((row, report))
    return {p: max(rows, key=lambda pair: report_recency(pair[1])) for p, rows in found.items()}


def _value(issuer: str, metric_id: str, period: str, row: FactRow, report: Report, value: float | None = None,
           unit: str | None = None, note: str = "") -> AnswerValue:
    shown_value = row.value if value is None else value
    shown_unit = row.unit if unit is None else unit
    groups = ", ".join(f"{v}" for v in (row.breakdown or {}).values())
    what = label(metric_id) + (f" ({groups})" if groups else "")
    printed = f"{row.reported_value} {row.reported_unit}".strip()
    as_printed = f" (printed: {printed})" if value is None and printed != readable(shown_value, shown_unit) else ""
    text = f"{issuer}: {what} in {row.period} = {readable(shown_value, shown_unit)}{as_printed}{note}"
    citation = Citation(report.document, row.page, row.line, row.quote, report.id, row.id)
    return AnswerValue(issuer, metric_id, what, row.period, dict(row.breakdown or {}), shown_value, shown_unit, text,
                       citation, bool(row.restated))


def _quantitative(session: Session, parsed: Question, names: dict[int, str]) -> Answer:
    if not parsed.issuers:
        return _not_found(parsed, _no_issuer(parsed, names) + [f"figures of {', '.join(label(m) for m in parsed.metrics)}"])
    values: list[AnswerValue] = []
    missing: list[str] = []
    lines: list[str] = []
    breakdown = dict(parsed.breakdown)
    for issuer_id in parsed.issuers:
        issuer = names[issuer_id]
        for metric_id in parsed.metrics:
            want = dict(breakdown) if any(k in catalogue_metric(metric_id).breakdowns for k in breakdown) else {}
            if parsed.category and "scope3_category" in catalogue_metric(metric_id).breakdowns:
                want["scope3_category"] = parsed.category
            figures = _figures(session, issuer_id, metric_id, want)
            what = label(metric_id) + (f" ({', '.join(want.values())})" if want else "")
            if not figures:
                missing.append(f"no figure of {what} in the reports of {issuer}")
                continue
            periods = [str(period_year(p) or p) for p in parsed.periods] or [max(figures, key=lambda p: (period_year(p) or 0, p))]
            if parsed.change_since and parsed.change_since not in periods and parsed.periods:
                pass
            for period in periods:
                if period not in figures:
                    have = ", ".join(sorted(figures))
                    missing.append(f"no figure of {what} for {period} in the reports of {issuer} (stored: {have})")
                    continue
                row, report = figures[period]
                if parsed.per:
                    divided = _per(session, parsed.per, issuer_id, issuer, metric_id, period, row, report, missing)
                    if divided is None:
                        continue
                    values.extend(divided)
                    lines.append(divided[0].text)
                else:
                    values.append(_value(issuer, metric_id, period, row, report))
                    lines.append(values[-1].text)
                if parsed.change_since and not parsed.per:
                    base = figures.get(parsed.change_since)
                    if base is None:
                        missing.append(f"no figure of {what} for {parsed.change_since} in the reports of {issuer}")
                        continue
                    base_row, base_report = base
                    values.append(_value(issuer, metric_id, parsed.change_since, base_row, base_report))
                    change = row.value - base_row.value
                    share = f" ({change / base_row.value:+.1%})" if base_row.value else ""
                    lines.append(f"{issuer}: {what} changed by {readable(change, row.unit)}{share} from "
                                 f"{base_row.period} ({readable(base_row.value, base_row.unit)}) to {row.period}")
    if not values:
        return _not_found(parsed, missing)
    kind = "change" if parsed.change_since and len(values) > 1 else "fact"
    text = "\n".join(lines) + ("" if not missing else "\nNot found: " + "; ".join(missing) + ".")
    return Answer(parsed.text, kind, text, values=tuple(values), missing=tuple(missing), parsed=parsed.to_json())


def _per(session: Session, per: str, issuer_id: int, issuer: str, metric_id: str, period: str, row: FactRow,
         report: Report, missing: list[str]) -> list[AnswerValue] | None:
    from esgtrace.store.catalogue import catalogue

    denominator = catalogue().compare.per[per]
    figures = _figures(session, issuer_id, denominator.metric, {})
    if period not in figures:
        missing.append(f"no {label(denominator.metric)} figure for {period} in the reports of {issuer}, to divide by")
        return None
    by_row, by_report = figures[period]
    if not by_row.value:
        missing.append(f"the {label(denominator.metric)} figure for {period} is zero")
        return None
    unit = f"{row.unit}/{denominator.unit or by_row.unit}"
    ratio = _value(issuer, metric_id, period, row, report, row.value / by_row.value, unit,
                   note=f" {denominator.label} ({readable(row.value, row.unit)} / {readable(by_row.value, by_row.unit)})")
    return [ratio, _value(issuer, denominator.metric, period, by_row, by_report)]


# ---- comparative ----------------------------------------------------------------------

def _comparative(session: Session, parsed: Question) -> Answer:
    metric_id = parsed.metrics[0]
    if parsed.disclose and not any(w in parsed.text.casefold() for w in ("highest", "lowest", "most", "least", "最")):
        return _disclosers(session, parsed, metric_id)
    periods = ",".join(parsed.periods) or None
    table = build_comparison(session, metric_id, periods=periods, per=parsed.per)
    if not table.cells:
        return _not_found(parsed, [f"no figure of {label(metric_id)}" + (f" for {periods}" if periods else "") + " in any stored report"])
    column = str(period_year(parsed.periods[0]) or parsed.periods[0]) if parsed.periods else max(table.periods)
    cells = [c for (i, m, p), c in table.cells.items() if p == column and c.value is not None]
    if not cells:
        return _not_found(parsed, [f"no figure of {label(metric_id)} for {column} in any stored report"])
    cells.sort(key=lambda c: (c.value if parsed.lowest else -(c.value or 0.0), c.issuer))
    values = []
    for c in cells:
        citation = Citation(c.document, c.page, c.line, c.quote, c.report_id, c.fact_id)
        text = f"{c.issuer}: {readable(c.value or 0.0, c.unit)}"
        values.append(AnswerValue(c.issuer, metric_id, label(metric_id), c.period, {}, c.value or 0.0, c.unit, text,
                                  citation, c.restated))
    order = "lowest" if parsed.lowest else "highest"
    head = f"{label(metric_id)}{' ' + table.per if table.per else ''} in {column}, {order} first ({len(cells)} issuers with a figure):"
    text = "\n".join([head] + [f"{n}. {v.text} [{v.citation.where}]" for n, v in enumerate(values, 1)])
    return Answer(parsed.text, "comparison", text, values=tuple(values), parsed=parsed.to_json())


def _disclosers(session: Session, parsed: Question, metric_id: str) -> Answer:
    rows = session.execute(fact_query(session, None, [metric_id])).all()
    picked: dict[str, tuple[FactRow, Report, str]] = {}
    for row, report, name in rows:
        groups = dict(row.breakdown or {})
        if parsed.category and groups.get("scope3_category") != parsed.category:
            continue
        if parsed.periods and period_column(row.period) not in {str(period_year(p) or p) for p in parsed.periods}:
            continue
        picked.setdefault(name or report.document, (row, report, name or report.document))
    what = label(metric_id) + (f" category {parsed.category}" if parsed.category else "")
    if not picked:
        return _not_found(parsed, [f"no stored report gives a figure of {what}"])
    values = [_value(name, metric_id, row.period, row, report) for row, report, name in picked.values()]
    text = f"{len(values)} issuer(s) disclose {what}: " + "; ".join(f"{v.issuer} [{v.citation.where}]" for v in values)
    return Answer(parsed.text, "comparison", text, values=tuple(values), parsed=parsed.to_json())


# ---- qualitative ----------------------------------------------------------------------

def retrieve(session: Session, question: str | Question, *, document: str | None = None,
             report_ids: Sequence[int] | None = None, limit: int = 5) -> list[SearchHit]:
    """The passages that best answer a question: its content words, any of them, ranked."""
    parsed = question if isinstance(question, Question) else parse_question(question, stored_issuers(session))
    if not parsed.words:
        return []
    return search_passages(session, any_of(list(parsed.words)), document=document, report_ids=report_ids, limit=limit)


def _qualitative(session: Session, parsed: Question, names: dict[int, str]) -> Answer:
    if parsed.named and not parsed.issuers:
        return _not_found(parsed, _no_issuer(parsed, names))
    report_ids = None
    if parsed.issuers:
        report_ids = list(session.scalars(select(Report.id).where(Report.issuer_id.in_(parsed.issuers))))
    hits = retrieve(session, parsed, report_ids=report_ids, limit=5)
    if not hits:
        return _not_found(parsed, ["no passage of the stored reports" + (" of " + ", ".join(names[i] for i in parsed.issuers) if parsed.issuers else "")
                                   + " matches the question's words"])
    best: dict[int, float] = {}
    for h in hits:
        best[h.report_id] = max(best.get(h.report_id, h.score), h.score)
    grouped = sorted(hits, key=lambda h: (-best[h.report_id], h.report_id, -h.score))
    lines, current = [], None
    for h in grouped:
        if h.report_id != current:
            current = h.report_id
            lines.append(f"{h.document} ({h.issuer or 'issuer unknown'}, {h.period or 'period unknown'}):")
        lines.append(f"  [{h.where}] {h.snippet}")
    return Answer(parsed.text, "passages", "\n".join(lines), passages=tuple(grouped), parsed=parsed.to_json())
