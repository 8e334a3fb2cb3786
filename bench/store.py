"""``make bench`` (store part): what storing costs on top of extraction, and what workers gain.

Each measure runs in a fresh child process so its peak memory is its own:
- ``extract``: parse + extract every corpus file, no database (the baseline);
- ``ingest`` into a fresh SQLite file and into a fresh PostgreSQL database, ``--jobs 1`` and ``2``;
- one ~300-page PDF (corpus pages repeated) ingested alone, for peak memory.
Rounds are interleaved and the best of each is kept (the machine is shared and noisy).
Peak memory is ``ru_maxrss`` of the child plus its largest worker.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent


def child(mode: str, target: str, jobs: int, inputs: list[str]) -> dict[str, Any]:
    """One measure, in this (child) process."""
    from esgtrace.store import Database
    from esgtrace.store.batch import discover
    from esgtrace.store.work import file_sha256, process

    started = time.perf_counter()
    storage = 0.0
    if mode == "extract":
        outcomes = [process(str(p), file_sha256(p)) for p in discover(inputs)]
        pages, reports = sum(o.pages for o in outcomes), len(outcomes)
    else:
        db = Database(target)
        started = time.perf_counter()  # opening (and migrating) the database is not ingest
        summary = db.ingest(inputs, jobs=jobs)
        pages, reports = summary.pages, summary.stored
        db.close()
        storage = summary.write_seconds / summary.extract_seconds
    seconds = time.perf_counter() - started
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    return {"seconds": seconds, "cpu_seconds": cpu, "storage_share": storage, "pages": pages, "reports": reports,
            "peak_mb": (own.ru_maxrss + workers.ru_maxrss * (jobs > 1)) / 1024}


def run_child(mode: str, target: str, jobs: int, inputs: list[Path]) -> dict[str, Any]:
    command = [sys.executable, str(HERE), "--child", mode, "--db", target, "--jobs", str(jobs), *map(str, inputs)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def fresh_target(backend: str, folder: Path, postgres: str | None) -> tuple[str, Any]:
    """A new empty database and a function that removes it."""
    if backend == "sqlite":
        path = folder / f"{uuid.uuid4().hex}.db"
        return str(path), lambda: [p.unlink() for p in folder.glob(path.name + "*")]
    import psycopg

    assert postgres
    name = f"esgtrace_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(postgres, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return postgres.rsplit("/", 1)[0] + "/" + name, drop


def big_pdf(corpus: Path, folder: Path, pages: int = 300) -> Path:
    """A PDF of ``pages`` pages made of the corpus PDFs' pages, repeated."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(p)) for p in sorted((corpus / "pdf").glob("*.pdf"))]
    while len(out) < pages:
        for source in sources:
            out.import_pages(source, list(range(min(len(source), pages - len(out)))))
            if len(out) >= pages:
                break
    path = folder / "big_report.pdf"
    out.save(str(path))
    for source in sources:
        source.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--postgres", default=os.environ.get("ESGTRACE_TEST_POSTGRES"),
                        help="server URL (default: $ESGTRACE_TEST_POSTGRES, else scripts/postgres.sh)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.jobs, args.inputs)))
        return
    postgres = args.postgres or subprocess.run([str(ROOT / "scripts" / "postgres.sh")], check=True,
                                               capture_output=True, text=True).stdout.strip()
    plans = [("extract (no database)", "extract", "sqlite", 1)] + [
        (f"ingest {backend} --jobs {jobs}", "ingest", backend, jobs)
        for backend in ("sqlite", "postgresql") for jobs in (1, 2)
    ]
    best: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for _ in range(args.rounds):
            for label, mode, backend, jobs in plans:
                target, remove = fresh_target(backend, folder, postgres)
                try:
                    figures = run_child(mode, target, jobs, [args.corpus])
                finally:
                    remove()
                if label not in best or figures["seconds"] < best[label]["seconds"]:
                    best[label] = figures
        big = big_pdf(args.corpus, folder)
        target, remove = fresh_target("sqlite", folder, postgres)
        best["one big PDF into sqlite"] = run_child("ingest", target, 1, [big])
        remove()
    base = best["extract (no database)"]["seconds"]
    print(f"{'job':30} {'reports':>7} {'pages':>6} {'seconds':>8} {'cpu s':>6} {'reports/s':>9} {'pages/s':>8} "
          f"{'vs extract':>10} {'writes':>7} {'peak MB':>8}")
    for label, f in best.items():
        extra = f"{(f['seconds'] / base - 1) * 100:+.0f}%" if f["reports"] > 1 else ""
        writes = f"{f['storage_share'] * 100:.1f}%" if f["storage_share"] else ""
        print(f"{label:30} {f['reports']:7} {f['pages']:6} {f['seconds']:8.2f} {f['cpu_seconds']:6.1f} "
              f"{f['reports'] / f['seconds']:9.2f} {f['pages'] / f['seconds']:8.1f} {extra:>10} {writes:>7} {f['peak_mb']:8.0f}")
    print("writes: time the single writer spent in the database, as a share of parse + extract time")
    print(f"(best of {args.rounds} interleaved rounds; {os.cpu_count()} cores, shared with other jobs)")
    if args.json:
        args.json.write_text(json.dumps(best, indent=2))


if __name__ == "__main__":
    main()
