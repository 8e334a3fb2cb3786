"""The demo's path end to end: sample reports (PDF + text of each) -> database -> compare.

Each fictional company is written as a PDF and as a text rendering with the same
figures: both must land on one issuer, agree (nothing restated), and the compare
table must show the truth file's values with their pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from esgtrace import samples
from esgtrace.database import Database


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("samples")
    samples.write(folder)
    return folder


def truth(sample_dir: Path) -> list[dict[str, object]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(sample_dir.glob("*.gold.yaml"))]


def test_samples_ingest_into_one_issuer_each_and_compare(db: Database, sample_dir: Path) -> None:
    summary = db.ingest([sample_dir], jobs=2)
    golds = truth(sample_dir)
    assert summary.failed == 0 and summary.stored == 2 * len(golds)
    assert len(db.issuers()) == len(golds)
    table = db.compare("ghg_scope1_2")
    for gold in golds:
        expected = [f for f in gold["facts"] if f["metric"] == "ghg_scope1_2" and not f["breakdown"]]  # type: ignore[index]
        assert expected, gold["document"]  # type: ignore[index]
        (issuer,) = [i for i in table.issuers if i.startswith(str(gold["company"])[:6])]
        for fact in expected:
            cell = table.cell(issuer, "ghg_scope1_2", str(fact["period"]))
            assert cell is not None and cell.value == pytest.approx(fact["value"]), (issuer, fact["period"])
            assert cell.page == fact["page"] and cell.reports == 2 and not cell.restated
    assert db.ingest([sample_dir]).skipped == 2 * len(golds)
