"""search: passages of every report and their full-text index

SQLite: an FTS5 table over ``passage.text`` (trigram tokenizer, so Chinese matches
without word breaks), kept in step by triggers. PostgreSQL: a GIN index over
``to_tsvector('english', passage.terms)``, where ``terms`` holds Chinese as character
pairs. Passages of reports stored before this revision come with ``esgtrace reindex``.

Revision ID: 0002_search
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_search"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE passage_fts USING fts5(text, content='passage', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER passage_fts_insert AFTER INSERT ON passage BEGIN "
    "INSERT INTO passage_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER passage_fts_delete AFTER DELETE ON passage BEGIN "
    "INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER passage_fts_update AFTER UPDATE ON passage BEGIN "
    "INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO passage_fts(rowid, text) VALUES (new.id, new.text); END",
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
