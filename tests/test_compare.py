"""``compare``: issuers x periods in canonical units, latest report wins, every cell traced."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from esgtrace.database import Database
from esgtrace.store import BadChoice
from tests.test_store import store_gold


@pytest.fixture
def peers(db: Database) -> Database:
    """Three corpus issuers from their gold facts, plus a 2024 Kingsoft report restating 2023."""
    store_gold(db, "kingsoft_cloud_esg_2023", tickers=("HKEX:3896",))
    store_gold(db, "sunshine_oilsands_esg_2019", tickers=("HKEX:2012",))
    store_gold(db, "kuaishou_esg_2020")
    store_gold(db, "kingsoft_cloud_esg_2023", sha256="9" * 64, period="2024",
               values={("ghg_scope1", "2023"): 70.0})
    return db


def test_issuers_by_periods_with_source_of_each_cell(peers: Database) -> None:
    table = peers.compare(["ghg_scope1"])
    assert table.issuers == ["Kingsoft Cloud Holdings Limited", "Sunshine Oilsands Ltd."]
    assert table.periods == ["2018", "2019", "2022", "2023"]
    sunshine = table.cell("Sunshine Oilsands Ltd.", "ghg_scope1", "2019")
    assert sunshine is not None and sunshine.value == pytest.approx(94962.47) and sunshine.unit == "tCO2e"
    assert sunshine.page == 10 and sunshine.document == "sunshine_oilsands_esg_2019.pdf"
    assert "p.10" in sunshine.source
    assert table.cell("Sunshine Oilsands Ltd.", "ghg_scope1", "2022") is None


def test_latest_report_wins_and_the_cell_is_marked(peers: Database) -> None:
    table = peers.compare("ghg_scope1", issuers="HKEX:3896")
    restated = table.cell("Kingsoft Cloud Holdings Limited", "ghg_scope1", "2023")
    assert restated is not None and restated.value == 70.0 and restated.restated and restated.reports == 2
    same = table.cell("Kingsoft Cloud Holdings Limited", "ghg_scope1", "2022")
    assert same is not None and same.value == pytest.approx(53.43) and not same.restated
    first = peers.compare("ghg_scope1", issuers="HKEX:3896", latest=False)
    original = first.cell("Kingsoft Cloud Holdings Limited", "ghg_scope1", "2023")
    assert original is not None and original.value == pytest.approx(66.57) and original.restated


def test_several_metrics_periods_and_issuer_filters(peers: Database) -> None:
    table = peers.compare("ghg_scope1,energy_total", issuers="Kuaishou Technology,Sunshine Oilsands Limited",
                          periods="2019-2020")
    assert table.metrics == ["ghg_scope1", "energy_total"]
    assert table.periods == ["2019", "2020"]
    kuaishou = table.cell("Kuaishou Technology", "energy_total", "2020")
    assert kuaishou is not None and kuaishou.unit == "MWh" and kuaishou.line is not None
    assert table.cell("Kuaishou Technology", "ghg_scope1", "2020") is None


def test_per_employee_divides_by_the_same_period_headcount(peers: Database) -> None:
    total = peers.compare("ghg_scope1", issuers="HKEX:2012").cell("Sunshine Oilsands Ltd.", "ghg_scope1", "2019")
    heads = peers.facts(issuer="HKEX:2012", metric="employees_total", period="2019")
    headcount = next(f.value for f in heads if not f.breakdown)
    per = peers.compare("ghg_scope1", issuers="HKEX:2012", per="employee").cell("Sunshine Oilsands Ltd.", "ghg_scope1", "2019")
    assert total is not None and per is not None
    assert per.value == pytest.approx(total.value / headcount) and per.denominator == headcount
    assert per.unit == "tCO2e/employee"
    missing = peers.compare("ghg_scope1", issuers="HKEX:3896", per="employee").cell(
        "Kingsoft Cloud Holdings Limited", "ghg_scope1", "2022")
    assert missing is not None and missing.value is None and "no per employee" in (missing.note or "")
    with pytest.raises(BadChoice):
        peers.compare("ghg_scope1", per="hectare")


def test_outputs_csv_json_and_excel(peers: Database, tmp_path: Path) -> None:
    table = peers.compare("ghg_scope1")
    frame = pd.read_csv(table.write("csv", tmp_path / "c.csv"))
    assert list(frame.columns[:4]) == ["issuer", "metric", "unit", "2018"]
    row = frame[frame.issuer == "Sunshine Oilsands Ltd."].iloc[0]
    assert row["2019"] == pytest.approx(94962.47) and "p.10" in row["2019 source"]
    data = json.loads(table.write("json", tmp_path / "c.json").read_text())
    assert {c["period"] for c in data["cells"]} == {"2018", "2019", "2022", "2023"}
    sheets = pd.read_excel(table.write("xlsx", tmp_path / "c.xlsx"), sheet_name=None)
    assert set(sheets) == {"compare", "cells"}
    kingsoft = sheets["compare"][sheets["compare"].issuer == "Kingsoft Cloud Holdings Limited"].iloc[0]
    assert kingsoft["2023"] == 70.0 and bool(kingsoft["2023 restated"])


def test_cli_compare(db_url: str) -> None:
    from esgtrace.cli import app

    db = Database(db_url)
    store_gold(db, "sunshine_oilsands_esg_2019")
    db.close()
    runner = CliRunner()
    shown = runner.invoke(app, ["compare", "-m", "ghg_scope1", "--db", db_url])
    assert shown.exit_code == 0, shown.output
    assert "94,962.47" in shown.output and "(tCO2e)" in shown.output and "p.10" in shown.output
    as_csv = runner.invoke(app, ["compare", "-m", "ghg_scope1", "-f", "csv", "--db", db_url])
    assert as_csv.output.startswith("issuer,metric,unit,2018")
    nothing = runner.invoke(app, ["compare", "-m", "patents_granted", "--db", db_url])
    assert nothing.exit_code == 2 and "no stored facts" in nothing.output
    typo = runner.invoke(app, ["compare", "-m", "no_such_metric", "--db", db_url])
    assert typo.exit_code == 2 and "unknown metric" in typo.output
    bad = runner.invoke(app, ["compare", "-m", "ghg_scope1", "--periods", "2023-2019", "--db", db_url])
    assert bad.exit_code == 2 and "period range" in bad.output
