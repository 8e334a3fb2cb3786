"""Run the rule catalogue over a report's facts."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from esgtrace.audit import rules_claims, rules_factors, rules_intensity, rules_sums, rules_targets, rules_time, rules_units  # noqa: F401
from esgtrace.audit.catalogue import AuditCatalogue, catalogue, emission_factors
from esgtrace.audit.facts import FactIndex
from esgtrace.audit.model import SEVERITY_ORDER, AuditOptions, AuditResult, Finding, Severity
from esgtrace.audit.registry import KINDS, Context
from esgtrace.errors import EsgtraceError, InputError, InputNotFound
from esgtrace.extract.model import Fact
from esgtrace.ingest.model import Document
from esgtrace.results import Issue
from esgtrace.results import Severity as IssueSeverity

Source = str | Path | Document | Iterable[Fact | dict[str, Any]]


class ExtractionUnavailable(EsgtraceError, RuntimeError):
    def __str__(self) -> str:
        return "checking a report needs extraction (esgtrace.extract), which is not installed in this build"


def _facts_file(path: Path) -> list[Fact]:
    """Facts of a JSON Lines file in the exchange format."""
    facts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            facts.append(Fact.model_validate(json.loads(line)))
        except (ValueError, ValidationError) as error:
            raise InputError(path, f"line {number} is not a fact: {str(error).splitlines()[0]}") from None
    return facts


def _extract(source: str | Path | Document, options: AuditOptions) -> tuple[list[Fact], Document | None, list[Issue]]:
    try:
        from esgtrace.extract import extract
    except ImportError:
        raise ExtractionUnavailable() from None
    result = extract(source, options.extract) if options.extract else extract(source)
    facts = list(result.facts)
    document = getattr(result, "document", None)
    issues = list(getattr(result, "issues", ()))
    return facts, document if isinstance(document, Document) else None, issues


def load(source: Source, options: AuditOptions) -> tuple[list[Fact], Document | None, list[Issue]]:
    """The facts to audit, the document they came from (if any) and the issues met."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            raise InputNotFound(path)
        if path.suffix.lower() in {".jsonl", ".ndjson"}:
            return _facts_file(path), None, []
        from esgtrace.ingest import parse

        document = parse(path, (options.extract or {}).get("parse"))  # raises a one-line InputError
        facts, extracted_doc, issues = _extract(document, options)
        return facts, extracted_doc or document, issues
    if isinstance(source, Document):
        facts, extracted_doc, issues = _extract(source, options)
        return facts, extracted_doc or source, issues
    facts = [f if isinstance(f, Fact) else Fact.model_validate(f) for f in source]
    return facts, None, []


def detect_country(document: Document | None) -> str | None:
    """The country the report's text names most often among those with a factor entry."""
    if document is None:
        return None
    text = "\n".join(p.text for p in document.pages)
    counts = {}
    for country in emission_factors().countries:
        names = (country.name, *country.aliases)
        pattern = r"(?<![A-Za-z])(?:" + "|".join(re.escape(n) for n in names) + r")(?![A-Za-z])"
        counts[country.name] = len(re.findall(pattern, text))
    best = max(counts, key=lambda name: counts[name], default=None)
    return best if best is not None and counts[best] >= 3 else None


def _run(ctx: Context, cat: AuditCatalogue, options: AuditOptions, across: bool) -> tuple[list[Finding], list[Issue], list[str]]:
    findings: list[Finding] = []
    issues: list[Issue] = []
    ran: list[str] = []
    for rule in cat.rules:
        if not rule.enabled or rule.id in options.skip or (options.rules is not None and rule.id not in options.rules):
            continue
        if bool(rule.params.get("across_documents")) != across:
            continue
        function = KINDS.get(rule.kind)
        if function is None:
            issues.append(Issue("audit", "unknown-rule-kind", f"rule {rule.id}: no kind {rule.kind!r}"))
            continue
        ran.append(rule.id)
        try:
            findings.extend(function(ctx, rule))
        except Exception as error:  # noqa: BLE001 - one broken rule must not stop the audit
            issues.append(
                Issue("audit", "rule-failed", f"rule {rule.id}: {type(error).__name__}: {error}", severity=IssueSeverity.error)
            )
    return findings, issues, ran


def _pages(document: Document | None) -> dict[int | None, str]:
    if document is None:
        return {}
    pages: dict[int | None, str] = {p.number: p.text for p in document.pages}
    if not document.paginated and document.pages:
        pages[None] = document.pages[0].text
    return pages


def audit_facts(
    facts: list[Fact], options: AuditOptions, documents: dict[str, Document] | None = None,
    issues: list[Issue] | None = None,
) -> AuditResult:
    """Run the rules on ``facts``: each report's facts on their own, then reports against
    each other when there are several.

    :param documents: document name -> parsed report, for text near figures and the country
    """
    cat = catalogue()
    documents = documents or {}
    issues = list(issues or [])
    by_document: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_document[fact.document].append(fact)
    findings: list[Finding] = []
    ran: list[str] = []
    for name, document_facts in by_document.items():
        document = documents.get(name)
        country = options.country or detect_country(document)
        ctx = Context(FactIndex.build(document_facts, cat), cat, _pages(document), country, document)
        found, problems, ran = _run(ctx, cat, options, across=False)
        findings += [f.model_copy(update={"document": name}) for f in found]
        issues += problems
    if len(by_document) > 1:
        ctx = Context(FactIndex.build(facts, cat), cat, {}, options.country)
        ctx.cache["documents"] = documents  # rules across reports that read the reports' text (targets)
        found, problems, extra = _run(ctx, cat, options, across=True)
        findings += [f.model_copy(update={"document": f.document or (f.facts[-1].document if f.facts else "")}) for f in found]
        issues += problems
        ran += extra
    limit = SEVERITY_ORDER[options.min_severity]
    kept = sorted((f for f in findings if SEVERITY_ORDER[f.severity] <= limit),
                  key=lambda f: (SEVERITY_ORDER[f.severity], f.rule, f.period))
    worst = kept[0].severity.value if kept else "clean"
    name = next(iter(by_document)) if len(by_document) == 1 else f"{len(by_document)} reports"
    return AuditResult(status=worst, document=name, findings=tuple(kept), issues=tuple(issues),
                       facts_checked=len(facts), rules_run=tuple(ran))


def check(source: Source, options: AuditOptions | dict[str, Any] | None = None) -> AuditResult:
    """Audit a report: find the figures that do not add up, and explain each one.

    :param source: a report file (PDF, text, HTML: extracted first), a facts ``.jsonl``
        file, a parsed :class:`Document`, or facts (``Fact`` or dicts of the exchange format)
    :param options: :class:`AuditOptions`, a dict of them, or ``None``
    :raises esgtrace.errors.InputError: the file is missing or unreadable
    """
    opts = AuditOptions.resolve(options)
    facts, document, issues = load(source, opts)
    documents = {}
    if document is not None:
        documents = {name: document for name in {f.document for f in facts} | {document.name}}
    result = audit_facts(facts, opts, documents, issues)
    if document is not None and not facts:
        return result.model_copy(update={"document": document.name})
    return result


__all__ = ["check", "AuditOptions", "AuditResult", "Finding", "Severity", "detect_country"]
