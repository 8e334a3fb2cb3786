"""Draw a report's numbers from a seed so that they agree with each other.

Numbers are drawn in printed units and rounded to the printed decimals first; a total
is then the sum of its parts as printed and an intensity is computed from the printed
total, so the arithmetic an auditor checks holds exactly (intensities to rounding).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from esgtrace.samples.catalogue import Catalogue, Dimension, Group, RowRule, UnitChoice
from esgtrace.samples.model import Style

Series = dict[int, float | None]


@dataclass
class Drawn:
    """One row's numbers per year, in ``unit`` (printed), plus its breakdown groups."""

    rule: RowRule
    unit: str
    canonical_unit: str
    factor: float
    decimals: int
    numbers: Series
    groups: list[tuple[str, str, str, Series]] = field(default_factory=list)

    def canonical(self, number: float) -> float:
        return round(number * self.factor, 6)


@dataclass(frozen=True)
class Context:
    """What every row of one report shares: years, headcount, revenue, units, language."""

    years: tuple[int, ...]
    headcount: dict[int, int]
    revenue: dict[int, float]
    currency: str
    style: Style


def context(rng: random.Random, style: Style, year: int, currency: str, employees: int | None = None) -> Context:
    """Years (oldest first), a headcount and a revenue (in millions) per year."""
    years = tuple(year - k for k in range(style.columns - 1, -1, -1))
    latest = rng.randint(350, 28000)
    latest = employees or latest
    headcount, revenue = {}, {}
    size = float(latest)
    per_head = rng.uniform(0.4, 3.5)
    for y in reversed(years):
        headcount[y] = round(size)
        revenue[y] = round(size * per_head * rng.uniform(0.92, 1.08), 1)
        size /= rng.uniform(0.97, 1.15)
    return Context(years, headcount, revenue, currency, style)


def draw(rng: random.Random, cat: Catalogue, ctx: Context, keys: list[str]) -> dict[str, Drawn]:
    """Numbers for the row rules ``keys``; a row's sources (parts of a sum, the total of
    an intensity, ...) are drawn before it."""
    rules = cat.rows()
    raw = {k: _raw(rng, rules[k], ctx) for k in keys if rules[k].kind in ("per_employee",)}
    units = _choose_units(rng, cat, ctx, [rules[k] for k in raw], raw)
    drawn: dict[str, Drawn] = {}

    def make(key: str) -> None:
        if key not in drawn:
            for need in rules[key].needs():  # the rows it is made from come first
                make(need)
            drawn[key] = _row(rng, cat, ctx, rules[key], raw.get(key), units, drawn)

    for key in keys:
        make(key)
    return drawn


def _raw(rng: random.Random, rule: RowRule, ctx: Context) -> dict[int, float]:
    assert rule.per_employee is not None
    rate = rng.uniform(*rule.per_employee)
    return {y: ctx.headcount[y] * rate * rng.uniform(0.9, 1.1) for y in ctx.years}


def _choose_units(
    rng: random.Random, cat: Catalogue, ctx: Context, rules: list[RowRule], raw: dict[str, dict[int, float]]
) -> dict[str, UnitChoice]:
    fixed = dict(ctx.style.units)
    chosen = {}
    for name, dim in cat.units.items():
        values = [v for r in rules if r.dim == name for v in raw[r.key].values()]
        smallest = min(values) if values else 0.0
        fits = [c for c in dim.choices if not values or smallest / c.factor >= max(c.min_share, 10.0 ** -c.decimals * 10)]
        index = fixed.get(name, -1)
        # a unit asked for is used when the figures still read sensibly in it
        if 0 <= index < len(dim.choices) and dim.choices[index] in fits:
            chosen[name] = dim.choices[index]
        else:
            chosen[name] = rng.choice(fits or [dim.choices[0]])
    return chosen


