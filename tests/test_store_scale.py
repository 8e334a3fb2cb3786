"""Scale-out ingest: the local pool and a real Dask cluster, with workers that die or hang.

Everything is real: worker processes, a ``distributed.LocalCluster`` of two worker
processes, a scheduler and workers started as separate commands on loopback, SQLite
and PostgreSQL. Only the faults are injected (``tests/faults.py``): a work function
that kills its process or never returns on files named for it.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from sqlalchemy import create_engine, func, select

from esgtrace.database import Database
from esgtrace.store.database import database_url
from esgtrace.store.executors import Executor, make_executor
from esgtrace.store.executors.cluster import DaskExecutor
from esgtrace.store.executors.local import LocalExecutor
from esgtrace.store.schema import Report
from tests.faults import faulty
from tests.processes import loopback_cluster


@pytest.fixture
def texts(tmp_path: Path, corpus: Path) -> Path:
    """The corpus text reports: a small batch of real reports of very unequal size."""
    folder = tmp_path / "texts"
    shutil.copytree(corpus / "text", folder)
    return folder


def add_faults(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_text(f"{name}\nScope 1 emissions 2023: 1,234 tCO2e\n", encoding="utf-8")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A real LocalCluster: two worker processes of one thread; its scheduler address."""
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=50) as local:
        yield local.scheduler_address


def executor_of(kind: str, cluster: str | None, **options: Any) -> Executor:
    if kind == "local":
        return LocalExecutor(jobs=2, **options)
    assert cluster is not None
    return DaskExecutor(scheduler=cluster, **options)


def workers_of(step: Any) -> list[str]:
    """The worker (Dask worker address, or pool slot) of each attempt, without the pid."""
    return [label.split(" (pid", 1)[0] for label in step.tried]


def test_dask_cluster_stores_what_one_process_stores(cluster: str, texts: Path, tmp_path: Path) -> None:
    with Database(tmp_path / "dask.db") as db:
        summary = db.ingest([texts], scheduler=cluster)
        assert summary.executor == f"dask executor, cluster at {cluster}, 2 workers"
        assert (summary.stored, summary.failed) == (len(list(texts.iterdir())), 0)
        assert len({w for s in summary.steps for w in workers_of(s)}) == 2  # both workers read
        assert 0 < summary.peak_worker_mb < 1024
        dask_rows = sorted((r.sha256, r.issuer, r.period, r.page_count, r.facts) for r in db.reports())
    with Database(tmp_path / "one.db") as one:
        one.ingest([texts])
        assert sorted((r.sha256, r.issuer, r.period, r.page_count, r.facts) for r in one.reports()) == dask_rows


@pytest.mark.parametrize("kind", ["local", "dask"])
def test_a_worker_killed_mid_report_is_retried_on_another_worker(kind: str, cluster: str, texts: Path, tmp_path: Path) -> None:
    add_faults(texts, "once_dies.txt", "crash_always.txt")
    with Database(tmp_path / "x.db") as db, executor_of(kind, cluster, work=faulty) as executor:
        summary = db.ingest([texts], executor=executor)
        steps = {Path(s.path).name: s for s in summary.steps}
        assert (summary.stored, summary.failed) == (len(steps) - 1, 1)
        once = steps["once_dies.txt"]  # died the first time, read on the retry
        assert once.status == "stored" and len(once.tried) == 2 and len(set(workers_of(once))) == 2
        crash = steps["crash_always.txt"]  # died on both workers: failed, with the reason
        assert crash.status == "failed" and len(set(workers_of(crash))) == 2
        assert "worker process died" in (crash.error or "") and "retry on another worker" in (crash.error or "")
        assert all(len(s.tried) == 1 for name, s in steps.items() if name not in ("once_dies.txt", "crash_always.txt"))
        stored = {r.document: r for r in db.reports()}
        assert stored["crash_always.txt"].status == "failed" and "worker process died" in (stored["crash_always.txt"].error or "")
        assert stored["once_dies.txt"].status == "ok" and len(stored) == len(steps)


