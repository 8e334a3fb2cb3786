"""The metric catalogue: package-data YAML loaded once into frozen pydantic models.

>>> from esgtrace.catalogue import metrics, metric
>>> metric("ghg_scope1").hkex, metric("ghg_scope1").unit
('A1.2', 'tCO2e')

``metrics.yaml`` names every metric, its HKEX item, framework codes, canonical unit and
the label patterns reports use for it; ``breakdowns.yaml`` is the vocabulary of the
groups figures are split into. Other catalogues of this folder (``hkex.yaml``,
``rules.yaml``) belong to their own stages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "fold_chinese", "Implied", "Metric", "Group", "Breakdowns", "Vocabulary", "metrics", "metric", "breakdowns", "vocabulary",
]


class Implied(BaseModel):
    """This metric's value is another's when the report says so (``when`` matches its text)."""

    model_config = ConfigDict(frozen=True)

    metric: str
    when: str


class Metric(BaseModel):
    """One metric of the catalogue.

    :param id: the metric id of the exchange format (``ghg_scope1``)
    :param unit: canonical unit; ``<denominator>`` stands for an intensity's denominator
    :param dimension: ``mass_co2e``, ``mass``, ``energy``, ``volume``, ``count``, ``ratio``,
        ``time``, ``money``, ``intensity`` or ``mass_or_volume``
    :param names: how reports name the metric, as words that must all be in a label (any
        order, plural or singular; see ``vocabulary.yaml``)
    :param words: words a label of this metric may also hold ("direct" beside "Scope 1")
    :param labels: label patterns by language (``en``, ``zh``)
    :param as_percent: the metric a row of this metric means when printed in % (a
        workforce table in shares instead of heads is ``employees_share``)
    :param as_intensity: the metric and breakdown a row of this metric means when printed in
        an intensity unit ("Scope 1" in tCO2e per revenue: ``ghg_intensity`` of scope 1)
    :param one_group: the metric a figure of this metric means when its breakdown is one
        group alone ("gender=female" -> ``employees_female_share``: women's share of the workforce)
    :param whole_of: metrics that are parts of this one (its figure is never smaller than theirs)
    :param one_effort: sentence patterns that give a figure to one effort, not the year's whole
        (a donation "in emergency relief", "On that day ... donated"); ``{n}`` stands where the
        figure is printed
    :param whole_only: a figure of the whole only (the board's size): no breakdown of a key
        the metric does not list
    """

    model_config = ConfigDict(frozen=True)

    id: str
    group: str
    hkex: str
    gri: tuple[str, ...] = ()
    sasb: tuple[str, ...] = ()
    unit: str
    dimension: str
    breakdowns: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    labels: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    prose: tuple[str, ...] = ()
    zero: tuple[str, ...] = ()
    intensity_of: str | None = None
    fuel_of: str | None = None
    implied_by: tuple[Implied, ...] = ()
    as_percent: str | None = None
    needs_breakdown: bool = False
    whole_only: bool = False
    as_energy: dict[str, str] = Field(default_factory=dict)
    one_group: dict[str, str] = Field(default_factory=dict)
    as_intensity: dict[str, str] = Field(default_factory=dict)
    one_effort: tuple[str, ...] = ()
    whole_of: tuple[str, ...] = ()

    @property
    def patterns(self) -> tuple[str, ...]:
        """All label patterns, every language."""
        return tuple(p for lang in self.labels.values() for p in lang)

    @property
    def is_intensity(self) -> bool:
        return self.dimension == "intensity"

    @property
    def numerator_unit(self) -> str:
        """The canonical unit of an intensity's numerator (the unit itself otherwise)."""
        return self.unit.split("/")[0]


class Group(BaseModel):
    """A breakdown group: patterns that recognise it, and the label stored (if fixed)."""

    model_config = ConfigDict(frozen=True)

    key: str
    value: str | None = None
    patterns: tuple[str, ...]


class Breakdowns(BaseModel):
    """The breakdown vocabulary: header patterns by key, and the groups of each key."""

    model_config = ConfigDict(frozen=True)

    keys: dict[str, tuple[str, ...]]
    groups: tuple[Group, ...]
    parts: tuple[str, ...] = ()
    boundaries: dict[str, tuple[str, ...]] = {}
    segments: tuple[str, ...] = ()


def read_yaml(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's parser when PyYAML has it (the same data, several
    times faster: the catalogue's files are read at every start-up)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _load(name: str) -> Any:
    text = resources.files("esgtrace.catalogue").joinpath(name).read_text(encoding="utf-8")
    return read_yaml(text)


@lru_cache(maxsize=1)
def _metrics() -> dict[str, Metric]:
    data = _load("metrics.yaml")
    out: dict[str, Metric] = {}
    for group, entries in data.items():
        for metric_id, fields in entries.items():
            item = Metric(id=metric_id, group=group, **fields)
            for pattern in (*item.patterns, *item.prose, *item.zero, *(i.when for i in item.implied_by)):
                re.compile(pattern.replace("{n}", "x"))  # fail at load on a bad pattern
            out[metric_id] = item
    return out


def metrics() -> tuple[Metric, ...]:
    """Every metric of the catalogue, in catalogue order."""
    return tuple(_metrics().values())


def metric(metric_id: str) -> Metric:
    """The metric with id ``metric_id``.

    :param metric_id: an id such as ``ghg_scope1``
    :raises KeyError: no such metric
    """
    return _metrics()[metric_id]


@lru_cache(maxsize=1)
def breakdowns() -> Breakdowns:
    """The breakdown vocabulary of ``breakdowns.yaml``."""
    data = _load("breakdowns.yaml")
    groups = [
        Group(key=key, value=g.get("value"), patterns=tuple(g["patterns"]))
        for key, items in data["groups"].items()
        for g in items
    ]
    keys = {k: tuple(v or ()) for k, v in data["keys"].items()}
    bounds = {k: tuple(v or ()) for k, v in (data.get("boundaries") or {}).items()}
    return Breakdowns(keys=keys, groups=tuple(groups), parts=tuple(data.get("parts") or ()), boundaries=bounds,
                      segments=tuple(data.get("segments") or ()))


class Vocabulary(BaseModel):
    """How label words are read before they are scored against metric names (``vocabulary.yaml``)."""

    model_config = ConfigDict(frozen=True)

    phrases: dict[str, str]
    neutral: tuple[str, ...]
    distinguishing: tuple[str, ...]
    allowed: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    financial: tuple[str, ...] = ()
    esg: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The word vocabulary of ``vocabulary.yaml``."""
    data = _load("vocabulary.yaml")
    for pattern in data["phrases"]:
        re.compile(pattern)  # fail at load on a bad pattern
    lists = {k: tuple(str(x) for x in v) for k, v in data.items() if isinstance(v, list)}
    return Vocabulary.model_validate({"phrases": data["phrases"], **lists})


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    data = _load("zh_variants.yaml")
    return str.maketrans(data["traditional"].strip(), data["simplified"].strip())


@lru_cache(maxsize=1)
def _folded_chars() -> re.Pattern[str]:
    """Any character :func:`fold_chinese` changes (finding none is quicker than translating)."""
    table = _fold_table()
    return re.compile("[" + "".join(re.escape(chr(k)) for k, v in table.items() if v != k) + "]")


def fold_chinese(text: str) -> str:
    """``text`` with traditional Chinese characters folded to simplified, one for one.

    The catalogue's Chinese patterns are simplified; folding keeps every offset, so a
    match in the folded text quotes the report's own characters.
    """
    if text.isascii() or _folded_chars().search(text) is None:
        return text
    return text.translate(_fold_table())
