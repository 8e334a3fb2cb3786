"""Tables read from page geometry, on small synthetic pages built from word boxes: a table
that goes on below a "Thereof" line, headings of several words centred over a column, a
column of a part ("thereof ...") beside the whole's column of the same year, a unit printed
in the header band over the label column, and lines of running text holding a figure.

Each page is laid out as a PDF would print it: label words from the left margin, figures
right-aligned in their columns; the text stream holds one line per printed row."""

from __future__ import annotations

from esgtrace.extract.grid import grid_records
from esgtrace.extract.records import Record
from esgtrace.ingest.model import Line, Page, Word

CHAR = 4.5  # points per character
SPACE = 3.0  # points between the words of one cell
HEIGHT = 6.5  # a row's box height (tight, as PDF text boxes are)

# a cell: its text, an x position, and whether the text starts ("l") or ends ("r") there
Cell = tuple[str, float, str]


def _page(rows: list[tuple[float, list[Cell]]], number: int = 1, ran: frozenset[int] = frozenset()) -> Page:
    """A page whose rows (top, cells) each make one stream line; the stream runs the first
    cell of each row in ``ran`` (indices into ``rows``) onto the line of the row above."""
    placed_rows: list[list[tuple[str, float, float, float]]] = []
    for n, (top, cells) in enumerate(rows):
        placed: list[tuple[str, float, float, float]] = []
        for k, (cell, x, anchor) in enumerate(cells):
            parts = cell.split()
            width = sum(len(p) * CHAR for p in parts) + SPACE * (len(parts) - 1)
            x0 = x if anchor == "l" else x - width
            for p in parts:
                placed.append((p, x0, x0 + len(p) * CHAR, top))
                x0 += len(p) * CHAR + SPACE
        placed.sort(key=lambda p: p[1])
        if n in ran:
            first = len(cells[0][0].split())
            placed_rows[-1] += placed[:first]
            placed = placed[first:]
        placed_rows.append(placed)
    words: list[Word] = []
    lines: list[Line] = []
    text = ""
    for placed in placed_rows:
        start = len(text)
        for k, (p, x0, x1, top) in enumerate(placed):
            if k:
                text += " "
            words.append(Word(p, x0, x1, top, top + HEIGHT, len(text), len(text) + len(p)))
            text += p
        lines.append(Line(len(lines) + 1, text[start:], start, len(text)))
        text += "\n"
    return Page(number, text, tuple(lines), tuple(words), width=595.0, height=842.0)


COLS = (300.0, 360.0, 420.0, 475.0, 536.0)  # right edges of the value columns


def _figures(values: list[str]) -> list[Cell]:
    return [(v, x, "r") for v, x in zip(values, COLS)]


def _read(page: Page) -> dict[str, list[tuple[str, str | None]]]:
    records, _ = grid_records(page, page.number, 0, set(), (12, 31), [])
    return {r.label: [(v.number.digits, v.period.label if v.period else None) for v in r.values]
            for r in records if r.values}


def _records(page: Page) -> list[Record]:
    return [r for r in grid_records(page, page.number, 0, set(), (12, 31), [])[0] if r.values]


# the header band: "2023 Group" beside "2023 thereof parent company" over the last two columns
_BAND: list[tuple[float, list[Cell]]] = [
    (100.0, [("Air emissions of the group", 57.0, "l")]),
    (140.0, [("2023", COLS[3], "r"), ("2023", COLS[4], "r")]),
    (153.0, [("Group", COLS[3], "r"), ("thereof", COLS[4], "r")]),
    (166.0, [("metric kilotons", 60.0, "l"), ("2020", COLS[0], "r"), ("2021", COLS[1], "r"),
             ("2022", COLS[2], "r"), ("parent company", COLS[4] + 0.5, "r")]),
]


