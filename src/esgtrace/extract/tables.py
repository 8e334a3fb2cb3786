"""Tables in text: a header of years, then label / unit / values records.

Three layouts come out of PDF text extraction and are read the same way, as a stream
of tokens that starts after a header ("Indicator Unit 2022 Data 2023 Data",
"Air Pollutants Unit 2019 2018", "Employment 2019 2018"):

- one record per line: ``Scope 1 GHG emissions tCO2e 53.43 66.57``;
- many records flattened into one line (a whole page per line);
- records split over short lines: label, then unit and values on the next line.

A record ends with a run of values (numbers, or dashes for "not reported") as long as
the header has year columns; in a table with a unit column the run must follow a unit (a
full run on a line of its own after a unit not read is skipped, with its label). When the
unit column follows the year columns ("2019 2020 2021 Unit"), the words closing a row's line
after its figures are that row's unit, not the label of the row below. A table's body ends
at the next header, at prose, or at a line of non-period column headings with units
("Site A (t) Site B (t)"): the year header above does not reach that other table's rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from esgtrace.catalogue import fold_chinese
from esgtrace.extract.headers import Header, band_line_periods, consecutive, find_headers
from esgtrace.extract.labels import announced_key
from esgtrace.extract.records import Record, Token, Value, quote_of, tokenize
from esgtrace.extract.wrapping import continue_previous, heading, joined, label_unit, unit_heading_lines
from esgtrace.ingest.model import Line
from esgtrace.normalise import read_unit
from esgtrace.normalise.periods import Period, parse_period

_STOP = re.compile(r"(?:^|\s)(?:Notes?|Sources?|Remarks?)\s*[:：]")
_FOOTNOTE_LINE = re.compile(r"^\d{1,2}\s+[A-Z][a-z]")
_NOTE_LINE = re.compile(r"^(?:\d{1,2}[.)]|[(（]\d{1,2}[)）])\s+[A-Z][a-z]")
# a number right after these words belongs to the label ("Scope 1", "between 30 and 50")
_NUMERIC_CONTEXT = {"scope", "category", "phase", "tier", "and", "between", "in", "than", "aged", "of", "to",
                    "from", "level", "grade", "no.", "class"}
# words a number may follow inside a label ("Under 30", "aged 50 or above")
_TAKES_NUMBER = {"under", "over", "above", "below", "aged", "age", "than", "scope", "category", "tier", "phase", "to", "and", "between"}
_MAX_LABEL_TOKENS = 24
_MAX_UNIT_TOKENS = 8


def _prose_like(text: str) -> bool:
    t = text.strip()
    if _STOP.search(" " + t[:12]) or (_FOOTNOTE_LINE.match(t) and len(t) > 30):
        return True
    if _NOTE_LINE.match(t) and len(t) > 30 and not _trailing_figures(t):
        return True  # "1. These values reflect ...": the notes below a table
    if len(t) > 70 and not any(re.match(r"[(\-]?\d", w) for w in t.split()[-4:]):
        return True  # a long line that does not end in figures (an assurance mark "A" may follow them)
    return bool(re.search(r"[a-z]{3,}\. [A-Z]", t))


def table_records(
    lines: Sequence[Line],
    page: int | None,
    first_table: int,
    markers: set[str] | None = None,
    report_year: int | None = None,
    fiscal_end: tuple[int, int] | None = None,
) -> list[Record]:
    """Every table record of one page's lines (see :func:`read_tables`)."""
    return read_tables(lines, page, first_table, markers, report_year, fiscal_end)[0]


Open = tuple[Header, str]
"""A table still open at the end of a page: its header and caption."""


