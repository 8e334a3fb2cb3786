"""``export``: every stored fact in long form and in wide form, as CSV, Parquet, Excel or JSON.

Long form is one row per fact with its issuer, report and provenance, and a reviewer's
latest verdict (``reviewed``: correct, wrong or corrected, with ``reviewed_value``, by and
at) where there is one. Wide form is one
row per issuer and period and one column per figure, named ``metric[breakdown] (unit)``,
holding the value of the most recent report (as ``compare`` picks it). CSV and Parquet
hold one table per file, so the wide table goes beside the long one as
``NAME_wide.csv``; Excel and JSON hold both in one file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esgtrace.store.errors import BadChoice
from esgtrace.store.periods import period_column
from esgtrace.store.restatements import report_recency

if TYPE_CHECKING:
    from esgtrace.store.database import Database

FORMATS = ("csv", "parquet", "xlsx", "json")
FORMS = ("both", "long", "wide")
# Nested fields become JSON text in flat formats (CSV, Parquet, Excel).
_NESTED = ("breakdown", "notes", "sources")

LONG_COLUMNS = (
    "issuer", "issuer_id", "report_id", "report_period", "document", "sha256", "company", "metric",
    "period", "period_start", "period_end", "breakdown", "value", "unit", "reported_value",
    "reported_unit", "page", "line", "quote", "method", "confidence", "notes", "sources",
    "restated", "latest", "reviewed", "reviewed_value", "reviewed_by", "reviewed_at",
)


def long_rows(db: Database) -> list[dict[str, Any]]:
    """Every fact of every stored report; ``latest`` marks the one ``compare`` would show."""
    from esgtrace.store.query import fact_query

    from esgtrace.store.reviews import latest_reviews

    rows: list[dict[str, Any]] = []
    best: dict[tuple[Any, ...], tuple[Any, int]] = {}
    with db.sessions() as session:
        found = session.execute(fact_query(session, None, None)).all()
        reviews = latest_reviews(session, [fact for fact, _, _ in found])
        for fact, report, issuer in found:
            record = {c: getattr(fact, c, None) for c in LONG_COLUMNS}
            review = reviews.get(fact.id)
            if review is not None:  # "export says which values were reviewed"
                record.update(reviewed=review.verdict, reviewed_value=review.reviewed_value,
                              reviewed_by=review.reviewer, reviewed_at=review.reviewed_at.isoformat())
            record.update(issuer=issuer, issuer_id=report.issuer_id, report_period=report.period, latest=False)
            key = (report.issuer_id or f"report {report.id}", fact.metric, period_column(fact.period), fact.breakdown_key)
            recency = report_recency(report)
            if key not in best or recency > best[key][0]:
                best[key] = (recency, len(rows))
            rows.append(record)
    for _, index in best.values():
        rows[index]["latest"] = True
    return rows


def column_name(record: dict[str, Any]) -> str:
    """``ghg_scope1 (tCO2e)``, ``employees_total[gender=female] (persons)``."""
    groups = ",".join(f"{k}={v}" for k, v in sorted((record["breakdown"] or {}).items()))
    return f"{record['metric']}{f'[{groups}]' if groups else ''} ({record['unit']})"


def wide_rows(long: Sequence[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """One row per issuer and period, one column per figure, latest values only."""
    table: dict[tuple[str, str], dict[str, Any]] = {}
    columns: set[str] = set()
    for record in long:
        if not record["latest"]:
            continue
        issuer = record["issuer"] or f"({record['document']})"
        row = table.setdefault((issuer, period_column(record["period"])), {"issuer": issuer, "period": period_column(record["period"])})
        name = column_name(record)
        row[name] = record["value"]
        columns.add(name)
    header = ["issuer", "period", *sorted(columns)]
    ordered = [table[k] for k in sorted(table, key=lambda k: (k[0].casefold(), k[1]))]
    return header, [{c: row.get(c) for c in header} for row in ordered]


def export_facts(db: Database, format: str, path: str | Path | None = None, form: str = "both") -> list[Path]:
    """Write the facts of ``db``; returns the files written.

    :param format: ``csv``, ``parquet``, ``xlsx`` or ``json``
    :param path: the file to write (default ``esgtrace_facts.<format>``)
    :param form: ``long``, ``wide`` or ``both``
    :raises BadChoice: an unknown format or form
    """
    if format not in FORMATS:
        raise BadChoice("export format", format, ", ".join(FORMATS))
    if form not in FORMS:
        raise BadChoice("export form", form, ", ".join(FORMS))
    target = Path(path) if path is not None else Path(f"esgtrace_facts.{format}")
    long = long_rows(db)
    header, wide = wide_rows(long)
    tables: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}
    if form in ("both", "long"):
        tables["facts"] = (list(LONG_COLUMNS), long)
    if form in ("both", "wide"):
        tables["wide"] = (header, wide)
    if format == "json":
        target.write_text(json.dumps({name: rows for name, (_, rows) in tables.items()}, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
        return [target]
    if format == "xlsx":
        write_xlsx(target, {name: (cols, [[_flat(r.get(c)) for c in cols] for r in rows]) for name, (cols, rows) in tables.items()})
        return [target]
    written = []
    for name, (cols, rows) in tables.items():
        out = target if name == "facts" or form == "wide" else target.with_name(f"{target.stem}_wide{target.suffix}")
        (_write_csv if format == "csv" else _write_parquet)(out, cols, rows)
        written.append(out)
    return written


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([[_flat(r.get(c)) for c in columns] for r in rows])


def _write_parquet(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"issuer_id": pa.int64(), "report_id": pa.int64(), "page": pa.int64(), "line": pa.int64(),
             "value": pa.float64(), "confidence": pa.float64(), "restated": pa.bool_(), "latest": pa.bool_(), "reviewed_value": pa.float64()}
    # Wide-form figure columns are all numbers; everything else is text.
    fields = [pa.field(c, types.get(c, pa.float64() if "(" in c and c not in _NESTED else pa.string())) for c in columns]
    data = {c: [_flat(r.get(c)) for r in rows] for c in columns}
    pq.write_table(pa.table(data, schema=pa.schema(fields)), path)


def write_xlsx(path: Path, sheets: dict[str, tuple[list[str], list[list[Any]]]]) -> None:
    """An Excel workbook with one sheet per entry, a bold frozen header row on each."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    book.remove(book.active)
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([_flat(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a quote such as "= 1,234" is text, not a formula
    book.save(path)
