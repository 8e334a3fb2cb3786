"""Alembic environment: esgtrace always hands over an open connection."""

from __future__ import annotations

from alembic import context

from esgtrace.store.schema import Base, include_name

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only ALTER through table copies
    compare_type=True,
    include_name=include_name,  # the full-text index's tables are no models
)
with context.begin_transaction():
    context.run_migrations()
