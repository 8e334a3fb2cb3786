"""``make bench``: pages per second of esgtrace beside raw pypdfium2, in the same run.

Machines are noisy, so each measure is repeated and rounds are interleaved (raw,
esgtrace, raw, esgtrace, ...); the best round of each is reported, and the ratio
is taken between figures of the same run. The in-process jobs run warm (imports and
catalogues loaded once); "whole process" runs ``esgtrace extract`` on every file in one
new process, as a user does, start-up included.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

import esgtrace


def raw_text(path: Path) -> int:
    """The floor no PDF pipeline beats: open, get each page's text, close."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def ingest(path: Path) -> int:
    return esgtrace.parse(path).page_count


def ingest_and_extract(path: Path) -> int:
    result = esgtrace.extract(path)  # type: ignore[attr-defined]
    return result.document.page_count if hasattr(result.document, "page_count") else len(result.document.pages)


def whole_process(files: list[Path]) -> None:
    """``esgtrace extract`` over every file as a user runs it: one new process, start-up included."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        script = Path(sys.executable).with_name("esgtrace")
        subprocess.run([str(script), "extract", *map(str, files), "-o", str(Path(folder) / "facts.jsonl")],
                       check=True, capture_output=True)


def rate(job: Callable[[Path], int], files: list[Path]) -> tuple[float, int]:
    started = time.perf_counter()
    pages = sum(job(f) for f in files)
    return pages / (time.perf_counter() - started), pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    files = sorted((args.corpus / "pdf").glob("*.pdf"))
    if not files:
        raise SystemExit(f"no PDF under {args.corpus / 'pdf'}")
    jobs: dict[str, Callable[[Path], int]] = {"raw pypdfium2 text": raw_text, "esgtrace ingest": ingest}
    if hasattr(esgtrace, "extract"):
        jobs["esgtrace ingest + extract"] = ingest_and_extract
    for job in jobs.values():  # warm caches and imports once
        job(files[0])
    best = dict.fromkeys(jobs, 0.0)
    if hasattr(esgtrace, "extract"):
        best["esgtrace extract, whole process"] = 0.0
    pages = 0
    for _ in range(args.rounds):
        for name, job in jobs.items():
            speed, pages = rate(job, files)
            best[name] = max(best[name], speed)
        if "esgtrace extract, whole process" in best:
            started = time.perf_counter()
            whole_process(files)
            best["esgtrace extract, whole process"] = max(best["esgtrace extract, whole process"],
                                                          pages / (time.perf_counter() - started))
    floor = best["raw pypdfium2 text"]
    print(f"{len(files)} PDFs, {pages} pages, best of {args.rounds} interleaved rounds")
    print(f"{'job':<34}{'pages/s':>10}{'vs raw':>9}")
    for name, speed in best.items():
        print(f"{name:<34}{speed:>10.0f}{speed / floor:>9.0%}")
    if args.json:
        args.json.write_text(json.dumps({"pages": pages, "pages_per_second": best}, indent=2))


if __name__ == "__main__":
    main()
