"""``make demo`` ends with the command that serves the demo database, and that command works."""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from esgtrace import samples
from tests.serve_support import free_socket


def test_demo_prints_a_serve_command_that_works(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    samples.write(folder)
    demo = subprocess.run([sys.executable, "-m", "esgtrace.demo", str(folder)], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    assert demo.returncode == 0, demo.stderr
    command = demo.stdout.strip().splitlines()[-1].strip()
    assert command.endswith(f"serve --db {folder / 'esgtrace.db'}"), command
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    server = subprocess.Popen([*shlex.split(command), "--port", str(port)], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + 60
        while True:
            try:
                with opener.open(f"http://127.0.0.1:{port}/api/reports", timeout=5) as answer:
                    body = answer.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "the demo server did not answer"
                time.sleep(0.3)
        assert '"total":3' in body
        with opener.open(f"http://127.0.0.1:{port}/", timeout=10) as answer:
            assert answer.status == 200 and "harbourview_digital_esg_2024.pdf" in answer.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=20)
