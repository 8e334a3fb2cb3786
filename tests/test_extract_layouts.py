"""How report tables are made, case by case: a real corpus page for each layout case and,
where it fits, generated tables (hypothesis) that vary its forms and check the values.

Cases: a sub-heading that gives the rows below a unit after footnote markers ("Employees
by gender(4) in %"), shares that must not become heads, "of which" rows printed in the
unit of their whole, "k. A." / "n. a." cells, rows whose figures must not be taken for a
label wrapped below the row above.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import esgtrace
from esgtrace.extract.resolve import Resolver
from esgtrace.extract.tables import table_records
from esgtrace.ingest.lines import split_lines
from esgtrace.ingest.model import Document
from esgtrace.normalise import not_reported

Key = tuple[str, str, tuple[tuple[str, str], ...]]


@pytest.fixture(scope="module")
def more_pdf(corpus: Path) -> Path:
    return corpus / "more" / "pdf"


@pytest.fixture(scope="module")
def und1(more_pdf: Path) -> Document:
    return esgtrace.parse(more_pdf / "1und1_nonfinancial_2023.pdf")


def _facts(text: str, period: str = "2023") -> dict[Key, float]:
    """The resolved figures of a text table: (metric, period, breakdown) -> value."""
    resolver = Resolver(period, {None: set()})
    out: dict[Key, float] = {}
    for record in table_records(split_lines(text), None, 0, set(), 2023, (12, 31)):
        for c in resolver.resolve(record):
            out[(c.metric.id, c.period, tuple(sorted(c.breakdown.items())))] = c.normalised.value
    return out


# ---- a sub-heading's unit after footnote markers: shares are not heads ----------------


def test_1und1_share_rows_under_a_percent_heading(und1: Document) -> None:
    """1und1 page 40: "Employees by gender(4) in %" / "Woman 35.1 36.1 37.1": the rows are
    shares of the workforce, not headcounts; women's share is its own metric."""
    facts = [f for f in esgtrace.extract(und1).facts if f.page == 40]
    assert not [f for f in facts if f.metric == "employees_total"]
    by = {(f.metric, f.period, tuple(sorted(f.breakdown.items()))): f.value for f in facts}
    assert by[("employees_female_share", "2023", ())] == 35.1
    assert by[("employees_share", "2021", (("gender", "male"),))] == 62.9
    assert by[("employees_share", "2022", (("age", "30-39"),))] == 32.1


_HEADINGS = ["Employees by gender{m} in %", "Employees by gender (in %){m}", "Employees by gender{m} (%)"]
_MARKERS = ["", "(4)", "4", " (4)"]


@settings(max_examples=50, deadline=None)
@given(
    heading=st.sampled_from(_HEADINGS),
    marker=st.sampled_from(_MARKERS),
    women=st.lists(st.decimals(min_value=1, max_value=99, places=1), min_size=3, max_size=3),
)
def test_generated_share_tables_under_a_percent_heading(heading: str, marker: str, women: list[object]) -> None:
    shares = [float(w) for w in women]  # type: ignore[arg-type]
    printed = " ".join(f"{w:.1f}" for w in shares)
    men = " ".join(f"{100 - w:.1f}" for w in shares)
    text = f"Diversity\n2023 2022 2021\n{heading.format(m=marker)}\nWomen {printed}\nMen {men}\n"
    facts = _facts(text)
    assert not [k for k in facts if k[0] == "employees_total"]
    assert [facts[("employees_female_share", str(y), ())] for y in (2023, 2022, 2021)] == pytest.approx(shares)
    assert facts[("employees_share", "2021", (("gender", "male"),))] == pytest.approx(100 - shares[2])


# ---- "of which" rows in the unit of their whole; "k. A." cells ---------------------------


