"""Rows that name figures of another subject or quantity than the table's parent: a share of
products (not of staff) under a share heading, a withdrawal (not a consumption) under a
subject heading; a whole row another row narrows (not a kind of its metric); and a column
header year the text put on its own line (not a figure). Synthetic text reports, read as a
reader of the whole report reads them.
"""

from __future__ import annotations

from pathlib import Path

import esgtrace

Key = tuple[str, str, tuple[tuple[str, str], ...]]


def _facts(tmp_path: Path, text: str) -> dict[Key, float]:
    path = tmp_path / "report_2021.txt"
    path.write_text(text, encoding="utf-8")
    result = esgtrace.extract(path)
    return {(f.metric, f.period, tuple(sorted(f.breakdown.items()))): f.value for f in result.facts}


_SAFETY = """Sustainability report 2021

SAFETY
2019 2020 2021
Occupational Illness Frequency Rate
Employees (number/million work hours) 0.84 1.877 2.15
Data coverage (% of employees) 98% 98% 98%
Percentage of Vehicle Models Rated With an Overall 5-Star Safety Rating, by Region
Canada 51% 56% 54%
Australia 83% 88% 100%
"""


def test_a_share_of_products_by_region_is_no_share_of_employees(tmp_path: Path) -> None:
    facts = _facts(tmp_path, _SAFETY)
    assert not [k for k in facts if k[2]], facts


_WATER = """Sustainability report 2021

ENVIRONMENTAL
2019 2020 2021
Water
Total Water Withdrawal by Source (megaliters) 31,255 25,554 25,340
Groundwater 3,186 2,572 2,649
Total Water Consumption from All Areas (megaliters) 9,376 7,666 7,602
Total Water Consumption from All Areas with Water Stress (megaliters) 1,011 588 795
"""


def test_a_withdrawal_under_a_water_heading_is_no_consumption(tmp_path: Path) -> None:
    facts = _facts(tmp_path, _WATER)
    assert not [k for k, v in facts.items() if k[0] == "water_consumption" and v == 25_340_000], facts


def test_a_whole_another_row_narrows_is_the_total_not_a_kind(tmp_path: Path) -> None:
    facts = _facts(tmp_path, _WATER)
    assert facts[("water_consumption", "2021", ())] == 7_602_000
    assert not [k for k, v in facts.items() if k[0] == "water_consumption" and k[2] and v == 7_602_000], facts


_WORKFORCE = """Sustainability report 2021

Workforce
2019
 2020 2021
Number Percentage Number Percentage
Global Employees by Region
Total • 143,684 100.0% 146,059 100.0%
North America • 109,496 76.2% 112,717 77.2%
"""


def test_a_header_year_on_its_own_line_is_no_head_count(tmp_path: Path) -> None:
    facts = _facts(tmp_path, _WORKFORCE)
    assert 2019 not in [v for k, v in facts.items() if k[0] == "employees_total"], facts


def test_a_year_alone_with_no_years_below_stays_a_figure(tmp_path: Path) -> None:
    facts = _facts(tmp_path, "Sustainability report 2021\n\nNumber of employees\n2019\n\nOur people are our strength.\n")
    assert facts.get(("employees_total", "2021", ())) == 2019, facts
