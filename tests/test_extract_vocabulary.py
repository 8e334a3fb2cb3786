"""Label -> metric by the scored vocabulary, and figures in sentences named by it.

Real labels and sentences of corpus reports (none of them in the vocabulary as such) and
generated variations of word order, plurals, brackets and markers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import esgtrace
from esgtrace.extract.labels import best_metric, match_metrics, names_a_part
from esgtrace.extract.prose import sentence_records
from esgtrace.extract.vocabulary import name_metric, read_words, score_label
from esgtrace.ingest.model import Line


def named(label: str) -> str | None:
    found = name_metric(label)
    return found[0].metric.id if found else None


@pytest.mark.parametrize(
    ("label", "metric"),
    [
        ("Direct GHG emissions (Scope 1)", "ghg_scope1"),
        ("Scope 1 – Direct emissions", "ghg_scope1"),
        ("Greenhouse gas emissions: direct", "ghg_scope1"),
        ("范围一温室气体排放", "ghg_scope1"),
        ("Gross Location-Based Indirect Emissions", "ghg_scope2"),  # gm_sustainability_2021 p41
        ("Scope 2 (market-based)", "ghg_scope2_market"),
        ("Scope 1 and 2", "ghg_scope1_2"),
        ("The amount of SO2 emission", "sox_emissions"),  # chalco_esg_2019 line 508
        ("The amount of general industrial solid wastes generated", "non_hazardous_waste"),  # chalco line 528
        ("carbon dioxide emission (in CO2 equivalent)", "ghg_total"),  # chalco line 512
        ("Total packaging", "packaging_material"),  # apple_esg_2022 line 1477
        ("Total electricity consumed", "electricity_purchased"),  # wells_fargo_sustainability_2022 p19
        ("年度用电量", "electricity_purchased"),  # ping_an_bank_sustainability_2021_zh p56
        ("对外捐赠总额", "community_investment"),  # ping_an p7
        ("员工总数", "employees_total"),
        ("Non-hazardous waste", "non_hazardous_waste"),
        ("Hazardous wastes", "hazardous_waste"),
        ("Energy intensity", "energy_intensity"),
        ("Training hours per employee", "training_hours_avg"),
        ("Water discharge", "wastewater_discharge"),
    ],
)
def test_labels_reports_print_name_their_metric(label: str, metric: str) -> None:
    assert named(label) == metric


@pytest.mark.parametrize(
    "label",
    [
        "Revenue", "Total assets", "Profit before tax", "Emissions", "Data coverage (% of employees)",
        "Water withdrawal",  # withdrawal is not consumption
        "Scope 1 and 2 and 3 reductions",
    ],
)
def test_labels_of_no_metric_or_of_another_quantity_abstain(label: str) -> None:
    assert named(label) is None


def test_distinguishing_words_keep_metrics_apart() -> None:
    assert "ghg_scope2" not in {s.metric.id for s in score_label("Scope 2 (market-based)")}
    assert "energy_total" not in {s.metric.id for s in score_label("Energy consumption intensity")}
    assert "hazardous_waste" not in {s.metric.id for s in score_label("Non-hazardous waste")}
    assert "ghg_scope1" not in {s.metric.id for s in score_label("Scope 1 and 2 emissions")}


def test_a_segment_left_over_makes_the_row_a_part() -> None:
    label = "Scope 1 – Upstream"
    match = match_metrics(label)[0]
    assert match.metric.id == "ghg_scope1" and names_a_part(label, match)


def test_a_group_left_over_is_the_rows_breakdown() -> None:
    match = best_metric("Female employees")
    assert match is not None and match.metric.id == "employees_total" and match.rest == "female"


_VARIANTS = [
    (["Direct", "GHG", "emissions", "(Scope 1)"], "ghg_scope1"),
    (["Total", "energy", "consumption"], "energy_total"),
    (["Non-hazardous", "waste", "generated"], "non_hazardous_waste"),
    (["Water", "consumption"], "water_consumption"),
    (["Scope 3", "emissions"], "ghg_scope3"),
    (["Volunteer", "hours"], "volunteer_hours"),
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(_VARIANTS).flatmap(lambda v: st.tuples(st.permutations(v[0]), st.just(v[1]))),
    st.sampled_from(["", "1", "(2)", "*", "³"]),
    st.booleans(),
    st.booleans(),
)
def test_word_order_plurals_brackets_and_markers_do_not_change_the_metric(
    words_metric: tuple[list[str], str], marker: str, plural: bool, bracket: bool
) -> None:
    words, metric = words_metric
    label = " ".join(words)
    if plural and not label.endswith(("s", ")")):
        label += "s"
    label += marker
    if bracket:
        label = f"{label} (total)"
    from esgtrace.extract.labels import clean_label

    assert named(clean_label(label)) == metric, label


def test_read_words_folds_phrases_and_plurals() -> None:
    assert read_words("Greenhouse gases emitted").latin == ("ghg", "emission")
    assert read_words("Number of fatalities").latin == ("fatality",)


def records(text: str, period: str = "2022") -> list[tuple[str | None, float, str | None]]:
    lines = [Line(1, text, 0, len(text))]
    return [
        (r.metric, r.values[0].number.value, r.values[0].period.label if r.values[0].period else None)
        for r in sentence_records(lines, 1, period)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Total GHG emissions of 13.2 million tonnes were recorded.", [("ghg_total", 13_200_000.0, None)]),
        ("In 2022, we reduced Scope 1 and 2 emissions to 1.2 MtCO2e.", [("ghg_scope1_2", 1.2, "2022")]),
        ("本年度温室气体排放总量为 12,345 吨二氧化碳当量。", [("ghg_total", 12345.0, None)]),
        ("2022年，本集团用水量为 3,456 吨。", [("water_consumption", 3456.0, "2022")]),
        ("Our total energy consumption was 120,000 MWh.", [("energy_total", 120_000.0, None)]),
        # a change, a target, a comparison with another year, withdrawal: no fact
        ("We reduced Scope 1 emissions by 1,200 tonnes CO2e in 2022.", []),
        ("We aim to cut Scope 1 emissions to 3,000 tCO2e by 2030.", []),
        ("Scope 1 emissions were 5,000 tCO2e in 2021, compared with 6,000 tCO2e in 2019.", []),
        ("Scope 1 emissions were 1,000 tonnes lower than last year.", []),
        ("Water withdrawal was 3,000 m3.", []),
    ],
)
def test_figures_in_generated_sentences(sentence: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert records(sentence) == expected


def _line(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[number - 1]


def test_vodafone_line523_scope_1_and_2_in_a_sentence(corpus: Path) -> None:
    text = _line(corpus / "more" / "text" / "vodafone_sustainable_business_2019.txt", 523)
    assert ("ghg_scope1_2", 2_000_000.0, "FY2019") in records(text, "FY2019")  # "in 2019" of an FY2019 report


def test_visa_line1131_assurance_statement_lists_scopes_with_their_method(corpus: Path) -> None:
    text = _line(corpus / "more" / "text" / "visa_esg_2021.txt", 1131)
    found = records(text, "FY2021")
    assert ("ghg_scope1", 4000.0, None) in found and ("ghg_scope2", 59200.0, None) in found
    assert not [f for f in found if f[0] == "ghg_scope2" and f[1] == 0.0]  # the market-based 0 is not location-based


def test_samsung_line2692_water_use_not_withdrawal(corpus: Path) -> None:
    text = _line(corpus / "more" / "text" / "samsung_sustainability_2022.txt", 2692)
    found = records(text)
    assert ("water_consumption", 32_706_000.0, "2021") in found
    assert not [f for f in found if f[1] == 163_660_000.0]


def test_merck_page167_market_based_method_named_after_the_figure(corpus: Path) -> None:
    result = esgtrace.extract(corpus / "more" / "pdf" / "merck_kgaa_sustainability_2023.pdf")
    # the page's sentences give the figures; the data table on a later page may be cited first
    facts = {(f.metric, f.period): f.value for f in result.facts
             if f.page == 167 or any(s.page == 167 and s.value == f.value for s in f.sources)}
    assert facts[("ghg_scope1", "2023")] == 1_236_000.0 and facts[("ghg_scope1", "2022")] == 1_518_000.0
    assert facts[("ghg_scope2_market", "2023")] == 227_000.0
    assert ("ghg_scope2", "2023") not in facts


def test_chalco_line548_a_part_of_the_row_above_is_its_group(corpus: Path) -> None:
    result = esgtrace.extract(corpus / "text" / "chalco_esg_2019.txt")
    facts = {(f.metric, f.period, tuple(f.breakdown.items())): f.value for f in result.facts if f.line in (508, 547, 548)}
    assert facts[("water_consumption", "2019", ())] == 3_001_000_000
    assert facts[("water_consumption", "2019", (("category", "circulating water"),))] == 2_898_000_000
    assert facts[("sox_emissions", "2019", ())] == 47_300_000  # "SO2 emission5": the 2 is the formula's, the 5 a marker


def test_a_share_of_no_group_is_no_fact() -> None:
    from esgtrace.extract.records import Record, Value
    from esgtrace.extract.resolve import Resolver
    from esgtrace.normalise import parse_number

    number = parse_number("48%")
    assert number is not None
    row = Record(label="All employees", unit="", values=[Value(number, None)], page=1, line=1, quote="All employees 48%", table=1)
    assert Resolver("2023", {}).resolve(row) == []


def test_a_financial_statement_page_is_not_esg_and_an_esg_data_page_is() -> None:
    from esgtrace.extract.sections import financial_page

    balance = (
        "Consolidated balance sheet\nTotal assets 12,345 11,234\nTrade receivables 1,234 1,100\n"
        "Total liabilities 5,432 5,000\nRetained earnings 3,210 3,000\nDeferred tax 120 110\n"
        "Goodwill 800 800\nEnergy 1,234 1,111\nDonations 12 10\n"
    )
    assert financial_page(balance)
    assert not financial_page(balance + "Scope 1 GHG emissions tCO2e 1,234 1,100\n")


def test_no_facts_from_a_generated_income_statement(tmp_path: Path) -> None:
    report = tmp_path / "annual_report.txt"
    esg = "Environmental performance\nIndicator Unit 2023 2022\nTotal energy consumption MWh 1,234 1,111\n"
    statement = (
        "Consolidated income statement\nRevenue 2023 2022\nCost of sales 1,000 900\nGross profit 500 450\n"
        "Depreciation and amortisation 50 45\nImpairment 5 4\nOperating profit 400 380\nProfit before tax 390 370\n"
        "Earnings per share 1.2 1.1\nTotal assets 9,000 8,500\nIndicator Unit 2023 2022\nWater consumption m3 7,000 6,000\n"
    )
    report.write_text(esg + "\f" + statement, encoding="utf-8")
    facts = esgtrace.extract(report).facts
    assert [(f.metric, f.value) for f in facts if f.page == 1] and not [f for f in facts if f.page == 2]


def test_ping_an_chinese_sentences_name_counts_and_money_without_a_link(corpus: Path) -> None:
    doc = esgtrace.parse(corpus / "pdf" / "ping_an_bank_sustainability_2021_zh.pdf")
    found = {
        (r.metric, r.values[0].number.value)
        for n in (14, 37, 69)
        for r in sentence_records(doc.page(n).lines, n, doc.period)
    }
    assert ("board_size", 14.0) in found  # 本行董事会共有董事 14 名
    assert ("complaints_received", 215_440.0) in found  # 本行受理和收集客户投诉 215,440 件
    assert ("community_investment", 121_960_600.0) in found  # 本行对外捐赠总额 12,196.06 万元
    assert not [f for f in found if f[0] == "board_size" and f[1] == 5.0]  # 独立董事 5 名 is not the board


def test_hsbc_page43_46_captioned_headline_figures(corpus: Path) -> None:
    from esgtrace.extract.highlights import highlight_records

    doc = esgtrace.parse(corpus / "pdf" / "hsbc_esg_review_2023.pdf")
    found = {
        (r.metric, v.number.value, v.period.label if v.period else None)
        for n in (43, 46)
        for r in highlight_records(doc.page(n).lines, n)
        for v in r.values
    }
    assert ("training_hours_total", 5_300_000.0, "2023") in found  # "5.3 million" over its caption
    assert ("training_hours_total", 6_300_000.0, "2022") in found  # "(2022: 6.3 million)"
    assert ("community_investment", 107_300_000.0, None) in found  # "$107.3m" under its caption
    assert ("volunteer_hours", 181_800.0, None) in found  # ">181,800"