def test_1und1_of_which_rows_and_not_stated_cells(und1: Document) -> None:
    """1und1 page 15: "Electricity consumption (Scope 2) in MWh(5)" / "of which certified green
    electricity/green power 4,746.4 ...": the part is printed in its whole's unit; rows ending
    in "k.A." (not stated) are rows of their own, not the rest of the label above."""
    facts = [f for f in esgtrace.extract(und1).facts if f.page == 15]
    green = {f.period: f.value for f in facts if f.metric == "electricity_renewable" and not f.breakdown}
    assert green == {"2023": 4746.4, "2022": 4404.4, "2021": 4050.3}
    # the heating row is not natural gas: its label is not joined with the "of which" rows below
    assert not [f for f in facts if f.value == 4922.2]


@pytest.mark.parametrize("cell", ["k.A.", "k. A.", "n.a.", "n. a.", "n.a", "N/A", "–"])
def test_not_stated_cells(cell: str) -> None:
    assert not_reported(cell)


@settings(max_examples=40, deadline=None)
@given(
    unit=st.sampled_from(["MWh", "GWh", "kWh"]),
    blank=st.sampled_from(["k.A.", "n.a.", "-", "–"]),
    whole=st.lists(st.decimals(min_value=100, max_value=99999, places=1), min_size=3, max_size=3),
)
def test_generated_of_which_rows_take_the_unit_of_their_whole(unit: str, blank: str, whole: list[object]) -> None:
    values = [float(v) for v in whole]  # type: ignore[arg-type]
    row = " ".join(f"{v:,.1f}" for v in values)
    part = " ".join(f"{v / 2:,.1f}" for v in values[:2])
    text = (f"Energy\n2023 2022 2021\nElectricity consumption in {unit}(5) {row}\n"
            f"of which green electricity {row}\nHeating consumption in {unit} {row}\n"
            f"of which natural gas {part} {blank}\n")
    facts = _facts(text)
    factor = {"MWh": 1.0, "GWh": 1000.0, "kWh": 0.001}[unit]
    got = [facts[("electricity_renewable", str(y), ())] for y in (2023, 2022, 2021)]
    assert got == pytest.approx([v * factor for v in values])


# ---- a heading row and the qualifier rows below it; numbered Scope 3 categories; notes ----


@pytest.fixture(scope="module")
def microsoft(more_pdf: Path) -> list[esgtrace.Fact]:
    return esgtrace.extract(more_pdf / "microsoft_environmental_data_2024.pdf").facts


def _by(facts: list[esgtrace.Fact], page: int) -> dict[Key, float]:
    return {(f.metric, f.period, tuple(sorted(f.breakdown.items()))): f.value for f in facts if f.page == page}


def test_microsoft_heading_with_qualifier_rows_and_numbered_categories(microsoft: list[esgtrace.Fact]) -> None:
    """Microsoft page 3: "Scope 2" (no figures) over "Location-based" and "Market-based"; the
    Scope 3 rows are "Category 5 – Waste", "Category 12 – End-of-Life of Sold Products": the
    GHG Protocol number names the category whatever its title."""
    by = _by(microsoft, 3)
    assert by[("ghg_scope2", "FY2023", ())] == 8077403
    assert by[("ghg_scope2_market", "FY2023", ())] == 393134
    assert by[("ghg_scope3", "FY2023", (("scope3_category", "5"),))] == 8000
    assert by[("ghg_scope3", "FY2023", (("scope3_category", "12"),))] == 4000
    assert by[("ghg_scope3", "FY2023", (("scope3_category", "1"),))] == 5564000


def test_microsoft_numbered_notes_end_the_table(microsoft: list[esgtrace.Fact]) -> None:
    """Microsoft page 6: "Total water consumption2 4,196 ... 7,844" is the last row; the notes
    below ("1. For FY23, total water withdrawal ...") are not its label. Withdrawals are not
    consumption."""
    by = _by(microsoft, 6)
    assert by[("water_consumption", "FY2023", ())] == 7844000
    assert 12951000 not in by.values()


