"""Figures printed as "Label: value unit" items: one a line, several on one line between
bullets (or the replacement glyph or middle dot text extraction prints for them), and the
items under a heading item that ends with a colon ("Scope 3:"), which give the items that
name only a group the heading's metric. Synthetic lines, one rule each.
"""

from __future__ import annotations

from pathlib import Path

import esgtrace
from esgtrace.extract.colon_lists import colon_list_records
from esgtrace.extract.resolve import Resolver
from esgtrace.ingest.lines import split_lines

Key = tuple[str, str, tuple[tuple[str, str], ...]]


def _facts(text: str, period: str = "2021") -> dict[Key, float]:
    """The resolved figures of the items of a text: (metric, period, breakdown) -> value."""
    resolver = Resolver(period, {None: set()})
    out: dict[Key, float] = {}
    for record in colon_list_records(split_lines(text), None, set()):
        for c in resolver.resolve(record):
            out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), c.normalised.value)
    return out


_STATEMENT = (
    "Verified emissions: \ufffd Scope 1: 1,250 metric tons of CO2 equivalent \ufffd Scope 2 (Location-Based): 8,400 "
    "metric tons of CO2 equivalent \ufffd Scope 2 (Market-Based): 0 metric tons of CO2 equivalent \ufffd Scope 3:\n"
    "Purchased Goods & Services: 40,100 metric tons of CO2 equivalent. \n"
    "Capital Goods: 0 metric tons of CO2 equivalent. \n"
    "Fuel & Energy Related Activities: 730 metric tons of CO2 equivalent. \n"
    "Business Travel: 2,050 metric tons of CO2 equivalent. \n"
    "Figures were verified to a limited level of assurance.\n"
    "Employee Commuting: 900 metric tons of CO2 equivalent. \n"
)


def test_bulleted_items_and_the_heading_that_ends_their_line() -> None:
    facts = _facts(_STATEMENT)
    assert facts[("ghg_scope1", "2021", ())] == 1250
    assert facts[("ghg_scope2", "2021", ())] == 8400
    assert facts[("ghg_scope2_market", "2021", ())] == 0  # a zero is a figure
    # "Scope 3:" ends the line: the lines below are its categories ("&" for "and" too)
    assert facts[("ghg_scope3", "2021", (("scope3_category", "1"),))] == 40100
    assert facts[("ghg_scope3", "2021", (("scope3_category", "2"),))] == 0
    assert facts[("ghg_scope3", "2021", (("scope3_category", "3"),))] == 730
    assert facts[("ghg_scope3", "2021", (("scope3_category", "6"),))] == 2050
    # the sentence ends the list: the item after it has no heading, and names no metric
    assert not any(k[2] == (("scope3_category", "7"),) for k in facts)
    assert len(facts) == 7


def test_a_blank_line_ends_the_heading() -> None:
    text = "Scope 3 emissions:\nBusiness travel: 2,050 tCO2e\n\nEmployee commuting: 900 tCO2e\n"
    facts = _facts(text)
    assert facts == {("ghg_scope3", "2021", (("scope3_category", "6"),)): 2050}


def test_a_new_heading_ends_the_one_above() -> None:
    text = "Scope 3 emissions:\nBusiness travel: 2,050 tCO2e\nWater withdrawal:\nEmployee commuting: 900 tCO2e\n"
    assert _facts(text) == {("ghg_scope3", "2021", (("scope3_category", "6"),)): 2050}


def test_heading_and_items_on_one_line() -> None:
    text = "Scope 3: • Business travel: 2,050 tCO2e • Employee commuting: 900 tCO2e\nCapital goods: 10 tCO2e\n"
    facts = _facts(text)
    assert facts[("ghg_scope3", "2021", (("scope3_category", "6"),))] == 2050
    assert facts[("ghg_scope3", "2021", (("scope3_category", "7"),))] == 900
    # the heading's items end with its line: the next line is no longer under it
    assert len(facts) == 2


def test_middle_dots_and_a_title_before_them() -> None:
    text = "Natural Capital · Energy consumption: 33,755 GWh · Ratio of female employees: 36.3%\n"
    facts = _facts(text)
    assert facts[("energy_total", "2021", ())] == 33_755_000
    assert facts[("employees_female_share", "2021", ())] == 36.3


def test_one_item_a_line_without_heading() -> None:
    assert _facts("Total energy consumption: 12,400 MWh.\n") == {("energy_total", "2021", ()): 12400}


def test_a_heading_that_names_no_metric_gives_its_groups_nothing() -> None:
    text = "Share of sales with a recycling label: • Global: 78% • United States: 81% • Canada: 89%\n"
    assert _facts(text) == {}


def test_stretches_that_are_no_items() -> None:
    assert _facts("Energy consumption: 90% by 2025\n") == {}  # a target, not a figure of the year
    assert _facts("Scope 1 emissions: 25% of salaries are below the benchmark\n") == {}
    # one stretch of a bulleted line that is no item: the line gives nothing
    assert _facts("Scope 1: 1,250 tCO2e • Goal: 50% by 2030\n") == {}


def test_the_unit_must_fit_the_metric() -> None:
    assert _facts("Scope 1: 1,250 MWh\n") == {}


def test_a_bare_figure_gives_nothing() -> None:
    # what it counts, and often its year, is printed elsewhere ("As at the end of 2020")
    assert _facts("Number of employees: 26,673\n") == {}


def test_a_label_with_words_the_metric_does_not_account_for() -> None:
    assert _facts("Number of employees’ training: 8.18 million cases\n") == {}


def test_a_year_caption_beside_the_items() -> None:
    text = "Board diversity.\nEnergy consumption: 1,200 MWh.\nAs at the end of 2020.\n"
    assert _facts(text) == {}
    assert _facts("Board diversity.\nEnergy consumption: 1,200 MWh.\nSee the data table.\n")


def test_a_sentence_tail_is_no_label() -> None:
    text = "Intensity fell from 41.2 kg CO2e/m² to 39.5 kg CO2e/m² (Scope 1+2 only: 35.1 kg CO2e/m²)\n"
    assert _facts(text) == {}


def test_items_in_a_report(tmp_path: Path) -> None:
    report = tmp_path / "example_sustainability_2021.txt"
    report.write_text("Example Holdings Sustainability Report 2021\n\n" + _STATEMENT, encoding="utf-8")
    facts = {(f.metric, tuple(sorted(f.breakdown.items()))): f for f in esgtrace.extract(report).facts}
    market = facts[("ghg_scope2_market", ())]
    assert market.value == 0 and market.quote == "Scope 2 (Market-Based): 0 metric tons of CO2 equivalent"
    category = facts[("ghg_scope3", (("scope3_category", "1"),))]
    assert category.value == 40100 and category.line == 4
