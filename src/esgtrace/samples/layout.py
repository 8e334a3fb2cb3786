"""Lay a :class:`ReportSpec` out on A4 pages once, for both renderers.

The PDF and the text rendering draw the same placed lines, so a figure sits on the same
page in both and the text of its line (cells joined by single spaces, a raised footnote
marker as its own word) is what PDFium extracts from that PDF line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from esgtrace.samples import catalogue as catalogue_module
from esgtrace.samples.model import ProseSpec, ReportSpec, RowSpec, TableSpec

WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 56.0, WIDTH - 56.0, 64.0, HEIGHT - 60.0
CJK_FONT = "STSong-Light"
_GAP = 14.0  # between table columns: wide enough for PDFium to put a space there
# before a raised footnote marker: with less, PDFium glues it to a CJK character
MARKER_GAP = 3.0


@dataclass(frozen=True)
class Cell:
    """Text drawn at ``x`` (its left edge, or its right edge when right-aligned);
    ``marker`` is a footnote marker drawn raised after it."""

    text: str
    x: float
    align: Literal["left", "right"] = "left"
    marker: str = ""


@dataclass(frozen=True)
class PlacedLine:
    cells: tuple[Cell, ...]
    font: str
    size: float
    y: float  # baseline, from the top of the page

    @property
    def text(self) -> str:
        return " ".join(c.text + (f" {c.marker}" if c.marker else "") for c in self.cells if c.text)


@dataclass
class LaidPage:
    number: int
    label: str
    lines: list[PlacedLine] = field(default_factory=list)


@dataclass
class Laid:
    """Pages, and where each anchor (a fact's ref, an index row, a target) was placed:
    anchor -> (page number, 1-based line number within the page)."""

    pages: list[LaidPage]
    anchors: dict[tuple[object, ...], tuple[int, int]]

    def line(self, anchor: tuple[object, ...]) -> PlacedLine:
        page, line = self.anchors[anchor]
        return self.pages[page - 1].lines[line - 1]


@cache
def fonts(language: str) -> tuple[str, str]:
    """Regular and bold font names; the CJK font is registered on first use."""
    if language == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
        return CJK_FONT, CJK_FONT
    return "Helvetica", "Helvetica-Bold"


def width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


class _Flow:
    """Places lines top to bottom, starting a new page when one is full."""

    def __init__(self, spec: ReportSpec) -> None:
        self.spec = spec
        self.regular, self.bold = fonts(spec.style.language)
        self.pages: list[LaidPage] = []
        self.anchors: dict[tuple[object, ...], tuple[int, int]] = {}
        self.y = TOP

    def new_page(self) -> None:
        number = len(self.pages) + 1
        offset = 1 if self.spec.style.cover_unnumbered else 0
        label = str(number - offset) if number - offset >= 1 else ""
        self.pages.append(LaidPage(number, label))
        self.y = TOP

    def room(self, height: float) -> None:
        if not self.pages or self.y + height > BOTTOM:
            self.new_page()

    def add(self, cells: tuple[Cell, ...], font: str, size: float, anchor: tuple[object, ...] | None = None) -> None:
        self.room(size * 1.4)
        self.y += size * 1.4
        page = self.pages[-1]
        page.lines.append(PlacedLine(cells, font, size, round(self.y, 2)))
        if anchor is not None:
            self.anchors[anchor] = (page.number, len(page.lines))

    def space(self, points: float) -> None:
        """A blank line in the text rendering, a gap on the PDF page."""
        if self.pages and self.pages[-1].lines and self.y + points < BOTTOM:
            self.y += points
            self.pages[-1].lines.append(PlacedLine((), self.regular, 0.0, round(self.y, 2)))

    def paragraph(self, text: str, size: float = 10.0, font: str | None = None,
                  marks: list[tuple[tuple[object, ...], int]] | None = None) -> None:
        """Wrapped text; each mark ``(anchor, offset)`` is placed on the line that holds
        character ``offset`` of ``text``."""
        font = font or self.regular
        lines = wrap(text, font, size, RIGHT - LEFT)
        starts, position = [], 0
        for line in lines:
            position = text.find(line, position)
            starts.append(position)
        for i, line in enumerate(lines):
            self.add((Cell(line, LEFT),), font, size)
            for anchor, offset in marks or ():
                if starts[i] <= offset and (i + 1 == len(lines) or offset < starts[i + 1]):
                    page = self.pages[-1]
                    self.anchors[anchor] = (page.number, len(page.lines))


_TOKEN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]|[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+\s*|\s+")


def wrap(text: str, font: str, size: float, limit: float) -> list[str]:
    """Greedy line breaking on spaces (English) or between characters (Chinese);
    a number is never split."""
    lines, current = [], ""
    for token in _TOKEN.findall(text):
        if current and width((current + token).rstrip(), font, size) > limit:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def layout(spec: ReportSpec) -> Laid:
    """Place every line of ``spec`` on pages; see :class:`Laid`."""
    cat = catalogue_module.load()
    language = spec.style.language
    flow = _Flow(spec)
    flow.new_page()
    flow.y = 300.0
    flow.add((Cell(spec.company, LEFT),), flow.bold, 20.0)
    flow.add((Cell(spec.incorporated, LEFT),), flow.regular, 9.0)
    flow.space(10)
    flow.add((Cell(cat.word("stock_code", language, code=spec.stock_code), LEFT),), flow.regular, 12.0)
    flow.space(30)
    flow.add((Cell(spec.title, LEFT),), flow.bold, 16.0)
    flow.add((Cell(cat.word("period", language, year=spec.year), LEFT),), flow.regular, 11.0)
    where: dict[str, tuple[int, str]] = {}  # table or section key -> (page, its printed name)
    for s_index, section in enumerate(spec.sections):
        if s_index == 0 or not section.same_page:
            flow.new_page()
        else:
            flow.room(80)
            flow.space(12)
        flow.add((Cell(section.heading, LEFT),), flow.bold, 15.0)
        where[section.key] = (flow.pages[-1].number, section.heading)
        flow.space(6)
        for run in _runs(section.blocks, spec.style.paragraphs):
            if isinstance(run, TableSpec):
                _table(flow, run, spec)
                where[run.key] = (_title_page(flow, run), run.title)
            else:
                _prose(flow, run, s_index, language)
            flow.space(8)
    _index(flow, spec, where)
    footer = cat.word("footer", language, short=spec.short_name, year=spec.year)
    for page in flow.pages[1:]:
        cells = (Cell(footer, LEFT), Cell(page.label, RIGHT, "right"))
        page.lines.append(PlacedLine(cells, flow.regular, 8.0, HEIGHT - 36.0))
    return Laid(flow.pages, flow.anchors)


def _runs(blocks: tuple[TableSpec | ProseSpec, ...], merge: bool) -> list[TableSpec | list[tuple[int, ProseSpec]]]:
    """Tables one by one; sentences one per paragraph, or (``merge``) consecutive
    sentences with figures run together into one paragraph."""
    runs: list[TableSpec | list[tuple[int, ProseSpec]]] = []
    for index, block in enumerate(blocks):
        if isinstance(block, TableSpec):
            runs.append(block)
        elif merge and block.figure is not None and runs and isinstance(runs[-1], list) \
                and runs[-1][-1][1].figure is not None:
            runs[-1].append((index, block))
        else:
            runs.append([(index, block)])
    return runs


def _title_page(flow: _Flow, table: TableSpec) -> int:
    for page in flow.pages:
        if any(line.text == table.title for line in page.lines):
            return page.number
    return flow.pages[-1].number


def _prose(flow: _Flow, blocks: list[tuple[int, ProseSpec]], s_index: int, language: str) -> None:
    """Sentences set as one paragraph, each figure (or target) anchored to its line."""
    joiner = "" if language == "zh" else " "
    text = ""
    marks: list[tuple[tuple[object, ...], int]] = []
    for b_index, block in blocks:
        start = len(text) + (len(joiner) if text else 0)
        text = f"{text}{joiner}{block.text}" if text else block.text
        if block.figure is not None:
            marks.append((("prose", s_index, b_index), start + block.template.index("{value}")))
        elif block.target is not None:
            found = block.text.find(block.target.change.strip("-"))
            marks.append((("target", s_index, b_index), start + max(found, 0)))
    flow.paragraph(text, marks=marks)


def _glued(text: str, marker: str, style: str) -> tuple[str, str]:
    """Cell text and raised marker for a footnote ``marker`` in the report's style."""
    if not marker:
        return text, ""
    return (f"{text}({marker})", "") if style == "paren" else (text, marker)


def _table(flow: _Flow, table: TableSpec, spec: ReportSpec) -> None:
    cat = catalogue_module.load()
    language = spec.style.language
    markers = spec.style.markers
    years = [spec.style.year_header.format(year=p) for p in table.periods]
    with_unit = table.unit_style == "column"
    if table.intro:
        flow.paragraph(table.intro)
        flow.space(4)
    size = 9.0
    while True:
        labels = [_label_lines(row, table, spec, flow.regular, size) for row in table.rows]
        label_w = max(_text_width((lines[-1], raised), flow.regular, size) if i == len(lines) - 1
                      else width(line, flow.regular, size)
                      for lines, raised in labels for i, line in enumerate(lines)) + 10
        unit_head = width(cat.word("unit", language), flow.bold, size)
        unit_w = max([unit_head] + [_text_width(_glued(r.unit, r.unit_marker, markers), flow.regular, size)
                                    for r in table.rows]) if with_unit else 0.0
        cols = [max([width(years[i], flow.bold, size)] + [_figure_width(r, i, flow.regular, size, markers)
                                                         for r in table.rows])
                for i in range(len(table.periods))]
        total = label_w + (_GAP + unit_w if with_unit else 0) + sum(c + _GAP for c in cols)
        if total <= RIGHT - LEFT or size <= 6.5:
            break
        size -= 0.5
    unit_x = LEFT + label_w + _GAP
    edges, x = [], unit_x + (unit_w + _GAP if with_unit else 0)
    for col in cols:
        x += col
        edges.append(x)
        x += _GAP
    rows_height = (len(table.rows) + 3) * size * 1.4
    flow.room(min(rows_height, 260.0))
    flow.add((Cell(table.title, LEFT),), flow.bold, 11.0)
    if table.caption:
        flow.add((Cell(table.caption, LEFT),), flow.regular, 9.0)
    head = [Cell(cat.word("indicator", language), LEFT)]
    if with_unit:
        head.append(Cell(cat.word("unit", language), unit_x))
    head += [Cell(year, e, "right") for year, e in zip(years, edges)]
    flow.add(tuple(head), flow.bold, size)
    for r_index, (row, (lines, raised)) in enumerate(zip(table.rows, labels)):
        if flow.y + size * 1.4 * len(lines) > BOTTOM:
            flow.new_page()
            flow.add(tuple(head), flow.bold, size)
        indent = LEFT + (8 if row.breakdown else 0)
        # a wrapped label: values sit on its first line, the marker after its last word
        cells = [Cell(lines[0], indent, marker=raised if len(lines) == 1 else "")]
        if with_unit and row.metrics:
            unit, unit_marker = _glued(row.unit, row.unit_marker, markers)
            cells.append(Cell(unit, unit_x, marker=unit_marker))
        for figure, edge in zip(row.figures, edges):
            if figure is None:
                cells.append(Cell(spec.style.missing, edge, "right"))
            else:
                text, figure_marker = _glued(figure.printed + row.suffix, figure.marker, markers)
                cells.append(Cell(text, edge - _raised_width(figure_marker, flow.regular, size), "right", figure_marker))
        flow.add(tuple(cells), flow.regular, size, None)
        for c_index in range(len(row.figures)):
            flow.anchors[("cell", table.key, r_index, c_index)] = (flow.pages[-1].number, len(flow.pages[-1].lines))
        for i, line in enumerate(lines[1:], 2):
            flow.add((Cell(line, indent + 6, marker=raised if i == len(lines) else ""),), flow.regular, size)
    for note in table.footnotes:
        flow.paragraph(note, size=7.5)


_WRAP_AT = 150.0  # widest label, in points, when a report wraps long labels


def _label_lines(row: RowSpec, table: TableSpec, spec: ReportSpec, font: str, size: float) -> tuple[list[str], str]:
    """The printed label of ``row``, as one line or (``Style.wrap_labels``) several, with
    a paren marker glued to its end, and the raised marker to draw after it."""
    cat = catalogue_module.load()
    label = row.label
    if table.unit_style == "label" and row.metrics and not row.suffix:
        label = cat.word("label_unit", spec.style.language, label=label, unit=row.unit)
    label, raised = _glued(label, row.label_marker, spec.style.markers)
    if not spec.style.wrap_labels or width(label, font, size) <= _WRAP_AT:
        return [label], raised
    return wrap(label, font, size, _WRAP_AT) or [label], raised


def _raised_width(marker: str, font: str, size: float) -> float:
    return width(marker, font, size * 0.6) + MARKER_GAP if marker else 0.0


def _text_width(glued: tuple[str, str], font: str, size: float) -> float:
    text, raised = glued
    return width(text, font, size) + _raised_width(raised, font, size)


def _figure_width(row: RowSpec, index: int, font: str, size: float, markers: str) -> float:
    if index >= len(row.figures) or row.figures[index] is None:
        return width("–", font, size)
    figure = row.figures[index]
    assert figure is not None
    return _text_width(_glued(figure.printed + row.suffix, figure.marker, markers), font, size)


def _index(flow: _Flow, spec: ReportSpec, where: dict[str, tuple[int, str]]) -> None:
    cat = catalogue_module.load()
    language = spec.style.language
    flow.new_page()
    flow.add((Cell(spec.index_heading, LEFT),), flow.bold, 13.0)
    flow.space(6)
    size = 8.5
    desc_x = LEFT + 62
    desc_w = max(width(r.description, flow.regular, size) for r in spec.index)
    where_x = min(desc_x + desc_w + _GAP, RIGHT - 150)
    head = (Cell(cat.word("index_item", language), LEFT), Cell(cat.word("index_description", language), desc_x),
            Cell(cat.word("index_where", language), where_x))
    flow.add(head, flow.bold, size)
    labels = {p.number: p.label for p in flow.pages}
    for i, row in enumerate(spec.index):
        text = row.explanation
        if row.status == "disclosed":
            page, name = where[row.ref]
            if spec.style.page_refs == "section":
                text = name
            elif spec.style.page_refs == "P":
                text = cat.word("page_ref", language, page=labels[page])
            else:
                text = labels[page]
        if flow.y + size * 1.4 > BOTTOM:
            flow.new_page()
            flow.add(head, flow.bold, size)
        flow.add((Cell(row.item, LEFT), Cell(row.description, desc_x), Cell(text, where_x)), flow.regular, size, ("index", i))
