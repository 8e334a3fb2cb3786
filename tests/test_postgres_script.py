"""``scripts/postgres.sh``: quiet (the tools' chatter goes to a log) and stops only what it started."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.processes import free_port

SCRIPT = ROOT / "scripts" / "postgres.sh"


def _answering(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")) and shutil.which("initdb") is None,
                    reason="PostgreSQL server binaries are not installed")
def test_the_script_is_quiet_and_stops_the_server_it_started(tmp_path: Path) -> None:
    data = Path(f"/tmp/esgtrace-pgtest-{uuid.uuid4().hex[:8]}")
    port = free_port()
    started = tmp_path / "started"
    env = {**os.environ, "ESGTRACE_PGDATA": str(data), "ESGTRACE_PGPORT": str(port), "ESGTRACE_PGSTARTED": str(started)}
    try:
        first = subprocess.run([SCRIPT], env=env, capture_output=True, text=True, timeout=180)
        assert first.returncode == 0, first.stderr
        assert first.stdout == f"postgresql://postgres@127.0.0.1:{port}/esgtrace_test\n"
        assert first.stderr.count("\n") == 1 and "started" in first.stderr  # no initdb chatter
        assert "initdb" not in first.stderr.lower() and "success" not in first.stderr.lower()
        assert started.read_text().strip() == "started" and _answering(port)
        started.unlink()
        again = subprocess.run([SCRIPT], env=env, capture_output=True, text=True, timeout=60)
        assert again.returncode == 0 and "already running" in again.stderr
        assert not started.exists()  # this run started nothing: `make test` will not stop it
        stop = subprocess.run([SCRIPT, "stop"], env=env, capture_output=True, text=True, timeout=60)
        assert stop.returncode == 0 and not _answering(port)
    finally:
        subprocess.run([SCRIPT, "stop"], env=env, capture_output=True, timeout=60)
        shutil.rmtree(data, ignore_errors=True)
        Path(f"{data}.log").unlink(missing_ok=True)


def test_make_test_stops_only_a_server_it_started() -> None:
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "ESGTRACE_PGSTARTED" in recipe and "postgres.sh stop" in recipe and "if [ -s" in recipe
