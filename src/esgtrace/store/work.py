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
    #: CPU time (user + system) the reading process spent on it, in seconds
    cpu_seconds: float = 0.0
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

    started, cpu = time.perf_counter(), time.process_time()
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
        return Outcome(path, sha256, ok=False, error=str(error), seconds=time.perf_counter() - started,
                       cpu_seconds=time.process_time() - cpu)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
        return Outcome(path, sha256, ok=False, error=f"internal error: {type(error).__name__}: {error}",
                       seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu)
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
                   cpu_seconds=time.process_time() - cpu, targets=targets, passages=cut)


def _targets(doc: Any, facts: list[Any]) -> list[dict[str, Any]]:
    """The report's targets as plain dicts (none while the targets stage is absent)."""
    try:
        module = importlib.import_module("esgtrace.targets")
    except ImportError:
        return []
    result = module.targets(doc, facts=facts)
    return [t.to_json() for t in result.targets]


#: a tiny report in the common shapes (a cover page with prose figures and a target, a data
#: table in several units over two years), so that the warm-up loads what a real one needs
_WARM_UP_REPORT = (
    "Environmental, Social and Governance Report 2023\n"
    "Reporting period: 1 January 2023 to 31 December 2023\n\n"
    "Revenue for 2023 was RMB1,234.5 million (2022: RMB1,100.2 million).\n"
    "As at 31 December 2023, the Group had a total of 1,234 employees. Female employees made up 41.2% of the workforce.\n"
    "We aim to reduce our Scope 1 and Scope 2 greenhouse gas emissions by 30% by 2030 against a 2020 baseline.\n"
    "\f"
    "Environmental performance\n"
    "Indicator Unit 2023 2022\n"
    "GHG emissions (Scope 1) tCO2e 1,234.5 1,100.2\n"
    "GHG emissions (Scope 2) tonnes of CO2e 2,345.6 2,210.0\n"
    "Total energy consumption MWh 5,678.9 5,432.1\n"
    "Diesel litres 12,345 11,234\n"
    "Water consumption m³ 12,345 11,234\n"
    "Hazardous waste tonnes 12.3 11.0\n"
    "Energy intensity MWh per employee 4.6 4.4\n"
)


def warm_up() -> None:
    """Read a tiny report once, the whole way (parse, extract, targets, passages).

    Catalogues, sentence patterns, the unit registry and the lazily imported stages
    load then. Called in the fork server before the worker processes fork from it:
    they share what was loaded instead of each paying for it on its first file.
    """
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "warm_up.txt"
        sample.write_text(_WARM_UP_REPORT, encoding="utf-8")
        process(str(sample), "")  # never raises: a failure is only a slower first report


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