_TITLES = {1: "Purchased Goods & Services", 5: "Waste", 12: "End-of-Life of Sold Products", 8: "Leased assets (upstream)",
           14: "Franchise operations", 3: "Fuel & energy"}


@settings(max_examples=40, deadline=None)
@given(
    category=st.sampled_from(sorted(_TITLES)),
    dash=st.sampled_from([" – ", " - ", ": ", " "]),
    marker=st.sampled_from(["", "2", "(3)"]),
    value=st.integers(min_value=1, max_value=9_999_999),
)
def test_generated_numbered_scope3_categories(category: int, dash: str, marker: str, value: int) -> None:
    text = (f"GHG emissions (tCO2e)\n2023 2022\nScope 3\nCategory {category}{dash}{_TITLES[category]}{marker} "
            f"{value:,} {value + 1:,}\n")
    facts = _facts(text)
    assert facts == {("ghg_scope3", "2023", (("scope3_category", str(category)),)): value,
                     ("ghg_scope3", "2022", (("scope3_category", str(category)),)): value + 1}


@settings(max_examples=40, deadline=None)
@given(
    first=st.sampled_from(["Location-based", "Location based", "Market-based", "Market based"]),
    value=st.integers(min_value=1, max_value=9_999_999),
)
def test_generated_qualifier_rows_under_a_heading(first: str, value: int) -> None:
    text = f"GHG emissions (tCO2e)\n2023 2022\nScope 2\n{first} {value:,} {value * 2:,}\n"
    metric = "ghg_scope2_market" if first.startswith("Market") else "ghg_scope2"
    assert _facts(text) == {(metric, "2023", ()): value, (metric, "2022", ()): value * 2}


# ---- a long table title gives the unit; the caption's breakdown key holds for the table ----


def test_microsoft_titled_caption_unit_and_key(microsoft: list[esgtrace.Fact]) -> None:
    """Microsoft page 21: "Table 15 – Renewable electricity consumption by region (MWh)1,2" is
    the title (long, with its unit in brackets and markers after it); every region row below
    the total row is a region, "Europe, Middle East, Africa" too. Page 22: "By source Third
    party" announces the key of the rows below."""
    by = _by(microsoft, 21)
    assert by[("electricity_renewable", "FY2023", (("region", "Europe, Middle East, Africa"),))] == 5730263
    assert by[("electricity_purchased", "FY2021", (("region", "Europe, Middle East, Africa"),))] == 2999880
    water = _by(microsoft, 22)
    assert water[("water_consumption", "FY2023", (("source", "Third party"),))] == 7841000
    assert water[("water_consumption", "FY2020", (("source", "Surface water"),))] == 25000
    assert not [k for k in water if k[0] == "water_consumption" and dict(k[2]).get("region") == "Ground water"]


_REGIONS = ["Europe, Middle East, Africa", "Asia Pacific", "Latin America", "Rest of world", "Nordics and Baltics"]


@settings(max_examples=40, deadline=None)
@given(
    number=st.integers(min_value=1, max_value=40),
    markers=st.sampled_from(["", "1", "1,2", "(3)"]),
    regions=st.lists(st.sampled_from(_REGIONS), min_size=1, max_size=3, unique=True),
    values=st.lists(st.integers(min_value=1, max_value=9_999_999), min_size=3, max_size=3),
)
def test_generated_region_tables_under_a_titled_caption(number: int, markers: str, regions: list[str],
                                                        values: list[int]) -> None:
    title = f"Table {number} – Renewable electricity consumption within the organization by region (MWh){markers}"
    rows = "".join(f"{r} {values[k]:,} {values[k] + 7:,}\n" for k, r in enumerate(regions))
    text = f"{title}\nFY22 FY23\nTotal renewable electricity {sum(values) + 9:,} {sum(values) + 30:,}\n{rows}"
    facts = _facts(text, "FY2023")
    for k, region in enumerate(regions):
        assert facts[("electricity_renewable", "FY2022", (("region", region),))] == values[k]
        assert facts[("electricity_renewable", "FY2023", (("region", region),))] == values[k] + 7


