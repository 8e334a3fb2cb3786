"""Find and read a report's own HKEX content index: item, claimed place, claimed status.

An index is recognised by its shape, not its title: a run of HKEX KPI codes (``A1.1``,
``KPI B6.2`` ...) close together. Each row runs from its item marker (a KPI code, an
aspect's general disclosure, a Mandatory Disclosure label) to the next marker; the row's
page references, quoted section names and claim words ("Not applicable", "/") say what
the report claims. A marker may name several items: a range ("A1.1-A1.6"), a list
("B1, B1.1", "B7.2、B7.3") or an aspect code with its general disclosure ("B7：一般披露").

A combined index is a table of another framework's rows (GRI, SASB) with an HKEX column:
when the other framework's codes start the rows and the HKEX codes sit inside them, each
HKEX item takes the place and claim of the row it sits in, and an item listed in several
rows gets all of their places. An item listed twice in an HKEX index is one row too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from esgtrace.disclose.catalogue import Catalogue
from esgtrace.disclose.model import Claim, IndexRow
from esgtrace.disclose.passages import Stream, stream
from esgtrace.ingest.model import Document

_KPI = re.compile(r"(?:\b(?:KPI|Key Performance Indicator)\s*|关键绩效指标\s*|關鍵績效指標\s*)?(?<![A-Za-z0-9_.])([AB][1-8]\.\d{1,2})(?![\d.]\d)")
# "A1.1-A1.6", "A1.1 – 1.6", "KPI A1.1 to A1.6", "A1.1至A1.6": every KPI of the aspect in between
_RANGE = re.compile(r"(?<![A-Za-z0-9_.])([AB][1-8])\.(\d{1,2})\s?(?:[-–~～至到]|\bto\b)\s?(?:KPI\s*)?(?:\1\.|\d\.)?(\d{1,2})(?![\d.]\d)")
# an aspect's general disclosure named by its code: "Aspect A1", "层面A1", "B7：一般披露", "A1 General Disclosure"
_ASPECT = re.compile(
    r"(?:\b(?:Aspect|Subject Area)\s+|层面\s*|層面\s*)([AB][1-8])(?![A-Za-z0-9_.])"
    r"|(?<![A-Za-z0-9_.])([AB][1-8])(?![A-Za-z0-9_.])\s*[:：]?\s*(?=(?:General\s+Disclosures?|一般披露|一般性披露))",
    re.I,
)
_BARE_ASPECT = re.compile(r"(?<![A-Za-z0-9_.\-/])([AB][1-8])(?![A-Za-z0-9_.\-/])(?=\s*[,，、/&]\s*(?:KPI\s*)?\1\.\d)")  # "B1, B1.1"
_CLAIMISH = re.compile(r"not applicable|\bn/?a\b|^\W*[/\\\-–—]\W*$|explain|disclos|不适用|不適用|\bP\.?\s?\d|\d\s*$", re.I)
_ASPECT_CODE = re.compile(r"(?<![A-Za-z0-9_.\-/])([AB][1-8])(?![A-Za-z0-9_.\-/])")
_LIST_GAP = re.compile(r"^[\s,，、;；/&+]*(?:and\s+|及\s*|和\s*)?(?:KPIs?\s*)?$", re.I)  # between two codes of one list
_OTHER_CODE = re.compile(r"\bGRI\s*\d{1,3}-\d{1,2}\b|\bSDGs?\s?\d{1,2}(?:\.\w{1,2})?\b|\b[A-Z]{2}-[A-Z]{2}-\d{3}[a-z]\.\d{1,2}\b")
_SDG = re.compile(r"\bSDGs?\s?\d{1,2}(?:\.\w{1,2})?\b")
_PAGE_REF = re.compile(r"\b(?:P|Page|Pages|p\.|pp\.)\s?(\d{1,3})(?:\s?[-–]\s?P?(\d{1,3}))?|第\s?(\d{1,3})\s?(?:[-–至]\s?(\d{1,3})\s?)?页", re.I)
_BARE_PAGES = re.compile(r"^\s*(\d{1,3}(?:\s?[-–]\s?\d{1,3})?(?:\s?[,，]\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?)*)\s*$")
_AFTER_SECTION = re.compile(r"[”\"]\s*(\d{1,3}(?:\s?[-–]\s?\d{1,3})?)\s*$", re.M)
# a numbered section cited as the place: "5.6 Environment Performance", "6.1 Protecting. Legitimate Rights", "5.6 环境绩效"
_SECTION_REF = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,2}\.\d{1,2})\.?\s+(?=[A-Z\u4e00-\u9fff])")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,80})[”\"]")
_NIL_STATEMENT = re.compile(r"(?:^|[.\n\t]\s*)(?:No|Nil|Zero|None|There (?:was|were) no)\b")
_OBLIGATION = re.compile(r"comply or explain|recommended disclosure|mandatory|voluntary", re.I)
_CLUSTER_GAP = 6000  # characters between two KPI codes of one index
_MIN_ITEMS = 6  # distinct KPI codes before a run counts as an index
_LOOKBACK = 6000  # how far before the first KPI code the index title and MDR rows may sit
_TAIL_LINES = 6
_LONG_ROW = 400  # a longer line is a page of an unpaginated extract, not a table row
_MAX_PAGE = 600  # a larger "page" number is a code or a figure, not a page
_NO_TITLE = 400  # without a title, the index is taken to start this close to its first KPI code
_LINE_END_PAGES = re.compile(
    r"(?:(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\s])|^)(\d{1,3}(?:\s?[-–]\s?\d{1,3})?(?:\s?[、,，]\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?)*)\s*$",
    re.M,
)
_RUNNING_HEAD = re.compile(r"^(?:\d{1,3}\s+[^\d\t]{3,60}|[^\d\t]{3,60}\s+\d{1,3})$")  # "9 ESG Report", "Company | ESG Report 9"
_DIGITS = re.compile(r"\d+")
_PAGE_LABEL = re.compile(r"^\s*\d{1,3}\s+")  # a page number opening a page-long line
_HEAD_LINES = 4  # lines after a page gap that may be a running header or the repeated column headings
_CLAIM_ORDER = {"disclosed": 0, "explained": 1, "not_applicable": 2, "omitted": 3}


@dataclass(frozen=True, slots=True)
class _Marker:
    start: int
    end: int
    item: str
    label: str
    also: tuple[str, ...] = ()  # the other items of a range or list ("A1.1-A1.6", "B1, B1.1")

    @property
    def items(self) -> tuple[str, ...]:
        return (self.item, *self.also)


@dataclass(frozen=True, slots=True)
class IndexScan:
    """The content index of a document: its rows and the pages it sits on."""

    rows: tuple[IndexRow, ...]
    places: frozenset[tuple[int, int]]  # (page, line) of every index line, left out of evidence search

    @property
    def found(self) -> bool:
        return bool(self.rows)

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({p for p, _ in self.places}))


def read_index(doc: Document, catalogue: Catalogue) -> IndexScan:
    """The HKEX content index of ``doc``; an empty scan when it has none.

    :param doc: a parsed report
    :param catalogue: the HKEX items catalogue
    """
    known = {it.id for it in catalogue.items}
    full = stream(doc)
    codes = [m for m in _KPI.finditer(full.text) if m.group(1) in known]
    run = _densest_run(codes)
    if len({m.group(1) for m in run}) < _MIN_ITEMS:
        return IndexScan((), frozenset())
    first, last = run[0].start(), run[-1].end()
    title = re.compile("|".join(catalogue.index_titles), re.I)
    heads = [m.start() for m in title.finditer(full.text, max(0, first - _LOOKBACK), first)]
    start = heads[-1] if heads else max(0, first - _NO_TITLE)
    line_start = full.text.rfind("\n", 0, start) + 1
    start = line_start if start - line_start <= 200 else start  # the whole title line: its words head the pages
    end = _tail_end(full.text, last)
    labels = [re.escape(label) for it in catalogue.items for label in it.index_labels] + list(catalogue.general_disclosure_labels)
    opener = re.compile("|".join([_KPI.pattern, _ASPECT_CODE.pattern, *labels]), re.I)
    lines = _region_lines(doc, full, start, end, opener)
    text, offsets = _joined(lines)
    markers = _markers(text, catalogue, known)
    rows: list[IndexRow] = []
    short = _short_lines(lines)
    primary = _primary_codes(text, markers, catalogue, short)
    if primary:  # a combined index: the HKEX items are a column of another framework's rows
        coded = [m for m in markers if not any(i.startswith("MDR.") for i in m.items)]  # "Governance structure" is a GRI title there
        rows = _column_rows(text, offsets, lines, coded, primary, doc, catalogue)
    else:
        kept = _listings(text, markers, short_lines=short)
        for i, marker in enumerate(kept):
            stop = kept[i + 1].start if i + 1 < len(kept) else len(text)
            segment = text[marker.end : stop]
            at = max(0, _last_le(offsets, marker.start))
            page, line, _ = lines[at]
            row = _row(marker, segment, page if doc.paginated else None, line, catalogue)
            rows += [replace(row, item=item) for item in marker.items]
    places = frozenset((p, n) for p, n, _ in lines)
    return IndexScan(tuple(_merged(rows)), places)


def _short_lines(lines: list[tuple[int, int, str]]) -> bool:
    """Whether the index is printed one row (or cell) a line, not whole pages a line."""
    sizes = sorted(len(t) for _, _, t in lines if t.strip())
    return bool(sizes) and sizes[len(sizes) // 2] < _LONG_ROW // 2


def _listings(text: str, markers: list[_Marker], short_lines: bool) -> list[_Marker]:
    """The markers that open a row; a repeated code is a mention ("... KPI A2.5 is not applicable")
    unless it opens a line of a table printed one row a line: then it is a second listing."""
    kept: list[_Marker] = []
    seen: set[str] = set()
    for marker in markers:
        new = [i for i in marker.items if i not in seen]
        if not new:
            repeat = kept and set(marker.items) <= set(kept[-1].items)
            line_start = text.rfind("\n", 0, marker.start) + 1
            opens_line = not text[line_start : marker.start].strip()
            if repeat or not (short_lines and opens_line):
                continue
            new = list(marker.items)
        seen.update(new)
        kept.append(replace(marker, item=new[0], also=tuple(new[1:])))
    return kept


def _merged(rows: list[IndexRow]) -> list[IndexRow]:
    """One row per item: an item listed in several rows gets all their places and the
    strongest claim (disclosed over explained over not applicable over omitted)."""
    by_item: dict[str, IndexRow] = {}
    for row in rows:
        had = by_item.get(row.item)
        if had is None:
            by_item[row.item] = row
            continue
        where = "; ".join(w for w in dict.fromkeys([had.where, row.where]) if w)
        claim = min(had.claim, row.claim, key=lambda c: _CLAIM_ORDER[c])
        text = had.text if row.text in had.text else f"{had.text} | {row.text}"[:800]
        by_item[row.item] = replace(had, where=where, pages=tuple(sorted(set(had.pages) | set(row.pages))), claim=claim, text=text,
                                    obligation_claimed=had.obligation_claimed or row.obligation_claimed)
    return list(by_item.values())


def _primary_codes(text: str, markers: list[_Marker], catalogue: Catalogue, short: bool) -> list[re.Match[str]]:
    """The other framework's codes that open the rows of a combined index; empty for an HKEX index.

    The row opener is the code that starts lines: in a GRI index with an HKEX column the GRI
    numbers start the lines and the HKEX codes sit after the description. Where whole pages
    are one line, it is the code that comes first, if the framework has about as many codes.
    """
    best = _line_openers(text, markers, catalogue) if short else []
    if not best:
        for framework in catalogue.frameworks:
            found = list(re.finditer(framework.code, text))
            if markers and len({m.group(1) for m in found}) >= 8 and found[0].start() < markers[0].start and 3 * len(found) >= len(markers):
                return found
    return best


def _line_openers(text: str, markers: list[_Marker], catalogue: Catalogue) -> list[re.Match[str]]:
    """The framework whose codes start the lines of a table printed one row a line."""
    def at_line_start(pos: int) -> bool:
        return not text[text.rfind("\n", 0, pos) + 1 : pos].strip()

    hkex_starts = sum(1 for m in markers if at_line_start(m.start))
    best: list[re.Match[str]] = []
    for framework in catalogue.frameworks:
        found = list(re.finditer(framework.code, text))
        starts = sum(1 for m in found if at_line_start(m.start()))
        first = bool(found) and bool(markers) and found[0].start() < markers[0].start  # the table opens with this framework's code
        leads = starts > 2 * hkex_starts or (first and 2 * starts >= hkex_starts)
        if len({m.group(1) for m in found}) >= 8 and starts >= 8 and leads and len(found) > len(best):
            best = found
    return best


def _column_rows(
    text: str,
    offsets: list[int],
    lines: list[tuple[int, int, str]],
    markers: list[_Marker],
    primary: list[re.Match[str]],
    doc: Document,
    catalogue: Catalogue,
) -> list[IndexRow]:
    """HKEX rows of a combined index: each item takes the place and claim of its row."""
    bounds = [m.start() for m in primary]
    rows: list[IndexRow] = []
    for marker in markers:
        at = _last_le(bounds, marker.start)
        row_start = bounds[at] if at >= 0 else 0
        row_end = bounds[at + 1] if at + 1 < len(bounds) else len(text)
        inside = [m for m in markers if row_start <= m.start < row_end]
        after = text[max(m.end for m in inside) : row_end]
        whole = text[primary[at].end() if at >= 0 else row_start : row_end]
        for m in inside:  # the codes are not part of the row's claim or place
            whole = whole.replace(text[m.start : m.end], " ")
        whole = _SDG.sub(" ", whole)
        after = _SDG.sub(" ", after)
        line_at = max(0, _last_le(offsets, marker.start))
        page, line, _ = lines[line_at]
        row = _row(marker, after, page if doc.paginated else None, line, catalogue)
        if not row.pages:
            row = _row(marker, whole, page if doc.paginated else None, line, catalogue)
        row = replace(row, claim=_claim(whole, _cells(whole), [row.where] if row.pages else [], [], catalogue), text=" ".join(text[row_start:row_end].split())[:400])
        rows += [replace(row, item=item) for item in marker.items]
    return rows


def _cells(segment: str) -> list[str]:
    return [c.strip() for c in re.split(r"[\t\n]", segment) if c.strip()]


def _densest_run(codes: list[re.Match[str]]) -> list[re.Match[str]]:
    runs: list[list[re.Match[str]]] = []
    for m in codes:
        if runs and m.start() - runs[-1][-1].end() <= _CLUSTER_GAP:
            runs[-1].append(m)
        else:
            runs.append([m])
    return max(runs, key=lambda r: len({m.group(1) for m in r}), default=[])


def _tail_end(text: str, last: int) -> int:
    """Where the index ends: a few lines after its last code, or the end of a page-long line."""
    line_end = text.find("\n", last)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - (text.rfind("\n", 0, last) + 1) > _LONG_ROW:
        return line_end  # a whole page on one line: the index ends with it
    end = last
    for _ in range(_TAIL_LINES + 1):
        nxt = text.find("\n", end + 1)
        if nxt < 0:
            return len(text)
        if not text[end + 1 : nxt].strip() and end != last:
            return end
        end = nxt
    return end


def _last_le(values: list[int], x: int) -> int:
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] <= x:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _joined(lines: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """The region's lines joined by newlines, and where each line starts in that text."""
    offsets: list[int] = []
    pos = 0
    for _, _, t in lines:
        offsets.append(pos)
        pos += len(t) + 1
    return "\n".join(t for _, _, t in lines), offsets


