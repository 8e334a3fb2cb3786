"""A group named inside a label after the metric's name ("Proportion of female employees in
senior management (%)"): the figure is that group's, never the whole workforce's.
Synthetic text tables, read as the text path reads a report.
"""

from __future__ import annotations

from esgtrace.extract.parts import mark_parts
from esgtrace.extract.resolve import Resolver
from esgtrace.extract.tables import table_records
from esgtrace.ingest.lines import split_lines

Key = tuple[str, str, tuple[tuple[str, str], ...]]


def _facts(text: str) -> dict[Key, float]:
    resolver = Resolver("2021", {None: set()})
    out: dict[Key, float] = {}
    records = table_records(split_lines(text), None, 0, set(), 2021, (12, 31))
    mark_parts(records)
    for record in records:
        for c in resolver.resolve(record):
            out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), c.normalised.value)
    return out


def test_a_share_within_a_staff_group_is_that_groups() -> None:
    facts = _facts("DIVERSITY\n2019 2020 2021\nTotal employees 1,000 1,100 1,200\n"
                   "Proportion of female employees in senior management (%) 20 22 25\n"
                   "Female employees (%) 40 41 42\n")
    assert facts[("employees_female_share", "2021", (("category", "senior management"),))] == 25
    assert facts[("employees_female_share", "2021", ())] == 42  # the workforce's own share, not the group's
