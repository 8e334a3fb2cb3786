"""Row labels: which metric a label names, and which breakdown group.

All patterns come from the catalogue (``metrics.yaml``, ``breakdowns.yaml``); this module
only cleans labels (footnote markers, bullets) and picks the best match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from esgtrace.catalogue import Metric, breakdowns, fold_chinese, metrics

# footnote markers on labels: "emissions(1)", "combustion3", "Natural gas14", "PUE²", "Scope 19"
_MARKER_PAREN = re.compile(r"\((?:\d{1,2}|[a-z]|\*)\)|\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+")
_MARKER_GLUED = re.compile(r"(?<=[A-Za-z\)])\d{1,2}\b")
_SCOPE_MARKER = re.compile(r"\b(scope)\s*([123])\d{1,2}\b", re.I)
_BULLET = re.compile(r"^(?:[-–•■●▪·]\s*|including:?\s*|of which:?\s*|include:?\s*|among them:?\s*)+", re.I)
_LABEL_YEAR = re.compile(r"\b(?:in|for|of)\s+((?:19|20)\d\d)\b|\(((?:19|20)\d\d)\)")


def clean_label(text: str) -> str:
    """A label without footnote markers, bullets, "Including:" and extra spaces."""
    t = _SCOPE_MARKER.sub(r"\1 \2", fold_chinese(text))
    t = _MARKER_PAREN.sub(" ", t)
    t = _MARKER_GLUED.sub("", t)
    t = t.replace("**", " ").replace("（", "(").replace("）", ")")
    t = re.sub(r"\s+", " ", t).strip(" :;,")
    t = _BULLET.sub("", t).strip()
    return t


def label_year(text: str) -> str | None:
    """A year the label itself names ("fatalities in 2021")."""
    m = _LABEL_YEAR.search(text)
    return (m.group(1) or m.group(2)) if m else None


@dataclass(frozen=True, slots=True)
class MetricMatch:
    metric: Metric
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


@lru_cache(maxsize=1)
def _metric_patterns() -> tuple[tuple[Metric, re.Pattern[str]], ...]:
    return tuple((m, re.compile(p, re.I)) for m in metrics() for p in m.patterns)


def match_metrics(label: str) -> list[MetricMatch]:
    """Every metric whose label pattern occurs in ``label``, longest match first."""
    found: dict[str, MetricMatch] = {}
    for metric, pattern in _metric_patterns():
        for m in pattern.finditer(label):
            if m.end() == m.start():
                continue
            best = found.get(metric.id)
            if best is None or m.end() - m.start() > best.length:
                found[metric.id] = MetricMatch(metric, m.start(), m.end())
    return sorted(found.values(), key=lambda mm: (-mm.length, mm.start))


def best_metric(label: str) -> MetricMatch | None:
    """The metric a label names (the longest pattern match), if any."""
    matches = match_metrics(label)
    return matches[0] if matches else None


@lru_cache(maxsize=1)
def _key_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (key, re.compile(p, re.I)) for key, pats in breakdowns().keys.items() for p in pats
    )


@lru_cache(maxsize=1)
def _group_patterns() -> tuple[tuple[str, str | None, re.Pattern[str]], ...]:
    return tuple((g.key, g.value, re.compile(p, re.I)) for g in breakdowns().groups for p in g.patterns)


@lru_cache(maxsize=1)
def _parts() -> re.Pattern[str]:
    return re.compile("|".join(breakdowns().parts) or r"(?!x)x", re.I)


def names_a_part(label: str, match: MetricMatch) -> bool:
    """The label qualifies the metric it names ("... recovered via a circular route"): a part of it."""
    rest = label[: match.start] + " " + label[match.end :]
    return bool(_parts().search(rest))


def announced_key(text: str) -> tuple[str, int, int] | None:
    """The breakdown key a header announces ("by gender" -> gender), with its span."""
    best: tuple[str, int, int] | None = None
    for key, pattern in _key_patterns():
        m = pattern.search(text)
        if m and (best is None or m.end() - m.start() > best[2] - best[1]):
            best = (key, m.start(), m.end())
    return best


def match_group(label: str, key: str | None = None) -> tuple[str, str] | None:
    """The breakdown group a label names: ``(key, value)``.

    :param label: a cleaned row label such as ``"Under 30 years old"``
    :param key: the key a header announced; a label of another key still matches, and a
        label no pattern knows is taken as printed under this key
    """
    text = label.strip()
    if not text:
        return None
    hits = [(k, v, p) for k, v, p in _group_patterns() if p.search(text)]
    if key is not None:
        same = [h for h in hits if h[0] == key]
        if same:
            k, v, _ = same[0]
            return k, v or _printed(text)
        staff = {"category", "employment_type"}
        if hits and key in staff and hits[0][0] in staff:
            # a header key wins between the two staff vocabularies ("Senior management"
            # under "By employment type" is an employment type)
            return key, hits[0][1] or _printed(text)
        if hits:
            return hits[0][0], hits[0][1] or _printed(text)
        if key in ("region", "category", "employment_type") and _looks_like_group(text):
            return key, _printed(text)
        return None
    if hits:
        k, v, _ = hits[0]
        return k, v or _printed(text)
    return None


def _printed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" -–:")


def _looks_like_group(text: str) -> bool:
    """A short name (a region, a staff category), not a sentence or another metric."""
    words = text.split()
    return 0 < len(words) <= 8 and not re.search(r"\d{3,}|[.;:]$", text) and best_metric(text) is None