def _region_lines(doc: Document, full: Stream, start: int, end: int, opener: re.Pattern[str] = _KPI) -> list[tuple[int, int, str]]:
    """Index lines without page furniture (running headers, page labels).

    :param opener: what opens a row; the lines of a page above its first row may be headings
    """
    picked: list[tuple[int, int, str]] = []
    for i, s in enumerate(full.starts):
        line_end = full.starts[i + 1] - 1 if i + 1 < len(full.starts) else len(full.text)
        if line_end < start or s > end:
            continue
        page, line = full.places[i]
        picked.append((page, line, full.text[max(s, start) : min(line_end, end)]))
    if doc.paginated:
        pages = {p for p, _, _ in picked}
        firsts = {p: min(n for q, n, _ in picked if q == p) for p in pages}
        lasts = {p: max(n for q, n, _ in picked if q == p) for p in pages}
        coded = {p: min((n for q, n, t in picked if q == p and opener.search(t)), default=lasts[p]) for p in pages}

        def near_edge(page: int, line: int) -> bool:  # the page's top (up to its first row) or foot
            return line < min(coded[page], firsts[page] + 10) or lasts[page] - line < 2

        edge = [(p, n, _furniture_key(t)) for p, n, t in picked if near_edge(p, n)]
        on_pages = Counter(t for t in {(p, t) for p, _, t in edge})
        furniture = {t for (_, t), _ in Counter((p, t) for p, _, t in edge).items()}
        furniture = {t for t in furniture if sum(1 for q in pages if (q, t) in on_pages) > 1}
        candidates = [(p, n, int(t.strip())) for p, n, t in picked if t.strip().isdigit() and (n - firsts[p] < 2 or n == lasts[p])]
        offsets = Counter(v - p for p, _, v in candidates)
        agreed = offsets.most_common(1)[0] if offsets else (0, 0)
        labels = {(p, n) for p, n, v in candidates if len(pages) < 2 or (agreed[1] >= 2 and v - p == agreed[0])}
        top = min(pages)
        heading = {w for p, n, t in picked if p == top and n < coded[top] for w in re.findall(r"[^\W\d]+", t.lower())}
        heading |= {"continued", "cont", "续", "續"}
        kept = []
        for page, line, t in picked:
            label = (page, line) in labels  # a page number: the offset to the PDF page agrees over the pages
            at_top = line < min(coded[page], firsts[page] + 10)  # above the page's first row: headings
            repeated = near_edge(page, line) and _furniture_key(t) in furniture and not _KPI.search(t)
            repeated = repeated and (at_top or not _CLAIMISH.search(t))  # a row's claim may close two pages alike
            if at_top and page != min(pages) and line < coded[page] and not _KPI.search(t):
                words = re.findall(r"[^\W\d]+", t.lower())  # "... Content Index (continued)": the first page's heading again
                repeated = repeated or (len(words) >= 2 and all(w in heading for w in words))
                repeated = repeated or (line == firsts[page] and bool(_RUNNING_HEAD.match(t.strip())))
            if not (label or repeated):
                kept.append((page, line, t))
        picked = kept
    else:
        picked = _without_page_heads(picked)
    long_lines = [_PAGE_LABEL.sub("", t) for _, _, t in picked if len(t) > 200]
    prefix = _common_prefix(long_lines[1:]) if len(long_lines) > 2 else ""
    if len(prefix) >= 40:
        return [(p, n, _cut_prefix(t, prefix)) for p, n, t in picked]
    return _without_repeated_heads(picked)


