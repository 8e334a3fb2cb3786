"""Run the real ``esgtrace`` command line, as a user does, in a child process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_cli(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``esgtrace ARGS...`` through ``python -m esgtrace``; output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "esgtrace", *map(str, args)], capture_output=True, text=True, timeout=timeout
    )
