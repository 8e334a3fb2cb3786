"""Tables whose columns are breakdown groups of one period (extract/groupcols.py)."""

from __future__ import annotations

from esgtrace.extract.groupcols import group_column_records
from esgtrace.ingest.lines import split_lines
from tests.tables import group_column_facts

GENDER = """Our workforce
Male Female Total
Number of employees 1,200 800 2,000
"""

AGE = """Employees by age group
Under 30 30-50 Over 50 Total
Number of employees 300 500 200 1,000
"""

# an EEO-1 style table: names one a line, wrapped names, blocks closed by their totals
EEO = """Workforce data for U.S. employees
Job Categories.
Total Male Female.
White.
Asian.
Native Hawaiian.
Or Pacific Islander.
Overall Totals.
White.
Asian.
Native Hawaiian.
Or Pacific Islander.
Total Male.
White.
Asian.
Native Hawaiian.
Or Pacific Islander.
Total Female.
Technicians 50% 40% 10% 100% 30% 30% 5% 65% 20% 10% 5% 35%
Total 60% 30% 10% 100% 40% 20% 5% 65% 20% 10% 5% 35%
These data are representative of calendar year 2020.
"""


def test_gender_columns_give_each_group_and_the_total() -> None:
    facts = group_column_facts(GENDER)
    assert facts[("employees_total", "2021", (("gender", "male"),))] == 1200
    assert facts[("employees_total", "2021", (("gender", "female"),))] == 800
    assert facts[("employees_total", "2021", ())] == 2000


def test_age_band_columns() -> None:
    facts = group_column_facts(AGE)
    assert facts[("employees_total", "2021", (("age", "Under 30"),))] == 300
    assert facts[("employees_total", "2021", (("age", "30-50"),))] == 500
    assert len(facts) == 4


def test_groups_that_do_not_add_up_to_the_total_give_nothing() -> None:
    assert group_column_facts(GENDER.replace("2,000", "2,500")) == {}


def test_a_row_with_another_number_of_figures_gives_nothing() -> None:
    assert group_column_facts(GENDER.replace("1,200 800 2,000", "1,200 800 2,000 1,900")) == {}


def test_an_unknown_column_name_gives_nothing() -> None:
    assert group_column_facts(GENDER.replace("Male Female Total", "Male Robots Total")) == {}


def test_eeo_table_blocks_take_the_gender_of_their_total() -> None:
    facts = group_column_facts(EEO)
    us = ("region", "U.S.")
    tech = ("category", "Technicians")
    assert facts[("employees_share", "2020", (tech, ("ethnicity", "White"), us))] == 50
    assert facts[("employees_share", "2020", (tech, ("ethnicity", "Native Hawaiian Or Pacific Islander"), us))] == 10
    assert facts[("employees_share", "2020", (tech, ("ethnicity", "Asian"), ("gender", "male"), us))] == 30
    assert facts[("employees_share", "2020", (tech, ("gender", "male"), us))] == 65
    # the women's total is the women's share; Asian women stay a share of the workforce
    assert facts[("employees_female_share", "2020", (tech, us))] == 35
    assert facts[("employees_share", "2020", (tech, ("ethnicity", "Asian"), ("gender", "female"), us))] == 10
    assert facts[("employees_female_share", "2020", (us,))] == 35
    assert ("employees_share", "2020", (tech, us)) not in facts  # the row's 100% is no figure
    assert len(facts) == 22


def test_eeo_table_of_differences_gives_nothing() -> None:
    # a comparison with peers prints differences in points: parts below zero are no shares
    rows = EEO.replace("Technicians 50% 40% 10% 100%", "Technicians 5% -4% -1% 0%")
    assert not any(k[2] and ("category", "Technicians") in k[2] for k in group_column_facts(rows))


def test_a_note_naming_another_year_without_saying_it_is_the_tables_gives_nothing() -> None:
    assert group_column_facts(EEO.replace("calendar year 2020", "the 2020 filing")) == {}


