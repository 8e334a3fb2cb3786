"""Rows that look like a head count but are not: a staff group's years of service or age
(figures with fractions), and the workforce rows of an injury, illness or grievance table
(the event's count for that group of people). Synthetic text tables, read as the text path
reads a report.
"""

from __future__ import annotations

from tests.tables import Key, text_table_facts


def _facts(text: str, period: str = "2021", year: int = 2021) -> dict[Key, float]:
    return text_table_facts(text, period, year)


_SENIORITY = """PEOPLE
2019 2020 2021
Number of employees 1,200 1,250 1,310
Employees by sector:
Exploration 610 640
Refining 590 610
Seniority (years)
Senior managers 22.08 22.12 22.78
Middle managers 20.01 20.40 19.59
"""


def test_fractional_figures_of_a_staff_group_are_no_head_count() -> None:
    """Years of service per staff group, whose heading the table lost among rows with a
    missing column: a number of people is whole, so "22.08" is no head count."""
    facts = _facts(_SENIORITY)
    assert facts[("employees_total", "2021", ())] == 1310
    assert not [k for k in facts if k[0] == "employees_total" and k[2]]


def test_whole_figures_of_a_staff_group_stay_a_head_count() -> None:
    facts = _facts(_SENIORITY.replace("22.08 22.12 22.78", "40 42 45").replace("20.01 20.40 19.59", "160 170 175"))
    assert facts[("employees_total", "2021", (("category", "Senior managers"),))] == 45
    assert facts[("employees_total", "2020", (("category", "Middle managers"),))] == 170


def test_full_time_equivalents_may_have_fractions() -> None:
    facts = _facts("WORKFORCE\n2020 2021\nEmployees (FTE) 310.5 322.5\n")
    assert facts[("employees_total", "2021", ())] == 322.5


_ILLNESS = """HEALTH
2019 2020 2021
Health impact assessments carried out 13 20 14
Occupational illness notifications received 120 81 73
Employees 12 10 9
Former employees 108 71 64
"""


def test_workforce_row_under_an_illness_row_is_no_head_count() -> None:
    """"Employees 12" right under the notifications row is the employees' notifications."""
    facts = _facts(_ILLNESS)
    assert not [k for k in facts if k[0] == "employees_total"]


_GRIEVANCES = """Grievances by topic
2019 2020 2021
Land management 6 8 12
Employment 16 21 8
Infrastructure 10 4 3
"""


def test_topic_row_of_a_grievance_table_is_no_head_count() -> None:
    """"Employment" in a table whose caption counts grievances is a topic of grievances."""
    facts = _facts(_GRIEVANCES)
    assert not [k for k in facts if k[0] == "employees_total"]


_HEADCOUNT = """WORKFORCE
2019 2020 2021
Board members 9 9 11
Employees 31,321 30,775 31,888
"""


def test_workforce_row_elsewhere_stays_a_head_count() -> None:
    facts = _facts(_HEADCOUNT)
    assert facts[("employees_total", "2021", ())] == 31888
