"""What a new user trips on (issue 16): each item run through the real command line.

Real corpus reports, real SQLite files and a real PostgreSQL server (``db_url``), the
CLI as a child process with piped output (laid out for 80 columns, as in a pipe).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from esgtrace.database import Database
from tests.cli import run_cli
from tests.conftest import CORPUS
from tests.test_store import store_gold

TEXT = CORPUS / "text"
KINGSOFT = TEXT / "kingsoft_cloud_esg_2023.txt"
KUAISHOU = TEXT / "kuaishou_esg_2020.txt"
BP = CORPUS / "pdf" / "bp_esg_datasheet_2023.pdf"


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 2, one line on stderr naming ``words``, no traceback, no internal error."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Kingsoft Cloud, Kuaishou (two reports) and bp ingested through the CLI into one SQLite file."""
    target = tmp_path_factory.mktemp("stored") / "esgtrace.db"
    ok(run_cli("ingest", KINGSOFT, KUAISHOU, TEXT / "news_kuaishou_esg_2022.txt", BP, "--db", target))
    return str(target)


@pytest.fixture
def peers(db_url: str) -> str:
    """The same issuers from their gold files, on SQLite and on PostgreSQL, plus a Chinese name."""
    db = Database(db_url)
    store_gold(db, "kingsoft_cloud_esg_2023", tickers=("HKEX:3896", "NASDAQ:KC"))
    store_gold(db, "kuaishou_esg_2020", tickers=("HKEX:1024",))
    store_gold(db, "ping_an_bank_sustainability_2021_zh", company="平安银行股份有限公司")
    store_gold(db, "sunshine_oilsands_esg_2019", tickers=("HKEX:2012",))
    db.close()
    return db_url


# ---- 1. issuers as people type them; --per employee and revenue; README examples ----


@pytest.mark.parametrize("typed", ["Kingsoft Cloud", "kingsoft", "KINGSOFT CLOUD HOLDINGS", "HKEX:3896", "3896", "03896.HK", "kc"])
def test_an_issuer_is_matched_as_people_type_it(peers: str, typed: str) -> None:
    shown = ok(run_cli("facts", "--issuer", typed, "--metric", "ghg_scope1_2", "--json", "--db", peers))
    assert {json.loads(line)["issuer"] for line in shown.splitlines()} == {"Kingsoft Cloud Holdings Limited"}


def test_a_chinese_name_matches_by_its_distinctive_part(peers: str) -> None:
    shown = ok(run_cli("facts", "--issuer", "平安", "--json", "--db", peers))
    assert shown and {json.loads(line)["issuer"] for line in shown.splitlines()} == {"平安银行股份有限公司"}


def test_several_matches_list_the_candidates_and_none_suggests_the_nearest(peers: str) -> None:
    db = Database(peers)
    store_gold(db, "kingsoft_cloud_esg_2023", sha256="4" * 64, company="Kingsoft Office Software Limited")
    db.close()
    line = one_line_error(run_cli("facts", "--issuer", "kingsoft", "--db", peers), "matches 2 issuers")
    assert "Kingsoft Cloud Holdings Limited" in line and "Kingsoft Office Software Limited" in line
    one_line_error(run_cli("facts", "--issuer", "Kingsoft Clod Holdings", "--db", peers), "did you mean", "Kingsoft Cloud Holdings Limited")


def test_readme_check_issuer_example(stored: str) -> None:
    """Before: ``no issuer matches 'Kingsoft Cloud'``."""
    shown = ok(run_cli("check", "--issuer", "Kingsoft Cloud", "--db", stored))
    assert "kingsoft_cloud_esg_2023.txt" in shown


