"""search: passages of every report and their full-text index

Both index ``passage.terms``: the text case folded, cut into words and numbers, with
Chinese (no spaces between words) as overlapping character pairs. SQLite: an FTS5 table
(porter stemmer over unicode61) of ``terms`` and ``tags`` (report and year, for filters),
kept in step by triggers. PostgreSQL: a GIN index over
``to_tsvector('english', terms)``. Passages of reports stored before this revision come with ``esgtrace reindex``.

Revision ID: 0004_search
Revises: 0003_targets
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_search"
down_revision = "0003_targets"
branch_labels = None
depends_on = None

SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE passage_fts USING fts5(terms, tags, content='passage', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER passage_fts_insert AFTER INSERT ON passage BEGIN "
    "INSERT INTO passage_fts(rowid, terms, tags) VALUES (new.id, new.terms, new.tags); END",
    "CREATE TRIGGER passage_fts_delete AFTER DELETE ON passage BEGIN "
    "INSERT INTO passage_fts(passage_fts, rowid, terms, tags) VALUES ('delete', old.id, old.terms, old.tags); END",
    "CREATE TRIGGER passage_fts_update AFTER UPDATE ON passage BEGIN "
    "INSERT INTO passage_fts(passage_fts, rowid, terms, tags) VALUES ('delete', old.id, old.terms, old.tags); "
    "INSERT INTO passage_fts(rowid, terms, tags) VALUES (new.id, new.terms, new.tags); END",
)
POSTGRES_INDEX = "CREATE INDEX passage_fts_terms ON passage USING gin (to_tsvector('english'::regconfig, terms))"


def upgrade() -> None:
    op.create_table(
        "passage",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("report.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("line_start", sa.Integer(), nullable=False),
        sa.Column("line_end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_INDEX:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(POSTGRES_INDEX)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("passage_fts_insert", "passage_fts_delete", "passage_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS passage_fts")
    op.drop_table("passage")
