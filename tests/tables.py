"""Reading a small synthetic text table the way the text path reads a report: its lines
into records, parts marked, then each record resolved to facts (a table of year columns,
or one whose columns are groups)."""

from __future__ import annotations

from esgtrace.extract.groupcols import group_column_records
from esgtrace.extract.parts import mark_parts
from esgtrace.extract.resolve import Resolver
from esgtrace.extract.tables import table_records
from esgtrace.ingest.lines import split_lines

Key = tuple[str, str, tuple[tuple[str, str], ...]]
"""(metric, period, sorted breakdown items) of a resolved figure."""


def text_table_facts(text: str, period: str = "2021", year: int = 2021) -> dict[Key, float]:
    """The resolved figures of a text table: (metric, period, breakdown) -> value."""
    resolver = Resolver(period, {None: set()})
    out: dict[Key, float] = {}
    records = table_records(split_lines(text), None, 0, set(), year, (12, 31))
    mark_parts(records)
    for record in records:
        for c in resolver.resolve(record):
            out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), c.normalised.value)
    return out


def group_column_facts(text: str, period: str = "2021", year: int = 2021) -> dict[Key, float]:
    """The resolved figures of a text table whose columns are groups: (metric, period, breakdown) -> value."""
    resolver = Resolver(period, {None: set()})
    out: dict[Key, float] = {}
    for record in group_column_records(split_lines(text), None, set(), year):
        for c in resolver.resolve(record):
            out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), c.normalised.value)
    return out