def test_compare_per_employee_divides_by_the_headcount_of_the_same_period(stored: str) -> None:
    """Before: "-" in every cell. Kuaishou prints its headcount; Kingsoft's is its gender split."""
    shown = ok(run_cli("compare", "-m", "ghg_total,ghg_scope1", "--issuers", "HKEX:3896,Kuaishou", "--per", "employee",
                       "--format", "json", "--db", stored))
    cells = {(c["issuer"], c["metric"], c["period"]): c for c in json.loads(shown)["cells"]}
    kuaishou = cells[("Kuaishou Technology", "ghg_total", "2020")]
    assert kuaishou["value"] == pytest.approx(694400 / 21499) and kuaishou["unit"] == "tCO2e/employee"
    assert kuaishou["denominator"] == 21499 and not kuaishou["implied"]
    kingsoft = cells[("Kingsoft Cloud Holdings Limited", "ghg_scope1", "2023")]
    assert kingsoft["value"] == pytest.approx(66.57 / 10493) and kingsoft["implied"]
    assert "gender=male" in kingsoft["note"] and "10,493" in kingsoft["note"]
    empty = cells[("Kingsoft Cloud Holdings Limited", "ghg_scope1", "2022")]
    assert empty["value"] is None and "no employees_total fact" in empty["note"]
    table = ok(run_cli("compare", "-m", "ghg_scope1", "--issuers", "HKEX:3896,Kuaishou", "--per", "employee", "--db", stored))
    assert "0.00634423 ~" in table and "implied" in table
    assert "Kuaishou Technology: no stored ghg_scope1 fact" in table  # why its row is missing


def test_compare_per_revenue_uses_the_revenue_the_intensities_imply(stored: str) -> None:
    shown = ok(run_cli("compare", "-m", "ghg_scope1_2", "--issuers", "kingsoft", "--per", "revenue", "--format", "json",
                       "--db", stored))
    cell = next(c for c in json.loads(shown)["cells"] if c["period"] == "2023")
    # 59,007.89 tCO2e / 8.37 tCO2e per RMB million = 7,049.9, kept to the intensity's 3 digits
    assert cell["denominator"] == 7050 and cell["implied"] and cell["unit"] == "tCO2e/RMB million"
    # (energy_total / energy_intensity implies the same 7,050, one digit more precisely)
    assert re.search(r"implied: \w+ / \w+_intensity = ", cell["note"]) and cell["value"] == pytest.approx(59007.89 / 7050)


def test_compare_selects_a_breakdown(peers: str) -> None:
    shown = ok(run_cli("compare", "-m", "employees_total", "--breakdown", "gender", "--issuers", "kingsoft",
                       "--format", "json", "--db", peers))
    cells = {c["issuer"]: c["value"] for c in json.loads(shown)["cells"] if c["period"] == "2023"}
    assert cells == {"Kingsoft Cloud Holdings Limited [gender=male]": 6923, "Kingsoft Cloud Holdings Limited [gender=female]": 3570}
    female = ok(run_cli("compare", "-m", "employees_total", "-b", "gender=Female", "--issuers", "kingsoft", "--db", peers))
    assert "3,570" in female and "6,923" not in female
    one_line_error(run_cli("compare", "-m", "employees_total", "-b", "gendr", "--db", peers), "unknown breakdown key", "gender")


# ---- 2. numbers at the precision printed ----


def test_values_at_the_printed_precision_with_separators(stored: str) -> None:
    bp = ok(run_cli("facts", "--issuer", "bp", "--metric", "ghg_scope1", "--db", stored))
    assert "49,200,000" in bp and "e+" not in bp
    kingsoft = ok(run_cli("facts", "--issuer", "kingsoft", "--metric", "ghg_scope1_2", "--db", stored))
    assert "35,850.34" in kingsoft and "59,007.89" in kingsoft
    table = ok(run_cli("extract", BP, "--format", "table", columns=200))
    assert "49,200,000" in table and not re.search(r"\de[+-]\d", table)
    compare = ok(run_cli("compare", "-m", "ghg_scope1_2", "--issuers", "kingsoft", "--db", stored))
    assert "35,850.34" in compare


