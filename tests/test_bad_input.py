"""Bad input gives one clear line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import subprocess

from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

import esgtrace
from esgtrace import errors
from tests.cli import run_cli


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


@pytest.fixture()
def encrypted_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(100, 700, "Scope 1 GHG emissions 12.5 tCO2e")
    c.save()
    return path


@pytest.fixture()
def scanned_pdf(tmp_path: Path) -> Path:
    """Pages with drawings and no text layer, like a scan."""
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(3):
        c.rect(50, 50, 300, 400, fill=1)
        c.showPage()
    c.save()
    return path


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("parse", tmp_path / "nope.pdf"), "no such file")
    with pytest.raises(errors.InputNotFound):
        esgtrace.parse(tmp_path / "nope.pdf")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert_one_line_error(run_cli("parse", path), "empty")


def test_whitespace_only_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n \n\t\n")
    assert_one_line_error(run_cli("parse", path), "empty")


@pytest.mark.parametrize(
    "name,data,words",
    [
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(200), ("not a supported type", "PNG")),
        ("report.docx", b"PK\x03\x04" + bytes(200), ("not a supported type", "ZIP")),
        ("blob.bin", b"\x01\x02\x00\x00\xff" * 100, ("not a supported type",)),
    ],
)
def test_wrong_type(tmp_path: Path, name: str, data: bytes, words: tuple[str, ...]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert_one_line_error(run_cli("parse", path), *words)


def test_folder_is_not_a_report(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("parse", tmp_path), "not a supported type")


def test_corrupt_pdf(tmp_path: Path, pdf_dir: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"this is not a PDF body at all\n" * 50)
    assert_one_line_error(run_cli("parse", path), "damaged")
    with pytest.raises(errors.CorruptPdf):
        esgtrace.parse(path)


def test_pdf_named_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "renamed.pdf"
    path.write_text("just some text pretending to be a PDF")
    assert_one_line_error(run_cli("parse", path), "damaged")


def test_encrypted_pdf_asks_for_a_password(encrypted_pdf: Path) -> None:
    assert_one_line_error(run_cli("parse", encrypted_pdf), "encrypted", "--password")
    assert_one_line_error(run_cli("parse", encrypted_pdf, "--password", "wrong"), "does not open it")
    ok = run_cli("parse", encrypted_pdf, "--password", "secret")
    assert ok.returncode == 0, ok.stderr
    assert "Scope 1 GHG emissions 12.5 tCO2e" in ok.stdout


def test_scanned_pdf_needs_ocr(scanned_pdf: Path) -> None:
    assert_one_line_error(run_cli("parse", scanned_pdf), "OCR", "3 page")
    with pytest.raises(errors.NeedsOcr) as caught:
        esgtrace.parse(scanned_pdf)
    assert caught.value.pages == 3


def test_partly_scanned_pdf_reports_the_pages_without_text(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(100, 700, "Total energy consumption 1,234 MWh")
    c.showPage()
    c.rect(50, 50, 300, 400, fill=1)
    c.showPage()
    c.save()
    doc = esgtrace.parse(path)
    assert [(i.code, i.page) for i in doc.issues] == [("page-without-text", 2)]


def test_file_over_the_size_limit(pdf_dir: Path) -> None:
    big = pdf_dir / "gsk_esg_performance_2023.pdf"
    assert_one_line_error(run_cli("parse", big, "--max-size", "1"), "over the 1 MB limit")
    with pytest.raises(errors.InputTooLarge):
        esgtrace.parse(big, {"max_size": 1_000_000})


def test_bad_setting_names_the_setting(pdf_dir: Path) -> None:
    with pytest.raises(errors.SettingError) as caught:
        esgtrace.parse(pdf_dir / "bp_esg_datasheet_2023.pdf", {"max_size": -5})
    assert "max_size" in str(caught.value)
    with pytest.raises(errors.SettingError):
        esgtrace.parse(pdf_dir / "bp_esg_datasheet_2023.pdf", {"no_such_setting": 1})


def test_page_out_of_range(pdf_dir: Path) -> None:
    assert_one_line_error(run_cli("parse", pdf_dir / "bp_esg_datasheet_2023.pdf", "--page", "99"), "out of range")


def test_html_without_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>t</title><script>var x = 1;</script></head><body> </body></html>")
    assert_one_line_error(run_cli("parse", path), "no visible text")
