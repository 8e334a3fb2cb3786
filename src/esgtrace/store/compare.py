"""``compare``: one issuers x periods table per metric, in canonical units, every cell traced.

Totals (facts without a breakdown) are compared, or the groups of one breakdown
(``breakdown="source"`` or ``"source=solar"``), one row per issuer and group. When
several reports give the same figure, the cell takes the most recent report (see
:func:`~esgtrace.store.restatements.report_recency`) and is marked restated if the
reports disagree. ``per`` divides each cell by a denominator of the same issuer and
period (:mod:`esgtrace.store.denominators`): printed, or implied (marked so) by a
breakdown that adds up to it or by an intensity and its total.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from esgtrace.errors import OutputError
from esgtrace.store.catalogue import catalogue
from esgtrace.store.denominators import Denominator, find_denominators
from esgtrace.store.errors import BadChoice
from esgtrace.store.periods import parse_periods, period_column
from esgtrace.store.query import as_list, check_metrics, check_periods, fact_query, parse_breakdown
from esgtrace.store.restatements import report_recency
from esgtrace.store.schema import FactRow, Report

FORMATS = ("table", "csv", "json", "xlsx")


@dataclass(frozen=True)
class Cell:
    """One issuer's value of one metric for one period, and where it was printed."""

    issuer: str
    metric: str
    period: str
    value: float | None
    unit: str
    document: str
    page: int | None
    line: int | None
    quote: str
    report_id: int
    fact_id: int
    restated: bool = False
    reports: int = 1
    denominator: float | None = None
    note: str | None = None
    breakdown: dict[str, str] = field(default_factory=dict)
    reported_value: str = ""
    implied: bool = False
    issuer_id: int | None = None

    @property
    def source(self) -> str:
        where = f"p.{self.page}" if self.page is not None else (f"line {self.line}" if self.line is not None else "")
        return f"{self.document} {where}".strip()


@dataclass
class Comparison:
    """Cells keyed by (issuer, metric, period column), with the row and column order."""

    metrics: list[str]
    issuers: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str, str], Cell] = field(default_factory=dict)
    per: str | None = None
    breakdown: str | None = None
    #: (issuer, metric) pairs asked for that have no cell, with the reason
    missing: list[tuple[str, str, str]] = field(default_factory=list)

    def cell(self, issuer: str, metric: str, period: str) -> Cell | None:
        return self.cells.get((issuer, metric, period))

    def unit(self, issuer: str, metric: str) -> str:
        units = {c.unit for (i, m, _), c in self.cells.items() if i == issuer and m == metric and c.value is not None}
        return " / ".join(sorted(units))

    def records(self) -> list[dict[str, Any]]:
        """One dict per cell (long form), in row and column order."""
        return [asdict(self.cells[k]) | {"source": self.cells[k].source} for k in self._keys()]

    def _keys(self) -> list[tuple[str, str, str]]:
        return [(i, m, p) for m in self.metrics for i in self.issuers for p in self.periods if (i, m, p) in self.cells]

    def grid(self) -> tuple[list[str], list[list[Any]]]:
        """The sheet layout: a row per issuer and metric; per period a value, source and restated column."""
        header = ["issuer", "metric", "unit"]
        for p in self.periods:
            header += [p, f"{p} source", f"{p} restated"]
        rows = []
        for metric in self.metrics:
            for issuer in self.issuers:
                if not any((issuer, metric, p) in self.cells for p in self.periods):
                    continue
                row: list[Any] = [issuer, metric, self.unit(issuer, metric)]
                for p in self.periods:
                    c = self.cell(issuer, metric, p)
                    row += [c.value, c.source, c.restated] if c else [None, None, None]
                rows.append(row)
        return header, rows

    def to_json(self) -> dict[str, Any]:
        return {"metrics": self.metrics, "per": self.per, "breakdown": self.breakdown, "issuers": self.issuers,
                "periods": self.periods, "cells": self.records()}

    def to_pandas(self) -> Any:
        """The cells as a pandas ``DataFrame``, one row per cell (long form); needs pandas."""
        import pandas as pd

        columns = [f.name for f in Cell.__dataclass_fields__.values()] + ["source"]
        return pd.DataFrame(self.records(), columns=columns)

    def write(self, format: str, path: str | Path) -> Path:
        """Save as ``csv``, ``json`` or ``xlsx`` (one sheet ``compare``, one sheet ``cells``)."""
        target = Path(path)
        try:
            self._write(format, target)
        except OSError as error:
            raise OutputError(target, error.strerror or str(error)) from None
        return target

    def _write(self, format: str, target: Path) -> None:
        if format == "json":
            target.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False), encoding="utf-8")
        elif format == "csv":
            header, rows = self.grid()
            with target.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        elif format == "xlsx":
            from esgtrace.store.xlsx import write_xlsx

            header, rows = self.grid()
            records = self.records()
            cell_header = list(records[0]) if records else ["issuer"]
            write_xlsx(target, {"compare": (header, rows), "cells": (cell_header, [list(r.values()) for r in records])})
        else:
            raise BadChoice("compare format", format, "csv, json or xlsx when writing a file")


