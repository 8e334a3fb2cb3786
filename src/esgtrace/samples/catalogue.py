"""The sample generator's catalogue (``catalogue.yaml``) as frozen pydantic models."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

from esgtrace.catalogue import read_yaml
from pydantic import BaseModel, ConfigDict, model_validator

Language = Literal["en", "zh"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(_Frozen):
    """A phrase in English and, where the catalogue has it, Chinese."""

    en: str
    zh: str | None = None

    def get(self, language: Language) -> str | None:
        return self.zh if language == "zh" else self.en


class Company(_Frozen):
    name: str
    short: str
    stock_code: str
    currency: str
    business: str
    name_zh: str
    short_zh: str
    incorporated: Text


class Group(_Frozen):
    id: str
    en: str
    zh: str
    weight: tuple[float, float] = (0.25, 1.0)
    alt: tuple[str, ...] = ()  # other English wordings, in step across a breakdown's groups


class Breakdown(_Frozen):
    heading: Text
    groups: tuple[Group, ...]
    optional_last: bool = False


class UnitChoice(_Frozen):
    en: str
    zh: str
    factor: float
    decimals: int
    min_share: float = 0.0
    per: bool = False  # intensities may be printed in this unit ("GJ/employee")


class Dimension(_Frozen):
    canonical: str
    intensity: Text | None = None
    choices: tuple[UnitChoice, ...]


class FixedUnit(_Frozen):
    en: str
    zh: str
    canonical: str


class Denominator(_Frozen):
    en: str
    zh: str
    canonical: str


class SplitPercent(_Frozen):
    by: tuple[str, ...]
    spread: float


class RowRule(_Frozen):
    """How one KPI row's values are drawn (exactly one kind field is set)."""

    key: str
    metrics: tuple[str, ...]
    label: Text | None = None
    alt: tuple[Text, ...] = ()  # other wordings of the label, drawn per report
    dim: str | None = None
    unit: FixedUnit | None = None
    decimals: int | None = None
    employees: bool = False
    per_employee: tuple[float, float] | None = None
    count: tuple[int, int] | None = None
    percent: tuple[float, float] | None = None
    sum: tuple[str, ...] | None = None
    ratio: str | None = None
    average: str | None = None
    shares: str | None = None
    factor_of: str | None = None
    factor: tuple[float, float] | None = None
    split: tuple[str, ...] = ()
    split_percent: SplitPercent | None = None
    may_be_missing: bool = False
    footnote: Text | None = None
    money_words: bool = False

    @model_validator(mode="after")
    def _one_kind(self) -> RowRule:
        kinds = [self.employees or None, self.per_employee, self.count, self.percent, self.sum, self.ratio,
                 self.average, self.shares, self.factor_of]
        if sum(1 for k in kinds if k is not None) != 1:
            raise ValueError(f"row {self.key}: give exactly one kind of value")
        if (self.dim is None) == (self.unit is None):
            raise ValueError(f"row {self.key}: give either dim or unit")
        if (self.factor_of is None) != (self.factor is None):
            raise ValueError(f"row {self.key}: factor_of needs a factor range")
        return self

    def needs(self) -> tuple[str, ...]:
        """Keys of the rows this row's values are made from."""
        one = (self.ratio, self.average, self.shares, self.factor_of)
        return tuple(self.sum or ()) + tuple(k for k in one if k)

    @property
    def kind(self) -> str:
        for name in ("employees", "per_employee", "count", "percent", "sum", "ratio", "average", "shares", "factor_of"):
            if getattr(self, name) not in (None, False):
                return name
        raise AssertionError(self.key)


class TableRule(_Frozen):
    key: str
    section: str
    optional: bool = False
    title: Text
    intro: Text | None = None
    rows: tuple[RowRule, ...]


class SectionRule(_Frozen):
    key: str
    heading: Text
    opens_report: bool = False
    targets: bool = False
    same_page: bool = False
    index: bool = False


class Sentence(_Frozen):
    section: str
    row: str
    en: str
    zh: str | None = None


class Narrative(_Frozen):
    section: str
    en: str
    zh: str | None = None


class TargetRule(_Frozen):
    metric: str
    change: tuple[int, int]
    horizon: tuple[int, int]
    en: str
    zh: str | None = None


class IndexItem(_Frozen):
    item: str
    en: str
    zh: str
    ref: str | None = None
    na: Text | None = None
    explain: Text | None = None


class MoneyWords(_Frozen):
    template: str
    unit: str
    factor: float
    decimals: int


class Catalogue(_Frozen):
    companies: tuple[Company, ...]
    breakdowns: dict[str, Breakdown]
    units: dict[str, Dimension]
    denominators: dict[str, Denominator]
    tables: tuple[TableRule, ...]
    prose_only: tuple[RowRule, ...]
    sections: tuple[SectionRule, ...]
    narrative: tuple[Narrative, ...]
    prose: tuple[Sentence, ...]
    targets: tuple[TargetRule, ...]
    index: tuple[IndexItem, ...]
    words: dict[str, Text]
    money_words: dict[str, MoneyWords]

    def word(self, name: str, language: Language, **fill: object) -> str:
        """The fixed phrase ``name`` in ``language``, with its fields filled in."""
        text = self.words[name].get(language) or self.words[name].en
        return text.format(**fill) if fill else text

    def rows(self) -> dict[str, RowRule]:
        """Every row rule (tables and prose-only figures) by key."""
        found = {r.key: r for t in self.tables for r in t.rows}
        found.update({r.key: r for r in self.prose_only})
        return found


@cache
def load() -> Catalogue:
    """The packaged catalogue, parsed and validated once."""
    text = resources.files("esgtrace.samples").joinpath("catalogue.yaml").read_text(encoding="utf-8")
    return Catalogue.model_validate(read_yaml(text))