def _without_repeated_heads(picked: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Page-long lines without the title and column headings the index repeats on each page:
    the text before a page's first code, when its words are the first page's heading words."""
    long_at = [i for i, (_, _, t) in enumerate(picked) if len(t) > 200]
    if len(long_at) < 2:
        return picked
    def head(t: str) -> str:
        starts = [m.start() for m in (_KPI.search(t), _ASPECT.search(t), _ASPECT_CODE.search(t)) if m]
        return t[: min(starts)] if starts else ""
    first = set(re.findall(r"\w+", head(picked[long_at[0]][2]).lower())) | {"continued", "续", "續"}
    out = list(picked)
    for i in long_at[1:]:
        page, line, t = picked[i]
        words = re.findall(r"\w+", head(t).lower())
        strangers = [w for w in words if w not in first and not w.isdigit()]
        if len(words) >= 4 and len(strangers) <= 1:
            out[i] = (page, line, t[len(head(t)) :])
    return out


def _furniture_key(text: str) -> str:
    """A line as running headers repeat it: page numbers aside when it has words ("9 ESG Report")."""
    text = text.strip()
    return _DIGITS.sub("#", text) if len(re.findall(r"[^\W\d_]{2,}", text)) >= 2 else text


def _cut_prefix(text: str, prefix: str) -> str:
    """``text`` without a running header ``prefix`` (and the page label before it)."""
    label = _PAGE_LABEL.match(text)
    rest = text[label.end() :] if label else text
    return rest[len(prefix) :] if rest.startswith(prefix) else text


def _without_page_heads(picked: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A text extract without page breaks: drop the running header and column headings that
    open each page of the index (the first lines after a blank gap, repeated, numbers aside)."""
    heads: list[int] = []
    since_gap = _HEAD_LINES
    for i, (_, _, t) in enumerate(picked):
        if not t.strip():
            since_gap = 0
            continue
        if since_gap < _HEAD_LINES:
            heads.append(i)
        since_gap += 1
    key = {i: re.sub(r"\d+", "#", picked[i][2].strip()) for i in heads}
    counts = Counter(key.values())
    drop = {i for i in heads if counts[key[i]] > 1 and len(key[i]) >= 12 and not _KPI.search(picked[i][2])}
    return [row for i, row in enumerate(picked) if i not in drop]


def _common_prefix(texts: list[str]) -> str:
    if not texts:
        return ""
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    cut = first[:n]
    return cut[: cut.rfind(" ") + 1] if " " in cut else ""


def _markers(text: str, catalogue: Catalogue, known: set[str]) -> list[_Marker]:
    """Item markers in reading order; a range or list of codes is one marker of several items."""
    found = [_Marker(m.start(), m.end(), m.group(1), m.group(0).strip()) for m in _KPI.finditer(text) if m.group(1) in known]
    for m in _RANGE.finditer(text):  # "A1.1-A1.6" replaces the codes it spans
        aspect, lo, hi = m.group(1), int(m.group(2)), int(m.group(3))
        span = [f"{aspect}.{n}" for n in range(lo, hi + 1) if f"{aspect}.{n}" in known]
        if hi > lo and span:
            inside = [f for f in found if f.end > m.start() and f.start < m.end()]
            begin = min([m.start(), *(f.start for f in inside)])  # "KPI A1.1-A1.6": the prefix opens the row
            found = [f for f in found if f not in inside]
            found.append(_Marker(begin, m.end(), span[0], text[begin : m.end()].strip(), tuple(span[1:])))
    aspects: list[tuple[int, int, str]] = []
    for m in list(_ASPECT.finditer(text)) + list(_BARE_ASPECT.finditer(text)):
        code = next(g for g in m.groups() if g)
        if f"{code}.GD" in known:
            aspects.append((m.start(), m.end(), f"{code}.GD"))
    general = re.compile("|".join(catalogue.general_disclosure_labels), re.I)
    for hit in general.finditer(text):
        named = [a for a in aspects if a[1] <= hit.start() and hit.start() - a[1] <= 3]
        if named:  # "B7：一般披露": the aspect code names it
            continue
        found.append(_Marker(hit.start(), hit.end(), "", hit.group(0)))
    found += [_Marker(a, b, item, text[a:b].strip()) for a, b, item in aspects]
    for entry in catalogue.items:
        for label in entry.index_labels:
            for hit in re.finditer(re.escape(label), text, re.I):
                found.append(_Marker(hit.start(), hit.end(), entry.id, hit.group(0)))
    found.sort(key=lambda marker: (marker.start, -marker.end))
    resolved: list[_Marker] = []
    for i, marker in enumerate(found):
        item_id = marker.item
        if resolved and marker.start < resolved[-1].end:
            continue  # inside the previous marker ("Aspect A1" spans the code)
        if not item_id:  # a general disclosure belongs to the aspect named just before it, else to the next KPI code's
            before = [a for a in aspects if a[1] <= marker.start and marker.start - a[1] <= 80]
            # "A4 Climate Change General Disclosure", "A1 Emissions<tab>General Disclosure": the nearest aspect code before
            near = [(m.start(), m.end(), f"{m.group(1)}.GD") for m in _ASPECT_CODE.finditer(text, max(0, marker.start - 60), marker.start)]
            before = sorted(before + [n for n in near if n[2] in known], key=lambda a: a[1])
            nxt = next((n.item for n in found[i + 1 :] if re.fullmatch(r"[AB]\d\.\d+", n.item)), "")
            item_id = before[-1][2] if before else (f"{nxt.split('.')[0]}.GD" if nxt else "")
            if item_id not in known:
                continue
            if resolved and item_id in resolved[-1].items and marker.start - resolved[-1].end <= 80:
                continue  # "A1 Emissions General Disclosure": the aspect code already opened the row
        gap = text[resolved[-1].end : marker.start] if resolved else ""
        listed = _LIST_GAP.match(gap) and not ("/" in gap and re.search(r"[\t\n]", gap))  # a lone "/" cell is a claim
        coded = resolved and not item_id.startswith("MDR.") and not resolved[-1].item.startswith("MDR.")
        if listed and coded and item_id not in resolved[-1].items:
            last = resolved[-1]  # "B1, B1.1", "B7.2、B7.3": one row of several items
            resolved[-1] = replace(last, end=marker.end, also=(*last.also, item_id, *marker.also))
            continue
        resolved.append(replace(marker, item=item_id))
    return resolved


def _row(marker: _Marker, segment: str, page: int | None, line: int, catalogue: Catalogue) -> IndexRow:
    flat = " ".join(segment.split())
    segment = _OTHER_CODE.sub(" ", segment)  # "GRI 2-1", "SDG 13", "TC-SI-130a.1" in a column are not pages
    cells = [c.strip() for c in re.split(r"[\t\n]", segment) if c.strip()]
    pages: list[int] = []
    refs: list[str] = []

    def claim_pages(text: str, spans: list[tuple[str, str | None]]) -> None:
        found = [p for lo, hi in spans for p in _span(lo, hi)]
        if found:
            refs.append(text)
            pages.extend(found)

    for m in _PAGE_REF.finditer(segment):
        claim_pages(m.group(0), [(m.group(1), m.group(2))] if m.group(1) else [(m.group(3), m.group(4))])
    for cell in cells:
        bare = _BARE_PAGES.match(cell)
        if bare:
            parts = [p.replace("–", "-").partition("-") for p in re.split(r"[,，]", bare.group(1))]
            claim_pages(cell, [(lo.strip(), hi.strip() or None) for lo, _, hi in parts])
    for m in _AFTER_SECTION.finditer(segment):
        lo, _, hi = m.group(1).replace("–", "-").partition("-")
        claim_pages(m.group(1), [(lo.strip(), hi.strip() or None)])
    if not pages:  # "102-1 组织名称 5", "B4.1、B4.2 见：17、21", "emissions 59<tab>Disclosed": page numbers closing a line or cell
        for tail in (t for cell in re.split(r"[\t\n]", _SDG.sub(" ", segment)) for t in _LINE_END_PAGES.finditer(cell.rstrip())):
            parts = [p.replace("–", "-").partition("-") for p in re.split(r"[、,，]", tail.group(1))]
            claim_pages(tail.group(1), [(lo.strip(), hi.strip() or None) for lo, _, hi in parts])
    quoted = [" ".join(s.split()) for s in _QUOTED.findall(segment)]
    sections = [q for q in quoted if not _OBLIGATION.fullmatch(q.strip())] + _numbered_sections(flat)
    claim = _claim(segment, cells, refs, sections, catalogue)
    named = list(dict.fromkeys(sections + refs))
    where = "; ".join(named) if named else _trailing(flat)
    obligation = _OBLIGATION.search(flat)
    return IndexRow(
        item=marker.item,
        label=marker.label,
        where=where,
        pages=tuple(sorted(set(pages))),
        claim=claim,
        obligation_claimed=obligation.group(0).lower() if obligation else "",
        page=page,
        line=line,
        text=flat[:400],
    )


def _numbered_sections(flat: str) -> list[str]:
    """Numbered sections a row cites, each with its title up to the next one ("5.2 Achieving Green Production")."""
    hits = list(_SECTION_REF.finditer(flat))
    found: list[str] = []
    for i, m in enumerate(hits):
        stop = hits[i + 1].start() if i + 1 < len(hits) else len(flat)
        title = re.sub(r"\.\s+", " ", flat[m.end() : stop]).strip(" .;,")
        title = re.split(r"\s{2,}|[;；:(（]|\s\d{2,}\b|\s(?:Note|Notes)\b", title)[0][:80].strip()
        if title:
            found.append(f"{m.group(1)} {title}")
    return list(dict.fromkeys(found))


def _span(lo: str, hi: str | None) -> list[int]:
    """The pages of "12" or "12-14"; none for a GRI disclosure code such as "305-1"."""
    a = int(lo)
    b = int(hi) if hi else a
    if b < a and hi and len(lo) == 3:
        return []  # "305-1", "403-9": GRI disclosure numbers printed in a shared index
    if b < a and hi and len(hi) < len(lo):  # "P51-2" style short range
        b = int(lo[: len(lo) - len(hi)] + hi)
    if not 0 < a <= _MAX_PAGE:
        return []
    return list(range(a, b + 1)) if 0 < b - a < 60 else [a]


def _claim(segment: str, cells: list[str], refs: list[str], sections: list[str], catalogue: Catalogue) -> Claim:
    lowered = " ".join(segment.split()).lower()
    if any(re.search(p, lowered) for p in catalogue.index_claims["not_applicable"]):
        return "not_applicable"
    if any(re.search(p, lowered) for p in catalogue.index_claims["explained"]):
        return "explained"
    if any(re.search(p, cell.lower()) for cell in cells for p in catalogue.index_claims.get("explained_cells", ())):
        return "explained"
    if any(re.search(p, lowered) for p in catalogue.index_claims.get("not_disclosed", ())):
        return "omitted"
    said = any(re.search(p, cell.lower()) for cell in cells for p in catalogue.index_claims.get("disclosed", ()))
    if refs or sections or said or _NIL_STATEMENT.search(segment):
        return "disclosed"
    omitted = catalogue.index_claims["omitted"]
    if any(re.search(p, cell.lower()) for cell in cells for p in omitted):
        return "omitted"
    return "disclosed"


def _trailing(flat: str) -> str:
    """The text after the row's requirement wording: where an index names chapters, not pages."""
    tail = re.split(r"[.;)]\s", flat)[-1] if re.search(r"[.;)]\s", flat) else ""
    tail = _OBLIGATION.sub("", tail).strip(" .")
    return tail[:160]
