"""Work functions for fault tests: a worker that dies or hangs on files named for it.

The executors run them in real worker processes (local pool, Dask workers) in place of
``esgtrace.store.work.process``; they are imported there by name, so they live in a
module of their own. No real file crashes pdfium or hangs on demand, so the fault is
injected; everything around it is real.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from esgtrace.store.work import Outcome, process


def faulty(path: str, sha256: str) -> Outcome:
    """``crash*``: the process dies (no exception, no cleanup, as a crashing PDF library
    or the OOM killer ends it); ``once*``: dies the first time only (a marker file
    beside it remembers); ``hang*``: never returns; anything else is read for real."""
    name = Path(path).name
    if name.startswith("crash"):
        os._exit(70)
    if name.startswith("once"):
        marker = Path(path + ".died")
        if not marker.exists():
            marker.write_text(str(os.getpid()), encoding="utf-8")
            os._exit(70)
    if name.startswith("hang"):
        while True:
            time.sleep(1)
    return process(path, sha256)
