"""``compare``: one issuers x periods table per metric, in canonical units, every cell traced.

Only totals (facts without a breakdown) are compared. When several reports give the
same figure, the cell takes the most recent report (see
:func:`~esgtrace.store.restatements.report_recency`) and is marked restated if the
reports disagree. ``per`` divides each cell by a denominator metric of the same
issuer and period (``store.yaml`` names it), e.g. emissions per employee.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from esgtrace.store.catalogue import Denominator, catalogue
from esgtrace.store.errors import BadChoice
from esgtrace.store.periods import parse_periods, period_column
from esgtrace.store.query import as_list, fact_query
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

    def cell(self, issuer: str, metric: str, period: str) -> Cell | None:
        return self.cells.get((issuer, metric, period))

    def unit(self, issuer: str, metric: str) -> str:
        units = {c.unit for (i, m, _), c in self.cells.items() if i == issuer and m == metric}
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
        return {"metrics": self.metrics, "per": self.per, "issuers": self.issuers, "periods": self.periods,
                "cells": self.records()}

    def write(self, format: str, path: str | Path) -> Path:
        """Save as ``csv``, ``json`` or ``xlsx`` (one sheet ``compare``, one sheet ``cells``)."""
        target = Path(path)
        if format == "json":
            target.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False), encoding="utf-8")
        elif format == "csv":
            header, rows = self.grid()
            with target.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        elif format == "xlsx":
            from esgtrace.store.export import write_xlsx

            header, rows = self.grid()
            records = self.records()
            cell_header = list(records[0]) if records else ["issuer"]
            write_xlsx(target, {"compare": (header, rows), "cells": (cell_header, [list(r.values()) for r in records])})
        else:
            raise BadChoice("compare format", format, "csv, json or xlsx when writing a file")
        return target


def build_comparison(session: Session, metrics: str | Sequence[str], *, issuers: str | Sequence[str] | None = None,
                     periods: str | None = None, per: str | None = None, latest: bool = True) -> Comparison:
    """See :meth:`esgtrace.Database.compare`.

    :param metrics: metric ids (a list, or separated by commas)
    :param issuers: ids, names or tickers of the issuers to show (all when ``None``)
    :param periods: years or a range, ``"2021-2023"`` (all when ``None``)
    :param per: a denominator named in ``store.yaml`` (``employee``, ``revenue``)
    :param latest: take each figure from the most recent report that gives it; ``False``
        for the earliest, i.e. as first reported before any restatement
    :raises BadChoice: no metric given, or an unknown ``per``
    :raises IssuerNotFound: an issuer matches nothing
    """
    wanted_metrics = as_list(metrics)
    if not wanted_metrics:
        raise BadChoice("metrics", metrics, "one metric id or more, separated by commas")
    denominators = catalogue().compare.per
    if per is not None and per not in denominators:
        raise BadChoice("--per", per, " or ".join(denominators))
    denominator = denominators[per].metric if per else None
    wanted_periods = parse_periods(periods)
    picked: dict[tuple[str, str, str], list[tuple[FactRow, Report]]] = {}
    names = as_list(issuers)
    query_metrics = wanted_metrics + ([denominator] if denominator else [])
    for row, report, issuer in session.execute(fact_query(session, names, query_metrics).where(FactRow.breakdown_key == "")):
        column = period_column(row.period)
        if wanted_periods is not None and column not in wanted_periods:
            continue
        label = issuer or f"({report.document})"
        picked.setdefault((label, row.metric, column), []).append((row, report))
    table = Comparison(metrics=wanted_metrics, per=per)
    chosen = {key: _pick(key, found, latest) for key, found in picked.items()}
    for (issuer, metric, column), cell in chosen.items():
        if metric not in wanted_metrics:
            continue
        if denominator and per:
            cell = _divide(cell, chosen.get((issuer, denominator, column)), denominators[per])
        table.cells[(issuer, metric, column)] = cell
    table.issuers = sorted({k[0] for k in table.cells}, key=str.casefold)
    table.periods = sorted({k[2] for k in table.cells})
    return table


def _pick(key: tuple[str, str, str], found: list[tuple[FactRow, Report]], latest: bool) -> Cell:
    row, report = (max if latest else min)(found, key=lambda pair: report_recency(pair[1]))
    return Cell(issuer=key[0], metric=key[1], period=key[2], value=row.value, unit=row.unit, document=report.document,
                page=row.page, line=row.line, quote=row.quote, report_id=report.id, fact_id=row.id,
                restated=any(r.restated for r, _ in found), reports=len({rep.id for _, rep in found}))


def _divide(cell: Cell, by: Cell | None, per: Denominator) -> Cell:
    if by is None or not by.value:
        return Cell(**{**asdict(cell), "value": None, "note": f"no {per.label} denominator for this period"})
    return Cell(**{**asdict(cell), "value": cell.value / by.value if cell.value is not None else None,
                   "unit": f"{cell.unit}/{per.unit or by.unit}", "denominator": by.value,
                   "note": f"{per.label}: {by.metric} = {by.value:g} ({by.source})"})
