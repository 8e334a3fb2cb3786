"""``make bench`` (search part): search and ask latency over the corpus stored 20 times over.

Every corpus report (``pdf/``, ``text/``, ``more/``) is parsed and extracted once, then
written ``--copies`` times; each copy gets one more line ("copy N") on its last page,
so its content and sha256 differ, as 20 editions of the corpus would. Then a fixed mix
of queries (words, phrases, AND / OR / NOT, Chinese, issuer and period filters) and
questions runs ``--rounds`` times each; the median and 95th percentile are printed,
for SQLite and (when a server is given) PostgreSQL.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent

QUERIES = [
    ("emissions", {}), ("water", {}), ('"data security"', {}), ('"scope 3"', {}), ("climate risk", {}),
    ("anti-corruption OR whistleblowing", {}), ("water NOT wastewater", {}), ("(board OR director) diversity", {}),
    ("supplier audit", {}), ("human rights due diligence", {}), ("renewable electricity", {}),
    ("温室气体", {}), ("绿色金融", {}), ("员工培训", {}), ("emissions", {"period": "2023"}),
    ("training", {"issuer": "HKEX:3896"}), ("greenhouse gas", {"metric": "ghg_total"}), ("privacy", {"period": "2020-2022"}),
]
QUESTIONS = [
    "What were Kingsoft Cloud's Scope 1 emissions in 2023?", "How much water did Kuaishou use in 2020?",
    "Which companies had the highest Scope 1 emissions in 2023?", "How does HSBC manage climate risk?",
    "平安银行2021年的温室气体排放总量是多少？", "What were Tencent's Scope 2 emissions in 2023?",
]


def outcomes(corpus: Path) -> list[object]:
    from esgtrace.store.batch import discover
    from esgtrace.store.work import file_sha256, process

    files = discover([corpus / "pdf", corpus / "text", corpus / "more"])
    return [o for o in (process(str(p), file_sha256(p)) for p in files) if o.ok]


def fill(target: str, originals: list[object], copies: int) -> tuple[int, float]:
    from esgtrace.store import Database
    from esgtrace.store.passages import PassageText
    from esgtrace.store.work import Outcome
    from esgtrace.store.writer import write_outcome

    db = Database(target)
    started = time.perf_counter()
    stored = 0
    for n in range(copies):
        for original in originals:
            assert isinstance(original, Outcome)
            passages = list(original.passages)
            if n:
                last = passages[-1] if passages else {"page": None, "line_start": 0, "line_end": 0, "text": ""}
                extra = PassageText(last["page"], last["line_end"] + 1, last["line_end"] + 1, f"copy {n}").to_row()
                passages.append(extra)
            digest = hashlib.sha256(f"{original.sha256}\ncopy {n}".encode()).hexdigest()
            outcome = replace(original, sha256=digest, passages=passages,
                              meta={**original.meta, "document": f"{n:02d}_{original.meta['document']}"})
            write_outcome(db.sessions, outcome, "bench")
            stored += 1
    seconds = time.perf_counter() - started
    db.close()
    return stored, seconds


def measure(target: str, rounds: int) -> dict[str, list[float]]:
    from esgtrace.store import Database

    db = Database(target)
    timings: dict[str, list[float]] = {"search": [], "ask": []}
    for query, filters in QUERIES:  # one untimed round: catalogues load, caches fill
        db.search(query, limit=10, **filters)
    for question in QUESTIONS:
        db.ask(question)
    for _ in range(rounds):
        for query, filters in QUERIES:
            started = time.perf_counter()
            db.search(query, limit=10, **filters)
            timings["search"].append(time.perf_counter() - started)
        for question in QUESTIONS:
            started = time.perf_counter()
            db.ask(question)
            timings["ask"].append(time.perf_counter() - started)
    db.close()
    return timings


def report(backend: str, reports: int, passages: int, timings: dict[str, list[float]]) -> None:
    for kind, values in timings.items():
        ms = sorted(v * 1000 for v in values)
        p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
        print(f"{backend:10} {kind:6} {reports} reports, {passages} passages: median {statistics.median(ms):.1f} ms, "
              f"p95 {p95:.1f} ms ({len(ms)} calls)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", default=os.environ.get("ESGTRACE_TEST_POSTGRES"),
                        help="server URL (default: $ESGTRACE_TEST_POSTGRES; none: SQLite only)")
    args = parser.parse_args()
    from sqlalchemy import func, select

    from esgtrace.store import Database
    from esgtrace.store.schema import Passage

    started = time.perf_counter()
    originals = outcomes(args.corpus)
    print(f"parsed and extracted {len(originals)} corpus reports once in {time.perf_counter() - started:.0f} s")
    targets = []
    with tempfile.TemporaryDirectory() as folder:
        targets.append(("sqlite", str(Path(folder) / "bench.db"), None))
        if args.postgres:
            import psycopg

            name = f"esgtrace_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
            targets.append(("postgresql", args.postgres.rsplit("/", 1)[0] + "/" + name, name))
        try:
            for backend, target, _ in targets:
                stored, seconds = fill(target, originals, args.copies)
                with Database(target) as db, db.sessions() as session:
                    passages = session.scalar(select(func.count(Passage.id))) or 0
                print(f"{backend:10} stored {stored} reports ({passages} passages) in {seconds:.0f} s")
                load = os.getloadavg()[0]
                timings = measure(target, args.rounds)
                report(backend, stored, passages, timings)
                print(f"{backend:10} load average {load:.1f} before, {os.getloadavg()[0]:.1f} after the measure")
        finally:
            for _, _, name in targets:
                if name:
                    import psycopg

                    with psycopg.connect(args.postgres, autocommit=True) as admin:
                        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
