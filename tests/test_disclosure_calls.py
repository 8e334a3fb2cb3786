"""Item calls that must not lean on one report's phrasing: evidence a reader would accept."""

from __future__ import annotations

from pathlib import Path

import esgtrace

GRI_ROWS = [("2-1", "Organizational details", "Page 2"), ("2-2", "Entities included", "Page 2"), ("2-7", "Employees", "Page 3"),
            ("3-3", "Management of material topics", "Page 3"), ("205-3", "Confirmed incidents of corruption and actions taken",
            "There is no confirmed incident of corruption"), ("302-1", "Energy consumption within the organization", "Page 4"),
            ("403-9", "Work-related injuries", "No work-related injuries or fatalities were recorded"),
            ("404-1", "Average hours of training per year per employee", "Page 5"), ("405-1", "Diversity of governance bodies", "Page 5")]


def report(tmp_path: Path) -> Path:
    body = [
        "Sustainability Report 2022\nThis report covers Harbour Lane Trading Limited and its subsidiaries for the year ended 31 December 2022.",
        "Climate change\nWe have preliminarily identified the climate risks relevant to the Group. However, there is currently no formal "
        "process for identifying, assessing and managing climate-related risks, and we will consider adopting the TCFD recommendations "
        "in the coming years.",
        "Energy\nEnergy consumption is monitored at all of our sites and the Group encourages staff to switch off lights and equipment.",
        "Employees\nThe Group had 320 employees at the end of 2022, of whom 52% were female.",
    ]
    index = "GRI Content Index\nGRI Standard\tDisclosure\tLocation\n" + "\n".join(f"GRI {c}\t{d}\t{w}" for c, d, w in GRI_ROWS)
    path = tmp_path / "harbour_lane_2022.txt"
    path.write_text("\f".join([*body, index]) + "\n", encoding="utf-8")
    return path


def test_calls_need_evidence_a_reader_accepts(tmp_path: Path) -> None:
    result = esgtrace.disclosure(report(tmp_path), version="2020")
    climate = result.item("A4.GD")
    assert climate.status == "explained"  # "no formal process ... will consider": an explanation, not a disclosure
    assert result.item("A2.1").status == "missing"  # energy is talked about, but no figure is given
    assert result.item("B1.1").status == "disclosed"  # a headcount with its unit
    injuries = result.item("B2.2")  # the answer is only in the GRI index: it counts, with the row as evidence
    assert injuries.status == "disclosed" and injuries.evidence[0].method == "index" and "403-9" in injuries.reason
    assert result.item("B7.1").status == "disclosed" and "205-3" in result.item("B7.1").reason
    assert result.item("B3.2").status == "missing"  # a GRI row citing a page is a claim, not the answer


def test_blind_hand_checks_are_scored(tmp_path: Path) -> None:
    from esgtrace.disclose.evaluate import call_agreement, checks

    assert checks()[0].name == "disclosure_check.yaml"  # and every disclosure_check_*.yaml beside it
    check = tmp_path / "disclosure_check_blind.yaml"
    check.write_text(f"held_out: true\ndocuments:\n- document: {report(tmp_path).name}\n  version: '2020'\n  items:\n"
                     "    A4: {status: explained}\n    A2.1: {status: disclosed}\n    B2.2: {status: disclosed}\n", encoding="utf-8")
    [scored] = call_agreement(check, tmp_path)
    assert scored["held_out"] and scored["items"] == 3 and scored["same"] == 2
    assert scored["misses"] == [{"item": "A2.1", "hand": "disclosed", "analysis": "missing"}]
