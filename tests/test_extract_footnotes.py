"""Footnotes that qualify a row: the accounting method a row's footnote names ("6 The
figures ... calculated in accordance with the market-based method") is the row's, though
its label does not print it. Synthetic reports written to a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

import esgtrace
from esgtrace.extract import extract_facts

_TABLE = """Environmental performance

Greenhouse gas emissions (tonnes CO2e) 2021 2022 2023
Direct emissions (Scope 1)5 1,827 1,626 1,518
Indirect emissions (Scope 2)6 325 325 242

5 Restated for the new global warming potentials.
6 The figures presented here have been calculated in accordance with the {method} method.
"""


def _metrics(tmp_path: Path, text: str) -> dict[tuple[str, str], float]:
    path = tmp_path / "sample_esg_2023.txt"
    path.write_text(text, encoding="utf-8")
    return {(f.metric, f.period): f.value for f in extract_facts(esgtrace.parse(path)) if not f.breakdown}


def test_scope2_row_takes_the_method_its_footnote_names(tmp_path: Path) -> None:
    facts = _metrics(tmp_path, _TABLE.format(method="market-based"))
    assert facts[("ghg_scope2_market", "2023")] == 242
    assert ("ghg_scope2", "2023") not in facts
    assert facts[("ghg_scope1", "2021")] == 1827


@pytest.mark.parametrize("note", ["location-based", "operational control"])
def test_scope2_row_stays_when_its_footnote_names_no_market_method(tmp_path: Path, note: str) -> None:
    facts = _metrics(tmp_path, _TABLE.format(method=note))
    assert facts[("ghg_scope2", "2023")] == 242
    assert ("ghg_scope2_market", "2023") not in facts


def test_a_note_of_another_row_does_not_qualify_the_row(tmp_path: Path) -> None:
    text = _TABLE.format(method="market-based").replace("(Scope 2)6", "(Scope 2)").replace("(Scope 1)5", "(Scope 1)6")
    facts = _metrics(tmp_path, text)
    assert facts[("ghg_scope2", "2023")] == 242
