"""The store: schema, ingest idempotence, bad files, interrupted batches, both back ends.

Every test that takes ``db`` runs twice: on an SQLite file and on a fresh PostgreSQL
database (see ``db_url`` in conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner

import esgtrace
from esgtrace.extract.model import Fact
from esgtrace.database import Database
from esgtrace.store import DatabaseError
from esgtrace.store.database import database_url, head_revision
from esgtrace.store.schema import Base, FactRow, Report, include_name
from esgtrace.store.work import Outcome, extractor, process
from esgtrace.store.writer import write_outcome
from tests.conftest import GOLD


def gold_outcome(name: str, *, sha256: str | None = None, company: str | None = None, period: str | None = None,
                 tickers: tuple[str, ...] = (), values: dict[tuple[str, str], float] | None = None) -> Outcome:
    """The hand-checked gold facts of one corpus report, shaped as a worker's result.

    ``values`` replaces the value of (metric, period) totals: a later report restating them.
    """
    gold = yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))
    digest = sha256 or f"{name:0<64}"[:64]
    facts = []
    for item in gold["facts"]:
        key = (item["metric"], str(item["period"]))
        value = (values or {}).get(key, item["value"]) if not item.get("breakdown") else item["value"]
        fact = Fact(document=gold["document"], sha256=digest, company=company or gold["company"],
                    metric=item["metric"], period=str(item["period"]), breakdown=item.get("breakdown") or {},
                    value=value, unit=item["unit"], reported_value=str(item["reported_value"]),
                    reported_unit=item.get("reported_unit") or "", page=item.get("page"), line=item.get("line"),
                    quote=item["quote"][:250])
        facts.append(fact.model_dump(mode="json"))
    meta = {"document": gold["document"], "company": company or gold["company"], "tickers": list(tickers),
            "period": period or str(gold["report_period"]).split()[0], "page_count": 1, "format": "text"}
    return Outcome(path=str(GOLD / gold["document"]), sha256=digest, ok=True, meta=meta, facts=facts)


def store_gold(db: Database, name: str, **changes: Any) -> int:
    report_id, error = write_outcome(db.sessions, gold_outcome(name, **changes), "gold")
    assert error is None
    return report_id


def counts(db: Database) -> tuple[int, int]:
    with db.sessions() as session:
        return session.scalar(select(func.count(Report.id))) or 0, session.scalar(select(func.count(FactRow.id))) or 0


def head_revision() -> str:
    """The newest migration shipped with the package (the chain's head)."""
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(resources.files("esgtrace.store").joinpath("migrations")))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def test_migrations_build_exactly_the_models(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection, opts={"include_name": include_name}), Base.metadata) == []
        assert connection.execute(text("select version_num from alembic_version")).scalar() == head_revision()
    Database(db.url.render_as_string(hide_password=False)).close()  # opening again is a no-op


def test_gold_facts_round_trip_with_every_field(db: Database) -> None:
    store_gold(db, "kingsoft_cloud_esg_2023", tickers=("HKEX:3896",))
    facts = db.facts(metric="ghg_scope1_2")
    assert {(f.period, f.value) for f in facts} == {("2022", 35850.34), ("2023", 59007.89)}
    one = facts[0]
    assert one.issuer == "Kingsoft Cloud Holdings Limited" and one.line == 58 and one.page is None
    assert one.quote.startswith("Total GHG emissions") and one.unit == "tCO2e" and not one.restated
    female = db.facts(metric="employees_total", period="2023", issuer="HKEX:3896")
    assert {"gender": "female"} in [f.breakdown for f in female]


def test_long_free_text_is_stored_alike_on_both_back_ends(db: Database) -> None:
    outcome = gold_outcome("kuaishou_esg_2020", company="Kuaishou Technology " + "x" * 400)
    outcome.facts[0] = {**outcome.facts[0], "reported_unit": "tonnes " * 60, "period": "FY2020 (" + "y" * 80 + ")"}
    assert write_outcome(db.sessions, outcome, "gold")[1] is None
    assert any(len(f.reported_unit) > 300 for f in db.facts())


