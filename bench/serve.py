"""``make bench``: the web app's speed on loopback.

- page load of a report with 300 facts (server time for the HTML; with chromium and
  selenium installed, also the browser's time to the load event);
- a source-viewer page image (PDF page rendered, the fact's words highlighted);
- ``/api/facts`` requests per second under a bounded load test: a fixed number of
  requests from a few client threads on keep-alive connections, then it stops;
- the server process's memory (resident set) before, at its peak and after the load.

The server is a real ``esgtrace serve`` process on 127.0.0.1, SQLite database.
Usage: ``python bench/serve.py --corpus ../shared/corpus [--requests 3000 --clients 8]``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process, in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def build(folder: Path, corpus: Path, facts: int) -> tuple[Path, int, int]:
    """A database with a corpus PDF report padded to ``facts`` facts (copies under earlier periods)."""
    from sqlalchemy import insert, select

    import esgtrace
    from esgtrace.serve.uploads import analyse
    from esgtrace.store.schema import FactRow

    pdf = corpus / "pdf" / "sunshine_oilsands_esg_2019.pdf"
    path = folder / "bench.db"
    with esgtrace.Database(path) as db:
        db.ingest([pdf, corpus / "text"])
        analyse(db, pdf)
        report = next(r for r in db.reports() if r.document == pdf.name)
        with db.sessions.begin() as session:
            rows = session.scalars(select(FactRow).where(FactRow.report_id == report.id)).all()
            originals = [{c.name: getattr(r, c.name) for c in FactRow.__table__.columns if c.name != "id"} for r in rows]
            copies, shift = [], 10
            while len(originals) + len(copies) < facts:
                for row in originals:
                    if len(originals) + len(copies) >= facts:
                        break
                    year = int(row["period"][:4]) - shift if row["period"][:4].isdigit() else 1990
                    copies.append({**row, "period": str(year), "period_start": None, "period_end": None})
                shift += 10
            if copies:
                session.execute(insert(FactRow), copies)
        total = len(db.facts(issuer=str(report.issuer_id)))
        fact = next(f for f in db.facts(issuer=str(report.issuer_id), metric="ghg_scope1") if f.page)
        return path, report.id, fact.id if total else 0


class Client:
    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load(port: int, pid: int, requests: int, clients: int, paths: list[str]) -> dict[str, Any]:
    """``requests`` GETs spread over ``clients`` threads; samples the server's memory meanwhile."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    peak = [0.0]
    running = [True]

    def sample() -> None:
        while running[0]:
            try:
                peak[0] = max(peak[0], memory(pid)["VmRSS"])
            except (OSError, KeyError):
                return
            time.sleep(0.05)

    def work(index: int, count: int) -> None:
        client = Client(port)
        mine = []
        for i in range(count):
            status, _, seconds = client.get(paths[(index + i) % len(paths)])
            mine.append(seconds)
            if status != 200:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    before = memory(pid)
    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    share = [requests // clients + (1 if i < requests % clients else 0) for i in range(clients)]
    threads = [threading.Thread(target=work, args=(i, n)) for i, n in enumerate(share)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    running[0] = False
    watcher.join()
    after = memory(pid)
    return {"requests": len(latencies), "errors": errors[0], "seconds": seconds, "rps": len(latencies) / seconds,
            "p50_ms": 1000 * statistics.median(latencies), "p95_ms": 1000 * percentile(latencies, 0.95),
            "rss_before": before["VmRSS"], "rss_peak": max(peak[0], after["VmRSS"]), "rss_after": after["VmRSS"], "hwm": after["VmHWM"]}


def browser_load(url: str, rounds: int) -> list[float] | None:
    """Milliseconds from navigation start to the load event in headless chromium, if it is installed."""
    driver_path, browser_path = shutil.which("chromedriver"), shutil.which("chromium")
    if not driver_path or not browser_path:
        return None
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = browser_path
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        times = []
        for _ in range(rounds):
            driver.get(url)
            times.append(float(driver.execute_script(
                "const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime;")))
        return times
    finally:
        driver.quit()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--facts", type=int, default=300)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="esgtrace-bench-serve-") as tmp:
        folder = Path(tmp)
        db, report, fact = build(folder, args.corpus, args.facts)
        port = free_port()
        program = Path(sys.executable).with_name("esgtrace")
        server = subprocess.Popen([str(program), "serve", "--db", str(db), "--port", str(port), "--uploads", str(folder / "up")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "ESGTRACE_TOKEN": ""})
        try:
            client = Client(port)
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/api/reports")
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("the server did not start")
                    time.sleep(0.2)
                    client = Client(port)
            status, body, cold = client.get(f"/reports/{report}")
            facts = body.count(b'class="fact"')
            assert status == 200, status
            warm = [client.get(f"/reports/{report}")[2] for _ in range(30)]
            print(f"report page with {facts} facts ({len(body) / 1024:.0f} KB of HTML): first load {cold * 1000:.0f} ms, "
                  f"then median {statistics.median(warm) * 1000:.0f} ms, p95 {percentile(warm, 0.95) * 1000:.0f} ms (server, loopback)")
            png = [client.get(f"/api/reports/{report}/pages/10.png?highlight={fact}")[2] for _ in range(5)]
            print(f"source viewer page image (PDF page at 1.5 px/pt, highlighted): median {statistics.median(png) * 1000:.0f} ms")
            seen = browser_load(f"http://127.0.0.1:{port}/reports/{report}", 10)
            if seen:
                print(f"report page in headless chromium (navigation start to load event): median {statistics.median(seen):.0f} ms, "
                      f"max {max(seen):.0f} ms over {len(seen)} loads")
            paths = [f"/api/facts?metric={m}&limit=50" for m in ("ghg_scope1", "energy_total", "employees_total", "water_consumption")]
            paths += [f"/api/facts?limit=100&offset={o}" for o in (0, 100, 200)]
            result = load(port, server.pid, args.requests, args.clients, paths)
            print(f"/api/facts load test: {result['requests']} requests from {args.clients} client threads, {result['errors']} errors, "
                  f"{result['seconds']:.1f} s: {result['rps']:.0f} requests/s, latency p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms")
            print(f"server memory (RSS): {result['rss_before']:.0f} MB before, {result['rss_peak']:.0f} MB at the peak of the load, "
                  f"{result['rss_after']:.0f} MB after (high-water mark {result['hwm']:.0f} MB)")
        finally:
            server.terminate()
            server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
