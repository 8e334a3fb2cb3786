"""The audit's catalogues: ``rules.yaml`` (the checks) and ``emission_factors.yaml``.

Both are package data loaded once into frozen pydantic models; no metric id, threshold
or factor lives in the rule functions.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from esgtrace.audit.model import Severity
from esgtrace.catalogue import read_yaml


class UnitDef(BaseModel):
    model_config = ConfigDict(frozen=True)

    dimension: str
    scale: float


class Denominator(BaseModel):
    """An intensity denominator kind, how reports spell it, and the fact that prints it."""

    model_config = ConfigDict(frozen=True)

    name: str
    aliases: tuple[str, ...]
    printed_metric: str | None = None
    printed_scale: float = 1.0  # denominator units per canonical unit of the printed fact


class Rule(BaseModel):
    """One check: a registered function (``kind``) with its parameters as data.

    :param id: stable rule id, cited by every finding
    :param kind: the registered function that evaluates it
    :param explanation: why a finding of this rule matters, for a person
    :param formula: the relation checked, in words and metric ids
    """

    model_config = ConfigDict(frozen=True)

    id: str
    kind: str
    severity: Severity
    explanation: str
    formula: str
    enabled: bool = True
    params: dict[str, Any] = Field(default_factory=dict)


class AuditCatalogue(BaseModel):
    model_config = ConfigDict(frozen=True)

    units: dict[str, UnitDef]
    exact_units: frozenset[str]
    denominators: tuple[Denominator, ...]
    rules: tuple[Rule, ...]

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def denominator(self, unit: str) -> Denominator | None:
        """The denominator kind of an intensity unit such as ``tCO2e/RMB million``."""
        if "/" not in unit:
            return None
        text = " ".join(unit.split("/", 1)[1].lower().replace("_", " ").split())
        for denominator in self.denominators:
            if any(text == a or text.startswith(a + " ") for a in denominator.aliases):
                return denominator
        return Denominator(name=text, aliases=(text,))


class GridFactor(BaseModel):
    """A published average grid emission factor (tCO2/MWh) and where it comes from."""

    model_config = ConfigDict(frozen=True)

    year: int
    area: str
    value: float
    series: str
    source: str
    verified: bool = True


class FuelFactor(BaseModel):
    """A default combustion factor (kgCO2/TJ) and the calorific values (GJ per ``unit``) of a fuel."""

    model_config = ConfigDict(frozen=True)

    fuel: str
    metric: str
    unit: str
    kg_co2_per_tj: float
    ncv_gj_per_unit: tuple[float, float]  # low and high net calorific value per ``unit``
    source: str
    verified: bool = False


class Country(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    aliases: tuple[str, ...]
    grid: tuple[GridFactor, ...] = ()


class EmissionFactors(BaseModel):
    model_config = ConfigDict(frozen=True)

    countries: tuple[Country, ...]
    fuels: tuple[FuelFactor, ...]

    def country(self, name: str) -> Country | None:
        lowered = name.strip().lower()
        for country in self.countries:
            if lowered == country.name.lower() or lowered in (a.lower() for a in country.aliases):
                return country
        return None


# the shared catalogue folder, beside this stage's package
_FACTORS = Path(__file__).resolve().parent.parent / "catalogue" / "emission_factors.yaml"


def _load(name: str) -> Any:
    text = resources.files("esgtrace.audit").joinpath(name).read_text(encoding="utf-8")
    return read_yaml(text)


@lru_cache(maxsize=1)
def catalogue() -> AuditCatalogue:
    """The rules of ``rules.yaml``, validated once."""
    data = _load("rules.yaml")
    units = {name: UnitDef(dimension=d, scale=s) for name, (d, s) in data["units"].items()}
    denominators = tuple(Denominator(name=name, **fields) for name, fields in data["denominators"].items())
    rules = tuple(Rule(**entry) for entry in data["rules"])
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise ValueError("rules.yaml: duplicate rule id")
    return AuditCatalogue(
        units=units, exact_units=frozenset(data["exact_units"]), denominators=denominators, rules=rules
    )


@lru_cache(maxsize=1)
def emission_factors() -> EmissionFactors:
    """Grid and fuel factors of ``catalogue/emission_factors.yaml``, with their sources."""
    data = read_yaml(_FACTORS.read_text(encoding="utf-8"))
    countries = []
    for name, entry in data["grid"].items():
        grid = tuple(GridFactor(**row) for row in entry.get("factors", ()))
        countries.append(Country(name=name, aliases=tuple(entry.get("aliases", ())), grid=grid))
    fuels = tuple(FuelFactor(fuel=name, **fields) for name, fields in data["fuels"].items())
    return EmissionFactors(countries=tuple(countries), fuels=fuels)
