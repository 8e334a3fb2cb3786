"""Footnote markers closed by a bracket and set apart from the label ("Total headcount 2), 3)",
a row left with only "1)") and labels that name a quantity of their own ("Total average
income") under a table split by region. Synthetic text tables, read as the text path reads
a report.
"""

from __future__ import annotations

from esgtrace.extract.labels import clean_label, match_group

from tests.tables import Key, text_table_facts


def _facts(text: str, period: str = "2020", year: int = 2020) -> dict[Key, float]:
    return text_table_facts(text, period, year)


def test_closed_markers_set_apart_are_no_words_of_the_label() -> None:
    assert clean_label("Total headcount 2), 3)") == "Total headcount"
    assert clean_label("Women 1)") == "Women"
    assert clean_label("1)") == ""
    assert clean_label("Scope 1 2)") == "Scope 1"
    # a bracket the label opened is no marker
    assert clean_label("Scope 3 (category 1)") == "Scope 3 (category 1)"
    assert clean_label("Waste (note 2) 3)") == "Waste (note 2)"


def test_a_row_of_markers_only_is_no_group() -> None:
    """A row the text stream split at a marker ("... 10,622 1) 9,691 374 474"): the figures
    after the marker belong to columns of their own, not to a group called "1)"."""
    facts = _facts("EMPLOYEES BY REGION\n2018 2019 2020\nTotal headcount 2), 3) 9,923 10,059 10,622\n1) 9,691 374 474\n")
    assert facts[("employees_total", "2020", ())] == 10622
    assert all(not k[2] for k in facts), facts


def test_a_label_naming_pay_or_a_rate_is_no_region() -> None:
    assert match_group("Total average income", "region") is None
    assert match_group("Average hourly pay", "category") is None
    assert match_group("Germany", "region") == ("region", "Germany")
    assert match_group("Senior managers", "category") is not None