# ---- 3. quotes in tables: the label with the value, cut with an ellipsis ----


def test_quotes_in_tables_keep_the_figure_whole(stored: str) -> None:
    shown = ok(run_cli("facts", "--issuer", "kingsoft", "--metric", "employees_total", "--db", stored, columns=200))
    row = next(line for line in shown.splitlines() if "employment_type=full-ti" in line)
    assert "10,493" in row and not re.search(r"10,4(?!93)", row)
    every = ok(run_cli("facts", "--issuer", "kingsoft", "--db", stored, columns=250))
    assert " …" in every or "… " in every  # a quote shortened for the table says so
    kuaishou = ok(run_cli("facts", "--issuer", "1024", "--metric", "ghg_total", "--db", stored, columns=200))
    assert "Total greenhouse gas emissions … 69.44" in kuaishou


# ---- 4-8. errors: unwritable output, damaged databases, typos, batches, unstored reports ----


@pytest.mark.parametrize("target", ["missing/out", "/proc/out"])
def test_unwritable_output_is_one_line_and_exit_2(stored: str, tmp_path: Path, target: str) -> None:
    """Before: ``internal error: OSError ...``, exit 1 (a missing or read-only folder)."""
    where = tmp_path / target if not target.startswith("/") else Path(target)
    one_line_error(run_cli("extract", KUAISHOU, "-o", f"{where}.jsonl"), "cannot write")
    one_line_error(run_cli("compare", "-m", "ghg_scope1", "-o", f"{where}.csv", "--db", stored), "cannot write")
    one_line_error(run_cli("export", "-f", "xlsx", "-o", f"{where}.xlsx", "--db", stored), "cannot write")
    if target.startswith("/"):  # --xlsx makes a missing folder (tests/test_disclosure.py), not a read-only one
        one_line_error(run_cli("disclosure", KUAISHOU, "--xlsx", f"{where}.xlsx"), "cannot write")


