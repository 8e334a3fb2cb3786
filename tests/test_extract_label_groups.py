"""A group named inside a label after the metric's name ("Proportion of female employees in
senior management (%)"): the figure is that group's, never the whole workforce's.
Synthetic text tables, read as the text path reads a report.
"""

from __future__ import annotations

from tests.tables import Key, text_table_facts


def _facts(text: str) -> dict[Key, float]:
    return text_table_facts(text, "2021", 2021)


def test_a_share_within_a_staff_group_is_that_groups() -> None:
    facts = _facts("DIVERSITY\n2019 2020 2021\nTotal employees 1,000 1,100 1,200\n"
                   "Proportion of female employees in senior management (%) 20 22 25\n"
                   "Female employees (%) 40 41 42\n")
    assert facts[("employees_female_share", "2021", (("category", "senior management"),))] == 25
    assert facts[("employees_female_share", "2021", ())] == 42  # the workforce's own share, not the group's
