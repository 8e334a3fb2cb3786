"""search vectors: PostgreSQL keeps each passage's tsvector in a narrow table of its own

Ranking (``ts_rank``) reads the vector of every passage that matches: computed from
``terms`` on each query, as the expression index of 0004 left it, a common word over
hundreds of reports took a second. ``passage_fts`` holds ``id``, ``report_id`` and the
stored ``vector`` (GIN-indexed, kept in step by a trigger on ``passage``, deleted with
its passage), rows narrow enough that the vectors stay inline and uncompressed. The
vector is the same ``to_tsvector('english', terms)``, so matches and ranks do not
change. SQLite is untouched (its FTS5 table already stores what it ranks).

Revision ID: 0005_search_vectors
Revises: 0004_search
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0005_search_vectors"
down_revision = "0004_search"
branch_labels = None
depends_on = None

VECTOR = "to_tsvector('english'::regconfig, {}.terms)"
POSTGRES_UP = (
    "CREATE TABLE passage_fts (id integer PRIMARY KEY REFERENCES passage (id) ON DELETE CASCADE, "
    "report_id integer NOT NULL, vector tsvector NOT NULL)",
    "CREATE FUNCTION passage_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"INSERT INTO passage_fts (id, report_id, vector) VALUES (NEW.id, NEW.report_id, {VECTOR.format('NEW')}) "
    "ON CONFLICT (id) DO UPDATE SET report_id = EXCLUDED.report_id, vector = EXCLUDED.vector; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER passage_fts_sync AFTER INSERT OR UPDATE OF terms, report_id ON passage "
    "FOR EACH ROW EXECUTE FUNCTION passage_fts_sync()",
    f"INSERT INTO passage_fts (id, report_id, vector) SELECT p.id, p.report_id, {VECTOR.format('p')} FROM passage p",
    "CREATE INDEX passage_fts_vector ON passage_fts USING gin (vector)",
    "CREATE INDEX passage_fts_report ON passage_fts (report_id)",
    "DROP INDEX IF EXISTS passage_fts_terms",
)
POSTGRES_DOWN = (
    "CREATE INDEX passage_fts_terms ON passage USING gin (to_tsvector('english'::regconfig, terms))",
    "DROP TRIGGER IF EXISTS passage_fts_sync ON passage",
    "DROP FUNCTION IF EXISTS passage_fts_sync()",
    "DROP TABLE IF EXISTS passage_fts",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DOWN:
            op.execute(statement)
