"""Targets: every form of the issue, read from real report sentences and from generated ones."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import esgtrace
from esgtrace.targets import Target, TargetsResult, collect
from esgtrace.targets.evaluate import gold_metric, read_change, same_change, score

NO_FACTS = {"use_extract": False}


@pytest.fixture(scope="module")
def kingsoft(text_dir: Path) -> TargetsResult:
    return esgtrace.targets(text_dir / "kingsoft_cloud_esg_2023.txt", options=NO_FACTS)


@pytest.fixture(scope="module")
def hsbc(pdf_dir: Path) -> TargetsResult:
    return esgtrace.targets(pdf_dir / "hsbc_esg_review_2023.pdf", options=NO_FACTS)


@pytest.fixture(scope="module")
def chalco(text_dir: Path) -> TargetsResult:
    return esgtrace.targets(text_dir / "chalco_esg_2019.txt", options=NO_FACTS)


def find(result: TargetsResult, **fields: object) -> list[Target]:
    return [t for t in result.targets if all(getattr(t, k) == v for k, v in fields.items())]


def report(body: str, period: str = "2023") -> TargetsResult:
    """The targets of a small text report with ``body`` under a title page."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "example_report.txt"
        path.write_text(f"Example Holdings Limited\nSustainability Report {period}\n\n{body}\n", encoding="utf-8")
        return esgtrace.targets(path, options=NO_FACTS)


# ---- real report sentences and tables ------------------------------------------------


def test_target_table_with_progress_and_next_year(kingsoft: TargetsResult) -> None:
    # "Targets in 2023 | Progress in 2023 | Targets in 2024" / "Not higher than 1.365 1.362 (Achieved) Not higher than 1.355"
    (pue_2023,) = find(kingsoft, metric="data_center_pue", target_year=2023, boundary="Yizhuang Data Center")
    assert pue_2023.change == "<=1.365" and pue_2023.change_value == 1.365 and pue_2023.status == "achieved"
    assert pue_2023.kind == "level" and pue_2023.method == "table" and pue_2023.line == 50
    assert pue_2023.progress is not None and pue_2023.progress.computed and pue_2023.progress.met
    assert pue_2023.progress.current.value == 1.362
    (pue_2024,) = find(kingsoft, metric="data_center_pue", target_year=2024, boundary="Yizhuang Data Center")
    assert pue_2024.change == "<=1.355" and pue_2024.status is None and pue_2024.progress is None
    # the same WUE target of two data centres is two targets
    wue = find(kingsoft, subject="water usage effectiveness", target_year=2024, change="<=1.95")
    assert {t.boundary for t in wue} == {"Yizhuang Data Center", "Tianjin Yixianyuan Data Center"}
    assert all(t.pillar == "environment" and t.metric is None for t in wue)


def test_carbon_neutrality_across_operations(kingsoft: TargetsResult) -> None:
    (t,) = find(kingsoft, kind="net_zero")
    assert (t.metric, t.scope, t.target_year, t.change, t.change_value) == ("ghg_scope1_2", "Scope 1+2", 2050, "net zero", None)
    assert t.quote == "Kingsoft Could pledges to reach carbon neutrality across operation by 2050."


def test_two_net_zero_targets_in_one_sentence(hsbc: TargetsResult) -> None:
    # "become net zero in our operations and our supply chain by 2030, and align our financed emissions to net zero by 2050"
    own = find(hsbc, kind="net_zero", target_year=2030)
    financed = find(hsbc, kind="net_zero", target_year=2050)
    assert len(own) == 1 and len(financed) == 1
    assert own[0].metric == "ghg_total" and financed[0].metric == "ghg_scope3"
    assert own[0].page == 2 and "supply chain by 2030" in own[0].quote


def test_percentage_reduction_against_a_baseline(hsbc: TargetsResult) -> None:
    # "reduce our energy consumption by 50% by 2030, against a 2019 baseline, and in 2023 we achieved 26.3%"
    (t,) = find(hsbc, metric="energy_total")
    assert (t.change, t.change_value, t.target_year, t.baseline_year, t.kind) == ("-50%", -50.0, 2030, 2019, "absolute")
    assert not find(hsbc, change="26.3%")  # the result printed beside it is no target


def test_renewable_share_halve_double_and_shares(hsbc: TargetsResult) -> None:
    (renewable,) = find(hsbc, metric="renewable_energy_share")
    assert (renewable.change, renewable.kind, renewable.target_year) == ("100%", "share", 2030)
    travel = [t for t in find(hsbc, change="-50%", target_year=2030) if "travel" in t.quote]
    assert len(travel) == 1 and travel[0].metric == "ghg_scope3"  # "halve travel emissions by 2030"
    (double,) = find(hsbc, change="x2")
    assert (double.target_year, double.pillar, double.change_value) == (2025, "social", 2.0)
    (women,) = find(hsbc, metric="employees_female_share")
    assert (women.change, women.target_year) == ("35%", 2025)
    assert not find(hsbc, change="34.1%")  # "In 2023, 34.1% of senior leadership roles were occupied by women"


