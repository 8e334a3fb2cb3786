"""Write disclosure results as JSON-ready dicts and as an Excel workbook (openpyxl)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from esgtrace.disclose.model import DisclosureResult

RATE_AREAS = ("environmental", "social", "mandatory", "climate", "environmental_kpis", "social_kpis")


def rate_rows(results: Sequence[DisclosureResult]) -> list[dict[str, Any]]:
    """One row per report: issuer, period, version and the disclosure rate of each area.

    :param results: disclosure results of one or more reports
    """
    rows = []
    for r in results:
        row: dict[str, Any] = {"issuer": r.issuer, "period": r.period, "document": r.document, "version": r.version}
        for area in RATE_AREAS:
            row[area] = r.rates.get(area, {}).get("disclosure_rate")
        row["index"] = len(r.index_rows) if r.index_found else None
        row["mismatches"] = len(r.mismatches)
        rows.append(row)
    return rows


def to_xlsx(results: Sequence[DisclosureResult], path: str | Path) -> Path:
    """Save the item matrix, rates, content index rows and mismatches of ``results`` to ``path``.

    :param results: one or more disclosure results (one block of rows per report)
    :param path: the ``.xlsx`` file to write
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = {
        "items": ["document", "version", "item", "short name", "area", "obligation", "status", "confidence", "page", "line", "quote", "reason"],
        "rates": ["issuer", "period", "document", "version", *RATE_AREAS, "index", "mismatches"],
        "index": ["document", "framework", "item", "label", "claim", "where", "claimed pages", "obligation claimed", "page", "line"],
        "mismatches": ["document", "item", "code", "severity", "claim", "status", "message"],
    }
    first = True
    for name, header in sheets.items():
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        first = False
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for r in results:
        for s in r.items:
            e = s.evidence[0] if s.evidence else None
            book["items"].append([r.document, r.version, s.item, s.short_name, s.subject_area, s.obligation, s.status,
                                  s.confidence, e.page if e else None, e.line if e else None, e.quote if e else "", s.reason])
        for row in (*r.index_rows, *r.other_index_rows):
            book["index"].append([r.document, row.framework, row.item, row.label, row.claim, row.where,
                                  ", ".join(map(str, row.pages)), row.obligation_claimed, row.page, row.line])
        for m in r.mismatches:
            book["mismatches"].append([r.document, m.item, m.code, m.severity, m.claim, m.status, m.message])
    for rates in rate_rows(results):
        book["rates"].append(list(rates.values()))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target
