"""Uploads: a report sent through the web app, checked by content, ingested in the background.

The file is written under the server's upload folder as ``<sha256>/<name>``, where the
name is the uploaded one reduced to letters, digits, ``.``, ``-`` and ``_`` with the
extension of the type its content shows (so no request text becomes a path). One
worker thread ingests uploads in order: parse + extract + store, then the audit and
the HKEX disclosure check, each a step the upload page shows.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from esgtrace.errors import EsgtraceError, InputTooLarge, UnsupportedFormat
from esgtrace.serve.source import PDFIUM
from esgtrace.store import Database

STEPS = ("received", "ingesting", "auditing", "done")
EXTENSION = {"pdf": ".pdf", "html": ".html", "text": ".txt"}


@dataclass
class Job:
    id: str
    name: str
    size: int
    state: str = "received"  # one of STEPS, or "failed"
    error: str | None = None
    report_id: int | None = None
    facts: int = 0
    findings: int = 0
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def to_json(self) -> dict[str, Any]:
        step = STEPS.index(self.state) if self.state in STEPS else len(STEPS) - 1
        return {"id": self.id, "name": self.name, "size": self.size, "state": self.state, "error": self.error,
                "report_id": self.report_id, "facts": self.facts, "findings": self.findings,
                "progress": round(step / (len(STEPS) - 1), 2), "done": self.state in ("done", "failed"),
                "seconds": round((self.finished or time.time()) - self.started, 2)}


def safe_name(name: str, kind: str) -> str:
    """The uploaded file name as a plain file name: no folders, no odd characters, the right extension."""
    base = re.split(r"[\\/]", name or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("._-")[:80] or "report"
    return stem + EXTENSION[kind]


def sniff_upload(data: bytes, name: str) -> str:
    """``pdf``, ``html`` or ``text`` from the bytes (the name's extension is not trusted).

    :raises UnsupportedFormat: an image, archive, Office file or other binary
    """
    from esgtrace.ingest import sniff

    if not data.strip():
        from esgtrace.errors import EmptyInput

        raise EmptyInput(name)
    kind = sniff(data, Path("upload"))  # no suffix: only the content decides
    if kind == "text" and b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(name, "binary content")
    return kind


class Uploads:
    """The upload folder and the background jobs."""

    def __init__(self, db: Database, folder: Path, max_bytes: int) -> None:
        self.db = db
        self.folder = folder
        self.max_bytes = max_bytes
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="esgtrace-upload")

    def accept(self, data: bytes, name: str) -> Job:
        """Check ``data`` and queue it; the job id is how the page follows it.

        :raises InputTooLarge: over the limit
        :raises UnsupportedFormat: not a PDF, HTML or text file by its content
        """
        shown = safe_name(name, "text").removesuffix(".txt") if name else "report"
        if len(data) > self.max_bytes:
            raise InputTooLarge(shown, len(data), self.max_bytes)
        kind = sniff_upload(data, shown)
        digest = hashlib.sha256(data).hexdigest()
        target = self.folder / digest / safe_name(name, kind)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_bytes(data)
        job = Job(id=uuid.uuid4().hex, name=target.name, size=len(data))
        with self._lock:
            self.jobs[job.id] = job
            while len(self.jobs) > 200:  # keep the latest jobs only
                self.jobs.pop(next(iter(self.jobs)))
        self._pool.submit(self._run, job, target)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self.jobs.get(job_id)

    def _run(self, job: Job, path: Path) -> None:
        try:
            job.state = "ingesting"
            with PDFIUM:
                summary = self.db.ingest(path, force=False)
            step = summary.steps[0] if summary.steps else None
            if step is None or step.status == "failed":
                job.state, job.error = "failed", _user_error((step.error if step else None) or "nothing was ingested", path, job.name)
                return
            job.report_id = step.report_id or self._report_of(path)
            job.facts = step.facts
            job.state = "auditing"
            job.findings = analyse(self.db, path)
            job.state = "done"
        except EsgtraceError as error:
            job.state, job.error = "failed", _user_error(str(error), path, job.name)
        except Exception as error:  # noqa: BLE001 - a job must end, and say why
            job.state, job.error = "failed", f"{job.name}: internal error ({type(error).__name__})"
        finally:
            job.finished = time.time()

    def _report_of(self, path: Path) -> int | None:
        from esgtrace.store.work import file_sha256

        digest = file_sha256(path)
        return next((r.id for r in self.db.reports() if r.sha256 == digest), None)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _user_error(message: str, path: Path, name: str) -> str:
    """The CLI's one-line error, with the upload's name instead of the server's path."""
    text = (message or "").replace(str(path.resolve()), name).replace(str(path), name)
    return text.splitlines()[0] if text else f"{name}: could not be ingested"


def analyse(db: Database, path: Path) -> int:
    """After ingestion: run the audit and the HKEX disclosure check of one report and store both
    (the disclosure matrix, and its content-index mismatches as findings).

    :returns: the number of findings stored
    """
    import esgtrace
    from esgtrace.audit.store import save as save_findings
    from esgtrace.disclose.store import save as save_disclosure
    from esgtrace.disclose.store import save_mismatches

    with PDFIUM:
        audit = esgtrace.check(path)
        found = save_findings(db, audit)
        disclosure = esgtrace.disclosure(path)
        save_disclosure(db, disclosure)
        found += save_mismatches(db, disclosure)
    return found
