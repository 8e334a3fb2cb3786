"""Measure the disclosure stage on the dev reports (``make eval``).

1. Content index: the parsed rows of each report against the ``disclosure:`` rows of its
   gold file (``../shared/gold/*.yaml`` and the project's ``tests/gold/facts/*.yaml``):
   agreement on item id and claimed status, and invented rows (items parsed that the gold
   does not list; for a gold file without rows, every parsed row). The first-seen figure
   of a report (``tests/gold/first_seen.yaml``, measured before the parser was changed for
   it) is printed beside today's.
2. Item calls: the analysis (disclosed / explained / not_applicable / missing) against
   every hand check: ``tests/gold/disclosure_check.yaml`` and any
   ``tests/gold/disclosure_check_*.yaml`` (blind checks, same format).

Run: ``python -m esgtrace.disclose.evaluate [--shared ../shared] [--check FILE ...] [--json] [--show]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any


from esgtrace.disclose import catalogue as _catalogue
from esgtrace.disclose import disclosure
from esgtrace.disclose.index import read_index
from esgtrace.ingest import parse
from esgtrace.catalogue import read_yaml

ROOT = Path(__file__).resolve().parents[3]
CHECK = ROOT / "tests" / "gold" / "disclosure_check.yaml"
FIRST_SEEN = ROOT / "tests" / "gold" / "first_seen.yaml"
HELD_OUT_GOLD = ROOT / "tests" / "gold" / "facts"
INDEX_GOLD = ROOT / "tests" / "gold" / "index"  # hand-checked index rows of reports without a facts gold


def checks() -> list[Path]:
    """Every hand check of the item calls: the dev check and the blind ``disclosure_check_*.yaml``."""
    return [p for p in [CHECK, *sorted(CHECK.parent.glob("disclosure_check_*.yaml"))] if p.exists()]


def gold_files(shared: Path) -> list[Path]:
    """Gold files that may hold ``disclosure:`` rows: the shared gold and the project's own."""
    return sorted((shared / "gold").glob("*.yaml")) + sorted(HELD_OUT_GOLD.glob("*.yaml")) + sorted(INDEX_GOLD.glob("*.yaml"))


def first_seen(path: Path = FIRST_SEEN) -> dict[str, dict[str, Any]]:
    """First-seen index-row scores per report stem (``{stem: {gold, matched, invented, agreement}}``)."""
    if not path.exists():
        return {}
    data = read_yaml(path.read_text(encoding="utf-8")) or {}
    found = {}
    for stem, entry in (data.get("reports") or {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("index_rows"), dict):
            found[str(stem)] = entry["index_rows"]
    return found


def gold_item_id(name: str, catalogue: _catalogue.Catalogue) -> str:
    """The catalogue id of an item as a gold file names it (``A1`` -> ``A1.GD``).

    :param name: the gold file's ``item`` value
    """
    name = name.strip()
    if re.fullmatch(r"[AB]\d{1,2}", name):
        return f"{name}.GD"
    for item in catalogue.items:
        if name.lower() in item.index_labels:
            return item.id
    return name


def find_document(corpus: Path, name: str) -> Path:
    hits = sorted(corpus.rglob(name))
    if not hits:
        raise FileNotFoundError(f"{name} is not in {corpus}")
    return hits[0]


_SECTION_NO = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}(?![\d.])")
_PAGE_SPAN = re.compile(r"(?<![\d.\-])(\d{1,3})(?:\s?[-–]\s?(\d{1,3}))?(?![\d.])")


def place_agrees(gold_where: str, pages: tuple[int, ...], where: str) -> bool | None:
    """Whether a parsed row names the gold row's claimed place; ``None`` when the gold names none.

    Section numbers ("5.6 Environment Performance") must all be in the parsed place; else the
    gold's page numbers ("P52", "14-15", "6、29-30") must all be among the parsed pages.
    """
    sections = set(_SECTION_NO.findall(gold_where))
    if sections:
        return sections <= set(_SECTION_NO.findall(where))
    wanted = {n for lo, hi in _PAGE_SPAN.findall(gold_where) for n in range(int(lo), int(hi or lo) + 1)}
    if not wanted:
        return None
    return wanted <= set(pages)