# ---- a unit alone between rows starts a block; gases; a heading's accounting variant ----


def test_microsoft_unit_line_starts_a_block_of_gases(microsoft: list[esgtrace.Fact]) -> None:
    """Microsoft page 4, Table 2: a block in "(mt)" of gas masses, then "(mtCO2e)" alone on a
    line and the same rows in CO2e. The unit line is no part of the row above it; the rows
    below are by gas; those under "Scope 2 (market-based)" are market-based."""
    by = _by(microsoft, 4)
    assert by[("ghg_scope1", "FY2023", (("gas", "CH4"),))] == 63
    assert by[("ghg_scope2", "FY2023", (("gas", "CO2"),))] == 8034943
    assert by[("ghg_scope2_market", "FY2023", (("gas", "CO2"),))] == 390884
    assert by[("ghg_scope2_market", "FY2023", (("gas", "N2O"),))] == 1679
    # the gas masses of the "(mt)" block are not CO2e figures
    assert by[("ghg_scope1", "FY2023", (("gas", "N2O"),))] == 292


_GASES = {"CO2": "CO2", "CH4": "CH4", "N2O": "N2O", "HFCs": "HFCs", "SF6": "SF6", "Methane": "CH4",
          "Nitrous oxide": "N2O"}


@settings(max_examples=40, deadline=None)
@given(
    gases=st.lists(st.sampled_from(sorted(_GASES)), min_size=1, max_size=4, unique_by=lambda g: _GASES[g]),
    method=st.sampled_from(["market-based", "location-based"]),
    values=st.lists(st.integers(min_value=1, max_value=999_999), min_size=4, max_size=4),
)
def test_generated_gas_rows_under_a_scope_heading(gases: list[str], method: str, values: list[int]) -> None:
    rows = "".join(f"Scope 2 – {g} {values[k]:,} {values[k] + 1:,}\n" for k, g in enumerate(gases))
    text = f"Table 2 – GHG emissions by type\n(tCO2e) 2023 2022\nScope 2 ({method}) {sum(values):,} {sum(values) + 9:,}\n{rows}"
    facts = _facts(text)
    metric = "ghg_scope2_market" if method.startswith("market") else "ghg_scope2"
    assert facts[(metric, "2023", ())] == sum(values)
    for k, g in enumerate(gases):
        assert facts[(metric, "2022", (("gas", _GASES[g]),))] == values[k] + 1
    assert not [k for k in facts if k[0] != metric]


# ---- a unit after every figure; Scope 3 categories numbered 3.1 ... 3.15 ------------------


def test_1und1_unit_after_each_figure_and_numbered_categories(und1: Document) -> None:
    """1und1 page 16: "Scope 1: Direct emissions 1,772.6 t 1,293.5 t 1,107.3 t", "3.5 Waste(10)
    7.3 t k.A. k.A.": the unit printed in each cell is the row's; "3.N" numbers the category."""
    facts = esgtrace.extract(und1).facts
    by = {(f.metric, f.period, tuple(sorted(f.breakdown.items()))): f.value for f in facts}
    scope1 = next(f for f in facts if f.metric == "ghg_scope1" and f.period == "2021" and not f.breakdown)
    assert scope1.value == 1107.3 and 16 in [scope1.page, *(s.page for s in scope1.sources)]
    assert by[("ghg_scope2_market", "2022", ())] == 359.8
    assert by[("ghg_scope3", "2023", (("scope3_category", "5"),))] == 7.3
    assert by[("ghg_scope3", "2023", (("scope3_category", "11"),))] == 183075.2
    assert ("ghg_scope3", "2022", (("scope3_category", "5"),)) not in by


