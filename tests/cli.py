"""Run the real ``esgtrace`` command line, as a user does, in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str | Path, timeout: float = 300, cwd: str | Path | None = None,
            columns: int | None = None) -> subprocess.CompletedProcess[str]:
    """``esgtrace ARGS...`` through ``python -m esgtrace``; output captured as text (piped).

    :param cwd: the folder to run in
    :param columns: the terminal width the command sees (``$COLUMNS``); piped output is
        laid out for 80 columns when it is not given
    """
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "ESGTRACE_DB")}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "esgtrace", *map(str, args)], capture_output=True, text=True, timeout=timeout,
        cwd=cwd, env=env,
    )
