"""Audit: find the figures in a report that do not add up, and explain each one.

>>> from esgtrace.audit import check
>>> result = check("report.pdf")                     # doctest: +SKIP
>>> [(f.rule, f.severity.value, f.message) for f in result.findings]   # doctest: +SKIP

Every check is a rule of ``rules.yaml`` (id, severity, explanation, formula, parameters)
evaluated by a registered function; rounding is not an error (tolerances follow the
printed precision of each figure).
"""

from esgtrace.audit.engine import check
from esgtrace.audit.model import AuditOptions, AuditResult, FactRef, Finding, Severity

__all__ = ["check", "AuditOptions", "AuditResult", "Finding", "FactRef", "Severity"]