def read_tables(
    lines: Sequence[Line],
    page: int | None,
    first_table: int,
    markers: set[str] | None = None,
    report_year: int | None = None,
    fiscal_end: tuple[int, int] | None = None,
    carried: Open | None = None,
) -> tuple[list[Record], Open | None]:
    """Every table record of one page's lines, and the table left open at its end.

    :param lines: the page's lines (or a whole unpaginated text file)
    :param page: the page number facts cite (``None`` for an unpaginated file)
    :param first_table: id of the first table found here (ids are unique in a document)
    :param markers: footnote numbers the page defines
    :param report_year: the report's year, if known (see :func:`find_headers`)
    :param fiscal_end: (month, day) the report's financial year ends on, if known
    :param carried: a table the previous page left open: rows at the top of this page,
        before any header or prose, continue it (same columns, same caption)
    """
    markers = markers or set()
    records: list[Record] = []
    table = first_table
    texts = [fold_chinese(line.text) for line in lines]  # headers in traditional Chinese too
    left_open: Open | None = None
    i = 0
    if carried is not None:
        while i < len(lines) and (not texts[i].strip() or re.fullmatch(r"\s*\d{1,3}\s*", texts[i])):
            i += 1  # the running header or page number above the continued rows
        j = _body_end(texts, lines, i, report_year, fiscal_end)
        if j > i:
            tokens = [t for k in range(i, j) for t in tokenize(lines[k].number, lines[k].text)]
            table += 1
            found = _segment(tokens, carried[0], {ln.number: ln.text for ln in lines[i:j]}, page, table, carried[1], markers)
            if any(r.values for r in found):
                records += found
                if _reaches_end(texts, j):
                    left_open = carried
        i = max(i, j) if records else 0
    while i < len(lines):
        headers = find_headers(texts[i], report_year, fiscal_end) if _has_year_or_kw(texts[i]) else []
        if not headers:
            i += 1
            continue
        base = _base_year_above(texts, i, headers[0], fiscal_end)
        if base:
            headers[0] = replace(headers[0], periods=(base, *headers[0].periods))
        band = _band_below(texts, i, headers[-1], fiscal_end)
        if band:
            headers[-1] = band[0]
        left_open = None
        for h_index, header in enumerate(headers):
            line = lines[i]
            end_here = headers[h_index + 1].start if h_index + 1 < len(headers) else len(line.text)
            stop = _STOP.search(line.text, header.end, end_here)
            body_end = stop.start() if stop else end_here
            tokens = [t for t in tokenize(line.number, line.text) if t.start >= header.end and t.end <= body_end]
            caption = _caption(lines, i, header)
            j = i + 1 + (band[1] if band and h_index == len(headers) - 1 else 0)
            if h_index == len(headers) - 1 and not stop:
                end = _body_end(texts, lines, j, report_year, fiscal_end)
                tokens += [t for k in range(j, end) for t in tokenize(lines[k].number, texts[k])]
                if page is not None and _reaches_end(texts, end) and header.periods:
                    left_open = (header, caption)
                j = end
            table += 1
            texts_by_number = {ln.number: ln.text for ln in lines[i:j]}
            records += _segment(tokens, header, texts_by_number, page, table, caption, markers)
        i = max(i + 1, j)
    return records, left_open


def _body_end(
    texts: list[str], lines: Sequence[Line], j: int, report_year: int | None, fiscal_end: tuple[int, int] | None
) -> int:
    """Where a table's body that starts at line ``j`` ends: at the next header or prose."""
    start = j
    while j < len(lines) and j - start < 80:
        nxt = texts[j]
        if nxt.strip() and find_headers(nxt, report_year, fiscal_end):
            break
        if nxt.strip() and _prose_like(nxt) and not _label_of_next(texts, j):
            break
        if _unit_headings(nxt):
            break
        j += 1
    return j


_UNIT_HEADING = re.compile(r"[^\s()（）]+\s?[(（]([^()（）]{1,16})[)）]")


def _unit_headings(text: str) -> bool:
    """A line of column headings that are not periods, each with its unit ("深圳排放量（吨）
    无锡排放量（吨）", "Site A (t) Site B (t)"): another table's header, so the year columns above
    do not reach the rows below it."""
    if re.search(r"\d", _UNIT_HEADING.sub(" ", text)):
        return False
    units = [m.group(1) for m in _UNIT_HEADING.finditer(text)]
    return len(units) >= 2 and all(read_unit(u).kind != "unknown" for u in units)


def _reaches_end(texts: list[str], j: int) -> bool:
    """Only the page's furniture (a page number, a running footer) is left after line ``j``."""
    rest = [t for t in texts[j:] if t.strip()]
    return len(rest) <= 2 and all(len(t.strip()) < 80 for t in rest)


_LONE_YEAR = re.compile(r"^\s*(FY\s?)?((?:19|20)\d\d)\s*$")


