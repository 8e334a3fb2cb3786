"""Findings for a person: grouped by severity, each with its facts, formula and difference."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from esgtrace.audit.facts import fmt
from esgtrace.audit.model import AuditResult, Finding, Severity

_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}


def _finding(console: Console, finding: Finding) -> None:
    console.print(Text.assemble(("  • ", ""), (finding.rule, "bold"), (": ", ""), (finding.message, "")))
    if finding.expected is not None and finding.actual is not None:
        rel = f" ({finding.relative:+.2%})" if finding.relative is not None else ""
        tol = f", tolerance ±{fmt(finding.tolerance)}" if finding.tolerance is not None else ""
        console.print(
            f"    expected {fmt(finding.expected)}, printed {fmt(finding.actual)} {finding.unit}: "
            f"difference {fmt(finding.difference)}{rel}{tol}",
            markup=False,
        )
    if finding.location:
        console.print(f"    at {finding.location}", markup=False)
    if finding.formula:
        console.print(f"    formula: {finding.formula}", markup=False, style="dim")
    for fact in finding.facts:
        quote = f' "{fact.quote[:100]}"' if fact.quote else ""
        console.print(
            f"    - {fact.label} = {fact.reported_value} {fact.reported_unit} ({fmt(fact.value)} {fact.unit}) "
            f"at {fact.where}{quote}",
            markup=False,
        )


def render(result: AuditResult, console: Console, *, explain: bool = False) -> None:
    """Print ``result``: a summary line, then findings grouped by severity.

    :param explain: also print each rule's explanation
    """
    counts = ", ".join(f"{len(result.by_severity(s))} {s.value}" for s in Severity)
    console.print(f"{result.document or 'facts'}: {result.facts_checked} facts, {len(result.rules_run)} rules; {counts}", markup=False)
    for severity in Severity:
        group = result.by_severity(severity)
        if not group:
            continue
        console.print(Text(f"{severity.value.upper()} ({len(group)})", style=_STYLE[severity]))
        for finding in group:
            _finding(console, finding)
            if explain and finding.explanation:
                console.print(f"    why: {finding.explanation}", markup=False, style="dim")
    for issue in result.issues:
        console.print(f"[{issue.stage}] {issue.code}: {issue.message}", markup=False, style="dim")
