"""Ingestion of plain-text and HTML reports: line numbers, pages, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

import esgtrace


def test_kingsoft_one_page_per_line_keeps_file_line_numbers(text_dir: Path) -> None:
    doc = esgtrace.parse(text_dir / "kingsoft_cloud_esg_2023.txt")
    assert doc.format == "text" and not doc.paginated and doc.page_count == 1
    lines = doc.pages[0].lines
    # the environmental statistics table sits on line 58 of the file
    assert "Scope 1 GHG emissions tCO2e 53.43 66.57" in lines[57].text
    assert lines[57].number == 58
    assert doc.issuer == "Kingsoft Cloud Holdings Limited"
    assert set(doc.tickers) == {"HKEX:3896", "NASDAQ:KC"}
    assert doc.period == "2023"


def test_kuaishou_short_lines_keep_their_numbers(text_dir: Path) -> None:
    doc = esgtrace.parse(text_dir / "kuaishou_esg_2020.txt")
    line = doc.pages[0].lines[1044]
    assert line.number == 1045 and line.text.strip() == "69.44"
    assert doc.issuer == "Kuaishou Technology"
    assert doc.tickers == ("HKEX:1024",)
    assert (doc.period, doc.period_start, doc.period_end) == ("2020", "2020-01-01", "2020-12-31")


@pytest.mark.parametrize("name", ["news_kuaishou_esg_2022.txt", "news_tencent_esg_2023.txt"])
def test_news_articles_parse(text_dir: Path, name: str) -> None:
    doc = esgtrace.parse(text_dir / name)
    assert doc.page_count == 1 and doc.language == "en"
    assert len(doc.pages[0].lines) > 20


def test_form_feeds_split_pages_and_lines_restart(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Cover\nESG Report 2024\n\fScope 1 emissions\n12.5 tCO2e\n\fIndex\n", encoding="utf-8")
    doc = esgtrace.parse(path)
    assert doc.paginated and doc.page_count == 3
    assert doc.page(2).lines[1].text == "12.5 tCO2e"
    assert doc.page(2).lines[1].number == 2


@pytest.fixture(scope="module")
def chinese_text(pdf_dir: Path) -> str:
    doc = esgtrace.parse(pdf_dir / "shennan_circuits_sustainability_2021_zh.pdf")
    return "\n".join(p.text for p in doc.pages[2:6])


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-8", "utf-8-sig", "utf-16"])
def test_chinese_text_encodings_are_detected(tmp_path: Path, chinese_text: str, encoding: str) -> None:
    data = chinese_text.encode(encoding, errors="ignore")
    expected = data.decode(encoding).replace("\r\n", "\n")
    path = tmp_path / f"zh-{encoding}.txt"
    path.write_bytes(data)
    doc = esgtrace.parse(path)
    assert doc.pages[0].text == expected
    assert doc.language == "zh"


def test_html_report_keeps_visible_text_and_table_cells(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(
        """<!DOCTYPE html><html><head><title>Harbourview ESG Report 2024</title>
        <style>.x{color:red}</style><script>var hidden = 1;</script></head><body>
        <h1>Environmental data</h1><p>Our <b>Scope 1</b> emissions fell &amp; so did waste.</p>
        <table><tr><th>Indicator</th><th>Unit</th><th>2023</th><th>2024</th></tr>
        <tr><td>Scope 1 GHG emissions</td><td>tCO<sub>2</sub>e</td><td>53.43</td><td>66.57</td></tr>
        </table></body></html>""",
        encoding="utf-8",
    )
    doc = esgtrace.parse(path)
    assert doc.format == "html" and doc.title == "Harbourview ESG Report 2024"
    text = doc.pages[0].text
    assert "Our Scope 1 emissions fell & so did waste." in text
    assert "hidden" not in text and "color" not in text
    assert [r.texts for r in doc.pages[0].rows] == [
        ["Indicator", "Unit", "2023", "2024"],
        ["Scope 1 GHG emissions", "tCO2e", "53.43", "66.57"],
    ]
    assert "Scope 1 GHG emissions\ttCO2e\t53.43\t66.57" in text.split("\n")


def test_ticker_written_after_the_name_is_read(text_dir: Path) -> None:
    doc = esgtrace.parse(text_dir / "news_tencent_esg_2023.txt")
    assert doc.issuer == "Tencent Holdings"
    assert doc.tickers == ("HKEX:700",)


def test_windows_1252_text_and_a_non_ascii_issuer(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes("Café Holdings Limited\nESG Report 2023\nScope 1 emissions: 12.5 tCO2e – down 3%\n".encode("cp1252"))
    doc = esgtrace.parse(path)
    assert doc.pages[0].lines[2].text == "Scope 1 emissions: 12.5 tCO2e – down 3%"
    assert doc.issuer == "Café Holdings Limited"
    assert doc.period == "2023"
