"""The store's catalogue (``store.yaml``), loaded once into frozen models."""

from __future__ import annotations

from functools import cache
from importlib import resources

from esgtrace.catalogue import read_yaml
from pydantic import BaseModel, ConfigDict


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IssuerRules(_Frozen):
    legal_suffixes: tuple[str, ...]
    exchanges: dict[str, tuple[str, ...]]


class PerRule(_Frozen):
    """How one ``compare --per`` denominator is found (see ``store.yaml``)."""

    metric: str
    label: str
    unit: str | None = None
    sum_of: dict[str, tuple[str, ...]] = {}
    confirm_with: tuple[str, ...] = ()
    intensity_units: str = "(?!)"


class CompareRules(_Frozen):
    per: dict[str, PerRule]
    intensities: dict[str, tuple[str, ...]] = {}


class StoreCatalogue(_Frozen):
    issuers: IssuerRules
    compare: CompareRules


@cache
def catalogue() -> StoreCatalogue:
    """The parsed ``store.yaml`` shipped with the package."""
    text = resources.files("esgtrace.store").joinpath("store.yaml").read_text(encoding="utf-8")
    return StoreCatalogue.model_validate(read_yaml(text))
