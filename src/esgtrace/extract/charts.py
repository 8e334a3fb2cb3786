"""Charts flattened into text: a chart's figures and its year axis printed apart.

- A series printed as one line beside its axis printed as another: "Usage of packaging
  materials (thousand tons) 45.8 46.4 47.1" next to "FY2018 FY2019 FY2020".
- A chart whose title (with its unit, then the value axis's ticks), legend lines and axis
  come before its figures: "Scope 3 Emissions (MTCO2e)" / "Employee commuting." / ... /
  "Business travel 2018 2019 2020 2021 600,000 500,000 ... 0" / "462,604 527,741 405,915
  320,987". The figures printed over a stacked bar are its total, so they are the title's.

Figures are tied to years only by counting: the axis is years only, one after another,
oldest first, and there are exactly as many figures as years. Anything else gives nothing
(an axis newest first, whose order a chart's text need not keep for its bars; more figures
than years, as when two series or an offset are printed; fewer, as when a table's last
column is printed elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from esgtrace.extract.records import Record, Token, Value, quote_of, tokenize
from esgtrace.extract.standalone import STANDALONE_TABLE_BASE
from esgtrace.extract.wrapping import label_unit
from esgtrace.ingest.model import Line
from esgtrace.normalise.periods import parse_period

_YEAR_WORD = re.compile(r"^(?:FY\s?)?((?:19|20)\d\d)[.:]?$")
_MIN_YEARS = 2


def _year_of(token: Token) -> int | None:
    m = _YEAR_WORD.match(token.text)
    return int(m.group(1)) if m else None


_AXIS_GAP = 2  # lines an axis may sit from its series, when the line between is a panel's letter
_PANEL_MARK = re.compile(r"^[A-Z][.)]?$")
_YEAR_LIKE = re.compile(r"(?:FY\s?)?(?:19|20)\d\d\d?[.:]?")
_FIRST_TOKEN = re.compile(r"\S+")  # a line's first token, as tokenize() splits it
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")  # what _YEAR_WORD and _YEAR_LIKE both need
_NUMBERED = re.compile(r"^(?:scope|category|tier|phase|level|grade|class|no\.)$", re.I)  # "Scope 1": a name


def axis_records(
    lines: Sequence[Line], page: int | None, skip: set[int | None], fiscal_end: tuple[int, int] | None = None
) -> list[Record]:
    """A chart's series printed as one line beside its year axis printed as another:
    "Usage of packaging materials (thousand tons) 45.8 46.4 47.1" next to "FY2018 FY2019 FY2020".

    The axis must be a line of years only, one after another (2018, 2019, 2020), directly
    above or below the series (a panel's letter may sit between). The series line must be a
    label with its unit (or figures in %), then exactly as many figures as the axis has years
    and nothing after them. Anything else gives nothing, for the figures' order or meaning is
    not known: years printed newest first (a chart's text may print its axis in another order
    than its bars), more or fewer figures than years, a run of two series' figures, an axis
    wrapped over lines, a series line just below another (a table's row whose header is
    elsewhere). An axis with a series line below it is that line's; one above it is read only
    when nothing below claims the axis.
    """
    out: list[Record] = []
    for k, line in enumerate(lines):
        years = _axis(line.text)
        if years is None:
            continue
        above, below = _axis_neighbour(lines, k, -1), _axis_neighbour(lines, k, 1)
        near = [j for j in (above, below) if j is not None]
        if any(_YEAR_LIKE.fullmatch(t.text) for j in near for t in tokenize(0, lines[j].text)[:1]):
            continue  # a header of years wrapped over lines ("As of Dec. 31 2020" / "2021 2022" / "2023")
        if below is not None and _figures_at_end(lines[below].text, len(years)) is not None:
            near = [below]  # the header of the row below it
        for j in near:
            record = None if lines[j].number in skip else _axis_series(lines, j, years, page, fiscal_end)
            if record is not None:
                out.append(record)
    return out


def _axis(text: str) -> list[Token] | None:
    first = _FIRST_TOKEN.search(text)
    if first is None or _YEAR_WORD.match(first.group()) is None:
        return None  # an axis is years only: a line whose first word is none is no axis (most lines)
    tokens = tokenize(0, text)
    if len(tokens) < _MIN_YEARS or any(_year_of(t) is None for t in tokens):
        return None
    years = [_year_of(t) or 0 for t in tokens]
    if any(b != a + 1 for a, b in zip(years, years[1:])):
        return None  # years newest first, or skipping: the figures' order is not the axis's
    if len({re.sub(r"\d", "", t.text.rstrip(".:")) for t in tokens}) != 1:
        return None  # "2019 FY2020": two kinds of period
    return tokens


def _axis_neighbour(lines: Sequence[Line], k: int, step: int) -> int | None:
    """The first line above (``step`` -1) or below (1) the axis, past a panel's letter."""
    j = k + step
    while 0 <= j < len(lines) and abs(j - k) <= _AXIS_GAP:
        text = lines[j].text.strip()
        if text and not _PANEL_MARK.match(text):
            return j
        j += step
    return None


def _figures_at_end(text: str, n: int) -> tuple[list[Token], list[Token]] | None:
    """(label tokens, the last ``n`` tokens) when the line ends with exactly ``n`` figures."""
    tokens = tokenize(0, text)
    if len(tokens) <= n:
        return None
    head, run = tokens[:-n], tokens[-n:]
    if any(t.number() is None or _YEAR_LIKE.fullmatch(t.text) for t in run):
        return None  # a year, or a year with its footnote marker ("20201"): a header, not figures
    if head[-1].number() is not None or head[-1].blank():
        return None  # more figures than years
    return head, run


def _axis_series(
    lines: Sequence[Line], j: int, years: list[Token], page: int | None, fiscal_end: tuple[int, int] | None
) -> Record | None:
    line = lines[j]
    found = _figures_at_end(line.text, len(years))
    if found is None:
        return None
    head, run = found
    above = next((ln.text for ln in reversed(lines[:j]) if ln.text.strip()), "")
    if _figures_at_end(above, len(years)) is not None:
        return None  # a row of a table: its header is not this axis
    if any(_YEAR_LIKE.fullmatch(t.text) or t.number() is not None and not re.search(r"[^\W\d_]", t.text)
           and not (k and _NUMBERED.match(head[k - 1].text)) for k, t in enumerate(head)):
        return None  # a figure ("Scope 1" aside) or a year inside the label: the line holds more than one series
    label = " ".join(t.text for t in head).strip()
    if not re.search(r"[^\W\d_]{3}", label) or len(label) > 160 or label.endswith((":", "：")):
        return None
    percent = {"%" in t.text for t in run}
    if len(percent) > 1:
        return None  # percentages beside plain figures: two series
    label, unit = label_unit(label)
    if not unit and percent != {True}:
        return None  # no unit: what the figures measure is not known
    return series_record(label, unit, list(zip(years, run)), line, page, fiscal_end,
                         head[0].start, run[-1].end, STANDALONE_TABLE_BASE + 60_000)


def series_record(label: str, unit: str, pairs: Sequence[tuple[Token, Token]], line: Line, page: int | None,
                  fiscal_end: tuple[int, int] | None, start: int, end: int, base: int) -> Record | None:
    """The record of a chart's series: one value per (year, figure) pair, quoted from
    ``start`` to ``end`` of its line; nothing when a figure or a year does not read."""
    values: list[Value] = []
    for year_token, figure in pairs:
        number = figure.number()
        period = parse_period(year_token.text.rstrip(".:"), fiscal_end)
        if number is None or period is None:
            return None
        values.append(Value(number, period))
    return Record(
        label=label,
        unit=unit,
        values=values,
        page=page,
        line=line.number,
        quote=quote_of(line.text, start, end, label=label),
        method="table",
        table=base + (page or 0) * 100_000 + line.number,
        caption="",
    )


_MIN_LEGEND_YEARS = 3
_MAX_TITLE_ABOVE = 10  # lines from the axis up to the chart's title
_MAX_LEGEND_TOKENS = 12
_SMALL_NUMBER = re.compile(r"^\(?\d{1,2}\)?[.,;:]?$")  # "Scope 1 or 2", "Category 3": part of a name


def legend_chart_records(
    lines: Sequence[Line], page: int | None, skip: set[int | None], fiscal_end: tuple[int, int] | None = None
) -> list[Record]:
    """Charts printed as a title with its unit, legend lines, then a line that ends with the
    last legend entry and the year axis, then the figures: one total a year, of the title's
    metric ("Total water usage (million gallons) 100 80 ... 0" / "Potable." / "Reclaimed 2015
    ... 2021 87.6 94.4 ... 71.8 18% 82% ...").

    The figures follow the axis on its line (after the value axis's ticks, if any, they are
    on the next line, alone); they must be exactly one a year. Percentages after them are
    the legend entries' shares and are left alone. At least two legend entries must stand
    between the title and the figures (one is a series, whose name the figures would take).
    """
    out: list[Record] = []
    for k, line in enumerate(lines):
        if line.number in skip:
            continue
        found = _legend_axis(line)
        if found is None:
            continue
        years, after = found
        figures, at = _legend_figures(lines, k, after, len(years))
        if figures is None or lines[at].number in skip:
            continue
        title = _chart_title(lines, k)
        if title is None:
            continue
        label, unit = title
        values: list[Value] = []
        for year_token, figure in zip(years, figures):
            number = figure.number()
            period = parse_period(year_token.text.rstrip(".:"), fiscal_end)
            if number is None or period is None or number.percent:
                break
            values.append(Value(number, period))
        if len(values) != len(years):
            continue
        source = lines[at]
        start = years[0].start if at == k else figures[0].start
        out.append(Record(
            label=label,
            unit=unit,
            values=values,
            page=page,
            line=source.number,
            quote=quote_of(source.text, start, figures[-1].end, label=label),
            method="table",
            table=STANDALONE_TABLE_BASE + 80_000 + (page or 0) * 100_000 + source.number,
            caption=label,
        ))
    return out


def _legend_axis(line: Line) -> tuple[list[Token], list[Token]] | None:
    """(the axis's years, the tokens after them) of a line "<legend entry> <years> ..."."""
    if _YEAR_DIGITS.search(line.text) is None:
        return None  # no year on the line (most lines): no axis
    tokens = tokenize(line.number, line.text)
    at = [i for i, t in enumerate(tokens) if _year_of(t) is not None or _YEAR_LIKE.fullmatch(t.text)]
    if len(at) < _MIN_LEGEND_YEARS or at != list(range(at[0], at[0] + len(at))) or at[0] == 0:
        return None  # no axis, years scattered over the line, or no legend entry before them
    years = tokens[at[0] : at[-1] + 1]
    numbers = [_year_of(t) for t in years]
    if None in numbers or any(b != (a or 0) + 1 for a, b in zip(numbers, numbers[1:])):
        return None
    if len({re.sub(r"\d", "", t.text.rstrip(".:")) for t in years}) != 1:
        return None
    entry = tokens[: at[0]]
    if len(entry) > _MAX_LEGEND_TOKENS or not re.search(r"[^\W\d_]{3}", " ".join(t.text for t in entry)):
        return None
    if any(t.number() is not None and not _SMALL_NUMBER.match(t.text) for t in entry):
        return None  # figures before the axis: a table's row or header, not a legend entry
    return years, tokens[at[-1] + 1 :]


def _ticks(tokens: Sequence[Token]) -> bool:
    """A value axis's ticks: at least three figures evenly spaced, one of them 0."""
    numbers = [t.number() for t in tokens]
    if len(numbers) < 3 or any(n is None or n.percent for n in numbers):
        return False
    values = [n.value for n in numbers if n is not None]
    steps = {round(b - a, 6) for a, b in zip(values, values[1:])}
    return len(steps) == 1 and 0.0 in values and steps != {0.0}


def _legend_figures(lines: Sequence[Line], k: int, after: list[Token], n: int) -> tuple[list[Token] | None, int]:
    """The figures of a legend chart and the index of their line: after the axis on its
    line, or, when ticks (or nothing) follow the axis, alone on the next line."""
    if not after or _ticks(after):
        j = k + 1
        while j < len(lines) and not lines[j].text.strip():
            j += 1
        if j >= len(lines):
            return None, k
        tokens = tokenize(lines[j].number, lines[j].text)
        if len(tokens) != n or any(t.number() is None for t in tokens):
            return None, k
        return tokens, j
    plain = [t for t in after if _share(t) is False]
    if after[: len(plain)] != plain or len(plain) != n:
        return None, k  # more or fewer figures than years, or text among them
    rest = after[n:]
    if any(_share(t) is not True for t in rest):
        return None, k  # after the figures, only the legend entries' shares
    return plain, k


def _share(token: Token) -> bool | None:
    """Whether a figure is a percentage (``None``: not a figure)."""
    number = token.number()
    return None if number is None else number.percent


def _chart_title(lines: Sequence[Line], k: int) -> tuple[str, str] | None:
    """(label, unit) of the title above a legend chart's axis line: the nearest line above
    that is a label with its unit (then, perhaps, the value axis's ticks), over at least one
    legend line; ``None`` when a line between is neither a legend entry nor ticks."""
    legend = 0
    for j in range(k - 1, max(-1, k - 1 - _MAX_TITLE_ABOVE), -1):
        text = lines[j].text.strip()
        if not text:
            continue
        tokens = tokenize(lines[j].number, text)
        if _ticks(tokens):
            continue
        end = len(tokens)
        while end > 0 and tokens[end - 1].number() is not None:
            end -= 1
        if end < len(tokens) and not _ticks(tokens[end:]):
            return None  # figures that are not ticks: another chart's, or a table's
        label, unit = label_unit(" ".join(t.text for t in tokens[:end]))
        if unit:
            return (label, unit) if legend >= 1 and re.search(r"[^\W\d_]{3}", label) else None
        if end < len(tokens) or len(tokens) > _MAX_LEGEND_TOKENS or any(
            t.number() is not None and not _SMALL_NUMBER.match(t.text) for t in tokens
        ):
            return None
        legend += 1
    return None


__all__ = ["axis_records", "legend_chart_records"]
