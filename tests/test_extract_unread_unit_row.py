"""In a table with a unit column, a full row of figures on a line of its own after a unit
that is not read is not read either, and its label does not run on into the next row's:
the next row's figures are not filed under the first row's label."""

from __future__ import annotations

from tests.tables import text_table_facts

_WATER = (
    "Water Unit 2019 2020 2021 2022 2023\n"
    "Scope 1 emissions MtCO2e 50.1 41.7 33.2 31.8 32.1\n"
    "Freshwater consumption intensity t consumed/\n"
    "t production\n"
    "0.3 0.3 0.2 0.2 0.2\n"
    "Discharges to water – Exploration, \n"
    "production and LNG\n"
    "mass of produced water managed\n"
    "per unit of mass production\n"
    "t/t 0.7 0.6 0.4 0.4 0.4\n"
)


def test_next_rows_figures_are_not_the_unread_rows() -> None:
    facts = text_table_facts(_WATER, "2023", 2023)
    assert not any(key[0] == "water_intensity" for key in facts)
    assert facts[("ghg_scope1", "2019", ())] == 50_100_000.0
