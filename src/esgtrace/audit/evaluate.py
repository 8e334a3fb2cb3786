"""Measure the audit against the analysts' gold: recall on the inconsistencies they found,
and the findings that are false alarms.

``python -m esgtrace.audit.evaluate --gold ../shared/gold --expectations tests/data/audit_expectations.yaml``

Expectations (a YAML list per gold document) are the arithmetic and unit inconsistencies
of each gold file's ``inconsistencies:`` prose, made structured: the rule ids that may
report it and the metrics and periods involved. ``must_pass`` entries are checks the gold
file says passed (rounding only): any finding on them is a false alarm. Findings that match
no expectation are listed for review; ``reviewed`` entries mark those a reviewer confirmed
as real problems the gold prose does not mention.

Two modes: ``gold`` audits the gold facts themselves (tests the rules on the real figures),
``extract`` audits what ``esgtrace.extract`` reads from the corpus report (end to end).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


from esgtrace.audit.engine import audit_facts, check
from esgtrace.audit.model import AuditOptions, Finding
from esgtrace.extract.model import Fact
from esgtrace.ingest import parse
from esgtrace.catalogue import read_yaml


def gold_facts(path: Path) -> list[Fact]:
    """The facts of a gold file as :class:`Fact` records (values exactly as the analyst read them)."""
    data = read_yaml(path.read_text(encoding="utf-8"))
    document = data.get("document", path.stem)
    facts = []
    for row in data.get("facts", []):
        facts.append(
            Fact(
                document=document, sha256="gold", company=data.get("company"), metric=row["metric"],
                period=str(row["period"]), breakdown={str(k): str(v) for k, v in (row.get("breakdown") or {}).items()},
                value=float(row["value"]), unit=str(row.get("unit", "")), reported_value=str(row.get("reported_value", "")),
                reported_unit=str(row.get("reported_unit") or ""), page=row.get("page"), line=row.get("line"),
                quote=str(row.get("quote", ""))[:250], method=str(row.get("method") or "table"),
            )
        )
    return facts


def matches(finding: Finding, expected: dict[str, Any]) -> bool:
    """Whether ``finding`` reports the expected inconsistency (rule, metrics, periods)."""
    if finding.rule not in expected["rules"]:
        return False
    metrics = set(finding.metrics)
    if expected.get("metrics") and not set(expected["metrics"]) <= metrics:
        return False
    if expected.get("any_metric") and not set(expected["any_metric"]) & metrics:
        return False
    if expected.get("message") and expected["message"] not in finding.message:
        return False
    periods = {f.period for f in finding.facts} | {finding.period}
    return not expected.get("periods") or bool(set(map(str, expected["periods"])) & periods)


def evaluate_document(findings: list[Finding], spec: dict[str, Any]) -> dict[str, Any]:
    expected = spec.get("expected", [])
    must_pass = spec.get("must_pass", [])
    reviewed = spec.get("reviewed", [])
    found = [e["id"] for e in expected if any(matches(f, e) for f in findings)]
    categories: dict[str, list[int]] = {}
    for e in expected:
        counts = categories.setdefault(e.get("category", "arithmetic"), [0, 0])
        counts[0] += e["id"] in found
        counts[1] += 1
    missed = [e["id"] for e in expected if e["id"] not in found]
    false_alarms, unmatched, confirmed = [], [], []
    for f in findings:
        if any(matches(f, e) for e in must_pass):
            false_alarms.append(f)
        elif any(matches(f, e) for e in expected):
            continue
        elif any(matches(f, e) for e in reviewed):
            confirmed.append(f)
        else:
            unmatched.append(f)
    return {"expected": len(expected), "found": found, "categories": categories, "missed": missed, "false_alarms": false_alarms,
            "unmatched": unmatched, "confirmed_extra": confirmed}


def run(gold_dir: Path, expectations: Path, mode: str, corpus: Path | None) -> dict[str, Any]:
    specs = read_yaml(expectations.read_text(encoding="utf-8"))["documents"]
    report: dict[str, Any] = {"mode": mode, "documents": {}}
    totals: dict[str, Any] = {"expected": 0, "found": 0, "false_alarms": 0, "unmatched_errors_warnings": 0, "unmatched_info": 0}
    for name, spec in specs.items():
        options = AuditOptions(country=spec.get("country"))
        source = next((p for p in (corpus or Path()).rglob(name)), None) if corpus else None
        if mode == "gold":
            # the analyst's facts, with the report's text for what rules read around them
            documents = {name: parse(source)} if source is not None else {}
            result = audit_facts(gold_facts(gold_dir / spec["gold"]), options, documents)
        else:
            if source is None:
                continue
            result = check(source, options)
        scored = evaluate_document(list(result.findings), spec)
        for category, (hit, total) in scored["categories"].items():
            row = totals.setdefault(category, {"found": 0, "expected": 0})
            row["found"] += hit
            row["expected"] += total
        totals["expected"] += scored["expected"]
        totals["found"] += len(scored["found"])
        totals["false_alarms"] += len(scored["false_alarms"])
        totals["unmatched_errors_warnings"] += sum(f.severity.value != "info" for f in scored["unmatched"])
        totals["unmatched_info"] += sum(f.severity.value == "info" for f in scored["unmatched"])
        report["documents"][name] = {
            "findings": len(result.findings), "expected": scored["expected"], "found": scored["found"],
            "missed": scored["missed"],
            "false_alarms": [f"{f.rule}: {f.message}" for f in scored["false_alarms"]],
            "unmatched": [f"[{f.severity.value}] {f.rule}: {f.message}" for f in scored["unmatched"]],
            "confirmed_extra": [f"[{f.severity.value}] {f.rule}: {f.message}" for f in scored["confirmed_extra"]],
            "issues": [i.message for i in result.issues],
        }
    totals["recall"] = round(totals["found"] / totals["expected"], 3) if totals["expected"] else None
    report["totals"] = totals
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=Path("../shared/gold"))
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--expectations", type=Path, default=Path("tests/data/audit_expectations.yaml"))
    parser.add_argument("--mode", choices=["gold", "extract", "both"], default="both")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--out", type=Path, help="also write each mode's report as JSON into this folder")
    args = parser.parse_args(argv)
    modes = ["gold", "extract"] if args.mode == "both" else [args.mode]
    for mode in modes:
        try:
            report = run(args.gold, args.expectations, mode, args.corpus)
        except Exception as error:  # noqa: BLE001 - report why a mode could not run, keep going
            print(f"audit eval ({mode}): not run: {type(error).__name__}: {error}")
            continue
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"audit_{mode}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
        if args.json:
            print(json.dumps(report, indent=2))
            continue
        t = report["totals"]
        arith = t.get("arithmetic", {"found": 0, "expected": 0})
        other = "; ".join(f"{k} {v['found']}/{v['expected']}" for k, v in t.items() if isinstance(v, dict) and k != "arithmetic")
        print(f"audit eval ({mode} facts): arithmetic/unit recall {arith['found']}/{arith['expected']}"
              f"{'; ' + other if other else ''}; all {t['found']}/{t['expected']} = {t['recall']}; "
              f"false alarms {t['false_alarms']}; unmatched error/warning findings {t['unmatched_errors_warnings']}, "
              f"unmatched info {t['unmatched_info']}")
        for name, doc in report["documents"].items():
            print(f"  {name}: {doc['findings']} findings, found {len(doc['found'])}/{doc['expected']}")
            for label, rows in (("missed", doc["missed"]), ("FALSE ALARM", doc["false_alarms"]),
                                ("unmatched", doc["unmatched"]), ("confirmed extra", doc["confirmed_extra"])):
                for row in rows:
                    print(f"    {label}: {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
