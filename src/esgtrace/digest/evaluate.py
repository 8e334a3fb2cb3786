"""Measure a digest: faithfulness (every number at its cited place) and coverage of blind picks.

``python -m esgtrace.digest.evaluate [STEM ...] [--record]`` scores the digests of the reports
that have a blind pick file ``tests/gold/digest/<stem>.yaml`` (items: kind, text, metric, value,
page or line, quote) and prints the share of picks each digest carries. A pick with a value is
carried when a figure of the digest has its metric and value, or when a sentence prints its
value with a citation on its page (or within two lines); a pick without a value when a
sentence cites its page / line and shares words with its quote.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, Sequence


from esgtrace.digest.model import Cite, Digest, Sentence
from esgtrace.ingest.model import Document
from esgtrace.catalogue import read_yaml

_NUMBER = re.compile(r"(?<![A-Za-z\d.,])\d[\d,]*(?:\.\d+)?")
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_LINE_STOP = re.compile(r"\.[ \t]*\n")  # flattened text ends each wrapped line with ". "


def numbers(text: str) -> list[str]:
    """The numbers of ``text``, thousands separators dropped (``13,249`` -> ``13249``), not the digits inside a word (CO2)."""
    return [m.group().rstrip(",").replace(",", "") for m in _NUMBER.finditer(text)]


def _strip(text: str, parts: Sequence[str]) -> str:
    for part in sorted(parts, key=len, reverse=True):
        if part:
            text = text.replace(part, " ")
    return text


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def place_text(doc: Document, cite: Cite, window: int = 5) -> str:
    """The report text at a cited place: the page, or the lines around a line of an unpaginated file."""
    if cite.page is not None and doc.paginated and 1 <= cite.page <= len(doc.pages):
        return doc.pages[cite.page - 1].text
    if cite.line is not None:
        return "\n".join(ln.text for p in doc.pages for ln in p.lines if abs(ln.number - cite.line) <= window)
    return ""


def at_place(doc: Document, cite: Cite) -> bool:
    """Whether a quote (its parts, when it joins a row label and its figures with " … ") is printed
    at its place; a row label wrapped over lines of flattened text (each ending in ". ") counts as
    printed when its words follow each other across those line ends."""
    text = place_text(doc, cite)
    forms = (_collapse(text), _collapse(_LINE_STOP.sub(" ", text)))
    return all(any(_collapse(part) in here for here in forms) for part in cite.quote.split("…") if part.strip())


def faithfulness(d: Digest, doc: Document) -> tuple[int, list[str]]:
    """``(numbers checked, problems)``: each number of a sentence (outside its computed parts,
    names and periods) must be in one of its citations' quotes, and each quote at its cited place;
    the numbers of a period label (``FY2021``) must be printed in the report."""
    checked = 0
    problems: list[str] = []
    whole = _collapse(doc.text)
    for s in d.sentences:
        for cite in s.cites:
            if not at_place(doc, cite):
                problems.append(f"quote not at its place ({cite.page}/{cite.line}): {cite.quote!r}")
        for period in s.periods:
            if not all(n in whole for n in numbers(period)):
                problems.append(f"period {period!r} not printed: {s.text!r}")
        quoted = [n for c in s.cites for n in numbers(c.quote)]
        for n in numbers(_strip(s.text, s.computed + s.names + s.periods)):
            checked += 1
            if n not in quoted:
                problems.append(f"{n} not in the cited quotes: {s.text!r}")
    for n in numbers(_strip(d.headline, tuple(s for x in d.lead for s in x.periods))):
        checked += 1
        if n not in whole.replace(",", ""):
            problems.append(f"{n} of the headline not in the report")
    return checked, problems


# ---------------------------------------------------------------- coverage

def _near(cite: Cite, item: dict[str, Any]) -> bool:
    page, line = item.get("page"), item.get("line")
    if page is not None:
        return bool(cite.page == page)
    if line is not None and cite.line is not None:
        return abs(cite.line - int(line)) <= 2
    return False


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= max(1e-6, 1e-3 * abs(b))


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2 or not w.isascii()}


def carried(item: dict[str, Any], sentences: Sequence[Sentence]) -> bool:
    """Whether the digest's ``sentences`` carry one blind pick."""
    value = item.get("value")
    if value is not None:
        try:
            wanted = float(value)
        except (TypeError, ValueError):
            wanted = None
        if wanted is not None:
            for s in sentences:
                if s.metric and s.metric == item.get("metric") and s.value is not None and _same_value(s.value, wanted):
                    return True
                if any(_near(c, item) for c in s.cites):
                    printed = [float(n) for n in numbers(_strip(s.text, s.computed))]
                    if any(_same_value(p, wanted) for p in printed):
                        return True
            return False
    gold = _words(str(item.get("quote") or item.get("text") or ""))
    for s in sentences:
        for c in s.cites:
            if _near(c, item):
                have = _words(c.quote) | _words(s.text)
                if not gold or len(gold & have) / len(gold) >= 0.3:
                    return True
    return False


def coverage(d: Digest, picks: Sequence[dict[str, Any]]) -> tuple[int, int]:
    """``(items, carried)``."""
    sentences = d.sentences
    return len(picks), sum(1 for item in picks if carried(item, sentences))


def find_report(name: str, corpus: Path) -> Path | None:
    """The corpus file of a report stem or file name."""
    stem = Path(name).stem
    for path in sorted(corpus.rglob("*")):
        if path.is_file() and path.stem == stem:
            return path
    return None


def _record(path: Path, scores: dict[str, tuple[int, int]]) -> None:
    """Add ``digest: {...}`` under each report of ``first_seen.yaml``, keeping every existing line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for stem, (items, hit) in scores.items():
        entry = f"    digest: {{items: {items}, carried: {hit}, coverage: {hit / items if items else 0:.3f}}}"
        head = f"  {stem}:"
        if head in lines:
            at = lines.index(head) + 1
            while at < len(lines) and lines[at].startswith("    "):
                if lines[at].startswith("    digest:"):
                    raise SystemExit(f"{stem}: a first-seen digest score is already recorded")
                at += 1
            lines.insert(at, entry)
        else:
            lines += [head, entry]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("stems", nargs="*", help="report stems (default: every pick file)")
    parser.add_argument("--gold", default="tests/gold/digest", help="folder of the blind pick files")
    parser.add_argument("--corpus", default="../shared/corpus", help="the corpus folder")
    parser.add_argument("--record", default=None, help="first_seen.yaml to record the scores in (once)")
    args = parser.parse_args(argv)
    from esgtrace.digest import digest

    gold = Path(args.gold)
    stems = args.stems or sorted(p.stem for p in gold.glob("*.yaml"))
    scores: dict[str, tuple[int, int]] = {}
    for stem in stems:
        data = read_yaml((gold / f"{stem}.yaml").read_text(encoding="utf-8"))
        report = find_report(str(data.get("document") or stem), Path(args.corpus))
        if report is None:
            print(f"{stem}: report not found", file=sys.stderr)
            return 2
        items, hit = coverage(digest(report), data.get("items") or [])
        scores[stem] = (items, hit)
        print(f"{stem}: {hit}/{items} carried, coverage {hit / items if items else 0:.3f}")
    total, total_hit = sum(i for i, _ in scores.values()), sum(h for _, h in scores.values())
    print(f"all: {total_hit}/{total} carried, coverage {total_hit / total if total else 0:.3f}")
    if args.record:
        _record(Path(args.record), scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
