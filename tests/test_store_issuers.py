"""Issuer matching, merging and restatement flags, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from esgtrace.database import Database
from esgtrace.store import IssuerNotFound
from esgtrace.store.issuers import name_key, ticker_key
from tests.test_store import store_gold


@pytest.mark.parametrize(("a", "b"), [
    ("Sunshine Oilsands Ltd.", "SUNSHINE OILSANDS LIMITED"),
    ("Kingsoft Cloud Holdings Limited", "Kingsoft Cloud Holdings Ltd"),
    ("The Coca-Cola Company", "Coca Cola Co."),
    ("Marks & Spencer Group plc", "Marks and Spencer Group PLC"),
    ("深南电路股份有限公司", "深南电路"),
])
def test_name_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_different_companies_keep_different_keys() -> None:
    assert name_key("Kingsoft Cloud Holdings Limited") != name_key("Kingsoft Corporation Limited")
    assert name_key("Limited") == "limited"  # a name that is only a legal form stays a name


@pytest.mark.parametrize(("printed", "key"), [
    ("HKEX:3896", "HKEX:3896"), ("SEHK: 03896", "HKEX:3896"), ("3896.HK", "HKEX:3896"),
    ("nasdaq:kc", "NASDAQ:KC"), ("Kingsoft", None),
])
def test_tickers_are_normalised(printed: str, key: str | None) -> None:
    assert ticker_key(printed) == key


def test_name_variants_and_tickers_become_one_issuer(db: Database) -> None:
    store_gold(db, "sunshine_oilsands_esg_2019")
    store_gold(db, "sunshine_oilsands_esg_2019", sha256="a" * 64, company="SUNSHINE OILSANDS LIMITED", period="2020")
    store_gold(db, "kingsoft_cloud_esg_2023", tickers=("HKEX:3896",))
    store_gold(db, "kingsoft_cloud_esg_2023", sha256="b" * 64, company="金山云", tickers=("SEHK:03896",), period="2024")
    issuers = {i.name: i for i in db.issuers()}
    assert set(issuers) == {"Sunshine Oilsands Ltd.", "Kingsoft Cloud Holdings Limited"}
    assert issuers["Sunshine Oilsands Ltd."].reports == 2
    assert set(issuers["Kingsoft Cloud Holdings Limited"].names) == {"Kingsoft Cloud Holdings Limited", "金山云"}
    assert issuers["Kingsoft Cloud Holdings Limited"].tickers == ("HKEX:3896",)


def test_merge_folds_one_issuer_into_another(db: Database) -> None:
    store_gold(db, "kuaishou_esg_2020")
    store_gold(db, "kuaishou_esg_2020", sha256="c" * 64, company="快手科技", period="2021")
    assert len(db.issuers()) == 2
    merged = db.merge_issuers("Kuaishou Technology", "快手科技")
    assert merged.reports == 2 and set(merged.names) == {"Kuaishou Technology", "快手科技"}
    assert len(db.issuers()) == 1
    assert {f.issuer for f in db.facts()} == {"Kuaishou Technology"}
    # The merged issuer's two reports give the same values: nothing is restated.
    assert not any(f.restated for f in db.facts())
    with pytest.raises(IssuerNotFound):
        db.merge_issuers("Kuaishou Technology", "no such company")


def test_merge_brings_restatements_to_light(db: Database) -> None:
    store_gold(db, "kuaishou_esg_2020")
    store_gold(db, "kuaishou_esg_2020", sha256="d" * 64, company="快手科技", period="2021",
               values={("energy_total", "2020"): 99999.0})
    assert not any(f.restated for f in db.facts(metric="energy_total"))
    db.merge_issuers("Kuaishou Technology", "快手科技")
    flagged = db.facts(metric="energy_total", period="2020")
    assert len(flagged) == 2 and all(f.restated for f in flagged)


def test_restated_figures_are_kept_twice_and_flagged(db: Database) -> None:
    store_gold(db, "kingsoft_cloud_esg_2023")
    # A 2024 report of the same issuer restating its 2023 scope 1+2 figure.
    store_gold(db, "kingsoft_cloud_esg_2023", sha256="e" * 64, period="2024",
               values={("ghg_scope1_2", "2023"): 60000.0})
    restated = db.facts(metric="ghg_scope1_2", period="2023")
    assert sorted(f.value for f in restated) == [59007.89, 60000.0]
    assert all(f.restated for f in restated)
    unchanged = db.facts(metric="ghg_scope1_2", period="2022")
    assert len(unchanged) == 2 and not any(f.restated for f in unchanged)
    assert sum(r.restated for r in db.reports()) == 2


def test_cli_issuers_merge(db_url: str) -> None:
    from esgtrace.cli import app

    db = Database(db_url)
    store_gold(db, "kuaishou_esg_2020")
    store_gold(db, "kuaishou_esg_2020", sha256="f" * 64, company="Kwai", period="2021")
    db.close()
    runner = CliRunner()
    listed = runner.invoke(app, ["issuers", "--db", db_url])
    assert listed.exit_code == 0 and "Kwai" in listed.output
    merged = runner.invoke(app, ["issuers", "merge", "Kuaishou Technology", "Kwai", "--db", db_url])
    assert merged.exit_code == 0, merged.output
    assert "2 report(s)" in merged.output
    missing = runner.invoke(app, ["issuers", "merge", "Kuaishou Technology", "Nobody", "--db", db_url])
    assert missing.exit_code == 2 and "no issuer matches 'Nobody'" in missing.output