def test_a_pronoun_keeps_the_subject_of_the_sentence_before(hsbc: TargetsResult) -> None:
    # "... by at least 25% by 2025 and aim to reduce it by 50% by 2030"
    coal = find(hsbc, subject="coal financing and use")
    assert {(t.change, t.target_year, t.baseline_year) for t in coal} >= {("-25%", 2025, 2020), ("-50%", 2030, None)}


def test_targets_and_performance_table(chalco: TargetsResult) -> None:
    # "Indicators Unit 2019 Targets 2019 Performance" with a row per line
    table = find(chalco, method="table")
    assert [t.change for t in table] == ["2.73", "13,187.81", "405.42", "335", "1.05"]
    assert all(t.target_year == 2019 and t.metric == "energy_intensity" and t.kind == "intensity" for t in table)
    assert all(t.progress is not None and t.progress.met for t in table)
    assert table[0].progress is not None and table[0].progress.current.value == 2.45


def test_a_standing_pledge_of_zero(chalco: TargetsResult) -> None:
    (zero,) = find(chalco, change="0")
    assert zero.metric == "work_fatalities" and zero.target_year is None and zero.line == 598


def test_a_design_target_without_a_year(text_dir: Path) -> None:
    result = esgtrace.targets(text_dir / "kuaishou_esg_2020.txt", options=NO_FACTS)
    pue = find(result, metric="data_center_pue")
    assert pue and all(t.change == "<=1.2" and t.target_year is None for t in pue)


def test_a_chinese_plan(pdf_dir: Path) -> None:
    result = esgtrace.targets(pdf_dir / "ping_an_bank_sustainability_2021_zh.pdf", options=NO_FACTS)
    (t,) = result.targets
    assert (t.change, t.target_year, t.pillar, t.language, t.page) == ("+2", 2022, "social", "zh", 59)
    assert "计划在 2022 年再招聘 2" in t.quote


@pytest.mark.parametrize("name", ["kingsoft_cloud_esg_2023.txt", "chalco_esg_2019.txt", "kuaishou_esg_2020.txt"])
def test_every_quote_is_on_its_line(text_dir: Path, name: str) -> None:
    doc = esgtrace.parse(text_dir / name)
    result = esgtrace.targets(doc, options=NO_FACTS)
    assert result.targets
    lines = doc.pages[0].text.split("\n")
    for t in result.targets:
        assert t.page is None and t.line is not None and len(t.quote) <= 250
        assert t.quote in " ".join(lines[t.line - 1].split()), t


def test_every_quote_is_on_its_page(pdf_dir: Path, hsbc: TargetsResult) -> None:
    doc = esgtrace.parse(pdf_dir / "hsbc_esg_review_2023.pdf")
    for t in hsbc.targets:
        assert t.page is not None and t.quote in " ".join(doc.page(t.page).text.split()), t


def test_ids_are_stable_and_repeats_are_listed_once(hsbc: TargetsResult, pdf_dir: Path) -> None:
    assert [t.id for t in hsbc.targets] == [f"t{i}" for i in range(1, len(hsbc.targets) + 1)]
    again = esgtrace.targets(pdf_dir / "hsbc_esg_review_2023.pdf", options=NO_FACTS)
    assert [t.to_json() for t in again.targets] == [t.to_json() for t in hsbc.targets]
    reads = collect(esgtrace.parse(pdf_dir / "hsbc_esg_review_2023.pdf"))
    assert len(reads) > len(hsbc.targets)  # "net zero by 2050" is printed many times, listed once


def test_clean_report_without_targets(pdf_dir: Path) -> None:
    result = esgtrace.targets(pdf_dir / "sunshine_oilsands_esg_2019.pdf", options=NO_FACTS)
    assert result.targets == () and "no target found" in result.notes


# ---- generated sentences ---------------------------------------------------------------

SUBJECTS = {
    "Scope 1 and 2 emissions": "ghg_scope1_2",
    "energy consumption": "energy_total",
    "water consumption": "water_consumption",
    "greenhouse gas emissions": "ghg_total",
}
YEARS = st.integers(2024, 2060)
BASES = st.integers(2010, 2022)