def _base_year_above(texts: list[str], i: int, header: Header, fiscal_end: tuple[int, int] | None) -> Period | None:
    """A base-year column printed above the header row ("FY2017" / "(Base year)" /
    "FY2019 FY2020 ..."; "2017" / "Base Year 2019 2020 ..."): the header's first column.
    It may stand apart from the consecutive years after it."""
    before = texts[i][: header.first if header.first >= 0 else header.start]
    before = re.sub(r"\b(?:Indicators?|Items?|KPIs?|Metrics?|Units?)(?:\d{1,2}|\(\d{1,2}\))?(?![a-z])|指标|项目|单位", " ", before).strip()
    if len(before) > 20 or not header.periods:
        return None
    above: list[str] = []
    year = None
    for t in reversed(texts[max(0, i - 3) : i]):
        if t.strip():
            year = _LONE_YEAR.match(t)
            if year:
                break
            above.insert(0, t.strip())
    said = " ".join([*above, before])
    if year is None or not re.fullmatch(r"[(\s]*(?:base(?:line)? year|baseline)[)\s]*", said, re.I):
        return None
    first = header.periods[0].year
    if not first - 12 <= int(year.group(2)) < first:
        return None
    fiscal = year.group(1) is not None or header.periods[0].label.startswith("FY")
    period = parse_period(f"FY{year.group(2)}" if fiscal else year.group(2), fiscal_end)
    return replace(period, base=True) if period else None


def _band_below(texts: list[str], i: int, header: Header, fiscal_end: tuple[int, int] | None) -> tuple[Header, int] | None:
    """A header band deeper than one line: lines just below the header that hold only
    periods and filler ("2023 2022" / "2019" / "baseline") add their columns."""
    if texts[i][header.end :].strip():
        return None  # the header line goes on with the table body
    periods = list(header.periods)
    used = 0
    for k in range(i + 1, min(i + 4, len(texts))):
        below = band_line_periods(texts[k], fiscal_end)
        if below is None:
            break
        found, base = below
        if not found and not base:
            break
        if base and not found and periods:
            periods[-1] = replace(periods[-1], base=True)
        periods += [replace(p, base=p.base or (base and n == len(found) - 1)) for n, p in enumerate(found)]
        used = k - i
    if not used or len(periods) == len(header.periods) and periods == list(header.periods):
        return None
    if not consecutive(periods):
        return None
    first_row = next((_trailing_figures(t) for t in texts[i + used + 1 : i + used + 7] if _trailing_figures(t) >= 2), 0)
    if first_row and first_row != len(periods):
        return None  # the first row has another number of figures: the band has columns of other kinds
    return replace(header, periods=tuple(periods)), used


def _trailing_figures(text: str) -> int:
    """How many figures (or dashes) end the line."""
    words = text.split()
    count = 0
    for k in range(len(words) - 1, -1, -1):
        if not re.fullmatch(r"[(\-]?\d[\d,.]*\)?%?\*?|[-–—]", words[k].rstrip(".")):
            break
        if k > 0 and words[k - 1].lower().strip("(:") in _TAKES_NUMBER:
            break  # "Scope 11 27,604 ...": the number after "Scope" is the label's
        count += 1
    return count


def _label_of_next(texts: list[str], j: int) -> bool:
    """A long line without figures that is the first part of a row wrapped onto the next line."""
    if texts[j].rstrip().endswith((".", "。")) or re.search(r"[a-z]{3,}\. [A-Z]", texts[j]):
        return False
    following = next((t for t in texts[j + 1 : j + 3] if t.strip()), "")
    words = following.split()
    return len(words) >= 2 and all(w[:1].isdigit() or w in ("-", "–", "—") for w in words[-2:])


def _has_year_or_kw(text: str) -> bool:
    return bool(_HEADER_HINT.search(text))


_HEADER_HINT = re.compile(r"(?:19|20)\d\d|FY\s?\d\d|\b(?:Data|Value|Figure)s?\b|数据|数值|\b(?:Total|TOTAL)\b")


