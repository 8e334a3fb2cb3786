"""Target clauses of common forms, each in a sentence made up for the test: a range of shares, an object with
"of" before its figure, a share someone is "to hold", a list of verb clauses sharing one
year, an operations boundary named with another ("network and operations"), a baseline in
a fiscal year, zero of a thing (flaring, deforestation, landfill waste), energy efficiency
as an intensity, a level per square metre of CO2e; and KPI tables whose last column is
"Target" (a row's last cell prints the target and its year)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import esgtrace
from esgtrace.targets import Target

NO_FACTS = {"use_extract": False}


def read(body: str, period: str = "2021") -> list[Target]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "example_report.txt"
        path.write_text(f"Example Holdings Limited\nSustainability Report {period}\n\n{body}\n", encoding="utf-8")
        return list(esgtrace.targets(path, options=NO_FACTS).targets)


def brief(body: str) -> list[tuple[str, str, int | None]]:
    return [(t.about, t.change, t.target_year) for t in read(body)]


def test_object_with_of_before_the_figure() -> None:
    found = read("We have set a target to reduce the waste intensity of our plants 20% by 2030 compared to a 2015 baseline.")
    assert [(t.metric, t.change, t.target_year, t.baseline_year) for t in found] == [("non_hazardous_waste_intensity", "-20%", 2030, 2015)]


def test_share_to_hold() -> None:
    assert brief("Our target is for women to hold 45% of senior leadership roles by 2028.") == [("employees_female_share", "45%", 2028)]


def test_list_of_verb_clauses_shares_the_year_at_its_end() -> None:
    found = brief("The group is committed to cutting carbon emissions by at least 40%, increasing energy efficiency by 20% "
                  "and raising the share of renewable electricity to 60% by 2030.")
    assert found == [("ghg_total", "-40%", 2030), ("energy_intensity", "+20%", 2030), ("renewable_energy_share", "60%", 2030)]


def test_a_past_clause_does_not_take_the_year() -> None:
    found = brief("We reduced carbon emissions by 12%, and aim at increasing the share of renewable electricity to 60% by 2030.")
    assert found == [("renewable_energy_share", "60%", 2030)]


def test_operations_named_with_another_part() -> None:
    (target,) = read("Our target is to cut our emissions by 45% across our fleet and operations by 2028.")
    assert target.metric == "ghg_scope1_2" and target.change == "-45%"


def test_baseline_in_a_fiscal_year() -> None:
    (target,) = read("We target a 40 percent emissions reduction by fiscal year 2030 relative to our fiscal year 2018 emissions.")
    assert (target.change, target.target_year, target.baseline_year) == ("-40%", 2030, 2018)


def test_zero_of_more_things() -> None:
    assert brief("We aim for zero routine flaring in our upstream assets by 2027.") == [("gas flaring", "0", 2027)]
    assert brief("Our goal is zero deforestation in our cocoa supply chain by 2026.") == [("deforestation", "0", 2026)]
    assert [c for _, c, _ in brief("We aim to achieve zero landfill waste at all plants by 2026.")] == ["0"]


def test_level_in_kg_co2e_per_square_metre() -> None:
    (target,) = read("We will reduce the carbon intensity of the residential portfolio in our home market to 25 kg CO2e per m² of floor area by 2035.")
    assert (target.metric, target.change, target.target_year) == ("ghg_intensity", "25 kg CO2e per m²", 2035)


def test_kpi_table_with_a_target_column() -> None:
    table = ("Key performance indicators\n"
             "2019 2020 2021 2022 Target\n"
             "Scope 1 and 2 emissions (Scope 1+2) (thousand tonnes CO2e) 12.1 11.4 10.9 10.2 Net zero 2040\n"
             "Solar capacity installed (MW) 5 8 13 21 150 MW 2030\n"
             "Share of renewable\nelectricity (%) 10 12 15 18 80% 2030\n"
             "Employees (number) 1,200 1,260 1,300 1,350 Headquarters\n"
             "\n")
    found = {(t.about, t.change, t.target_year) for t in read(table, period="2022")}
    assert found == {("ghg_scope1_2", "net zero", 2040), ("Solar capacity installed", "150 MW", 2030),
                     ("renewable_energy_share", "80%", 2030)}


def test_target_of_a_figure_after_a_change_by_a_percentage_is_that_change() -> None:
    found = read("Since 2016, we have lowered water use by 28%, surpassing our 2025 target of 25%.")
    assert [(t.change, t.target_year) for t in found] == [("-25%", 2025)]
    # after a share reached, the target is a share
    found = read("We raised the share of renewable electricity to 65%, ahead of our 2025 target of 60%.")
    assert [(t.change, t.target_year) for t in found] == [("60%", 2025)]


def test_re100() -> None:
    assert brief("We aim to achieve RE100 across our operations by 2028.") == [("renewable_energy_share", "100%", 2028)]
    # a membership is no pledge of its own
    assert brief("We joined RE100 in 2019 and aim to source 90% renewable electricity by 2026.") == [("renewable_energy_share", "90%", 2026)]


def test_freshwater_is_water() -> None:
    (target,) = read("Reduce freshwater withdrawal by 15% by 2027 from a 2019 baseline.")
    assert (target.metric, target.change, target.target_year, target.baseline_year) == ("water_consumption", "-15%", 2027, 2019)


def test_by_a_fraction() -> None:
    assert [c for _, c, _ in brief("We will reduce virgin plastic in our packaging by one-third by 2026.")] == ["-33.3%"]
    assert [c for _, c, _ in brief("We aim to cut food waste by a quarter by 2027.")] == ["-25%"]
    assert [c for _, c, _ in brief("We aim to cut our carbon emissions by half by 2030.")] == ["-50%"]


def test_target_year_before_a_colon() -> None:
    assert brief("Target 2030: 55% reduction of absolute Scope 1 & 2 GHG emissions.") == [("ghg_scope1_2", "-55%", 2030)]


def test_chinese_share_due_in_a_year() -> None:
    assert brief("到2026年，可再生能源使用比例达到60%。") == [("renewable_energy_share", "60%", 2026)]


def test_chinese_goal_year_after_a_colon_and_a_floor() -> None:
    assert brief("目标：2026年女性管理者占比不低于35%。") == [("employees_female_share", ">=35%", 2026)]


def test_chinese_per_ten_thousand_yuan_is_an_intensity() -> None:
    assert brief("2026年目标：万元产值综合能耗降低12%。") == [("energy_intensity", "-12%", 2026)]


def test_a_range_of_shares() -> None:
    assert [(c, y) for _, c, y in brief("These launches will enable electric models to represent 30% to 45% of annual sales by 2030.")] == [("30-45%", 2030)]
    assert [(c, y) for _, c, y in brief("We aim to source 60-70% of our electricity from renewable sources by 2028.")] == [("60-70%", 2028)]
