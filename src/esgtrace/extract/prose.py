"""Figures in running text: the catalogue's sentence patterns around a number.

``metrics.yaml`` gives each metric its ``prose`` patterns (``{n}`` marks the figure) and
``zero`` patterns ("no work-related fatalities" is a 0). A sentence that names another
year than the report's is left alone: its period would be a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from esgtrace.catalogue import Metric, fold_chinese, metrics
from esgtrace.extract.labels import match_group
from esgtrace.normalise.periods import parse_period
from esgtrace.extract.records import Record, Value, quote_of
from esgtrace.ingest.model import Line
from esgtrace.normalise import parse_number, read_unit

# numbers written as words, as counts often are in prose ("The Board consists of seven Directors")
_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER = (
    r"\*{0,2}(?P<n>(?:RMB|HKD|USD|HK\$|US\$|\$)?\s?\d[\d,]*(?:\.\d+)?(?:%|\s?(?:million|billion)\b|[万亿])?"
    r"|\b(?:" + "|".join(_WORDS) + r")\b)\*{0,2}"
)
# PDF text of Chinese reports spaces the figures out ("员工总数 15,740 人"): a space after a
# figure that Chinese text follows belongs to neither
_CJK_GAP = r"(?: (?=[\u4e00-\u9fff]))?"
_YEARS = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ENDS_SENTENCE = re.compile(r"[.!?。！？:：]\s*$")
_CANDIDATE = re.compile(r"\d|\b(?:no|zero|nil|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|[无未没零]", re.I)
_SENTENCE_START = re.compile(r"(?:[.!?]\s+|[。！？；]\s*|^)(?=[A-Z\u4e00-\u9fff\d*“\"(])")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[Metric, re.Pattern[str], bool, tuple[str, ...]], ...]:
    out = []
    for m in metrics():
        for p in m.prose:
            out.append((m, re.compile(p.replace("{n}", _NUMBER + _CJK_GAP), re.I), False, required_words(p)))
        for p in m.zero:
            out.append((m, re.compile(p, re.I), True, required_words(p)))
    return tuple(out)


def required_words(pattern: str) -> tuple[str, ...]:
    """Words every match of ``pattern`` contains (outside its groups and classes), lowercased:
    a cheap test that skips a line before the regular expression runs."""
    text = re.sub(r"\\.", " ", pattern)
    text = re.sub(r"\{\d*,?\d*\}", "", text)  # quantifiers ("{0,30}") are not the figure's {n}
    text = re.sub(r"\[[^\]]*\]", " ", text)
    while True:
        stripped = re.sub(r"\([^()]*\)[?*]?", " ", text)
        if stripped == text:
            break
        text = stripped
    if "|" in text or "{" in text.replace("{n}", ""):
        return ()
    text = re.sub(r".[?*]", " ", text)  # "donations?": the optional letter is not required
    return tuple(re.findall(r"[a-z]{4,}|[\u4e00-\u9fff]{2,}", text.lower().replace("{n}", " ")))


def prose_records(lines: Sequence[Line], page: int | None, period: str | None = None) -> list[Record]:
    """Records of the sentences of one page that match a metric's prose pattern.

    A sentence wrapped over lines is read with the line before and the line after; a
    match belongs to the line that prints its figure (or, for "no ...", that ends it).
    """
    out: list[Record] = []
    texts = [line.text.strip() for line in lines]
    for index, line in enumerate(lines):
        text = line.text
        previous = texts[index - 1] if index > 0 else ""
        following = texts[index + 1] if index + 1 < len(texts) else ""
        head = previous + _joiner(previous, text) if previous and not _ENDS_SENTENCE.search(previous) else ""
        tail = _joiner(text, following) + following if following and not _ENDS_SENTENCE.search(text) else ""
        window = fold_chinese(head + text + tail)  # one for one: offsets stay the report's
        if len(text) < 4 or not _CANDIDATE.search(window):
            continue
        lowered = window.lower()
        for metric, pattern, zero, words in _patterns():
            if words and not all(w in lowered for w in words):
                continue
            for m in pattern.finditer(window):
                # the figure's first character (a space the window joined lines with is not it)
                anchor = m.end() - 1 if zero else m.start("n") + len(m.group("n")) - len(m.group("n").lstrip())
                if not len(head) <= anchor < len(head) + len(text):
                    continue  # another line prints it
                record = _record(metric, m, line, page, zero, len(head))
                if record is not None:
                    out.append(record)
                    earlier = earlier_year(record, m)
                    if earlier is not None:
                        out.append(earlier)
    return out


def _joiner(left: str, right: str) -> str:
    """Chinese lines join without a space, others with one."""
    return "" if left[-1:] and not left[-1].isascii() and right[:1] and not right[0].isascii() else " "


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    begin = 0
    for s in _SENTENCE_START.finditer(text, 0, start + 1):
        if s.end() <= start:
            begin = s.end()
    stop = re.search(r"[.!?](?:\s|$)|[。！？；]", text[end:])
    return begin, end + (stop.start() + 1 if stop else len(text) - end)


def _record(metric: Metric, m: re.Match[str], line: Line, page: int | None, zero: bool, offset: int) -> Record | None:
    """A record of one match in ``window`` = (previous line's tail +) this line; ``offset``
    is where this line starts in the window, so the quote is always text of this line."""
    window = m.string
    begin, _ = _sentence_bounds(window, m.start(), m.end())
    if zero:
        number = parse_number("0")
        printed_start, printed_end = m.start(), m.end()
        unit = "%" if metric.unit == "%" else ""
    else:
        printed = m.group("n").replace(" ", "")
        number = parse_number(_WORDS.get(printed.lower(), printed))
        printed_start, printed_end = m.start("n"), m.end("n")
        after = window[printed_end : printed_end + 40].split()
        unit = ""
        if number is not None and number.percent:
            after = []  # "255 (34%) employees were male": the % is the figure's unit
        for size in range(min(4, len(after)), 0, -1):  # "ten thousand tons", "tonnes CO2e", "hours"
            words = " ".join(after[:size]).rstrip(".,;:*。，")
            if read_unit(words).known:
                unit = words
                break
        if metric.dimension == "money" and (not unit or read_unit(unit).kind != "currency"):
            unit = _currency_after(window, printed_end) or unit
        gap = len(window[printed_end : printed_end + 2]) - len(window[printed_end : printed_end + 2].lstrip(" "))
        if not unit and not window[printed_end + gap : printed_end + gap + 1].isascii():
            # Chinese runs the unit into the sentence: the longest known prefix ("吨二氧化碳当量，...");
            # PDF text may put a space between the figure and it ("15,740 人")
            for size in range(12, 0, -1):
                if read_unit(window[printed_end + gap : printed_end + gap + size]).known:
                    unit = window[printed_end + gap : printed_end + gap + size]
                    break
    if number is None or printed_end <= offset:
        return None
    # a year printed before the figure ("In 2019, ...") dates it; years after it are
    # usually comparisons ("9 times more than in 2019"); the resolver checks the period
    years = set(_YEARS.findall(window[begin:printed_start]))
    # a fiscal year keeps its label: "In FY2022, each employee received ..." is FY2022
    fiscal = {y for y in re.findall(r"\bFY\s?((?:19|20)\d\d)\b", window[begin:printed_start])}
    period = f"FY{min(years)}" if len(years) == 1 and fiscal == years else None
    start = max(offset, begin, printed_end - 240)
    quote = quote_of(line.text, start - offset, max(m.end(), printed_end) - offset)
    record = Record(
        label="",
        unit=unit,
        values=[Value(number, parse_period(period) if period else None)],
        page=page,
        line=line.number,
        quote=quote,
        method="prose",
        table=None,
        metric=metric.id,
        confidence=0.8 if not zero else 0.75,
    )
    record.caption = " ".join(sorted(years))
    record.breakdown = {k: _group_value(k, v.strip()) for k, v in m.groupdict().items() if k != "n" and v}
    return record


def _group_value(key: str, printed: str) -> str:
    """A group a sentence names, in the catalogue's words when it knows the group ("women" -> "female")."""
    group = match_group(printed, key)
    return group[1] if group and group[0] == key else printed


def _currency_after(window: str, start: int) -> str:
    """A currency named shortly after a figure ("$2,500,000 (2022: $2,000,000) Canadian dollars")."""
    words = re.sub(r"\([^()]*\)", " ", window[start : start + 80]).split()[:6]
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            candidate = " ".join(words[i : i + size]).strip(".,;:")
            if read_unit(candidate).kind == "currency":
                return candidate
    return ""


_EARLIER = re.compile(r"\(((?:19|20)\d\d)\s*[:：]\s*(nil|none|zero|no|[^()]{1,25}?)\)", re.I)


_FROM = re.compile(r"\bfrom (\d[\d,]*(?:\.\d+)?%?) in ((?:19|20)\d\d) to ", re.I)


def earlier_year(record: Record, m: re.Match[str]) -> Record | None:
    """The comparison a sentence gives in brackets: "no legal cases (2018: nil)" -> 2018 = 0;
    or as a change: "increased from 7.2% in 2022 to 12.4%" -> 2022 = 7.2%."""
    found = _EARLIER.search(m.string, m.start(), min(len(m.string), m.end() + 40))
    if found is None:
        change = _FROM.search(m.string, m.start(), m.end())
        number = parse_number(change.group(1)) if change else None
        if change is None or number is None:
            return None
        return replace(record, values=[Value(number, parse_period(change.group(2)))], confidence=0.7, breakdown=dict(record.breakdown))
    printed = found.group(2).strip()
    number = parse_number("0") if printed.lower() in ("nil", "none", "zero", "no") else parse_number(printed)
    if number is None:
        return None
    return replace(record, values=[Value(number, parse_period(found.group(1)))], confidence=0.7, breakdown=dict(record.breakdown))
