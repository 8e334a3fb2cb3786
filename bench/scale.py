"""``make bench`` (scale part): ingest throughput per worker, and a batch of thousands of reports.

Reports are generated sample reports (``esgtrace.samples``), written as text files
(form-feed pages, the same pages as the PDF would have) because rendering thousands of
PDFs would take longer than reading them. ``--write N DIR`` only writes them. Each
fictional issuer gets five yearly reports (2020-2024) and a name and stock code of its
own, so a batch of N reports holds N/5 issuers, as a real filing season does; 250
rendered reports are the templates, varied by issuer.

- ``throughput``: the same ``--reports`` reports (100 by default) into a fresh
  PostgreSQL database with the local executor (``--jobs 1`` in-process; one and two
  worker processes) and the Dask executor (a LocalCluster of 1 and 2 workers), in
  ``--rounds`` interleaved rounds (3; the order reversed every other round), so that
  1 and 2 workers are compared in the same minute: medians of reports/s, pages/s, the
  speedup of each round's pair and its median, scaling efficiency (speedup / 2), and
  CPU seconds per report (the writer process, the processes under it, the database
  server) with how many cores the rest of the machine used meanwhile. Each round
  starts by timing a pure-Python loop in 1 and in 2 processes: what 2 workers could
  give on the machine at that time.
- ``batch``: ``--batch`` reports (5,000 by default) into a fresh PostgreSQL database
  with the Dask executor (LocalCluster, 2 workers, ``--recycle 200``): wall time, the
  ingest rate in windows of ``--window`` (500) reports, printed as they pass, peak
  memory of the reading processes, the Dask workers and the writer, CPU per report,
  the writer's rows per second and the database size.

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


# ---- CPU accounting (Linux /proc; every figure is None elsewhere) ----------------------

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _processes() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, CPU ticks of the process and of its children it has waited for)."""
    table: dict[int, tuple[int, int]] = {}
    for entry in Path("/proc").iterdir() if Path("/proc/stat").exists() else ():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        table[int(entry.name)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    return table


def tree_cpu(root: int) -> float | None:
    """CPU seconds of ``root`` and every process under it (finished ones its owners reaped included)."""
    table = _processes()
    if root not in table:
        return None
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += table[pid][1]
        todo += children.get(pid, [])
    return total / TICK


def machine_busy() -> float | None:
    """CPU seconds every process of the machine has used since boot (all cores)."""
    try:
        user, nice, system, _idle, _iowait, irq, softirq = (int(x) for x in Path("/proc/stat").read_text().split()[1:8])
    except (OSError, ValueError):
        return None
    return (user + nice + system + irq + softirq) / TICK


def spin(_: int) -> float:
    """A fixed amount of pure-Python work (about half a second); its duration."""
    started, total = time.perf_counter(), 0
    for i in range(6_000_000):
        total += i & 7
    return time.perf_counter() - started


def cores_now() -> float:
    """How many cores' worth of work 2 processes get done right now, against 1 (2.0 on an idle 2-core machine)."""
    import multiprocessing

    one = spin(0)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        started = time.perf_counter()
        pool.map(spin, [0, 1], chunksize=1)
        two = time.perf_counter() - started
    return 2 * one / two


# ---- one measure, in a child process of its own ------------------------------------------

def child(target: str, executor: str, jobs: int, folder: str, recycle: int | None, window: int,
          timeout: float | None) -> dict[str, Any]:
    """One measure in this (child) process: ingest ``folder`` into ``target``; every ``window`` reports a line on stderr."""
    from sqlalchemy import text

    from esgtrace.store import Database
    from esgtrace.store.executors import make_executor

    db = Database(target)
    with db.engine.connect() as connection:
        backend = int(connection.execute(text("select pg_backend_pid()")).scalar() or 0)
    server_pid = _processes().get(backend, (0, 0))[0] or None
    times: list[float] = []
    me = os.getpid()
    began = time.perf_counter()
    with make_executor(executor, jobs=jobs, timeout=timeout, recycle=recycle) as chosen:
        worker_rss: Any = None
        if executor == "dask" and chosen.client is not None:  # type: ignore[attr-defined]
            chosen.client.wait_for_workers(jobs)  # type: ignore[attr-defined]
            chosen.client.run(lambda: None)  # type: ignore[attr-defined]  # workers up and connected
        cluster_seconds = time.perf_counter() - began
        cpu = [tree_cpu(me), resource.getrusage(resource.RUSAGE_SELF), tree_cpu(server_pid) if server_pid else None,
               machine_busy(), os.getloadavg()[0]]
        started = time.perf_counter()

        def progress(step: Any) -> None:
            times.append(time.perf_counter() - started)
            if window and len(times) % window == 0:
                began = times[-window - 1] if len(times) > window else 0.0
                print(f"    {len(times):6} reports, {times[-1]:6.0f} s: {window / (times[-1] - began):6.2f} reports/s "
                      f"in the last {window}; load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)

        summary = db.ingest(folder, executor=chosen, progress=progress)
        seconds = time.perf_counter() - started
        after = [tree_cpu(me), resource.getrusage(resource.RUSAGE_SELF), tree_cpu(server_pid) if server_pid else None,
                 machine_busy(), os.getloadavg()[0]]
        if executor == "dask":
            worker_rss = chosen.client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # type: ignore[attr-defined]
    with db.engine.connect() as connection:
        size = connection.execute(text("select pg_database_size(current_database())")).scalar() or 0
        rows = {table: int(connection.execute(text(f"select count(*) from {table}")).scalar() or 0)
                for table in ("report", "fact", "passage", "target")}
    db.close()
    per_process: dict[str, float] = {}
    for step in summary.steps:
        if step.tried:
            per_process[step.tried[-1]] = max(per_process.get(step.tried[-1], 0.0), step.peak_mb)

    def delta(at: int) -> float | None:
        return None if cpu[at] is None or after[at] is None else after[at] - cpu[at]

    own = (after[1].ru_utime + after[1].ru_stime) - (cpu[1].ru_utime + cpu[1].ru_stime)
    tree, server, busy = delta(0), delta(2), delta(3)
    return {
        "executor": summary.executor, "seconds": seconds, "cluster_seconds": cluster_seconds,
        "reports": summary.stored, "failed": summary.failed, "pages": summary.pages, "rows": rows,
        "write_seconds": summary.write_seconds, "write_cpu_seconds": summary.write_cpu_seconds,
        "extract_seconds": summary.extract_seconds, "extract_cpu_seconds": summary.extract_cpu_seconds,
        "times": times, "db_mb": size / 2**20,
        # CPU seconds during the ingest: this process (the writer, and the reading when in-process),
        # the processes under it (workers, the fork server, Dask), the database server, the whole machine
        "cpu_writer_process": own, "cpu_under": None if tree is None else tree - own, "cpu_database": server,
        "cpu_machine": busy, "load_before": cpu[4], "load_after": after[4],
        "reader_peak_mb": max(per_process.values(), default=0.0), "reader_processes": len(per_process),
        "dask_worker_peak_mb": max(worker_rss.values()) if worker_rss else 0.0,
        "writer_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(server: str, executor: str, jobs: int, folder: Path, recycle: int | None = None, window: int = 0,
              timeout: float | None = None) -> dict[str, Any]:
    target, drop = fresh_database(server)
    try:
        command = [sys.executable, str(HERE), "--child", executor, "--db", target, "--jobs", str(jobs), "--folder", str(folder),
                   "--window", str(window)]
        if recycle:
            command += ["--recycle", str(recycle)]
        if timeout:
            command += ["--timeout", str(timeout)]
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=None if window else subprocess.PIPE, text=True)
        if done.returncode:
            sys.exit(f"bench/scale.py: the {executor} --jobs {jobs} measure failed:\n{(done.stderr or '(above)')[-3000:]}")
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    finally:
        drop()


def ours(f: dict[str, Any]) -> float | None:
    """CPU seconds the measure used: writer process, its workers, the database server."""
    if f["cpu_under"] is None:
        return None
    return f["cpu_writer_process"] + f["cpu_under"] + (f["cpu_database"] or 0.0)


def others(f: dict[str, Any]) -> float | None:
    """Cores the rest of the machine kept busy meanwhile, on average."""
    mine = ours(f)
    if mine is None or f["cpu_machine"] is None:
        return None
    return max(0.0, f["cpu_machine"] - mine) / f["seconds"]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


#: (label, executor, jobs, recycle): recycle=10**9 makes one local job a worker process (no in-process reading)
PLANS = (
    ("local, in this process (--jobs 1)", "local", 1, None),
    ("local, 1 worker process", "local", 1, 10**9),
    ("local, 2 worker processes (--jobs 2)", "local", 2, None),
    ("dask LocalCluster, 1 worker", "dask", 1, None),
    ("dask LocalCluster, 2 workers", "dask", 2, None),
)
#: (what, 1 worker, 2 workers)
PAIRS = (
    ("local pool (--jobs 2 vs --jobs 1)", PLANS[0][0], PLANS[2][0]),
    ("local pool (2 vs 1 worker process)", PLANS[1][0], PLANS[2][0]),
    ("dask (2 vs 1 worker)", PLANS[3][0], PLANS[4][0]),
)


def steady_rate(f: dict[str, Any]) -> float:
    """Reports/s after start-up: over the last 90% of the reports (a batch of thousands pays its start-up once)."""
    times = f["times"]
    first = len(times) // 10
    if len(times) < 20 or times[-1] <= times[first]:
        return float(f["reports"] / f["seconds"])
    return (len(times) - 1 - first) / (times[-1] - times[first])


def throughput(server: str, folder: Path, count: int, rounds: int) -> dict[str, Any]:
    """Every plan ``rounds`` times, interleaved (the order reversed every other round), with the spare cores measured."""
    subset = folder.parent / f"{folder.name}-first{count}"
    subset.mkdir(exist_ok=True)
    for path in sorted(folder.glob("*.txt"))[:count]:
        if not (subset / path.name).exists():
            (subset / path.name).symlink_to(path)
    runs: dict[str, list[dict[str, Any]]] = {label: [] for label, *_ in PLANS}
    spare: list[float] = []
    for round_ in range(rounds):
        spare.append(cores_now())
        print(f"round {round_ + 1}/{rounds}: 2 processes of a pure-Python loop do {spare[-1]:.2f}x the work of 1 right now; "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
        for label, executor, jobs, recycle in PLANS if round_ % 2 == 0 else PLANS[::-1]:
            f = run_child(server, executor, jobs, subset, recycle)
            if ("in this process" in label) != ("in this process" in f["executor"]):
                sys.exit(f"bench/scale.py: {label!r} ran as {f['executor']!r}")
            runs[label].append(f)
            mine = ours(f)
            print(f"  {label:38} {f['seconds']:6.1f} s {f['reports'] / f['seconds']:6.2f} reports/s "
                  f"{f['pages'] / f['seconds']:6.1f} pages/s  CPU {mine or 0:5.1f} s; others used "
                  f"{others(f) or 0:.2f} cores, load {f['load_before']:.1f}-{f['load_after']:.1f}", flush=True)
    print(f"\n{count} reports, median of {rounds} interleaved rounds (CPU: ms per report, all our processes; "
          "writer: the single writer's share)")
    print(f"{'':38} {'reports/s':>9} {'pages/s':>8} {'CPU ms':>7} {'read ms':>7} {'write ms':>8} {'db ms':>6} "
          f"{'others':>6} {'start s':>7}")
    table: dict[str, Any] = {}
    for label, *_ in PLANS:
        done = runs[label]
        n = done[0]["reports"]
        row = {
            "reports_per_s": median([f["reports"] / f["seconds"] for f in done]),
            "pages_per_s": median([f["pages"] / f["seconds"] for f in done]),
            "seconds": median([f["seconds"] for f in done]),
            "cpu_ms_per_report": median([(ours(f) or 0) / n * 1000 for f in done]),
            "read_cpu_ms_per_report": median([f["extract_cpu_seconds"] / n * 1000 for f in done]),
            "write_cpu_ms_per_report": median([f["write_cpu_seconds"] / n * 1000 for f in done]),
            "write_ms_per_report": median([f["write_seconds"] / n * 1000 for f in done]),
            "database_cpu_ms_per_report": median([(f["cpu_database"] or 0) / n * 1000 for f in done]),
            "others_cores": median([others(f) or 0 for f in done]),
            "load": median([f["load_before"] for f in done]),
            "cluster_seconds": median([f["cluster_seconds"] for f in done]),
            "first_report_seconds": median([f["times"][0] if f["times"] else 0.0 for f in done]),
        }
        table[label] = row
        print(f"{label:38} {row['reports_per_s']:9.2f} {row['pages_per_s']:8.1f} {row['cpu_ms_per_report']:7.0f} "
              f"{row['read_cpu_ms_per_report']:7.0f} {row['write_cpu_ms_per_report']:8.0f} {row['database_cpu_ms_per_report']:6.0f} "
              f"{row['others_cores']:6.2f} {row['cluster_seconds'] + row['first_report_seconds']:7.1f}")
    pairs: dict[str, Any] = {}
    for what, one, two in PAIRS:
        ratios = [(b["reports"] / b["seconds"]) / (a["reports"] / a["seconds"]) for a, b in zip(runs[one], runs[two])]
        cpu = [(ours(a) or 0) / max(ours(b) or 0, 1e-9) for a, b in zip(runs[one], runs[two])]
        steady = [steady_rate(b) / steady_rate(a) for a, b in zip(runs[one], runs[two])]
        pairs[what] = {"speedup": median(ratios), "speedups": ratios, "efficiency": median(ratios) / 2,
                       "cpu_efficiency": median(cpu), "steady_speedup": median(steady), "steady_speedups": steady}
        print(f"{what}: {median(ratios):.2f}x (rounds: {', '.join(f'{r:.2f}' for r in ratios)}), scaling efficiency "
              f"{median(ratios) / 2 * 100:.0f}%; after start-up (last 90% of the reports) {median(steady):.2f}x "
              f"(rounds: {', '.join(f'{r:.2f}' for r in steady)}); CPU per report 1 worker / 2 workers = {median(cpu) * 100:.0f}%")
    print(f"2 processes of a pure-Python loop: {median(spare):.2f}x (rounds: {', '.join(f'{r:.2f}' for r in spare)}): "
          "the most 2 workers could give on this machine at the time")
    return {"reports": count, "rounds": rounds, "runs": runs, "table": table, "pairs": pairs, "spin_speedup": spare}


def batch(server: str, folder: Path, jobs: int, window: int) -> dict[str, Any]:
    print(f"batch: {sum(1 for _ in folder.glob('*.txt'))} reports, Dask LocalCluster of {jobs} workers, recycled every 200 "
          "reports, into a fresh PostgreSQL database", flush=True)
    f = run_child(server, "dask", jobs, folder, recycle=200, window=window, timeout=300)
    n, seconds = f["reports"], f["seconds"]
    print(f"{f['executor']}: {n} reports ({f['failed']} failed), {f['pages']} pages, {f['rows']['fact']} facts "
          f"in {seconds:.0f} s ({seconds / 60:.1f} min): {n / seconds:.2f} reports/s, {f['pages'] / seconds:.1f} pages/s; "
          f"load average {f['load_before']:.1f} before, {f['load_after']:.1f} after, others used {others(f) or 0:.2f} cores")
    mine = ours(f)
    if mine is not None:
        print(f"CPU: {mine / n * 1000:.0f} ms a report in all: reading {f['extract_cpu_seconds'] / n * 1000:.0f} ms, "
              f"writer process {f['cpu_writer_process'] / n * 1000:.0f} ms (of which writing {f['write_cpu_seconds'] / n * 1000:.0f} ms), "
              f"database server {(f['cpu_database'] or 0) / n * 1000:.0f} ms, Dask and worker processes' overhead "
              f"{(f['cpu_under'] - f['extract_cpu_seconds']) / n * 1000:.0f} ms")
    written = sum(f["rows"].values())
    print(f"writer: {f['write_seconds']:.0f} s in the database ({f['write_seconds'] / seconds * 100:.0f}% of the wall time, "
          f"off the workers' path): {written} rows ({', '.join(f'{v} {k}' for k, v in f['rows'].items())}) = "
          f"{written / max(f['write_seconds'], 1e-9):,.0f} rows/s, {n / max(f['write_seconds'], 1e-9):.0f} reports/s")
    print(f"peak memory: reading process {f['reader_peak_mb']:.0f} MB ({f['reader_processes']} processes over the batch, "
          f"recycled every 200 reports), Dask worker {f['dask_worker_peak_mb']:.0f} MB, writer {f['writer_peak_mb']:.0f} MB")
    print(f"database: {f['db_mb']:.0f} MB ({f['db_mb'] * 1024 / max(n, 1):.0f} KB a report)")
    times = f["times"]
    print(f"rate in windows of {window} reports:")
    rates = []
    for start in range(0, len(times), window):
        chunk = times[start : start + window]
        began = times[start - 1] if start else 0.0
        rates.append(len(chunk) / max(chunk[-1] - began, 1e-9))
        print(f"  {start + 1:5}-{start + len(chunk):5}: {rates[-1]:6.2f} reports/s", flush=True)
    f["window_rates"] = rates
    return f


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="*", help="which measures to run: throughput, batch (default: both)")
    parser.add_argument("--postgres", default=os.environ.get("ESGTRACE_TEST_POSTGRES"),
                        help="server URL (default: $ESGTRACE_TEST_POSTGRES, else scripts/postgres.sh)")
    parser.add_argument("--reports", type=int, default=100, help="reports for each throughput measure")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the throughput measures")
    parser.add_argument("--batch", type=int, default=5000, help="reports for the big batch")
    parser.add_argument("--batch-jobs", type=int, default=2, help="Dask workers for the big batch")
    parser.add_argument("--window", type=int, default=500, help="reports per window of the batch's rate over time")
    parser.add_argument("--folder", type=Path, default=ROOT / "build" / "bench-scale", help="where the reports are written")
    parser.add_argument("--write", type=int, metavar="N", help="only write N sample reports into --folder")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--recycle", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.what = args.what or ["throughput", "batch"]
    if set(args.what) - {"throughput", "batch"}:
        parser.error("measures are throughput and batch")
    if args.child:
        print(json.dumps(child(args.db, args.child, args.jobs, str(args.folder), args.recycle, args.window, args.timeout)))
        return
    if args.write:
        started = time.perf_counter()
        paths = write_reports(args.write, args.folder)
        print(f"{len(paths)} sample reports in {args.folder} ({time.perf_counter() - started:.0f} s)")
        return
    server = args.postgres or subprocess.run([str(ROOT / "scripts" / "postgres.sh")], check=True,
                                             capture_output=True, text=True).stdout.strip()
    began = time.perf_counter()
    reports = args.folder / f"reports-{max(args.batch, args.reports)}"
    write_reports(max(args.batch, args.reports), reports)
    print(f"{max(args.batch, args.reports)} generated sample reports (text) ready in {time.perf_counter() - began:.0f} s; "
          f"{os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    figures: dict[str, Any] = {"cores": os.cpu_count(), "load_before": os.getloadavg()}
    if "throughput" in args.what:
        figures["throughput"] = throughput(server, reports, args.reports, args.rounds)
    if "batch" in args.what:
        subset = reports
        if args.batch < max(args.batch, args.reports):
            subset = reports.parent / f"{reports.name}-first{args.batch}"
            subset.mkdir(exist_ok=True)
            for path in sorted(reports.glob("*.txt"))[: args.batch]:
                if not (subset / path.name).exists():
                    (subset / path.name).symlink_to(path)
        figures["batch"] = batch(server, subset, args.batch_jobs, args.window)
    figures["load_after"] = os.getloadavg()
    figures["wall_seconds"] = time.perf_counter() - began
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; the whole bench took "
          f"{figures['wall_seconds'] / 60:.1f} min")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
