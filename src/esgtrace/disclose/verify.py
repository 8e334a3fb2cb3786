"""Check the report's content index against the analysis: each disagreement is a finding."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from esgtrace.disclose.catalogue import Catalogue
from esgtrace.disclose.model import IndexRow, ItemStatus, Mismatch
from esgtrace.disclose.passages import Passage
from esgtrace.ingest.model import Document

_LABEL = re.compile(r"^\s*(?:page\s*)?(\d{1,4})\s*$", re.I)


def page_labels(doc: Document) -> dict[int, int]:
    """Printed page number -> 1-based PDF page, from page-number lines at a page's top or foot.

    Where a page shows no label, the most common offset between labelled pages fills it in.
    """
    if not doc.paginated:
        return {}
    seen: dict[int, int] = {}
    for page in doc.pages:
        edge = list(page.lines[:3]) + list(page.lines[-3:])
        for line in edge:
            m = _LABEL.match(line.text)
            if m and int(m.group(1)) <= len(doc.pages) + 20:
                seen[page.number] = int(m.group(1))
                break
    offsets = Counter(number - label for number, label in seen.items())
    if not offsets:
        return {}
    offset = offsets.most_common(1)[0][0]
    return {page.number - offset: page.number for page in doc.pages if page.number - offset > 0}


def mismatches(
    rows: Sequence[IndexRow],
    items: Sequence[ItemStatus],
    passages: Sequence[Passage],
    doc: Document,
    catalogue: Catalogue,
    version: str,
) -> list[Mismatch]:
    """Index claims the analysis does not bear out, and required items the index leaves out.

    :param rows: the parsed content index
    :param items: the analysis of the same report
    :param passages: the report's passages without the index (to look on claimed pages)
    """
    status = {s.item: s for s in items}
    labels = page_labels(doc)
    found: list[Mismatch] = []
    for row in rows:
        analysed = status.get(row.item)
        if analysed is None:
            found.append(Mismatch(row.item, "not-in-version", f"the index lists {row.item}, which the {version} version does not have", row.claim, "", "info"))
            continue
        where = f" ({row.where})" if row.where else ""
        if row.claim == "disclosed" and analysed.status == "missing":
            found.append(Mismatch(row.item, "claimed-not-found", f"the index claims {row.item} disclosed{where}, but nothing in the report discloses it", row.claim, analysed.status, "error"))
        elif row.claim == "disclosed" and analysed.status in ("explained", "not_applicable"):
            found.append(Mismatch(row.item, "claimed-but-explained", f"the index claims {row.item} disclosed{where}, but the report explains it away", row.claim, analysed.status))
        elif row.claim in ("omitted", "not_applicable") and analysed.status == "disclosed":
            found.append(Mismatch(row.item, f"{row.claim}-but-found", f"the index marks {row.item} {row.claim.replace('_', ' ')}, but the report addresses it ({_place(analysed)})", row.claim, analysed.status, "info"))
        if row.claim == "disclosed" and analysed.status == "disclosed" and row.pages and labels:
            targets = {labels[p] for p in row.pages if p in labels}
            if targets and not _addressed_on(catalogue, row.item, passages, targets):
                printed = ", ".join(str(p) for p in row.pages)
                elsewhere = sorted({e.page for e in analysed.evidence if e.page})
                found.append(Mismatch(row.item, "claimed-elsewhere", f"the index points {row.item} to page {printed}; nothing there addresses it (found on PDF page {', '.join(map(str, elsewhere)) or '-'})", row.claim, analysed.status))
    listed = {r.item for r in rows}
    if rows:
        for s in items:
            if s.item not in listed and s.obligation in ("mandatory", "comply_or_explain"):
                found.append(Mismatch(s.item, "not-in-index", f"{s.item} ({s.obligation.replace('_', ' ')}) is not in the content index", "", s.status, "info"))
    return found


def _addressed_on(catalogue: Catalogue, item_id: str, passages: Sequence[Passage], pages: set[int]) -> bool:
    """Whether any passage on ``pages`` holds a term of the item's main signal group or figure labels."""
    item = catalogue.item(item_id)
    terms = list(item.signals[0]) + (list(item.figures.labels) if item.figures else []) + list(item.keywords)
    rx = re.compile("|".join((r"\b" if t[:1].isascii() and t[:1].isalnum() else "") + re.escape(t) for t in terms), re.I)
    return any(p.page in pages and rx.search(p.text) for p in passages)


def _place(status: ItemStatus) -> str:
    if not status.evidence:
        return "-"
    first = status.evidence[0]
    return f"page {first.page}" if first.page else f"line {first.line}"
