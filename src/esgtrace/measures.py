"""``make eval``: every accuracy measure in one process, each corpus report read once.

Seven measures score esgtrace against the hand-checked gold: facts, coverage, disclosure,
targets, search, audit and digest. Each is its own module with its own command line
(``python -m esgtrace.evaluate`` and so on); this runs them inside
:func:`esgtrace.ingest.memo.remembering`, so a report that several measures read is parsed
and extracted once. With ``--jobs 2`` (the default) two processes share the work: the
measures over extracted facts in one, those over targets, search and digests in the other;
each measure's output is printed whole as soon as it ends. A measure that fails is named and the
others still run; the exit status is non-zero when any failed.

    python -m esgtrace.measures --shared ../shared            # all seven
    python -m esgtrace.measures --shared ../shared facts targets
    python -m esgtrace.measures --list
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from pathlib import Path

from esgtrace.ingest.memo import remembering

HELD_OUT = "tests/gold/facts"
FIRST_SEEN = "tests/gold/first_seen.yaml"
OUT = "build/eval"

#: name -> (module with a ``main(argv)``, its arguments given the shared folder)
MEASURES: dict[str, tuple[str, Callable[[str], list[str]]]] = {
    "facts": ("esgtrace.evaluate",
              lambda s: ["--shared", s, "--out", OUT, "--held-out", HELD_OUT, "--first-seen", FIRST_SEEN]),
    "coverage": ("esgtrace.evaluate", lambda s: ["--shared", s, "--out", OUT, "--coverage"]),
    "disclose": ("esgtrace.disclose.evaluate", lambda s: ["--shared", s]),
    "targets": ("esgtrace.targets.evaluate",
                lambda s: ["--shared", s, "--held-out", HELD_OUT, "--first-seen", FIRST_SEEN]),
    "search": ("esgtrace.search.evaluate", lambda s: ["--shared", s, "--questions", "tests/gold/questions"]),
    "audit": ("esgtrace.audit.evaluate",
              lambda s: ["--gold", f"{s}/gold", "--corpus", f"{s}/corpus",
                         "--expectations", "tests/data/audit_expectations.yaml", "--out", OUT]),
    "digest": ("esgtrace.digest.evaluate", lambda s: ["--gold", "tests/gold/digest", "--corpus", f"{s}/corpus"]),
}


#: the measures that read the same things, kept in one process when the work is split
GROUPS = (("facts", "coverage", "disclose", "audit"), ("targets", "search", "digest"))


def run(name: str, shared: str) -> int:
    """Run one measure; its exit status (0 when it passed, non-zero when it failed)."""
    module, arguments = MEASURES[name]
    try:
        status = importlib.import_module(module).main(arguments(shared))
    except SystemExit as stop:  # argparse and some measures end this way
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except Exception as error:  # noqa: BLE001 - one broken measure must not hide the others
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        status = 1
    return int(status or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("measures", nargs="*", metavar="MEASURE",
                        help=f"which to run (default all): {', '.join(MEASURES)}")
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder")
    parser.add_argument("--jobs", type=int, default=2, help="processes to share the measures between (default 2)")
    parser.add_argument("--list", action="store_true", help="list the measures and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, (module, arguments) in MEASURES.items():
            print(f"{name:9s} python -m {module} {' '.join(arguments(str(args.shared)))}")
        return 0
    unknown = [m for m in args.measures if m not in MEASURES]
    if unknown:
        parser.error(f"unknown measure {', '.join(unknown)} (choose from {', '.join(MEASURES)})")
    if not (args.shared / "corpus").is_dir():
        parser.error(f"no corpus under {args.shared}: pass --shared, the folder holding corpus/ and gold/")
    chosen = args.measures or list(MEASURES)
    groups = [[m for m in g if m in chosen] for g in GROUPS]
    groups = [g for g in groups if g]
    if args.jobs > 1 and len(groups) > 1:
        return _split(groups, args.shared)
    took: dict[str, tuple[float, int]] = {}
    with remembering():
        for name in chosen:
            print(f"\n== {name} ==", flush=True)
            started = time.perf_counter()
            status = run(name, str(args.shared))
            took[name] = (time.perf_counter() - started, status)
            sys.stdout.flush()
            sys.stderr.flush()
    print("\n" + "  ".join(f"{n} {s:.0f}s{'' if rc == 0 else ' FAILED'}" for n, (s, rc) in took.items()), flush=True)
    failed = [n for n, (_, rc) in took.items() if rc]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _split(groups: list[list[str]], shared: Path) -> int:
    """Each group in a process of its own; each measure's output printed whole as soon as it ends.

    A caller that stops the run early (a time limit) still sees every measure that finished.
    """
    lock = threading.Lock()

    def emit(lines: list[str]) -> None:
        with lock:
            sys.stdout.write("".join(lines))
            sys.stdout.flush()

    def one(group: list[str]) -> int:
        command = [sys.executable, "-m", "esgtrace.measures", "--jobs", "1", "--shared", str(shared), *group]
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, bufsize=1) as child:
            assert child.stdout is not None
            section: list[str] = []
            for line in child.stdout:
                if line.startswith("== ") and any(s.strip() for s in section):
                    emit(section[:-1] if section[-1] == "\n" else section)
                    section = ["\n"] if section[-1] == "\n" else []
                section.append(line)
            emit(section)
        return child.returncode

    with ThreadPoolExecutor(len(groups)) as pool:
        statuses = list(pool.map(one, groups))
    return 1 if any(statuses) else 0

if __name__ == "__main__":
    raise SystemExit(main())