def index_agreement(gold_path: Path, corpus: Path) -> dict[str, Any]:
    """Agreement of the parsed content index with one gold file's ``disclosure:`` rows.

    :param gold_path: a gold YAML file
    :param corpus: the shared corpus folder
    """
    catalogue = _catalogue.load()
    gold = read_yaml(gold_path.read_text(encoding="utf-8"))
    doc = parse(find_document(corpus, gold["document"]))
    parsed = {r.item: r for r in read_index(doc, catalogue).rows}
    rows = gold.get("disclosure") or []
    agree, misses = 0, []
    places = placed = 0
    for row in rows:
        item = gold_item_id(str(row["item"]), catalogue)
        got = parsed.get(item)
        same_place = place_agrees(str(row.get("where") or ""), got.pages, got.where) if got else False
        if same_place is not None and row.get("where"):
            places += 1
            placed += bool(same_place)
        if got is not None and got.claim == row["status"]:
            agree += 1
        else:
            misses.append({"item": item, "gold": row["status"], "parsed": got.claim if got else None})
    gold_items = {gold_item_id(str(r["item"]), catalogue) for r in rows}
    extra = sorted(set(parsed) - gold_items)
    return {"document": gold["document"], "rows": len(rows), "agree": agree, "parsed": len(parsed),
            "extra": extra, "invented": len(extra), "misses": misses,
            "places": places, "placed": placed}