def _caption_unit(caption: str) -> str:
    """A unit a caption gives its table: "(ten thousand tons)", "（单位：人）", "in tonnes",
    "Energy consumption in kWh in 000s", "Unit: tCO2e"."""
    for inner in re.findall(r"[(（]([^()（）]{1,40})[)）]", caption):
        inner = re.sub(r"^(?:单位|unit)\s*[:：]\s*", "", inner.strip(), flags=re.I)
        if read_unit(inner).known:
            return inner
    said = re.search(r"(?:单位|\bunits?)\s*[:：]\s*(.{1,30})$", caption, re.I)
    if said and read_unit(said.group(1)).known:
        return said.group(1)
    for m in re.finditer(r"\bin ", caption):
        tail = caption[m.end() :].strip()
        if len(tail) <= 40 and read_unit(tail).known:
            return tail
    return ""


def _caption(lines: Sequence[Line], i: int, header: Header) -> str:
    before = lines[i].text[: header.start].strip()
    before = re.sub(r"\b(?:Indicators?|Items?|Unit)\b|指标|项目|单位", "", before).strip()
    if before:
        return before if len(before) <= 80 else ""
    parts: list[str] = []
    for k in (i - 1, i - 2):
        if k < 0:
            break
        t = lines[k].text.strip()
        # a title may be long when it says it is one ("Table 10 – ...") or gives the unit in brackets
        titled = re.match(r"(?:Table|Figure|Exhibit|表)\s*\d", t) or re.search(r"[(（][^()（）]{1,30}[)）]", t)
        if not t or len(t) > (120 if titled else 60) or t.endswith((".", "。")) \
                or re.search(r"\d[\d,.]*%?\s+\d[\d,.]*%?\s*$", t):
            break
        parts.insert(0, t)
    return " ".join(parts)


def _segment(
    tokens: list[Token],
    header: Header,
    line_texts: dict[int, str],
    page: int | None,
    table: int,
    caption: str,
    markers: set[str],
) -> list[Record]:
    records: list[Record] = []
    width = header.columns or max(len(header.periods), 1)
    caption_unit = _caption_unit(caption)
    tokens, cell_units = _cell_units(tokens) if not header.unit_column else (tokens, {})
    unit_headings = unit_heading_lines(line_texts)
    label_start = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i - label_start > _MAX_LABEL_TOKENS + _MAX_UNIT_TOKENS:
            label_start = i - _MAX_LABEL_TOKENS
        if tok.number() is None and not tok.blank():
            i += 1
            continue
        if header.unit_column and i > 0 and _denominator_cell(tokens[i - 1], tok):
            i += 1  # "tce/" / "RMB10,000 2.03 2.01 2.10": the unit's denominator wrapped, not a figure
            continue
        if header.unit_column:
            run, span = _leading_run(tokens, i, width, markers)
            unit_k = _unit_before(tokens, label_start, i)
            # as many values as year columns: with fewer, which year each belongs to is a guess
            ok = unit_k > 0 and i - unit_k > label_start and len(run) == width
        else:
            unit_k = 0
            i, run, span = _trailing_run(tokens, i, width, markers)
            if not run:
                i += span  # the whole run is left alone, not just its first value
                continue
            ok = len(run) == width and i > label_start and _closes_row(tokens, i, run, span)
        if not ok and header.unit_column and len(run) == width and _own_line(tokens, i, span):
            # a full row of figures on a line of its own after an unread unit ("t consumed/ t production"):
            # the row is not read, and its label does not run on into the next row's
            i += span
            label_start = i
            continue
        if not ok:
            i += 1
            continue
        label_tokens = tokens[label_start : i - unit_k]
        if records and label_tokens:
            label_tokens = continue_previous(records[-1], label_tokens, unit_headings)
        unit_tokens = tokens[i - unit_k : i]
        above = heading(label_tokens, run[0].line)
        if above:
            # "Carbon: Scope 3 emissions" above "Capital goods (...) 162 154": a section
            # heading gives context (a parent metric, a breakdown key), it is not the label
            records.append(_record(above, [], [], header, line_texts, page, table, caption, caption_unit))
            label_tokens = label_tokens[len(above) :]
        records.append(_record(label_tokens, unit_tokens, run, header, line_texts, page, table, caption, caption_unit))
        if not records[-1].unit and run[0].line in cell_units:
            records[-1].unit = cell_units[run[0].line]
        i += span
        if header.unit_after and not header.unit_column:
            i = _trailing_unit(tokens, i, records[-1])
        label_start = i
    rest = tokens[label_start:]
    if records and rest and rest[0].line == (records[-1].line or 0) + 1:
        rest = continue_previous(records[-1], rest + [Token("", -1, 0, 0)])[:-1]
    if rest and len(rest) <= 8 and announced_key(" ".join(t.text for t in rest)):
        # "By geographical location" closing a page: the rows on the next page use it
        records.append(_record(rest, [], [], header, line_texts, page, table, caption, caption_unit))
    return records


