"""What a worker process does with one file: parse, extract, and hand back plain data.

Runs in the worker processes of the executors (``esgtrace.store.executors``: a local
pool or a Dask cluster), and in-process for one local job. It never touches the
database: the parent is the only writer. The result is plain dicts so it pickles
cheaply; the parsed pages stay in the worker.
"""

from __future__ import annotations

import importlib
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from esgtrace.errors import EsgtraceError


@dataclass
class Outcome:
    """One file's parse + extract result, or the reason it failed."""

    path: str
    sha256: str
    ok: bool
    error: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    facts: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    targets: list[dict[str, Any]] = field(default_factory=list)
    #: the search index's passages (``esgtrace.store.passages.PassageText.to_row``)
    passages: list[dict[str, Any]] = field(default_factory=list)
    #: the workers that tried it, in order (a retry adds one); empty when read in-process
    tried: list[str] = field(default_factory=list)
    #: its worker died or ran out of time: the report is not read, ``error`` says why
    lost: bool = False
    #: peak resident memory of the worker process that read it, in MB (0 when in-process)
    peak_mb: float = 0.0

    @property
    def pages(self) -> int:
        return int(self.meta.get("page_count", 0))


def extractor() -> tuple[Callable[[Any], Any] | None, str]:
    """``esgtrace.extract`` and its version (``None`` while the extract stage is absent).

    The version comes from the extract package's ``__version__`` (or ``VERSION``), else
    the esgtrace version: re-ingesting is a no-op until it changes.
    """
    import esgtrace

    try:
        module = importlib.import_module("esgtrace.extract")
    except ImportError:
        return None, esgtrace.__version__
    call = getattr(module, "extract", None)
    version = getattr(module, "__version__", None) or getattr(module, "VERSION", None) or esgtrace.__version__
    return (call if callable(call) else None), str(version)


def process(path: str, sha256: str, options: dict[str, Any] | None = None) -> Outcome:
    """Parse and extract ``path``; any failure becomes an :class:`Outcome` with ``ok=False``.

    :param path: the file to read
    :param sha256: its content hash, computed by the parent when it planned the batch
    :param options: :class:`esgtrace.ParseOptions` fields (``password``, ``max_size``)
    """
    from esgtrace.ingest import parse
    from esgtrace.store.passages import passages

    started = time.perf_counter()
    try:
        doc = parse(path, options or None)
        extract, _ = extractor()
        facts: list[dict[str, Any]] = []
        found_issues = list(doc.issues)
        if extract is not None:
            result = extract(doc)
            facts = [f.model_dump(mode="json") for f in result.facts]
            # The extract result repeats the document's issues: keep each once.
            found_issues += [i for i in getattr(result, "issues", ()) if i not in found_issues]
        issues = [_issue(i) for i in found_issues]
        targets = _targets(doc, result.facts if extract is not None else [])
        cut = [p.to_row() for p in passages(doc.pages, doc.paginated)]
    except EsgtraceError as error:
        return Outcome(path, sha256, ok=False, error=str(error), seconds=time.perf_counter() - started)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
        return Outcome(path, sha256, ok=False, error=f"internal error: {type(error).__name__}: {error}", seconds=time.perf_counter() - started)
    companies = Counter(f["company"] for f in facts if f.get("company"))
    meta = {
        "document": doc.name,
        "format": doc.format,
        "language": doc.language,
        "page_count": doc.page_count,
        "company": doc.issuer or (companies.most_common(1)[0][0] if companies else None),
        "tickers": list(doc.tickers),
        "period": doc.period,
        "period_start": doc.period_start,
        "period_end": doc.period_end,
        "framework_version": getattr(doc, "framework_version", None),
    }
    return Outcome(path, sha256, ok=True, meta=meta, facts=facts, issues=issues, seconds=time.perf_counter() - started,
                   targets=targets, passages=cut)


def _targets(doc: Any, facts: list[Any]) -> list[dict[str, Any]]:
    """The report's targets as plain dicts (none while the targets stage is absent)."""
    try:
        module = importlib.import_module("esgtrace.targets")
    except ImportError:
        return []
    result = module.targets(doc, facts=facts)
    return [t.to_json() for t in result.targets]


def warm_up() -> None:
    """Run the extractor once on a tiny report so its catalogues and unit registry load.

    Called in the parent before worker processes fork: they then share what was
    loaded instead of each paying for it on their first file.
    """
    import tempfile

    extract, _ = extractor()
    if extract is None:
        return
    from esgtrace.ingest import parse

    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "warm_up.txt"
        sample.write_text("Environmental data 2023 2022\nGHG emissions (Scope 1) tCO2e 1,234 1,100\n", encoding="utf-8")
        try:
            extract(parse(sample))
        except Exception:  # noqa: BLE001 - only a speed-up; the real files report real errors
            pass


def _issue(issue: Any) -> dict[str, Any]:
    """An :class:`esgtrace.results.Issue` (or a look-alike) as a JSON-ready dict."""
    return {
        "stage": getattr(issue, "stage", ""),
        "code": getattr(issue, "code", ""),
        "message": getattr(issue, "message", str(issue)),
        "page": getattr(issue, "page", None),
        "severity": str(getattr(getattr(issue, "severity", ""), "value", getattr(issue, "severity", ""))),
    }


def file_sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