def call_agreement(check_path: Path, corpus: Path) -> list[dict[str, Any]]:
    """The analysis' status per item against the hand check, per document.

    :param check_path: the hand-check YAML (``documents: [{document, version, items: {id: {status}}}]``)
    :param corpus: the shared corpus folder
    """
    check = read_yaml(check_path.read_text(encoding="utf-8"))
    results = []
    for entry in check["documents"]:
        result = disclosure(find_document(corpus, entry["document"]), version=entry.get("version"))
        got = {s.item: s.status for s in result.items}
        flagged = set(entry.get("index_findings") or [])
        named = {m.item for m in result.mismatches if m.code != "not-in-index"}
        same = binary = baseline = not_disclosed = caught = 0
        misses = []
        for name, expected in entry["items"].items():
            item = gold_item_id(str(name), _catalogue.load())  # "A1" and "A1.GD" alike
            want = expected["status"] if isinstance(expected, dict) else str(expected)
            have = got.get(item)
            same += have == want
            binary += (have == "disclosed") == (want == "disclosed")
            baseline += want == "disclosed"  # what calling every item disclosed would score
            not_disclosed += want != "disclosed"
            caught += want != "disclosed" and have == want
            if have != want:
                misses.append({"item": item, "hand": want, "analysis": have})
        results.append({"document": entry["document"], "check": check_path.name,
                        "held_out": bool(entry.get("held_out", check.get("held_out"))), "items": len(entry["items"]), "same": same,
                        "binary": binary, "baseline": baseline, "not_disclosed": not_disclosed,
                        "not_disclosed_caught": caught, "misses": misses,
                        "findings": len(flagged), "findings_named": len(flagged & named),
                        "findings_extra": sorted(named - flagged), "findings_missed": sorted(flagged - named)})
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", type=Path, action="append", help="a hand-check file (repeatable); by default every tests/gold/disclosure_check*.yaml")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--show", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus"
    index = [index_agreement(p, corpus) for p in gold_files(args.shared)
             if "disclosure" in (read_yaml(p.read_text(encoding="utf-8")) or {})]
    seen = first_seen()
    for r in index:
        r["first_seen"] = seen.get(Path(r["document"]).stem)
    calls = [c for path in (args.check or checks()) for c in call_agreement(path, corpus)]
    report = {
        "index_rows": sum(r["rows"] for r in index),
        "index_agree": sum(r["agree"] for r in index),
        "index_invented": sum(r["invented"] for r in index),
        "call_items": sum(r["items"] for r in calls),
        "call_same": sum(r["same"] for r in calls),
        "call_binary": sum(r["binary"] for r in calls),
        "call_baseline": sum(r["baseline"] for r in calls),
        "call_not_disclosed": sum(r["not_disclosed"] for r in calls),
        "call_not_disclosed_caught": sum(r["not_disclosed_caught"] for r in calls),
        "findings": sum(r["findings"] for r in calls),
        "findings_named": sum(r["findings_named"] for r in calls),
        "index": index,
        "calls": calls,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print("disclosure: content index vs gold `disclosure:` rows (item + claimed status; invented = parsed, not in gold)")
    for r in index:
        share = f"{100 * r['agree'] / r['rows']:5.1f}%" if r["rows"] else "   -  "
        seen_then = r.get("first_seen")
        then = (f"  first seen {seen_then['matched']}/{seen_then['gold']} {100 * float(seen_then['agreement']):.1f}%,"
                f" {seen_then['invented']} invented") if seen_then else ""
        place = f"  place {r['placed']}/{r['places']}" if r["places"] else ""
        print(f"  {r['document'][:40]:40} {r['agree']:3}/{r['rows']:<3} {share}  invented {r['invented']}"
              f" (parsed {r['parsed']}){place}{then}")
        if args.show:
            for m in r["misses"]:
                print(f"      {m['item']}: gold {m['gold']}, parsed {m['parsed']}")
    total = max(report["index_rows"], 1)
    print(f"  {'all':40} {report['index_agree']:3}/{report['index_rows']:<3} {100 * report['index_agree'] / total:5.1f}%"
          f"  invented {report['index_invented']}  (goal >= 95% on every report, none invented)")
    if calls:
        print("disclosure: item status vs hand checks (tests/gold/disclosure_check*.yaml)")
        for c in calls:
            print(f"  {c['document'][:34]:34} {c['same']:3}/{c['items']:<3} {100 * c['same'] / c['items']:5.1f}% same status;"
                  f" {100 * c['binary'] / c['items']:5.1f}% disclosed-or-not")
            if args.show:
                for m in c["misses"]:
                    print(f"      {m['item']}: hand {m['hand']}, analysis {m['analysis']}")
        for label, group in (("dev reports", [c for c in calls if not c["held_out"]]),
                             ("held out", [c for c in calls if c["held_out"]])):
            if group:
                n, k = sum(c["items"] for c in group), sum(c["same"] for c in group)
                b = sum(c["binary"] for c in group)
                base = sum(c["baseline"] for c in group)
                print(f"  {label:34} {k:3}/{n:<3} {100 * k / n:5.1f}% same status; {100 * b / n:5.1f}% disclosed-or-not"
                      f" (baseline 'all disclosed' {100 * base / n:.1f}%)")
        n = max(report["call_items"], 1)
        print(f"  {'all':34} {report['call_same']:3}/{report['call_items']:<3} {100 * report['call_same'] / n:5.1f}% same status;"
              f" {100 * report['call_binary'] / n:5.1f}% disclosed-or-not  (goal >= 90%)")
        flagged = [c for c in calls if c["findings"]]
        if flagged:
            named, total = sum(c["findings_named"] for c in flagged), sum(c["findings"] for c in flagged)
            print(f"disclosure: index rows the gold analysts question, named by a mismatch: {named}/{total}")
            if args.show:
                for c in flagged:
                    print(f"      {c['document']}: missed {', '.join(c['findings_missed']) or '-'}; also flagged {', '.join(c['findings_extra']) or '-'}")
        print(f"  baseline 'every item disclosed': {100 * report['call_baseline'] / n:5.1f}%;"
              f" items the hand check finds not disclosed: {report['call_not_disclosed_caught']}/{report['call_not_disclosed']} called right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