@settings(max_examples=40, deadline=None)
@given(
    unit=st.sampled_from(["t", "tCO2e", "MWh", "kg"]),
    values=st.lists(st.decimals(min_value=1, max_value=999999, places=1), min_size=3, max_size=3),
    blanks=st.integers(min_value=0, max_value=2),
)
def test_generated_unit_after_each_figure(unit: str, values: list[object], blanks: int) -> None:
    printed = [f"{float(v):,.1f} {unit}" for v in values[: 3 - blanks]] + ["k.A."] * blanks  # type: ignore[arg-type]
    label = {"t": "Scope 1 emissions", "tCO2e": "Scope 1 emissions", "MWh": "Total energy consumption",
             "kg": "Hazardous waste"}[unit]
    text = f"Key figures\n2023 2022 2021\n{label} {' '.join(printed)}\n"
    records = [r for r in table_records(split_lines(text), None, 0, set(), 2023, (12, 31)) if r.values]
    assert [(r.label, r.unit) for r in records] == [(label, unit)]
    assert [v.number.value for v in records[0].values] == [float(v) for v in values[: 3 - blanks]]  # type: ignore[arg-type]
    assert [v.period.label for v in records[0].values if v.period] == ["2023", "2022", "2021"][: 3 - blanks]


def test_a_unit_phrase_with_a_magnitude_is_no_cell_unit() -> None:
    """geely_esg_2021.txt: "... 10,000 tonnes 590.16 497.01 583.65": "10,000 tonnes" is the
    unit column, not a figure with its unit."""
    text = "Names of the Indicator Unit 2019 2020 2021.\nTotal water consumption 10,000 tonnes 590.16 497.01 583.65.\n"
    records = [r for r in table_records(split_lines(text), None, 0, set(), 2021, (12, 31)) if r.values]
    assert [(r.unit, [v.number.digits for v in r.values]) for r in records] == [("10,000 tonnes", ["590.16", "497.01", "583.65"])]


# ---- a caption names the metric of its "Total" row; "UK only" ----------------------------


def test_hsbc_caption_names_the_total_row(pdf_dir: Path) -> None:
    """HSBC page 24: "Energy consumption in kWh in 000s" over "Total 772,736 ..." and "UK only
    209,939 ...": the caption, without its unit, names the metric of the Total row."""
    facts = esgtrace.extract(pdf_dir / "hsbc_esg_review_2023.pdf").facts
    by = {(f.metric, f.period, tuple(sorted(f.breakdown.items()))): f.value for f in facts if f.page == 24}
    assert by[("energy_total", "2019", ())] == 913556
    assert by[("energy_total", "2023", (("region", "UK"),))] == 209939


@settings(max_examples=30, deadline=None)
@given(
    caption=st.sampled_from(["Energy consumption in MWh", "Energy consumption (MWh)", "Total energy consumption in GJ",
                             "Water consumption in m3", "Water consumption (megaliters)"]),
    region=st.sampled_from(["UK", "Hong Kong", "United States", "Europe"]),
    only=st.booleans(),
    values=st.lists(st.integers(min_value=10, max_value=9_999_999), min_size=2, max_size=2),
)
def test_generated_total_rows_under_a_captioned_table(caption: str, region: str, only: bool, values: list[int]) -> None:
    text = (f"{caption}\n2023 2022\nTotal {values[0]:,} {values[1]:,}\n"
            f"{region}{' only' if only else ''} {values[0] // 3:,} {values[1] // 3:,}\n")
    facts = _facts(text)
    metric = "water_consumption" if caption.startswith("Water") else "energy_total"
    assert {k[0] for k in facts} == {metric}
    assert (metric, "2022", ()) in facts and (metric, "2023", (("region", region),)) in facts


# ---- a "Total" that adds up the scope rows; units wrapped below the label; content index ----


@pytest.fixture(scope="module")
def uni_asia(more_pdf: Path) -> list[esgtrace.Fact]:
    return esgtrace.extract(more_pdf / "uni_asia_sustainability_2022.pdf").facts


