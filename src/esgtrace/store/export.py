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
from typing import Any, BinaryIO

from sqlalchemy.orm import Session, sessionmaker

from esgtrace.errors import OutputError
from esgtrace.store.errors import BadChoice
from esgtrace.store.periods import period_column
from esgtrace.store.query import fact_query
from esgtrace.store.restatements import report_recency
from esgtrace.store.xlsx import write_xlsx

FORMATS = ("csv", "parquet", "xlsx", "json")
FORMS = ("both", "long", "wide", "targets", "all")  # all: long, wide and targets
# Nested fields become JSON text in flat formats (CSV, Parquet, Excel).
_NESTED = ("breakdown", "notes", "sources")

LONG_COLUMNS = (
    "issuer", "issuer_id", "report_id", "report_period", "document", "sha256", "company", "metric",
    "period", "period_start", "period_end", "breakdown", "value", "unit", "reported_value",
    "reported_unit", "page", "line", "quote", "method", "confidence", "notes", "sources",
    "restated", "latest", "reviewed", "reviewed_value", "reviewed_by", "reviewed_at",
)


def long_rows(sessions: sessionmaker[Session]) -> list[dict[str, Any]]:
    """Every fact of every stored report; ``latest`` marks the one ``compare`` would show."""
    from esgtrace.store.reviews import latest_reviews

    rows: list[dict[str, Any]] = []
    best: dict[tuple[Any, ...], tuple[Any, int]] = {}
    with sessions() as session:
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
    """One row per issuer and period, one column per figure, latest values only.

    The period is the label the issuer's facts of that year print (``FY2017``), the same
    as in the long form; ``printed`` (not a column) keeps each figure as printed.
    """
    table: dict[tuple[str, str], dict[str, Any]] = {}
    labels: dict[tuple[str, str], dict[str, int]] = {}
    columns: set[str] = set()
    for record in long:
        if not record["latest"]:
            continue
        issuer = record["issuer"] or f"({record['document']})"
        key = (issuer, period_column(record["period"]))
        row = table.setdefault(key, {"issuer": issuer, "period": key[1], "printed": {}})
        seen = labels.setdefault(key, {})
        seen[record["period"]] = seen.get(record["period"], 0) + 1
        name = column_name(record)
        row[name] = record["value"]
        row["printed"][name] = record.get("reported_value") or ""
        columns.add(name)
    for key, row in table.items():
        row["period"] = max(labels[key].items(), key=lambda item: (item[1], item[0]))[0]
    header = ["issuer", "period", *sorted(columns)]
    ordered = [table[k] for k in sorted(table, key=lambda k: (k[0].casefold(), k[1]))]
    return header, [{c: row.get(c) for c in header} | {"printed": row["printed"]} for row in ordered]


def _breakdown_columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    keys = sorted({k for r in rows for k in (r.get("breakdown") or {})})
    return [f"breakdown {k}" for k in keys]


