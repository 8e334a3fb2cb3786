"""Accuracy and coverage of extraction: ``make eval``.

Accuracy: for every ``*.yaml`` in the gold folders, the report it names is looked up in the
corpus (``text/``, ``pdf/``, ``more/text/``, ``more/pdf/``), extracted, written as JSON Lines
and scored with the shared scorer (``tools/score_facts.py``, loaded by path). Each line shows
the report's first-seen score (``tests/gold/first_seen.yaml``: the score esgtrace got before any
change was made for that report; "-" when none) beside today's, and the last line the
micro-average over all gold reports (the generated sample reports are scored too, apart).

Coverage (``--coverage``): every report of the corpus, gold or not, extracted; the share
giving a Scope 1 or Scope 2 figure, the share with at least ten facts, facts per report, and
the reports that give none (a report with no fact is a bug report).

usage: python -m esgtrace.evaluate [--shared ../shared] [--out build/eval] [--held-out DIR]
       [--first-seen FILE] [--misses] [--coverage]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any


from esgtrace.extract import extract
from esgtrace.catalogue import read_yaml

CORPUS_FOLDERS = ("text", "pdf", "more/text", "more/pdf")
REPORT_SUFFIXES = (".pdf", ".txt", ".html", ".htm")


def load_scorer(shared: Path) -> ModuleType:
    """The shared scorer module, imported from its file."""
    path = shared / "tools" / "score_facts.py"
    spec = importlib.util.spec_from_file_location("score_facts", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_facts(report: Path, out: Path) -> list[dict[str, Any]]:
    """Extract ``report`` into the JSON Lines file ``out``; returns the facts as dicts."""
    result = extract(report)
    facts = [fact.to_json() for fact in result.facts]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for fact in facts:
            fh.write(json.dumps(fact, ensure_ascii=False) + "\n")
    return facts


def find_report(corpus: Path, document: str) -> Path | None:
    """The corpus file named ``document`` in one of the corpus folders."""
    for folder in CORPUS_FOLDERS:
        report = corpus / folder / document
        if report.is_file():
            return report
    return None


def gold_pairs(gold_dir: Path, corpus: Path, label: str = "") -> list[tuple[str, Path, Path]]:
    """(name, gold file, report file) for every gold file whose report is in the corpus."""
    pairs = []
    for gold in sorted(gold_dir.glob("*.yaml")):
        document = (read_yaml(gold.read_text(encoding="utf-8")) or {}).get("document", "")
        report = find_report(corpus, document) if document else None
        if report is not None:
            pairs.append((f"{label}{gold.stem}", gold, report))
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


def first_seen(path: Path | None) -> dict[str, dict[str, Any]]:
    """Report stem -> its first-seen fact scores (``facts:`` of ``first_seen.yaml``)."""
    if path is None or not path.is_file():
        return {}
    data = read_yaml(path.read_text(encoding="utf-8")) or {}
    return {str(k): dict(v.get("facts") or {}) for k, v in (data.get("reports") or {}).items()}


@dataclass(frozen=True, slots=True)
class Score:
    """One report's score: gold keys, predicted keys, correct predictions, gold keys matched."""

    gold: int
    predicted: int
    correct: int
    matched: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def micro(scores: list[Score]) -> Score:
    """The micro-average: every gold and predicted key of every report counted once."""
    return Score(*(sum(getattr(s, f) for s in scores) for f in ("gold", "predicted", "correct", "matched")))


def _fmt(p: float | None, r: float | None, f: float | None) -> str:
    if f is None or p is None or r is None:
        return f"{'-':>6} {'-':>6} {'-':>6}"
    return f"{p:6.3f} {r:6.3f} {f:6.3f}"


