"""`make eval` in one run: each report read once (esgtrace.ingest.memo) and the measures runner."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from esgtrace.extract.pipeline import extract_facts
from esgtrace.ingest import parse
from esgtrace.ingest.memo import recall, remembering
from esgtrace.measures import GROUPS, MEASURES, main
from esgtrace.targets import collect

from .conftest import ROOT, SHARED


def test_outside_the_block_nothing_is_kept(text_dir: Path) -> None:
    report = text_dir / "kuaishou_esg_2020.txt"
    assert parse(report) is not parse(report)
    calls: list[int] = []
    assert recall("k", lambda: calls.append(1) or 1) == 1 and recall("k", lambda: calls.append(1) or 1) == 1
    assert calls == [1, 1]


def test_inside_the_block_a_report_is_read_once(text_dir: Path) -> None:
    report = text_dir / "kuaishou_esg_2020.txt"
    plain = extract_facts(parse(report))
    with remembering():
        doc = parse(report)
        assert parse(str(report)) is doc  # the same file by another spelling of its path
        first = extract_facts(doc)
        again = extract_facts(parse(report))
        assert again == first == plain and again is not first  # a fresh list each time
        assert collect(doc) == collect(parse(report))
        with remembering():  # a nested block shares what the outer one kept
            assert parse(report) is doc
    assert parse(report) is not doc


def test_options_and_changed_files_are_read_again(tmp_path: Path, text_dir: Path) -> None:
    copy = tmp_path / "report.txt"
    shutil.copy(text_dir / "kuaishou_esg_2020.txt", copy)
    with remembering():
        doc = parse(copy)
        assert parse(copy, {"positions": False}) is not doc
        copy.write_text(copy.read_text(encoding="utf-8") + "\nAppendix\n", encoding="utf-8")
        os.utime(copy, ns=(doc_time := copy.stat().st_mtime_ns + 10**9, doc_time))
        changed = parse(copy)
        assert changed is not doc and changed.sha256 != doc.sha256


def test_a_missing_file_is_the_same_clear_error_inside_the_block(tmp_path: Path) -> None:
    from esgtrace.errors import InputNotFound

    with remembering(), pytest.raises(InputNotFound):
        parse(tmp_path / "missing.pdf")


def test_every_measure_is_in_one_group() -> None:
    grouped = [m for g in GROUPS for m in g]
    assert sorted(grouped) == sorted(MEASURES) and len(grouped) == len(set(grouped))


def test_list_names_each_measure_with_its_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list", "--shared", str(SHARED)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == list(MEASURES)
    assert all("python -m esgtrace." in line for line in out)


def test_unknown_measure_and_missing_corpus_are_one_line_errors(tmp_path: Path) -> None:
    for argv, said in ((["--shared", str(SHARED), "nosuch"], "error: unknown measure nosuch (choose from facts,"),
                       (["--shared", str(tmp_path)], "error: no corpus under")):
        done = subprocess.run([sys.executable, "-m", "esgtrace.measures", *argv], cwd=ROOT,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert said in done.stderr.strip().splitlines()[-1]


def test_two_measures_in_two_processes_print_both_and_pass() -> None:
    assert not any({"disclose", "digest"} <= set(g) for g in GROUPS)  # so two processes run
    done = subprocess.run([sys.executable, "-m", "esgtrace.measures", "--shared", str(SHARED), "disclose", "digest"],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "== disclose ==" in done.stdout and "== digest ==" in done.stdout
    assert "FAILED" not in done.stdout and "Traceback" not in done.stderr
    # each measure's output is whole: its own header, its lines, then its own timing line
    for name in ("disclose", "digest"):
        section = done.stdout.split(f"== {name} ==", 1)[1].split("\n== ", 1)[0]
        assert re.search(rf"^{name} \d+s$", section, re.M), section[-500:]
