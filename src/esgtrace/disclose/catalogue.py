"""The HKEX items catalogue (``hkex.yaml``), loaded once into frozen pydantic models."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from esgtrace.errors import SettingError

Obligation = Literal["mandatory", "comply_or_explain", "recommended", "voluntary", "not_in_version", "removed"]
_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Version(BaseModel):
    """One edition of the Guide / Code and the first financial-year start it governs."""

    model_config = _FROZEN
    id: str
    label: str
    starts_on: str
    aliases: tuple[str, ...] = ()


class Figures(BaseModel):
    """How a number in the text evidences a quantitative item: a label near it and a unit set."""

    model_config = _FROZEN
    labels: tuple[str, ...]
    units: tuple[str, ...]


class Framework(BaseModel):
    """Another reporting framework whose content index is read too (GRI, SASB)."""

    model_config = _FROZEN
    name: str
    code: str
    titles: tuple[str, ...]


class Part(BaseModel):
    """One thing a complete disclosure of a quantitative item holds (a breakdown, a rate)."""

    model_config = _FROZEN
    name: str
    breakdown: str | None = None
    also: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()


class Item(BaseModel):
    """One HKEX disclosure item (MDR, general disclosure, KPI or Part D climate item)."""

    model_config = _FROZEN
    id: str
    part: str
    subject_area: Literal["environmental", "social", "governance", "climate"]
    aspect: str
    kind: str
    short_name: str
    quantitative: bool | Literal["mixed"]
    obligation: dict[str, Obligation]
    metrics: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    signals: tuple[tuple[str, ...], ...]
    index_labels: tuple[str, ...] = ()
    gri: tuple[str, ...] = ()  # GRI disclosures whose index row may carry the item's answer
    figures: Figures | None = None
    parts: tuple[Part, ...] = ()

    def obligation_in(self, version: str) -> Obligation:
        return self.obligation.get(version, "not_in_version")

    def applies_in(self, version: str) -> bool:
        return self.obligation_in(version) not in ("not_in_version", "removed")

    @property
    def aspect_code(self) -> str:
        """``A1`` for ``A1.GD`` / ``A1.1``; the id itself for MDR and Part D items."""
        head = self.id.split(".")[0]
        return head if re.fullmatch(r"[AB]\d", head) else self.id


class Catalogue(BaseModel):
    """The whole catalogue: versions, unit sets, reason phrases and items."""

    model_config = _FROZEN
    schema_version: int
    versions: tuple[Version, ...]
    units: dict[str, tuple[str, ...]]
    zero_phrases: tuple[str, ...]
    explanations: dict[str, tuple[str, ...]]
    index_claims: dict[str, tuple[str, ...]]
    general_disclosure_labels: tuple[str, ...]
    index_titles: tuple[str, ...]
    frameworks: tuple[Framework, ...] = ()
    items: tuple[Item, ...]

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def items_in(self, version: str) -> list[Item]:
        """The items that apply in ``version``, in catalogue order."""
        return [it for it in self.items if it.applies_in(version)]

    def version(self, name: str) -> Version:
        """The version called ``name`` (its id or an alias such as ``2020``)."""
        wanted = name.strip().lower()
        for v in self.versions:
            if wanted == v.id.lower() or wanted in (a.lower() for a in v.aliases):
                return v
        choices = ", ".join(a for v in self.versions for a in v.aliases[:1])
        raise SettingError("version", name, f"one of {choices}")

    def version_for(self, period_start: str) -> Version:
        """The version in force for a financial year starting on ``period_start`` (ISO date)."""
        chosen = self.versions[0]
        for v in sorted(self.versions, key=lambda v: v.starts_on):
            if period_start >= v.starts_on:
                chosen = v
        return chosen


@lru_cache(maxsize=1)
def load() -> Catalogue:
    """The packaged catalogue, parsed and validated once."""
    text = resources.files("esgtrace.disclose").joinpath("hkex.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has it
    return Catalogue.model_validate(yaml.load(text, Loader=loader))  # noqa: S506 - a safe loader
