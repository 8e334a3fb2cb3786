"""Figures printed as "Label: value unit" items.

Assurance statements, key-figure panels and summaries list figures as items: one a line
("Business Travel: 1,300 metric tons of CO2 equivalent."), or several on one line between
bullets ("GHG Emissions Statement: • Scope 1: 4,000 metric tons ... • Scope 2 (Market-Based):
0 metric tons ..."; text extraction may print the bullet as a replacement glyph or a middle
dot). An item is read only when it is nothing but a label, a colon, one figure and a unit
(or a per cent sign; a count may print no unit): "Goal: 90% by 2025" or "Ninth decile: 90%
of salaries are below the benchmark" are no items. A line one stretch of which is no item
gives nothing at all ("Scope 1: 1,250 tCO2e • Goal: 50% by 2030"): its items are not a list.

An item without a figure ("Scope 3:") is a heading: it gives the items after it their
context, as a heading row does in a table. Its items are the rest of its line and the lines
right below it; the list ends at a blank line, at a line that is not wholly items, or at the
next heading. A heading that names a metric ("Scope 3") makes items that name only a group
of it ("Capital Goods: 0 metric tons ...") that metric's figures for that group.

Each item is a record of a table of its own (its heading, if any, as the row above it), so
the resolver reads it as it reads a table row: the label (or heading and label) must name a
metric, the unit must fit the metric's dimension. Zero is a figure like any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from esgtrace.catalogue import Metric, vocabulary
from esgtrace.extract.labels import best_metric, clean_label, label_year, match_group
from esgtrace.extract.records import Record, Value, quote_of
from esgtrace.extract.standalone import STANDALONE_TABLE_BASE
from esgtrace.extract.vocabulary import qualifier_words, read_words
from esgtrace.ingest.model import Line
from esgtrace.normalise import parse_number, read_unit

# what separates the items of one line: a bullet, the replacement glyph a bullet often
# becomes in extracted text, or a middle dot between spaces
_BULLETS = re.compile(r"\s*[•\ufffd■●▪◦]\s*|\s+·\s+")
_ITEM = re.compile(
    r"^(?P<label>[^:：]*[^\W\d_][^:：]*?)\s*[:：]\s*"
    r"(?P<n>(?:US\$|HK\$|S\$|\$|£|€|RMB|USD|HKD|EUR|GBP)?\s?[-−]?\d[\d,]*(?:\.\d+)?%?"
    r"(?:\s?(?:million|billion|thousand)\b)?|\b(?:nil|none|zero)\b)"
    r"(?P<u>[^:：]*?)[\s.;,]*$",
    re.I,
)
# what follows the colon of an item: the start of its figure (as _ITEM reads it)
_ITEM_START = re.compile(r"[:：]\s*(?:(?:US\$|HK\$|S\$|\$|£|€|RMB|USD|HKD|EUR|GBP)?\s?[-−]?\d|\b(?:nil|none|zero)\b)", re.I)
_HEADING = re.compile(r"^(?P<label>[^:：]*[^\W\d_][^:：]*?)\s*[:：]\s*$")
_ZERO_WORDS = ("nil", "none", "zero")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# a figure in a label (three digits or more, or a decimal); an item's own numbering ("3.6
# Business travel") is none
_OTHER_FIGURE = re.compile(r"\d[\d,]*\d{2}|\d\.\d")
_NUMBERING = re.compile(r"^\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+")
_MAX_LABEL_WORDS = 14
_MAX_CAPTION_WORDS = 10
# item records get table ids of their own, far above the stand-alone ones
COLON_TABLE_BASE = STANDALONE_TABLE_BASE * 100


@dataclass(frozen=True, slots=True)
class _Item:
    """One "label: value unit" (or "heading:") stretch of a line; offsets index the line."""

    label: str
    start: int
    end: int
    value: str = ""
    unit: str = ""


def colon_list_records(lines: Sequence[Line], page: int | None, skip: set[int | None]) -> list[Record]:
    """Records of the "Label: value unit" items of one page, each with the heading above it."""
    out: list[Record] = []
    read = [None if not line.text.strip() or line.number in skip else _items(line.text) for line in lines]
    heading: tuple[str, Line] | None = None  # a heading whose items go on on the next lines
    for n, line in enumerate(lines):
        items = read[n]
        if items is None:
            heading = None
            continue
        if _dated_nearby(lines, read, n):
            heading = None
            continue
        context = heading
        for k, item in enumerate(items):
            if not item.value:
                # a heading ("Scope 3:"): the items after it, on this line and below, are its
                context = (item.label, line) if _plain_label(item.label) else None
                continue
            record = _record(item, line, page, k, context)
            if record is not None:
                out += record
        last = items[-1]
        heading = context if not last.value else heading if all(i.value for i in items) else None
    return out


def _items(text: str) -> list[_Item] | None:
    """The items of a line, or ``None`` when some stretch of it is no item.

    The first stretch of a bulleted line may be a title without a colon ("Human Capital
    · Employee satisfaction: ..."): it is left out.
    """
    stretches = [(m.start(), m.end()) for m in re.finditer(r"[^•\ufffd■●▪◦]+", text)]
    pieces: list[tuple[int, int]] = []
    for begin, end in stretches:
        at = begin
        for dot in re.finditer(r"\s+·\s+", text[begin:end]):
            pieces.append((at, begin + dot.start()))
            at = begin + dot.end()
        pieces.append((at, end))
    pieces = [(b, e) for b, e in pieces if text[b:e].strip()]
    out: list[_Item] = []
    for n, (begin, end) in enumerate(pieces):
        piece = text[begin:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        start = begin + lead
        colons = piece.count(":") + piece.count("：")
        colon = colons > 0
        # an item and a heading hold one colon, an item a figure right after it: most pieces
        # (sentences) skip both patterns, which take long to fail on a long piece
        single = colons == 1
        m = _ITEM.match(piece) if single and _ITEM_START.match(piece, _colon_at(piece)) else None
        if m is not None and _unit(m.group("u").strip()):
            out.append(_Item(m.group("label"), start, start + m.end("u"), m.group("n").strip(), m.group("u").strip()))
            continue
        h = _HEADING.match(piece) if single and piece[-1] in ":：" else None
        if h is not None:
            out.append(_Item(h.group("label"), start, start + h.end("label")))
            continue
        if n == 0 and len(pieces) > 1 and not colon:
            continue  # a title before the bullets
        return None
    return out or None


def _colon_at(piece: str) -> int:
    """Where the one colon of ``piece`` is."""
    return piece.find(":") if ":" in piece else piece.find("：")


def _unit(printed: str) -> bool:
    """Whether the words after an item's figure are a unit (or nothing): others make it a
    sentence, a target ("90% by 2025") or a comparison."""
    return not printed or printed.count("(") == printed.count(")") and read_unit(printed).known


def _dated_nearby(lines: Sequence[Line], read: list[list[_Item] | None], n: int) -> bool:
    """Whether the run of item lines around line ``n`` has a short caption that names a year
    right above or below it ("Female Directors: 3." / "As at the end of 2021"): the items are
    that year's, which the items themselves do not say."""
    start, end = n, n
    while start > 0 and read[start - 1] is not None:
        start -= 1
    while end + 1 < len(lines) and read[end + 1] is not None:
        end += 1
    for k in (start - 1, end + 1):
        if 0 <= k < len(lines):
            text = lines[k].text.strip()
            if text and len(text.split()) <= _MAX_CAPTION_WORDS and _YEAR.search(text):
                return True
    return False


def _plain_label(label: str) -> bool:
    """A short name, not a sentence: no figure of its own, no year the label does not date."""
    text = clean_label(label)
    if not re.search(r"[^\W\d_]{2}", text) or len(text.split()) > _MAX_LABEL_WORDS:
        return False
    if text[:1].islower() or text.count("(") != text.count(")"):
        return False  # a sentence's tail ("to 39.5 kg ... (Scope 1+2 only: ..."), not a label
    unnumbered = _YEAR.sub(" ", _NUMBERING.sub("", text))
    if re.search(r"[.!?。！？;；]\s", text) or _OTHER_FIGURE.search(unnumbered):
        return False  # a sentence, or a label that prints a figure of its own
    years = _YEAR.findall(text)
    return not years or (len(years) == 1 and label_year(text) == years[0])


def _named_wholly(label: str, metric: Metric) -> bool:
    """Every word of a label that stands alone is the metric's: its names, its words, an
    accounting method or "total" ("Scope 2 (Market-Based)"), or a group it is split into
    ("Ratio of female employees"); "Number of employees' training" names something else."""
    own = set(read_words(" ".join((*metric.names, *metric.words))).latin)
    own |= set(read_words(" ".join(vocabulary().allowed)).latin) | qualifier_words()
    rest = [w for w in read_words(label).latin if w not in own]
    return not rest or match_group(" ".join(rest)) is not None


def _record(item: _Item, line: Line, page: int | None, k: int, heading: tuple[str, Line] | None) -> list[Record] | None:
    if not _plain_label(item.label):
        return None
    printed = item.value
    zero = printed.lower() in _ZERO_WORDS
    number = parse_number("0" if zero else printed)
    if number is None:
        return None
    unit = item.unit
    if not unit and not number.percent and number.currency is None:
        return None  # a bare figure: what it counts, and often its year, is printed elsewhere
    if heading is None or best_metric(clean_label(heading[0])) is None:
        named = best_metric(clean_label(item.label))
        if named is None or not _named_wholly(clean_label(item.label), named.metric):
            return None
    table = COLON_TABLE_BASE + ((page or 0) * 100_000 + line.number) * 100 + k
    caption = heading[0] if heading else ""
    out: list[Record] = []
    if heading is not None:
        label, above = heading
        out.append(Record(label=label, unit="", values=[], page=page, line=above.number, quote="", table=table,
                          caption=caption))
    out.append(Record(
        label=item.label,
        unit=unit,
        values=[Value(number, None)],
        page=page,
        line=line.number,
        quote=quote_of(line.text, item.start, item.end, label=item.label),
        method="table",
        table=table,
        caption=caption,
    ))
    return out


__all__ = ["colon_list_records", "COLON_TABLE_BASE"]