@pytest.mark.parametrize("kind", ["local", "dask"])
def test_a_report_that_hangs_is_cut_at_its_time_limit(kind: str, cluster: str, corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "small"  # small reports, far inside the limit even on a busy machine
    folder.mkdir()
    for name in ("news_kuaishou_esg_2022.txt", "news_tencent_esg_2023.txt"):
        shutil.copy(corpus / "text" / name, folder / name)
    add_faults(folder, "hang_forever.txt")
    with Database(tmp_path / "x.db") as db, executor_of(kind, cluster, work=faulty, timeout=4) as executor:
        summary = db.ingest([folder], executor=executor)
        steps = {Path(s.path).name: s for s in summary.steps}
        hung = steps["hang_forever.txt"]
        assert hung.status == "failed" and "time limit of 4 s" in (hung.error or "")
        assert len(set(workers_of(hung))) == 2  # retried once on the other worker
        assert (summary.stored, summary.failed) == (2, 1), [s.error for s in summary.steps]


@pytest.mark.parametrize("kind", ["local", "dask"])
def test_workers_are_recycled_after_n_reports(kind: str, cluster: str, texts: Path, tmp_path: Path) -> None:
    add_faults(texts, "a.txt", "b.txt", "c.txt")
    with Database(tmp_path / "x.db") as db, executor_of(kind, cluster, recycle=2) as executor:
        summary = db.ingest([texts], executor=executor)
        assert summary.stored == len(list(texts.iterdir())) == 8
        per_process: dict[str, int] = {}
        for step in summary.steps:
            per_process[step.tried[-1]] = per_process.get(step.tried[-1], 0) + 1
        assert max(per_process.values()) <= 2 and len(per_process) >= 4


def _alive(pids: list[int]) -> list[int]:
    return [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]


@pytest.mark.parametrize(("db_url", "how"), [("sqlite", "dask"), ("postgresql", "scheduler"), ("sqlite", "local")],
                         indirect=["db_url"], ids=["sqlite-dask-localcluster", "postgresql-dask-scheduler", "sqlite-local"])
def test_a_batch_killed_with_sigkill_resumes_without_duplicates(db_url: str, how: str, cluster: str, tmp_path: Path, corpus: Path) -> None:
    """SIGKILL the real command mid-batch; the workers it started go too; the rerun stores each report once.

    ``dask``: the command starts its own LocalCluster; ``scheduler``: it submits to a running one.
    """
    options = {"dask": ["--executor", "dask", "--jobs", "2"], "scheduler": ["--scheduler", cluster], "local": ["--jobs", "2"]}[how]
    batch = tmp_path / "batch"
    shutil.copytree(corpus / "text", batch)
    for name in ("bp_esg_datasheet_2023.pdf", "coca_cola_environmental_update_2023.pdf"):
        shutil.copy(corpus / "pdf" / name, batch / name)
    Database(db_url).close()
    engine = create_engine(database_url(db_url))
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        child = subprocess.Popen([sys.executable, "-m", "esgtrace", "ingest", str(batch), "--db", db_url, *options],
                                 stdout=subprocess.DEVNULL, stderr=stderr)
    stored, workers = 0, []
    while child.poll() is None and stored < 2:
        workers = [p.pid for p in psutil.Process(child.pid).children(recursive=True)] or workers
        with engine.connect() as connection:
            stored = connection.execute(select(func.count(Report.id))).scalar() or 0
        time.sleep(0.05)
    killed = child.poll() is None
    if killed:
        child.send_signal(signal.SIGKILL)
    assert child.wait() == (-signal.SIGKILL if killed else 0), log.read_text()
    assert workers or how == "scheduler", "the command started no worker processes"
    deadline = time.monotonic() + 20
    while _alive(workers) and time.monotonic() < deadline:  # its workers notice and leave
        time.sleep(0.2)
    assert not _alive(workers)
    if how == "dask":
        assert "Dask dashboard: http://127.0.0.1:" in log.read_text()
    with engine.connect() as connection:
        before = connection.execute(select(func.count(Report.id))).scalar() or 0
    engine.dispose()
    total = len(list(batch.iterdir()))
    assert 2 <= before and (before < total or not killed)
    with Database(db_url) as db:
        resumed = db.ingest([batch], jobs=2)
        assert (resumed.skipped, resumed.stored, resumed.failed) == (before, total - before, 0)
        reports = db.reports()
        assert len(reports) == len({r.sha256 for r in reports}) == total
        assert all(r.status == "ok" for r in reports)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_cluster_started_as_separate_commands(db_url: str, texts: Path, tmp_path: Path) -> None:
    """``dask scheduler`` and ``dask worker`` on loopback, as a user with a cluster starts them."""
    with loopback_cluster(2) as address:
        add_faults(texts, "a.txt")
        done = subprocess.run([sys.executable, "-m", "esgtrace", "ingest", str(texts), "--db", db_url, "--scheduler", address,
                               "--timeout", "120", "--recycle", "50"], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert f"dask executor, cluster at {address}, 2 workers" in done.stderr
        assert "Dask dashboard: http://127.0.0.1:" in done.stderr
        assert "stored 6, skipped 0, failed 0" in done.stdout
        with Database(db_url) as db:
            assert len(db.reports()) == 6 and db.issuers()


def test_bad_executor_options_are_one_line(tmp_path: Path, texts: Path) -> None:
    from typer.testing import CliRunner

    from esgtrace.cli import app

    bad = CliRunner().invoke(app, ["ingest", str(texts), "--db", str(tmp_path / "x.db"), "--executor", "spark"])
    assert bad.exit_code == 2 and "executor 'spark': expected local or dask" in bad.output and "Traceback" not in bad.output
    with pytest.raises(Exception, match="timeout"):
        make_executor("local", timeout=-1)


def test_an_address_that_is_not_a_dask_scheduler_is_one_line(tmp_path: Path, texts: Path) -> None:
    """A port that answers in another protocol (here an HTTP-like reply) is refused in one line, exit 2."""
    import threading

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]

        def answer() -> None:
            for _ in range(5):
                try:
                    connection, _ = listener.accept()
                except OSError:
                    return
                with connection:
                    connection.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 8)

        threading.Thread(target=answer, daemon=True).start()
        done = subprocess.run([sys.executable, "-m", "esgtrace", "ingest", str(texts), "--db", str(tmp_path / "x.db"),
                               "--scheduler", f"tcp://127.0.0.1:{port}"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert f"tcp://127.0.0.1:{port}" in done.stderr and "not as a Dask scheduler" in done.stderr
    assert not (tmp_path / "x.db").exists() or Database(str(tmp_path / "x.db")).reports() == []
