"""A table whose block heading names a part of the business after "in" or "on" ("Energy
consumption in the portfolio", "Key figures on business operations") holds that part's
figures: a report that keeps one footprint per part prints no company total there.
Synthetic text tables, read as the text path reads a report.
"""

from __future__ import annotations

from tests.tables import text_table_facts

_PORTFOLIO = """Key figures Unit 2021 2020
Energy consumption in the portfolio
Energy consumption MWh 4,500,000 4,300,000
Water consumption m³ 52,000,000 45,000,000
"""

_OPERATIONS = """Key figures Unit 2021 2020
Energy consumption in business operations
Energy consumption MWh 28,000 30,000
"""


def test_a_block_heading_names_the_segment_of_its_rows() -> None:
    facts = text_table_facts(_PORTFOLIO)
    assert facts[("energy_total", "2021", (("segment", "portfolio"),))] == 4500000
    assert facts[("water_consumption", "2020", (("segment", "portfolio"),))] == 45000000
    assert ("energy_total", "2021", ()) not in facts


def test_each_block_keeps_its_own_segment() -> None:
    facts = text_table_facts(_OPERATIONS)
    assert facts[("energy_total", "2021", (("segment", "business operations"),))] == 28000
    assert ("energy_total", "2021", ()) not in facts


def test_a_heading_naming_no_segment_gives_the_company_figure() -> None:
    facts = text_table_facts(_PORTFOLIO.replace(" in the portfolio", " in total"))
    assert facts[("energy_total", "2021", ())] == 4500000
