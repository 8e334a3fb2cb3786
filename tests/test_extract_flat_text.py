"""Reports published as flattened text: one line per paragraph or table row, each line
ended with ". ", charts flattened into one line. Real lines of corpus text reports (found
by their shape at test time) and generated lines (hypothesis) for each rule.

Rules: a label or unit split across a line end ("... per." / "RMB10,000 of production
value"; "10,000 t of." / "CO2e 6,862.3 ..."; "tce/" / "RMB10,000 2.03 ..."), read as one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esgtrace.extract.resolve import Resolver
from esgtrace.extract.tables import table_records
from esgtrace.extract.wrapping import joined, open_end
from esgtrace.extract.records import tokenize
from esgtrace.ingest.lines import split_lines

Key = tuple[str, str, tuple[tuple[str, str], ...]]


def _facts(text: str, period: str = "2021", year: int = 2021) -> dict[Key, float]:
    """The resolved figures of a text table: (metric, period, breakdown) -> value."""
    resolver = Resolver(period, {None: set()})
    out: dict[Key, float] = {}
    for record in table_records(split_lines(text), None, 0, set(), year, (12, 31)):
        for c in resolver.resolve(record):
            out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), c.normalised.value)
    return out


def _text_reports(corpus: Path) -> list[Path]:
    return sorted([*(corpus / "text").glob("*.txt"), *(corpus / "more" / "text").glob("*.txt")])


# ---- rule 1: units and connecting words wrapped at a ". " line end ---------------------------


def test_open_ends_with_the_line_end_dot() -> None:
    assert open_end("The amount of disposal of waste oil per.") and open_end("10,000 t of.")
    assert open_end("Scope 1, 2 and") and not open_end("Total water consumption.")
    tokens = tokenize(1, "oil per.") + tokenize(2, "RMB10,000 of production value")
    assert joined(tokens) == "oil per RMB10,000 of production value"
    assert joined(tokenize(1, "Waste per.")) == "Waste per."  # nothing follows: the dot stays


_LABELS = st.sampled_from([
    ("The amount of carbon dioxide emission (in CO2 equivalent)", "ghg_total"),
    ("Total greenhouse gas emissions", "ghg_total"),
    ("Comprehensive energy consumption", "energy_total"),
])
_FIGURES = st.lists(st.decimals(min_value=1, max_value=99_999, places=2).map(lambda d: f"{d:,}"), min_size=3, max_size=3)


@settings(max_examples=40, deadline=None)
@given(label=_LABELS, figures=_FIGURES, space=st.sampled_from([" ", "  "]), first=st.integers(2015, 2021))
def test_generated_unit_split_at_a_line_end(label: tuple[str, str], figures: list[str], space: str, first: int) -> None:
    """"... 10,000 t of." over "CO2e 1 2 3.": one unit, ten thousand tonnes of CO2e."""
    name, metric = label
    unit_head, unit_tail, factor = ("10,000 t of.", "CO2e", 10_000) if metric == "ghg_total" else ("thousand", "MWh", 1_000)
    years = " ".join(str(first + k) for k in range(3))
    text = f"Performance Indicators Unit {years}. \n{name}{space}{unit_head} \n{unit_tail} {' '.join(figures)}. \n"
    facts = _facts(text, str(first + 2), first + 2)
    for k, figure in enumerate(figures):
        assert facts[(metric, str(first + k), ())] == pytest.approx(float(figure.replace(",", "")) * factor)


@settings(max_examples=40, deadline=None)
@given(figures=_FIGURES, first=st.integers(2015, 2021), glued=st.booleans())
def test_generated_intensity_label_wrapped_after_per(figures: list[str], first: int, glued: bool) -> None:
    """"Comprehensive energy consumption per." / "RMB10,000 of production value tce/" /
    "RMB10,000 1 2 3.": an intensity, its label and its unit's denominator each wrapped."""
    years = " ".join(str(first + k) for k in range(3))
    unit = "tce/ \nRMB10,000" if glued else "tce/RMB10,000"
    text = (f"Performance Indicators Unit {years}. \nTotal energy consumption tce 10 20 30. \n"
            f"Comprehensive energy consumption per. \nRMB10,000 of production value {unit} {' '.join(figures)}. \n")
    facts = _facts(text, str(first + 2), first + 2)
    for k, figure in enumerate(figures):
        assert facts[("energy_intensity", str(first + k), ())] == pytest.approx(float(figure.replace(",", "")) * 8.141, rel=1e-3)
    assert len([k for k in facts if k[0] == "energy_intensity"]) == 3  # "RMB10,000" is no figure of its own


def test_real_units_wrapped_at_line_ends(corpus: Path) -> None:
    """Rows of real flattened text whose unit or label ends a line open ("of." / "per." /
    "tce/"): the rows after such lines, with the header above them, read as figures."""
    found = 0
    for path in _text_reports(corpus):
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines):
            if not re.search(r"\b(?:of|per)\.\s*$|/\s*$", line) or n + 2 >= len(lines):
                continue
            header = next((h for h in reversed(lines[max(0, n - 40) : n]) if re.search(r"\bUnit\b.*(?:19|20)\d\d", h)), None)
            if header is None:
                continue
            year = int(re.findall(r"(?:19|20)\d\d", header)[-1])
            block = "\n".join([header, *lines[n - 1 : n + 3]])
            facts = _facts(block, str(year), year)
            nxt = lines[n + 1].split()
            if facts and any(w.rstrip(".").replace(",", "").replace(".", "").isdigit() for w in nxt):
                found += 1
                assert all(v < 1e12 for v in facts.values())
    assert found >= 2
