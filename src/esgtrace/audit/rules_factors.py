"""Emission factors: the grid factor a report implies, and Scope 1 against its fuels.

Factors come from ``catalogue/emission_factors.yaml`` with their sources; nothing here
knows a number.
"""

from __future__ import annotations

from esgtrace.audit.catalogue import Country, EmissionFactors, Rule, emission_factors
from esgtrace.audit.facts import convert, fmt
from esgtrace.audit.model import Finding, Severity
from esgtrace.audit.registry import Context, finding, kind, power_of_ten
from esgtrace.audit.rules_units import year_of
from esgtrace.extract.model import Fact

_GJ_PER_MWH = 3.6


def _country(ctx: Context, factors: EmissionFactors, fact: Fact) -> Country | None:
    """The country of an electricity figure: its region, else the regions its groups name
    (all in one country), else the report's country."""
    region = fact.breakdown.get("region")
    if region:
        return factors.country(region)
    groups = ctx.index.members(fact.metric, fact.period, dict(fact.breakdown), "region")
    if groups:
        countries = {factors.country(g.breakdown["region"]) for g in groups}
        return countries.pop() if len(countries) == 1 else None
    return factors.country(ctx.country) if ctx.country else None


@kind("grid-factor")
def check_grid_factor(ctx: Context, rule: Rule) -> list[Finding]:
    """Scope 2 / purchased electricity against the country's published grid factors."""
    p = rule.params
    factors = emission_factors()
    out: list[Finding] = []
    for scope2 in [f for f in ctx.index if f.metric in p["scope2"]]:
        electricity = next(
            (x for m in p["electricity"] if (x := ctx.index.get(m, scope2.period, dict(scope2.breakdown))) is not None),
            None,
        )
        year = year_of(scope2.period)
        if electricity is None or electricity.value <= 0 or year is None:
            continue
        country = _country(ctx, factors, electricity)
        if country is None:
            continue
        usable = [g for g in country.grid if g.verified or p.get("include_unverified")]
        window = [g for g in usable if year - int(p.get("years_back", 3)) <= g.year <= year]
        if not window and usable:
            nearest = min(abs(g.year - year) for g in usable)
            window = [g for g in usable if abs(g.year - year) == nearest]
        if not window:
            continue
        s, e = ctx.index.op(scope2), ctx.index.op(electricity)
        mwh = convert(e.value, electricity.unit, "MWh", ctx.catalogue)
        mwh_half = convert(e.half_unit, electricity.unit, "MWh", ctx.catalogue)
        tonnes = convert(s.value, scope2.unit, "tCO2e", ctx.catalogue)
        if not mwh or mwh_half is None or tonnes is None:
            continue
        implied = tonnes / mwh
        low_implied = (tonnes - s.half_unit) / (mwh + mwh_half)
        high_implied = (tonnes + s.half_unit) / max(mwh - mwh_half, 1e-12)
        tol = float(p.get("relative_tolerance", 0.05))
        low = min(g.value for g in window) * (1 - tol)
        high = max(g.value for g in window) * (1 + tol)
        if high_implied >= low and low_implied <= high:
            continue
        nearest_bound = low if implied < low else high
        slip = power_of_ten(implied / nearest_bound, (1000.0, 10000.0, 1_000_000.0), 0.5)
        hint = f"; off by a factor {fmt(slip if slip > 1 else 1 / slip)}: a kWh/MWh or kg/t slip?" if slip else ""
        years = sorted({g.year for g in window})
        side = "above" if implied > high else "below"
        message = (
            f"{scope2.period}: implied grid factor {scope2.metric} / {electricity.metric} = {fmt(tonnes)} / {fmt(mwh)} = "
            f"{implied:.4f} tCO2/MWh, {side} the published {country.name} factors of {years[0]}-{years[-1]} "
            f"({min(g.value for g in window):.4f}-{max(g.value for g in window):.4f}){hint}"
        )
        out.append(
            finding(
                rule, [scope2, electricity], message, period=scope2.period, expected=nearest_bound, actual=implied,
                unit="tCO2/MWh", tolerance=tol * nearest_bound, severity=Severity.error if slip else None,
                formula=f"{fmt(tonnes)} / {fmt(mwh)} = {implied:.4f} vs [{low:.4f}, {high:.4f}]",
            )
        )
    return out


