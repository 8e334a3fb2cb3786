"""``export``: every format written, then read back with pandas and checked."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from esgtrace.database import Database
from esgtrace.store import BadChoice
from tests.test_store import store_gold

SCOPE1 = "ghg_scope1 (tCO2e)"


@pytest.fixture
def stored(db: Database) -> Database:
    store_gold(db, "sunshine_oilsands_esg_2019", tickers=("HKEX:2012",))
    store_gold(db, "kingsoft_cloud_esg_2023")
    store_gold(db, "kingsoft_cloud_esg_2023", sha256="7" * 64, period="2024", values={("ghg_scope1", "2023"): 70.0})
    return db


def fact_total(db: Database) -> int:
    return len(db.facts())


def check_long(frame: pd.DataFrame, db: Database, excel: bool = False) -> None:
    assert len(frame) == fact_total(db)
    row = frame[(frame.metric == "ghg_scope1") & (frame.period.astype(str) == "2019")].iloc[0]
    assert row.value == pytest.approx(94962.47) and row.unit == "tCO2e" and int(row.page) == 10
    assert row.issuer == "Sunshine Oilsands Ltd." and row.quote
    restated = frame[(frame.metric == "ghg_scope1") & (frame.period.astype(str) == "2023")]
    assert len(restated) == 2 and restated.restated.astype(bool).all()
    assert sorted(restated[restated.latest.astype(bool)].value) == [70.0]
    if excel:  # a breakdown is columns of its own there, not JSON text
        assert "breakdown" not in frame.columns and (frame["breakdown gender"] == "female").any()
        return
    female = frame[frame.breakdown.astype(str).str.contains('"female"')]
    assert len(female) > 0 and json.loads(female.iloc[0].breakdown)["gender"] == "female"


def check_wide(frame: pd.DataFrame) -> None:
    frame = frame.assign(period=frame.period.astype(str))
    assert {"issuer", "period", SCOPE1} <= set(frame.columns)
    assert len(frame) == len(frame[["issuer", "period"]].drop_duplicates())
    sunshine = frame[(frame.issuer == "Sunshine Oilsands Ltd.") & (frame.period == "2019")].iloc[0]
    assert sunshine[SCOPE1] == pytest.approx(94962.47)
    kingsoft = frame[(frame.issuer == "Kingsoft Cloud Holdings Limited") & (frame.period == "2023")].iloc[0]
    assert kingsoft[SCOPE1] == 70.0  # the latest report's value
    assert any(c.startswith("employees_total[gender=female]") for c in frame.columns)


def test_csv_long_and_wide(stored: Database, tmp_path: Path) -> None:
    long, wide = stored.export("csv", tmp_path / "facts.csv")
    assert wide.name == "facts_wide.csv"
    check_long(pd.read_csv(long), stored)
    check_wide(pd.read_csv(wide))


def test_parquet_long_and_wide(stored: Database, tmp_path: Path) -> None:
    long, wide = stored.export("parquet", tmp_path / "facts.parquet")
    frame = pd.read_parquet(long)
    assert str(frame.value.dtype) == "float64" and str(frame.restated.dtype) == "bool"
    check_long(frame, stored)
    check_wide(pd.read_parquet(wide))


def test_excel_has_both_sheets(stored: Database, tmp_path: Path) -> None:
    (path,) = stored.export("xlsx", tmp_path / "facts.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["facts", "wide"]
    check_long(sheets["facts"], stored, excel=True)
    check_wide(sheets["wide"])


def test_excel_is_laid_out_for_people(stored: Database, tmp_path: Path) -> None:
    """Widths fitted, an autofilter, numbers formatted as printed, breakdowns as columns."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    (path,) = stored.export("xlsx", tmp_path / "facts.xlsx")
    book = load_workbook(path)
    facts, wide = book["facts"], book["wide"]
    for sheet in (facts, wide):
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.freeze_panes == "A2"
    header = [c.value for c in facts[1]]
    assert "breakdown gender" in header and "breakdown" not in header
    quote_width = facts.column_dimensions[get_column_letter(header.index("quote") + 1)].width
    id_width = facts.column_dimensions[get_column_letter(header.index("issuer_id") + 1)].width
    assert quote_width > id_width + 10
    value_at, printed_at = header.index("value"), header.index("reported_value")
    row = next(r for r in facts.iter_rows(min_row=2) if r[printed_at].value == "94,962.47")
    assert row[value_at].number_format == "#,##0.00"


def test_the_period_is_the_same_in_long_and_wide(db: Database, tmp_path: Path) -> None:
    store_gold(db, "sunshine_oilsands_esg_2019", period="FY2019",
               values={("ghg_scope1", "2019"): 94962.47})
    with db.sessions.begin() as session:
        from esgtrace.store.schema import FactRow

        session.execute(FactRow.__table__.update().values(period="FY" + FactRow.period))
    (path,) = db.export("xlsx", tmp_path / "fy.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert set(sheets["wide"].period) <= set(sheets["facts"].period)
    assert "FY2019" in set(sheets["wide"].period)


def test_to_pandas_for_notebooks(stored: Database) -> None:
    facts = stored.facts(metric="ghg_scope1").to_pandas()
    assert len(facts) == len(stored.facts(metric="ghg_scope1")) and {"issuer", "value", "quote"} <= set(facts.columns)
    table = stored.compare("ghg_scope1").to_pandas()
    sunshine = table[(table.issuer == "Sunshine Oilsands Ltd.") & (table.period == "2019")].iloc[0]
    assert sunshine.value == pytest.approx(94962.47) and "p.10" in sunshine.source


def test_json_has_both_forms(stored: Database, tmp_path: Path) -> None:
    (path,) = stored.export("json", tmp_path / "facts.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    long = pd.DataFrame(data["facts"])
    long["breakdown"] = long.breakdown.map(json.dumps)
    check_long(long, stored)
    check_wide(pd.DataFrame(data["wide"]))


def test_excel_keeps_a_quote_that_looks_like_a_formula_as_text(tmp_path: Path) -> None:
    from esgtrace.store.xlsx import write_xlsx

    write_xlsx(tmp_path / "q.xlsx", {"facts": (["quote"], [["= 1,234 tCO2e"]])})
    assert pd.read_excel(tmp_path / "q.xlsx").quote.tolist() == ["= 1,234 tCO2e"]


def test_one_form_and_bad_choices(stored: Database, tmp_path: Path) -> None:
    (only,) = stored.export("csv", tmp_path / "wide.csv", form="wide")
    check_wide(pd.read_csv(only))
    with pytest.raises(BadChoice):
        stored.export("dbf", tmp_path / "x.dbf")
    with pytest.raises(BadChoice):
        stored.export("csv", tmp_path / "x.csv", form="tall")


def test_cli_export(db_url: str, tmp_path: Path) -> None:
    from esgtrace.cli import app

    db = Database(db_url)
    store_gold(db, "sunshine_oilsands_esg_2019")
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "parquet", "-o", str(tmp_path / "f.parquet"), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(tmp_path / "f.parquet")) == fact_total(db)
    assert (tmp_path / "f_wide.parquet").is_file()
    bad = runner.invoke(app, ["export", "--format", "dbf", "--db", db_url])
    assert bad.exit_code == 2 and "export format 'dbf'" in bad.output
    db.close()
