"""Whose figure a row is, and which group it names: rows of a value-chain block ("Supply
chain ...") are that part's figures, not the company's; waste "diverted from landfill" is no
landfill route; two rows of one fuel ("Diesel (other)", "Diesel (mobile combustion)") are two
groups, as the report labels them. Synthetic text tables, read as the text path reads a report.
"""

from __future__ import annotations

from esgtrace.extract.parts import mark_parts
from esgtrace.extract.resolve import Candidate, Resolver, fuels_told_apart
from esgtrace.extract.tables import table_records
from esgtrace.ingest.lines import split_lines

Key = tuple[str, str, tuple[tuple[str, str], ...]]


def _candidates(text: str, period: str = "2021", year: int = 2021) -> list[Candidate]:
    resolver = Resolver(period, {None: set()})
    records = table_records(split_lines(text), None, 0, set(), year, (12, 31))
    mark_parts(records)
    return [c for record in records for c in resolver.resolve(record)]


def _facts(candidates: list[Candidate]) -> dict[Key, list[float]]:
    out: dict[Key, list[float]] = {}
    for c in candidates:
        out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), []).append(c.normalised.value)
    return out


_ENERGY = """ENERGY DATA
Unit 2021 2020
Renewable electricity.
Corporate facilities Renewable electricity use MWh 2,400 2,300
Scope 2 emissions avoided metric tons CO2e 900 850
Supply chain2 Renewable electricity capacity (operational) GW 10.3 4.5
Renewable electricity use MWh 18,000 11,000
"""


def test_a_supply_chain_block_is_not_the_company_figure() -> None:
    """The block label is printed on the block's first row only: the rows below it are the
    supply chain's too, and carry it as their segment."""
    facts = _facts(_candidates(_ENERGY))
    assert facts[("electricity_renewable", "2021", ())] == [2400]
    assert facts[("electricity_renewable", "2021", (("segment", "Supply chain"),))] == [18000]


def test_the_own_boundary_ends_a_supply_chain_block() -> None:
    text = _ENERGY + "Corporate facilities Renewable electricity use MWh 2,500 2,350\n"
    text = text.replace("Corporate facilities Renewable electricity use MWh 2,400 2,300\n", "")
    facts = _facts(_candidates(text))
    assert facts[("electricity_renewable", "2021", ())] == [2500]


def test_a_heading_ends_a_supply_chain_block() -> None:
    text = _ENERGY + "Water.\nWater consumption million gallons 1,400 1,300\n"
    facts = _facts(_candidates(text))
    assert ("water_consumption", "2021", ()) in facts


_WASTE = """WASTE DATA
Unit 2021 2020
Hazardous waste metric tons 1,600 1,800
Waste diverted from landfill metric tons 491,000 400,000
Landfilled metric tons 300 350
"""


def test_waste_diverted_from_landfill_is_no_landfill_route() -> None:
    """"Diverted from landfill" is the opposite of "sent to landfill": not the landfilled
    part of the waste above it; the "Landfilled" row still is."""
    facts = _facts(_candidates(_WASTE))
    assert facts[("hazardous_waste", "2021", (("treatment", "landfilled"),))] == [300]
    assert not [k for k, values in facts.items() if 491000 in values]


_FUELS = """FUEL USE
Unit 2021 2020
Fuel Total MWh 60,000 58,000
Natural gas MWh 40,000 39,000
Diesel (other) MWh 9,780 9,610
Diesel (mobile combustion) MWh 10,950 1,330
"""


def test_two_rows_of_one_fuel_keep_their_labels() -> None:
    facts = _facts(fuels_told_apart(_candidates(_FUELS)))
    assert facts[("energy_direct", "2021", (("fuel", "Diesel (other)"),))] == [9780]
    assert facts[("energy_direct", "2020", (("fuel", "Diesel (mobile combustion)"),))] == [1330]
    assert facts[("energy_direct", "2021", (("fuel", "natural gas"),))] == [40000]


def test_one_row_of_a_fuel_keeps_the_catalogue_name() -> None:
    text = _FUELS.replace("Diesel (mobile combustion) MWh 10,950 1,330\n", "")
    facts = _facts(fuels_told_apart(_candidates(text)))
    assert facts[("energy_direct", "2021", (("fuel", "diesel"),))] == [9780]
