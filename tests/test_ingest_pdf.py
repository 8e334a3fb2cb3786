"""Ingestion of the real PDF reports in ../shared/corpus/pdf."""

from __future__ import annotations

from pathlib import Path

import pytest

import esgtrace

PAGE_COUNTS = {
    "bp_esg_datasheet_2023.pdf": 16,
    "coca_cola_environmental_update_2023.pdf": 12,
    "gsk_esg_performance_2023.pdf": 62,
    "maxi_cash_sustainability_2022_slides.pdf": 27,
    "shennan_circuits_sustainability_2021_zh.pdf": 37,
    "sunshine_oilsands_esg_2019.pdf": 32,
}


@pytest.fixture(scope="module")
def sunshine(pdf_dir: Path) -> esgtrace.Document:
    return esgtrace.parse(pdf_dir / "sunshine_oilsands_esg_2019.pdf")


@pytest.mark.parametrize("name,pages", sorted(PAGE_COUNTS.items()))
def test_every_corpus_pdf_parses_with_its_page_count(pdf_dir: Path, name: str, pages: int) -> None:
    doc = esgtrace.parse(pdf_dir / name)
    assert doc.format == "pdf"
    assert doc.page_count == pages
    assert [p.number for p in doc.pages] == list(range(1, pages + 1))
    assert len(doc.sha256) == 64
    assert sum(len(p.text) for p in doc.pages) > 1000 * pages / 10
    # every word's offsets point at its own text on the page
    for page in doc.pages:
        for word in page.words:
            assert page.text[word.start : word.end] == word.text


def test_sunshine_kpi_row_is_rebuilt_as_label_unit_and_year_cells(sunshine: esgtrace.Document) -> None:
    rows = [row for page in sunshine.pages for row in page.rows]
    header = next(r for r in rows if r.bare_texts == ["GHG Emission", "Unit", "2019", "2018"])
    assert header.texts[0] == "GHG Emission8"  # the superscript footnote 8 is kept in the text
    scope1 = next(r for r in rows if r.bare_texts[:1] == ["Scope 1"])
    assert scope1.bare_texts == ["Scope 1", "tonnes of CO2-e", "94,962.47", "97,968.15"]
    assert scope1.texts[0] == "Scope 19"
    # cells are left to right and inside the page
    xs = [c.x0 for c in scope1.cells]
    assert xs == sorted(xs)


def test_sunshine_superscript_glued_to_a_value_is_split_off(sunshine: esgtrace.Document) -> None:
    page = sunshine.page(8)
    row = next(r for r in page.rows if "69.7604" in r.texts)
    assert row.bare_texts == ["- Stationary combustion", "tonnes", "67.500", "69.760"]


def test_sunshine_bullet_cells_join_their_labels(sunshine: esgtrace.Document) -> None:
    rows = [r.texts for r in sunshine.page(18).rows]
    assert ["- Male", "43%", "50%"] in rows
    assert ["Total", "38%", "40%"] in rows


def test_sunshine_metadata_is_detected(sunshine: esgtrace.Document) -> None:
    assert sunshine.issuer == "Sunshine Oilsands Ltd."
    assert sunshine.tickers == ("HKEX:2012",)
    assert sunshine.period == "2019"
    assert (sunshine.period_start, sunshine.period_end) == ("2019-01-01", "2019-12-31")
    assert sunshine.language == "en"


def test_lines_carry_offsets_into_the_page_text(sunshine: esgtrace.Document) -> None:
    page = sunshine.page(10)
    for line in page.lines:
        assert page.text[line.start : line.end] == line.text
    target = page.text.index("94,962.47")
    line = page.line_at(target)
    assert line is not None and "94,962.47" in line.text


def test_chinese_pdf_text_is_real_chinese(pdf_dir: Path) -> None:
    doc = esgtrace.parse(pdf_dir / "shennan_circuits_sustainability_2021_zh.pdf")
    assert doc.language == "zh"
    assert doc.issuer == "深南电路股份有限公司"
    assert doc.period == "2021"
    text = "".join(p.text for p in doc.pages)
    assert "可持续发展" in text
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert cjk > 10_000
    # no mojibake: no replacement characters or Latin-1 debris of UTF-8 bytes
    assert "\ufffd" not in text
    assert "Ã" not in text and "å" not in text


def test_positions_can_be_switched_off(pdf_dir: Path) -> None:
    doc = esgtrace.parse(pdf_dir / "bp_esg_datasheet_2023.pdf", {"positions": False})
    assert doc.page_count == 16
    assert all(not p.words and not p.rows for p in doc.pages)
    assert any("Scope 1" in p.text for p in doc.pages)


@pytest.mark.parametrize(
    "name,issuer",
    [
        ("bp_esg_datasheet_2023.pdf", "bp"),
        ("coca_cola_environmental_update_2023.pdf", "The Coca-Cola Company"),
        ("gsk_esg_performance_2023.pdf", "GSK"),
        # the sponsor named on the cover is not the issuer
        ("maxi_cash_sustainability_2022_slides.pdf", "Aspial Lifestyle Limited"),
    ],
)
def test_issuer_is_detected_from_cover_title_and_definitions(pdf_dir: Path, name: str, issuer: str) -> None:
    assert esgtrace.parse(pdf_dir / name).issuer == issuer


def test_issuer_name_wrapped_over_two_lines_is_read_whole(tmp_path: Path) -> None:
    """A sample whose prose wraps the issuer's name ("... Education\\nHoldings Limited")."""
    from esgtrace import samples

    written = samples.write(tmp_path, seed=1)
    found = {}
    for path in written:
        if path.suffix == ".pdf":
            doc = esgtrace.parse(path)
            found[path.name] = (doc.issuer, doc.tickers)
    assert found["silver_lantern_esg_2024.pdf"] == ("Silver Lantern Education Holdings Limited", ("HKEX:1577",))
    # a Chinese cover's simplified stock code is read too
    assert found["northgate_esg_2024_zh.pdf"] == ("北门半导体控股有限公司", ("HKEX:794",))


def test_word_boxes_stay_on_their_words_after_a_dropped_noise_character(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFium counts every character it returns, noise included ("Energy\\ufffeinduced"): a
    character dropped from the page text must not shift the boxes of the words after it."""
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from esgtrace.ingest import pdf as pdf_loader

    # a soft hyphen stands for the noise character: PDFium returns it as drawn
    monkeypatch.setattr(pdf_loader, "_CONTROL", (*pdf_loader._CONTROL, ("\xad", "")))
    fonts = Path(os.path.dirname(reportlab.__file__)) / "fonts"
    pdfmetrics.registerFont(TTFont("Vera", str(fonts / "Vera.ttf")))
    path = tmp_path / "noise.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Vera", 10)
    c.drawString(72, 700, "Energy\xadinduced CO2 1,160")
    for k, (label, value) in enumerate([("Scope 1", "456"), ("Scope 2", "789"), ("Water", "12")]):
        c.drawString(72, 680 - 20 * k, label)
        c.drawString(300, 680 - 20 * k, value)
    c.save()
    page = esgtrace.parse(path).pages[0]
    assert "Energyinduced" in page.text and "\xad" not in page.text
    for word in page.words:
        assert page.text[word.start : word.end] == word.text
    assert [r.texts for r in page.rows] == [
        ["Energyinduced CO2 1,160"], ["Scope 1", "456"], ["Scope 2", "789"], ["Water", "12"],
    ]
    value = next(w for w in page.words if w.text == "789")
    assert 299 <= value.x0 <= 301 and value.bottom - value.top < 15
