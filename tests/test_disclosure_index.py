"""The content-index parser on real index rows of the corpus and on generated reports."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from esgtrace import parse, samples
from esgtrace.disclose import catalogue
from esgtrace.disclose.evaluate import gold_files, gold_item_id, index_agreement
from esgtrace.disclose.index import read_index
from tests.conftest import CORPUS, SHARED

CATALOGUE = catalogue.load()


def rows_of(path: Path) -> dict[str, object]:
    return {r.item: r for r in read_index(parse(path), CATALOGUE).rows}


def test_kuaishou_2020_index_rows(text_dir: Path) -> None:
    rows = rows_of(text_dir / "kuaishou_esg_2020.txt")
    assert len(rows) == 43  # the pre-2020 Guide: no MDRs, no A4, no B5.3/B5.4/B7.3
    assert rows["A1.GD"].where == "P51" and rows["A1.GD"].line == 1472
    assert rows["A1.1"].pages == (52,)
    assert rows["B1.2"].claim == "omitted"  # "/" in the page column
    assert rows["A2.5"].claim == "not_applicable"
    assert rows["B6.GD"].pages == (19, 22, 23, 24, 25, 31, 32, 33, 34, 35, 36, 37, 38)  # "P19, P22-25, P31-38"
    assert rows["B1.1"].obligation_claimed == "recommended disclosure"
    assert "MDR.GOV" not in rows and "A4.GD" not in rows


def test_kingsoft_2023_index_rows(text_dir: Path) -> None:
    rows = rows_of(text_dir / "kingsoft_cloud_esg_2023.txt")
    assert len(rows) == 51
    assert {"MDR.GOV", "MDR.PRIN", "MDR.BOUND", "A4.GD", "A4.1", "B5.3", "B5.4", "B7.3"} <= set(rows)
    assert rows["A2.5"].claim == "not_applicable"  # "... and KPI A2.5 is not applicable": one row, not two
    assert rows["B6.1"].claim == "not_applicable"  # the row says "KPI A6.1" (sic)
    assert "Environmental Statistics" in rows["A1.2"].where


def test_sunshine_2019_index_rows_on_pdf_pages(pdf_dir: Path) -> None:
    rows = rows_of(pdf_dir / "sunshine_oilsands_esg_2019.pdf")
    assert len(rows) == 43
    assert rows["A1.1"].page == 29 and rows["A1.1"].pages == (6, 7)
    assert rows["B5.2"].claim == "omitted"  # "- -"
    assert rows["B6.3"].claim == "explained"  # "not material to the Group's operation"
    assert rows["B6.2"].claim == "disclosed"  # "No complaints were received during the reporting period."
    assert rows["B8.2"].page == 32 and rows["B8.2"].pages == (26,)
    assert "27" not in rows["A2.5"].where  # the page label at the top of page 29 is not a claim


@pytest.mark.parametrize("gold", gold_files(SHARED), ids=lambda p: p.stem)
def test_index_agrees_with_gold_rows(gold: Path) -> None:
    if "disclosure" not in yaml.safe_load(gold.read_text(encoding="utf-8")):
        pytest.skip("no disclosure rows in this gold file")
    result = index_agreement(gold, CORPUS)
    assert result["extra"] == []  # never an item the index does not list (none at all without an index)
    if not result["rows"]:  # a report the gold lists no index rows for: none may be invented
        assert result["parsed"] == 0
        return
    assert result["agree"] / result["rows"] >= 0.95, result["misses"]


@pytest.mark.parametrize("name", ["bp_esg_datasheet_2023.pdf", "gsk_esg_performance_2023.pdf",
                                  "coca_cola_environmental_update_2023.pdf", "maxi_cash_sustainability_2022_slides.pdf"])
def test_reports_without_an_hkex_index(pdf_dir: Path, name: str) -> None:
    assert not read_index(parse(pdf_dir / name), CATALOGUE).found


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    written = samples.write(tmp_path_factory.mktemp("disclosure-samples"), seed=2)
    return [p for p in written if p.name.endswith(".gold.yaml")]


def test_generated_reports_index_matches_their_truth(generated: list[Path]) -> None:
    assert len(generated) == 3  # English two- and three-column reports and a Chinese one
    for gold in generated:
        truth = yaml.safe_load(gold.read_text(encoding="utf-8"))
        for document in (truth["document"], truth["text_document"]):
            rows = rows_of(gold.parent / document)
            expected = {gold_item_id(str(r["item"]), CATALOGUE): r["status"] for r in truth["disclosure"]}
            assert {k: rows[k].claim for k in expected if k in rows} == expected, document
            assert set(rows) == set(expected), document


def test_gri_and_sasb_index_rows(pdf_dir: Path) -> None:
    from esgtrace.disclose.frameworks import read_framework_indexes

    rows = {r.item: r for r in read_framework_indexes(parse(pdf_dir / "gsk_esg_performance_2023.pdf"), CATALOGUE)}
    assert rows["GRI 305-7"].claim == "omitted"  # "Not reported"
    assert rows["SASB HC-BP-250a.4"].claim == "omitted" and rows["SASB HC-BP-250a.4"].framework == "SASB"
    assert 23 in rows["GRI 305-1"].pages and rows["GRI 305-1"].page == 43
    shennan = {r.item: r for r in read_framework_indexes(parse(pdf_dir / "shennan_circuits_sustainability_2021_zh.pdf"), CATALOGUE)}
    assert shennan["GRI 102-1"].pages == (5,)  # "102-1 组织名称 5"
    assert not read_framework_indexes(parse(pdf_dir / "sunshine_oilsands_esg_2019.pdf"), CATALOGUE)
