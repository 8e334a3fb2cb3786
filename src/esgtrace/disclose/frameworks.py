"""Read the GRI and SASB content indexes a report prints beside (or instead of) the HKEX one.

The same shape rules as the HKEX index (see :mod:`esgtrace.disclose.index`): a dense run of
disclosure numbers under the framework's name; each row runs to the next number and says
where the information is ("page 23", "SR Page 6", a trailing page number) or that it is
"Not reported".
"""

from __future__ import annotations

import re
from dataclasses import replace

from esgtrace.disclose.catalogue import Catalogue, Framework
from esgtrace.disclose.index import (
    _LOOKBACK,
    _densest_run,
    _joined,
    _last_le,
    _Marker,
    _region_lines,
    _row,
    _span,
    _tail_end,
)
from esgtrace.disclose.model import IndexRow
from esgtrace.disclose.passages import Stream, stream
from esgtrace.ingest.model import Document

_MIN_CODES = 8  # distinct disclosure numbers before a run counts as an index
_LINE_END_PAGES = re.compile(r"(?<=[\u3400-\u9fff\s])(\d{1,3}(?:\s?[-–]\s?\d{1,3})?(?:\s?[、,，]\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?)*)\s*$", re.M)


def read_framework_indexes(doc: Document, catalogue: Catalogue) -> list[IndexRow]:
    """The GRI / SASB content index rows of ``doc``, in reading order (empty when none).

    :param doc: a parsed report
    :param catalogue: the catalogue, whose ``frameworks`` say how to find each index
    """
    return read_framework_scan(doc, catalogue)[0]


def read_framework_scan(doc: Document, catalogue: Catalogue) -> tuple[list[IndexRow], frozenset[tuple[int, int]]]:
    """The GRI / SASB rows of ``doc`` and the (page, line) of every line of their indexes
    (left out of the evidence search: an index row that cites a page is not a disclosure)."""
    rows: list[IndexRow] = []
    places: set[tuple[int, int]] = set()
    full = stream(doc)
    for framework in catalogue.frameworks:
        found, where = _read(doc, full, framework, catalogue)
        rows += found
        places |= where
    return rows, frozenset(places)


def _read(doc: Document, full: Stream, framework: Framework, catalogue: Catalogue) -> tuple[list[IndexRow], set[tuple[int, int]]]:
    code = re.compile(framework.code)
    run = _densest_run(list(code.finditer(full.text)))
    if len({m.group(1) for m in run}) < _MIN_CODES:
        return [], set()
    first, last = run[0].start(), run[-1].end()
    title = re.compile("|".join(framework.titles))
    if not title.search(full.text, max(0, first - _LOOKBACK), last):
        return [], set()
    lines = _region_lines(doc, full, first, _tail_end(full.text, last))
    text, offsets = _joined(lines)
    markers = [_Marker(m.start(), m.end(), f"{framework.name} {m.group(1)}", m.group(0).strip()) for m in code.finditer(text)]
    rows = []
    for i, marker in enumerate(markers):
        segment = text[marker.end : markers[i + 1].start if i + 1 < len(markers) else len(text)]
        page, line, _ = lines[max(0, _last_le(offsets, marker.start))]
        row = _row(marker, segment, page if doc.paginated else None, line, catalogue)
        if not row.pages:  # "102-1 组织名称 5": a page number closing the line
            tail = _LINE_END_PAGES.search(segment.split("\n")[0])
            if tail:
                parts = [p.replace("–", "-").partition("-") for p in re.split(r"[、,，]", tail.group(1))]
                pages = tuple(sorted({n for lo, _, hi in parts for n in _span(lo.strip(), hi.strip() or None)}))
                if pages:
                    row = replace(row, pages=pages, where=tail.group(1), claim="disclosed" if row.claim == "omitted" else row.claim)
        rows.append(replace(row, framework=framework.name))
    return rows, {(p, n) for p, n, _ in lines}