def test_a_damaged_sqlite_file_is_one_line_and_exit_2(stored: str, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database\n" * 100)
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(Path(stored).read_bytes()[:8192])
    for target in (garbage, truncated):
        for command in (["reports"], ["facts"], ["compare", "-m", "ghg_scope1"], ["ingest", KUAISHOU]):
            one_line_error(run_cli(*command, "--db", target), "damaged")


def test_typos_get_the_nearest_ids(stored: str) -> None:
    one_line_error(run_cli("check", KUAISHOU, "--rule", "yoy-chang"), "unknown rule", "yoy-change")
    one_line_error(run_cli("check", KUAISHOU, "--rule", "no-such-rule"), "unknown rule")
    one_line_error(run_cli("facts", "--metric", "ghg_totl", "--db", stored), "unknown metric", "ghg_total")
    one_line_error(run_cli("facts", "--period", "20x3", "--db", stored), "unknown period", "2023")
    one_line_error(run_cli("compare", "-m", "ghg_scope", "--db", stored), "unknown metric", "ghg_scope1")


@pytest.mark.parametrize("command", [["reports"], ["facts"], ["issuers"], ["compare", "-m", "ghg_scope1"],
                                     ["export", "-f", "csv"], ["check", "--issuer", "all"], ["disclosure", "--issuer", "all"]])
def test_read_commands_never_create_a_database(tmp_path: Path, command: list[str]) -> None:
    one_line_error(run_cli(*command, "--db", tmp_path / "typo.db"), "no such database")
    assert not (tmp_path / "typo.db").exists()


def _locked_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(72, 700, "Indicator Unit 2023 2022")
    c.drawString(72, 680, "Scope 1 GHG emissions tCO2e 1,234.5 1,100.2")
    c.save()
    return path


def test_an_ingest_batch_goes_on_past_a_missing_file_and_retries_failed_ones(db_url: str, tmp_path: Path) -> None:
    good = shutil.copy(TEXT / "news_tencent_esg_2023.txt", tmp_path / "good.txt")
    locked = _locked_pdf(tmp_path / "locked.pdf")
    first = run_cli("ingest", good, tmp_path / "missing.pdf", locked, "--db", db_url)
    assert first.returncode == 2 and "stored 1, skipped 0, failed 2" in first.stdout
    failures = [line for line in first.stderr.splitlines() if line.startswith("failed")]
    assert len(failures) == 2 and all(line.count(str(tmp_path)) == 1 for line in failures)  # the path once
    again = run_cli("ingest", good, locked, "--db", db_url)  # the failed file is tried again
    assert again.returncode == 2 and "stored 0, skipped 1, failed 1" in again.stdout
    unlocked = run_cli("ingest", locked, "--password", "secret", "--db", db_url)
    assert unlocked.returncode == 0 and "stored 1, skipped 0, failed 0" in unlocked.stdout
    assert {r.document: r.status for r in Database(db_url).reports()} == {"good.txt": "ok", "locked.pdf": "ok"}


def test_disclosure_and_check_on_a_report_never_ingested_say_so(db_url: str) -> None:
    Database(db_url).close()
    one_line_error(run_cli("disclosure", KUAISHOU, "--db", db_url), "not stored", "ingest it first")
    check = run_cli("check", KUAISHOU, "--db", db_url, "--rule", "indirect-energy-components")
    assert check.returncode == 2 and "not stored" in check.stderr and "ingest it first" in check.stderr


# ---- 9. options: --password, --max-size, document column ----


def test_password_and_max_size_on_every_command_that_reads_reports(tmp_path: Path) -> None:
    locked = _locked_pdf(tmp_path / "locked.pdf")
    one_line_error(run_cli("extract", locked), "--password")
    facts = [json.loads(line) for line in ok(run_cli("extract", locked, "--password", "secret")).splitlines()]
    assert [(f["metric"], f["period"], f["value"]) for f in facts if f["period"] == "2023"] == [("ghg_scope1", "2023", 1234.5)]
    ok(run_cli("check", locked, "--password", "secret"))
    ok(run_cli("disclosure", locked, "--password", "secret"))
    ok(run_cli("ingest", locked, "--password", "secret", "--db", tmp_path / "x.db"))
    sunshine = CORPUS / "pdf" / "sunshine_oilsands_esg_2019.pdf"  # 1.4 MB
    for command in (["extract"], ["check"], ["disclosure"], ["parse"]):
        one_line_error(run_cli(*command, sunshine, "--max-size", "1"), "over the 1 MB limit")
    big = run_cli("ingest", sunshine, "--max-size", "1", "--db", tmp_path / "y.db")
    assert big.returncode == 2 and "over the 1 MB limit" in big.stderr


def test_extract_table_over_several_files_has_a_document_column() -> None:
    shown = ok(run_cli("extract", KUAISHOU, TEXT / "news_tencent_esg_2023.txt", "--format", "table", columns=200))
    assert "document" in shown.splitlines()[1]
    assert "kuaishou_esg_2020.txt" in shown and "news_tencent_esg_2023.txt" in shown
    single = ok(run_cli("extract", KUAISHOU, "--format", "table", columns=200))
    assert "document" not in single.splitlines()[1]


# ---- friction ----


def test_tables_stay_readable_at_80_columns_when_piped(stored: str) -> None:
    """Columns are chosen, not cut: no header like ``iss…``, no line over 80, the leftovers named."""
    outputs = [
        ok(run_cli("disclosure", KUAISHOU)),
        ok(run_cli("reports", "--db", stored)),
        ok(run_cli("facts", "--issuer", "kingsoft", "--db", stored)),
        ok(run_cli("issuers", "--db", stored)),
        ok(run_cli("metrics")),
        ok(run_cli("extract", KUAISHOU, TEXT / "news_tencent_esg_2023.txt", "--format", "table")),
    ]
    for shown in outputs:
        for line in shown.splitlines():
            assert len(line) <= 80, line
            assert not re.search(r"┃[^┃]*…\s*┃", line), line  # a header cut with an ellipsis
    assert "evidence" in outputs[0] and "disclosure rates" in outputs[0]
    page = ok(run_cli("parse", CORPUS / "pdf" / "sunshine_oilsands_esg_2019.pdf", "--page", "10"))
    assert "Scope 19 | tonnes of CO2-e | 94,962.47 | 97,968.15" in page  # a row on one line, not 5-character cells
    assert all(len(line) <= 80 for line in page.splitlines())


def test_version_and_help() -> None:
    from esgtrace import __version__

    assert ok(run_cli("--version")).strip() == f"esgtrace {__version__}"
    assert "metrics" in ok(run_cli("--help"))


def test_metrics_lists_ids_units_hkex_items_and_breakdowns() -> None:
    import esgtrace

    shown = ok(run_cli("metrics", columns=200))
    assert re.search(r"ghg_scope1\s.*tCO2e.*A1\.2", shown)
    assert re.search(r"employees_total\s.*persons.*B1\.1.*gender, age", shown)
    data = json.loads(ok(run_cli("metrics", "--json")))
    assert len(data) == len(esgtrace.metrics()) and {"id", "unit", "hkex", "breakdowns"} <= set(data[0])
    one_line_error(run_cli("metrics", "--group", "enviroment"), "environment")


def test_export_without_output_writes_to_stdout(stored: str, tmp_path: Path) -> None:
    done = run_cli("export", "--format", "csv", "--form", "wide", "--db", stored, cwd=tmp_path)
    assert ok(done).startswith("issuer,period,") and list(tmp_path.iterdir()) == []
    as_json = json.loads(ok(run_cli("export", "--format", "json", "--db", stored, cwd=tmp_path)))
    assert {"facts", "wide"} == set(as_json) and list(tmp_path.iterdir()) == []
    parquet = subprocess.run(f"{Path(__import__('sys').executable)} -m esgtrace export -f parquet --db {stored} | head -c 4",
                             shell=True, capture_output=True, cwd=tmp_path)
    assert parquet.stdout == b"PAR1" and list(tmp_path.iterdir()) == []


def test_the_restated_footnote_only_when_something_is_restated(peers: str) -> None:
    shown = ok(run_cli("compare", "-m", "ghg_scope1", "--db", peers))
    assert "restated" not in shown
    db = Database(peers)
    store_gold(db, "kingsoft_cloud_esg_2023", sha256="9" * 64, period="2024", values={("ghg_scope1", "2023"): 70.0})
    db.close()
    restated = ok(run_cli("compare", "-m", "ghg_scope1", "--db", peers))
    assert re.search(r"70(\.0+)? \*", restated) and "* restated" in restated


def test_disclosure_evidence_without_source_markup() -> None:
    """Before: evidence showed ``<ul style="list-style-type: none">`` and ``**1.2``."""
    shown = ok(run_cli("disclosure", KUAISHOU, columns=200))
    assert "<ul" not in shown and "style=" not in shown and not re.search(r"\*\*\w", shown)


def test_the_database_url_is_shown_as_typed(tmp_path: Path) -> None:
    """Before: ``sqlite:////.../%E6%8A%A5%E5%91%8A 2023%231/esg.db``."""
    folder = tmp_path / "报告 2023#1"
    folder.mkdir()
    shown = ok(run_cli("ingest", TEXT / "news_tencent_esg_2023.txt", "--db", folder / "esg.db"))
    assert "报告 2023#1/esg.db" in shown and "%" not in shown


def test_a_damaged_pdf_message_has_one_pair_of_brackets(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    line = one_line_error(run_cli("parse", damaged), "damaged")
    assert "((" not in line and "))" not in line and ")." not in line