def test_without_a_stated_year_the_table_takes_the_reports_period() -> None:
    facts = group_column_facts(EEO.replace("These data are representative of calendar year 2020.\n", ""))
    assert facts and {k[1] for k in facts} == {"2021"}


# each group printed as a count and a share ("Number | Percentage" pairs)
PAIRS = """Employees
Male Female Total
Number % Number % Number %
Under 30 60 60.0% 40 40.0% 100 100.0%
Over 50 30 75.0% 10 25.0% 40 100.0%
"""


def test_number_and_percentage_pairs_give_counts_and_shares() -> None:
    facts = group_column_facts(PAIRS)
    young = ("age", "Under 30")
    assert facts[("employees_total", "2021", (young, ("gender", "male")))] == 60
    assert facts[("employees_total", "2021", (young,))] == 100
    # a share beside its count is left out, but for the women's share (a metric of its own)
    assert ("employees_share", "2021", (young, ("gender", "male"))) not in facts
    assert facts[("employees_female_share", "2021", (young,))] == 40
    assert ("employees_share", "2021", (young,)) not in facts  # the row's 100% is no figure
    assert facts[("employees_total", "2021", (("age", "Over 50"), ("gender", "female")))] == 10


def test_a_share_under_number_gives_nothing() -> None:
    assert group_column_facts(PAIRS.replace("Under 30 60 60.0%", "Under 30 60% 60.0%")).keys() == {
        k for k in group_column_facts(PAIRS) if ("age", "Under 30") not in k[2]}


# a spanning line of genders over the same age bands repeated: shares of each gender's people
SPAN = """Employees
Male Female
Under 30 30-50 Over 50 Under 30 30-50 Over 50
Percentage of employees 20% 50% 30% 10% 60% 30%
Turnover rate 12% 8% 5% 15% 9% 6%
"""


def test_a_spanning_line_names_blocks_of_repeated_groups() -> None:
    facts = group_column_facts(SPAN)
    assert facts[("employees_share", "2021", (("age", "Under 30"), ("gender", "male")))] == 20
    assert facts[("employees_share", "2021", (("age", "30-50"), ("gender", "female")))] == 60
    # rates of each group do not add up to a whole: no reading of their columns is checked
    assert not any(k[0] == "turnover_rate" for k in facts)


def test_the_label_columns_heading_may_lead_the_line_of_groups() -> None:
    facts = group_column_facts(GENDER.replace("Male Female Total", "Indicator Male Female Total"))
    assert facts[("employees_total", "2021", (("gender", "female"),))] == 800
    rows = """Employees
Job category Male Female Total
Managers 30 20 50
"""
    facts = group_column_facts(rows)
    assert facts[("employees_total", "2021", (("category", "Managers"), ("gender", "male")))] == 30
    assert facts[("employees_total", "2021", (("category", "Managers"),))] == 50


def test_a_stated_year_that_is_the_reports_takes_the_reports_period() -> None:
    facts = group_column_facts(EEO.replace("calendar year 2020", "calendar year 2021"), period="FY2021")
    assert facts and {k[1] for k in facts} == {"FY2021"}


def test_the_total_column_may_come_first() -> None:
    facts = group_column_facts(GENDER.replace("Male Female Total", "Total Male Female").replace(
        "1,200 800 2,000", "2,000 1,200 800"))
    assert facts[("employees_total", "2021", ())] == 2000
    assert facts[("employees_total", "2021", (("gender", "male"),))] == 1200


def test_a_period_alone_above_the_groups_is_the_tables() -> None:
    facts = group_column_facts(GENDER.replace("Our workforce", "2020"))
    assert facts[("employees_total", "2020", (("gender", "male"),))] == 1200
    assert {k[1] for k in facts} == {"2020"}


def test_each_quote_is_printed_on_its_row_line() -> None:
    lines = split_lines(EEO)
    texts = {ln.number: ln.text for ln in lines}
    records = group_column_records(lines, None, set(), 2021)
    assert records
    for record in records:
        assert record.quote in texts[record.line], record.quote  # never the title joined on from lines above
