"""What a sample report says, before it is laid out: tables, prose, index, targets.

A :class:`ReportSpec` is frozen. Every printed number is a :class:`Figure` that keeps
the string as printed and the value in the metric's canonical unit, so the truth of a
rendered report is known exactly; :func:`facts` lists it as :class:`FactSpec` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

UnitStyle = Literal["column", "label", "caption"]
MarkerStyle = Literal["paren", "superscript", "none"]
Status = Literal["disclosed", "explained", "not_applicable"]
Breakdown = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Figure:
    """One printed number: ``printed`` exactly as shown, ``value`` in canonical units.

    ``marker`` is a footnote marker printed after the number: glued in parentheses
    ("48,211.05(3)") or as a raised digit ("1,234 1" once extracted).
    """

    printed: str
    value: float
    marker: str = ""


@dataclass(frozen=True)
class RowSpec:
    """A table row. Without ``metrics`` it is a heading row such as "By gender"."""

    label: str
    metrics: tuple[str, ...] = ()
    breakdown: Breakdown = ()
    unit: str = ""
    canonical_unit: str = ""
    figures: tuple[Figure | None, ...] = ()
    label_marker: str = ""
    unit_marker: str = ""
    suffix: str = ""  # printed after each figure, e.g. "%" when the label names no unit
    note: str = ""
    kind: str = ""  # how the values were made: sum, ratio, split (a breakdown group), ...
    key: str = ""


@dataclass(frozen=True)
class TableSpec:
    """A KPI table; ``periods`` are the year columns in printed order."""

    key: str
    title: str
    periods: tuple[str, ...]
    rows: tuple[RowSpec, ...]
    unit_style: UnitStyle = "column"
    caption: str = ""
    intro: str = ""
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProseSpec:
    """A paragraph; with a ``figure``, ``template`` holds ``{value}`` where it goes."""

    template: str
    figure: Figure | None = None
    metrics: tuple[str, ...] = ()
    period: str = ""
    breakdown: Breakdown = ()
    unit: str = ""
    canonical_unit: str = ""
    target: TargetSpec | None = None
    row: str = ""  # key of the table row whose figure the sentence repeats

    @property
    def text(self) -> str:
        return self.template.replace("{value}", self.figure.printed) if self.figure else self.template


@dataclass(frozen=True)
class TargetSpec:
    metric: str
    baseline_year: int
    target_year: int
    change: str


@dataclass(frozen=True)
class SectionSpec:
    """A section; ``same_page``: it follows the previous one without a page break."""

    key: str
    heading: str
    blocks: tuple[TableSpec | ProseSpec, ...]
    same_page: bool = False


@dataclass(frozen=True)
class IndexRow:
    """A content-index row; ``ref`` names the table or section whose page it cites."""

    item: str
    description: str
    status: Status
    ref: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class Style:
    """Presentation choices drawn per report (or fixed by the caller).

    :param language: "en" or "zh"
    :param columns: number of year columns (2 or 3)
    :param newest_first: print the reporting year in the first year column
    :param unit_style: unit in its own column, in the row label, or in a table caption
    :param markers: how footnote markers are printed
    :param thousands: print thousands separators
    :param denominator: intensities per "employee" or per "revenue"
    :param page_refs: the index cites "P12", "12" or the section name
    :param cover_unnumbered: the cover carries no page label, so labels run one behind
    :param paragraphs: run the sentences with figures of a section together into one
        paragraph (prose-heavy) instead of one paragraph each
    :param year_header: how a year column is headed ("{year}", "FY{year}", "{year}年")
    :param missing: what a table prints for a figure not reported
    :param wrap_labels: long row labels run over two or more lines (values on the first)
    :param vary_wording: word row labels and breakdown groups with the catalogue's other
        wordings ("Direct GHG emissions (Scope 1)", "Aged under 30") as well as the usual
    :param units: per dimension, the index of the printed unit in the catalogue; used when
        the figures read sensibly in it, otherwise (and for -1) one that does is drawn
    """

    language: Literal["en", "zh"] = "en"
    columns: int = 2
    newest_first: bool = False
    unit_style: UnitStyle = "column"
    markers: MarkerStyle = "paren"
    thousands: bool = True
    denominator: Literal["employee", "revenue"] = "employee"
    page_refs: Literal["P", "number", "section"] = "P"
    cover_unnumbered: bool = True
    paragraphs: bool = False
    year_header: str = "{year}"
    missing: str = "–"
    wrap_labels: bool = False
    vary_wording: bool = False
    units: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class ReportSpec:
    """A whole fictional report; ``planted`` lists errors put in on purpose."""

    name: str
    company: str
    short_name: str
    stock_code: str
    incorporated: str
    year: int
    periods: tuple[str, ...]
    period_text: str
    currency: str
    title: str
    style: Style
    sections: tuple[SectionSpec, ...]
    index: tuple[IndexRow, ...]
    index_heading: str = ""
    planted: tuple[str, ...] = field(default=())

    def table(self, key: str) -> TableSpec:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, TableSpec) and block.key == key:
                    return block
        raise KeyError(key)


# Where a fact is printed: ("cell", table key, row index, column index) or
# ("prose", section index, block index).
Ref = tuple[str, str | int, int, int] | tuple[str, int, int]


@dataclass(frozen=True)
class FactSpec:
    """One fact of the truth: what a perfect extractor returns for one printed figure."""

    metric: str
    period: str
    breakdown: Breakdown
    reported_value: str
    reported_unit: str
    value: float
    unit: str
    ref: Ref
    note: str = ""

    @property
    def breakdown_dict(self) -> dict[str, str]:
        return dict(self.breakdown)


def facts(spec: ReportSpec) -> list[FactSpec]:
    """Every fact ``spec`` prints, in reading order (a figure printed twice counts twice)."""
    found: list[FactSpec] = []
    for s_index, section in enumerate(spec.sections):
        for b_index, block in enumerate(section.blocks):
            if isinstance(block, TableSpec):
                found += _table_facts(block)
            elif block.figure is not None:
                for metric in block.metrics:
                    found.append(
                        FactSpec(
                            metric, block.period, block.breakdown, block.figure.printed,
                            block.unit, block.figure.value, block.canonical_unit,
                            ("prose", s_index, b_index),
                        )
                    )
    return found


def _table_facts(table: TableSpec) -> list[FactSpec]:
    found = []
    for r_index, row in enumerate(table.rows):
        for c_index, figure in enumerate(row.figures):
            if figure is None:
                continue
            note = f"footnote marker {figure.marker!r} is not part of the value" if figure.marker else ""
            for metric in row.metrics:
                found.append(
                    FactSpec(
                        metric, table.periods[c_index], row.breakdown, figure.printed,
                        row.unit, figure.value, row.canonical_unit,
                        ("cell", table.key, r_index, c_index), note or row.note,
                    )
                )
    return found