def _row(
    rng: random.Random,
    cat: Catalogue,
    ctx: Context,
    rule: RowRule,
    raw: dict[int, float] | None,
    units: dict[str, UnitChoice],
    done: dict[str, Drawn],
) -> Drawn:
    language = ctx.style.language
    currency = ctx.currency
    if rule.unit is not None:
        unit, canonical, factor = rule.unit.en if language == "en" else rule.unit.zh, rule.unit.canonical, 1.0
        decimals = rule.decimals if rule.decimals is not None else (1 if rule.percent else 0)
    else:
        dim: Dimension = cat.units[str(rule.dim)]
        choice = units[str(rule.dim)]
        unit = (choice.en if language == "en" else choice.zh).format(currency=currency)
        canonical, factor = dim.canonical.format(currency=currency), choice.factor
        decimals = choice.decimals if rule.decimals is None else rule.decimals
    numbers: Series = {}
    years = ctx.years
    if rule.kind == "employees":
        numbers = {y: float(ctx.headcount[y]) for y in years}
    elif rule.kind == "per_employee":
        assert raw is not None
        numbers = {y: round(raw[y] / factor, decimals) for y in years}
    elif rule.kind == "count":
        assert rule.count is not None
        low, high = rule.count
        base = rng.randint(low, high)
        numbers = {y: float(min(high, max(low, round(base * rng.uniform(0.8, 1.2))))) for y in years}
    elif rule.kind == "percent":
        assert rule.percent is not None
        low_p, high_p = rule.percent
        mid = rng.uniform(low_p, high_p)
        numbers = {y: round(min(high_p, max(low_p, mid * rng.uniform(0.9, 1.1))), decimals) for y in years}
    elif rule.kind == "sum":
        parts = [done[k] for k in rule.sum or ()]
        numbers = {y: _total([p.numbers[y] for p in parts], decimals) for y in years}
        unit, canonical, factor = parts[0].unit, parts[0].canonical_unit, parts[0].factor
    elif rule.kind in ("ratio", "average"):
        source = done[str(rule.ratio or rule.average)]
        per = "employee" if rule.kind == "average" else ctx.style.denominator
        if rule.kind == "ratio":
            # per employee in the table's own unit when it reads well ("GJ/employee",
            # "kg/employee"), else in the dimension's plain unit ("tCO2e/employee")
            dim_name = str(rule.dim)
            choice = units[dim_name]
            num = cat.units[dim_name].intensity
            assert num is not None
            plain = num.get(language) or num.en
            printed_num, factor = ((choice.en if language == "en" else choice.zh), choice.factor) if choice.per \
                else (plain, 1.0)
            den = cat.denominators[per]
            unit = f"{printed_num}/{(den.en if language == 'en' else den.zh).format(currency=currency)}"
            canonical = f"{cat.units[dim_name].canonical}/{den.canonical.format(currency=currency)}"
        else:
            factor = 1.0
        decimals = max(decimals, _decimals_for(source, per, ctx, factor))
        numbers = {y: _ratio(source, y, per, ctx, decimals, factor) for y in years}
    elif rule.kind == "factor_of":
        assert rule.factor is not None
        source = done[str(rule.factor_of)]
        rate = rng.uniform(*rule.factor)
        numbers = {
            y: None if n is None else round(source.canonical(n) * rate * rng.uniform(0.97, 1.03) / factor, decimals)
            for y, n in source.numbers.items()
        }
    elif rule.kind == "shares":
        numbers = {y: 100.0 for y in years}
    if rule.may_be_missing and len(years) > 1 and rng.random() < 0.4:
        numbers[years[0]] = None
    row = Drawn(rule, unit, canonical, factor, decimals, numbers)
    for by in rule.split:
        if rule.shares:
            row.groups += _shares(done[rule.shares], by, decimals, years)
        else:
            row.groups += _split(rng, cat, by, row, language, years, ctx.style.vary_wording)
    if rule.split_percent is not None:
        for by in rule.split_percent.by:
            row.groups += _spread(rng, cat, by, row, rule.split_percent.spread, language, years,
                                  ctx.style.vary_wording)
    return row


def _total(parts: list[float | None], decimals: int) -> float | None:
    if any(p is None for p in parts):
        return None
    return round(sum(p for p in parts if p is not None), decimals)