def evaluate(
    shared: Path,
    out: Path,
    show_misses: bool = False,
    with_samples: bool = True,
    held_out: Path | None = None,
    first_seen_file: Path | None = None,
) -> list[dict[str, Any]]:
    """Score every gold report (and the samples); print one line each; return the rows.

    :param shared: the shared folder (``corpus/``, ``gold/``, ``tools/``)
    :param out: where predictions are written
    :param show_misses: also print the scorer's misses, wrong and extra facts
    :param held_out: a folder of the project's own gold files for corpus reports the
        shared gold does not cover, scored as ``held-out:``
    :param first_seen_file: ``first_seen.yaml``, the first score of each report
    """
    scorer = load_scorer(shared)
    corpus = shared / "corpus"
    pairs = gold_pairs(shared / "gold", corpus)
    if held_out is not None:
        pairs += gold_pairs(held_out, corpus, "held-out:")
    if with_samples:
        pairs += sample_pairs(out / "samples")
    seen = first_seen(first_seen_file)
    rows: list[dict[str, Any]] = []
    real: list[Score] = []
    print(f"{'':48} {'first seen':^20}   {'today':^36}")
    print(f"{'report':48} {'P':>6} {'R':>6} {'F1':>6}   {'gold':>5} {'pred':>5} {'ok':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, gold, report in pairs:
        pred = out / f"{Path(name.replace(':', '_')).name}.jsonl"
        write_facts(report, pred)
        r = scorer.score(str(gold), str(pred))
        score = Score(r["gold"], r["predicted_keys"], r["correct"], round(r["recall"] * r["gold"]))
        if not name.startswith("sample:"):
            real.append(score)
        stem = name.split(":", 1)[-1]
        first = seen.get(stem, {})
        rows.append({"report": name, "gold": score.gold, "predicted_keys": score.predicted, "correct": score.correct,
                     "precision": score.precision, "recall": score.recall, "f1": score.f1,
                     "first_seen": first or None})
        print(f"{name:48} {_fmt(first.get('precision'), first.get('recall'), first.get('f1'))}   "
              f"{score.gold:5d} {score.predicted:5d} {score.correct:5d} {_fmt(score.precision, score.recall, score.f1)}")
        if show_misses:
            _print_misses(r)
    if real:
        total = micro(real)
        firsts = [seen[n.split(":", 1)[-1]]["f1"] for n in (row["report"] for row in rows)
                  if n.split(":", 1)[-1] in seen and "f1" in seen[n.split(":", 1)[-1]]]
        mean_first = f"mean first-seen F1 {sum(firsts) / len(firsts):.3f} over {len(firsts)}" if firsts else ""
        print(f"{f'micro-average, {len(real)} gold reports':48} {'':20}   {total.gold:5d} {total.predicted:5d} "
              f"{total.correct:5d} {_fmt(total.precision, total.recall, total.f1)}  {mean_first}")
    return rows


def _print_misses(r: dict[str, Any]) -> None:
    for g in r["missed"]:
        print(f"   MISSED {g['metric']} {g.get('period')} {g.get('breakdown') or ''} = {g['value']}  "
              f"(line {g.get('line')}, page {g.get('page')})")
    for ps, gs in r["wrong"]:
        print(f"   WRONG  {ps[0]['metric']} {ps[0].get('period')} {ps[0].get('breakdown') or ''}: "
              f"got {[p['value'] for p in ps]} want {[g['value'] for g in gs]}  (line {ps[0].get('line')}, page {ps[0].get('page')})")
    for p in r["extra"]:
        print(f"   EXTRA  {p['metric']} {p.get('period')} {p.get('breakdown') or ''} = {p['value']}  "
              f"(line {p.get('line')}, page {p.get('page')})")


SCOPE_1_2 = {"ghg_scope1", "ghg_scope2", "ghg_scope2_location", "ghg_scope2_market", "ghg_scope1_2"}


def corpus_reports(corpus: Path) -> list[Path]:
    """Every report file of the corpus folders."""
    return sorted(
        p for folder in CORPUS_FOLDERS if (corpus / folder).is_dir()
        for p in (corpus / folder).iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
    )


def coverage(shared: Path, out: Path) -> dict[str, Any]:
    """Extract every corpus report; print and return the coverage figures."""
    counts: dict[str, int] = {}
    scopes: dict[str, bool] = {}
    for report in corpus_reports(shared / "corpus"):
        facts = write_facts(report, out / "coverage" / f"{report.stem}.jsonl")
        counts[report.name] = len(facts)
        scopes[report.name] = any(f["metric"] in SCOPE_1_2 and not f["breakdown"] for f in facts)
    n = len(counts)
    if not n:
        raise SystemExit(f"no report under {shared / 'corpus'}")
    values = list(counts.values())
    figures: dict[str, Any] = {
        "reports": n,
        "scope_1_or_2_share": sum(scopes.values()) / n,
        "ten_or_more_share": sum(v >= 10 for v in values) / n,
        "facts_mean": statistics.mean(values),
        "facts_median": statistics.median(values),
        "facts_total": sum(values),
        "no_facts": sorted(k for k, v in counts.items() if not v),
    }
    print(f"coverage over {n} corpus reports ({', '.join(CORPUS_FOLDERS)}):")
    print(f"  giving a Scope 1 or Scope 2 figure  {sum(scopes.values()):3d}  {figures['scope_1_or_2_share']:.0%}")
    print(f"  giving 10 facts or more             {sum(v >= 10 for v in values):3d}  {figures['ten_or_more_share']:.0%}")
    print(f"  facts per report                    mean {figures['facts_mean']:.1f}, median {figures['facts_median']:g}, "
          f"total {figures['facts_total']}")
    print(f"  reports with no fact                {len(figures['no_facts']):3d}  {', '.join(figures['no_facts']) or '-'}")
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder")
    parser.add_argument("--out", type=Path, default=Path("build/eval"), help="where predictions are written")
    parser.add_argument("--misses", action="store_true", help="print missed, wrong and extra facts")
    parser.add_argument("--no-samples", action="store_true", help="score the gold reports only")
    parser.add_argument("--held-out", type=Path, help="folder of further gold files (the project's own)")
    parser.add_argument("--first-seen", type=Path, default=Path("tests/gold/first_seen.yaml"),
                        help="first-seen scores per report")
    parser.add_argument("--coverage", action="store_true", help="coverage over every corpus report instead")
    args = parser.parse_args(argv)
    if args.coverage:
        coverage(args.shared, args.out)
        return
    evaluate(args.shared, args.out, args.misses, not args.no_samples, args.held_out, args.first_seen)


if __name__ == "__main__":
    main()