@settings(max_examples=25, deadline=None)
@given(verb=st.sampled_from(["reduce", "cut", "lower"]), subject=st.sampled_from(sorted(SUBJECTS)),
       n=st.integers(1, 95), year=YEARS, base=BASES,
       template=st.sampled_from([
           "We aim to {verb} our {subject} by {n}% by {year} against a {base} baseline.",
           "By {year}, we will {verb} {subject} by {n}% compared with {base}.",
           "Our target is to {verb} {subject} by {n} per cent by the end of {year}, relative to {base} levels.",
       ]))
def test_generated_reductions(verb: str, subject: str, n: int, year: int, base: int, template: str) -> None:
    result = report(template.format(verb=verb, subject=subject, n=n, year=year, base=base))
    (t,) = result.targets
    assert (t.metric, t.change, t.change_value, t.target_year, t.baseline_year) == (SUBJECTS[subject], f"-{n}%", -n, year, base)


@settings(max_examples=20, deadline=None)
@given(verb=st.sampled_from(["reduced", "cut", "lowered", "decreased"]), subject=st.sampled_from(sorted(SUBJECTS)),
       n=st.integers(1, 95), year=st.integers(2015, 2023), base=BASES)
def test_generated_past_results_are_not_targets(verb: str, subject: str, n: int, year: int, base: int) -> None:
    result = report(f"In {year}, we {verb} our {subject} by {n}% compared with {base}.")
    assert result.targets == ()


@settings(max_examples=15, deadline=None)
@given(first=st.integers(2025, 2040), second=st.integers(2041, 2060),
       wording=st.sampled_from(["We target net zero in our operations by {a} and financed emissions net zero by {b}.",
                                "We are committed to carbon neutrality in our own operations by {a}, and net zero financed emissions by {b}."]))
def test_generated_several_net_zero_targets(first: int, second: int, wording: str) -> None:
    result = report(wording.format(a=first, b=second))
    assert {(t.target_year, t.metric, t.change) for t in result.targets} == {
        (first, "ghg_scope1_2", "net zero"), (second, "ghg_scope3", "net zero")}


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 30), year=st.integers(2024, 2035), base=BASES, place=st.sampled_from(["Beijing", "Shanghai", "London"]))
def test_generated_two_subjects_with_one_change(n: int, year: int, base: int, place: str) -> None:
    body = f"We will cut per capita electricity and water consumption in our {place} office by {n}% by the end of {year} compared with {base}."
    result = report(body)
    assert {(t.metric, t.kind, t.change, t.target_year, t.baseline_year, t.boundary) for t in result.targets} == {
        ("energy_intensity", "intensity", f"-{n}%", year, base, f"{place} office"),
        ("water_intensity", "intensity", f"-{n}%", year, base, f"{place} office"),
    }


@settings(max_examples=15, deadline=None)
@given(year=YEARS, share=st.integers(20, 100), place=st.sampled_from(["self-built data centres", "own data centers"]))
def test_generated_renewable_shares(year: int, share: int, place: str) -> None:
    (t,) = report(f"We aim to reach {share}% renewable electricity in {place} by {year}.").targets
    assert (t.metric, t.kind, t.change, t.change_value, t.target_year, t.boundary) == (
        "renewable_energy_share", "share", f"{share}%", share, year, place)


@settings(max_examples=15, deadline=None)
@given(year=YEARS, base=BASES, verb=st.sampled_from(["halve", "double"]),
       subject=st.sampled_from(["waste sent to landfill", "business travel emissions", "the number of volunteer hours"]))
def test_generated_halve_and_double(year: int, base: int, verb: str, subject: str) -> None:
    (t,) = report(f"We plan to {verb} {subject} by {year} compared with {base}.").targets
    assert (t.change, t.target_year, t.baseline_year) == ("-50%" if verb == "halve" else "x2", year, base)


@settings(max_examples=15, deadline=None)
@given(value=st.decimals(min_value="1.1", max_value="1.9", places=3), year=YEARS)
def test_generated_upper_bounds(value: object, year: int) -> None:
    (t,) = report(f"Our target is an annual average PUE not higher than {value} by {year}.").targets
    assert (t.metric, t.change, t.change_value, t.target_year, t.kind) == ("data_center_pue", f"<={value}", float(str(value)), year, "level")


@settings(max_examples=15, deadline=None)
@given(year=YEARS, base=BASES, n=st.integers(1, 60),
       template=st.sampled_from(["我们的目标是到{year}年实现运营碳中和。", "本集团力争于{year}年前实现运营碳中和。"]))
def test_generated_chinese_targets(year: int, base: int, n: int, template: str) -> None:
    (neutral,) = report(template.format(year=year)).targets
    assert (neutral.kind, neutral.change, neutral.target_year, neutral.metric, neutral.language) == ("net_zero", "net zero", year, "ghg_scope1_2", "zh")
    (energy,) = report(f"我们计划到{year}年将单位营业收入能耗较{base}年降低{n}%。").targets
    assert (energy.metric, energy.change, energy.target_year, energy.baseline_year) == ("energy_intensity", f"-{n}%", year, base)