def test_uni_asia_total_of_scope_rows_and_wrapped_units(uni_asia: list[esgtrace.Fact]) -> None:
    """Uni-Asia page 27: "Scope 1" / "(tCO2e)* 706.99 595.67 2,215.68", "Scope 2" / "(tCO2e)
    87.27 ...", "Total 794.26 ...": the unit (with its marker) wrapped below the label is the
    row's; the Total adds up Scope 1 and 2, so it is their sum, in their unit."""
    by = _by(uni_asia, 27)
    assert by[("ghg_scope1", "FY2022", ())] == 2215.68
    assert by[("ghg_scope1_2", "FY2020", ())] == 794.26
    assert by[("ghg_total", "FY2022", ())] == 2290.70


def test_hsbc_total_adds_up_scopes_1_2_and_3(pdf_dir: Path) -> None:
    """HSBC page 24: "Total" below Scope 1, Scope 2 (market-based) and Scope 3 adds up to them:
    the total emissions, not any one scope's."""
    facts = esgtrace.extract(pdf_dir / "hsbc_esg_review_2023.pdf").facts
    total = {f.period: f.value for f in facts if f.metric == "ghg_total" and not f.breakdown}
    assert total["2023"] == 1274372 and total["2019"] == 1553596
    assert not [f for f in facts if f.metric == "ghg_scope1_2" and f.value == 1274372]


def test_uni_asia_content_index_page_numbers_are_no_figures(uni_asia: list[esgtrace.Fact]) -> None:
    """Uni-Asia page 57, the GRI content index: "404-1 Average hours of training per year per" /
    "employee" / "44": 44 is the page the disclosure is on. A chart legend "Male (%) Female (%)"
    over "0%" (page 45) is no women's share by gender either."""
    assert not [f for f in uni_asia if f.page == 57]
    assert not [f for f in uni_asia if f.metric == "employees_female_share" and "gender" in f.breakdown]


@settings(max_examples=40, deadline=None)
@given(
    s1=st.integers(min_value=1, max_value=999_999), s2=st.integers(min_value=1, max_value=999_999),
    s3=st.one_of(st.none(), st.integers(min_value=1, max_value=9_999_999)),
    market=st.booleans(), off=st.sampled_from([0, 0, 1000]),
)
def test_generated_totals_of_scope_rows(s1: int, s2: int, s3: int | None, market: bool, off: int) -> None:
    scope2 = "Scope 2 (market-based)" if market else "Scope 2"
    rows = [("Scope 1", s1), (scope2, s2)] + ([("Scope 3", s3)] if s3 is not None else [])
    total = (s1 + s2 + (s3 or 0)) * (105 if off else 100) // 100 + (off and 7)  # off: 5% more than the parts
    text = "GHG emissions (tCO2e)\n2023 2022\n" + "".join(f"{k} {v:,} {v:,}\n" for k, v in rows) + f"Total {total:,} {total:,}\n"
    facts = _facts(text)
    got = {k[0] for k in facts if facts[k] == total}
    if off:
        assert "ghg_scope1_2" not in got  # a total that does not add up is no sum of the scopes
    elif s3 is None:
        assert got >= {"ghg_scope1_2", "ghg_total"}
    else:
        assert "ghg_total" in got and "ghg_scope1_2" not in got


# ---- scopes printed in an intensity unit; one reading of a unit's numerator; subtotals ----


