"""How text reports (no word positions) print their tables, case by case: real lines of
corpus text reports and generated tables (hypothesis) for each case, read into the same
records as the PDF path.

Cases: bulleted part rows flattened after their total on one line ("... tonnes 154.18
128.79 104.25 – Vehicle plants tonnes 154.18 126.67 102.63 – Others tonnes N/A 2.12
1.62"), which are the total's breakdown only when they add up to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import esgtrace

from tests.tables import Key, text_table_facts


def _facts(text: str, period: str = "2021", year: int = 2021) -> dict[Key, float]:
    return text_table_facts(text, period, year)


@pytest.fixture(scope="module")
def geely(corpus: Path) -> list[esgtrace.Fact]:
    return esgtrace.extract(corpus / "more" / "text" / "geely_esg_2021.txt").facts


# ---- bulleted parts flattened after their total ------------------------------------------

_GEELY_ROWS = """Names of the Indicator Unit 2019 2020 2021.
Pollutant emissions.
Nitrogen oxides (NOx) emission tonnes 154.18 128.79 104.25 – Vehicle plants tonnes 154.18 126.67 102.63 – Others tonnes N/A 2.12 1.62.
Natural gas standard cubic meter N/A 59,609,987 57,650,819 – Vehicle plants standard cubic meter N/A 59,134,643 56,441,274 – Others standard cubic meter N/A 475,344 1,209,545.
"""


def test_real_flattened_part_rows_are_segments() -> None:
    """Lines of a real text KPI appendix: the bulleted rows after each total on its line
    add up to it, so they are its parts, by segment, in its unit."""
    facts = _facts(_GEELY_ROWS)
    assert facts[("nox_emissions", "2020", ())] == 128790.0
    assert facts[("nox_emissions", "2020", (("segment", "Vehicle plants"),))] == 126670.0
    assert facts[("nox_emissions", "2021", (("segment", "Others"),))] == 1620.0
    assert ("nox_emissions", "2019", (("segment", "Others"),)) not in facts  # N/A
    # a fuel row (no parent metric of its own) splits the same way; "standard cubic meter" is m3
    assert facts[("natural_gas", "2021", (("segment", "Vehicle plants"),))] == 56441274.0


def test_parts_that_do_not_add_up_are_no_segments() -> None:
    text = _GEELY_ROWS.replace("126.67", "120.67")
    facts = _facts(text)
    assert facts[("nox_emissions", "2020", ())] == 128790.0
    assert not [k for k in facts if k[0] == "nox_emissions" and k[2]]


def test_known_groups_among_the_parts_are_left_to_the_vocabulary() -> None:
    """"– Male" / "– Female" are genders: the rule of parts does not rename them."""
    text = "Indicator Unit 2020 2021\nTotal employees person 100 120 – Male person 60 70 – Female person 40 50\n"
    facts = _facts(text)
    assert facts[("employees_total", "2021", ())] == 120
    assert not [k for k in facts if ("segment", "Male") in k[2]]


def test_geely_segment_rows(geely: list[esgtrace.Fact]) -> None:
    by = {(f.metric, f.period, tuple(sorted(f.breakdown.items()))): f.value for f in geely}
    assert by[("ghg_scope1", "2021", (("segment", "Vehicle plants"),))] == 147374.0
    assert by[("ghg_scope2", "2020", (("segment", "Others"),))] == 120746.0
    # the part rows of "Water consumed for production" disagree with those of "Total water
    # consumption": the total's parts win
    assert by[("water_consumption", "2021", (("segment", "Others"),))] == 1288000.0


@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(st.sampled_from(["Plants", "Offices", "Subsidiaries", "Headquarters", "Retail stores"]),
                   min_size=2, max_size=3, unique=True),
    values=st.lists(st.lists(st.integers(1, 90_000), min_size=2, max_size=2), min_size=3, max_size=3),
    dash=st.sampled_from(["–", "-", "•"]),
    flat=st.booleans(),
    off=st.integers(0, 2),
)
def test_generated_part_rows(names: list[str], values: list[list[int]], dash: str, flat: bool, off: int) -> None:
    """Parts on the total's line or on lines of their own; with a wrong total they are no
    segments (``off`` > 0 adds to the total's last figure)."""
    parts = values[: len(names)]
    totals = [sum(p[c] for p in parts) for c in range(2)]
    totals[1] += off * 1000
    sep = " " if flat else "\n"
    rows = sep.join(f"{dash} {n} tCO2e {p[0]:,} {p[1]:,}" for n, p in zip(names, parts))
    text = f"Indicator Unit 2020 2021\nScope 1 GHG emissions tCO2e {totals[0]:,} {totals[1]:,}{sep}{rows}\n"
    facts = _facts(text)
    assert facts[("ghg_scope1", "2021", ())] == totals[1]
    for n, p in zip(names, parts):
        key = ("ghg_scope1", "2020", (("segment", n),))
        if off:
            assert key not in facts
        else:
            assert facts[key] == p[0]


# ---- heading rows without figures: a new block, a key that ends, groups of the heading ------

_GEELY_HEADINGS = """Names of the Indicator Unit 2019 2020 2021.
Total employees at year end person 42,785 38,376 44,157.
Employees at year end by region.
North China person N/A 1,181 2,051.
Overseas person N/A 121 106.
Number of members in the highest governing body at year end.
Members in the highest governance body person 11 11 13.
Employee rights and benefits.
Percentage of labor contract signed % 100 100 100.
Percentage of employee training by types of employees.
Senior management % 100 100 100.
General employees % 100 100 100.
"""


def test_real_heading_rows_end_the_key_above() -> None:
    """A heading that names no metric and no group starts a new block: the rows below it
    are not regions of the headcount (the key "by region" of a heading above has ended)."""
    facts = _facts(_GEELY_HEADINGS)
    assert facts[("employees_total", "2021", (("region", "North China"),))] == 2051
    assert facts[("board_size", "2021", ())] == 13  # GRI's "highest governance body"
    assert not [k for k in facts if k[0] in ("employees_total", "employees_share") and "Percentage" in str(k[2])]
    assert not [k for k in facts if "highest" in str(k[2]) or "labor" in str(k[2])]
    # "General employees" under the trained-share heading is a staff group of it, not a headcount
    assert facts[("employees_trained_share", "2020", (("category", "General employees"),))] == 100
    assert facts[("employees_trained_share", "2020", (("category", "Senior management"),))] == 100
    assert not [k for k in facts if k[0] == "employees_share"]


@settings(max_examples=30, deadline=None)
@given(
    region=st.sampled_from(["North China", "Europe", "Overseas", "Asia"]),
    heading=st.sampled_from(["Employee rights and benefits.", "Employee welfare.", "Health and Safety."]),
    row=st.sampled_from(["Percentage of labor contract signed", "Proportion of staff with insurance",
                         "Share of contracts signed"]),
    value=st.integers(1, 99),
)
def test_generated_heading_rows_end_the_key(region: str, heading: str, row: str, value: int) -> None:
    text = (f"Indicator Unit 2020 2021\nTotal employees person 50 60\nEmployees by region\n{region} person 10 {value + 10}\n"
            f"{heading}\n{row} % {value} {value}\n")
    facts = _facts(text)
    assert facts[("employees_total", "2021", (("region", region),))] == value + 10
    assert not [k for k in facts if row in str(k[2])]