def test_generated_fiscal_target_table_with_statuses() -> None:
    body = ("Indicator FY2022 Target FY2022 Status FY2023 Target\n"
            "Energy consumption per employee (kWh) 1,200 Achieved 1,150\n"
            "Water consumption per employee (m3) 25 In progress 24\n")
    result = report(body, period="FY2023")
    rows = {(t.metric, t.target_year, t.change, t.status) for t in result.targets}
    assert rows == {("energy_intensity", 2022, "1,200", "achieved"), ("energy_intensity", 2023, "1,150", None),
                    ("water_intensity", 2022, "25", "in_progress"), ("water_intensity", 2023, "24", None)}


# ---- progress from facts ----------------------------------------------------------------


def test_progress_from_the_reports_own_figures() -> None:
    body = ("Water consumption was 850 m³ in 2023 (2020: 1,000).\n\n"
            "We aim to reduce water consumption by 30% by 2030 against a 2020 baseline.\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "water_report.txt"
        path.write_text(f"Example Holdings Limited\nSustainability Report 2023\n\n{body}", encoding="utf-8")
        facts = [f for f in esgtrace.extract(path).facts if f.metric == "water_consumption"]
        assert {(f.period, f.value) for f in facts} == {("2020", 1000.0), ("2023", 850.0)}
        (t,) = esgtrace.targets(path).targets
    p = t.progress
    assert p is not None and p.computed and p.baseline is not None
    assert (p.baseline.value, p.baseline.period, p.current.value, p.current.period) == (1000.0, "2020", 850.0, "2023")
    assert p.target_value == 700.0 and p.share == 0.5 and p.met is False
    assert p.expected_now == pytest.approx(1000 - 300 * 3 / 10) and p.on_track is True  # 850 <= 910
    assert p.current.quote.startswith("Water consumption") and p.current.line == 4


# ---- the evaluator's matching -------------------------------------------------------------


def test_changes_match_within_rounding() -> None:
    assert same_change(read_change("<=1.40"), read_change("<=1.4"))
    assert same_change(read_change("-50%"), read_change("halve"))
    assert same_change(read_change("$750bn-$1tn cumulative"), read_change("$750bn-$1tn"))
    assert same_change(read_change("-3,000,000 t cumulative"), read_change("-3 million metric tons"))
    assert not same_change(read_change("-8%"), read_change("+8%"))
    assert not same_change(read_change("net zero"), read_change("0"))
    assert same_change(read_change("zero"), read_change("0"))
    assert gold_metric("ghg_total (own operations and supply chain)") == ("ghg_total", "environment")
    assert gold_metric("WUE (water usage effectiveness; no metrics.yaml id, closest water_intensity)") == (None, "environment")
    assert gold_metric("free text: postdoctoral recruitment (no metrics.yaml id)") == (None, "social")


def test_scoring_is_one_to_one(hsbc: TargetsResult) -> None:
    gold = [{"metric": "energy_total", "target_year": 2030, "change": "-50%"}] * 2
    figures, missed, _ = score(gold, find(hsbc, metric="energy_total"))
    assert figures["correct"] == 1 and len(missed) == 1
    # an id on both sides must agree; a free-text side is matched on its pillar
    figures, _, _ = score([{"metric": "water_consumption", "target_year": 2030, "change": "-50%"}], find(hsbc, metric="energy_total"))
    assert figures["correct"] == 0
    figures, _, _ = score([{"metric": "sustainable finance (no metric id)", "target_year": 2030, "change": "$750bn-$1tn"}], list(hsbc.targets))
    assert figures["correct"] == 1


def test_bad_input_is_one_line(tmp_path: Path) -> None:
    from tests.cli import run_cli

    missing = run_cli("targets", tmp_path / "nope.pdf")
    assert missing.returncode == 2 and missing.stderr.strip().count("\n") == 0 and "Traceback" not in missing.stderr
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    bad = run_cli("targets", empty)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    neither = run_cli("targets")
    assert neither.returncode == 2 and "FILE or --issuer" in neither.stderr
    both = run_cli("targets", empty, "--issuer", "x")
    assert both.returncode == 2


def test_cli_prints_json(text_dir: Path) -> None:
    import json

    from tests.cli import run_cli

    done = run_cli("targets", text_dir / "kingsoft_cloud_esg_2023.txt", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["document"] == "kingsoft_cloud_esg_2023.txt" and len(data["targets"]) >= 9
    assert {"id", "metric", "pillar", "kind", "change", "target_year", "status", "quote", "progress"} <= set(data["targets"][0])
    assert re.fullmatch(r"t\d+", data["targets"][0]["id"])
