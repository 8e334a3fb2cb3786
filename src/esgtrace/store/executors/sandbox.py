"""A worker process that reads one report at a time, and the handle its owner keeps.

Worker processes are forked from a fork server that has imported esgtrace and warmed
up the extractor once (:mod:`esgtrace.store.executors.warm`), so a new worker is warm
from its first report and costs a fork, not an interpreter start; its memory is shared
copy-on-write. The owner (the local pool, or a Dask worker) sends a
:class:`~esgtrace.store.executors.Task` down a pipe and gets the
:class:`~esgtrace.store.work.Outcome` back. What can go wrong in a PDF library is
contained here: a worker that crashes or is killed by the out-of-memory killer, or
that overruns its deadline (it is killed), loses only the report it was reading, and
the owner gets the reason. After ``recycle`` reports a worker is replaced, since PDF
libraries leak memory.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any

from esgtrace.store.errors import ExecutorError
from esgtrace.store.executors import Task, Work
from esgtrace.store.work import Outcome

#: how long a new worker process may take to be ready (the first one starts the fork server)
START_SECONDS = 120.0

_context: BaseContext | None = None
_lock = threading.Lock()


def context() -> BaseContext:
    """The multiprocessing context workers start from: a fork server preloaded with esgtrace."""
    global _context
    with _lock:
        if _context is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                forkserver = multiprocessing.get_context("forkserver")
                forkserver.set_forkserver_preload(["esgtrace.store.executors.warm"])
                _context = forkserver
            else:  # Windows: no fork; each worker imports and warms up on its own
                _context = multiprocessing.get_context("spawn")
        return _context


def prestart() -> None:
    """Start the fork server now, so it imports and warms up while this process goes on.

    Worker processes fork from it once it is warm; without this the first worker waits
    for the whole warm-up after the batch is planned. A no-op where there is no fork
    server (Windows) or when it is running.
    """
    if context().get_start_method() != "forkserver":
        return
    import multiprocessing.forkserver

    multiprocessing.forkserver.ensure_running()


def _allow_children() -> None:
    """Let a daemonic process (a Dask worker is one) start worker processes.

    multiprocessing refuses children in a daemonic process so that they are not
    orphaned; ours watch their owner and leave when it is gone (:func:`_watch_owner`).
    """
    me: Any = multiprocessing.current_process()
    if me._config.get("daemon"):
        me._config["daemon"] = False


def _watch_owner(owner: int) -> None:
    """Leave when the owning process is gone (killed with SIGKILL, it cannot tell us)."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # the pid is reused by another user's process
            os._exit(0)


def _serve(connection: Connection, work: Work, owner: int) -> None:
    """The worker's loop: a task in, its outcome out, until told to stop or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the owner's to handle
    threading.Thread(target=_watch_owner, args=(owner,), daemon=True).start()
    connection.send("ready")
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        outcome = work(task.path, task.sha256)
        outcome.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        connection.send(outcome)


def death_reason(exitcode: int | None) -> str:
    """Why a worker process ended, in a few words."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        why = "killed: out of memory, or stopped from outside" if -exitcode == signal.SIGKILL else "a crash"
        return f"the worker process died while reading it ({name}: {why})"
    return f"the worker process died while reading it (exit code {exitcode})"


class Worker:
    """One worker process and the report it is reading.

    :param name: shown in :attr:`Outcome.tried` (with the process id)
    :param work: what it does with a report
    :param recycle: replace the process after this many reports
    """

    def __init__(self, name: str, work: Work, recycle: int | None = None) -> None:
        self.name = name
        self.work = work
        self.recycle = recycle
        self.process: Any = None
        self.connection: Connection | None = None
        self.task: Task | None = None
        self.deadline: float | None = None
        self.limit: float | None = None
        self.done = 0

    @property
    def label(self) -> str:
        return f"{self.name} (pid {self.process.pid})" if self.process is not None else self.name

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(self) -> None:
        _allow_children()
        ctx = context()
        mine, theirs = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(theirs, self.work, os.getpid()), name=f"esgtrace-{self.name}", daemon=True)  # type: ignore[attr-defined]
        process.start()
        theirs.close()
        self.process, self.connection, self.done = process, mine, 0
        wait([mine, process.sentinel], timeout=START_SECONDS)
        try:
            if mine.poll() and mine.recv() == "ready":
                return
        except (EOFError, OSError):
            pass
        process.join(1)
        code = process.exitcode
        self.kill()
        raise ExecutorError("local executor", (
            f"a worker process could not start (exit code {code}); a script that ingests with worker "
            "processes must do it under `if __name__ == \"__main__\":`") if code is not None else
            f"a worker process did not start within {START_SECONDS} s")

    def send(self, task: Task, timeout: float | None) -> None:
        """Start reading ``task``; ``timeout`` seconds from now it is overdue."""
        if self.process is None or (self.recycle and self.done >= self.recycle):
            self.stop()
            self.start()
        assert self.connection is not None
        self.task, self.limit = task, timeout
        self.deadline = time.monotonic() + timeout if timeout else None
        try:
            self.connection.send(task)
        except (BrokenPipeError, OSError):
            pass  # it died between reports: collect() reports the death

    def waitables(self) -> list[Any]:
        """What :func:`multiprocessing.connection.wait` watches for this worker."""
        return [self.connection, self.process.sentinel] if self.busy and self.process is not None else []

    def collect(self, now: float) -> Outcome | None:
        """The outcome of the current report if it is in, lost if the process died or ran out of time.

        ``None`` while it is still reading within its deadline.
        """
        assert self.task is not None and self.connection is not None
        task = self.task
        try:
            if self.connection.poll():
                outcome: Outcome = self.connection.recv()
                self.task, self.deadline = None, None
                self.done += 1
                outcome.tried.append(self.label)
                return outcome
        except (EOFError, OSError):
            pass
        else:
            if self.process.is_alive():
                if self.deadline is None or now < self.deadline:
                    return None
                reason = f"it took longer than the time limit of {self.limit or 0:g} s (its worker was stopped)"
                label = self.label
                self.kill()
                return self._lost(task, reason, label)
        label = self.label
        self.process.join(5)
        reason = death_reason(self.process.exitcode)
        self.kill()
        return self._lost(task, reason, label)

    def _lost(self, task: Task, reason: str, label: str) -> Outcome:
        self.task, self.deadline = None, None
        return Outcome(task.path, task.sha256, ok=False, lost=True, error=reason, tried=[label])

    def read(self, task: Task, timeout: float | None) -> Outcome:
        """Read ``task`` and wait for it: its outcome, or lost with the reason."""
        self.send(task, timeout)
        while True:
            left = None if self.deadline is None else max(0.0, self.deadline - time.monotonic())
            wait(self.waitables(), timeout=left)
            outcome = self.collect(time.monotonic())
            if outcome is not None:
                return outcome

    def stop(self) -> None:
        """Let the process finish (it is between reports) or kill it after a moment."""
        if self.process is None:
            return
        try:
            assert self.connection is not None
            self.connection.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.process.join(2)
        self.kill()

    def kill(self) -> None:
        """End the process at once (a no-op when it is gone)."""
        if self.process is None:
            return
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        if self.connection is not None:
            self.connection.close()
        self.process, self.connection, self.task, self.deadline = None, None, None, None
