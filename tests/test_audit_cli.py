"""``esgtrace check`` as a user runs it: every corpus report, JSON output, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esgtrace.audit.evaluate import gold_facts, main as evaluate_main
from tests.conftest import CORPUS, GOLD, ROOT
from tests.cli import run_cli

REPORTS = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in {".pdf", ".txt"})


@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_check_json_on_every_corpus_report(path: Path) -> None:
    result = run_cli("check", "--json", path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"] == path.name
    assert data["status"] in {"clean", "info", "warning", "error"}
    assert not [i for i in data["issues"] if i["code"] == "rule-failed"], data["issues"]
    for finding in data["findings"]:
        assert finding["rule"] and finding["formula"] and (finding["facts"] or finding["location"])


def test_check_text_groups_findings_by_severity_with_facts_and_quotes() -> None:
    result = run_cli("check", CORPUS / "text" / "kuaishou_esg_2020.txt")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "ERROR (1)" in out and "indirect-energy-components" in out
    assert "721,117.23" in out and "l.1132" in out and "formula:" in out


def test_check_reads_a_facts_jsonl_file(tmp_path: Path) -> None:
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(json.dumps(f.to_json()) + "\n" for f in gold_facts(GOLD / "kingsoft_cloud_esg_2023.yaml")))
    result = run_cli("check", facts, "--country", "China", "--rule", "grid-factor", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["findings"]] == ["grid-factor"] and data["rules_run"] == ["grid-factor"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [(None, "missing.pdf", "no such file"), (b"", "empty.txt", "empty"), (b"{not json\n", "bad.jsonl", "line 1 is not a fact")],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes | None, name: str, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run_cli("check", path)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_eval_reports_recall_and_false_alarms_on_gold_facts(capsys: pytest.CaptureFixture[str]) -> None:
    code = evaluate_main(["--gold", str(GOLD), "--expectations", str(ROOT / "tests/data/audit_expectations.yaml"), "--mode", "gold"])
    out = capsys.readouterr().out
    assert code == 0
    assert "arithmetic/unit recall 7/8" in out and "false alarms 0" in out


def test_check_issuer_audits_stored_reports_and_stores_the_findings(tmp_path: Path) -> None:
    from esgtrace.database import Database

    target = tmp_path / "audit.db"
    reports = [CORPUS / "text" / "kuaishou_esg_2020.txt", CORPUS / "text" / "kingsoft_cloud_esg_2023.txt"]
    assert run_cli("ingest", "--db", target, *reports).returncode == 0
    result = run_cli("check", "--issuer", "all", "--db", target, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"] == "2 reports"
    rules = {f["rule"] for f in data["findings"]}
    assert {"indirect-energy-components", "weighted-average"} <= rules
    with Database(target) as db, db.sessions() as session:
        from sqlalchemy import select

        from esgtrace.store.schema import Finding as FindingRow

        stored = session.scalars(select(FindingRow)).all()
        assert {row.rule for row in stored} == rules
        figures = [row for row in stored if not row.rule.startswith("index-")]
        assert figures and all(row.facts and row.facts[0]["quote"] for row in figures)


def test_check_issuer_unknown_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from esgtrace.database import Database

    Database(tmp_path / "empty.db").close()
    result = run_cli("check", "--issuer", "nobody", "--db", tmp_path / "empty.db")
    assert result.returncode == 2 and "nobody" in result.stderr and "Traceback" not in result.stderr


def test_check_needs_a_file_or_an_issuer() -> None:
    result = run_cli("check")
    assert result.returncode == 2 and "FILE or --issuer" in result.stderr


def test_check_file_with_db_stores_its_findings_beside_the_report(tmp_path: Path) -> None:
    from sqlalchemy import select

    from esgtrace.database import Database
    from esgtrace.store.schema import Finding as FindingRow

    target = tmp_path / "one.db"
    report = CORPUS / "text" / "kuaishou_esg_2020.txt"
    assert run_cli("ingest", "--db", target, report).returncode == 0
    result = run_cli("check", report, "--db", target, "--rule", "indirect-energy-components")
    assert result.returncode == 0, result.stderr
    with Database(target) as db, db.sessions() as session:
        rows = session.scalars(select(FindingRow)).all()
        assert [(r.rule, r.severity) for r in rows] == [("indirect-energy-components", "error")]
        assert rows[0].difference == pytest.approx(721117.23 - 715200.83 - 20256.68 / 3.6)
