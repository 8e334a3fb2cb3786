"""Audit rules on real report lines: the figures of the gold files, as printed in the reports.

Each test names the report and the line or page the figures come from. Inconsistencies
the analysts found must be reported; the checks they found to pass (rounding only) must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import esgtrace
from esgtrace.audit import AuditOptions, Finding, check
from esgtrace.audit.catalogue import catalogue, emission_factors
from esgtrace.audit.evaluate import gold_facts
from esgtrace.audit.facts import printed_number
from esgtrace.audit.registry import KINDS
from esgtrace.extract.model import Fact


@pytest.fixture(scope="module")
def kingsoft(gold_dir: Path) -> list[Fact]:
    return gold_facts(gold_dir / "kingsoft_cloud_esg_2023.yaml")


@pytest.fixture(scope="module")
def kuaishou(gold_dir: Path) -> list[Fact]:
    return gold_facts(gold_dir / "kuaishou_esg_2020.yaml")


@pytest.fixture(scope="module")
def sunshine(gold_dir: Path) -> list[Fact]:
    return gold_facts(gold_dir / "sunshine_oilsands_esg_2019.yaml")


def rules_of(findings: tuple[Finding, ...]) -> set[str]:
    return {f.rule for f in findings}


def edited(facts: list[Fact], metric: str, period: str, breakdown: dict[str, str], reported: str, value: float) -> list[Fact]:
    """``facts`` with one printed figure changed (a planted error on a real report)."""
    out, hit = [], False
    for fact in facts:
        if fact.metric == metric and fact.period == period and fact.breakdown == breakdown and not hit:
            fact = fact.model_copy(update={"reported_value": reported, "value": value})
            hit = True
        out.append(fact)
    assert hit, f"no {metric} {period} {breakdown} in the gold facts"
    return out


# ---------------- the catalogue ----------------

def test_every_rule_names_a_registered_kind_and_explains_itself() -> None:
    for rule in catalogue().rules:
        assert rule.kind in KINDS, rule.id
        assert len(rule.explanation) > 40 and rule.formula, rule.id


def test_every_emission_factor_has_a_source() -> None:
    factors = emission_factors()
    assert factors.country("PRC") is not None and factors.country("china").name == "China"
    for country in factors.countries:
        for factor in country.grid:
            assert factor.source and 0.05 < factor.value < 1.5
    for fuel in factors.fuels:
        low, high = fuel.ncv_gj_per_unit
        assert fuel.source and 0 < low <= high


@pytest.mark.parametrize(
    ("printed", "number", "decimals"),
    [("59,007.89", 59007.89, 2), ("38%", 38.0, 0), ("$1,000,000", 1e6, 0), ("0.000007", 7e-6, 6), ("seven", None, None)],
)
def test_printed_precision(printed: str, number: float | None, decimals: int | None) -> None:
    parsed = printed_number(printed)
    assert (parsed is None) == (number is None)
    if parsed is not None:
        assert parsed == (number, decimals)


# ---------------- Kingsoft Cloud ESG 2023 (text, line 58 tables, line 46 HR statistics) ----------------

def test_kingsoft_line58_sums_and_intensities_pass(kingsoft: list[Fact]) -> None:
    result = check(kingsoft, {"country": "China"})
    quiet = {"scope1-plus-scope2", "scopes-sum-to-total", "scope3-categories", "energy-direct-plus-indirect",
             "indirect-energy-components", "implied-denominator", "breakdown-sums-to-total", "share-matches-counts"}
    assert not rules_of(result.findings) & quiet


def test_kingsoft_line46_training_hours_do_not_weight_to_the_overall_average(kingsoft: list[Fact]) -> None:
    result = check(kingsoft, {"country": "China", "rules": ("weighted-average",)})
    (finding,) = result.findings
    assert finding.actual == pytest.approx(16.88)
    assert finding.expected == pytest.approx((6923 * 22.15 + 3570 * 7.45) / 10493)
    assert {"training_hours_avg", "employees_total"} <= set(finding.metrics)
    assert all(f.line == 46 for f in finding.facts)


def test_kingsoft_line58_hazardous_waste_drop_is_flagged(kingsoft: list[Fact]) -> None:
    result = check(kingsoft, {"rules": ("yoy-change",)})
    assert [f.metrics for f in result.findings] == [("hazardous_waste",)]
    assert result.findings[0].relative == pytest.approx(0.049 / 0.897 - 1)


def test_kingsoft_line53_green_power_in_kwh_is_flagged(kingsoft: list[Fact]) -> None:
    result = check(kingsoft, {"rules": ("tiny-share",)})
    assert [f.metrics[0] for f in result.findings] == ["electricity_renewable"]


def test_kingsoft_line58_implied_grid_factor(kingsoft: list[Fact]) -> None:
    result = check(kingsoft, {"country": "China", "rules": ("grid-factor",)})
    (finding,) = result.findings
    assert finding.period == "2023"
    assert finding.actual == pytest.approx(58941.32 / 82016.78)
    assert check(kingsoft, {"rules": ("grid-factor",)}).findings == ()  # no country, no factors


def test_kingsoft_scope2_changed_is_caught_by_the_sum(kingsoft: list[Fact]) -> None:
    changed = edited(kingsoft, "ghg_scope2", "2023", {}, "59,941.32", 59941.32)
    findings = check(changed, {"country": "China"}).findings
    sums = [f for f in findings if f.rule == "scope1-plus-scope2"]
    assert sums and sums[0].difference == pytest.approx(-1000.0)
    assert sums[0].tolerance == pytest.approx(0.015)


def test_kingsoft_headcount_group_changed_by_one_is_caught(kingsoft: list[Fact]) -> None:
    changed = edited(kingsoft, "employees_total", "2023", {"gender": "female"}, "3,571", 3571)
    findings = [f for f in check(changed).findings if f.rule == "breakdown-sums-to-total"]
    assert findings and findings[0].severity.value == "error"
    assert findings[0].tolerance == 0  # whole counts of people are exact


def test_kingsoft_energy_intensity_off_by_1000_names_a_unit_slip(kingsoft: list[Fact]) -> None:
    changed = edited(kingsoft, "energy_intensity", "2023", {}, "11,670", 11670.0)
    findings = [f for f in check(changed).findings if f.rule == "implied-denominator"]
    assert findings and "unit slip" in findings[0].message and findings[0].severity.value == "error"


# ---------------- Kuaishou ESG 2020 (text, lines 1038-1176) ----------------

def test_kuaishou_lines_1132_1144_indirect_energy_does_not_add_up(kuaishou: list[Fact]) -> None:
    result = check(kuaishou, {"rules": ("indirect-energy-components",)})
    (finding,) = result.findings
    assert finding.expected == pytest.approx(715200.83 + 20256.68 / 3.6)
    assert finding.difference == pytest.approx(721117.23 - 715200.83 - 20256.68 / 3.6)
    assert {f.line for f in finding.facts} == {1132, 1140, 1144}
    assert "1 GJ = 0.2778 MWh" in finding.explanation


def test_kuaishou_line1156_total_energy_rounding_is_not_an_error(kuaishou: list[Fact]) -> None:
    # 13,543.85 + 721,117.23 = 734,661.08 against a printed 734,661.07
    assert check(kuaishou, {"rules": ("energy-direct-plus-indirect",)}).findings == ()


def test_kuaishou_per_capita_figures_imply_the_printed_headcount(kuaishou: list[Fact]) -> None:
    result = check(kuaishou, {"rules": ("implied-denominator", "printed-denominator")})
    assert result.findings == ()


def test_kuaishou_headcount_misprinted_is_caught(kuaishou: list[Fact]) -> None:
    changed = [f for f in kuaishou if not (f.metric == "employees_total" and f.line != 214)]
    changed = edited(changed, "employees_total", "2020", {}, "24,499", 24499)
    findings = check(changed, {"rules": ("printed-denominator",)}).findings
    assert findings and findings[0].expected == 24499


# ---------------- Sunshine Oilsands ESG 2019 (PDF, pages 8-15) ----------------

def test_sunshine_page10_and_page13_rounding_passes(sunshine: list[Fact]) -> None:
    result = check(sunshine)
    assert result.by_severity("error") == ()
    assert not rules_of(result.findings) & {"scopes-sum-to-total", "energy-direct-plus-indirect", "implied-denominator"}


def test_sunshine_page8_so2_row_in_kg_is_reported_as_mixed_units(sunshine: list[Fact]) -> None:
    findings = check(sunshine, {"rules": ("mixed-units",)}).findings
    assert {f.metrics[0] for f in findings} == {"sox_emissions"}
    assert all(f.severity.value == "info" for f in findings)


def test_sunshine_page8_so2_kg_row_read_as_tonnes_is_an_error(sunshine: list[Fact]) -> None:
    changed = edited(sunshine, "sox_emissions", "2019", {"source": "mobile combustion"}, "0.809", 809.0)
    findings = [f for f in check(changed).findings if f.rule == "breakdown-sums-to-total"]
    assert findings and "sox_emissions" in findings[0].metrics and findings[0].severity.value == "error"


def test_sunshine_page9_stationary_pm_doubling(sunshine: list[Fact]) -> None:
    findings = check(sunshine, {"rules": ("yoy-change",)}).findings
    assert [(f.metrics, f.facts[0].breakdown) for f in findings] == [
        (("particulate_emissions",), {"source": "stationary combustion"})
    ]


def test_sunshine_page10_round_97000(sunshine: list[Fact]) -> None:
    (finding,) = check(sunshine, {"rules": ("round-estimate",)}).findings
    assert finding.facts[0].reported_value == "97,000.00"


def test_sunshine_hong_kong_electricity_is_not_held_to_china_factors(sunshine: list[Fact]) -> None:
    assert check(sunshine, {"country": "China", "rules": ("grid-factor",)}).findings == ()


# ---------------- the API ----------------

def test_check_is_exported_with_its_options() -> None:
    assert esgtrace.check is check and esgtrace.AuditOptions is AuditOptions


def test_options_name_the_bad_setting(kingsoft: list[Fact]) -> None:
    with pytest.raises(esgtrace.EsgtraceError, match="min_severity"):
        check(kingsoft, {"min_severity": "fatal"})


def test_min_severity_and_json(kingsoft: list[Fact]) -> None:
    result = check(kingsoft, {"country": "China", "min_severity": "warning"})
    assert result.findings and all(f.severity.value != "info" for f in result.findings)
    data = result.to_json()
    assert data["status"] == "warning" and data["findings"][0]["facts"][0]["quote"]


def test_restated_value_across_reports(kingsoft: list[Fact]) -> None:
    later = [f.model_copy(update={"document": "later.txt", "period": f.period}) for f in kingsoft if f.metric == "ghg_scope1"]
    later = edited(later, "ghg_scope1", "2022", {}, "55.43", 55.43)
    later = [f.model_copy(update={"period": "2024"}) if f.period == "2023" else f for f in later]
    findings = check([*kingsoft, *later], {"rules": ("restated-value",)}).findings
    assert [(f.rule, f.period, f.actual) for f in findings] == [("restated-value", "2022", 55.43)]


# ---------------- disclosure claims (needs the report's text and its content index) ----------------

def _with_text(facts: list[Fact], path: Path) -> tuple[Finding, ...]:
    from esgtrace.audit.engine import audit_facts

    rules = ("index-claim-unquantified", "index-claim-incomplete", "index-omission-disclosed")
    return audit_facts(facts, AuditOptions(rules=rules), {facts[0].document: esgtrace.parse(path)}).findings


def test_kuaishou_index_lines_1470_1519_claims_without_figures(kuaishou: list[Fact], text_dir: Path) -> None:
    findings = _with_text(kuaishou, text_dir / "kuaishou_esg_2020.txt")
    items = {f.message.split(":")[0]: f.rule for f in findings}
    assert items.get("A1.1") == "index-claim-unquantified"  # no air pollutant figure at all
    assert items.get("B2.1") == "index-claim-incomplete"  # "no fatal accident", but no rate
    assert items.get("B6.2") == "index-claim-incomplete" and items.get("B1.1") == "index-claim-incomplete"
    assert "B3.1" in items and "B3.2" in items  # marked '/', yet 100% trained and ~20 hours stated
    assert "A1.2" not in items and "A2.2" not in items  # GHG and water figures are printed


def test_kingsoft_index_lines_67_69_claims_without_figures(kingsoft: list[Fact], text_dir: Path) -> None:
    findings = _with_text(kingsoft, text_dir / "kingsoft_cloud_esg_2023.txt")
    items = {f.message.split(":")[0] for f in findings}
    assert {"A1.1", "A2.1", "B2.1", "B8.2"} <= items
    assert not items & {"A1.2", "A1.3", "A1.4", "A2.2", "B1.1", "B5.1"}


def test_kingsoft_figure_restated_differently_in_prose_is_a_conflict(kingsoft: list[Fact]) -> None:
    from esgtrace.extract.model import Source

    def with_source(method: str, value: float) -> list[Fact]:
        source = Source(line=7, quote=f"the proportion of female employees was {value}%", method=method, value=value)
        return [f.model_copy(update={"sources": [source]}) if f.metric == "employees_female_share" and not f.breakdown and f.line == 38 else f
                for f in kingsoft]

    (finding,) = check(with_source("prose", 36.02), {"rules": ("conflicting-values",)}).findings
    assert finding.expected == pytest.approx(34.02) and finding.actual == pytest.approx(36.02)
    assert finding.location.startswith("l.7")
    assert check(with_source("prose", 34.0), {"rules": ("conflicting-values",)}).findings == ()  # printed "34.0"
    assert check(with_source("table", 36.02), {"rules": ("conflicting-values",)}).findings == ()  # likely a misread row


@pytest.mark.parametrize(
    ("report", "country"),
    [("text/kingsoft_cloud_esg_2023.txt", "China"), ("text/kuaishou_esg_2020.txt", "China"),
     ("pdf/sunshine_oilsands_esg_2019.pdf", "Canada")],
)
def test_report_country_is_detected_from_its_text(corpus: Path, report: str, country: str) -> None:
    from esgtrace.audit.engine import detect_country

    assert detect_country(esgtrace.parse(corpus / report)) == country


def _waste_report(tmp_path: Path, sentence: str) -> tuple[list[Fact], dict[str, esgtrace.Document]]:
    path = tmp_path / "waste.txt"
    path.write_text(f"Environmental data\nHazardous waste (tonnes) 0.049 0.897\n{sentence}\n", encoding="utf-8")
    facts = [
        Fact(document="waste.txt", sha256="x", metric="hazardous_waste", period=year, value=value, unit="t",
             reported_value=printed, reported_unit="tonnes", line=2, quote="Hazardous waste (tonnes) 0.049 0.897")
        for year, value, printed in (("2023", 0.049, "0.049"), ("2022", 0.897, "0.897"))
    ]
    return facts, {"waste.txt": esgtrace.parse(path)}


def test_yoy_change_explained_next_to_the_figure_is_not_flagged(tmp_path: Path) -> None:
    from esgtrace.audit.engine import audit_facts

    options = AuditOptions(rules=("yoy-change",))
    facts, docs = _waste_report(tmp_path, "Hazardous waste decreased mainly because used batteries were replaced in 2022.")
    assert audit_facts(facts, options, docs).findings == ()
    facts, docs = _waste_report(tmp_path, "We recycle paper and plastics in all offices.")
    (finding,) = audit_facts(facts, options, docs).findings
    assert "no explanation found" in finding.message


def test_kingsoft_scope2_read_as_megatonnes_is_a_unit_slip(kingsoft: list[Fact]) -> None:
    # "MtCO2e" used for metric tonnes, read as 10^6 t
    changed = edited(kingsoft, "ghg_scope2", "2022", {}, "35,796.91", 35796.91e6)
    findings = check(changed, {"country": "China", "rules": ("grid-factor",)}).findings
    slip = [f for f in findings if f.period == "2022"]
    assert slip and slip[0].severity.value == "error" and "slip" in slip[0].message


def test_kuaishou_lines_1110_1116_fuels_hold_scope1_and_direct_energy(kuaishou: list[Fact]) -> None:
    # natural gas 273,431.40 m3 + diesel 892.32 t: about 3,300-3,450 tCO2 and 13,100-13,600 MWh
    base = next(f for f in kuaishou if f.metric == "ghg_total")
    scope1 = base.model_copy(update={"metric": "ghg_scope1", "reported_value": "0.34", "value": 3400.0})
    assert check([*kuaishou, scope1], {"rules": ("fuel-scope1", "fuel-energy")}).findings == ()
    low = scope1.model_copy(update={"reported_value": "0.034", "value": 340.0})
    (finding,) = check([*kuaishou, low], {"rules": ("fuel-scope1",)}).findings
    assert {"natural_gas", "diesel"} <= set(finding.metrics) and finding.expected == pytest.approx(3324, rel=0.01)
    direct = edited(kuaishou, "energy_direct", "2020", {}, "1,354.39", 1354.39)
    assert [f.rule for f in check(direct, {"rules": ("fuel-energy",)}).findings] == ["fuel-energy"]


def test_shares_over_100_and_negative_quantities(kingsoft: list[Fact]) -> None:
    changed = edited(kingsoft, "turnover_rate", "2023", {"gender": "male"}, "150.5", 150.5)
    changed = edited(changed, "water_consumption", "2023", {}, "-147,188.78", -147188.78)
    findings = check(changed, {"rules": ("value-bounds",)}).findings
    assert sorted(f.metrics[0] for f in findings) == ["turnover_rate", "water_consumption"]


def test_kingsoft_line46_breakdowns_that_agree_against_a_misread_total_give_one_finding(kingsoft: list[Fact]) -> None:
    # a total read from the wrong row (44 employees with disabilities) against gender, age and region
    changed = edited(kingsoft, "employees_total", "2023", {}, "44", 44)
    findings = check(changed, {"rules": ("breakdown-sums-to-total",)}).findings
    merged = [f for f in findings if "agree on" in f.message]
    assert len(merged) == 1 and "gender, age, region" in merged[0].message
    assert merged[0].expected == 10493 and merged[0].actual == 44
    assert [f.message.split(":")[0] for f in findings if f not in merged] == ["employees_total 2023 by employment_type"]


def test_every_rule_is_listed_in_the_readme() -> None:
    from tests.conftest import ROOT

    text = (ROOT / "README.md").read_text(encoding="utf-8").split("### `esgtrace check", 1)[1].split("\n### ", 1)[0]
    missing = [rule.id for rule in catalogue().rules if f"`{rule.id}`" not in text]
    assert not missing, f"README's check section does not list {missing}"


def _shares(template: Fact, rows: list[tuple[dict[str, str], float]]) -> list[Fact]:
    return [template.model_copy(update={"metric": "employees_share", "period": "2023", "breakdown": b, "value": v,
                                        "reported_value": f"{v:g}", "unit": "%", "reported_unit": "%"})
            for b, v in rows]


def test_shares_of_another_group_are_not_summed_across_it(kingsoft: list[Fact]) -> None:
    # "Hispanic men 42% of service workers, 34% of labourers": shares of each category, not of the whole
    within = _shares(kingsoft[0], [({"category": "Service Workers", "gender": "male"}, 42.0),
                                   ({"category": "Laborers", "gender": "male"}, 34.0),
                                   ({"category": "Operatives", "gender": "male"}, 60.0)])
    assert "shares-sum-to-100" not in rules_of(check(within).findings)
    # the same split of the whole, or of one region, is held to 100%
    whole = _shares(kingsoft[0], [({"gender": "male"}, 70.0), ({"gender": "female"}, 40.0)])
    assert "shares-sum-to-100" in rules_of(check(whole).findings)
    region = _shares(kingsoft[0], [({"gender": "male", "region": "Asia"}, 70.0), ({"gender": "female", "region": "Asia"}, 40.0)])
    assert "shares-sum-to-100" in rules_of(check(region).findings)
