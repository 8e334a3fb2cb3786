"""Targets in the database: stored at ingest, listed per issuer, tracked across its reports, exported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import esgtrace
from esgtrace.database import Database
from esgtrace.targets.store import stored_targets
from tests.cli import run_cli

HEAD = "Example Holdings Limited\nSustainability Report {period}\n\n"
EARLIER = (
    "We aim to reduce Scope 1 and 2 emissions by 42% by 2030 against a 2020 baseline.\n\n"
    "We target 100% renewable electricity in self-built data centres by 2030.\n\n"
    "We plan to halve waste sent to landfill by 2028 compared with 2021.\n"
)
LATER = (
    "We aim to reduce Scope 1 and 2 emissions by 42% by 2030 against a 2020 baseline.\n\n"  # restated
    "We target 100% renewable electricity in self-built data centres by 2035.\n\n"  # moved
    "We will cut per capita water consumption by 8% by the end of 2026 compared with 2021.\n"  # new; waste dropped
)


def write(folder: Path, name: str, period: str, body: str) -> Path:
    path = folder / name
    path.write_text(HEAD.format(period=period) + body, encoding="utf-8")
    return path


def test_targets_are_stored_at_ingest_with_every_field(db: Database, text_dir: Path) -> None:
    path = text_dir / "kingsoft_cloud_esg_2023.txt"
    assert db.ingest(path).stored == 1
    stored = stored_targets("Kingsoft Cloud", db)
    direct = esgtrace.targets(path)
    assert [s.target.to_json() for s in stored] == [t.to_json() for t in direct.targets]
    assert {s.track for s in stored} == {"first"} and all(s.document == path.name for s in stored)
    pue = next(s.target for s in stored if s.target.change == "<=1.365")
    assert pue.progress is not None and pue.progress.met and pue.status == "achieved" and pue.line == 50
    # re-ingesting replaces, never doubles
    db.ingest(path, force=True)
    assert len(stored_targets("Kingsoft Cloud", db)) == len(stored)


def test_targets_are_tracked_across_reports_of_one_issuer(db: Database, tmp_path: Path) -> None:
    db.ingest([write(tmp_path, "example_2022.txt", "2022", EARLIER), write(tmp_path, "example_2023.txt", "2023", LATER)])
    found = stored_targets("Example Holdings", db)
    first = {(s.target.about, s.target.target_year): s.track for s in found if s.document == "example_2022.txt"}
    assert set(first.values()) == {"first"} and len(first) == 3
    later = {(s.target.about, s.target.target_year, s.track, s.was) for s in found if s.document == "example_2023.txt"}
    assert later == {
        ("ghg_scope1_2", 2030, "restated", ""),
        ("renewable_energy_share", 2035, "moved", "100% by 2030"),
        ("water_intensity", 2026, "new", ""),
        ("non_hazardous_waste", 2028, "dropped", "dropped by example_2023.txt"),
    }


def test_export_includes_the_targets(db: Database, tmp_path: Path) -> None:
    db.ingest([write(tmp_path, "example_2022.txt", "2022", EARLIER), write(tmp_path, "example_2023.txt", "2023", LATER)])
    (only,) = db.export("csv", tmp_path / "targets.csv", form="targets")
    rows = list(csv.DictReader(only.open(encoding="utf-8")))
    assert {r["track"] for r in rows} == {"first", "restated", "moved", "new", "dropped"}
    assert {"issuer", "document", "metric", "change", "target_year", "quote"} <= set(rows[0])
    (both,) = db.export("json", tmp_path / "all.json", form="all")
    data = json.loads(both.read_text(encoding="utf-8"))
    assert set(data) == {"facts", "wide", "targets"} and len(data["targets"]) == len(rows)
    written = db.export("parquet", tmp_path / "all.parquet", form="all")
    assert [p.name for p in written] == ["all.parquet", "all_wide.parquet", "all_targets.parquet"]


def test_cli_lists_an_issuers_targets_and_rejects_bad_input(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    db = Database(store)
    db.ingest([write(tmp_path, "example_2022.txt", "2022", EARLIER), write(tmp_path, "example_2023.txt", "2023", LATER)])
    db.close()
    listed = run_cli("targets", "--issuer", "Example Holdings", "--db", store, "--json")
    assert listed.returncode == 0, listed.stderr
    assert {r["track"] for r in json.loads(listed.stdout)} == {"first", "restated", "moved", "new", "dropped"}
    unknown = run_cli("targets", "--issuer", "Nobody Limited", "--db", store)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr and unknown.stderr.strip().count("\n") == 0
    bad_db = run_cli("targets", "--issuer", "x", "--db", "mysql://nowhere/db")
    assert bad_db.returncode == 2 and "Traceback" not in bad_db.stderr
