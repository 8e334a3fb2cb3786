"""``esgtrace parse`` on every file of the shared corpus, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.cli import run_cli

FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file())


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_parse_json_on_every_corpus_file(path: Path) -> None:
    result = run_cli("parse", "--json", path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["name"] == path.name
    assert data["page_count"] == len(data["pages"]) >= 1
    assert data["seconds"] >= 0
    assert any(p["text"].strip() for p in data["pages"])


def test_parse_prints_summary_and_page_text(pdf_dir: Path) -> None:
    result = run_cli("parse", pdf_dir / "sunshine_oilsands_esg_2019.pdf")
    assert result.returncode == 0, result.stderr
    assert "page count  32" in result.stdout
    assert "Sunshine Oilsands Ltd." in result.stdout
    assert "page 32" in result.stdout


def test_parse_page_shows_rebuilt_rows(pdf_dir: Path) -> None:
    result = run_cli("parse", "--json", "--page", "10", pdf_dir / "sunshine_oilsands_esg_2019.pdf")
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)["page"]
    assert page["number"] == 10
    assert ["Scope 19", "tonnes of CO2-e", "94,962.47", "97,968.15"] in page["rows"]
    assert page["words"] and {"text", "x0", "x1", "top", "bottom"} <= set(page["words"][0])


def test_help_lists_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "parse" in result.stdout
