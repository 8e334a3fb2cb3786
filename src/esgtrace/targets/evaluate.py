"""Accuracy of the targets reader against the ``targets:`` lists of hand-checked gold files.

A predicted target matches a gold one (one to one) when their target years are equal, their
changes agree within rounding (the number of the change, its sign when both print one;
net zero with net zero, x2 with x2, a worded end state such as "carbon negative" or "near
zero" with the same words), and they are about the same thing: the same catalogue metric
id when both have one, else the same pillar (the gold's own ``pillar`` when it states one:
a free-text subject such as "net sales" or "network coverage" is not environmental by
default). The gold ``metric`` is often free text
("ghg_total (own operations and supply chain)", "sustainable finance (no metric id)"): its
id is a leading catalogue id the text does not disown ("no metric id"), its pillar that
id's group, else the pillar of the vocabulary subject the text names.

usage: python -m esgtrace.targets.evaluate [--shared ../shared] [--held-out tests/gold/facts]
       [--first-seen tests/gold/first_seen.yaml] [--show]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from esgtrace.catalogue import metrics, read_yaml
from esgtrace.targets.model import Target
from esgtrace.targets.vocabulary import vocabulary

_NUMBER = re.compile(r"(?P<sign>[-−+])?\s*(?:[$£€]|gbp\s|usd\s|rmb\s?)?(?P<n>\d[\d,]*(?:\.\d+)?)\s?(?P<mag>thousand|million|billion|trillion|bn|tn|m|k)?(?![a-z])")
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}


@dataclass(frozen=True)
class Change:
    form: str  # "net zero", "x", "n", "phase", "?"
    value: float | None = None
    sign: str = ""
    decimals: int = 0
    percent: bool | None = None  # a percentage, a count or amount, or (zero, a multiple) either


def read_change(text: str | None) -> Change:
    """The comparable form of a printed change: ``-42%``, ``<=1.365``, ``net zero``, ``x2``."""
    printed = str(text or "").strip().lower()
    if re.search(r"net[- ]?zero|carbon[- ]neutral|climate[- ]neutral|碳中和|净零", printed):
        return Change("net zero")
    multiple = re.match(r"x\s?(\d+)|(double|halve|triple)", printed)
    if multiple:
        if multiple.group(2) == "halve":
            return Change("n", 50.0, "-", percent=True)
        return Change("x", float(multiple.group(1) or {"double": 2, "triple": 3}[multiple.group(2)]))
    if re.fullmatch(r"(?:zero|nil|none)\b.*", printed):
        return Change("n", 0.0)  # "zero" (a standing pledge of none) is the figure 0
    worded = re.match(r"(carbon|climate)[- ]negative|(?:water|carbon|climate|nature)[- ]positive|near[- ]zero|peak(?:ing)?\b|碳达峰|达峰", printed)
    if worded:  # a worded end state: compared by its words ("near zero" is not the figure 0)
        word = re.sub(r"[- ]+", " ", worded.group(0))
        return Change("word:" + ("peak" if word.startswith("peak") or "达峰" in word else word))
    m = _NUMBER.search(printed)
    if m is None:
        return Change("phase" if "phase" in printed else "?")
    digits = m.group("n").replace(",", "")
    sign = {"−": "-"}.get(m.group("sign") or "", m.group("sign") or "")
    scale = _SCALE.get(m.group("mag") or "", 1.0)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits) * scale
    percent = None if value == 0 else bool(re.search(r"%|per\s?cent", printed[m.start() : m.end() + 12]))
    return Change("n", value, sign, decimals - round(__import__("math").log10(scale)), percent)


def same_change(a: Change, b: Change) -> bool:
    if a.form != b.form:
        return False
    if a.form != "n":
        return a.form != "?" and a.value == b.value  # net zero, x2, a worded end state: the same form
    assert a.value is not None and b.value is not None
    if a.sign and b.sign and a.sign != b.sign:
        return False
    if a.percent is not None and b.percent is not None and a.percent != b.percent:
        return False  # -25% is not "25 products"
    tolerance = 0.5 * 10 ** -min(a.decimals, b.decimals) + 1e-9
    return bool(abs(a.value - b.value) <= tolerance)


def gold_metric(text: str | None) -> tuple[str | None, str]:
    """(catalogue id or None, pillar) of a gold target's metric text."""
    printed = str(text or "")
    groups = {m.id: m.group for m in metrics()}
    lead = re.match(r"\s*([a-z][a-z0-9_]+)", printed)
    disowned = re.search(r"no (?:metrics\.yaml |metric )?id|free text", printed, re.I)
    if lead and lead.group(1) in groups and not disowned:
        return lead.group(1), groups[lead.group(1)]
    closest = re.search(r"closest:?\s*([a-z][a-z0-9_]+)", printed)
    subject = vocabulary().subject_of(printed)
    if subject is not None:
        return None, subject.pillar
    if lead and lead.group(1) in groups:
        return None, groups[lead.group(1)]
    if closest and closest.group(1) in groups:
        return None, groups[closest.group(1)]
    return None, "environment"


