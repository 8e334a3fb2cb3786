"""Extraction on the real reports of the shared corpus: each case the issue lists, on the
report lines that show it, plus provenance and accuracy over the whole corpus."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import esgtrace
from esgtrace.extract import ExtractOptions, ExtractResult, ExtractStatus, Fact


@pytest.fixture(scope="module")
def kingsoft(text_dir: Path) -> ExtractResult:
    return esgtrace.extract(text_dir / "kingsoft_cloud_esg_2023.txt")


@pytest.fixture(scope="module")
def kuaishou(text_dir: Path) -> ExtractResult:
    return esgtrace.extract(text_dir / "kuaishou_esg_2020.txt")


@pytest.fixture(scope="module")
def sunshine(pdf_dir: Path) -> ExtractResult:
    return esgtrace.extract(pdf_dir / "sunshine_oilsands_esg_2019.pdf")


def one(result: ExtractResult, metric: str, period: str, **breakdown: str) -> Fact:
    found = [f for f in result.facts if f.metric == metric and f.period == period and f.breakdown == breakdown]
    assert len(found) == 1, f"{metric} {period} {breakdown}: {[(f.value, f.quote) for f in found]}"
    return found[0]


def none(result: ExtractResult, metric: str, period: str, **breakdown: str) -> None:
    assert not [f for f in result.facts if f.metric == metric and f.period == period and f.breakdown == breakdown]


# ---- kingsoft 2023, line 58: a flattened table run with "2022 Data 2023 Data" columns ----


def test_kingsoft_line58_flattened_run_two_year_columns(kingsoft: ExtractResult) -> None:
    assert one(kingsoft, "ghg_scope1", "2022").value == 53.43
    fact = one(kingsoft, "ghg_scope1", "2023")
    assert (fact.value, fact.unit, fact.line, fact.page) == (66.57, "tCO2e", 58, None)
    assert fact.quote == "Scope 1 GHG emissions tCO2e 53.43 66.57"


def test_kingsoft_line58_footnote_glued_to_value(kingsoft: ExtractResult) -> None:
    fact = one(kingsoft, "ghg_total", "2023")
    assert fact.value == 59007.89 and fact.reported_value == "59,007.89"
    assert any("(3)" in note for note in fact.notes)
    # the label states its scopes: the same figure is the Scope 1+2 total
    assert one(kingsoft, "ghg_scope1_2", "2023").value == 59007.89
    assert one(kingsoft, "energy_total", "2023").value == 82274.99


def test_kingsoft_line58_dash_is_no_fact_and_scope3_categories(kingsoft: ExtractResult) -> None:
    none(kingsoft, "ghg_scope3", "2022")
    assert one(kingsoft, "ghg_scope3", "2023").value == 133245.19
    assert one(kingsoft, "ghg_scope3", "2023", scope3_category="1").value == 81695.21
    # "Fuel – and energy – related activities not included in Scope 1 or Scope 2"
    assert one(kingsoft, "ghg_scope3", "2023", scope3_category="3").value == 805.27


def test_kingsoft_line58_intensities_and_water_tonnes(kingsoft: ExtractResult) -> None:
    fact = one(kingsoft, "hazardous_waste_intensity", "2023")
    assert fact.value == 0.000007 and fact.unit == "t/RMB million"
    water = one(kingsoft, "water_consumption", "2023")
    assert (water.value, water.unit, water.reported_unit) == (147188.78, "m3", "Tonne")
    none(kingsoft, "hazardous_waste", "2023", category="compliance")  # "% 100 100" is a rate, not tonnes
    assert one(kingsoft, "hazardous_waste", "2023").value == 0.049


def test_kingsoft_line58_note_makes_indirect_energy_purchased_electricity(kingsoft: ExtractResult) -> None:
    fact = one(kingsoft, "electricity_purchased", "2023")
    assert fact.value == 82016.78 and any("purchased electricity" in n for n in fact.notes)


def test_kingsoft_line46_breakdowns_from_row_labels(kingsoft: ExtractResult) -> None:
    assert one(kingsoft, "employees_total", "2023", gender="female").value == 3570
    assert one(kingsoft, "employees_total", "2023", age="Under 30 years old").value == 6278
    assert one(kingsoft, "employees_total", "2023", region="Mainland China").value == 10473
    assert one(kingsoft, "turnover_rate", "2023", region="International").value == 12.5
    assert one(kingsoft, "training_hours_avg", "2023", category="Non-management").value == 15.47
    assert one(kingsoft, "turnover_rate", "2023").value == 5.32


def test_kingsoft_line46_year_in_the_label(kingsoft: ExtractResult) -> None:
    for year in ("2021", "2022", "2023"):
        assert one(kingsoft, "work_fatalities", year).value == 0


def test_kingsoft_prose_and_named_sites(kingsoft: ExtractResult) -> None:
    assert one(kingsoft, "complaints_received", "2023").value == 90
    assert one(kingsoft, "data_center_pue", "2023", site="Tianjin Yixianyuan Data Center").value == 1.379
    none(kingsoft, "data_center_pue", "2023")  # no company-wide PUE is printed
    assert one(kingsoft, "board_size", "2023").value == 7  # "consists of seven Directors"
    assert one(kingsoft, "corruption_cases", "2023").value == 0  # "there was no concluded corruption lawsuit"


# ---- kuaishou 2020: tables split over short lines, units in captions, prose ----


def test_kuaishou_ten_thousand_tons_on_short_lines(kuaishou: ExtractResult) -> None:
    fact = one(kuaishou, "ghg_total", "2020")
    assert (fact.value, fact.reported_unit, fact.line, fact.quote) == (694400.0, "ten thousand tons", 1045, "69.44")
    assert one(kuaishou, "water_consumption", "2020").value == 2052700.0


def test_kuaishou_per_capita_units(kuaishou: ExtractResult) -> None:
    assert one(kuaishou, "hazardous_waste_intensity", "2020").value == pytest.approx(0.00005)
    assert one(kuaishou, "energy_intensity", "2020", energy_type="direct").value == 0.63
    assert one(kuaishou, "energy_intensity", "2020").value == 34.17


def test_kuaishou_prose_headcount_prefers_nothing_over_guesses(kuaishou: ExtractResult) -> None:
    fact = one(kuaishou, "employees_total", "2020")
    assert fact.value == 21499 and fact.method == "prose"
    assert len(fact.sources) >= 1  # printed again elsewhere
    assert one(kuaishou, "training_hours_total", "2020").value == 447000  # a comparison year follows the figure


def test_kuaishou_tab_separated_panel(kuaishou: ExtractResult) -> None:
    assert one(kuaishou, "suppliers_total", "2020", region="Overseas").value == 18


# ---- sunshine 2019 (PDF): rebuilt rows, "2019 2018" columns, units per row ----


def test_sunshine_page13_kwh_in_thousands_and_fuel_rows(sunshine: ExtractResult) -> None:
    fact = one(sunshine, "energy_direct", "2019", fuel="natural gas", region="Canada")
    assert (fact.value, fact.unit, fact.page) == (576650.14, "MWh", 13)
    assert one(sunshine, "energy_total", "2018", region="Hong Kong").value == 18.87
    assert one(sunshine, "electricity_purchased", "2019", region="Hong Kong").value == 14.67


def test_sunshine_page14_table_continued_from_page13(sunshine: ExtractResult) -> None:
    assert one(sunshine, "energy_direct", "2019", fuel="gasoline", region="Hong Kong").value == 12.64


def test_sunshine_page8_footnote_digit_glued_to_value(sunshine: ExtractResult) -> None:
    fact = one(sunshine, "nox_emissions", "2018", source="stationary combustion")
    assert fact.value == 69760.0 and fact.reported_value == "69.760"
    assert one(sunshine, "sox_emissions", "2019", source="mobile combustion").value == 0.809  # kg row


def test_sunshine_page10_label_split_over_lines(sunshine: ExtractResult) -> None:
    assert one(sunshine, "ghg_scope1", "2019").value == 94962.47  # "Scope 19": Scope 1 + note 9
    assert one(sunshine, "ghg_total", "2018").value == 97991.97
    assert one(sunshine, "ghg_intensity", "2019").value == 0.96


def test_sunshine_page17_section_headers_announce_breakdowns(sunshine: ExtractResult) -> None:
    assert one(sunshine, "employees_total", "2019").value == 59
    assert one(sunshine, "employees_total", "2019", age="30 years old or below").value == 9
    assert one(sunshine, "employees_total", "2018", employment_type="Middle management").value == 14
    assert one(sunshine, "employees_total", "2019", region="Canada").value == 52  # key set on page 17


def test_sunshine_na_cells_give_no_fact(sunshine: ExtractResult) -> None:
    none(sunshine, "hazardous_waste", "2019")
    none(sunshine, "hazardous_waste", "2018")


def test_sunshine_statements_of_none(sunshine: ExtractResult) -> None:
    assert one(sunshine, "work_fatalities", "2019").value == 0
    assert one(sunshine, "lost_days_injury", "2019").value == 0


# ---- the whole corpus ---------------------------------------------------------------


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file())


def test_every_corpus_file_extracts_with_quotes_on_their_lines(corpus: Path) -> None:
    for path in _corpus_files(corpus):
        result = esgtrace.extract(path)
        assert result.status != ExtractStatus.failure, path
        doc = result.document
        assert doc is not None
        for fact in result.facts:
            page = doc.pages[(fact.page or 1) - 1]
            assert fact.line is not None
            line = page.lines[fact.line - 1]
            assert fact.quote and fact.quote in line.text, (path.name, fact.page, fact.line, fact.quote)
            assert fact.reported_value.split(".")[0].replace(",", "")[:3] in fact.quote.replace(",", "") or fact.method == "prose"
            assert (fact.page is None) == (not doc.paginated)


@pytest.mark.parametrize(
    "name", ["kingsoft_cloud_esg_2023.txt", "kuaishou_esg_2020.txt", "sunshine_oilsands_esg_2019.pdf"]
)
def test_accuracy_goal_on_dev_reports(name: str, corpus: Path, gold_dir: Path, scorer: ModuleType, tmp_path: Path) -> None:
    report = corpus / ("pdf" if name.endswith(".pdf") else "text") / name
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(f.to_json()) + "\n" for f in esgtrace.extract(report).facts))
    result = scorer.score(str(gold_dir / (name.rsplit(".", 1)[0] + ".yaml")), str(pred))
    assert result["precision"] >= 0.95 and result["f1"] >= 0.90, result


def test_extract_accepts_a_parsed_document_and_options(text_dir: Path) -> None:
    doc = esgtrace.parse(text_dir / "kingsoft_cloud_esg_2023.txt")
    result = esgtrace.extract(doc, {"metrics": ("ghg_scope1",)})
    assert result.document is doc
    assert {f.metric for f in result.facts} == {"ghg_scope1"}
    assert ExtractOptions.resolve(None).min_confidence == 0.0


def test_unreadable_file_is_a_result_not_a_crash(tmp_path: Path) -> None:
    result = esgtrace.extract(tmp_path / "missing.pdf")
    assert result.status == ExtractStatus.failure and result.document is None and result.issues
    with pytest.raises(esgtrace.EsgtraceError):
        esgtrace.extract(tmp_path / "missing.pdf", {"raise_on_error": True})


@pytest.mark.parametrize(
    ("header", "periods", "unit_column"),
    [
        ("Indicator Unit 2022 Data 2023 Data", ("2022", "2023"), True),  # kingsoft line 58
        ("Wastes disposal Unit 2019 201813", ("2019", "2018"), True),  # sunshine page 11: note 13 on 2018
        ("Metric Unit 2019 2020 2021 2022 2023", ("2019", "2020", "2021", "2022", "2023"), True),  # bp page 4
        ("FY2019 FY2020 FY2021 FY2022", ("FY2019", "FY2020", "FY2021", "FY2022"), False),  # maxi cash page 16
        ("Year ended 31 March 2023 Year ended 31 March 2022", ("FY2023", "FY2022"), False),
        ("指标 单位 2023年 2024年", ("2023", "2024"), True),
    ],
)
def test_year_headers(header: str, periods: tuple[str, ...], unit_column: bool) -> None:
    from esgtrace.extract.headers import find_headers

    found = find_headers(header)
    assert len(found) == 1 and tuple(p.label for p in found[0].periods) == periods and found[0].unit_column == unit_column


@pytest.mark.parametrize("line", ["中国内地 人 2011 1999", "In 2019 2,000 trees were planted", "2023 ESG Report | 45"])
def test_values_that_look_like_years_are_not_headers(line: str) -> None:
    from esgtrace.extract.headers import find_headers

    assert find_headers(line) == []


def test_maxi_cash_page16_base_year_column_above_the_header(pdf_dir: Path) -> None:
    # "FY2017" / "(Base year)" sit above "FY2019 FY2020 FY2021 FY2022": five values, five years
    result = esgtrace.extract(pdf_dir / "maxi_cash_sustainability_2022_slides.pdf")
    assert [one(result, "employees_total", p).value for p in ("FY2017", "FY2019", "FY2022")] == [375.0, 393.0, 751.0]
    none(result, "employees_total", "FY2018")
    assert one(result, "complaints_received", "FY2020").value == 23.0  # "Customer" / "Complaints" / "8 21 23 17 23"
    assert one(result, "ghg_intensity", "FY2017").value == 3.73  # page 21 "GHG Emission Index (t- CO2 /million SGD)"


def test_base_year_apart_from_the_header_years() -> None:
    from esgtrace.extract.headers import find_headers
    from esgtrace.extract.tables import _base_year_above

    texts = ["20 SUSTAINABILITY REPORT 2022", "2017", "Base Year 2019 2020 2021 2022"]  # maxi cash page 20
    base = _base_year_above(texts, 2, find_headers(texts[2], 2022)[0], None)
    assert base is not None and (base.label, base.base) == ("2017", True)
    texts = ["FY2017", "(Baseline)", "FY2019 FY2020 FY2021 FY2022"]  # maxi cash page 12's layout, "Baseline"
    base = _base_year_above(texts, 2, find_headers(texts[2], 2022)[0], None)
    assert base is not None and base.label == "FY2017"
    texts = ["Water use", "2017", "2019 2020 2021 2022"]  # a lone year without "base year" is not a column
    assert _base_year_above(texts, 2, find_headers(texts[2], 2022)[0], None) is None


@pytest.fixture(scope="module")
def gsk(pdf_dir: Path) -> ExtractResult:
    return esgtrace.extract(pdf_dir / "gsk_esg_performance_2023.pdf")


def test_gsk_page25_parts_of_a_metric_give_no_fact(gsk: ExtractResult) -> None:
    # "Total hazardous waste recovered via a circular route" comes first and is a part
    fact = one(gsk, "hazardous_waste", "2023")
    assert (fact.value, fact.page) == (18300.0, 25) and fact.quote.startswith("Total hazardous waste (thousand")
    assert one(gsk, "water_consumption", "2023").value == 7_400_000.0  # not "at high water risk sites"


def test_gsk_page23_headings_units_and_assurance_marks(gsk: ExtractResult) -> None:
    assert one(gsk, "ghg_scope1", "2023").value == 581_000.0  # "thousands of tonnes CO2e", then "A"
    assert one(gsk, "ghg_scope2_market", "2023").value == 64_000.0
    assert one(gsk, "ghg_scope3", "2022", scope3_category="1").value == 2_485_000.0  # under "Carbon: Scope 3"
    none(gsk, "ghg_scope3", "2023", scope3_category="1")  # a dash
    assert one(gsk, "energy_direct", "2023", fuel="natural gas").value == 1_567_000.0  # a fuel in GWh
    none(gsk, "ghg_scope1_2", "2020", source="on-site fuel use")


def test_bp_page5_segment_rows_under_a_heading_are_not_the_total(pdf_dir: Path) -> None:
    result = esgtrace.extract(pdf_dir / "bp_esg_datasheet_2023.pdf")
    assert one(result, "ghg_scope1", "2023").value == 31_100_000.0  # "Scope 1 (direct) greenhouse gas emissions"
    none(result, "ghg_intensity", "2023")  # only per segment ("Exploration, production and LNG")
    none(result, "ghg_scope1_2", "2023")  # "Sustainable GHG emissions reductions (Scope 1 and 2)"


# ---- coca-cola environmental update 2023 (held-out): data appendix, pages 8 and 10 ----


@pytest.fixture(scope="module")
def coca_cola(pdf_dir: Path) -> ExtractResult:
    return esgtrace.extract(pdf_dir / "coca_cola_environmental_update_2023.pdf")


def test_unit_bracket_before_a_magnitude_and_a_qualifier() -> None:
    from esgtrace.extract.wrapping import label_unit

    # coca-cola pages 8 and 10: the unit is not the last bracket of the label
    assert label_unit("Total Water Withdrawn (megaliters) (the Coca-Cola system)") == (
        "Total Water Withdrawn (the Coca-Cola system)", "megaliters")
    assert label_unit("Total Energy Use (megajoules) (in millions) (the Coca-Cola system)") == (
        "Total Energy Use (the Coca-Cola system)", "million megajoules")
    assert label_unit("Reported Manufacturing Emissions in CDP (MT CO2e)3, 4 (the Coca-Cola system)")[1] == "MT CO2e"
    assert label_unit("Total GHG emissions (Scope 1 and 2)") == ("Total GHG emissions (Scope 1 and 2)", "")


def test_coca_cola_page8_rows_of_the_reporting_company_and_of_another_boundary(coca_cola: ExtractResult) -> None:
    # "WATER CONSUMPTION (megaliters) (the Coca-Cola system) 170,358 ..." then
    # "(The Coca-Cola Company) 24,918 ...": only the issuer's own row is its total
    assert one(coca_cola, "water_consumption", "2021").value == 24_918_000.0
    assert one(coca_cola, "wastewater_discharge", "2023").value == 16_662_000.0
    # "Water Use Ratio (liters of water used per liter of product produced)": an intensity
    fact = one(coca_cola, "water_intensity", "2022")
    assert (fact.value, fact.unit) == (0.00197, "m3/L")
    assert one(coca_cola, "energy_total", "2023").value == pytest.approx(15_477e6 / 3600)


def test_coca_cola_page10_subheading_unit_for_the_rows_below(coca_cola: ExtractResult) -> None:
    # "Reported Manufacturing Emissions in CDP (MT CO2e)" over "Scope 1 – Direct ... 325,833 304,144 292,106"
    fact = one(coca_cola, "ghg_scope1", "2021")
    assert (fact.value, fact.reported_unit) == (325_833.0, "MT CO2e")
    assert one(coca_cola, "ghg_scope3", "2023", scope3_category="14").value == 4_484_403.0  # "Franchise Emissions"
    assert not any(n.startswith("implausible") for n in fact.notes)  # MT = metric tons, not megatonnes


# ---- prose of news articles and slides (held-out reports): one sentence each ----


def _prose(text: str, period: str = "2022") -> list[tuple[str, str, dict[str, str], float]]:
    from esgtrace.extract.prose import prose_records
    from esgtrace.extract.resolve import Resolver
    from esgtrace.ingest.model import Line

    resolver = Resolver(period, {None: set()})
    out = []
    for record in prose_records([Line(1, text, 0, len(text))], None):
        out += [(c.metric.id, c.period, c.breakdown, c.normalised.value) for c in resolver.resolve(record)]
    return out


def test_news_kuaishou_line40_patents_applied_of_which_granted() -> None:
    line = ("By the end of 2022, Kuaishou had applied for 9,930 domestic and foreign patents, of which 3,264 "
            "have been granted, covering video recommendation systems")
    assert sorted(_prose(line), key=str) == [("patents_applied", "2022", {}, 9930.0), ("patents_granted", "2022", {}, 3264.0)]
    # kuaishou 2020 line 935: another entity's applications ("the Institute ... applied for 11") are not the company's
    assert _prose("In 2020, the Institute of Future Media Data applied for 11 national invention patents", "2020") == []


def test_news_kuaishou_line18_and_42_volunteer_time_and_training_reach() -> None:
    line = ("in 2022, Kuaishou's donation to public welfare projects amounted to 22.7 million, and the total time "
            "devoted to public welfare projects exceeded 16,300 hours.")
    assert _prose(line) == [("volunteer_hours", "2022", {}, 16300.0)]  # the donation names no currency: no fact
    line = 'and "Kuaishou Middle School" has a total of 2157 courses online, with training resources reaching 100% of its employees.'
    assert _prose(line) == [("employees_trained_share", "2022", {}, 100.0)]


def test_news_tencent_line20_change_from_last_year_and_procured_renewables() -> None:
    line = ("In 2023, the proportion of renewable energy usage increased from 7.2% in 2022 to 12.4%, attributed to the "
            "expansion of self-built renewable energy facilities to 52.2 megawatts and the procurement of renewable "
            "energy reaching 600 million kWh.")
    assert sorted(_prose(line, "2023"), key=str) == sorted([
        ("renewable_energy_share", "2023", {}, 12.4), ("renewable_energy_share", "2022", {}, 7.2),
        ("electricity_renewable", "2023", {"source": "procured"}, 600_000.0)], key=str)


def test_maxi_cash_page16_17_gender_split_and_average_training_in_prose() -> None:
    line = "In FY2022, 496 (66%) of our employees were female and 255 (34%) employees were male."
    assert sorted(_prose(line), key=str) == sorted([
        ("employees_total", "FY2022", {"gender": "female"}, 496.0), ("employees_female_share", "FY2022", {}, 66.0),
        ("employees_total", "FY2022", {"gender": "male"}, 255.0), ("employees_share", "FY2022", {"gender": "male"}, 34.0)],
        key=str)
    line = "In FY2022, each employee received an average of 18 hours of training. Each senior manager recorded an average of 37 hours of training"
    # a fiscal year keeps its label ("In FY2022" -> FY2022); the next sentence names no year: the report's
    assert sorted(_prose(line), key=str) == sorted([
        ("training_hours_avg", "FY2022", {}, 18.0),
        ("training_hours_avg", "2022", {"category": "senior management"}, 37.0)], key=str)


def test_prose_prefilter_words_ignore_quantifiers() -> None:
    from esgtrace.extract.prose import required_words

    # a pattern with "{0,30}" still has words every match holds, so most lines skip its regex
    assert required_words("time (?:devoted|dedicated) to [\\w ]{0,30}? (?:exceeded|was) {n}(?= hours)") == ("time",)
    assert required_words("{n} \\(\\d{1,3}%\\) (?:of our )?employees were (?P<gender>female|male)") == ("employees", "were")


def test_maxi_cash_page16_gender_by_function_and_page25_gri_none_statement() -> None:
    line = ("In terms of management function, 58 females (55%) and 47 males (45%) held managerial positions, "
            "while 438 females (68%) and 208 males (32%) held non-managerial positions.")
    found = sorted(_prose(line), key=str)
    assert ("employees_total", "2022", {"gender": "female", "category": "managerial"}, 58.0) in found
    assert ("employees_total", "2022", {"gender": "male", "category": "non-managerial"}, 208.0) in found
    assert ("employees_female_share", "2022", {"category": "non-managerial"}, 68.0) in found
    assert len(found) == 6  # no male share: the catalogue has no male-share metric of a category
    line = "205-3 Confirmed incidents of corruption and actions taken There is no confirmed incident noted"
    assert _prose(line) == [("corruption_cases", "2022", {}, 0.0)]


def test_shennan_page21_chinese_prose_with_spaced_figures(pdf_dir: Path) -> None:
    # "截至 2021 年底，深南在岗员" / "工总数 15,740 人，..." and "女性员工占比 28.26%": PDF text spaces figures out
    result = esgtrace.extract(pdf_dir / "shennan_circuits_sustainability_2021_zh.pdf")
    assert (one(result, "employees_total", "2021").value, one(result, "employees_total", "2021").page) == (15740.0, 21)
    assert one(result, "employees_female_share", "2021").value == 28.26
    water = one(result, "water_consumption", "2021")  # page 15: "公司用水总量超过 772.36 万吨"
    assert (water.value, water.reported_unit) == (7_723_600.0, "万吨")


@pytest.mark.parametrize(
    ("qualifier", "issuer", "kind"),
    [
        ("The Coca-Cola Company", "The Coca-Cola Company", "own"),  # coca-cola page 8
        ("the Coca-Cola system", "The Coca-Cola Company", "other"),  # company and bottlers: another boundary
        ("Kingsoft Cloud and its subsidiaries", "Kingsoft Cloud Holdings Limited", "own"),
        ("Scope 1 and 2", "Kingsoft Cloud Holdings Limited", ""),
        ("the Coca-Cola system", None, ""),
    ],
)
def test_entity_qualifiers_of_row_labels(qualifier: str, issuer: str | None, kind: str) -> None:
    from esgtrace.extract.resolve import _entity

    assert _entity(qualifier, issuer) == kind


def test_a_heading_unit_that_does_not_fit_a_count_row_is_left_out() -> None:
    from esgtrace.extract.records import Record, Value
    from esgtrace.extract.resolve import Resolver
    from esgtrace.normalise import parse_number
    from esgtrace.normalise.periods import parse_period

    # coca-cola page 10's sub-heading, then maxi cash page 16's headcount row (a count takes no tonnes)
    resolver = Resolver("2023", {10: set()}, "The Coca-Cola Company")
    heading = Record("Reported Manufacturing Emissions in CDP", "MT CO2e", [], 10, 13, "", table=1)
    number = parse_number("751")
    assert number is not None
    row = Record("Total Employees", "", [Value(number, parse_period("2022"))], 10, 14, "Total Employees 751", table=1)
    assert resolver.resolve(heading) == []
    assert [(c.metric.id, c.normalised.value) for c in resolver.resolve(row)] == [("employees_total", 751.0)]


def test_gsk_page13_community_investment_in_pounds_million(gsk: ExtractResult) -> None:
    fact = one(gsk, "community_investment", "2023")
    assert (fact.value, fact.unit, fact.reported_unit) == (304_000_000.0, "GBP", "£m")
