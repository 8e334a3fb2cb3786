"""Quotes say what a figure is and say when they are cut (issue 16, item 3)."""

from __future__ import annotations

import re
from pathlib import Path

import esgtrace
from esgtrace.display import short_quote
from esgtrace.extract.records import quote_of


def test_a_cut_quote_starts_with_an_ellipsis_at_a_word_boundary() -> None:
    line = "Number of employees by employment type and by region as at year end: Full-time Person 10,493"
    quote = quote_of(line, 0, len(line), limit=40)
    assert quote.startswith("… ") and quote.endswith("10,493")
    assert quote.removeprefix("… ") in line and f" {quote.removeprefix('… ')}" in f" {line}"  # whole words only


def test_an_uncut_quote_is_the_exact_text() -> None:
    line = "Scope 1 GHG emissions tCO2e 53.43 66.57"
    assert quote_of(line, 0, len(line)) == line


def test_the_row_label_leads_a_quote_of_bare_values() -> None:
    assert quote_of("69.44", 0, 5, label="Total greenhouse gas emissions") == "Total greenhouse gas emissions … 69.44"
    assert quote_of("69.44", 0, 5) == "69.44"  # no label known: the text as printed


def test_corpus_quotes_hold_words(text_dir: Path) -> None:
    """Before: 44 of 456 corpus quotes were bare numbers ("69.44"), 12% of Kuaishou's."""
    result = esgtrace.extract(text_dir / "kuaishou_esg_2020.txt")
    bare = [f.quote for f in result.facts if not re.search(r"[^\W\d_]", f.quote)]
    assert bare == []
    total = next(f for f in result.facts if f.metric == "ghg_total" and f.period == "2020")
    assert total.quote == "Total greenhouse gas emissions … 69.44"


def test_a_quote_shortened_for_a_table_keeps_the_figure_whole(text_dir: Path) -> None:
    result = esgtrace.extract(text_dir / "kingsoft_cloud_esg_2023.txt")
    fact = next(f for f in result.facts if f.metric == "employees_total" and f.breakdown == {"employment_type": "full-time"})
    shown = short_quote(fact.quote, fact.reported_value, 30)
    assert fact.reported_value in shown and "…" in shown
    for f in result.facts:
        shown = short_quote(f.quote, f.reported_value, 40)
        assert len(shown) <= 44 or " " not in f.quote
        if len(" ".join(f.quote.split())) > 40:
            assert "…" in shown
        # every number shown is a whole number of the quote, never "10,4" of "10,493"
        for number in re.findall(r"\d[\d,.]*", shown.replace("…", " ")):
            assert re.search(rf"(?<![\d,.]){re.escape(number)}(?![\d,.])", " ".join(f.quote.split())), (f.quote, shown)


def test_the_row_label_leads_a_quote_that_holds_only_the_unit() -> None:
    line = "MtCO2e 49.2 41.7 33.2"
    assert quote_of(line, 0, len(line), label="Scope 1 emissions") == "Scope 1 emissions … MtCO2e 49.2 41.7 33.2"
    assert quote_of("Scope 1 emissions MtCO2e 49.2", 0, 29, label="Scope 1 emissions") == "Scope 1 emissions MtCO2e 49.2"
    long = quote_of("12.5", 0, 4, label="word " * 60)
    assert long.endswith(" … 12.5") and len(long) <= 90
