"""``vocabulary.yaml`` loaded once: the commitment words, years, statuses, scopes and subjects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from esgtrace.catalogue import read_yaml

YEAR = r"(?P<y>(?:19|20)\d\d)"


@dataclass(frozen=True)
class Subject:
    """One subject of ``vocabulary.yaml``: what a target is about."""

    pattern: re.Pattern[str]
    pillar: str
    metric: str | None = None
    subject: str | None = None
    intensity: str | None = None
    share: bool = False
    lower: bool = False
    emissions: bool = False

    @property
    def name(self) -> str:
        return self.metric or self.subject or ""


@dataclass(frozen=True)
class Vocabulary:
    commitment: re.Pattern[str]
    others: re.Pattern[str]
    target_years: tuple[re.Pattern[str], ...]
    forward_years: tuple[re.Pattern[str], ...]
    future_years: tuple[re.Pattern[str], ...]
    baselines: tuple[re.Pattern[str], ...]
    statuses: tuple[tuple[str, re.Pattern[str]], ...]
    scopes: tuple[tuple[re.Pattern[str], str], ...]
    scope_metrics: dict[str, str]
    operations: re.Pattern[str]
    value_chain: re.Pattern[str]
    subjects: tuple[Subject, ...]
    intensity: re.Pattern[str]
    boundaries: tuple[re.Pattern[str], ...]
    zero_things: str
    zero_things_zh: str
    free_pillars: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def free_pillar(self, text: str) -> str:
        """The pillar of a subject in a report's own words ("rural households" is social)."""
        for pillar, pattern in self.free_pillars:
            if pattern.search(text):
                return pillar
        return "environment"

    def subject_of(self, text: str) -> Subject | None:
        """The first subject (most specific first) named in ``text``."""
        for subject in self.subjects:
            if subject.pattern.search(text):
                return subject
        return None

    def head_subject(self, label: str) -> Subject | None:
        """The subject a table label names first ("Energy consumption for carbon" is energy)."""
        best: tuple[int, int, Subject] | None = None
        for order, subject in enumerate(self.subjects):
            m = subject.pattern.search(label)
            if m and (best is None or (m.start(), order) < best[:2]):
                best = (m.start(), order, subject)
        return best[2] if best else None

    def status_of(self, text: str) -> str | None:
        for name, pattern in self.statuses:
            if pattern.search(text):
                return name
        return None


def _joined(pattern: str) -> re.Pattern[str]:
    """A pattern folded over several YAML lines: its whitespace is layout, not text."""
    return re.compile(re.sub(r"\s+", "", pattern), re.I)


def _years(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p.replace("{Y}", YEAR), re.I) for p in patterns)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary of ``vocabulary.yaml`` (loaded once)."""
    text = resources.files("esgtrace.targets").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = read_yaml(text)
    commitment = _joined(data["commitment"]["en"] + "|" + data["commitment"]["zh"])
    subjects = tuple(
        Subject(
            pattern=re.compile(s["pattern"], re.I), pillar=s["pillar"], metric=s.get("metric"), subject=s.get("subject"),
            intensity=s.get("intensity"), share=bool(s.get("share")), lower=bool(s.get("lower")),
            emissions=bool(s.get("emissions")),
        )
        for s in data["subjects"]
    )
    return Vocabulary(
        commitment=commitment,
        others=_joined(data["others"]),
        target_years=_years(data["target_years"]["backward"]),
        forward_years=_years(data["target_years"]["forward"]),
        future_years=_years(data["target_years"]["future"]),
        baselines=_years(data["baselines"]),
        statuses=tuple((name, _joined(p)) for name, p in data["statuses"].items()),
        scopes=tuple((re.compile(s["pattern"], re.I), s["scope"]) for s in data["scopes"]),
        scope_metrics=dict(data["scope_metrics"]),
        operations=re.compile(data["operations"], re.I),
        value_chain=re.compile(data["value_chain"], re.I),
        subjects=subjects,
        intensity=_joined(data["intensity"]),
        boundaries=tuple(re.compile(p) for p in data["boundaries"]),
        zero_things=re.sub(r"\s+", "", data["zero_things"]),
        zero_things_zh=data["zero_things_zh"],
        free_pillars=tuple((name, _joined(p)) for name, p in data["free_pillars"].items()),
    )
