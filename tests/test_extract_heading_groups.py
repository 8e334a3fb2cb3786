"""Groups a table names in its headings and row labels: a heading's own group ("Employees
abroad by category:") holds for the rows below it; education levels and job positions are
their own keys; a staff group keeps the name it is printed with; a kind of a metric that the
catalogue knows as a group ("... with water stress") keeps that group's key; the board's size
has no groups. Synthetic text tables, read as the text path reads a report.
"""

from __future__ import annotations

from esgtrace.extract.parts import mark_parts
from esgtrace.extract.resolve import Resolver, kinds_of_one_metric
from esgtrace.extract.tables import table_records
from esgtrace.ingest.lines import split_lines
from tests.tables import text_table_facts

_STAFF = """PEOPLE
2020 2021
Employees at year end (number) 30,775 31,888
Italy 21,170 20,632
Abroad 9,605 11,256
Employees abroad by category:
Locals 8,327 9,951
Expatriates 1,278 1,305
Employees by educational qualification:
Degree 15,345 15,583
Secondary school diploma 12,826 13,564
Employees by professional category:
Senior managers 965 939
Middle managers 9,172 9,053
"""


def test_a_heading_names_the_group_of_the_rows_below_it() -> None:
    facts = text_table_facts(_STAFF)
    assert facts[("employees_total", "2021", (("region", "Abroad"),))] == 11256
    assert facts[("employees_total", "2021", (("category", "Locals"), ("region", "Abroad")))] == 9951
    assert ("employees_total", "2021", (("category", "Locals"),)) not in facts


def test_education_levels_are_their_own_key() -> None:
    facts = text_table_facts(_STAFF)
    assert facts[("employees_total", "2021", (("education", "Degree"),))] == 15583
    assert facts[("employees_total", "2020", (("education", "Secondary school diploma"),))] == 12826
    assert not [k for k in facts if ("category", "Degree") in k[2]]


def test_a_staff_group_keeps_its_printed_name() -> None:
    facts = text_table_facts(_STAFF)
    assert facts[("employees_total", "2021", (("category", "Senior managers"),))] == 939
    assert facts[("employees_total", "2021", (("category", "Middle managers"),))] == 9053


def test_a_heading_keeps_its_group_when_more_follows_its_key() -> None:
    """"Employees abroad by category (at year end ...)": words after the key that name no
    group (a note, a row the text ran in) do not hide the group the subject names."""
    facts = text_table_facts(_STAFF.replace("Employees abroad by category:", "Employees abroad by category (at year end, 2021 scope)"))
    assert facts[("employees_total", "2021", (("category", "Locals"), ("region", "Abroad")))] == 9951


_WATER = """WATER
Unit 2021 2020
Total water consumption from all areas megaliters 9,376 7,666
Total water consumption from all areas with water stress megaliters 1,011 588
"""


def test_a_kind_the_catalogue_names_keeps_its_key() -> None:
    """Two rows of one metric, one narrowed by words the catalogue knows as a group ("areas
    with water stress"): that row is the group, under its key, not a "category" of its words."""
    resolver = Resolver("2021", {None: set()})
    records = table_records(split_lines(_WATER), None, 0, set(), 2021, (12, 31))
    mark_parts(records)
    candidates = kinds_of_one_metric([c for r in records for c in resolver.resolve(r)])
    facts = {(c.metric.id, c.period, tuple(sorted(c.breakdown.items()))): c.normalised.value
             for c in candidates if c.metric.id == "water_consumption"}
    assert facts[("water_consumption", "2021", ())] == 9376000
    assert facts[("water_consumption", "2021", (("region", "areas with water stress"),))] == 1011000
    assert not [k for k in facts if ("category" in dict(k[2]))]


_TRAINING = """TRAINING
Names of the Indicator Unit 2020 2021
Average training hours per employee by positions.
Research hour 54.70 83.86
Technical hour 74.09 85.83
"""


def test_job_positions_are_their_own_key() -> None:
    """"... by positions": research, technical are job functions, not staff levels."""
    facts = text_table_facts(_TRAINING)
    assert facts[("training_hours_avg", "2021", (("position", "Research"),))] == 83.86
    assert not [k for k in facts if "category" in dict(k[2])]


_BOARD = """GOVERNANCE
Names of the Indicator Unit 2020 2021
Members in the highest governance body person 11 13
Female members in the highest governance body person 1 3
"""


def test_the_board_size_is_a_figure_of_the_whole_board() -> None:
    """"Female members ..." is no board size of women: the board's size has no groups."""
    facts = text_table_facts(_BOARD)
    assert facts[("board_size", "2021", ())] == 13
    assert not [k for k in facts if k[0] == "board_size" and k[2]]


def test_a_functional_area_is_no_job_position() -> None:
    from esgtrace.extract.labels import announced_key

    assert announced_key("Average training hours per employee by positions")[0] == "position"  # type: ignore[index]
    found = announced_key("Average number of employees by functional area")
    assert found is None or found[0] != "position"