def _decimals_for(source: Drawn, per: str, ctx: Context, factor: float) -> int:
    """Decimals that keep three significant digits, so a check of total / denominator
    against the printed intensity is not thrown by rounding."""
    ratios = [_ratio(source, y, per, ctx, 12, factor) for y in ctx.years]
    smallest = min((r for r in ratios if r), default=1.0)
    decimals = 0
    while smallest * 10**decimals < 100 and decimals < 8:
        decimals += 1
    return decimals


def _ratio(source: Drawn, year: int, per: str, ctx: Context, decimals: int, factor: float = 1.0) -> float | None:
    """``source`` over the denominator in printed units (canonical units / ``factor``)."""
    number = source.numbers[year]
    if number is None:
        return None
    denominator = ctx.headcount[year] if per == "employee" else ctx.revenue[year]
    value = round(source.canonical(number) / denominator / factor, decimals)
    return value if value > 0 else None


def _split(
    rng: random.Random, cat: Catalogue, by: str, row: Drawn, language: str, years: tuple[int, ...], vary: bool
) -> list[tuple[str, str, str, Series]]:
    """Groups whose numbers add up to the row's numbers exactly, as printed."""
    breakdown = cat.breakdowns[by]
    groups = list(breakdown.groups)
    if breakdown.optional_last and rng.random() < 0.5:
        groups = groups[:-1]
    weights = [rng.uniform(*g.weight) for g in groups]
    wording = _wording(rng, groups, vary)
    out: list[tuple[str, str, str, Series]] = [
        (by, g.id, _label(g, language, wording), {}) for g in groups
    ]
    step = 10**row.decimals
    for y in years:
        total = row.numbers[y]
        shares = _whole_split(round(total * step), weights, rng) if total is not None else [None] * len(groups)
        for (_, _, _, series), share in zip(out, shares):
            series[y] = None if share is None else round(share / step, row.decimals)
    return out


def _shares(source: Drawn, by: str, decimals: int, years: tuple[int, ...]) -> list[tuple[str, str, str, Series]]:
    """Each group of ``source``'s breakdown ``by`` as a percentage of its total, each
    rounded on its own (so they add up to 100 to rounding, and each matches its count)."""
    groups = [g for g in source.groups if g[0] == by]
    out: list[tuple[str, str, str, Series]] = [(by, group, label, {}) for _, group, label, _ in groups]
    for y in years:
        counts = [series[y] for *_, series in groups]
        total = sum(c for c in counts if c is not None)
        if any(c is None for c in counts) or not total:
            for *_, series in out:
                series[y] = None
            continue
        for (*_, series), count in zip(out, counts):
            series[y] = round(float(count or 0) / total * 100, decimals)
    return out


def _wording(rng: random.Random, groups: Sequence[Group], vary: bool) -> int:
    """Which wording of the groups a report uses: 0 (``en``) unless it varies wording."""
    return rng.randrange(1 + min(len(g.alt) for g in groups)) if vary else 0


def _label(group: Group, language: str, wording: int) -> str:
    """The group's label: Chinese, or English in wording ``wording`` (0 is ``en``)."""
    if language != "en":
        return group.zh
    return [group.en, *group.alt][wording]


def _whole_split(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """``total`` (in the smallest printed unit) cut by ``weights`` into whole parts."""
    jitter = [w * rng.uniform(0.95, 1.05) for w in weights]
    scale = total / sum(jitter)
    parts = [int(w * scale) for w in jitter]
    parts[-1] += total - sum(parts)
    return parts


def _spread(
    rng: random.Random, cat: Catalogue, by: str, row: Drawn, spread: float, language: str, years: tuple[int, ...],
    vary: bool,
) -> list[tuple[str, str, str, Series]]:
    """One rate per group around the row's rate (rates need not add up)."""
    out = []
    groups = cat.breakdowns[by].groups
    wording = _wording(rng, groups, vary)
    for g in groups:
        series: Series = {}
        for y in years:
            base = row.numbers[y]
            series[y] = None if base is None else round(base * rng.uniform(1 - spread, 1 + spread), row.decimals)
        out.append((by, g.id, _label(g, language, wording), series))
    return out
