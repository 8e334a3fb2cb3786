"""What :func:`esgtrace.disclosure` returns: the item matrix, rates, index rows and mismatches."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["disclosed", "explained", "not_applicable", "missing"]
Claim = Literal["disclosed", "explained", "not_applicable", "omitted"]
STATUSES: tuple[Status, ...] = ("disclosed", "explained", "not_applicable", "missing")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where the report addresses an item: page (``None`` in an unpaginated text), line, quote."""

    page: int | None
    line: int | None
    quote: str
    method: str  # passage | figure | fact | reason | nil
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class ItemStatus:
    """One row of the matrix: an item, its obligation in the version and what the report does."""

    item: str
    short_name: str
    subject_area: str
    obligation: str
    quantitative: bool | str
    status: Status
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""
    missing_parts: tuple[str, ...] = ()  # what a complete disclosure would add ("by age group", "rate")

    @property
    def page(self) -> int | None:
        return self.evidence[0].page if self.evidence else None

    @property
    def quote(self) -> str:
        return self.evidence[0].quote if self.evidence else ""


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One row of the report's own content index, as printed.

    :param item: catalogue item id (``A1.GD`` for an aspect's general disclosure)
    :param label: the item as the index names it (``KPI A1.1``, ``General Disclosure``)
    :param where: the claimed place: page references and section names as printed
    :param pages: printed page numbers the claim covers
    :param claim: disclosed | explained | not_applicable | omitted
    """

    item: str
    label: str
    where: str
    pages: tuple[int, ...]
    claim: Claim
    obligation_claimed: str
    page: int | None
    line: int | None
    text: str
    framework: str = "HKEX"


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A place where the content index and the analysis disagree: a finding for the audit."""

    item: str
    code: str  # claimed-not-found | claimed-elsewhere | claimed-omitted-but-found | not-in-index
    message: str
    claim: str
    status: str
    severity: str = "warning"


@dataclass(frozen=True, slots=True)
class DisclosureResult:
    """The disclosure analysis of one report against one HKEX version."""

    document: str
    sha256: str
    issuer: str | None
    period: str | None
    version: str
    version_label: str
    version_source: str  # option | period_start | period | default
    items: tuple[ItemStatus, ...]
    rates: dict[str, dict[str, float | int | None]]
    index_rows: tuple[IndexRow, ...] = ()
    other_index_rows: tuple[IndexRow, ...] = ()  # GRI / SASB content index rows, as printed
    index_found: bool = False
    index_pages: tuple[int, ...] = ()
    mismatches: tuple[Mismatch, ...] = ()
    facts_used: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def index_message(self) -> str:
        if not self.index_found:
            return "no HKEX content index found"
        return f"HKEX content index found: {len(self.index_rows)} rows"

    def item(self, item_id: str) -> ItemStatus:
        for row in self.items:
            if row.item == item_id:
                return row
        raise KeyError(item_id)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["index_message"] = self.index_message
        return data
