"""Accuracy of extraction against hand-checked gold files: ``make eval``.

For every ``*.yaml`` in the gold folder, the report it names is looked up in the corpus
(``text/`` or ``pdf/``), extracted, written as JSON Lines and scored with the shared
scorer (``tools/score_facts.py``, loaded by path). The generated sample reports are
scored the same way when ``esgtrace.samples`` can write them.

usage: python -m esgtrace.evaluate [--shared ../shared] [--out build/eval] [--held-out DIR] [--misses]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from esgtrace.extract import extract


def load_scorer(shared: Path) -> ModuleType:
    """The shared scorer module, imported from its file."""
    path = shared / "tools" / "score_facts.py"
    spec = importlib.util.spec_from_file_location("score_facts", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_facts(report: Path, out: Path) -> int:
    """Extract ``report`` into the JSON Lines file ``out``; returns the number of facts."""
    result = extract(report)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for fact in result.facts:
            fh.write(json.dumps(fact.to_json(), ensure_ascii=False) + "\n")
    return len(result.facts)


def gold_pairs(gold_dir: Path, corpus: Path, label: str = "") -> list[tuple[str, Path, Path]]:
    """(name, gold file, report file) for every gold file whose report is in the corpus."""
    pairs = []
    for gold in sorted(gold_dir.glob("*.yaml")):
        document = yaml.safe_load(gold.read_text(encoding="utf-8")).get("document", "")
        for folder in ("text", "pdf"):
            report = corpus / folder / document
            if report.exists():
                pairs.append((f"{label}{gold.stem}", gold, report))
                break
    return pairs


def sample_pairs(folder: Path) -> list[tuple[str, Path, Path]]:
    """(name, gold, report) for the generated sample reports."""
    from esgtrace import samples

    folder.mkdir(parents=True, exist_ok=True)
    samples.write(folder)
    pairs = []
    for gold in sorted(folder.glob("*.gold.yaml")):
        stem = gold.name[: -len(".gold.yaml")]
        for suffix in (".pdf", ".txt"):
            report = folder / f"{stem}{suffix}"
            if report.exists():
                pairs.append((f"sample:{report.name}", gold, report))
    return pairs


def evaluate(
    shared: Path,
    out: Path,
    show_misses: bool = False,
    with_samples: bool = True,
    held_out: Path | None = None,
) -> list[dict[str, Any]]:
    """Score every gold report (and the samples); print one line each; return the rows.

    :param shared: the shared folder (``corpus/``, ``gold/``, ``tools/``)
    :param out: where predictions are written
    :param show_misses: also print the scorer's misses, wrong and extra facts
    :param held_out: a folder of the project's own gold files for corpus reports the
        shared gold does not cover (never used to tune extraction), scored as ``held-out:``
    """
    scorer = load_scorer(shared)
    corpus = shared / "corpus"
    pairs = gold_pairs(shared / "gold", corpus)
    if held_out is not None:
        pairs += gold_pairs(held_out, corpus, "held-out:")
    if with_samples:
        pairs += sample_pairs(out / "samples")
    rows = []
    print(f"{'report':44} {'gold':>5} {'pred':>5} {'ok':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, gold, report in pairs:
        pred = out / f"{Path(name.replace(':', '_')).name}.jsonl"
        write_facts(report, pred)
        r = scorer.score(str(gold), str(pred))
        rows.append({"report": name, **{k: r[k] for k in ("gold", "predicted_keys", "correct", "precision", "recall", "f1")}})
        print(f"{name:44} {r['gold']:5d} {r['predicted_keys']:5d} {r['correct']:5d} "
              f"{r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}")
        if show_misses:
            for g in r["missed"]:
                print(f"   MISSED {g['metric']} {g.get('period')} {g.get('breakdown') or ''} = {g['value']}  "
                      f"(line {g.get('line')}, page {g.get('page')})")
            for ps, gs in r["wrong"]:
                print(f"   WRONG  {ps[0]['metric']} {ps[0].get('period')} {ps[0].get('breakdown') or ''}: "
                      f"got {[p['value'] for p in ps]} want {[g['value'] for g in gs]}")
            for p in r["extra"]:
                print(f"   EXTRA  {p['metric']} {p.get('period')} {p.get('breakdown') or ''} = {p['value']}  "
                      f"(line {p.get('line')}, page {p.get('page')})")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("build/eval"))
    parser.add_argument("--misses", action="store_true", help="print missed, wrong and extra facts")
    parser.add_argument("--no-samples", action="store_true", help="score the gold reports only")
    parser.add_argument("--held-out", type=Path, help="folder of further gold files (the project's own)")
    args = parser.parse_args(argv)
    evaluate(args.shared, args.out, args.misses, not args.no_samples, args.held_out)


if __name__ == "__main__":
    main()
