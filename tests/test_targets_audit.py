"""The audit's target rules: they fire on planted cases and stay quiet on clean reports."""

from __future__ import annotations

from pathlib import Path

import pytest

import esgtrace
from esgtrace.audit.engine import audit_facts
from esgtrace.audit.model import AuditOptions

RULES = ("target-achievement-contradicted", "target-baseline-restated", "target-baseline-restated-across-reports",
         "target-past-without-status")
HEAD = "Example Holdings Limited\nSustainability Report {period}\n\nWater consumption was 850 m³ in {period}.\n\n"


def write(folder: Path, name: str, body: str, period: str = "2023") -> Path:
    path = folder / name
    path.write_text(HEAD.format(period=period) + body + "\n", encoding="utf-8")
    return path


def fired(path: Path) -> list[str]:
    return [f.rule for f in esgtrace.check(path, {"rules": RULES}).findings]


def test_claimed_achievement_contradicted_by_the_printed_result(tmp_path: Path) -> None:
    body = ("PUE targets of the Riverside Data Center:\nTargets in 2023 Progress in 2023 Targets in 2024\n"
            "Annual average PUE Not higher than 1.30 1.42 (Achieved) Not higher than 1.28\n")
    result = esgtrace.check(write(tmp_path, "planted.txt", body), {"rules": RULES})
    (finding,) = result.findings
    assert finding.rule == "target-achievement-contradicted" and finding.severity.value == "error"
    assert finding.expected == 1.30 and finding.actual == 1.42
    assert finding.location.startswith("target l.") and "1.42 (Achieved)" in finding.location
    clean = body.replace("1.42 (Achieved)", "1.29 (Achieved)")
    assert fired(write(tmp_path, "clean.txt", clean)) == []


def test_baseline_restated_within_a_report(tmp_path: Path) -> None:
    body = ("We aim to reduce Scope 1 and 2 emissions by 42% by 2030 against a 2020 baseline of 10,000 tCO2e.\n\n"
            "Our climate target is to reduce Scope 1 and 2 emissions by 42% by 2030 against a 2020 baseline of 12,500 tCO2e.\n")
    assert fired(write(tmp_path, "planted.txt", body)) == ["target-baseline-restated"]
    noted = body.replace("12,500 tCO2e.", "12,500 tCO2e, restated for acquisitions.")
    assert fired(write(tmp_path, "noted.txt", noted)) == []
    same = body.replace("12,500", "10,000")
    assert fired(write(tmp_path, "same.txt", same)) == []


def test_baseline_restated_between_two_reports(tmp_path: Path) -> None:
    first = write(tmp_path, "example_2022.txt", "We aim to reduce water consumption by 20% by 2030 against a 2019 baseline of 1,000 m3.\n", "2022")
    second = write(tmp_path, "example_2023.txt", "We aim to reduce water consumption by 20% by 2030 against a 2019 baseline of 1,200 m3.\n", "2023")
    documents = {p.name: esgtrace.parse(p) for p in (first, second)}
    facts = [f for p in (first, second) for f in esgtrace.extract(p).facts]
    result = audit_facts(facts, AuditOptions(rules=RULES), documents)
    (finding,) = [f for f in result.findings if f.rule == "target-baseline-restated-across-reports"]
    assert finding.document == "example_2023.txt" and "1,000 m3" in finding.message and "1,200 m3" in finding.message
    assert not [f for f in result.findings if f.rule == "target-baseline-restated"]


def test_target_year_past_without_status(tmp_path: Path) -> None:
    body = "Our target was to reduce energy consumption by 10% by 2022 against a 2019 baseline.\n"
    result = esgtrace.check(write(tmp_path, "planted.txt", body), {"rules": RULES})
    (finding,) = result.findings
    assert finding.rule == "target-past-without-status" and "2022" in finding.message
    with_status = body.replace("baseline.", "baseline, and this target was achieved.")
    assert fired(write(tmp_path, "status.txt", with_status)) == []
    future = body.replace("by 2022", "by 2026")
    assert fired(write(tmp_path, "future.txt", future)) == []


@pytest.mark.parametrize("name", ["kingsoft_cloud_esg_2023.txt", "chalco_esg_2019.txt", "kuaishou_esg_2020.txt"])
def test_clean_reports_raise_nothing(text_dir: Path, name: str) -> None:
    # kingsoft's achieved PUE/WUE targets hold, chalco's 2019 targets print their performance
    assert fired(text_dir / name) == []


def test_clean_sample_reports_raise_nothing(tmp_path: Path) -> None:
    from esgtrace import samples

    reports = [p for p in samples.write(tmp_path) if p.suffix in (".txt", ".pdf")]
    assert reports
    for path in reports:
        assert esgtrace.targets(path, options={"use_extract": False}).targets  # the samples state targets
        assert fired(path) == []