def test_heading_of_several_words_over_a_column_and_the_part_column_left_alone() -> None:
    """"parent company" is one heading over the last column, though neither word alone sits
    over it; that column is the part ("2023 thereof parent company") of the Group column
    of the same year: its figures are left alone, the Group column is 2023."""
    page = _page([*_BAND,
                  (186.0, [("Sulphur oxides", 60.0, "l"), *_figures(["1,210", "1,180", "1,150", "1,120", "35"])]),
                  (204.0, [("Nitrogen oxides", 60.0, "l"), *_figures(["2,410", "2,380", "2,350", "2,320", "41"])])])
    rows = _read(page)
    assert rows["Sulphur oxides"] == [("1,210", "2020"), ("1,180", "2021"), ("1,150", "2022"), ("1,120", "2023")]
    assert rows["Nitrogen oxides"] == [("2,410", "2020"), ("2,380", "2021"), ("2,350", "2022"), ("2,320", "2023")]


def test_a_qualified_year_without_a_part_beside_it_is_no_period() -> None:
    """"2023 target" over a column, with no part column of that year beside it: not a column
    of the report's figures, so the header is no period header."""
    page = _page([
        (100.0, [("Air emissions of the group", 57.0, "l")]),
        (153.0, [("2023", COLS[3], "r")]),
        (166.0, [("2020", COLS[0], "r"), ("2021", COLS[1], "r"), ("2022", COLS[2], "r"), ("target", COLS[3], "r")]),
        (186.0, [("Sulphur oxides", 60.0, "l"), *_figures(["1,210", "1,180", "1,150", "1,120"])]),
        (204.0, [("Nitrogen oxides", 60.0, "l"), *_figures(["2,410", "2,380", "2,350", "2,320"])]),
        (222.0, [("Ammonia", 60.0, "l"), *_figures(["3,410", "3,380", "3,350", "3,320"])])])
    assert _read(page) == {}


def test_unit_printed_in_the_header_band_over_the_labels() -> None:
    """"metric kilotons" on the band's last line, over the label column: the table's unit."""
    page = _page([*_BAND,
                  (186.0, [("Sulphur oxides", 60.0, "l"), *_figures(["1,210", "1,180", "1,150", "1,120", "35"])]),
                  (204.0, [("Nitrogen oxides", 60.0, "l"), *_figures(["2,410", "2,380", "2,350", "2,320", "41"])])])
    assert {r.caption_unit for r in _records(page)} == {"metric kilotons"}


def test_table_goes_on_below_a_thereof_line() -> None:
    """A label line ("Thereof") between the total row and its parts, far enough below to
    part the rows: the parts are read under the same header, in the same unit."""
    page = _page([*_BAND,
                  (186.0, [("Total emissions", 60.0, "l"), *_figures(["3,620", "3,560", "3,500", "3,440", "76"])]),
                  (204.0, [("Thereof", 60.0, "l")]),
                  (222.0, [("sulphur oxides", 70.0, "l"), *_figures(["1,210", "1,180", "1,150", "1,120", "35"])]),
                  (240.0, [("nitrogen oxides", 70.0, "l"), *_figures(["2,410", "2,380", "2,350", "2,320", "41"])])])
    records = _records(page)
    rows = {r.label: [(v.number.digits, v.period.label if v.period else None) for v in r.values] for r in records}
    assert rows["Total emissions"][-1] == ("3,440", "2023")
    assert rows["sulphur oxides"] == [("1,210", "2020"), ("1,180", "2021"), ("1,150", "2022"), ("1,120", "2023")]
    assert rows["nitrogen oxides"][0] == ("2,410", "2020")
    assert {r.caption_unit for r in records} == {"metric kilotons"}


