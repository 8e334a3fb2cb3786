"""Every ``$ esgtrace ...`` line of the README's console blocks runs, in README order, and succeeds.

The commands run through a shell (globs, ``>``, comments) in a scratch folder laid out as
the README assumes: ``../shared`` beside it, and the placeholder files it names made from
corpus reports (``report.pdf``, ``huge.pdf``, ``new.pdf``: a corpus PDF; ``locked.pdf``: an
encrypted PDF whose password is ``secret``; ``reports/``: the corpus text files). The one
addresses that are not on this machine become loopback ones: ``postgresql://esg@db.internal/esg``
a fresh database on the test server, the cluster's ``tcp://10.0.0.5:8786`` a ``dask scheduler``
and ``dask worker`` started as commands, ``/shared/reports`` the scratch ``reports/``.
``esgtrace serve`` runs until stopped, so it succeeds when its home page answers on loopback
(on a free port, with ``$TOKEN`` set) and is then stopped; ``build/demo/esgtrace.db`` is made
as ``make demo`` makes it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT, SHARED
from tests.processes import free_port, loopback_cluster, stop

README = ROOT / "README.md"
REMOTE = "postgresql://esg@db.internal/esg"
CLUSTER = "tcp://10.0.0.5:8786"
BIN = Path(sys.executable).parent


def console_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        commands += [line[2:].strip() for line in block.splitlines() if line.startswith("$ esgtrace")]
    return commands


def test_the_readme_has_console_examples_of_every_command() -> None:
    from tests.test_docs import command_names

    shown = {c.split()[1] for c in console_commands()}
    assert set(command_names()) - {"issuers"} <= shown


def _scratch(tmp_path: Path) -> Path:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    (tmp_path / "shared").symlink_to(SHARED.resolve())
    work = tmp_path / "work"
    (work / "reports").mkdir(parents=True)
    for report in sorted((CORPUS / "text").glob("*.txt")):
        shutil.copy(report, work / "reports" / report.name)
    sunshine = CORPUS / "pdf" / "sunshine_oilsands_esg_2019.pdf"
    for name in ("report.pdf", "huge.pdf"):
        shutil.copy(sunshine, work / name)
    shutil.copy(CORPUS / "pdf" / "bp_esg_datasheet_2023.pdf", work / "new.pdf")
    locked = canvas.Canvas(str(work / "locked.pdf"), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    locked.drawString(72, 700, "Indicator Unit 2023 2022")
    locked.drawString(72, 680, "Scope 1 GHG emissions tCO2e 1,234.5 1,100.2")
    locked.save()
    demo = subprocess.run([str(BIN / "esgtrace"), "samples", "build/demo"], cwd=work, capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    demo = subprocess.run([sys.executable, "-m", "esgtrace.demo", "build/demo"], cwd=work, capture_output=True, text=True)
    assert demo.returncode == 0 and (work / "build" / "demo" / "esgtrace.db").is_file(), demo.stderr
    return work


def _serve(shell: str, cwd: Path, env: dict[str, str]) -> str | None:
    """Run an ``esgtrace serve`` command until its home page answers; the failure, or None."""
    port = free_port()
    server = subprocess.Popen(f"{shell} --port {port}", shell=True, cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                return f"exit {server.returncode}: {server.stderr.read().strip()[-400:] if server.stderr else ''}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    return None if page.status == 200 and b"esgtrace" in page.read() else f"home page answered {page.status}"
            except OSError:
                time.sleep(0.3)
        return "the home page did not answer within 60 s"
    finally:
        if server.poll() is None:
            stop(server)


def test_every_readme_console_example_runs(tmp_path: Path) -> None:
    work = _scratch(tmp_path)
    script = BIN / "esgtrace"
    server = os.environ.get("ESGTRACE_TEST_POSTGRES", "")
    remote_db = None
    env = {**os.environ, "COLUMNS": "80", "TOKEN": uuid.uuid4().hex}
    env.pop("ESGTRACE_DB", None)
    failures = []
    commands = console_commands()
    assert any(CLUSTER in command for command in commands) and any(c.startswith("esgtrace serve") for c in commands)
    try:
        with loopback_cluster() as cluster:
            for command in commands:
                command = command.replace(CLUSTER, cluster).replace("/shared/reports", "reports")
                if REMOTE in command:
                    if not server:
                        continue  # no test server: the examples that need PostgreSQL are left out
                    if remote_db is None:
                        import psycopg

                        remote_db = f"esgtrace_readme_{uuid.uuid4().hex[:10]}"
                        with psycopg.connect(server, autocommit=True) as admin:
                            admin.execute(f'CREATE DATABASE "{remote_db}"')
                    command = command.replace(REMOTE, server.rsplit("/", 1)[0] + "/" + remote_db)
                shell = f"{script}{command.removeprefix('esgtrace')}"
                if command.startswith("esgtrace serve"):
                    failure = _serve(shell.split("#")[0].strip(), work, env)
                    if failure:
                        failures.append(f"$ {command}\n  {failure}")
                    continue
                done = subprocess.run(shell, shell=True, cwd=work, env=env, capture_output=True, text=True, timeout=600)
                if done.returncode != 0 or "Traceback" in done.stderr:
                    failures.append(f"$ {command}\n  exit {done.returncode}: {done.stderr.strip()[-400:]}")
    finally:
        if remote_db is not None:
            import psycopg

            with psycopg.connect(server, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{remote_db}" WITH (FORCE)')
    assert not failures, "\n".join(failures)
    assert (work / "facts.jsonl").stat().st_size > 0 and (work / "water.xlsx").is_file()
    assert (work / "wide.csv").read_text(encoding="utf-8").startswith("issuer,period,")


@pytest.mark.parametrize("command", ['compare -m ghg_scope1 --issuers "HKEX:3896,Kuaishou" --per employee',
                                     'check --issuer "Kingsoft Cloud" --db esgtrace.db'])
def test_the_examples_the_new_user_tripped_on_are_in_the_readme(command: str) -> None:
    assert f"esgtrace {command}" in console_commands()