def test_microsoft_scope_intensities_and_block_subtotals(microsoft: list[esgtrace.Fact]) -> None:
    """Microsoft page 5: Table 4 "GHG emissions intensity (mtCO2e/revenue $M)" prints "Scope 1
    0.8", "Scope 2 (location-based) 30.3": each scope's intensity, with the method the label
    prints; "mtCO2e" is metric tons elsewhere in the report, so here too. Table 3's "Subtotal"
    closes its scope's block of regions: it is no total of the whole table."""
    by = _by(microsoft, 5)
    assert by[("ghg_intensity", "FY2020", (("scope", "1"),))] == 0.8
    assert by[("ghg_intensity", "FY2023", (("method", "location-based"), ("scope", "2")))] == 38.1
    assert by[("ghg_intensity", "FY2023", (("method", "market-based"), ("scope", "2")))] == 1.9
    scope2 = next(f for f in microsoft if f.metric == "ghg_scope2" and f.period == "FY2021" and not f.breakdown)
    assert scope2.value == 5010667 and 5 in [s.page for s in scope2.sources]
    totals = [f for f in microsoft if f.metric == "ghg_total" and not f.breakdown]
    assert not [s for f in totals for s in f.sources if s.page == 5]


def test_uni_asia_scope_intensity_without_a_method(uni_asia: list[esgtrace.Fact]) -> None:
    by = _by(uni_asia, 27)
    assert by[("ghg_intensity", "FY2021", (("scope", "2"),))] == 0.002
    assert by[("ghg_intensity", "FY2022", ())] == 0.03


@settings(max_examples=40, deadline=None)
@given(
    scope=st.sampled_from([("Scope 1", {"scope": "1"}), ("Scope 2 (location-based)", {"scope": "2", "method": "location-based"}),
                           ("Scope 2 (market-based)", {"scope": "2", "method": "market-based"}),
                           ("Scope 3", {"scope": "3"})]),
    unit=st.sampled_from(["tCO2e/revenue $M", "tCO2e per USD million", "tCO2e/employee"]),
    value=st.decimals(min_value=0, max_value=999, places=2),
)
def test_generated_scope_rows_in_an_intensity_unit(scope: tuple[str, dict[str, str]], unit: str, value: object) -> None:
    label, breakdown = scope
    text = f"GHG emissions intensity ({unit})\n2023 2022\n{label} {float(value):.2f} {float(value) + 1:.2f}\n"  # type: ignore[arg-type]
    facts = _facts(text)
    assert facts == {("ghg_intensity", "2023", tuple(sorted(breakdown.items()))): pytest.approx(float(value)),  # type: ignore[arg-type]
                     ("ghg_intensity", "2022", tuple(sorted(breakdown.items()))): pytest.approx(float(value) + 1)}  # type: ignore[arg-type]


def test_microsoft_fuels_printed_together_are_one_group(microsoft: list[esgtrace.Fact]) -> None:
    """Microsoft page 6: "Crude oil/diesel 147,297 ..." under energy in MWh is one group of
    fuels, as printed, not diesel alone."""
    by = _by(microsoft, 6)
    assert by[("energy_direct", "FY2023", (("fuel", "Crude oil/diesel"),))] == 160754
    assert ("energy_direct", "FY2023", (("fuel", "diesel"),)) not in by
    assert by[("energy_direct", "FY2023", (("fuel", "natural gas"),))] == 150972


@pytest.mark.parametrize(("label", "fuel"), [("Diesel", "diesel"), ("Crude oil/diesel", "Crude oil/diesel"),
                                             ("Natural gas", "natural gas"), ("Diesel/gasoline", "Diesel/gasoline")])
def test_fuel_rows_in_energy_units(label: str, fuel: str) -> None:
    text = f"Energy consumption (MWh)\n2023 2022\nTotal energy consumption 9,000 8,000\n{label} 1,234 1,100\n"
    facts = _facts(text)
    assert facts[("energy_direct", "2023", (("fuel", fuel),))] == 1234


# ---- a kind named under a caption that names the quantity; waste by treatment -------------