def _own_line(tokens: list[Token], i: int, span: int) -> bool:
    """The ``span`` tokens from ``i`` are a whole line."""
    line = tokens[i].line
    before = i == 0 or tokens[i - 1].line != line
    after = i + span >= len(tokens) or tokens[i + span].line != line
    return before and after and tokens[i + span - 1].line == line


def _trailing_unit(tokens: list[Token], i: int, record: Record) -> int:
    """Under a header whose unit column follows the periods ("2019 2020 2021 Unit"), the
    words that close a row's line after its figures ("... 145 28 30 Suppliers") are the row's
    unit: they are kept as its unit (when it prints none before them) and are no label of the
    row below. Returns where the next row's label starts."""
    if i == 0 or i > len(tokens) or tokens[i - 1].line_end:
        return i
    line = tokens[i - 1].line
    j = i
    while j < len(tokens) and tokens[j].line == line and j - i < _MAX_UNIT_TOKENS:
        tok = tokens[j]
        if tok.number() is not None or tok.blank() or not any(c.isalpha() for c in tok.text):
            return i
        if tok.line_end:
            if not record.unit:
                record.unit = joined(tokens[i : j + 1]).rstrip(".").strip()
            return j + 1
        j += 1
    return i


def _cell_units(tokens: list[Token]) -> tuple[list[Token], dict[int, str]]:
    """A unit printed after each figure of a row ("1,772.6 t 1,293.5 t 1,107.3 t"): the
    row's unit, taken out of the stream so the figures make one run.

    Only a unit word that follows a figure, is followed by a figure, a dash or the end of
    the line, and recurs so on the line (two or more times, the same word; or once, before
    "not reported" cells: "2,046.4 t k.A. k.A.") is such a unit.
    """
    found: dict[int, list[int]] = {}
    for k in range(1, len(tokens)):
        t, before = tokens[k], tokens[k - 1]
        if before.line != t.line or (before.number() is None) or not re.fullmatch(r"[^\W\d_]\S{0,11}", t.text):
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if not t.line_end and (nxt is None or nxt.line != t.line or (nxt.number() is None and not nxt.blank())):
            continue
        if read_unit(t.text).known:
            found.setdefault(t.line, []).append(k)
    drop: set[int] = set()
    units: dict[int, str] = {}
    for line, ks in found.items():
        after = [t for t in tokens[ks[-1] + 1 :] if t.line == line]
        single = len(ks) == 1 and bool(after) and all(t.blank() for t in after)
        # figure, unit, figure, unit: one cell after the other ("10,000 tonnes 590.16 440.34" is a unit of its own)
        alternate = len(ks) >= 2 and all(b - a == 2 for a, b in zip(ks, ks[1:]))
        if (alternate or single) and len({tokens[k].text for k in ks}) == 1:
            drop.update(ks)
            units[line] = tokens[ks[0]].text
    if not drop:
        return tokens, {}
    out: list[Token] = []
    for k, t in enumerate(tokens):
        if k in drop:
            if t.line_end and out and out[-1].line == t.line:
                out[-1] = replace(out[-1], line_end=True)
            continue
        out.append(t)
    return out, units


def _run(tokens: list[Token], i: int, width: int, markers: set[str], keep_first: bool = False) -> tuple[list[Token], int]:
    """The values of a row starting at ``i`` and how many tokens they span.

    A footnote marker printed as its own token among the values ("17.81 2 18.31 17.39"
    where note 2 is defined below the table) is dropped when the row has one value too many.
    """
    run: list[Token] = []
    j = i
    # a row's values share its line: a dash opening the next line is that row's bullet
    while (
        j < len(tokens)
        and len(run) < width + 2
        and tokens[j].line == tokens[i].line
        and (tokens[j].number() is not None or tokens[j].blank())
    ):
        run.append(tokens[j])
        j += 1
    while len(run) > width:
        marker = next(
            (t for t in run[1 if keep_first else 0 :] if re.fullmatch(r"\d{1,2}", t.text) and t.text in markers), None
        )
        if marker is None:
            break
        run.remove(marker)
    return run, j - i