def export_facts(sessions: sessionmaker[Session], format: str, path: str | Path | None = None, form: str = "both",
                 stream: BinaryIO | None = None,
                 targets: tuple[list[str], list[dict[str, Any]]] | None = None) -> list[Path]:
    """Write every stored fact; returns the files written.

    :param format: ``csv``, ``parquet``, ``xlsx`` or ``json``
    :param path: the file to write (default ``esgtrace_facts.<format>``, unless ``stream``)
    :param form: ``long``, ``wide``, ``both``, ``targets`` (the stored targets, tracked across
        each issuer's reports) or ``all`` (long, wide and targets)
    :param stream: write here instead of a file when ``path`` is ``None`` (CSV and Parquet
        then hold the long form only, unless ``form="wide"``)
    :param targets: the target table (columns, rows) for ``form="targets"`` or ``"all"``
    :raises BadChoice: an unknown format or form
    :raises OutputError: the file cannot be written
    """
    if format not in FORMATS:
        raise BadChoice("export format", format, ", ".join(FORMATS))
    if form not in FORMS:
        raise BadChoice("export form", form, ", ".join(FORMS))
    target = Path(path) if path is not None else Path(f"esgtrace_facts.{format}")
    long = long_rows(sessions)
    header, wide = wide_rows(long)
    tables: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}
    if form in ("both", "long", "all"):
        tables["facts"] = (list(LONG_COLUMNS), long)
    if form in ("both", "wide", "all"):
        tables["wide"] = (header, wide)
    if form in ("targets", "all"):
        tables["targets"] = targets or ([], [])
    to_stream = stream is not None and path is None
    try:
        if format == "json":
            text = json.dumps({name: [{k: v for k, v in r.items() if k != "printed"} for r in rows]
                               for name, (_, rows) in tables.items()}, indent=1, ensure_ascii=False, default=str)
            _emit(stream if to_stream else None, target, text.encode("utf-8"))
            return [] if to_stream else [target]
        if format == "xlsx":
            import io

            buffer = io.BytesIO()
            _excel(buffer, tables)
            _emit(stream if to_stream else None, target, buffer.getvalue())
            return [] if to_stream else [target]
        written = []
        for name, (cols, rows) in tables.items():
            if to_stream and len(tables) > 1 and name != next(iter(tables)):
                continue  # one table per stream: the first (--form wide or targets for the others)
            out = target if name == next(iter(tables)) else target.with_name(f"{target.stem}_{name}{target.suffix}")
            data = _csv_bytes(cols, rows) if format == "csv" else _parquet_bytes(cols, rows)
            _emit(stream if to_stream else None, out, data)
            if not to_stream:
                written.append(out)
        return written
    except OSError as error:
        raise OutputError(target, error.strerror or str(error)) from None


def _emit(stream: BinaryIO | None, path: Path, data: bytes) -> None:
    if stream is not None:
        stream.write(data)
        stream.flush()
    else:
        path.write_bytes(data)


def _excel(handle: Any, tables: dict[str, tuple[list[str], list[dict[str, Any]]]]) -> None:
    """Excel: breakdowns as columns of their own (``breakdown gender``), notes as text."""
    sheets: dict[str, tuple[list[str], list[list[Any]]]] = {}
    printed: dict[str, list[dict[int, str]]] = {}
    for name, (cols, rows) in tables.items():
        if name == "facts":
            groups = _breakdown_columns(rows)
            at = cols.index("breakdown")
            header = [*cols[:at], *groups, *cols[at + 1:]]
            body = [[*(r.get(c) for c in cols[:at]), *((r.get("breakdown") or {}).get(g.removeprefix("breakdown ")) for g in groups),
                     *("; ".join(r.get(c) or []) if c == "notes" else _flat(r.get(c)) for c in cols[at + 1:])] for r in rows]
            value_at = header.index("value")
            printed[name] = [{value_at: r.get("reported_value") or ""} for r in rows]
        else:
            header = cols
            body = [[_flat(r.get(c)) for c in cols] for r in rows]
            printed[name] = [{n: r.get("printed", {}).get(c, "") for n, c in enumerate(cols) if c in r.get("printed", {})} for r in rows]
        sheets[name] = (header, body)
    write_xlsx(handle, sheets, printed)


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def _csv_bytes(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([[_flat(r.get(c)) for c in columns] for r in rows])
    return buffer.getvalue().encode("utf-8")


def _parquet_bytes(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    import io

    buffer = io.BytesIO()
    _write_parquet(buffer, columns, rows)
    return buffer.getvalue()


def _write_parquet(path: Any, columns: list[str], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"issuer_id": pa.int64(), "report_id": pa.int64(), "page": pa.int64(), "line": pa.int64(),
             "baseline_year": pa.int64(), "target_year": pa.int64(), "change_value": pa.float64(),
             "value": pa.float64(), "confidence": pa.float64(), "restated": pa.bool_(), "latest": pa.bool_(), "reviewed_value": pa.float64()}
    # Wide-form figure columns are all numbers; everything else is text.
    fields = [pa.field(c, types.get(c, pa.float64() if "(" in c and c not in _NESTED else pa.string())) for c in columns]
    data = {c: [_flat(r.get(c)) for r in rows] for c in columns}
    pq.write_table(pa.table(data, schema=pa.schema(fields)), path)
