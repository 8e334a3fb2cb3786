"""``esgtrace extract`` through the real console script: formats, several files, bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # the timeout only stops a hang (the whole corpus at once on a loaded 2-core machine takes
    # minutes); speed is measured by the benchmarks
    return subprocess.run(
        [sys.executable, "-m", "esgtrace", "extract", *args], capture_output=True, text=True, cwd=cwd, timeout=1500
    )


def test_jsonl_to_stdout(text_dir: Path) -> None:
    done = run(str(text_dir / "kingsoft_cloud_esg_2023.txt"))
    assert done.returncode == 0, done.stderr
    facts = [json.loads(line) for line in done.stdout.splitlines()]
    scope1 = [f for f in facts if f["metric"] == "ghg_scope1" and f["period"] == "2023"]
    assert scope1 and scope1[0]["value"] == 66.57 and scope1[0]["line"] == 58
    assert all({"document", "sha256", "quote", "method", "confidence"} <= set(f) for f in facts)


def test_csv_to_a_file(text_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    done = run(str(text_dir / "kuaishou_esg_2020.txt"), "-o", str(out), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert any(r["metric"] == "ghg_total" and float(r["value"]) == 694400.0 for r in rows)


def test_table_format(text_dir: Path) -> None:
    done = run(str(text_dir / "kingsoft_cloud_esg_2023.txt"), "--format", "table")
    assert done.returncode == 0 and "ghg_scope1" in done.stdout


def test_a_bad_file_is_one_line_and_the_others_continue(text_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    missing = tmp_path / "missing.pdf"
    done = run(str(missing), str(text_dir / "kingsoft_cloud_esg_2023.txt"), "-o", str(out))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "missing.pdf" in done.stderr
    assert "Traceback" not in done.stderr
    assert any(json.loads(line)["document"] == "kingsoft_cloud_esg_2023.txt" for line in out.read_text().splitlines())


def test_every_corpus_file_at_once(corpus: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in corpus.rglob("*") if p.is_file())
    out = tmp_path / "all.jsonl"
    done = run(*files, "-o", str(out))
    assert done.returncode == 0, done.stderr
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {f["document"] for f in facts} >= {"kingsoft_cloud_esg_2023.txt", "sunshine_oilsands_esg_2019.pdf"}
    assert all(f["quote"] and (f["page"] or f["line"]) for f in facts)
