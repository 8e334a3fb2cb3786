"""Charts flattened into text: a series printed as one line ("Packaging materials used
(tonnes) 45.8 46.4 47.1") beside its year axis printed as another ("FY2019 FY2020 FY2021").

A series is read only when its figures can be tied to the axis's years one by one: the axis
is years only, one after another, next to the series; the series is a label with its unit
and exactly as many figures as the axis has years. Everything else (an axis printed newest
first, a run of two series' figures, fewer figures than years, a row of a table) gives
nothing. Real lines of corpus text reports (found by their shape at test time) and
generated charts (hypothesis) for each rule.

A legend chart (title with its unit, legend lines, the last entry with the year axis, then
one figure a year) gives the title's metric; more or fewer figures, shares, or a line of
figures between title and axis give nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import esgtrace
from esgtrace.extract.charts import axis_records, legend_chart_records
from esgtrace.extract.records import Record
from esgtrace.extract.resolve import Resolver
from esgtrace.ingest.lines import split_lines

Key = tuple[str, str, tuple[tuple[str, str], ...]]

_SERIES = st.sampled_from([
    ("Packaging materials used (tonnes)", "packaging_material", 1.0),
    ("Total water consumption (m3)", "water_consumption", 1.0),
    ("Scope 1 GHG emissions (tCO2e)", "ghg_scope1", 1.0),
    ("Total energy consumption (MWh)", "energy_total", 1.0),
])


def _resolved(records: list[Record], period: str) -> dict[Key, float]:
    resolver = Resolver(period, {None: set()})
    out: dict[Key, float] = {}
    for record in records:
        for c in resolver.resolve(record):
            out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), c.normalised.value)
    return out


def _chart(series: str, axis: str, *, axis_first: bool, panel: str, end: str) -> str:
    lines = [axis, series + end] if axis_first else [series + end, *([panel] if panel else []), axis]
    return "Chart of the year.\n" + "\n".join(lines) + "\nThe legend of the chart.\n"


@settings(max_examples=60, deadline=None)
@given(series=_SERIES, first=st.integers(2012, 2021), n=st.integers(2, 5), data=st.data(), fy=st.booleans(),
       axis_first=st.booleans(), panel=st.sampled_from(["", "C", "B."]), end=st.sampled_from(["", ".", ". "]))
def test_generated_series_beside_their_axis(series: tuple[str, str, float], first: int, n: int, data: st.DataObject,
                                            fy: bool, axis_first: bool, panel: str, end: str) -> None:
    label, metric, factor = series
    figures = [f"{x:,.1f}" for x in data.draw(st.lists(st.floats(1.0, 9999.0), min_size=n, max_size=n))]
    years = [f"{'FY' if fy else ''}{y}" for y in range(first, first + n)]
    text = _chart(f"{label} {' '.join(figures)}", " ".join(years) + data.draw(st.sampled_from(["", "."])),
                  axis_first=axis_first, panel=panel, end=end)
    facts = _resolved(axis_records(split_lines(text), None, set(), (12, 31)), years[-1])
    assert len(facts) == n
    for year, figure in zip(years, figures):
        assert facts[(metric, year, ())] == pytest.approx(float(figure.replace(",", "")) * factor)


def test_series_above_its_axis_in_a_report(tmp_path: Path) -> None:
    """The chart's title line holds the figures; its axis follows, past the panel's letter."""
    path = tmp_path / "report.txt"
    path.write_text("Environmental Report 2021.\nOur packaging over three years.\n"
                    "Packaging materials used (tonnes) 45.8 46.4 47.1.\nC\nFY2019 FY2020 FY2021.\n"
                    "Packaging materials used.\n", encoding="utf-8")
    facts = {(f.metric, f.period): f.value for f in esgtrace.extract(path).facts}
    assert facts == {("packaging_material", "FY2019"): 45.8, ("packaging_material", "FY2020"): 46.4,
                     ("packaging_material", "FY2021"): 47.1}


@pytest.mark.parametrize("text", [
    # the axis printed newest first: the bars' order is not known
    "Total water consumption (m3) 41.29 40.04 37.89\nFY2021 FY2020 FY2019\n",
    # fewer figures than years: a column printed elsewhere
    "Total water consumption (m3) 1.27 1.10.\n2017 2018 2019\n",
    # two series' figures over one axis: which run is which series is not known
    "Scope 2 Scope 1.\nScope 1 GHG emissions (tCO2e) 13.83 12.74 12.29 6.08 6.71 6.67\n2018 2019 2020\n",
    # years that skip
    "Total water consumption (m3) 1.2 1.1 1.0\n2015 2018 2021\n",
    # a row of a table whose header is elsewhere
    "Total energy consumption (MWh) 4.4 4.5 4.6\nTotal water consumption (m3) 1.2 1.1 1.0\n2019 2020 2021\n",
    # no unit: what the figures measure is not said
    "Total water consumption 1.2 1.1 1.0\n2019 2020 2021\n",
    # a header of years wrapped over lines
    "As of Dec. 31 20201\n2021 2022\n2023\n",
    # text after the figures
    "Total water consumption (m3) 1.2 1.1 1.0 (thousand tons)\n2019 2020 2021\n",
    # a year inside the label
    "Scope 1 GHG emissions 2019 baseline (tCO2e) 1.2 1.1 1.0\n2019 2020 2021\n",
])
def test_series_that_do_not_tie_give_nothing(text: str) -> None:
    assert axis_records(split_lines(text), None, set(), (12, 31)) == []


def test_an_axis_above_a_row_is_the_rows_header() -> None:
    """A row below the axis claims it: the line above (another chart's) is not read with it."""
    text = "Total energy consumption (MWh) 4.4 4.5 4.6\n2019 2020 2021\nTotal water consumption (m3) 1.2 1.1 1.0\n"
    records = axis_records(split_lines(text), None, set(), (12, 31))
    assert [(r.label, [v.number.value for v in r.values]) for r in records] == [("Total water consumption", [1.2, 1.1, 1.0])]


def test_real_chart_axes(corpus: Path) -> None:
    """Series of real text reports read beside an axis: each figure is the one printed in its
    place on the series line, and its period the axis's year in the same place; axes printed
    newest first give nothing."""
    year_line = re.compile(r"^(?:(?:FY|CY)?(?:19|20)\d\d\.? ?)+$")
    seen = 0
    for path in sorted([*(corpus / "text").glob("*.txt"), *(corpus / "more" / "text").glob("*.txt")]):
        lines = split_lines(path.read_text(encoding="utf-8"))
        by_number = {ln.number: ln.text for ln in lines}
        for record in axis_records(lines, None, set(), (3, 31)):
            assert record.line is not None
            printed = by_number[record.line].split()[-len(record.values):]
            near = [by_number.get(record.line + d, "").strip() for d in (-2, -1, 1, 2)]
            axes = [a.rstrip(".").split() for a in near if a and year_line.match(a)]
            labels = [v.period.label if v.period else "" for v in record.values]
            assert labels in axes and labels == sorted(labels)
            assert [v.number.printed for v in record.values] == [f.rstrip(".") for f in printed]
            seen += 1
    assert seen >= 1


_LEGEND_CHART = ("Total Water Usage (Million Gallons) 100 80 60 40 20 0.\nPotable.\n"
                 "Reclaimed 2017 2018 2019 2020 87.6 94.4 82.6 71.8 18% 82% 77% 23%\nChange in water use.\n")


def test_a_legend_charts_figures_are_its_titles_totals() -> None:
    """Title with its unit and ticks, a legend line, then the last legend entry with the axis
    and one figure a year; the shares after them are the legend entries', left alone."""
    records = legend_chart_records(split_lines(_LEGEND_CHART), None, set(), (12, 31))
    assert [(r.label, r.unit, [(v.period.label if v.period else "", v.number.value) for v in r.values])
            for r in records] == [("Total Water Usage", "Million Gallons",
                                   [("2017", 87.6), ("2018", 94.4), ("2019", 82.6), ("2020", 71.8)])]


def test_legend_chart_figures_on_the_line_after_the_ticks() -> None:
    """The axis, then the value axis's ticks; the figures alone on the next line."""
    text = ("Scope 1 GHG emissions (tCO2e)\nOffices.\nData centres.\n"
            "Vehicles 2019 2020 2021 600,000 400,000 200,000 0\n462,604 527,741 405,915\n")
    facts = _resolved(legend_chart_records(split_lines(text), None, set(), (12, 31)), "2021")
    assert facts == {("ghg_scope1", "2019", ()): 462604.0, ("ghg_scope1", "2020", ()): 527741.0,
                     ("ghg_scope1", "2021", ()): 405915.0}


def test_a_legend_chart_in_a_report(tmp_path: Path) -> None:
    """The title's metric, one fact a year, in the unit of the catalogue."""
    path = tmp_path / "report.txt"
    path.write_text("Environmental Report 2020.\nOur water.\n" + _LEGEND_CHART, encoding="utf-8")
    facts = {(f.metric, f.period): f.value for f in esgtrace.extract(path).facts}
    gallon = 0.003785411784  # m3
    assert facts == pytest.approx({("water_consumption", str(y)): v * 1e6 * gallon
                                   for y, v in [(2017, 87.6), (2018, 94.4), (2019, 82.6), (2020, 71.8)]})


@pytest.mark.parametrize("text", [
    # no legend line above the axis's: the entry on the axis line is a series, not a legend
    "Total Water Usage (Million Gallons) 100 80 60 40 20 0.\nReclaimed 2017 2018 2019 87.6 94.4 82.6\n",
    # more figures than years
    "Total Water Usage (Million Gallons)\nPotable.\nReclaimed 2017 2018 2019 87.6 94.4 82.6 71.8\n",
    # fewer figures than years
    "Total Water Usage (Million Gallons)\nPotable.\nReclaimed 2017 2018 2019 87.6 94.4\n",
    # text among the figures
    "Total Water Usage (Million Gallons)\nPotable.\nReclaimed 2017 2018 2019 87.6 94.4 82.6 gallons\n",
    # the axis newest first
    "Total Water Usage (Million Gallons)\nPotable.\nReclaimed 2019 2018 2017 87.6 94.4 82.6\n",
    # no unit in the title: what the figures measure is not said
    "Total Water Usage\nPotable.\nReclaimed 2017 2018 2019 87.6 94.4 82.6\n",
    # a line of figures (another chart's, a table's) between title and axis
    "Total Water Usage (Million Gallons)\nPotable 4.1 5.2 6.3.\nReclaimed 2017 2018 2019 87.6 94.4 82.6\n",
    # figures before the axis: a table's row, not a legend entry
    "Total Water Usage (Million Gallons)\nPotable.\nReclaimed 45.1 2017 2018 2019 87.6 94.4 82.6\n",
    # figures in %: shares, not totals (on the axis's line, or alone on the next)
    "Total Water Usage (Million Gallons)\nPotable.\nReclaimed 2017 2018 2019 18% 82% 77%\n",
    "Total Water Usage (Million Gallons)\nPotable.\nReclaimed 2017 2018 2019\n18% 82% 77%\n",
])
def test_legend_charts_that_do_not_tie_give_nothing(text: str) -> None:
    assert legend_chart_records(split_lines(text), None, set(), (12, 31)) == []
