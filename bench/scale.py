"""``make bench`` (scale part): ingest throughput per worker, and a batch of thousands of reports.

Reports are generated sample reports (``esgtrace.samples``), written as text files
(form-feed pages, the same pages as the PDF would have) because rendering thousands of
PDFs would take longer than reading them. ``--write N DIR`` only writes them. Each
fictional issuer gets five yearly reports (2020-2024) and a name and stock code of its
own, so a batch of N reports holds N/5 issuers, as a real filing season does; 250
rendered reports are the templates, varied by issuer.

- ``throughput``: the same ``--reports`` reports (300 by default) into a fresh
  PostgreSQL database with the local executor (``--jobs 1``, in-process; ``--jobs 1``
  and ``2`` worker processes) and the Dask executor (a LocalCluster of 1 and 2
  workers): reports/s, pages/s and scaling efficiency (rate with 2 / 2 x rate with 1).
- ``batch``: ``--batch`` reports (5,000 by default) into a fresh PostgreSQL database
  with the Dask executor (LocalCluster, 2 workers, ``--recycle 200``): wall time, the
  ingest rate in windows of 500 reports, peak memory of each worker process, the
  writer's, and the database size.

Each measure runs in a child process of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from multiprocessing import Pool
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
YEARS = (2020, 2021, 2022, 2023, 2024)
TEMPLATES = 50  # templates per year


def _syllables(number: int) -> str:
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    word = ""
    for _ in range(3):
        number, rest = divmod(number, len(consonants) * len(vowels))
        word += consonants[rest // len(vowels)] + vowels[rest % len(vowels)]
    return word.capitalize()


def _template(key: tuple[int, int]) -> tuple[str, str, str, str]:
    """One rendered sample report: (text, company, short name, stock code)."""
    from esgtrace.samples import build_spec, layout, render_text

    seed, year = key
    spec = build_spec(10_000 + seed * 7 + year, year=year, name=f"t{seed}_{year}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        render_text(spec, path, layout(spec))
        return path.read_text(encoding="utf-8"), spec.company, spec.short_name, spec.stock_code


def write_reports(count: int, folder: Path) -> list[Path]:
    """``count`` sample text reports in ``folder`` (kept: a second call with the same count reuses them)."""
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / f".complete-{count}"
    paths = [folder / f"issuer{i // len(YEARS):05d}_esg_{YEARS[i % len(YEARS)]}.txt" for i in range(count)]
    if done.exists():
        return paths
    keys = [(seed, year) for seed in range(TEMPLATES) for year in YEARS]
    with Pool(os.cpu_count() or 1) as pool:
        templates = dict(zip(keys, pool.map(_template, keys)))
    for index, path in enumerate(paths):
        issuer, year = divmod(index, len(YEARS))
        text, company, short, code = templates[(issuer % TEMPLATES, YEARS[year])]
        new_short = f"{_syllables(issuer)} {short}"
        text = text.replace(short, new_short)
        text = re.sub(rf"(Stock Code:\s*){code}\b", rf"\g<1>{10000 + issuer}", text)
        path.write_text(text, encoding="utf-8")
    done.write_text("")
    return paths


def fresh_database(server: str) -> tuple[str, Any]:
    import psycopg

    name = f"esgtrace_scale_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return server.rsplit("/", 1)[0] + "/" + name, drop


def child(target: str, executor: str, jobs: int, folder: str, recycle: int | None) -> dict[str, Any]:
    """One measure in this (child) process: ingest ``folder`` into ``target``."""
    from sqlalchemy import text

    from esgtrace.store import Database
    from esgtrace.store.executors import make_executor

    db = Database(target)
    times: list[float] = []
    with make_executor(executor, jobs=jobs, timeout=300, recycle=recycle) as chosen:
        worker_rss: Any = None
        if executor == "dask" and chosen.client is not None:  # type: ignore[attr-defined]
            chosen.client.run(lambda: None)  # type: ignore[attr-defined]  # workers up and connected
        started = time.perf_counter()
        summary = db.ingest(folder, executor=chosen, progress=lambda step: times.append(time.perf_counter() - started))
        seconds = time.perf_counter() - started
        if executor == "dask":
            worker_rss = chosen.client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # type: ignore[attr-defined]
    with db.engine.connect() as connection:
        size = connection.execute(text("select pg_database_size(current_database())")).scalar() or 0
        facts = connection.execute(text("select count(*) from fact")).scalar() or 0
    db.close()
    per_process: dict[str, float] = {}
    for step in summary.steps:
        if step.tried:
            per_process[step.tried[-1]] = max(per_process.get(step.tried[-1], 0.0), step.peak_mb)
    return {
        "executor": summary.executor, "seconds": seconds, "reports": summary.stored, "failed": summary.failed,
        "pages": summary.pages, "facts": facts, "write_seconds": summary.write_seconds,
        "extract_seconds": summary.extract_seconds, "times": times, "db_mb": size / 2**20,
        "reader_peak_mb": max(per_process.values(), default=0.0), "reader_processes": len(per_process),
        "dask_worker_peak_mb": max(worker_rss.values()) if worker_rss else 0.0,
        "writer_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "inline_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if not per_process else 0.0,
    }


def run_child(server: str, executor: str, jobs: int, folder: Path, recycle: int | None = None) -> dict[str, Any]:
    target, drop = fresh_database(server)
    try:
        command = [sys.executable, str(HERE), "--child", executor, "--db", target, "--jobs", str(jobs), "--folder", str(folder)]
        if recycle:
            command += ["--recycle", str(recycle)]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    finally:
        drop()


def throughput(server: str, folder: Path, count: int) -> dict[str, Any]:
    subset = folder.parent / f"{folder.name}-first{count}"
    subset.mkdir(exist_ok=True)
    for path in sorted(folder.glob("*.txt"))[:count]:
        if not (subset / path.name).exists():
            (subset / path.name).symlink_to(path)
    plans = [("local", 1, None), ("local", 1, 10**9), ("local", 2, None), ("dask", 1, None), ("dask", 2, None)]
    figures: dict[str, Any] = {}
    for executor, jobs, recycle in plans:
        label = f"{executor} --jobs {jobs}" + (" (worker process)" if recycle else "")
        figures[label] = run_child(server, executor, jobs, subset, recycle)
        f = figures[label]
        print(f"{label:34} {f['reports']:6} reports {f['seconds']:7.1f} s {f['reports'] / f['seconds']:7.2f} reports/s "
              f"{f['pages'] / f['seconds']:7.1f} pages/s  writer {f['write_seconds']:5.1f} s", flush=True)
    for executor, one in (("local", "local --jobs 1"), ("local (processes)", "local --jobs 1 (worker process)"), ("dask", "dask --jobs 1")):
        two = "dask --jobs 2" if executor == "dask" else "local --jobs 2"
        speedup = figures[two]["seconds"] and (figures[two]["reports"] / figures[two]["seconds"]) / (figures[one]["reports"] / figures[one]["seconds"])
        print(f"{executor}: 2 workers vs 1: {speedup:.2f}x, scaling efficiency {speedup / 2 * 100:.0f}%")
    return figures


def batch(server: str, folder: Path) -> dict[str, Any]:
    f = run_child(server, "dask", 2, folder, recycle=200)
    print(f"{f['executor']}: {f['reports']} reports ({f['failed']} failed), {f['pages']} pages, {f['facts']} facts "
          f"in {f['seconds']:.0f} s: {f['reports'] / f['seconds']:.2f} reports/s, {f['pages'] / f['seconds']:.1f} pages/s")
    print(f"writer: {f['write_seconds']:.0f} s in the database ({f['write_seconds'] / f['seconds'] * 100:.0f}% of the wall time, "
          f"off the workers' path); parse + extract {f['extract_seconds']:.0f} s summed over workers")
    print(f"peak memory: reading process {f['reader_peak_mb']:.0f} MB ({f['reader_processes']} processes over the batch, "
          f"recycled every 200 reports), Dask worker {f['dask_worker_peak_mb']:.0f} MB, writer {f['writer_peak_mb']:.0f} MB")
    print(f"database: {f['db_mb']:.0f} MB ({f['db_mb'] * 1024 / max(f['reports'], 1):.0f} KB a report)")
    times = f["times"]
    print("rate in windows of 500 reports:")
    for start in range(0, len(times), 500):
        window = times[start : start + 500]
        began = times[start - 1] if start else 0.0
        print(f"  {start + 1:5}-{start + len(window):5}: {len(window) / max(window[-1] - began, 1e-9):6.2f} reports/s")
    return f


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="*", help="which measures to run: throughput, batch (default: both)")
    parser.add_argument("--postgres", default=os.environ.get("ESGTRACE_TEST_POSTGRES"),
                        help="server URL (default: $ESGTRACE_TEST_POSTGRES, else scripts/postgres.sh)")
    parser.add_argument("--reports", type=int, default=300, help="reports for the throughput measure")
    parser.add_argument("--batch", type=int, default=5000, help="reports for the big batch")
    parser.add_argument("--folder", type=Path, default=ROOT / "build" / "bench-scale", help="where the reports are written")
    parser.add_argument("--write", type=int, metavar="N", help="only write N sample reports into --folder")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--recycle", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.what = args.what or ["throughput", "batch"]
    if set(args.what) - {"throughput", "batch"}:
        parser.error("measures are throughput and batch")
    if args.child:
        print(json.dumps(child(args.db, args.child, args.jobs, str(args.folder), args.recycle)))
        return
    if args.write:
        started = time.perf_counter()
        paths = write_reports(args.write, args.folder)
        print(f"{len(paths)} sample reports in {args.folder} ({time.perf_counter() - started:.0f} s)")
        return
    server = args.postgres or subprocess.run([str(ROOT / "scripts" / "postgres.sh")], check=True,
                                             capture_output=True, text=True).stdout.strip()
    reports = args.folder / f"reports-{max(args.batch, args.reports)}"
    started = time.perf_counter()
    write_reports(max(args.batch, args.reports), reports)
    print(f"{max(args.batch, args.reports)} generated sample reports (text) ready in {time.perf_counter() - started:.0f} s; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    figures: dict[str, Any] = {}
    if "throughput" in args.what:
        figures["throughput"] = throughput(server, reports, args.reports)
    if "batch" in args.what:
        subset = reports if args.batch >= args.reports else None
        figures["batch"] = batch(server, subset or reports)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
