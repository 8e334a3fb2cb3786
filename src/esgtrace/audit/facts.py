"""The facts of one audit, indexed by metric, period and breakdown, with their printed precision.

Rounding is not an error: every operand carries half a unit of its last printed digit,
converted to its canonical unit (``value / printed number`` gives the scale, so a figure
printed in "ten thousand tons" carries ±50 t).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from esgtrace.audit.catalogue import AuditCatalogue
from esgtrace.extract.model import Fact

Key = tuple[str, str, tuple[tuple[str, str], ...]]

_NUMBER = re.compile(r"[-−]?\d[\d,\s]*(?:\.\d+)?|[-−]?\.\d+")


def printed_number(reported: str) -> tuple[float, int] | None:
    """The number a printed value shows and its count of decimals (``None`` for words).

    :param reported: the value exactly as printed, e.g. ``"48,211.05"``, ``"38%"``, ``"$1,000"``
    """
    match = _NUMBER.search(reported or "")
    if not match:
        return None
    text = re.sub(r"[,\s]", "", match.group(0)).replace("−", "-")
    try:
        number = float(text)
    except ValueError:
        return None
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return number, decimals


@dataclass(frozen=True)
class Operand:
    """A fact as an operand of a check: canonical value and half-unit of printed precision."""

    fact: Fact
    value: float
    half_unit: float
    scale: float  # canonical units per printed unit (10_000 for "ten thousand tons")

    @property
    def low(self) -> float:
        return self.value - self.half_unit

    @property
    def high(self) -> float:
        return self.value + self.half_unit


def operand(fact: Fact, catalogue: AuditCatalogue) -> Operand:
    """Wrap ``fact`` with its printed precision.

    A whole count in an exact unit (persons, suppliers) is exact; a word ("seven", "no")
    is exact; otherwise half a unit of the last printed digit, scaled to the canonical unit.
    """
    printed = printed_number(fact.reported_value)
    if printed is None:
        return Operand(fact, fact.value, 0.0, 1.0)
    if printed[0] == 0:
        exact = printed[1] == 0 and fact.unit in catalogue.exact_units
        return Operand(fact, fact.value, 0.0 if exact else 0.5 * 10.0 ** (-printed[1]), 1.0)
    number, decimals = printed
    scale = fact.value / number if number else 1.0
    if decimals == 0 and math.isclose(abs(scale), 1.0, rel_tol=1e-9) and fact.unit in catalogue.exact_units:
        return Operand(fact, fact.value, 0.0, 1.0)
    half = 0.5 * 10.0 ** (-decimals) * abs(scale)
    return Operand(fact, fact.value, half, scale)


def breakdown_key(breakdown: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), str(v)) for k, v in breakdown.items()))


@dataclass
class FactIndex:
    """Facts by (metric, period, breakdown); the first fact of a key is the one checked."""

    catalogue: AuditCatalogue
    facts: tuple[Fact, ...]
    by_key: dict[Key, Fact] = field(default_factory=dict)
    duplicates: dict[Key, list[Fact]] = field(default_factory=lambda: defaultdict(list))
    by_metric: dict[tuple[str, str], list[Fact]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, facts: Iterable[Fact], catalogue: AuditCatalogue) -> FactIndex:
        ordered = sorted(facts, key=lambda f: -f.confidence)  # stable: best-sourced first
        index = cls(catalogue, tuple(ordered))
        for fact in ordered:
            key = fact.key
            index.duplicates[key].append(fact)
            if key not in index.by_key:
                index.by_key[key] = fact
                index.by_metric[(fact.metric, fact.period)].append(fact)
        return index

    def get(self, metric: str, period: str, breakdown: dict[str, str] | None = None) -> Fact | None:
        return self.by_key.get((metric, period, breakdown_key(breakdown or {})))

    def op(self, fact: Fact) -> Operand:
        return operand(fact, self.catalogue)

    def periods(self) -> list[str]:
        return sorted({p for _, p in self.by_metric})

    def of_metric(self, metric: str, period: str) -> list[Fact]:
        return list(self.by_metric.get((metric, period), ()))

    def metrics(self) -> set[str]:
        return {m for m, _ in self.by_metric}

    def members(self, metric: str, period: str, base: dict[str, str], dimension: str) -> list[Fact]:
        """Facts of ``metric`` whose breakdown is ``base`` plus one ``dimension`` group."""
        out = []
        for fact in self.of_metric(metric, period):
            extra = {k: v for k, v in fact.breakdown.items() if k not in base or base[k] != v}
            if set(extra) == {dimension} and all(fact.breakdown.get(k) == v for k, v in base.items()):
                out.append(fact)
        return out

    def resolve(self, metric: str, period: str, base: dict[str, str], sum_over: tuple[str, ...]) -> list[Fact]:
        """The facts that make up ``metric`` at ``base``: the fact itself, else the groups of
        one or two dimensions of ``sum_over`` (``{fuel, region}`` rows under a total) that
        cover the most (a report may split one part by fuel and another by fuel and region)."""
        exact = self.get(metric, period, base)
        if exact is not None:
            return [exact]
        groupings: dict[frozenset[str], list[Fact]] = defaultdict(list)
        for fact in self.of_metric(metric, period):
            extra = frozenset(k for k in fact.breakdown if k not in base)
            if (
                1 <= len(extra) <= 2
                and extra <= set(sum_over)
                and all(fact.breakdown.get(k) == v for k, v in base.items())
            ):
                groupings[extra].append(fact)
        if not groupings:
            return []
        return max(groupings.values(), key=lambda facts: sum(abs(f.value) for f in facts))

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.by_key.values())


def convert(value: float, from_unit: str, to_unit: str, catalogue: AuditCatalogue) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (``None`` across dimensions)."""
    if from_unit == to_unit:
        return value
    a = catalogue.units.get(from_unit)
    b = catalogue.units.get(to_unit)
    if a is None or b is None or a.dimension != b.dimension:
        return None
    return value * a.scale / b.scale


def fmt(number: float | None) -> str:
    """A number for a message: thousands separators, up to 6 significant decimals."""
    if number is None:
        return "-"
    if number == 0:
        return "0"
    magnitude = abs(number)
    if magnitude >= 1000:
        return f"{number:,.2f}".rstrip("0").rstrip(".")
    if magnitude >= 1:
        return f"{number:,.4f}".rstrip("0").rstrip(".")
    return f"{number:.6g}"