def _leading_run(tokens: list[Token], i: int, width: int, markers: set[str]) -> tuple[list[Token], int]:
    """The values right after a unit: the first ``width`` of the run."""
    run, span = _run(tokens, i, width, markers)
    if len(run) > width:
        run = run[:width]
        span = tokens.index(run[-1], i) + 1 - i
    return run, span


def _trailing_run(tokens: list[Token], i: int, width: int, markers: set[str]) -> tuple[int, list[Token], int]:
    """The values of a row without a unit column, where a number may end the label
    ("Under 30 15.1% 31.5% 27.1%"): the last ``width`` of the line's run."""
    word = tokens[i - 1].text.lower() if i > 0 else ""
    run, span = _run(tokens, i, width, markers, keep_first=word.strip("(:") in _TAKES_NUMBER)
    if len(run) <= width:
        return i, run, span
    values = run[-width:]
    extra = run[: len(run) - width]
    shape = {_shape(t.text) for t in values}
    if word not in _TAKES_NUMBER and all(_shape(t.text) in shape for t in extra):
        return i, [], span  # more values than year columns: which year is which is a guess
    if word in _TAKES_NUMBER and len(extra) > 1:
        return i, [], span  # "Scope 1" takes one number; the rest are more figures than columns
    start = tokens.index(values[0], i)
    return start, values, i + span - start


def _shape(text: str) -> tuple[bool, bool, bool]:
    return "%" in text, "." in text, "," in text


def _unit_before(tokens: list[Token], label_start: int, i: int) -> int:
    for k in range(min(_MAX_UNIT_TOKENS, i - label_start - 1), 0, -1):
        if read_unit(joined(tokens[i - k : i])).known:
            return k
    return 0


def _denominator_cell(before: Token, tok: Token) -> bool:
    """A number glued to a currency ("RMB10,000") after a unit that ends in "/" or "per": the
    denominator of that unit, even across a line end."""
    return bool(re.match(r"[^\W\d_]", tok.text)) and (before.text.endswith("/") or before.text.lower().rstrip(".") == "per")


def _closes_row(tokens: list[Token], i: int, run: list[Token], span: int) -> bool:
    """A run of values without a unit column ends a row (not a number inside a label)."""
    if not any(t.number() is not None for t in run):
        return False
    after = i + span
    if len(run) == 1 and after < len(tokens) and tokens[after].text[:1] in "(（" \
            and read_unit(tokens[after].text.strip("()（） ")).known:
        return False  # "年度用水量 1 (吨） 241,863": a footnote marker before the label's unit
    if after >= len(tokens) or tokens[after - 1].line_end:
        # values close their line; "and 1.83 2.12" there is a wrapped label, not "30 and 50"
        return len(run) > 1 or tokens[i - 1].text.lower().strip("(:") not in _NUMERIC_CONTEXT
    if tokens[i - 1].text.lower().strip("(:") in _NUMERIC_CONTEXT:
        return False
    nxt = tokens[after].text
    return nxt[0].isupper() or nxt[0] in "-–•■(" or not nxt[0].isalpha()


def _record(
    label_tokens: list[Token],
    unit_tokens: list[Token],
    run: list[Token],
    header: Header,
    line_texts: dict[int, str],
    page: int | None,
    table: int,
    caption: str,
    caption_unit: str,
) -> Record:
    anchor = run or label_tokens
    line = anchor[0].line
    text = line_texts.get(line, "")
    on_line = [t for t in (*label_tokens, *unit_tokens) if t.line == line]
    start = on_line[0].start if on_line else anchor[0].start
    last = max((t for t in anchor if t.line == line), key=lambda t: t.end)
    values: list[Value] = []
    for n, tok in enumerate(run):
        number = tok.number()
        if number is None or (header.total is not None and n != header.total):
            continue
        period = header.periods[n] if n < len(header.periods) else None
        values.append(Value(number, period))
    label = joined(label_tokens)
    unit = joined(unit_tokens)
    if not unit:
        label, unit = label_unit(label)
    return Record(
        label=label,
        unit=unit,
        values=values,
        page=page,
        line=line,
        quote=quote_of(text, start, last.end, label=label),
        method="table",
        table=table,
        caption=caption,
        caption_unit=caption_unit,
    )