def _fuel_co2(ctx: Context, period: str, sum_over: tuple[str, ...]) -> tuple[float, float, float, float, list[Fact]]:
    """CO2 (t) and energy (MWh) of the printed fuel quantities of ``period``: low, high each."""
    co2_low = co2_high = mwh_low = mwh_high = 0.0
    used: list[Fact] = []
    for fuel in emission_factors().fuels:
        for fact in ctx.index.resolve(fuel.metric, period, {}, sum_over):
            if fact.unit != fuel.unit or fact.value <= 0:
                continue
            low_gj, high_gj = (fact.value * n for n in fuel.ncv_gj_per_unit)
            co2_low += low_gj * fuel.kg_co2_per_tj / 1e6
            co2_high += high_gj * fuel.kg_co2_per_tj / 1e6
            mwh_low += low_gj / _GJ_PER_MWH
            mwh_high += high_gj / _GJ_PER_MWH
            used.append(fact)
    return co2_low, co2_high, mwh_low, mwh_high, used


@kind("fuel-scope1")
def check_fuel_scope1(ctx: Context, rule: Rule) -> list[Finding]:
    """Scope 1 below the CO2 of the fuels (or direct energy) the report prints."""
    p = rule.params
    sum_over = tuple(p.get("sum_over", ()))
    min_factor = min(f.kg_co2_per_tj for f in emission_factors().fuels) / 1e6  # t per GJ
    out: list[Finding] = []
    for period in ctx.index.periods():
        scope1 = ctx.index.get(p["scope1"], period, {})
        if scope1 is None:
            continue
        s = ctx.index.op(scope1)
        co2_low, co2_high, _, _, fuels = _fuel_co2(ctx, period, sum_over)
        if fuels:
            floor = co2_low * (1 - float(p.get("quantity_tolerance", 0.2)))
            if s.value + s.half_unit >= floor:
                continue
            message = (
                f"{period}: {scope1.metric} {fmt(scope1.value)} tCO2e is below the CO2 of the fuels printed "
                f"({fmt(co2_low)}-{fmt(co2_high)} t at IPCC default factors)"
            )
            out.append(finding(rule, [scope1, *fuels], message, period=period, expected=co2_low, actual=scope1.value,
                               unit="tCO2e", tolerance=co2_low - floor,
                               formula=f"sum(fuel x NCV x EF) = {fmt(co2_low)}-{fmt(co2_high)} vs {fmt(scope1.value)}"))
            continue
        if not p.get("energy"):
            continue  # direct energy may include on-site renewables or biomass: off unless configured
        energy = ctx.index.resolve(p["energy"], period, {}, sum_over)
        mwh = sum(convert(f.value, f.unit, "MWh", ctx.catalogue) or 0.0 for f in energy)
        if not mwh:
            continue
        floor = mwh * _GJ_PER_MWH * min_factor * float(p.get("energy_floor", 0.5))
        if s.value + s.half_unit >= floor:
            continue
        message = (
            f"{period}: {scope1.metric} {fmt(scope1.value)} tCO2e is far below {fmt(mwh)} MWh of direct energy "
            f"x the lowest fossil-fuel factor ({fmt(mwh * _GJ_PER_MWH * min_factor)} t)"
        )
        out.append(finding(rule, [scope1, *energy], message, period=period, expected=floor, actual=scope1.value,
                           unit="tCO2e", formula=f"{fmt(mwh)} MWh x 3.6 x {min_factor * 1000:.1f} kg/GJ x {p.get('energy_floor', 0.5)} = {fmt(floor)}"))
    return out


@kind("fuel-energy")
def check_fuel_energy(ctx: Context, rule: Rule) -> list[Finding]:
    """Direct energy against fuel quantities times calorific values."""
    p = rule.params
    tol = float(p.get("relative_tolerance", 0.1))
    out: list[Finding] = []
    for period in ctx.index.periods():
        energy = ctx.index.get(p["energy"], period, {})
        if energy is None:
            continue
        _, _, low, high, fuels = _fuel_co2(ctx, period, ())
        mwh = convert(energy.value, energy.unit, "MWh", ctx.catalogue)
        if not fuels or mwh is None:
            continue
        if low * (1 - tol) <= mwh <= high * (1 + tol) or mwh > high:
            continue  # above: other fuels may be printed only as energy
        message = (
            f"{period}: {energy.metric} {fmt(mwh)} MWh is below the energy of the fuels printed "
            f"({fmt(low)}-{fmt(high)} MWh at their calorific values)"
        )
        out.append(finding(rule, [energy, *fuels], message, period=period, expected=low, actual=mwh, unit="MWh",
                           tolerance=low * tol, formula=f"sum(fuel x NCV) = {fmt(low)}-{fmt(high)} vs {fmt(mwh)}"))
    return out
