"""One fact per (metric, period, breakdown): keep the best-sourced occurrence.

A table beats prose (tables are what reports audit); among equals the first printed
wins. The other occurrences are kept so the fact can list them, and a disagreement
lowers the fact's confidence.
"""

from __future__ import annotations

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
        ranked = sorted(enumerate(group), key=lambda ic: (_METHOD_RANK.get(ic[1].record.method, 3), ic[0]))
        best = ranked[0][1]
        out.append((best, [c for _, c in ranked[1:]]))
    return out