def build_comparison(session: Session, metrics: str | Sequence[str], *, issuers: str | Sequence[str] | None = None,
                     periods: str | None = None, per: str | None = None, latest: bool = True,
                     breakdown: str | None = None) -> Comparison:
    """See :meth:`esgtrace.Database.compare`.

    :param metrics: metric ids (a list, or separated by commas)
    :param issuers: ids, names or tickers of the issuers to show (all when ``None``)
    :param periods: years or a range, ``"2021-2023"`` (all when ``None``)
    :param per: a denominator named in ``store.yaml`` (``employee``, ``revenue``)
    :param latest: take each figure from the most recent report that gives it; ``False``
        for the earliest, i.e. as first reported before any restatement
    :param breakdown: ``KEY`` (each group of that key a row) or ``KEY=VALUE`` (that group)
    :raises BadChoice: no metric given, or an unknown ``per``
    :raises UnknownChoice: an unknown metric id, period or breakdown key
    :raises IssuerNotFound: an issuer matches nothing
    """
    wanted_metrics = as_list(metrics)
    if not wanted_metrics:
        raise BadChoice("metrics", metrics, "one metric id or more, separated by commas")
    check_metrics(wanted_metrics)
    denominators = catalogue().compare.per
    if per is not None and per not in denominators:
        raise BadChoice("--per", per, " or ".join(denominators))
    wanted_periods = parse_periods(periods)
    check_periods(session, periods)
    group_key, group_value = parse_breakdown(breakdown)
    picked: dict[tuple[str, str, str], list[tuple[FactRow, Report]]] = {}
    names = as_list(issuers)
    query = fact_query(session, names, wanted_metrics)
    if group_key is None:
        query = query.where(FactRow.breakdown_key == "")
    asked: dict[int, str] = {}
    for row, report, issuer in session.execute(query):
        groups = dict(row.breakdown or {})
        if group_key is not None and (set(groups) != {group_key} or (
                group_value is not None and groups[group_key].casefold() != group_value.casefold())):
            continue
        column = period_column(row.period)
        if wanted_periods is not None and column not in wanted_periods:
            continue
        label = issuer or f"({report.document})"
        if group_key is not None:
            label = f"{label} [{group_key}={groups[group_key]}]"
        if report.issuer_id is not None:
            asked[report.issuer_id] = issuer
        picked.setdefault((label, row.metric, column), []).append((row, report))
    table = Comparison(metrics=wanted_metrics, per=per, breakdown=breakdown)
    chosen = {key: _pick(key, found, latest) for key, found in picked.items()}
    found_by: dict[tuple[str, str], list[Cell]] = {}
    for key, cell in chosen.items():
        found_by.setdefault((key[0], key[1]), []).append(cell)
    divisors: dict[tuple[int, str], Denominator | str] = {}
    if per is not None:
        issuer_ids = {c.issuer_id for c in chosen.values() if c.issuer_id is not None}
        divisors = find_denominators(session, per, issuer_ids, {k[2] for k in chosen})
    for (issuer, metric, column), cell in chosen.items():
        if per is not None:
            cell = _divide(cell, divisors.get((cell.issuer_id or -1, column)), per)
        table.cells[(issuer, metric, column)] = cell
    table.issuers = sorted({k[0] for k in table.cells}, key=str.casefold)
    table.periods = sorted({k[2] for k in table.cells})
    for name in names or []:
        _note_missing(session, table, name, found_by, wanted_periods is not None)
    return table


def _note_missing(session: Session, table: Comparison, name: str, found_by: dict[tuple[str, str], list[Cell]],
                  filtered: bool) -> None:
    """Say why an issuer asked for by name has no row for a metric."""
    from esgtrace.store.issuers import find_issuer

    issuer = find_issuer(session, name)
    for metric in table.metrics:
        if any(label == issuer.name or label.startswith(f"{issuer.name} [") for label, m in found_by if m == metric):
            continue
        what = f"{metric} [{table.breakdown}]" if table.breakdown else metric
        table.missing.append((issuer.name, metric, f"no stored {what} fact" + (" in these periods" if filtered else "")))


def _pick(key: tuple[str, str, str], found: list[tuple[FactRow, Report]], latest: bool) -> Cell:
    row, report = (max if latest else min)(found, key=lambda pair: report_recency(pair[1]))
    return Cell(issuer=key[0], metric=key[1], period=key[2], value=row.value, unit=row.unit, document=report.document,
                page=row.page, line=row.line, quote=row.quote, report_id=report.id, fact_id=row.id,
                restated=any(r.restated for r, _ in found), reports=len({rep.id for _, rep in found}),
                breakdown=dict(row.breakdown or {}), reported_value=row.reported_value or "",
                issuer_id=report.issuer_id)


def _divide(cell: Cell, by: Denominator | str | None, per: str) -> Cell:
    label = catalogue().compare.per[per].label
    if not isinstance(by, Denominator) or not by.value:
        reason = by if isinstance(by, str) else "the report names no issuer"
        return replace(cell, value=None, reported_value="", note=f"no {label} denominator for {cell.period}: {reason}")
    return replace(cell, value=cell.value / by.value if cell.value is not None else None, reported_value="",
                   unit=f"{cell.unit}/{by.unit}", denominator=by.value, implied=by.implied,
                   note=f"{label}: {by.describe()}")
