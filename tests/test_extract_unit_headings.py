"""A line of non-period column headings, each with its unit, starts another table: the year
columns of a header above it (a chart's legend) do not reach the rows below it."""

from __future__ import annotations

from tests.tables import text_table_facts

_SITES = (
    "2019年 2020年 2021年\n"
    "废气排放 甲厂排放量（吨） 乙厂排放量（吨） 丙厂排放量（吨）\n"
    "氮氧化物 0.45 0.60 0.72\n"
    "颗粒物 0.12 0.54 0.58\n"
)

_YEARS = (
    "2019年 2020年 2021年\n"
    "氮氧化物（吨） 0.45 0.60 0.72\n"
    "颗粒物（吨） 0.12 0.54 0.58\n"
)


def test_site_columns_are_not_read_as_the_years_above() -> None:
    facts = text_table_facts(_SITES)
    assert not any(key[0] in {"nox_emissions", "particulate_emissions"} for key in facts)


def test_rows_under_the_year_header_are_still_read() -> None:
    facts = text_table_facts(_YEARS)
    assert facts[("nox_emissions", "2019", ())] == 450.0
    assert facts[("particulate_emissions", "2021", ())] == 580.0
