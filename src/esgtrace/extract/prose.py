"""Figures in running text: the catalogue's sentence patterns around a number.

``metrics.yaml`` gives each metric its ``prose`` patterns (``{n}`` marks the figure) and
``zero`` patterns ("no work-related fatalities" is a 0). A sentence that names another
year than the report's is left alone: its period would be a guess. A sentence that names one
accounting method ("Using the location-based method, ...") gives it to a figure of a metric
that takes a method.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from esgtrace.catalogue import Metric, fold_chinese, metrics
from esgtrace.extract.labels import match_group
from esgtrace.normalise.periods import Period, parse_period
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
def _patterns() -> tuple[tuple[Metric, str, bool, tuple[str, ...]], ...]:
    """(metric, regular expression, zero, required words) of every prose and zero pattern;
    each expression is compiled by :func:`_compiled` when a line first holds its words."""
    out = []
    for m in metrics():
        for p in m.prose:
            out.append((m, p.replace("{n}", _NUMBER + _CJK_GAP), False, required_words(p)))
        for p in m.zero:
            out.append((m, p, True, required_words(p)))
    return tuple(out)


@lru_cache(maxsize=None)
def _compiled(index: int) -> re.Pattern[str]:
    """The compiled expression of ``_patterns()[index]`` (compiling all of them is a good part of a start-up)."""
    return re.compile(_patterns()[index][1], re.I)


@lru_cache(maxsize=1)
def _required() -> tuple[frozenset[str], ...]:
    """The required words of each of :func:`_patterns`, as sets (a pattern runs on a line holding all of its)."""
    return tuple(frozenset(words) for *_, words in _patterns())


@lru_cache(maxsize=1)
def _all_required() -> tuple[str, ...]:
    return tuple(sorted(set().union(*_required())))


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
        present = {w for w in _all_required() if w in lowered}
        for index in [k for k, words in enumerate(_required()) if words <= present]:
            metric, _, zero, _ = _patterns()[index]
            for m in _compiled(index).finditer(window):
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
    if _one_effort(metric, window, begin, printed_start, printed_end):
        return None  # "donated RMB40 million in emergency relief": one effort's, not the year's
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
    for key, value in _method_of(metric, window, printed_start, printed_end).items():
        record.breakdown.setdefault(key, value)
    return record


_METHOD = re.compile(r"\b(location|market)[- ]based\b", re.I)


def _method_of(metric: Metric, window: str, start: int, end: int) -> dict[str, str]:
    """The accounting method the sentence names before the figure ("Using the location-based
    method, ... Scope 1 and 2 emissions were 2.17 million tonnes"), for a metric that takes one."""
    if "method" not in metric.breakdowns:
        return {}
    said = {w.lower() for w in _METHOD.findall(window[_sentence_bounds(window, start, end)[0] : start])}
    return {"method": f"{said.pop()}-based"} if len(said) == 1 else {}


def _one_effort(metric: Metric, window: str, begin: int, start: int, end: int) -> bool:
    """Whether the sentence gives the figure to one effort (the metric's ``one_effort``
    patterns, read with ``{n}`` where the figure stands)."""
    if not metric.one_effort:
        return False
    _, stop = _sentence_bounds(window, start, end)
    sentence = f"{window[begin:start]}{{n}}{window[end:stop]}"
    return any(re.search(p, sentence, re.I) for p in metric.one_effort)


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


# --- Figures in sentences, named by the vocabulary -------------------------------------
#
# "Our total Scope 1 and 2 emissions were 2.00 million tonnes CO2e in 2019", "we reduced
# Scope 1 and 2 emissions to 1.2 MtCO2e", "温室气体排放总量为 12,345 吨二氧化碳当量": a
# sentence gives a figure as subject + link + figure + unit. The subject is scored against
# the metric names as a table row label is (:mod:`esgtrace.extract.vocabulary`), the unit
# must be physical and fit the metric, and a figure that is a change ("by 8%", "1,000 t
# lower"), a target ("by 2030") or of another year than the one the sentence names is left out.

_FIGURE = re.compile(
    r"(?<![\w.,/])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<mult>million|billion|thousand|万|亿)(?![a-z]))?"
)
_CHANGE_VERB = re.compile(r"\b(?:reduced|decreased|increased|lowered|cut|brought|fell|rose|grew|dropped|declined)\b", re.I)
_PARTICIPLE = re.compile(
    r"^\s*(?:measured|calculated|based|including|excluding|according|which|as|compared|using|reported|"
    r"in line|equivalent|representing|or|and)\b", re.I
)
_APPROX = re.compile(r"(?:\b(?:approximately|approx\.?|around|about|roughly|nearly|almost|some|over|more than|"
                     r"less than|under|just over|just under|a total of|totall?ing|an estimated)\s*|[~≈>]\s*|约|超过|近)+$", re.I)
_TARGET = re.compile(r"\b(?:target|aim|aims|goal|ambition|commit|committed|pledge|will|plan|plans|expected|"
                     r"forecast|projected|intend|seek|by (?:19|20)\d\d|baseline|base year|restated|avoided|saved|offset)\b|目标|计划|力争", re.I)
_LEAD_YEAR = re.compile(r"\b(?:in|during|for|throughout)\s+(?:the\s+)?(?:(?:financial|fiscal|calendar)\s+year\s+)?(FY\s?)?((?:19|20)\d\d)\b", re.I)
_AFTER_YEAR = re.compile(r"^\s*(?:\(?\s*)?(?:in|during|for)\s+(?:the\s+)?(?:(?:financial|fiscal)\s+year\s+)?(FY\s?)?((?:19|20)\d\d)\b", re.I)
_ZH_YEAR = re.compile(r"()((?:19|20)\d\d)\s*年")
_BRACKET_YEAR = re.compile(r"\(\s*((?:19|20)\d\d)\s*[:：]\s*([^()]{1,30})\)")
_ZH_CHANGE = re.compile(r"减少|降低|下降|增加|增长|节约|同比|较上年|提升|目标")
_ZH_SUBJECT_END = re.compile(r"(?:为|达到|达|共计|合计|约为|约|是|总计|累计)\s*$")
_CLAUSE = re.compile(r"[,;:，；：、•�■●▪]|(?<=[^\d\s])\s+(?:and|while|whereas|but)\s+(?!\d)")
_SUBJECT_YEAR = re.compile(r"\b(?:in|during|for)\s+(?:the\s+)?(?:(?:financial|fiscal)\s+year\s+)?(?:FY\s?)?(?:19|20)\d\d\b", re.I)
_PHYSICAL = {"mass_co2e", "energy", "volume", "mass", "mass_or_volume"}


def sentence_records(lines: Sequence[Line], page: int | None, period: str | None) -> list[Record]:
    """Records of figures with a physical unit that sentences of one page give as
    subject + link + figure, the subject naming a metric."""
    from esgtrace.extract.labels import clean_label
    from esgtrace.extract.vocabulary import is_part, name_metric
    from esgtrace.normalise import normalise

    own = re.search(r"(?:19|20)\d\d", period or "")
    report_year = int(own.group(0)) if own else None
    out: list[Record] = []
    texts = [line.text.strip() for line in lines]
    for index, line in enumerate(lines):
        text = line.text
        if len(text) < 12 or not re.search(r"\d", text):
            continue
        previous = texts[index - 1] if index > 0 else ""
        head = previous + _joiner(previous, text) if previous and not _ENDS_SENTENCE.search(previous) else ""
        following = texts[index + 1] if index + 1 < len(texts) else ""
        tail = _joiner(text, following) + following if following and not _ENDS_SENTENCE.search(text) else ""
        window = fold_chinese(head + text + tail)
        for m in _FIGURE.finditer(window, len(head), len(head) + len(text)):
            found = _sentence_figure(window, m, report_year)
            if found is None:
                continue
            subject, unit, unit_end, year, begin = found
            label = clean_label(subject)
            number = parse_number(m.group("n") + (f" {m.group('mult')}" if m.group("mult") else ""))
            if number is None or not label:
                continue
            label = _with_qualifiers(label, window, unit_end, window[begin_of(window, m) : m.start()])
            for scored in name_metric(label, threshold=0.75):
                metric = scored.metric
                physical = metric.dimension in _PHYSICAL or re.search(r"[\u4e00-\u9fff]", unit)
                if not physical or metric.is_intensity or is_part(scored.rest):
                    continue
                if scored.rest and not match_group(" ".join(scored.rest)):
                    continue  # words the name does not account for: some other figure
                if normalise(number, unit, metric.id) is None:
                    continue
                start = max(len(head), begin)
                quote = quote_of(line.text, start - len(head), min(unit_end, len(head) + len(text)) - len(head))
                if m.group("n") not in quote:
                    break
                record = Record(
                    label=label, unit=unit, values=[Value(number, _as_report_period(year, period))], page=page, line=line.number, quote=quote,
                    method="prose", table=None, metric=metric.id, confidence=0.75,
                    breakdown=_method_of(metric, window, m.start(), m.end()),
                )
                out.append(record)
                earlier = _bracket_earlier(window, unit_end, record)
                if earlier is not None:
                    out.append(earlier)
                break
    return out


def _as_report_period(year: str | None, period: str | None) -> Period | None:
    """A sentence's year as a period: the report's own label when it is the report's year
    ("in 2019" in a report of FY2019 is FY2019)."""
    if not year:
        return None
    if period and period.startswith("FY") and re.sub(r"\D", "", period)[:4] == re.sub(r"\D", "", year)[:4]:
        return parse_period(period)
    return parse_period(year)


def _sentence_figure(window: str, m: re.Match[str], report_year: int | None) -> tuple[str, str, int, str | None, int] | None:
    """(subject, unit, end of the unit, period, subject start) of one figure, or ``None``."""
    begin, end = _sentence_bounds(window, m.start(), m.end())
    sentence_end = end
    # the subject is read first: most figures have none, and the unit after them is the costly reading
    before = window[begin : m.start()]
    before = _APPROX.sub("", before.rstrip()).rstrip()
    lowered = before.lower()
    if re.search(r"\b(?:by|from|than|of which|per)$", lowered) or lowered.endswith(("减少", "降低", "下降", "增加", "增长")):
        return None
    zh = bool(re.search(r"[\u4e00-\u9fff]$", before))
    if zh:
        # Chinese names the figure right after its subject, with or without a link ("为", "达")
        link = _ZH_SUBJECT_END.search(before)
        subject = re.split(r"[，。；：、,;:（）()]", before[: link.start()] if link else before)[-1].strip()
        if not subject or len(subject) > 30 or _ZH_CHANGE.search(subject):
            return None
        subject_start = begin + before.rfind(subject)
    else:
        link = re.search(
            r"\s(?:were|was|is|are|totall?ed|amounted to|reached|stood at|stands at|stand at|of|at|to|equal to)$|\s?:$", lowered
        )
        if link is None:
            return None
        word = lowered[link.start():].strip()
        pre = before[: link.start()]
        if word == "to":
            verb = None
            for verb in _CHANGE_VERB.finditer(pre):
                pass
            if verb is None:
                return None
            pre = pre[verb.end():]
        elif word == "at" and not re.search(r"\b(?:stood|stand|stands|was|were|is|are)$", pre.strip().lower()) and not pre.strip().lower().endswith("emissions"):
            pass
        segments = _CLAUSE.split(_SUBJECT_YEAR.sub(lambda y: " " * len(y.group(0)), pre))
        if any(re.search(r"\d", seg) and not re.search(r"scope\s*\d", seg, re.I) for seg in segments[-1:]):
            return None  # the subject holds another figure
        subject = ""
        for seg in reversed(segments):
            if seg.strip() and not _PARTICIPLE.match(seg):
                subject = seg
                break
        words = subject.split()
        if not words or len(words) > 14:
            return None
        subject = " ".join(words[-10:])
        subject_start = begin + window[begin : m.start()].rfind(words[max(0, len(words) - 10)])
    sentence = window[begin:sentence_end]
    if _TARGET.search(sentence):
        return None
    unit, unit_end = _unit_after(window, m.end())
    if not unit:
        return None
    after = window[unit_end : unit_end + 40]
    first_after = re.match(r"\s*([\w\u4e00-\u9fff]+)", after)
    from esgtrace.catalogue import vocabulary

    changes = set(vocabulary().changes)
    if first_after and first_after.group(1).lower() in changes:
        return None
    if any(after.lstrip().startswith(c) for c in changes if not c.isascii()):
        return None
    year = _period_of(window, begin, m.start(), unit_end, sentence_end, report_year)
    if year == "":
        return None
    return subject, unit, unit_end, year, subject_start


def begin_of(window: str, m: re.Match[str]) -> int:
    """Where the sentence of a figure starts."""
    return _sentence_bounds(window, m.start(), m.end())[0]


def _with_qualifiers(subject: str, window: str, unit_end: int, lead: str) -> str:
    """The subject with the distinguishing words its clause adds after the figure ("... totaled
    227,000 metric tons (2022: 242,000) calculated according to the market-based method")."""
    from esgtrace.catalogue import vocabulary
    from esgtrace.extract.vocabulary import read_words

    trailer = _BRACKET_YEAR.sub(" ", window[unit_end : unit_end + 160])
    trailer = re.split(r"\d|[.;!?。；,，(（]|\b(?:and|while|whereas|but|compared)\b", trailer, maxsplit=1)[0]
    distinguishing = set(vocabulary().distinguishing)
    extra = [w for w in read_words(trailer).latin if w in distinguishing and w not in ("per", "scope")]
    extra += [w for w in read_words(lead).latin if w in vocabulary().qualifiers]
    return f"{subject} {' '.join(extra)}" if extra else subject


def _unit_after(window: str, start: int) -> tuple[str, int]:
    """The physical unit printed right after a figure, and where it ends."""
    text = window[start : start + 80]
    gap = len(text) - len(text.lstrip(" "))
    if text[gap : gap + 1] and not text[gap].isascii():
        for size in range(12, 0, -1):
            piece = text[gap : gap + size]
            reading = read_unit(piece)
            if reading.known and reading.kind != "percent" and not reading.denominator:
                return piece, start + gap + size  # Chinese prints counts and money with their unit ("件", "万元")
        return "", start
    words = list(re.finditer(r"[^\s,;]+", text))[:7]
    for size in range(len(words), 0, -1):
        piece = text[words[0].start() : words[size - 1].end()].rstrip(".,;:*)")
        if piece.count("(") > piece.count(")"):
            continue
        reading = read_unit(piece)
        if reading.kind == "physical" and not reading.denominator:
            return piece, start + words[0].start() + len(piece)
    return "", start


def _period_of(window: str, begin: int, figure: int, unit_end: int, end: int, report_year: int | None) -> str | None:
    """The year a sentence gives its figure: "in 2021" right after it, "In 2021, ..." before
    it, else the report's own (``None``); ``""`` when the sentence names another year some other way."""
    sentence = window[begin:end]
    masked = _BRACKET_YEAR.sub(lambda b: " " * len(b.group(0)), sentence)
    after = _AFTER_YEAR.match(window[unit_end:end])
    lead = list(_LEAD_YEAR.finditer(window[begin:figure])) or list(_ZH_YEAR.finditer(window[begin:figure]))
    years = set(re.findall(r"(?<![\d.,])((?:19|20)\d\d)(?!\d|[,.]\d)", masked))
    chosen: tuple[str | None, str] | None = None
    if after:
        chosen = (after.group(1), after.group(2))
    elif lead:
        chosen = (lead[-1].group(1), lead[-1].group(2))
    if chosen is None:
        return None if not years else ""
    if years - {chosen[1]}:
        return ""  # another year in the sentence: a comparison or a baseline
    if report_year is not None and int(chosen[1]) > report_year:
        return ""
    return f"FY{chosen[1]}" if chosen[0] else chosen[1]


def _bracket_earlier(window: str, unit_end: int, record: Record) -> Record | None:
    """The earlier year a sentence gives in brackets right after the figure: "(2022: 1,518,000)"."""
    found = _BRACKET_YEAR.match(window[unit_end : unit_end + 40].lstrip(" "))
    if found is None:
        return None
    printed = found.group(2).strip()
    number = parse_number(printed.split()[0]) if printed.split() else None
    if number is None:
        return None
    base = record.values[0].number
    if base.multiplier and not number.multiplier:
        factor = base.value / float(base.digits.replace(",", "")) if float(base.digits.replace(",", "")) else 1.0
        number = replace(number, value=number.value * factor)
    return replace(record, values=[Value(number, parse_period(found.group(1)))], confidence=0.7, breakdown=dict(record.breakdown))
