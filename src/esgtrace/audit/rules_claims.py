"""Disclosure claims: a content-index entry that claims a KPI the report never quantifies.

The disclosure stage compares the report's HKEX content index with what the report
discloses; its ``claimed-not-found`` mismatches on quantitative items are audit findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from esgtrace.audit.catalogue import Rule
from esgtrace.audit.model import Finding, Severity
from esgtrace.audit.registry import Context, finding, kind

if TYPE_CHECKING:
    from esgtrace.disclose.model import DisclosureResult


def _where(row: Any) -> str:
    """``"index l.1493: <row text>"`` for a content-index row."""
    if row is None:
        return ""
    at = f"p.{row.page}" if row.page is not None else f"l.{row.line}" if row.line is not None else ""
    return f"content index {at}: {row.text[:120]}".replace("  ", " ")


def _disclosure(ctx: Context) -> DisclosureResult:
    """The report's disclosure analysis, made once per audit and shared by the claims rules."""
    from esgtrace.disclose import disclosure

    if "disclosure" not in ctx.cache:
        assert ctx.document is not None
        ctx.cache["disclosure"] = disclosure(ctx.document, facts=list(ctx.index.facts))
    result: DisclosureResult = ctx.cache["disclosure"]
    return result


@kind("disclosure-claims")
def check_disclosure_claims(ctx: Context, rule: Rule) -> list[Finding]:
    """Index entries that claim a quantitative item the report does not disclose (needs the report's text)."""
    if ctx.document is None:
        return []
    result = _disclosure(ctx)
    codes = dict(rule.params.get("codes", {"claimed-not-found": "warning"}))
    quantitative = {s.item for s in result.items if s.quantitative}
    out = []
    for mismatch in result.mismatches:
        if mismatch.code not in codes or (rule.params.get("quantitative_only", True) and mismatch.item not in quantitative):
            continue
        message = f"{mismatch.item}: {mismatch.message}"
        row = next((r for r in result.index_rows if r.item == mismatch.item), None)
        out.append(finding(rule, [], message, period=result.period or "", severity=Severity(codes[mismatch.code]),
                           formula=f"index claims {mismatch.item} {mismatch.claim}; analysis: {mismatch.status}",
                           location=_where(row)))
    return out


def _printed(ctx: Context, spec: str) -> bool:
    """Whether the report prints ``metric`` or, for ``metric[key]``, the metric split by ``key``."""
    metric, _, key = spec.partition("[")
    key = key.rstrip("]")
    return any(f.metric == metric and (not key or key in f.breakdown) for f in ctx.index)


@kind("index-quantities")
def check_index_quantities(ctx: Context, rule: Rule) -> list[Finding]:
    """Index entries claiming a quantitative KPI whose figures (or breakdowns) the report never prints."""
    if ctx.document is None:
        return []
    result = _disclosure(ctx)
    already = {m.item for m in result.mismatches if m.code == "claimed-not-found"}
    requires: dict[str, list[list[str]]] = rule.params.get("requires", {})
    out = []
    for row in result.index_rows:
        if row.claim != "disclosed" or row.item in already or row.item not in requires:
            continue
        missing = [group for group in requires[row.item] if not any(_printed(ctx, spec) for spec in group)]
        if not missing:
            continue
        wanted = "; ".join(" or ".join(group) for group in missing)
        where = f" ({row.where})" if row.where else ""
        message = f"{row.item}: the index claims it disclosed{where}, but the report prints no {wanted}"
        out.append(finding(rule, [], message, period=result.period or "",
                           formula=f"index claims {row.item} => printed: {wanted}", location=_where(row)))
    return out