def test_microsoft_waste_kinds_under_the_caption_and_treatments(microsoft: list[esgtrace.Fact]) -> None:
    """Microsoft page 7: under "Table 10 – Operational waste generated, diverted, and directed
    to disposal (metric tons)1,4" the rows say only "Non-hazardous", "Hazardous"; the caption's
    "waste" completes them. "Diverted Reused", "Recycled", "Directed to disposal Landfilled"
    are treatments; a "Subtotal" under a row with figures of its own is no fact of it."""
    by = _by(microsoft, 7)
    assert by[("non_hazardous_waste", "FY2023", ())] == 36197
    assert by[("hazardous_waste", "FY2020", ())] == 9469
    assert by[("non_hazardous_waste", "FY2023", (("treatment", "reused"),))] == 3788
    assert by[("non_hazardous_waste", "FY2021", (("treatment", "landfilled"),))] == 6957
    assert by[("hazardous_waste", "FY2023", (("treatment", "recycled"),))] == 193
    assert 24470 not in by.values()  # the diverted subtotal


@settings(max_examples=40, deadline=None)
@given(
    title=st.sampled_from(["Table 3 – Waste generated (tonnes)", "Waste by type and disposal method (tonnes)",
                           "Operational waste (metric tons)"]),
    first=st.sampled_from(["Hazardous", "Non-hazardous"]),
    route=st.sampled_from([("Recycled", "recycled"), ("Landfilled", "landfilled"), ("Diverted Reused", "reused"),
                           ("Composted", "composted"), ("Incinerated", "incinerated")]),
    value=st.integers(min_value=100, max_value=99_999),
)
def test_generated_waste_kinds_and_treatments(title: str, first: str, route: tuple[str, str], value: int) -> None:
    label, treatment = route
    text = f"{title}\n2023 2022\n{first} {value:,} {value + 5:,}\n{label} {value // 2:,} {value // 3:,}\n"
    metric = "hazardous_waste" if first == "Hazardous" else "non_hazardous_waste"
    assert _facts(text) == {(metric, "2023", ()): value, (metric, "2022", ()): value + 5,
                            (metric, "2023", (("treatment", treatment),)): value // 2,
                            (metric, "2022", (("treatment", treatment),)): value // 3}


# ---- Scope 2 method by its sibling row; a total defined as Scope 1 + 2; percent cells; Scope 3 headings ----


@pytest.fixture(scope="module")
def bhp(more_pdf: Path) -> list[esgtrace.Fact]:
    return esgtrace.extract(more_pdf / "bhp_climate_change_2020.pdf").facts


def test_bhp_scope2_method_scope1_2_total_and_percent_rows(bhp: list[esgtrace.Fact]) -> None:
    """BHP page 25: "Scope 2 GHG emissions" beside "Scope 2 GHG emissions (location based)" is the
    market-based row; "Total operational GHG emissions" (= Scope 1 + 2) is Scope 1+2, not an overall
    total; "Percentage of Scope 1 ... 79%" under a million-tonnes caption is no Scope 1 figure."""
    page = _by(bhp, 25)
    assert page[("ghg_scope2_market", "2020", ())] == 6_300_000
    assert page[("ghg_scope2", "2020", ())] == 5_100_000
    assert page[("ghg_scope1", "2020", ())] == 9_500_000
    assert page[("ghg_scope1_2", "2020", ())] == 15_800_000
    assert not any(metric == "ghg_total" for metric, _, _ in page)
    assert all(value > 1000 for (metric, _, _), value in page.items() if metric.startswith("ghg_scope"))


def test_bhp_scope3_rows_keep_their_own_category_not_the_heading(bhp: list[esgtrace.Fact]) -> None:
    """BHP page 30: category rows under an "Upstream" heading carry their category only; a label naming
    two categories ("Purchased goods and services (including capital goods)") gives both; rows that
    name no category (a commodity) give no fact rather than an invented one."""
    page = _by(bhp, 30)
    assert page, "no Scope 3 rows read"
    for (metric, _, breakdown) in page:
        keys = dict(breakdown)
        assert metric == "ghg_scope3" and set(keys) == {"scope3_category"}, (metric, keys)
    assert page[("ghg_scope3", "2020", (("scope3_category", "1, 2"),))] == 16_900_000
    assert page[("ghg_scope3", "2020", (("scope3_category", "4"),))] == 3_800_000
