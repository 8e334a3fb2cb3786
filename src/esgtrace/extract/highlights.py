"""Headline figures: a figure on a line of its own with a caption above or below it.

Highlights pages and infographic panels print "$107.3m" under "Total cash giving towards
charitable programmes", or "5.3 million" over "Training hours by our colleagues in 2023."
and "(2022: 6.3 million)". The caption is scored against the metric names as a row label
is (:mod:`esgtrace.extract.vocabulary`); the figure's unit, or a unit word of the caption
("Training hours"), must fit the metric. A highlight usually repeats a table: the table's
figure wins (these records rank as prose) and the highlight is kept as another source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from esgtrace.extract.labels import clean_label, label_year
from esgtrace.extract.records import Record, Value, quote_of
from esgtrace.extract.vocabulary import is_part, name_metric
from esgtrace.ingest.model import Line
from esgtrace.normalise import Number, normalise, parse_number, read_unit
from esgtrace.normalise.periods import parse_period

_FIGURE_LINE = re.compile(
    r"^\s*(?:(?:over|more than|approximately|approx\.|around|about|nearly|almost)\s+|[>~≈]\s*)?"
    r"(?P<cur>US\$|HK\$|S\$|A\$|\$|£|€|RMB|HKD|USD|EUR|GBP)?\s?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s?(?P<mag>bn|m|k|million|billion|thousand)?(?![\w.])\s*(?P<unit>[^\d]{0,30}?)\s*$",
    re.I,
)
_EARLIER = re.compile(r"^\s*\(\s*((?:19|20)\d\d)\s*[:：]\s*(?P<v>[^()]{1,30})\)\s*$")
_MAGNITUDE = {"m": "million", "bn": "billion", "k": "thousand"}
_CURRENCY = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "HK$": "HKD", "S$": "SGD", "A$": "AUD"}
_MAX_CAPTION = 90


def read_figure(text: str) -> tuple[Number, str] | None:
    """A figure line's number and unit ("$107.3m" -> 107,300,000 USD; "23.9 hours")."""
    m = _FIGURE_LINE.match(text)
    if m is None:
        return None
    magnitude = (m.group("mag") or "").lower()
    printed = m.group("n") + (f" {_MAGNITUDE.get(magnitude, magnitude)}" if magnitude else "")
    number = parse_number(printed)
    if number is None:
        return None
    unit = m.group("unit").strip()
    currency = m.group("cur")
    if currency:
        if unit:
            return None
        unit = _CURRENCY.get(currency.upper(), currency.upper())
    elif unit and unit != "%" and not read_unit(unit).known:
        return None
    if unit == "%":
        number = parse_number(m.group("n") + "%") or number
        unit = ""
    return number, unit


def highlight_records(lines: Sequence[Line], page: int | None) -> list[Record]:
    """Records of the captioned figures of one page."""
    out: list[Record] = []
    texts = [line.text.strip() for line in lines]
    for i, line in enumerate(lines):
        text = texts[i]
        if not text or len(text) > 40:
            continue
        figure = read_figure(text)
        if figure is None:
            continue
        number, unit = figure
        if not unit and not number.percent and number.multiplier is None and "," not in text and "." not in text:
            continue  # a bare small integer is a page number or a list index more often than a figure
        for caption, earlier_at in (_above(texts, i), _below(texts, i)):
            record = _record(caption, number, unit, line, page, text)
            if record is None:
                continue
            earlier = _EARLIER.match(texts[earlier_at]) if 0 <= earlier_at < len(texts) else None
            if earlier:
                other = read_figure(earlier.group("v"))
                if other is not None and (not other[1] or other[1] == unit or not unit):
                    record.values.append(Value(other[0], parse_period(earlier.group(1))))
            out.append(record)
            break
    return out


def _above(texts: list[str], i: int) -> tuple[str, int]:
    """The caption printed above a figure: one or two short lines that are not sentences."""
    parts: list[str] = []
    for k in (i - 1, i - 2):
        if k < 0 or not texts[k] or len(texts[k]) > 60 or texts[k].endswith((".", "。", ":")) or read_figure(texts[k]):
            break
        parts.insert(0, texts[k])
        if k == i - 1 and texts[k][:1].isupper() and k - 1 >= 0 and texts[k - 1].endswith((".", ")")):
            break
    return " ".join(parts), i + 1


def _below(texts: list[str], i: int) -> tuple[str, int]:
    """The caption printed below a figure: the next line, with its wrapped continuation."""
    if i + 1 >= len(texts) or not texts[i + 1] or read_figure(texts[i + 1]):
        return "", -1
    caption = texts[i + 1]
    at = i + 2
    if not caption.endswith((".", "。")) and at < len(texts) and texts[at][:1].islower():
        caption = f"{caption} {texts[at]}"
        at += 1
    return caption, at


def _record(caption: str, number: Number, unit: str, line: Line, page: int | None, text: str) -> Record | None:
    caption = caption.strip().rstrip(".。")
    if not caption or len(caption) > _MAX_CAPTION or not re.search(r"[A-Za-z\u4e00-\u9fff]", caption):
        return None
    year = label_year(caption)
    label = clean_label(re.sub(r"\b(?:in|for|during)\s+(?:FY\s?)?(?:19|20)\d\d\b", " ", caption))
    for scored in name_metric(label, threshold=0.75):
        metric = scored.metric
        if scored.rest and is_part(scored.rest):
            return None
        if scored.rest:
            continue
        here = unit or _caption_unit(caption, metric.unit)
        if normalise(number, here, metric.id) is None:
            continue
        start = line.text.find(text)
        record = Record(
            label=caption,
            unit=here,
            values=[Value(number, parse_period(year) if year else None)],
            page=page,
            line=line.number,
            quote=quote_of(line.text, start, start + len(text)),
            method="prose",
            table=None,
            metric=metric.id,
            confidence=0.7,
        )
        return record
    return None


def _caption_unit(caption: str, canonical: str) -> str:
    """A unit word the caption itself holds ("Training hours ..."), when it is the metric's."""
    for word in re.findall(r"[A-Za-z]+", caption):
        reading = read_unit(word)
        if reading.known and read_unit(canonical).expression == reading.expression and reading.expression:
            return str(word)
    return ""
