"""Reviews: a person marks a stored fact correct or wrong, or corrects its value.

A review is stored beside the extracted value (table ``review``) with who and when.
It names its fact by report content hash, metric, period and breakdown, so it outlives
re-ingestion: the new fact rows of the same report find their reviews again. Every
verdict is kept; the latest one of a fact is the one shown and exported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from esgtrace.store.errors import BadChoice, FactNotFound
from esgtrace.store.schema import FactRow, Review

VERDICTS = ("correct", "wrong", "corrected")
ReviewKey = tuple[str, str, str, str]


@dataclass(frozen=True)
class ReviewInfo:
    """The latest verdict on one fact: ``value`` is the corrected value (``corrected`` only)."""

    id: int
    fact_id: int | None
    verdict: str
    value: float | None
    extracted_value: float
    unit: str
    note: str | None
    reviewer: str
    reviewed_at: datetime

    @classmethod
    def of(cls, row: Review, fact_id: int | None) -> ReviewInfo:
        return cls(row.id, fact_id, row.verdict, row.value, row.extracted_value, row.unit, row.note,
                   row.reviewer, row.reviewed_at)

    @property
    def reviewed_value(self) -> float | None:
        """The value the reviewer stands by: the correction, the extracted value if correct, else none."""
        if self.verdict == "corrected":
            return self.value
        return self.extracted_value if self.verdict == "correct" else None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "fact_id": self.fact_id, "verdict": self.verdict, "value": self.value,
                "extracted_value": self.extracted_value, "unit": self.unit, "note": self.note,
                "reviewer": self.reviewer, "reviewed_at": self.reviewed_at.isoformat()}


def fact_key(fact: FactRow) -> ReviewKey:
    return fact.sha256, fact.metric, fact.period, fact.breakdown_key or ""


def add_review(session: Session, fact_id: int, verdict: str, value: float | None = None,
               reviewer: str = "", note: str | None = None) -> ReviewInfo:
    """See :meth:`esgtrace.Database.review`."""
    if verdict not in VERDICTS:
        raise BadChoice("verdict", verdict, ", ".join(VERDICTS))
    if (verdict == "corrected") != (value is not None):
        raise BadChoice("value", value, "a number with verdict 'corrected', and only then")
    if value is not None and value != value:  # NaN
        raise BadChoice("value", value, "a finite number")
    fact = session.get(FactRow, fact_id)
    if fact is None:
        raise FactNotFound(fact_id)
    sha256, metric, period, key = fact_key(fact)
    row = Review(sha256=sha256, metric=metric, period=period, breakdown_key=key, verdict=verdict, value=value,
                 extracted_value=fact.value, unit=fact.unit, note=(note or None), reviewer=reviewer.strip()[:200] or "anonymous",
                 reviewed_at=datetime.now(timezone.utc))
    session.add(row)
    session.flush()
    return ReviewInfo.of(row, fact.id)


def latest_reviews(session: Session, facts: Iterable[FactRow]) -> dict[int, ReviewInfo]:
    """The latest review of each of ``facts`` that has one, by fact id."""
    by_key: dict[ReviewKey, int] = {fact_key(f): f.id for f in facts}
    if not by_key:
        return {}
    found: dict[int, ReviewInfo] = {}
    keys = list(by_key)
    for start in range(0, len(keys), 200):  # a bounded IN list per query
        chunk = keys[start:start + 200]
        query = (select(Review)
                 .where(tuple_(Review.sha256, Review.metric, Review.period, Review.breakdown_key).in_(chunk))
                 .order_by(Review.id))
        for row in session.scalars(query):
            fact_id = by_key[(row.sha256, row.metric, row.period, row.breakdown_key)]
            found[fact_id] = ReviewInfo.of(row, fact_id)  # later rows replace earlier ones
    return found