def test_a_table_under_a_line_over_the_columns_is_a_table_of_its_own() -> None:
    """Between the two runs of rows a line stands over the value columns (a heading of the
    next table): the lower rows do not take the upper table's header."""
    page = _page([*_BAND,
                  (186.0, [("Total emissions", 60.0, "l"), *_figures(["3,620", "3,560", "3,500", "3,440", "76"])]),
                  (204.0, [("Emissions of the sites abroad, measured by each site over the year", 60.0, "l")]),
                  (222.0, [("sulphur oxides", 70.0, "l"), *_figures(["1,210", "1,180", "1,150", "1,120", "35"])]),
                  (240.0, [("nitrogen oxides", 70.0, "l"), *_figures(["2,410", "2,380", "2,350", "2,320", "41"])])])
    assert set(_read(page)) == {"Total emissions"}


def test_footnote_lines_below_a_table_are_no_rows() -> None:
    """Footnotes ("1 In line with ...") whose markers line up in a column of their own and
    whose text runs over the value columns: running text, not rows; the table above them is
    read whole."""
    notes = ["In line with the protocol, all previous years were calculated on the structure of the group at the end",
             "The base year of the targets is the first year shown in the table, as it was set by the board at the time",
             "Figures for the part of the group are rounded to whole numbers, and so may not add up to the totals"]
    page = _page([*_BAND,
                  (186.0, [("Sulphur oxides", 60.0, "l"), *_figures(["1,210", "1,180", "1,150", "1,120", "35"])]),
                  (204.0, [("Nitrogen oxides", 60.0, "l"), *_figures(["2,410", "2,380", "2,350", "2,320", "41"])]),
                  *((222.0 + 8 * k, [(str(k + 1), 61.0, "r"), (note, 68.0, "l")]) for k, note in enumerate(notes))])
    rows = _read(page)
    assert set(rows) == {"Sulphur oxides", "Nitrogen oxides"}
    assert rows["Nitrogen oxides"][-1] == ("2,320", "2023")



def test_rows_the_text_stream_ran_together_are_read_again_from_geometry() -> None:
    """The stream put a row's figures after the next row's label ("1,210 1,180 1,150
    nitrogen oxides"), so the text reader took a label holding figures for the figures
    below it: that is no reading of the line. The geometry reads the rows again, and its
    reading replaces the run-together one (whose label names another row's metric)."""
    from esgtrace.extract.pipeline import document_records, extract_facts
    from esgtrace.ingest.model import Document

    page = _page([(150.0, [("Air emissions in tonnes", 57.0, "l")]),
                  (166.0, [("2021", COLS[0], "r"), ("2022", COLS[1], "r"), ("2023", COLS[2], "r")]),
                  (186.0, [("Total emissions", 60.0, "l"), *_figures(["3,620", "3,560", "3,500"])]),
                  (204.0, [("Thereof", 60.0, "l")]),
                  (222.0, [("sulphur oxides", 70.0, "l"), *_figures(["1,210", "1,180", "1,150"])]),
                  (240.0, [("nitrogen oxides", 70.0, "l"), *_figures(["2,410", "2,380", "2,350"])]),
                  (258.0, [("Ammonia", 60.0, "l"), *_figures(["3,410", "3,380", "3,350"])])],
                 ran=frozenset({4, 5}))
    assert "\n1,210 1,180 1,150 nitrogen oxides\n2,410 2,380 2,350\n" in page.text
    doc = Document("sample.pdf", "sample.pdf", "0" * 64, "pdf", 1, (page,), period="2023")
    rows = {r.label: [(v.number.digits, v.period.label if v.period else None) for v in r.values]
            for r in document_records(doc) if r.values and r.method == "table"}
    assert rows["nitrogen oxides"] == [("2,410", "2021"), ("2,380", "2022"), ("2,350", "2023")]
    assert rows["sulphur oxides"] == [("1,210", "2021"), ("1,180", "2022"), ("1,150", "2023")]
    assert not any("1,180" in label for label in rows)
    sox = {f.period: f.value for f in extract_facts(doc) if f.metric == "sox_emissions"}
    assert all(v in (1_210_000, 1_180_000, 1_150_000) for v in sox.values())