def test_ingest_is_idempotent_by_content(db: Database, corpus: Path, tmp_path: Path) -> None:
    texts = len(list((corpus / "text").glob("*.txt")))
    first = db.ingest([corpus / "text"])
    assert (first.stored, first.skipped, first.failed) == (texts, 0, 0)
    before = counts(db)
    again = db.ingest(corpus / "text")
    assert (again.stored, again.skipped) == (0, texts)
    assert counts(db) == before
    # Same bytes under another name are the same report: skipped, not stored twice.
    copy = tmp_path / "renamed.txt"
    shutil.copy(corpus / "text" / "kuaishou_esg_2020.txt", copy)
    assert db.ingest([copy]).skipped == 1
    forced = db.ingest([corpus / "text" / "kuaishou_esg_2020.txt"], force=True)
    assert forced.stored == 1 and counts(db) == before


def test_newer_extractor_version_reingests(db: Database, corpus: Path) -> None:
    path = corpus / "text" / "news_tencent_esg_2023.txt"
    db.ingest([path])
    with db.sessions.begin() as session:
        session.execute(Report.__table__.update().values(extractor_version="0.0.0-old"))
    assert db.ingest([path]).stored == 1
    assert [r.extractor_version for r in db.reports()] == [extractor()[1]]


def test_a_bad_file_is_recorded_and_the_batch_goes_on(db: Database, corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "damaged.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    shutil.copy(corpus / "text" / "kingsoft_cloud_esg_2023.txt", tmp_path / "good.txt")
    summary = db.ingest([tmp_path])
    assert (summary.stored, summary.failed) == (1, 2)
    by_name = {r.document: r for r in db.reports()}
    assert by_name["empty.pdf"].status == "failed" and "empty" in (by_name["empty.pdf"].error or "")
    assert "damaged" in (by_name["damaged.pdf"].error or "")
    assert by_name["good.txt"].status == "ok" and by_name["good.txt"].issuer


def test_a_failed_write_leaves_no_half_report(db: Database) -> None:
    """A database error after some facts are written rolls the whole report back."""
    outcome = gold_outcome("kuaishou_esg_2020")
    outcome.facts[-1] = {**outcome.facts[-1], "value": None}  # NOT NULL: fails mid-report
    report_id, error = write_outcome(db.sessions, outcome, "gold")
    assert error is not None and "could not store" in error
    assert counts(db) == (1, 0)
    assert db.reports()[0].status == "failed" and db.issuers() == []


@pytest.fixture
def batch(tmp_path: Path, corpus: Path) -> Path:
    """The corpus text files and two PDFs (English tables, Chinese prose)."""
    folder = tmp_path / "batch"
    shutil.copytree(corpus / "text", folder)
    for name in ("bp_esg_datasheet_2023.pdf", "shennan_circuits_sustainability_2021_zh.pdf"):
        shutil.copy(corpus / "pdf" / name, folder / name)
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupted_batch_keeps_whole_reports_and_resumes(db: Database, batch: Path, jobs: int) -> None:
    seen: list[str] = []

    def stop_after_two(step: Any) -> None:
        seen.append(step.path)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        db.ingest([batch], jobs=jobs, progress=stop_after_two)
    # Reports that arrived together are committed together: what was reported is stored,
    # whole, and perhaps a few more of the same transaction.
    stored = {r.path for r in db.reports()}
    assert set(seen) <= stored and all(r.status == "ok" for r in db.reports())
    resumed = db.ingest([batch], jobs=jobs)
    total = len(list(batch.iterdir()))
    assert (resumed.skipped, resumed.stored, resumed.failed) == (len(stored), total - len(stored), 0)
    assert len(db.reports()) == total


def test_a_killed_batch_resumes_where_it_stopped(db_url: str, batch: Path) -> None:
    """SIGKILL the real command mid-batch: what it stored is whole, the rerun does the rest."""
    Database(db_url).close()  # create the schema so the count below can run
    engine = create_engine(database_url(db_url))
    child = subprocess.Popen([sys.executable, "-m", "esgtrace", "ingest", str(batch), "--db", db_url],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    while child.poll() is None and stored < 2:
        with engine.connect() as connection:
            stored = connection.execute(select(func.count(Report.id))).scalar() or 0
        time.sleep(0.02)
    killed = child.poll() is None
    if killed:
        child.send_signal(signal.SIGKILL)
    assert child.wait() == (-signal.SIGKILL if killed else 0)
    engine.dispose()
    db = Database(db_url)
    before = db.reports()
    files = len(list(batch.iterdir()))
    assert all(r.status == "ok" for r in before) and (len(before) < files or not killed)
    for report in before:  # each stored report has all of its facts
        assert report.facts == len(process(report.path, report.sha256).facts)
    resumed = db.ingest([batch])
    assert resumed.skipped == len(before) and resumed.stored == files - len(before)
    db.close()


def test_a_worker_that_dies_fails_its_file_only(db: Database, batch: Path) -> None:
    """No real file crashes pdfium on demand, so the death is injected; the rest is real."""
    from esgtrace.store.executors.local import LocalExecutor
    from tests.faults import faulty

    files = len(list(batch.iterdir()))
    (batch / "crash_me.txt").write_text("Scope 1 emissions 2023: 1,234 tCO2e\n", encoding="utf-8")
    summary = db.ingest([batch], executor=LocalExecutor(jobs=2, work=faulty))
    assert (summary.stored, summary.failed) == (files, 1)
    (failed,) = [r for r in db.reports() if r.status == "failed"]
    assert failed.document == "crash_me.txt" and "worker process died" in (failed.error or "")


def test_parallel_workers_store_the_same_as_one(db: Database, batch: Path, tmp_path: Path) -> None:
    parallel = db.ingest([batch], jobs=2)
    assert parallel.stored == len(list(batch.iterdir())) and parallel.pages == sum(r.page_count for r in db.reports())
    single = Database(tmp_path / "single.db")
    single.ingest([batch], jobs=1)
    key = lambda r: (r.sha256, r.issuer, r.period, r.page_count, r.facts)  # noqa: E731
    assert sorted(map(key, single.reports())) == sorted(map(key, db.reports()))
    single.close()


def test_database_addresses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESGTRACE_DB", str(tmp_path / "env.db"))
    assert database_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    with pytest.raises(DatabaseError, match="does not exist"):
        Database(tmp_path / "missing" / "x.db")
    with pytest.raises(DatabaseError, match="expected a file path"):
        Database("mysql://u@h/d")
    with pytest.raises(DatabaseError, match="cannot open it"):
        Database("postgresql://nobody@127.0.0.1:1/none")
    assert isinstance(esgtrace.Database(tmp_path / "x.db"), Database)


def test_cli_ingest_then_list(tmp_path: Path, corpus: Path) -> None:
    from esgtrace.cli import app

    runner = CliRunner()
    target = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", str(corpus / "text"), "--db", target])
    assert result.exit_code == 0, result.output
    texts = len(list((corpus / "text").glob("*.txt")))
    assert f"stored {texts}, skipped 0, failed 0" in result.output and "pages/s" in result.output
    listed = runner.invoke(app, ["reports", "--db", target, "--json"])
    assert listed.exit_code == 0 and "kuaishou_esg_2020.txt" in listed.output
    facts = runner.invoke(app, ["facts", "--issuer", "HKEX:3896", "--metric", "ghg_scope1", "--json", "--db", target])
    rows = [json.loads(line) for line in facts.output.splitlines()]
    assert facts.exit_code == 0 and rows and {r["issuer"] for r in rows} == {"Kingsoft Cloud Holdings Limited"}
    assert all(r["quote"] and r["line"] and r["document"] == "kingsoft_cloud_esg_2023.txt" for r in rows)
    table = runner.invoke(app, ["facts", "--metric", "ghg_scope1", "--period", "2023", "--db", target])
    assert table.exit_code == 0 and "66.57" in table.output
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", target])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad_db = runner.invoke(app, ["reports", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert bad_db.exit_code == 2 and "cannot open it" in bad_db.output and "Traceback" not in bad_db.output
