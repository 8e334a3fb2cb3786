"""The database tables, as SQLAlchemy 2 declarative models.

The Alembic migrations in ``migrations/versions`` create exactly these tables; a
test compares the two so they cannot drift. A fact row carries every field of the
exchange format (``shared/spec/FACTS_FORMAT.md``) plus its report and the
restatement flag; issuers hold their name variants and tickers in side tables so
matching is an indexed lookup.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Issuer(Base):
    __tablename__ = "issuer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    names: Mapped[list[IssuerName]] = relationship(back_populates="issuer", cascade="all, delete-orphan")
    tickers: Mapped[list[IssuerTicker]] = relationship(back_populates="issuer", cascade="all, delete-orphan")


class IssuerName(Base):
    """A name variant seen in a report; ``key`` is the normalised form matched on."""

    __tablename__ = "issuer_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuer.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, unique=True)
    issuer: Mapped[Issuer] = relationship(back_populates="names")


class IssuerTicker(Base):
    """An exchange listing such as ``HKEX:3896`` (exchange upper-case, code without leading zeros)."""

    __tablename__ = "issuer_ticker"

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuer.id", ondelete="CASCADE"), index=True)
    ticker: Mapped[str] = mapped_column(Text, unique=True)
    issuer: Mapped[Issuer] = relationship(back_populates="tickers")


class Report(Base):
    """One source file (by content hash) and what happened when it was ingested."""

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_id: Mapped[int | None] = mapped_column(ForeignKey("issuer.id", ondelete="SET NULL"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    document: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String(10))
    company: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[str | None] = mapped_column(Text)
    period_end: Mapped[str | None] = mapped_column(Text)
    framework_version: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(10))
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    extractor_version: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))  # "ok", or "failed" with the reason in error
    error: Mapped[str | None] = mapped_column(Text)
    issues: Mapped[list[Any]] = mapped_column(default=list)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    facts: Mapped[list[FactRow]] = relationship(back_populates="report", cascade="all, delete-orphan", passive_deletes=True)


class FactRow(Base):
    """One fact of one report: the exchange-format fields, plus ``restated``."""

    __tablename__ = "fact"
    __table_args__ = (Index("ix_fact_metric_period", "metric", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    document: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    company: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    period: Mapped[str] = mapped_column(Text)
    period_start: Mapped[str | None] = mapped_column(Text)
    period_end: Mapped[str | None] = mapped_column(Text)
    breakdown: Mapped[dict[str, Any]] = mapped_column(default=dict)
    breakdown_key: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Text)
    reported_value: Mapped[str] = mapped_column(Text)
    reported_unit: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    notes: Mapped[list[Any]] = mapped_column(default=list)
    sources: Mapped[list[Any]] = mapped_column(default=list)
    restated: Mapped[bool] = mapped_column(Boolean, default=False)
    report: Mapped[Report] = relationship(back_populates="facts")


class Passage(Base):
    """A run of lines of one page, as the full-text index holds it (filled at ingest).

    ``page`` is ``None`` for a text file without page breaks, whose lines are the
    file's; ``terms`` is the text folded for the PostgreSQL index (case folded, Chinese
    as overlapping character pairs, see :func:`esgtrace.store.passages.index_terms`);
    ``tags`` name its report and year for SQLite's index (``r12 y2023``), so a filter is
    one more term of the full-text query rather than a join.
    """

    __tablename__ = "passage"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    page: Mapped[int | None] = mapped_column(Integer)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    terms: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text, default="")


#: What the search index keeps outside the models: SQLite's FTS5 table and its shadow
#: tables, PostgreSQL's expression index (names all start with this).
INDEX_TABLE_PREFIX = "passage_fts"


def include_name(name: str | None, type_: str, _parent: Any = None) -> bool:
    """Alembic's filter: the full-text index's own tables are not models."""
    return not (type_ in ("table", "index") and name is not None and name.startswith(INDEX_TABLE_PREFIX))


class Finding(Base):
    """An audit rule's verdict on a report (filled by the audit stage)."""

    __tablename__ = "finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    facts: Mapped[list[Any]] = mapped_column(default=list)
    expected: Mapped[float | None] = mapped_column(Float)
    actual: Mapped[float | None] = mapped_column(Float)
    difference: Mapped[float | None] = mapped_column(Float)


class DisclosureItem(Base):
    """Whether a report discloses one framework item, and where (filled by the disclosure stage)."""

    __tablename__ = "disclosure_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    version: Mapped[str] = mapped_column(Text)
    item: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    page: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)


class TargetRow(Base):
    """A target or pledge of one report (filled at ingest by the targets stage)."""

    __tablename__ = "target"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    metric: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    pillar: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str | None] = mapped_column(Text)
    boundary: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    baseline_value: Mapped[str | None] = mapped_column(Text)
    target_year: Mapped[int | None] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(Text)
    change_value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(20))
    page: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(10))
    method: Mapped[str | None] = mapped_column(String(20))
    progress: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Review(Base):
    """A reviewer's verdict on a fact, kept beside the extracted value.

    It names the fact by what makes it unique (report content hash, metric, period,
    breakdown), not by the fact's row id, so re-ingesting the report (which writes new
    fact rows) never loses or overwrites it. Every verdict is kept; the latest counts.
    """

    __tablename__ = "review"
    __table_args__ = (Index("ix_review_key", "sha256", "metric", "period", "breakdown_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    metric: Mapped[str] = mapped_column(Text)
    period: Mapped[str] = mapped_column(Text)
    breakdown_key: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str] = mapped_column(String(10))  # correct | wrong | corrected
    value: Mapped[float | None] = mapped_column(Float)  # the corrected value, in the fact's unit
    extracted_value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(Text)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
