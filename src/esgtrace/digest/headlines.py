"""The report's own headline sentences: a leading topic stated with its figure and, best, its change.

A news digest quotes how a report states its results ("Our scope 1 and 2 GHG emissions were
12,300 metric tons in 2023. This represents a 15 percent decrease year-over-year"), also when the
figure is in no table. A sentence (or a bulleted item of one) is a candidate when it

- names a leading topic (``phrases.yaml`` ``headlines.topics``: GHG, Scope 3, avoided emissions,
  renewable share and capacity, electrified products, energy, water, waste, workforce and
  diversity, safety, giving, training, pay, board, suppliers and their assessments, ethics;
  the first topic it names, in their order of specificity, is its topic);
- prints a quantity (a number with a unit, a percent, a currency or a magnitude word, or "zero");
- tells a result (a result verb, a change on a year, or the report's own year);
- does not look forward (a target: the targets part carries it; "by 2030" only with a year after
  the report's; an estimate unless it is of the report's own year) nor speak hypothetically,
  unless it says a goal was met;
- is not about an earlier year only (a baseline year such as "compared to 2015 levels" aside),
  and is not a table row (many numbers).

Candidates are ranked by the topic's weight, a stated change, naming the report's own year, the
report's highlight pages and its first pages; one sentence a topic (a leading one, GHG emissions,
may give a second that brings the level or the change the first lacks), then, while a pillar has
room, a topic's next strong sentence; the same figures not twice, but the other places that state
them (a sentence of the same topic with its first figure and no other) are cited too: a highlights
box repeats a chapter's sentence.

:func:`goals` finds the report's own goal sentences the same way (a year to come and a word of
ambition) for the targets part.
A sentence that only says what a figure "represents" ("This represents a 15 percent decrease")
is joined to the one before it. The sentence is quoted verbatim (a long one is cut at a clause
end, marked "…"; a footnote's mark after its full stop left out), so each of its numbers is at
its cited place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Sequence

from esgtrace.digest.model import Cite, Sentence
from esgtrace.ingest.model import Document, Page

PILLARS = ("environment", "social", "governance")
_WS = re.compile(r"\s+")
_YEAR = re.compile(r"(?<![\d.,])(?:FY\s?|CY\s?)?((?:19|20)\d\d)(?!\d|[.,]\d)")
_NUM = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?")
_END = re.compile(r"[.!?](?=[\s\"”’)]|$)|(?<=[A-Za-z%)])\.\d{1,2}(?=\s+[A-Z])|[。！？]|\n[ \t]*\n")  # ".46 We": a footnote mark
# a full stop that ends an abbreviation ("U.S.", "vs.", "No.", "Inc."), not a sentence
_ABBREV = re.compile(r"(?:(?<![A-Za-z])[A-Z]|\b(?:vs|No|no|Nos|e\.g|i\.e|etc|Inc|Co|Corp|Ltd|approx|Dr|Mr|Mrs|Ms|St|Fig|Figs|p|pp|ca|cf|"
                     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$")
_BULLET = re.compile(r"[•●▪■◆►✓]|(?<=:)\s+(?=[^\W\d])")
_LEADING = 3.0  # a topic of this weight (GHG emissions) may give two sentences: its level and its change
_RUNNING_HEAD = re.compile(r"^(?:[A-Z][A-Z&\-]{2,}\s+){2,}(?:FY\s?)?(?:\d{4}\s+)?(?:\d{1,3}\s+)?")
_FOOTNOTE = re.compile(r"^\d{1,2}\s+[A-Z]")
_FLOOR = 2.0  # the least score of a headline: a minor topic needs its change or its year
_REPEATS = 2  # other places a headline cites that state the same figures
_SECOND = 3.0  # the least score of a topic's further sentence, when its pillar has room
_LEAD_IN = 4  # words before a colon that make it a lead-in ("Highlights of the year:"), not a label ("Scope 1:")
_JOIN = re.compile(r"^(?:This|That|It|Which)\s+(?:represents|marks|means|is|was|equates|corresponds)\b")
_CLAUSE = re.compile(r",\s|;\s|\s[–—-]\s|—")
_MAX = 320
_PERCENT = re.compile(r"%|percent|per cent|percentage|pp\b", re.I)
_SIDE_BY_SIDE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?\s+(?=\d[\d,]*(?:\.\d+)?(?![\w.,]))")
_CAPS_RUN = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,}){2,}\b")
_MARK_AT_END = re.compile(r"(?<=[A-Za-z%)])\.\d{1,2}\.?$")  # "were women.24.": a footnote's mark after the full stop
_PAGE_REF = re.compile(r"\b(?:pages?|pp?\.)\s?\d{1,3}\b", re.I)  # "page 75", "p. 20": an index entry's reference
_SPACED = re.compile(r"(?<!\S)(?:[A-Za-z] ){4,}[A-Za-z](?!\S)")  # letters set apart ("f r o m"): a line read out of its layout


@dataclass(frozen=True)
class Topic:
    """A leading topic of a digest: its key, pillar, weight and the words that name it."""

    key: str
    pillar: str
    weight: float
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Candidate:
    """A sentence that states a topic's figure, with its place and score."""

    page: Page
    offset: int
    text: str
    topic: Topic
    score: float
    level: bool = False  # it prints an amount (not only a percent)
    change: bool = False  # it states a change (on a year, a baseline)


