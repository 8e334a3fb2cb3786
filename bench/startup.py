"""``make bench`` (start-up part): ``esgtrace --help`` and a one-file ``extract`` as whole processes.

What a user waits for at the prompt: interpreter start, imports, the work, exit. Each
command runs as its own process through the installed console script; rounds are
interleaved and the best (and the median) of each is kept, because the machine is shared
and noisy. CPU seconds are the child's user + system time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def one_run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` (output discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    script = shutil.which("esgtrace", path=str(Path(sys.executable).parent)) or "esgtrace"
    report = args.corpus / "text" / "kingsoft_cloud_esg_2023.txt"
    if not report.is_file():
        raise SystemExit(f"missing {report}")
    jobs = {
        "esgtrace --help": [script, "--help"],
        "esgtrace --version": [script, "--version"],
        f"esgtrace extract {report.name}": [script, "extract", str(report)],
    }
    env_note = f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    for name, command in list(jobs.items()):  # warm the file cache and .pyc files once
        if subprocess.run(command, capture_output=True).returncode != 0:
            print(f"{name}: fails in this version, not measured")
            del jobs[name]
    walls: dict[str, list[float]] = {name: [] for name in jobs}
    cpus: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(args.rounds):
        for name, command in jobs.items():
            wall, cpu = one_run(command)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"whole processes, best and median of {args.rounds} interleaved rounds ({env_note})")
    print(f"{'command':<46}{'best s':>8}{'median s':>10}{'CPU s':>8}")
    figures = {}
    for name in jobs:
        best, median, cpu = min(walls[name]), statistics.median(walls[name]), min(cpus[name])
        figures[name] = {"best": best, "median": median, "cpu": cpu}
        print(f"{name:<46}{best:>8.2f}{median:>10.2f}{cpu:>8.2f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
