"""Table structure: the period grammar, header bands, single-period tables, rows printed as
sentences, units split by text extraction and headline figures captioned below; on real
report pages (never the reserved blind-test reports) and on generated tables (hypothesis)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import esgtrace
from esgtrace.extract.headers import find_headers
from esgtrace.extract.records import Record
from esgtrace.extract.standalone import standalone_records
from esgtrace.extract.tables import table_records
from esgtrace.ingest.lines import split_lines
from esgtrace.normalise import normalise, read_unit
from esgtrace.normalise.periods import parse_period, periods_in

# ---- one period parser: every form READING.md lists ----------------------------------


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2023", "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("FY2023", "FY2023", None, None),
        ("FY23", "FY2023", None, None),
        ("FY2022/23", "FY2022/23", None, None),
        ("2022/23", "FY2022/23", None, None),
        ("2022-23", "FY2022/23", None, None),
        ("Year ended 31 March 2023", "FY2023", date(2022, 4, 1), date(2023, 3, 31)),
        ("Year ended March 31, 2023", "FY2023", date(2022, 4, 1), date(2023, 3, 31)),
        ("For the year ended 31 December 2023", "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("As at 31 December 2022", "2022", date(2022, 12, 31), date(2022, 12, 31)),
        ("As of March 31, 2022", "FY2022", date(2022, 3, 31), date(2022, 3, 31)),
        ("2023年", "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("2023年度", "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("截至2023年12月31日", "2023", date(2023, 12, 31), date(2023, 12, 31)),
        ("截至2023年12月31日止年度", "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("CY2021", "2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("1H2022", "1H2022", date(2022, 1, 1), date(2022, 6, 30)),
        ("2023 Data", "2023", date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_period_forms(text: str, label: str, start: date | None, end: date | None) -> None:
    period = parse_period(text)
    assert period is not None, text
    assert (period.label, period.start, period.end) == (label, start, end)


def test_fiscal_labels_take_the_reports_year_end() -> None:
    fy = parse_period("FY2023", fiscal_end=(3, 31))
    assert fy is not None and (fy.start, fy.end) == (date(2022, 4, 1), date(2023, 3, 31))
    calendar = parse_period("FY2022", fiscal_end=(12, 31))
    assert calendar is not None and (calendar.label, calendar.start) == ("FY2022", date(2022, 1, 1))
    assert parse_period("FY2021/22", fiscal_end=(6, 30)).end == date(2022, 6, 30)  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["Base year 2019", "2019 (Baseline)", "2019 baseline", "(Base year) FY2017"])
def test_base_year_columns(text: str) -> None:
    period = parse_period(text)
    assert period is not None and period.base and period.year in (2017, 2019)


@pytest.mark.parametrize("text", ["Indicator", "Unit", "2019-2021", "1,234", "tCO2e", "31 March", "Scope 1"])
def test_not_periods(text: str) -> None:
    assert parse_period(text) is None


def test_half_years_are_partial_and_markers_are_read_off() -> None:
    assert parse_period("H1 2022") is not None and parse_period("H1 2022").partial  # type: ignore[union-attr]
    assert parse_period("20221", marker=True).label == "2022"  # type: ignore[union-attr]
    assert parse_period("20221") is None


# ---- headers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "labels", "unit_column"),
    [
        ("Indicator1 Unit2 FY2022 FY2021", ["FY2022", "FY2021"], True),
        ("Performance Indicators Unit 2017 2018 2019.", ["2017", "2018", "2019"], True),
        ("Air Pollutants Unit 2019 201813", ["2019", "2018"], True),
        ("指标 单位 2023年 2024年", ["2023", "2024"], True),
        ("Percentage of employees trained19 2019 2018", ["2019", "2018"], False),
        ("Indicator Unit 2022 Data 2023 Data", ["2022", "2023"], True),
        ("Year ended 31 March 2023 Year ended 31 March 2022", ["FY2023", "FY2022"], False),
        ("KPI 2023", ["2023"], False),
        ("Indicator Unit Data", [], True),
    ],
)
def test_header_forms(line: str, labels: list[str], unit_column: bool) -> None:
    headers = find_headers(line, 2023)
    assert len(headers) == 1, headers
    assert [p.label for p in headers[0].periods] == labels
    assert headers[0].unit_column is unit_column


@pytest.mark.parametrize("line", ["2011 1999", "Total 1,234 2023 2022", "In 2022, we disclosed 2023 figures", "2026 2025"])
def test_not_headers(line: str) -> None:
    assert find_headers(line, 2021) == []


def _records(text: str, year: int | None = 2023) -> list[Record]:
    return table_records(split_lines(text), None, 0, set(), year, (12, 31))


def _rows(records: list[Record]) -> list[tuple[str, str, list[tuple[str, str | None]]]]:
    return [
        (r.label, r.unit, [(v.number.digits, v.period.label if v.period else None) for v in r.values])
        for r in records
        if r.values
    ]


def test_header_band_over_three_lines_with_a_baseline_column() -> None:
    text = "Emissions in tonnes CO2e\n2023 2022\n2019 \nbaseline\nScope 1 16,918 19,329 22,066\nTotal 1,274,372 1,294,927 1,553,596"
    records = _records(text)
    assert _rows(records)[0] == ("Scope 1", "", [("16,918", "2023"), ("19,329", "2022"), ("22,066", "2019")])
    assert records[0].values[2].period is not None and records[0].values[2].period.base
    assert records[0].caption_unit == "tonnes CO2e"


def test_rows_printed_as_sentences() -> None:
    text = "Performance Indicators Unit 2017 2018 2019. \nThe amount of NOx emission 10,000t 1.46 1.62 1.33. \n"
    assert _rows(_records(text)) == [
        ("The amount of NOx emission", "10,000t", [("1.46", "2017"), ("1.62", "2018"), ("1.33", "2019")])
    ]


def test_single_period_table_takes_the_reports_period() -> None:
    text = "Indicator Unit Data Number of work-related fatalities Person 0 Lost days Days 9"
    rows = _rows(_records(text))
    assert rows[0] == ("Number of work-related fatalities", "Person", [("0", None)])


@pytest.mark.parametrize(
    ("printed", "expression"),
    [
        ("MtCO2 e", "MtCO2e"), ("tCO 2 e", "tCO2e"), ("m 3", "meter ** 3"), ("t CO2 e", "tCO2e"),
        ("10,000t", "10000 * (tonne)"), ("100 million kWh", "1e+08 * (kilowatt_hour)"), ("'000 m3", "1000 * (meter ** 3)"),
        ("10,000 t of CO2e", "10000 * (tCO2e)"),
    ],
)
def test_units_split_by_text_extraction(printed: str, expression: str) -> None:
    assert read_unit(printed).expression == expression


def test_split_units_convert() -> None:
    assert normalise("26.68", "100 million t", "water_consumption").value == 2_668_000_000  # type: ignore[union-attr]
    assert normalise("1.5", "MtCO2 e", "ghg_scope1").value == 1_500_000  # type: ignore[union-attr]


# ---- real report pages ----------------------------------------------------------------


@pytest.fixture(scope="module")
def hsbc(pdf_dir: Path) -> esgtrace.ingest.model.Document:
    return esgtrace.parse(pdf_dir / "hsbc_esg_review_2023.pdf")


def test_hsbc_page24_header_band_and_baseline(hsbc: esgtrace.ingest.model.Document) -> None:
    """An annual report's ESG section: "2023 2022" / "2019" / "baseline" over the rows,
    the caption "in tonnes CO2e" giving the unit, and "Scope 3" not read as a marker."""
    from esgtrace.extract.pipeline import page_footnotes

    page = hsbc.page(24)
    rows = {r.label: r for r in table_records(page.lines, 24, 0, page_footnotes(page), 2023, (12, 31)) if r.values}
    scope3 = rows["Scope 3"]
    assert [(v.number.digits, v.period.label if v.period else "") for v in scope3.values] == [
        ("1,090,280", "2023"), ("1,052,264", "2022"), ("1,139,260", "2019")
    ]
    assert scope3.caption_unit == "tonnes CO2e"
    assert rows["Scope 1, 2 and 3 (Category 6)"].values[0].number.digits == "1.3"  # wrapped after "and"


def test_hsbc_facts_scope_rows_and_no_total_for_a_scope(hsbc: esgtrace.ingest.model.Document) -> None:
    facts = esgtrace.extract(hsbc).facts
    by = {(f.metric, f.period): f for f in facts if not f.breakdown}
    assert by[("ghg_scope1", "2019")].value == 22066
    assert by[("ghg_scope3", "2023")].value == 1090280
    # "Total" below Scope 1, 2 and 3 is not any one scope's figure
    assert all(f.value != 1274372 or f.metric not in ("ghg_scope2_market", "ghg_scope3") for f in facts)


def test_hsbc_page43_headline_figures_captioned_below(hsbc: esgtrace.ingest.model.Document) -> None:
    page = hsbc.page(43)
    found = [(r.label, r.values[0].number.value, r.values[0].period.label if r.values[0].period else None)
             for r in standalone_records(page.lines, 43, set())]
    assert ("Training hours by our colleagues", 5_300_000, "2023") in found
    assert ("Training hours by our colleagues", 6_300_000, "2022") in found
    assert ("Training hours per FTE", 23.9, "2023") in found


def test_chalco_rows_ending_in_full_stops(text_dir: Path) -> None:
    facts = esgtrace.extract(text_dir / "chalco_esg_2019.txt").facts
    water = [f for f in facts if f.metric == "water_consumption" and f.period == "2017" and not f.breakdown]
    assert [f.value for f in water] == [2_668_000_000]  # "100 million t 26.68" and a row ending "30.01."
    assert {f.period for f in facts if f.metric == "electricity_purchased"} >= {"2017", "2018", "2019"}


def test_sunshine_marker_glued_to_the_label_before_the_years(pdf_dir: Path) -> None:
    page = esgtrace.parse(pdf_dir / "sunshine_oilsands_esg_2019.pdf").page(22)
    header = find_headers(page.lines[30].text, 2019)
    assert [p.label for p in header[0].periods] == ["2019", "2018"]


# ---- generated tables: header forms, markers, period labels, unit spellings, columns ----

_KEYWORDS = ["Indicator Unit", "Indicator1 Unit2", "Indicators(1) Units", "KPI Unit", "指标 单位"]
_LABELS = ["Scope 1 GHG emissions", "Total energy consumption", "Water consumption", "Hazardous waste"]
_UNITS = ["tCO2e", "tCO 2 e", "tonnes CO2e", "MWh", "m3", "m 3", "tonnes", "kWh in '000s"]


def _period_text(year: int, form: str) -> str:
    return {"plain": str(year), "fy": f"FY{year}", "fy2": f"FY{str(year)[2:]}", "zh": f"{year}年",
            "zhdu": f"{year}年度", "data": f"{year} Data", "marker": f"{year}1" if year else str(year)}[form]


@settings(max_examples=60, deadline=None)
@given(
    keyword=st.sampled_from(_KEYWORDS),
    form=st.sampled_from(["plain", "fy", "fy2", "zh", "zhdu", "data"]),
    columns=st.integers(min_value=1, max_value=4),
    newest_first=st.booleans(),
    rows=st.lists(
        st.tuples(st.sampled_from(_LABELS), st.sampled_from(_UNITS),
                  st.lists(st.decimals(min_value=0, max_value=999999, places=2, allow_nan=False), min_size=4, max_size=4)),
        min_size=1, max_size=4,
    ),
    one_line=st.booleans(),
    full_stops=st.booleans(),
)
def test_generated_tables_come_back_exactly(
    keyword: str, form: str, columns: int, newest_first: bool,
    rows: list[tuple[str, str, list[object]]], one_line: bool, full_stops: bool,
) -> None:
    years = list(range(2023 - columns + 1, 2024))
    if newest_first:
        years.reverse()
    header = f"{keyword} " + " ".join(_period_text(y, form) for y in years)
    body = []
    for label, unit, values in rows:
        printed = [f"{float(v):,.2f}" for v in values[:columns]]  # type: ignore[arg-type]
        body.append(f"{label} {unit} " + " ".join(printed) + (". " if full_stops else ""))
    text = " ".join([header, *body]) if one_line else "\n".join([header, *body])
    got = _rows(_records(text))
    want_labels = [p.label for p in (parse_period(_period_text(y, form)) for y in years) if p]
    expected = [
        (label, unit, list(zip([f"{float(v):,.2f}" for v in values[:columns]], want_labels)))  # type: ignore[arg-type]
        for label, unit, values in rows
    ]
    assert got == expected


@settings(max_examples=60, deadline=None)
@given(year=st.integers(min_value=1990, max_value=2049), form=st.sampled_from(
    ["plain", "fy", "zh", "zhdu", "data", "ended", "ended_us", "asat", "cy", "range"]))
def test_generated_period_labels(year: int, form: str) -> None:
    text = {"plain": str(year), "fy": f"FY{year}", "zh": f"{year}年", "zhdu": f"{year}年度", "data": f"{year} Data",
            "ended": f"Year ended 31 March {year}", "ended_us": f"Year ended March 31, {year}",
            "asat": f"As at 31 December {year}", "cy": f"CY{year}", "range": f"FY{year - 1}/{str(year)[2:]}"}[form]
    period = parse_period(text)
    assert period is not None
    assert str(year if form != "range" else year - 1) in period.label
    found = periods_in(f"Indicator {text} Unit")
    assert [p.label for _, _, p in found] == [period.label]


def test_ping_an_table_continued_on_the_next_page(pdf_dir: Path) -> None:
    """The key-figures table's header ("指标 2021 年 2020 年 2019 年") is on page 6; its
    rows go on at the top of page 7 under the same columns."""
    facts = esgtrace.extract(pdf_dir / "ping_an_bank_sustainability_2021_zh.pdf").facts
    donations = {f.period: f for f in facts if f.metric == "community_investment" and not f.breakdown}
    assert donations["2019"].value == 7_486_200 and donations["2019"].page == 7
    assert donations["2021"].quote == "对外捐赠总额（万元） 12,196.06 9,154.63 748.62"


def test_base_year_marked_in_the_header_line_and_printed_above() -> None:
    """wells_fargo_sustainability_2022.pdf page 39: "2019" above "Unit38 (baseline) 2020 2021 2022"."""
    text = ("Scope 1 and Scope 2 emissions (location and market based)36,37\n2019 \nUnit38 (baseline) 2020 2021 2022\n"
            "Total Scope 1 MTCO2e 86,602 78,087 73,319* 77,476*")
    rows = _rows(table_records(split_lines(text), 1, 0, {"36", "37", "38"}, None, None))
    assert rows == [("Total Scope 1", "MTCO2e", [("86,602", "2019"), ("78,087", "2020"), ("73,319", "2021"), ("77,476", "2022")])]


def test_columns_of_parts_with_a_total_column() -> None:
    """tesla_impact_2021.txt line 908: segment columns of a single-period table; the TOTAL
    column is the report's figure, the parts are left alone."""
    text = ("Metric Unit of Measure Manufacturing SSD1 Other2 TOTAL. \n"
            "Scope 1 GHG emissions tCO2e 124,000 31,000 30,000 185,000*\n")
    assert _rows(_records(text, 2021)) == [("Scope 1 GHG emissions", "tCO2e", [("185,000", None)])]
