"""Disclose: which HKEX ESG Guide / Code items a report discloses, explains or omits,
and whether its own content index tells the truth.

>>> import esgtrace
>>> result = esgtrace.disclosure("report.pdf")            # doctest: +SKIP
>>> result.rates["environmental"]["disclosure_rate"]        # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from esgtrace.disclose import analyse as _analyse
from esgtrace.disclose import catalogue as _catalogue
from esgtrace.disclose.frameworks import read_framework_scan
from esgtrace.disclose.index import read_index
from esgtrace.disclose.model import STATUSES, DisclosureResult, IndexRow, ItemStatus, Mismatch
from esgtrace.disclose.passages import passages as _passages
from esgtrace.disclose.verify import mismatches as _mismatches
from esgtrace.errors import EsgtraceError
from esgtrace.ingest import Document, parse
from esgtrace.settings import Options

__all__ = ["disclosure", "stored_disclosures", "DisclosureOptions", "DisclosureResult", "ItemStatus", "IndexRow", "Mismatch"]

_AREAS = ("environmental", "social", "mandatory", "climate", "governance", "environmental_kpis", "social_kpis")
_KPI_ID = re.compile(r"[AB]\d\.\d+")
_GRI_CODE = re.compile(r"\b(?:GRI\s*)?[1-4]0\d-\d{1,2}\b")


class DisclosureOptions(Options):
    """Settings of :func:`disclosure`.

    :param use_extract: call ``esgtrace.extract`` for facts when it exists and no facts are given
    """

    use_extract: bool = True


def disclosure(
    path_or_document: str | Path | Document,
    version: str | None = None,
    facts: Sequence[Any] | None = None,
    options: DisclosureOptions | dict[str, Any] | None = None,
) -> DisclosureResult:
    """Check a report item by item against the HKEX ESG Reporting Guide / Code.

    :param path_or_document: a report file or an already parsed :class:`Document`
    :param version: ``pre2020``, ``2020`` or ``2025``; by default the version in force for
        the report's financial year (from its period start, else its period label)
    :param facts: extracted facts (each with ``.metric``, ``.page``, ``.line``, ``.quote``);
        by default ``esgtrace.extract`` is called when it is available
    :param options: :class:`DisclosureOptions`, a dict of them, or ``None``
    :raises esgtrace.errors.InputError: the file cannot be read
    :raises esgtrace.errors.SettingError: ``version`` is not a known version
    """
    opts = DisclosureOptions.resolve(options)
    doc = path_or_document if isinstance(path_or_document, Document) else parse(path_or_document)
    catalogue = _catalogue.load()
    chosen, source = _version(doc, version, catalogue)
    notes: list[str] = []
    if facts is None and opts.use_extract:
        facts, note = _extracted(doc)
        if note:
            notes.append(note)
    facts = list(facts or [])
    scan = read_index(doc, catalogue)
    other_rows, other_places = read_framework_scan(doc, catalogue)
    body = _passages(doc, skip=set(scan.places) | set(other_places))
    items = _analyse.analyse(body, catalogue, chosen.id, facts, doc.paginated)
    items = _analyse.with_index_statements(items, scan.rows, doc.paginated, other_rows, catalogue)
    found = _mismatches(scan.rows, items, body, doc, catalogue, chosen.id) if scan.found else []
    if scan.found and not doc.paginated:
        notes.append("the text has no page breaks: claimed page numbers could not be checked")
    if not scan.found:
        notes.append("no HKEX content index found")
    elif sum(len(_GRI_CODE.findall(r.text)) for r in scan.rows) >= 5:
        notes.append("the HKEX rows come from a GRI content index that maps HKEX items: page claims are the GRI rows' pages")
    return DisclosureResult(
        document=doc.name,
        sha256=doc.sha256,
        issuer=doc.issuer,
        period=doc.period,
        version=chosen.id,
        version_label=chosen.label,
        version_source=source,
        items=tuple(items),
        rates=rates(items),
        index_rows=scan.rows,
        other_index_rows=tuple(other_rows),
        index_found=scan.found,
        index_pages=scan.pages if doc.paginated else (),
        mismatches=tuple(found),
        facts_used=len(facts),
        notes=tuple(notes),
    )


def stored_disclosures(issuer: str | None = None, db: Any = None, version: str | None = None,
                       parse_options: dict[str, Any] | None = None, errors: list[str] | None = None) -> list[DisclosureResult]:
    """Run :func:`disclosure` on every stored report of ``issuer`` and store the matrices.

    :param issuer: part of an issuer name, a ticker or an id; ``None`` or ``all`` for every report
    :param db: an :class:`esgtrace.Database`, its address, or ``None`` for the default database
    :param version: force one HKEX version for all reports
    :param parse_options: :class:`esgtrace.ParseOptions` fields (``password``, ``max_size``)
    :param errors: collects the reports that cannot be read again (moved, encrypted), which
        are then left out; without it the first one raises
    :raises esgtrace.store.IssuerNotFound: no stored report matches ``issuer``
    """
    from esgtrace.disclose import store
    from esgtrace.store import Database, IssuerNotFound

    database = db if isinstance(db, Database) else Database(db)
    found = store.stored_reports(database, issuer)
    if not found:
        raise IssuerNotFound(issuer or "all")
    results = []
    for _, path in found:
        try:
            doc = parse(path, parse_options)
        except EsgtraceError as error:
            if errors is None:
                raise
            errors.append(str(error))
            continue
        result = disclosure(doc, version=version)
        store.save(database, result)
        results.append(result)
    return results


def rates(items: Sequence[ItemStatus]) -> dict[str, dict[str, float | int | None]]:
    """Counts and rates per subject area; ``mandatory`` groups items whose obligation is mandatory,
    ``environmental_kpis`` / ``social_kpis`` the KPIs of an area without its general disclosures.

    :param items: the item matrix
    """
    table: dict[str, dict[str, float | int | None]] = {}
    for area in _AREAS:
        group = [s for s in items if _in_area(s, area)]
        counts: dict[str, float | int | None] = {k: sum(1 for s in group if s.status == k) for k in STATUSES}
        counts["items"] = len(group)
        counts["disclosure_rate"] = round(100 * int(counts["disclosed"] or 0) / len(group), 1) if group else None
        addressed = len(group) - int(counts["missing"] or 0)
        counts["addressed_rate"] = round(100 * addressed / len(group), 1) if group else None
        table[area] = counts
    return table


def _in_area(status: ItemStatus, area: str) -> bool:
    if area == "mandatory":
        return status.obligation == "mandatory"
    if area.endswith("_kpis"):  # the KPIs alone, as HKEX-wide studies count them
        return status.subject_area == area.removesuffix("_kpis") and bool(_KPI_ID.fullmatch(status.item))
    return status.subject_area == area


def _version(doc: Document, wanted: str | None, catalogue: _catalogue.Catalogue) -> tuple[_catalogue.Version, str]:
    if wanted:
        return catalogue.version(wanted), "option"
    if doc.period_start:
        return catalogue.version_for(doc.period_start), "period_start"
    year = re.search(r"(?:19|20)\d\d", doc.period or "")
    if year:  # a bare year label: the financial year is taken to start on 1 January
        return catalogue.version_for(f"{year.group(0)}-01-01"), "period"
    return catalogue.versions[-1], "default"


def _extracted(doc: Document) -> tuple[list[Any], str]:
    import esgtrace

    extract = getattr(esgtrace, "extract", None)
    if extract is None:
        return [], "extraction not available: quantitative items judged from figures in the text"
    try:
        return list(extract(doc.path).facts), ""
    except Exception as error:  # noqa: BLE001 - extraction trouble must not stop the disclosure check
        return [], f"extraction failed ({type(error).__name__}): quantitative items judged from figures in the text"
