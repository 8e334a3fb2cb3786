"""Precision of table rows: a unit column after the year columns, and a row that is no part
of the parent above it."""

from __future__ import annotations

from tests.tables import text_table_facts


def test_trailing_unit_cell_is_no_heading_of_the_row_below() -> None:
    # "Suppliers" closing each row is the row's unit (the header's "Unit" column follows the
    # years): it names no metric heading for the region rows below it
    text = (
        "Supply chain 2019 2020 2021 Unit.\n"
        "Number of primary suppliers that benefited from innovation support\n"
        "Total 145 28 30 Suppliers\n"
        "Overseas 23 0 0 Suppliers\n"
        "Korea 122 28 30 Suppliers\n"
    )
    facts = text_table_facts(text)
    assert not any(metric == "suppliers_total" for metric, _, _ in facts)


def test_trailing_unit_cell_keeps_the_rows_below() -> None:
    text = (
        "Waste management 2019 2020 2021 Unit.\n"
        "General waste 777 835 903 Tonnes.\n"
        "Hazardous waste 321 345 421 Tonnes.\n"
    )
    facts = text_table_facts(text)
    assert facts[("non_hazardous_waste", "2021", ())] == 903
    assert facts[("hazardous_waste", "2021", ())] == 421


def test_row_as_large_as_its_parent_is_no_part_of_it() -> None:
    # "Waste processed" names no metric and prints the whole: "Recycled" below it is a part of
    # the waste processed, not of the hazardous waste above
    text = (
        "Waste management 2019 2020 2021 Unit.\n"
        "Waste generated 1,099,197 1,181,741 1,324,972 Tonnes.\n"
        "Hazardous waste 321,627 345,866 421,219 Tonnes.\n"
        "Waste processed 1,099,197 1,181,741 1,324,972 Tonnes.\n"
        "Recycled 1,045,122 1,125,037 1,268,985 Tonnes.\n"
    )
    facts = text_table_facts(text)
    assert facts[("hazardous_waste", "2021", ())] == 421219
    assert not any(dict(b).get("treatment") for _, _, b in facts)


def test_small_unnamed_row_keeps_the_parent() -> None:
    # a row naming no metric but smaller than the parent does not end the parent's block
    text = (
        "Energy 2019 2020 2021 Unit.\n"
        "Total energy consumption 500 600 700 MWh.\n"
        "Miscellaneous 5 6 7 MWh.\n"
        "Diesel 50 60 70 MWh.\n"
    )
    facts = text_table_facts(text)
    assert any(dict(b).get("fuel") for _, _, b in facts) or ("energy_total", "2021", ()) in facts
