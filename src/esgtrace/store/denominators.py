"""Denominators of ``compare --per``: the headcount or revenue of an issuer in one period.

A denominator is the figure a report prints (``employees_total`` without a breakdown),
else one the stored facts imply, marked ``implied``: the groups of a complete split
that add up to it (male + female headcount, cross-checked against another split), or
an intensity and the total it divides (``ghg_scope1_2 / ghg_intensity`` when the
intensity is per RMB million of revenue). ``store.yaml`` says which.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from esgtrace.store.catalogue import PerRule, catalogue
from esgtrace.display import show_number, significant_digits
from esgtrace.store.periods import period_column
from esgtrace.store.restatements import report_recency
from esgtrace.store.schema import FactRow, Report


@dataclass(frozen=True)
class Denominator:
    """One denominator value, its unit, and how it was found."""

    value: float
    unit: str
    implied: bool
    how: str
    source: str

    def describe(self) -> str:
        mark = "implied: " if self.implied else ""
        return f"{mark}{self.how} = {show_number(self.value)} {self.unit} ({self.source})"


def _source(report: Report, row: FactRow) -> str:
    where = f"p.{row.page}" if row.page is not None else (f"line {row.line}" if row.line is not None else "")
    return f"{report.document} {where}".strip()


def find_denominators(session: Session, per: str, issuer_ids: Iterable[int], columns: Iterable[str]) -> dict[tuple[int, str], Denominator | str]:
    """``(issuer id, period column) -> Denominator``, or the reason there is none.

    :param per: a key of ``compare.per`` in ``store.yaml`` (``employee``, ``revenue``)
    """
    rules = catalogue().compare
    rule = rules.per[per]
    ids, wanted = set(issuer_ids), set(columns)
    metrics = {rule.metric, *rules.intensities, *(m for ms in rules.intensities.values() for m in ms)}
    facts: dict[tuple[int, str], list[tuple[FactRow, Report]]] = defaultdict(list)
    if ids:
        query = (select(FactRow, Report).join(Report, Report.id == FactRow.report_id)
                 .where(Report.status == "ok", Report.issuer_id.in_(ids), FactRow.metric.in_(metrics)))
        for row, report in session.execute(query):
            column = period_column(row.period)
            if column in wanted and report.issuer_id is not None:
                facts[(report.issuer_id, column)].append((row, report))
    found: dict[tuple[int, str], Denominator | str] = {}
    for issuer_id in ids:
        for column in wanted:
            found[(issuer_id, column)] = _one(rule, rules.intensities, facts.get((issuer_id, column), []))
    return found


def _latest(rows: list[tuple[FactRow, Report]]) -> dict[tuple[str, str], tuple[FactRow, Report]]:
    """One fact per (metric, breakdown): the latest report's."""
    best: dict[tuple[str, str], tuple[FactRow, Report]] = {}
    for row, report in rows:
        key = (row.metric, row.breakdown_key)
        if key not in best or report_recency(report) > report_recency(best[key][1]):
            best[key] = (row, report)
    return best


def _one(rule: PerRule, intensities: dict[str, tuple[str, ...]], rows: list[tuple[FactRow, Report]]) -> Denominator | str:
    facts = _latest(rows)
    printed = facts.get((rule.metric, ""))
    if printed is not None and printed[0].value:
        row, report = printed
        return Denominator(row.value, rule.unit or row.unit, False, rule.metric, _source(report, row))
    summed = _sum_of(rule, facts)
    if summed is not None:
        return summed
    implied = _by_intensity(rule, intensities, facts)
    if implied is not None:
        return implied
    ways = [f"no {rule.metric} fact"]
    if rule.sum_of:
        ways.append(f"no complete {' or '.join(rule.sum_of)} split in whole numbers")
    ways.append(f"no intensity per {rule.label.removeprefix('per ')} with its total")
    return ", ".join(ways)


def _sum_of(rule: PerRule, facts: dict[tuple[str, str], tuple[FactRow, Report]]) -> Denominator | None:
    groups: dict[str, dict[str, tuple[FactRow, Report]]] = defaultdict(dict)
    for (metric, _), (row, report) in facts.items():
        breakdown = dict(row.breakdown or {})
        if metric == rule.metric and len(breakdown) == 1:
            ((key, value),) = breakdown.items()
            groups[key][value.casefold()] = (row, report)
    for key, needed in rule.sum_of.items():
        parts = groups.get(key, {})
        if not needed or any(n not in parts for n in needed) or len(parts) != len(needed):
            continue
        values = [parts[n][0].value for n in needed]
        if any(v != round(v) or v < 0 for v in values):
            continue  # shares printed as counts, or estimates: not a headcount
        total = sum(values)
        agree = disagree = 0
        for other in rule.confirm_with:
            split = groups.get(other, {})
            if len(split) >= 2 and all(r.value == round(r.value) for r, _ in split.values()):
                if sum(r.value for r, _ in split.values()) == total:
                    agree += 1
                else:
                    disagree += 1
        if disagree and not agree:
            return None  # the other splits all add up to something else: no headcount to trust
        row, report = parts[needed[0]]
        how = f"{rule.metric} " + " + ".join(f"[{key}={n}]" for n in needed)
        return Denominator(total, rule.unit or row.unit, True, how, _source(report, row))
    return None


def _by_intensity(rule: PerRule, intensities: dict[str, tuple[str, ...]], facts: dict[tuple[str, str], tuple[FactRow, Report]]) -> Denominator | None:
    pattern = re.compile(rule.intensity_units, re.I)
    candidates: list[tuple[int, Denominator]] = []
    for intensity_metric, totals in intensities.items():
        pair = facts.get((intensity_metric, ""))
        if pair is None or not pair[0].value or "/" not in pair[0].unit:
            continue
        intensity, report = pair
        numerator_unit, denominator_unit = (p.strip() for p in intensity.unit.split("/", 1))
        if not pattern.search(denominator_unit):
            continue
        for total_metric in totals:
            found = facts.get((total_metric, ""))
            if found is None or found[0].unit != numerator_unit or found[0].value <= 0:
                continue
            digits = significant_digits(intensity.reported_value)
            value = float(f"{found[0].value / intensity.value:.{max(digits, 1)}g}")
            how = f"{total_metric} / {intensity_metric} = {show_number(found[0].value)} / {show_number(intensity.value)}"
            candidates.append((digits, Denominator(value, rule.unit or denominator_unit, True, how, _source(report, intensity))))
            break
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]  # the most precise intensity