def _year(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def matches(gold: dict[str, Any], target: Target) -> bool:
    """Whether ``target`` is the gold target. A gold target that states its ``pillar`` is
    compared on that pillar; else the pillar follows from its metric text."""
    if _year(gold.get("target_year")) != target.target_year:
        return False
    printed, read = read_change(gold.get("change")), read_change(target.change)
    if not same_change(printed, read):
        return False
    if printed.form == "n" and bool(printed.sign) != bool(read.sign) and "share" in (gold.get("kind"), target.kind):
        return False  # a share of 10% ("10% of the portfolio") is not a 10% reduction, nor the reverse
    gold_id, gold_pillar = gold_metric(gold.get("metric"))
    if gold.get("pillar") in ("environment", "social", "governance"):
        gold_pillar = str(gold["pillar"])
    if gold_id is not None and target.metric is not None:
        return gold_id == target.metric
    return gold_pillar == target.pillar


def split_gold(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A gold row that lists several changes ("15% / 35% / 10%", one sentence, three
    materials) is that many targets, one per change."""
    out: list[dict[str, Any]] = []
    for g in gold:
        parts = [p.strip() for p in str(g.get("change") or "").split(" / ")]
        if len(parts) > 1 and all(_NUMBER.search(p) or read_change(p).form != "?" for p in parts):
            out.extend({**g, "change": p} for p in parts)
        else:
            out.append(g)
    return out


def score(gold: list[dict[str, Any]], predicted: list[Target]) -> tuple[dict[str, Any], list[Any], list[Target]]:
    """Counts and rates; also the gold targets missed and the predictions not matched."""
    gold = split_gold(gold)
    pairs = _pairs(gold, list(predicted))
    missed = [g for i, g in enumerate(gold) if i not in pairs]
    used = set(pairs.values())
    unmatched = [t for j, t in enumerate(predicted) if j not in used]
    correct = len(gold) - len(missed)
    return _rates(len(gold), len(predicted), correct), missed, unmatched


def _pairs(gold: list[dict[str, Any]], predicted: list[Target]) -> dict[int, int]:
    """The largest one-to-one matching of gold and predicted targets (gold index -> predicted
    index), by augmenting paths: a prediction that fits two gold targets goes to the one
    nothing else fits, whatever the order of the gold list."""
    fits = [[j for j, t in enumerate(predicted) if matches(g, t)] for g in gold]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        place(i, set())
    return {i: j for j, i in owner.items()}


def _rates(gold: int, predicted: int, correct: int) -> dict[str, Any]:
    precision = correct / predicted if predicted else (1.0 if not gold else 0.0)
    recall = correct / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": gold, "predicted": predicted, "correct": correct, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3)}


def find_report(corpus: Path, document: str) -> Path | None:
    for folder in ("text", "pdf", "more/text", "more/pdf"):
        path = corpus / folder / document
        if path.exists():
            return path
    return None


def gold_files(folders: list[Path]) -> list[tuple[str, Path]]:
    """(stem, file) of every gold file with a ``targets:`` list."""
    out = []
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            data = read_yaml(path.read_text(encoding="utf-8")) or {}
            if isinstance(data, dict) and "targets" in data:
                out.append((path.stem, path))
    return out


def evaluate(shared: Path, held_out: Path | None, first_seen: Path | None, show: bool = False) -> dict[str, Any]:
    """Score every gold file with targets; prints a table and returns the figures."""
    from esgtrace.targets import targets

    seen: dict[str, Any] = {}
    if first_seen is not None and first_seen.exists():
        seen = (read_yaml(first_seen.read_text(encoding="utf-8")) or {}).get("reports", {}) or {}
    folders = [shared / "gold"] + ([held_out] if held_out is not None and held_out.is_dir() else [])
    rows: dict[str, Any] = {}
    totals = [0, 0, 0]
    print(f"{'report':44} {'gold':>4} {'pred':>4} {'ok':>4} {'P':>6} {'R':>6} {'F1':>6}  first seen (P / R)")
    for stem, path in gold_files(folders):
        data = read_yaml(path.read_text(encoding="utf-8"))
        report = find_report(shared / "corpus", str(data.get("document", "")))
        if report is None:
            continue
        result = targets(report, options={"use_extract": False})
        gold = list(data.get("targets") or [])
        figures, missed, extra = score(gold, list(result.targets))
        rows[stem] = figures
        for i, k in enumerate(("gold", "predicted", "correct")):
            totals[i] += figures[k]
        first = ((seen.get(stem) or {}).get("targets") or {}) if isinstance(seen.get(stem), dict) else {}
        first_text = f"{first.get('precision', '-')} / {first.get('recall', '-')}" if first else ""
        print(f"{stem:44} {figures['gold']:>4} {figures['predicted']:>4} {figures['correct']:>4} "
              f"{figures['precision']:>6.3f} {figures['recall']:>6.3f} {figures['f1']:>6.3f}  {first_text}")
        if show:
            for g in missed:
                print(f"    missed: {g.get('metric')} | {g.get('change')} | {g.get('target_year')} | {str(g.get('text'))[:90]}")
            for t in extra:
                print(f"    extra:  {t.about} | {t.change} | {t.target_year} | {t.quote[:90]}")
    micro = _rates(*totals)
    rows["micro"] = micro
    print(f"{'micro-average':44} {micro['gold']:>4} {micro['predicted']:>4} {micro['correct']:>4} "
          f"{micro['precision']:>6.3f} {micro['recall']:>6.3f} {micro['f1']:>6.3f}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the targets reader against the gold targets.")
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (gold/, corpus/)")
    parser.add_argument("--held-out", type=Path, default=Path("tests/gold/facts"), help="the project's own gold files")
    parser.add_argument("--first-seen", type=Path, default=Path("tests/gold/first_seen.yaml"), help="first-seen scores to print beside")
    parser.add_argument("--show", action="store_true", help="list the missed and extra targets")
    args = parser.parse_args(argv)
    print("targets (esgtrace.targets vs gold targets:)")
    evaluate(args.shared, args.held_out, args.first_seen, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
