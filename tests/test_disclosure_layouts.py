"""The content-index reader on each layout real indexes use: generated indexes (hypothesis
varies every layout choice), small hand-written rows of one layout each, and real index
pages of the corpus."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esgtrace import parse
from esgtrace.disclose import catalogue
from esgtrace.disclose.frameworks import read_framework_indexes
from esgtrace.disclose.index import read_index
from esgtrace.disclose.model import IndexRow
from esgtrace.samples.index_pages import IndexStyle, TruthRow, write_index_report
from esgtrace.samples.strategies import index_styles
from tests.conftest import CORPUS

CATALOGUE = catalogue.load()
BODY = "1 About this Report\nThe Group reports on its environmental and social performance.\f"


def rows_of(path: Path) -> dict[str, IndexRow]:
    return {r.item: r for r in read_index(parse(path), CATALOGUE).rows}


def read_text(tmp: Path, text: str) -> dict[str, IndexRow]:
    path = tmp / "index.txt"
    path.write_text(BODY + text, encoding="utf-8")
    return rows_of(path)


def generated(style: IndexStyle, seed: int) -> tuple[list[TruthRow], dict[str, IndexRow]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        truth = write_index_report(path, style, seed)
        return truth, rows_of(path)


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(index_styles(flat=False), st.integers(0, 10**6))
def test_generated_indexes_read_row_for_row(style: IndexStyle, seed: int) -> None:
    truth, rows = generated(style, seed)
    assert set(rows) == {t.item for t in truth}  # every listed item, and none the page does not list
    for t in truth:
        assert rows[t.item].claim == t.claim, (t, rows[t.item])
        assert set(t.pages) <= set(rows[t.item].pages), (t, rows[t.item])
        assert all(number in rows[t.item].where for number in t.sections), (t, rows[t.item])


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(index_styles(flat=True), st.integers(0, 10**6))
def test_generated_flattened_indexes_invent_nothing(style: IndexStyle, seed: int) -> None:
    # whole pages on one line: no row may be invented, and nearly every claim holds; an item
    # listed a second time is read as a mention there (its second place is lost)
    truth, rows = generated(style, seed)
    assert set(rows) <= {t.item for t in truth}
    right = sum(1 for t in truth if t.item in rows and rows[t.item].claim == t.claim)
    assert right >= 0.9 * len(truth), [(t, rows.get(t.item)) for t in truth if t.item not in rows or rows[t.item].claim != t.claim]


def test_range_and_list_rows(tmp_path: Path) -> None:
    rows = read_text(tmp_path, "HKEX ESG Reporting Guide Content Index\n"
                     "A1 Emissions General Disclosure\tP10\n"
                     "KPI A1.1-A1.6\tEmissions data, waste and targets\tP12-15\n"
                     "B1, B1.1\tEmployment policies and total workforce\tP20\n"
                     "B2.1 – 2.3\tHealth and safety\tP22\n"
                     "KPI B6.1 to B6.5\tProduct responsibility\t\"Caring for Customers\"\n")
    assert [i for i in rows if i.startswith("A1.")] == ["A1.GD", "A1.1", "A1.2", "A1.3", "A1.4", "A1.5", "A1.6"]
    assert rows["A1.4"].pages == (12, 13, 14, 15) and rows["A1.GD"].pages == (10,)
    assert rows["B1.GD"].pages == rows["B1.1"].pages == (20,) and "B1.2" not in rows
    assert {"B2.1", "B2.2", "B2.3"} <= set(rows) and rows["B2.2"].pages == (22,)
    assert rows["B6.3"].where == "Caring for Customers"


def test_section_and_chapter_references(tmp_path: Path) -> None:
    rows = read_text(tmp_path, "Content Index\n"
                     "Aspect A1: Emissions General Disclosure\t5.1 Hazardous Waste Disposal 5.2 Achieving Green Production\n"
                     "KPI A1.1\tThe types of emissions\t5.6 Environment. Performance.\n"
                     "KPI A1.2\tGreenhouse gas emissions\t“Climate Action”\n"
                     "KPI A1.3\tHazardous waste\tEnvironmental Performance – Waste, page 31\n"
                     "KPI A1.4\tNon-hazardous waste\tP32\n"
                     "KPI A1.5\tMeasures\tP33\nKPI A1.6\tWaste handling\tP34\n")
    assert rows["A1.GD"].where == "5.1 Hazardous Waste Disposal; 5.2 Achieving Green Production"
    assert rows["A1.1"].where == "5.6 Environment Performance" and rows["A1.1"].pages == ()
    assert rows["A1.2"].where == "Climate Action" and rows["A1.3"].pages == (31,)


def test_item_listed_under_two_sections(tmp_path: Path) -> None:
    rows = read_text(tmp_path, "HKEX ESG Reporting Guide Content Index\n"
                     "KPI A1.1\tTypes of emissions\tP12\nKPI A1.2\tGHG emissions\tP13\nKPI A1.3\tHazardous waste\tP14\n"
                     "KPI B2.3\tOccupational health and safety measures\tP30\n"
                     "KPI B3.1\tEmployees trained\tP35\nKPI B3.2\tTraining hours\tP36\n"
                     "KPI B2.3\tSafety of contractors (continued)\tP41\n")
    assert list(rows).count("B2.3") == 1 and rows["B2.3"].pages == (30, 41)
    assert rows["B3.2"].pages == (36,)  # the second listing does not run into the row before


def test_comply_or_explain_and_claim_columns(tmp_path: Path) -> None:
    rows = read_text(tmp_path, "HKEX ESG Reporting Guide Content Index\n"
                     "Aspect / KPI\tDescription\tObligation\tDisclosed / Explained / Not applicable\tPage\n"
                     "KPI A1.1\tTypes of emissions\tComply or explain\tDisclosed\tP12\n"
                     "KPI A1.2\tGHG emissions\tComply or explain\tDisclosed\tP13\n"
                     "KPI A1.3\tHazardous waste\tComply or explain\tExplained\tThe Group produces little hazardous waste and will report it when measured.\n"
                     "KPI A1.4\tNon-hazardous waste\tComply or explain\tNot applicable\n"
                     "KPI A1.5\tEmission targets\tComply or explain\tDisclosed\n"
                     "KPI A1.6\tWaste handling\tComply or explain\tNot disclosed\n")
    assert [rows[i].claim for i in ("A1.1", "A1.2", "A1.3", "A1.4", "A1.5", "A1.6")] == \
        ["disclosed", "disclosed", "explained", "not_applicable", "disclosed", "omitted"]
    assert rows["A1.1"].obligation_claimed == "comply or explain" and rows["A1.1"].pages == (12,)


@pytest.mark.parametrize(("sentence", "claim"), [
    ("The Group has no formal policy on this yet and will consider setting one.", "explained"),
    ("We have not yet set a water-efficiency target; one is being developed.", "explained"),
    ("The Group does not currently have targets for waste reduction.", "explained"),
    ("Not applicable as the Group does not sell packaged products.", "not_applicable"),
    ("No complaints were received during the reporting period.", "disclosed"),
    ("本集团暂未制定相关目标，将考虑于未来披露。", "explained"),
    ("不适用，本集团并无包装产品。", "not_applicable"),
])
def test_claims_written_as_sentences(tmp_path: Path, sentence: str, claim: str) -> None:
    lines = [f"KPI A1.{n}\tItem {n}\tP{10 + n}" for n in range(1, 6)]
    rows = read_text(tmp_path, "Content Index\n" + "\n".join(lines) + f"\nKPI A1.6\tWaste handling\t{sentence}\n")
    assert rows["A1.6"].claim == claim and rows["A1.5"].claim == "disclosed"


def test_rows_split_across_lines_and_pages(tmp_path: Path) -> None:
    rows = read_text(tmp_path, "8 ESG Report\nHKEX ESG Reporting Guide Content Index\nAspect / KPI\tDescription\tPage\n"
                     "KPI A1.1\tTypes of emissions\tP12\nKPI A1.2\tGreenhouse gas emissions in total\nand intensity\tP13\n"
                     "KPI A1.3\tHazardous waste\tP14\nKPI A1.4\tNon-hazardous\nwaste produced\f"
                     "9 ESG Report\nHKEX ESG Reporting Guide Content Index (continued)\nAspect / KPI\tDescription\tPage\n"
                     "and intensity\tP15\nKPI A1.5\tMeasures\tN/A\nKPI A1.6\tWaste handling\tP17\n")
    assert rows["A1.2"].pages == (13,) and rows["A1.4"].pages == (15,) and rows["A1.5"].claim == "not_applicable"
    assert "continued" not in rows["A1.4"].text and "ESG Report" not in rows["A1.4"].text  # the page's heading is not part of the row


def test_pre2020_numbering_beside_2020(tmp_path: Path) -> None:
    old = read_text(tmp_path, "HKEX ESG Reporting Guide Content Index\n" + "\n".join(
        f"KPI {i}\tItem\tP{n + 10}" for n, i in enumerate(("A3.1", "B5.1", "B5.2", "B7.1", "B7.2", "B8.1", "B8.2"))))
    assert "A4.GD" not in old and "B5.3" not in old and "B7.3" not in old and set(old) == {"A3.1", "B5.1", "B5.2", "B7.1", "B7.2", "B8.1", "B8.2"}
    new = read_text(tmp_path, "HKEX ESG Reporting Guide Content Index\nGovernance structure\tStatement of the Board\tP3\n"
                    "A4 Climate Change General Disclosure\tP20\nKPI A4.1\tClimate issues\tP21\n"
                    + "\n".join(f"KPI {i}\tItem\tP{n + 30}" for n, i in enumerate(("B5.1", "B5.2", "B5.3", "B5.4", "B7.3"))))
    assert {"MDR.GOV", "A4.GD", "A4.1", "B5.3", "B5.4", "B7.3"} <= set(new) and new["A4.GD"].pages == (20,)


def test_chinese_index(tmp_path: Path) -> None:
    rows = read_text(tmp_path, "香港联交所《环境、社会及管治报告指引》内容索引\n层面／指标\t描述\t章节／页码\n"
                     "层面A1：排放物\t一般披露\t第12页\n关键绩效指标A1.1\t排放物种类\t第13-14页\n"
                     "关键绩效指标A1.2\t温室气体排放\t13\n关键绩效指标A1.3\t有害废弃物\t不适用\n"
                     "关键绩效指标A1.4\t无害废弃物\t暂未收集相关数据\nB1：一般披露\t雇佣\t20、22\n"
                     "关键绩效指标B1.1、B1.2\t雇员总数及流失比率\t21\n")
    assert rows["A1.GD"].pages == (12,) and rows["A1.1"].pages == (13, 14) and rows["A1.2"].pages == (13,)
    assert rows["A1.3"].claim == "not_applicable" and rows["A1.4"].claim == "explained"
    assert rows["B1.GD"].pages == (20, 22) and rows["B1.1"].pages == rows["B1.2"].pages == (21,)


def test_combined_gri_hkex_sasb_columns(tmp_path: Path) -> None:
    gri = [("2-9", "Governance structure", "", "P5"), ("302-1", "Energy consumption", "A2.1", "P30"),
           ("303-5", "Water consumption", "A2.2", "P31"), ("305-1", "Direct (Scope 1) GHG emissions", "A1.2", "P32"),
           ("305-2", "Energy indirect (Scope 2) GHG emissions", "A1.2", "P33"), ("305-7", "NOx, SOx", "A1.1", "Not applicable"),
           ("306-3", "Waste generated", "A1.3, A1.4", "P34-35"), ("401-1", "New hires and turnover", "B1.1、B1.2", "P40"),
           ("403-9", "Work-related injuries", "B2.1, B2.2", "No work-related fatalities occurred during the year."),
           ("404-1", "Training hours", "B3 General Disclosure, B3.2", "P44"), ("205-3", "Corruption incidents", "B7.1", "P50")]
    lines = [f"GRI {code}\t{desc}\t{hkex}\tTC-SI-130a.{n % 3 + 1}\t{where}" for n, (code, desc, hkex, where) in enumerate(gri)]
    rows = read_text(tmp_path, "GRI Content Index with HKEX ESG Reporting Guide and SASB references\n"
                     "GRI Standard\tDisclosure\tHKEX KPI\tSASB\tPage\n" + "\n".join(lines) + "\n")
    assert set(rows) == {"A2.1", "A2.2", "A1.2", "A1.1", "A1.3", "A1.4", "B1.1", "B1.2", "B2.1", "B2.2", "B3.GD", "B3.2", "B7.1"}
    assert rows["A1.2"].pages == (32, 33)  # listed under two GRI rows
    assert rows["A1.1"].claim == "not_applicable" and rows["A1.4"].pages == (34, 35) and rows["B3.GD"].pages == (44,)
    assert rows["B2.1"].claim == "disclosed" and "fatalities" in rows["B2.1"].text


# ---- real index pages -------------------------------------------------------------------

def test_shennan_combined_chinese_index(pdf_dir: Path) -> None:
    rows = rows_of(pdf_dir / "shennan_circuits_sustainability_2021_zh.pdf")
    assert rows["B1.GD"].pages == tuple(range(21, 28))  # "B1：一般披露 21-27"
    assert rows["B5.2"].pages == (17, 18)  # "B5：一般披露、" at a page's foot, "B5.2" at the next page's top
    assert rows["A1.5"].pages == (13, 14)  # under GRI 302-4 and 302-5
    assert rows["B2.3"].pages == (21, 28, 29)
    assert rows["B4.GD"].pages == (17, 21) and rows["B7.1"].claim == "disclosed"  # "报告期未发生": none occurred
    assert "MDR.GOV" not in rows and "A3.GD" not in rows


def test_chalco_numbered_sections(text_dir: Path) -> None:
    rows = rows_of(text_dir / "chalco_esg_2019.txt")
    assert rows["A1.5"].where == ("5.2 Achieving Green Production; 5.3 Promoting Energy Conservation and Emission Reduction; "
                                  "5.5 Advocating a Circular Model")
    assert rows["A2.2"].where == "5.6 Environment Performance"


GRI_REPORTS = ["more/pdf/eni_sustainability_2021.pdf", "more/pdf/gm_sustainability_2021.pdf", "more/pdf/merck_kgaa_sustainability_2023.pdf",
               "more/pdf/vonovia_sustainability_2023.pdf", "more/pdf/wells_fargo_sustainability_2022.pdf",
               "more/text/samsung_sustainability_2022.txt", "more/text/visa_esg_2021.txt", "pdf/gsk_esg_performance_2023.pdf"]
NO_INDEX = ["more/pdf/bhp_climate_change_2020.pdf", "more/text/apple_esg_2022.txt", "more/text/tesla_impact_2021.txt",
            "more/text/toyota_environmental_2020.txt", "more/text/vodafone_sustainable_business_2019.txt"]


@pytest.mark.parametrize("name", GRI_REPORTS + NO_INDEX)
def test_reports_without_an_hkex_index_get_no_hkex_rows(name: str) -> None:
    doc = parse(CORPUS / name)
    assert not read_index(doc, CATALOGUE).found  # GRI and SASB codes are not HKEX items
    gri = [r for r in read_framework_indexes(doc, CATALOGUE) if r.framework == "GRI"]
    assert (len(gri) >= 60) == (name in GRI_REPORTS), len(gri)


def test_gri_rows_on_real_indexes() -> None:
    vonovia = {r.item: r for r in read_framework_indexes(parse(CORPUS / "more/pdf/vonovia_sustainability_2023.pdf"), CATALOGUE)}
    assert vonovia["GRI 305-1"].pages == (23, 115, 116) and vonovia["GRI 403-9"].pages == (123,)
    samsung = {r.item: r for r in read_framework_indexes(parse(CORPUS / "more/text/samsung_sustainability_2022.txt"), CATALOGUE)}
    assert samsung["GRI 413-1"].pages == (42, 43, 44, 45)  # "● 42-45": GRI 413 is read (4xx codes above 410)
