"""Fixtures shared by the whole suite: the shared corpus beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ESGTRACE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


def pytest_configure(config: pytest.Config) -> None:
    if not CORPUS.is_dir():
        raise pytest.UsageError(f"the shared corpus is missing: expected it at {CORPUS}")


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def scorer() -> ModuleType:
    """The shared scorer ``tools/score_facts.py``, loaded as ``make eval`` loads it."""
    from esgtrace.evaluate import load_scorer

    return load_scorer(SHARED)


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def pdf_dir() -> Path:
    return CORPUS / "pdf"


@pytest.fixture(scope="session")
def text_dir() -> Path:
    return CORPUS / "text"


# ---- databases: every store test runs against SQLite and PostgreSQL ----------------
# scripts/postgres.sh starts a server and prints its URL; `make test` passes it in
# ESGTRACE_TEST_POSTGRES. In CI (CI=true) a missing server fails the run, elsewhere the
# PostgreSQL half is skipped with the reason shown.


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get("ESGTRACE_TEST_POSTGRES", "")
    problem = "ESGTRACE_TEST_POSTGRES is not set (run scripts/postgres.sh)" if not url else None
    if url:
        import psycopg

        try:
            psycopg.connect(url, connect_timeout=5).close()
        except psycopg.Error as error:
            problem = f"PostgreSQL at {url} is not reachable: {error}"
    if problem:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(problem)
        pytest.skip(problem)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> object:
    """A fresh, empty database: an SQLite file, or a new PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield str(tmp_path / "esgtrace.db")
        return
    import uuid

    import psycopg

    server = request.getfixturevalue("postgres_url")
    name = f"esgtrace_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db(db_url: str) -> object:
    from esgtrace.database import Database

    database = Database(db_url)
    yield database
    database.close()
