"""initial: issuers, reports, facts, audit findings, disclosure items

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _report_id() -> sa.Column[int]:
    return sa.Column("report_id", sa.Integer(), sa.ForeignKey("report.id", ondelete="CASCADE"), nullable=False, index=True)


def upgrade() -> None:
    op.create_table("issuer", _id(), sa.Column("name", sa.Text(), nullable=False))
    op.create_table(
        "issuer_name",
        _id(),
        sa.Column("issuer_id", sa.Integer(), sa.ForeignKey("issuer.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False, unique=True),
    )
    op.create_table(
        "issuer_ticker",
        _id(),
        sa.Column("issuer_id", sa.Integer(), sa.ForeignKey("issuer.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("ticker", sa.Text(), nullable=False, unique=True),
    )
    op.create_table(
        "report",
        _id(),
        sa.Column("issuer_id", sa.Integer(), sa.ForeignKey("issuer.id", ondelete="SET NULL"), nullable=True, index=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("format", sa.String(10), nullable=True),
        sa.Column("company", sa.Text(), nullable=True),
        sa.Column("period", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Text(), nullable=True),
        sa.Column("period_end", sa.Text(), nullable=True),
        sa.Column("framework_version", sa.Text(), nullable=True),
        sa.Column("language", sa.String(10), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("issues", sa.JSON(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "fact",
        _id(),
        _report_id(),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("company", sa.Text(), nullable=True),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Text(), nullable=True),
        sa.Column("period_end", sa.Text(), nullable=True),
        sa.Column("breakdown", sa.JSON(), nullable=False),
        sa.Column("breakdown_key", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("reported_value", sa.Text(), nullable=False),
        sa.Column("reported_unit", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("restated", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_fact_metric_period", "fact", ["metric", "period"])
    op.create_table(
        "finding",
        _id(),
        _report_id(),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("expected", sa.Float(), nullable=True),
        sa.Column("actual", sa.Float(), nullable=True),
        sa.Column("difference", sa.Float(), nullable=True),
    )
    op.create_table(
        "disclosure_item",
        _id(),
        _report_id(),
        sa.Column("version", sa.Text(), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
    )


def downgrade() -> None:
    for table in ("disclosure_item", "finding", "fact", "report", "issuer_ticker", "issuer_name", "issuer"):
        op.drop_table(table)
