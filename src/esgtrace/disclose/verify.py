"""Check the report's content index against the analysis: each disagreement is a finding."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from esgtrace.disclose.catalogue import Catalogue
from esgtrace.disclose.model import IndexRow, ItemStatus, Mismatch
from esgtrace.disclose.passages import Passage
from esgtrace.ingest.model import Document

_CODE = re.compile(r"(?<![\w.])([AB]\d{1,2}\.\d{1,2})(?![\d.]\d)")
_TRAILING_LABEL = re.compile(r"^(?P<rest>.*?)(?:page\s*)?(?<![\d.,])(?P<n>\d{1,4})$", re.I)
_LEADING_LABEL = re.compile(r"^(?P<n>\d{1,4})(?![\d.,])\s+(?P<rest>\D.*)$")


def page_labels(doc: Document) -> dict[int, int]:
    """Printed page number -> 1-based PDF page, from the page numbers printed at a page's top or foot.

    A label is a number alone on an edge line, or a number before or after a running
    header/footer text that repeats on three or more pages ("Company | 2024 ESG Report 7").
    Where a page shows no label, the most common offset between labelled pages fills it in.
    """
    if not doc.paginated:
        return {}
    candidates: dict[int, list[tuple[str, int]]] = {}
    for page in doc.pages:
        edge = list(page.lines[:3]) + list(page.lines[-3:])
        for line in edge:
            text = line.text.strip()
            for m in (_TRAILING_LABEL.match(text), _LEADING_LABEL.match(text)):
                if m and int(m.group("n")) <= len(doc.pages) + 50:
                    candidates.setdefault(page.number, []).append((m.group("rest").strip(), int(m.group("n"))))
    frames = Counter(rest for found in candidates.values() for rest in {r for r, _ in found})
    seen: dict[int, int] = {}
    for number, found in candidates.items():
        for rest, label in found:
            if rest == "" or frames[rest] >= 3:
                seen[number] = label
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
        if row.claim == "disclosed" and analysed.status == "disclosed" and analysed.missing_parts:
            found.append(Mismatch(row.item, "claimed-partial", f"the index claims {row.item} disclosed{where}, but the report gives it without {', '.join(analysed.missing_parts)}", row.claim, analysed.status, "info"))
        if row.claim == "disclosed" and analysed.status == "disclosed" and row.pages and labels:
            targets = {labels[p] for p in row.pages if p in labels}
            if targets and not _addressed_on(catalogue, row.item, passages, targets):
                printed = ", ".join(str(p) for p in row.pages)
                elsewhere = sorted({e.page for e in analysed.evidence if e.page})
                pdf_pages = ", ".join(str(p) for p in sorted(targets))
                found.append(Mismatch(row.item, "claimed-elsewhere", f"the index points {row.item} to page {printed} (PDF page {pdf_pages}), where nothing addresses it; "
                                      f"the evidence is on PDF page {', '.join(map(str, elsewhere)) or '-'}", row.claim, analysed.status))
    for row in rows:  # "KPI A6.1 is not applicable" in the B6.1 row: a code the Guide does not have
        for code in _CODE.findall(row.text):
            if code != row.item and not any(code == it.id for it in catalogue.items):
                found.append(Mismatch(row.item, "index-typo", f"the {row.item} row names {code}, which is not an HKEX item", row.claim, "", "info"))
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