@lru_cache(maxsize=1)
def _grammar() -> tuple[tuple[Topic, ...], dict[str, re.Pattern[str]]]:
    from esgtrace.digest.build import phrases

    data: dict[str, Any] = phrases()["headlines"]
    topics = tuple(Topic(str(t["key"]), str(t["pillar"]), float(t["weight"]), re.compile("|".join(t["words"]), re.I))
                   for t in data["topics"])
    words = {k: re.compile("|".join(data[k]), re.I) for k in ("quantity", "result", "change", "forward", "achieved", "this_year", "unlike", "part", "whole", "outside",
                                                              "goal", "goal_strong", "hedge")}
    words["by_year"] = re.compile(str(data["by_year"]), re.I)
    words["goal_lead"] = re.compile(str(data["goal_lead"]))
    words["until"] = re.compile(str(data["until"]), re.I)
    words["imperative"] = re.compile(str(data["imperative"]))
    words["baseline_before"] = re.compile(str(data["baseline_before"]), re.I)
    words["baseline_after"] = re.compile(str(data["baseline_after"]), re.I)
    return topics, words


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, raw text)`` of each sentence of ``text``: a sentence ends at a full stop, ``!`` or
    ``?`` before a space (not one that ends an abbreviation or is followed by a lower-case word, not a
    decimal point), at ``。！？`` or at a blank line."""
    start = 0
    for m in _END.finditer(text):
        mark = m.group()
        if mark[0] == "." and len(mark) == 1:
            if _ABBREV.search(text[max(start, m.start() - 6):m.end()]):
                continue
            following = text[m.end():m.end() + 4].lstrip()[:1]
            if following and following.islower():
                continue
        yield start, text[start:m.end()]
        start = m.end()
    if text[start:].strip():
        yield start, text[start:]


def _segments(offset: int, raw: str) -> Iterator[tuple[int, str]]:
    """A sentence's bulleted items (and the clause after a heading's colon), each with its offset."""
    marks: list[re.Match[str]] = []
    for m in _BULLET.finditer(raw):
        before = raw[marks[-1].end() if marks else 0:m.start()]
        if not m.group().isspace() or len(before.split()) >= _LEAD_IN and before.count("(") <= before.count(")"):
            marks.append(m)
    at = 0
    for mark in [*marks, None]:
        end = mark.start() if mark else len(raw)
        part = raw[at:end]
        lead = len(part) - len(part.lstrip())
        if part.strip():
            yield offset + at + lead, part.strip()
        if mark:
            at = mark.end()


def _stated_years(text: str, words: dict[str, re.Pattern[str]]) -> list[int]:
    """The years a sentence is about: not a baseline ("from FY2018", "compared to 2015 levels")."""
    out = []
    for m in _YEAR.finditer(text):
        if words["baseline_before"].search(text[max(0, m.start() - 30):m.start()]) or words["baseline_after"].match(text[m.end():]):
            continue
        out.append(int(m.group(1)))
    return out


def _later(text: str, year: int, words: dict[str, re.Pattern[str]]) -> bool:
    """Whether ``text`` names a year after the report's as a time to come ("by 2030", "in 2025"; not
    "as of April 2022", the date a report states a figure at)."""
    for m in _YEAR.finditer(text):
        later = int(m.group(1))
        if later > year + 1 or later > year and words["until"].search(text[max(0, m.start() - 20):m.start()]):
            return True
    return False


def _clip(text: str, needed: Sequence[re.Pattern[str]]) -> str | None:
    """``text`` itself, or its longest start up to a clause end within the quote limit that still names
    what ``needed`` asks; ``None`` when there is none."""
    if len(text) <= _MAX:
        return text
    ends = [m.start() for m in _CLAUSE.finditer(text) if m.start() <= _MAX - 2]
    for end in reversed(ends):
        head = text[:end].rstrip()
        if all(p.search(head) for p in needed):
            return head
    return None


def _table_like(text: str) -> bool:
    """A table row or strip of figures, or a contents line, rather than a sentence: many numbers,
    numbers side by side ("2019 590.2 2020 407.3"), a heading in capitals, leader dots, a reference
    to a page (an index entry: "Employees by gender, page 75"), or letters set apart
    ("f r o m d i f f e r e n t": text read out of its layout)."""
    numbers = [n for n in _NUM.findall(text) if not re.fullmatch(r"(?:19|20)\d\d", n)]
    if len(numbers) > 6 or text.count("|") > 1 or re.search(r"\.{4,}|…{2,}", text):
        return True
    if len(_SIDE_BY_SIDE.findall(text)) >= 2 or _CAPS_RUN.search(text) or _SPACED.search(text) or _PAGE_REF.search(text):
        return True
    return len(re.findall(r"(?:^|\s)[>~<≈]\s?\$?\d", text)) >= 2


def _topic(text: str, topics: Sequence[Topic], quantity: re.Pattern[str]) -> Topic | None:
    """The topic a sentence's figure is about: the one named nearest to a quantity (the first, in the
    topics' order of specificity, of those as near); ``None`` without a topic or a quantity."""
    amounts = [m.span() for m in quantity.finditer(text)]
    if not amounts:
        return None
    best: tuple[int, int] | None = None
    found: Topic | None = None
    for rank, topic in enumerate(topics):
        for m in topic.pattern.finditer(text):
            gap = min(max(a - m.end(), m.start() - b, 0) for a, b in amounts)
            key = (gap // 20, rank)
            if best is None or key < best:
                best, found = key, topic
    return found


def _looks_forward(text: str, year: int | None, words: dict[str, re.Pattern[str]]) -> bool:
    """Whether ``text`` looks forward: a word of intent, "by 2030" with a year after the report's
    (any, the report's year unknown), or an estimate not of the report's own year."""
    if words["forward"].search(text):
        return True
    if any(year is None or int(m.group(1)) > year for m in words["by_year"].finditer(text)):
        return True
    return bool(words["hedge"].search(text)) and not words["this_year"].search(text)


def _report_year(doc: Document) -> int | None:
    years = [int(y) for y in _YEAR.findall(doc.period or "")]
    return max(years) if years else None


def candidates(doc: Document) -> list[Candidate]:
    """Every sentence of ``doc`` that states a leading topic's figure, scored."""
    from esgtrace.digest.build import _highlight_pages

    topics, words = _grammar()
    year = _report_year(doc)
    highlights = _highlight_pages(doc)
    early = max(1, len(doc.pages) // 7) if doc.paginated else 0
    total_lines = sum(len(p.lines) for p in doc.pages) or 1
    out: list[Candidate] = []
    for page in doc.pages:
        pieces = [(o, s) for o, raw in split_sentences(page.text) for o, s in _segments(o, raw)]
        for i, (offset, raw) in enumerate(pieces):
            text = main = _collapse(raw)
            if _JOIN.match(text) or _FOOTNOTE.match(text):
                continue  # said with the sentence before; a footnote
            if i + 1 < len(pieces) and _JOIN.match(_collapse(pieces[i + 1][1])):
                joined = text + " " + _collapse(pieces[i + 1][1])
                text = joined if _collapse(page.text[offset:pieces[i + 1][0] + len(pieces[i + 1][1])]) == joined else text
            if len(text) < 40:
                continue
            topic = _topic(main, topics, words["quantity"])
            if topic is None:
                continue
            cut = _RUNNING_HEAD.match(text)
            if cut and cut.end() < len(text):
                text, main = text[cut.end():], main[cut.end():]  # a page's running head before the sentence
                offset = page.text.find(text[:20], offset) if page.text.find(text[:20], offset) >= 0 else offset
            text = _MARK_AT_END.sub(".", text)  # the quote ends at the full stop, before a footnote's mark
            if words["imperative"].search(text) or _looks_forward(text, year, words) and not words["achieved"].search(text):
                continue  # a target
            if words["unlike"].search(text):
                continue  # a definition, a method, a restatement
            if _table_like(text):
                continue
            stated = _stated_years(text, words)
            if year is not None and stated and (max(stated) < year - 1 or _later(text, year, words)):
                continue  # about an earlier year, or a later one (a target)
            change = bool(words["change"].search(text))
            own_year = (year is not None and (year in stated or year - 1 in stated and not change)) or bool(words["this_year"].search(text))
            if not (change or own_year or words["result"].search(text)):
                continue
            clipped = _clip(text, (topic.pattern, words["quantity"]))
            if clipped is None:
                continue
            level = any(not _PERCENT.search(m.group()) for m in words["quantity"].finditer(text))
            score = topic.weight + (1.5 if change else 0.0) + (1.0 if own_year else 0.0) + (0.5 if change and level else 0.0)
            score += (0.5 if words["whole"].search(text) else 0.0) - (1.0 if words["part"].search(text) else 0.0)
            score -= 3.0 if words["outside"].search(text) else 0.0
            if doc.paginated:
                score += (1.0 if page.number in highlights else 0.0) + (0.5 if page.number <= early else 0.0)
            else:
                line = next((ln.number for ln in page.lines if ln.end > offset), 0)
                score += 0.5 if line <= total_lines // 7 else 0.0
            shown = clipped if clipped == text else clipped + " …"
            out.append(Candidate(page, offset, shown, topic, score, level, change))
    return out


def _completes(first: Candidate, second: Candidate) -> bool:
    """Whether ``second`` brings what ``first`` lacks: its level (an amount, not only a percent)
    or its change; anything when ``first`` states both."""
    return (first.level or second.level) and (first.change or second.change)


def headlines(doc: Document, limit: int = 21, per_pillar: int = 7) -> dict[str, list[Sentence]]:
    """The best headline sentence of each topic (at most ``limit``, ``per_pillar`` a pillar), by pillar,
    in the topics' order; each quoted verbatim at its place. Room left in a pillar after every topic's
    first goes to a topic's next strong sentence (a score of at least ``_SECOND``: its change or its
    year), three a topic at most, never the same figures twice."""
    from esgtrace.digest.build import _cite
    from esgtrace.digest.evaluate import numbers

    order = [t.key for t in _grammar()[0]]
    chosen: list[Candidate] = []
    seen_figures: list[set[str]] = []
    ranked = sorted(candidates(doc), key=lambda c: (-c.score, c.page.number, c.offset))
    for second in (False, True):
        for c in ranked:
            if len(chosen) >= limit or c.score < (_SECOND if second else _FLOOR):
                break
            if c in chosen:
                continue
            same = [x for x in chosen if x.topic.key == c.topic.key]
            if len(same) >= (3 if second else 2 if c.topic.weight >= _LEADING else 1):
                continue
            if same and not second and not _completes(same[0], c):
                continue  # a second sentence of a leading topic brings the level or the change the first lacks
            if sum(1 for x in chosen if x.topic.pillar == c.topic.pillar) >= per_pillar:
                continue
            figures = {n for n in numbers(c.text) if not re.fullmatch(r"(?:19|20)\d\d", n)}
            if figures and any(figures <= f for f in seen_figures) or not figures and same:
                continue  # the same figures, said again
            chosen.append(c)
            seen_figures.append(figures)
    def cite(c: Candidate) -> Cite:
        return _cite(doc, c.page, c.offset, c.text[:-2] if c.text.endswith(" …") else c.text)

    out: dict[str, list[Sentence]] = {p: [] for p in PILLARS}
    for c, figures in sorted(zip(chosen, seen_figures), key=lambda x: (order.index(x[0].topic.key), x[0].page.number, x[0].offset)):
        cites = [cite(c)]
        first = next((n for n in numbers(c.text) if n in figures), None)
        for other in ranked:  # the other places that state its figures (a highlights box and its chapter)
            if len(cites) > _REPEATS or other is c or other.topic.key != c.topic.key or first is None:
                continue
            theirs = {n for n in numbers(other.text) if not re.fullmatch(r"(?:19|20)\d\d", n)}
            if first in theirs and theirs <= figures:
                where = cite(other)
                if all((where.page, where.line) != (x.page, x.line) for x in cites):
                    cites.append(where)
        out[c.topic.pillar].append(Sentence(c.text, tuple(cites), kind="headline"))
    return out


def _time_to_come(text: str, year: int | None, words: dict[str, re.Pattern[str]]) -> bool:
    """Whether ``text`` names a year to come ("by 2030"); without the report's year, any "by 20xx"."""
    if year is not None:
        return _later(text, year, words)
    return bool(re.search(r"\bby (?:the end of )?(?:FY\s?)?20\d\d\b", text))


def goals(doc: Document, limit: int = 8) -> list[Sentence]:
    """The report's own goal sentences, quoted verbatim at their place: a sentence (or a bulleted
    item) that names a year to come ("by 2030") and says it is a goal (a word of ambition such as
    "target", "aim", "net zero", "will", or an order or gerund that leads a goal list: "Achieving
    carbon neutrality ... by 2040"). Ranked by the leading topic it names (else the least weight),
    a figure, a net-zero / carbon-neutral / science-based word, the highlight pages and the first
    pages; a part (a project, a site) or the world outside counts less. At most ``limit``, two a
    topic (two of no topic), in the report's order."""
    from esgtrace.digest.build import _cite, _highlight_pages

    topics, words = _grammar()
    year = _report_year(doc)
    highlights = _highlight_pages(doc)
    early = max(1, len(doc.pages) // 7) if doc.paginated else 0
    scored: list[tuple[float, Page, int, str, str]] = []
    for page in doc.pages:
        for o, raw in split_sentences(page.text):
            for offset, piece in _segments(o, raw):
                text = _MARK_AT_END.sub(".", _collapse(piece))
                cut = _RUNNING_HEAD.match(text)
                if cut and cut.end() < len(text):
                    text = text[cut.end():]
                    found = page.text.find(text[:20], offset)
                    offset = found if found >= 0 else offset
                if len(text) < 30 or not (text[0].isupper() or text[0].isdigit()) or _FOOTNOTE.match(text):
                    continue  # a fragment of a sentence cut by the layout, a footnote
                if _table_like(text) or words["unlike"].search(text):
                    continue
                if not _time_to_come(text, year, words):
                    continue
                if not (words["goal"].search(text) or words["goal_lead"].match(text) or words["imperative"].search(text)):
                    continue
                topic = next((t for t in topics if t.pattern.search(text)), None)
                clipped = _clip(text, (topic.pattern,) if topic else ())
                if clipped is None:
                    continue
                score = (topic.weight if topic else 0.5) + (1.0 if words["quantity"].search(text) else 0.0)
                score += (1.5 if words["goal_strong"].search(text) else 0.0) - (0.5 if words["part"].search(text) else 0.0)
                score -= 1.0 if words["outside"].search(text) else 0.0
                if doc.paginated:
                    score += (1.0 if page.number in highlights else 0.0) + (0.5 if page.number <= early else 0.0)
                shown = clipped if clipped == text else clipped + " …"
                scored.append((score, page, offset, shown, topic.key if topic else ""))
    chosen: list[tuple[float, Page, int, str, str]] = []
    seen: set[str] = set()
    for item in sorted(scored, key=lambda x: (-x[0], x[1].number, x[2])):
        key = re.sub(r"\W+", "", item[3].lower())[:60]
        if len(chosen) >= limit or key in seen:
            continue
        if sum(1 for x in chosen if x[4] == item[4]) >= 2:
            continue
        seen.add(key)
        chosen.append(item)
    out: list[Sentence] = []
    for _, page, offset, shown, _key in sorted(chosen, key=lambda x: (x[1].number, x[2])):
        quote = shown[:-2] if shown.endswith(" …") else shown
        out.append(Sentence(shown, (_cite(doc, page, offset, quote),), kind="target"))
    return out
