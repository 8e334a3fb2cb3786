"""One fact per (metric, period, breakdown): keep the best-sourced occurrence.

A table beats prose (tables are what reports audit); among equals the first printed
wins, except that when they disagree a row labelled as the total ("Total water
consumption" against "Water consumed for production", or the parts of each) wins.
The other occurrences are kept so the fact can list them, and a disagreement lowers
the fact's confidence.
"""

from __future__ import annotations

import re

from esgtrace.extract.labels import best_metric, clean_label
from esgtrace.extract.resolve import Candidate

_METHOD_RANK = {"table": 0, "standalone": 1, "prose": 2}


def key_of(c: Candidate) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    breakdown = tuple(sorted((k, v.lower()) for k, v in c.breakdown.items()))
    return c.metric.id, c.period, breakdown


def best_per_key(candidates: list[Candidate]) -> list[tuple[Candidate, list[Candidate]]]:
    """Group candidates by key; return (best, others) per key, in first-seen order."""
    groups: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[Candidate]] = {}
    for c in candidates:
        groups.setdefault(key_of(c), []).append(c)
    out = []
    for group in groups.values():
        disagree = len({round(c.normalised.value, 9) for c in group}) > 1
        ranked = sorted(enumerate(group), key=lambda ic: (_METHOD_RANK.get(ic[1].record.method, 3),
                                                           not (disagree and _total(ic[1])), ic[0]))
        best = ranked[0][1]
        out.append((best, [c for _, c in ranked[1:]]))
    return out


_TOTAL = re.compile(r"^\s*(?:total|overall)\b|^\s*(?:合计|总计|总)", re.I)


def _total(c: Candidate) -> bool:
    """The row (or the row it is a part of) is labelled as the total of the candidate's own
    metric ("Total water consumption"; not "Total GHG emissions (Scope 1 + Scope 2)" for Scope 2)."""
    label = c.record.part_of or c.record.label
    if not _TOTAL.match(label):
        return False
    named = best_metric(clean_label(label))
    return named is not None and named.metric.id == c.metric.id
