"""The synthetic sample reports: rendering, truth files, arithmetic, planted errors."""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import esgtrace
from esgtrace import samples
from esgtrace.errors import EsgtraceError, OutputError
from esgtrace.samples.strategies import planted_specs, report_specs


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return samples.write(tmp_path_factory.mktemp("samples"), seed=0)


@pytest.fixture(scope="module")
def golds(written: list[Path]) -> list[Path]:
    return [p for p in written if p.name.endswith(".gold.yaml")]


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _collapsed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def shared(gold_dir: Path) -> Path:
    return gold_dir.parent


def _records(gold: dict) -> list[dict]:
    return gold["facts"] + gold["disclosure"] + gold["targets"]


def test_write_gives_pdf_text_and_gold_for_three_reports(written: list[Path]) -> None:
    assert len(written) == 9
    assert sorted({p.suffix for p in written}) == [".pdf", ".txt", ".yaml"]
    assert all(p.stat().st_size > 1000 for p in written)
    assert len({p.name.split(".")[0] for p in written}) == 3


def test_same_seed_same_files_other_seed_other_reports(written: list[Path], tmp_path: Path) -> None:
    again = samples.write(tmp_path / "again", seed=0)
    assert [p.name for p in again] == [p.name for p in written]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, written))
    other = samples.write(tmp_path / "other", seed=1)
    assert {p.name for p in other}.isdisjoint(p.name for p in written)


def test_pdfs_parse_with_the_laid_out_page_count(written: list[Path]) -> None:
    for spec in samples.default_specs(0):
        pages = len(samples.layout(spec).pages)
        pdf = next(p for p in written if p.name == f"{spec.name}.pdf")
        text = pdf.with_suffix(".txt")
        assert 4 <= pages <= 8
        assert esgtrace.parse(pdf).page_count == pages
        assert esgtrace.parse(text).page_count == pages


def test_every_gold_quote_is_on_its_pdf_page(golds: list[Path]) -> None:
    for path in golds:
        gold = _load(path)
        document = esgtrace.parse(path.parent / gold["document"])
        pages = [_collapsed(p.text) for p in document.pages]
        for record in _records(gold):
            assert record["quote"] in pages[record["page"] - 1], (path.name, record)
        for fact in gold["facts"]:
            assert fact["reported_value"] in fact["quote"], fact


def test_every_gold_quote_is_on_its_text_line(golds: list[Path]) -> None:
    for path in golds:
        gold = _load(path)
        document = esgtrace.parse(path.parent / gold["text_document"])
        assert document.paginated
        for record in _records(gold):
            line = document.page(record["page"]).lines[record["line"] - 1]
            assert record["quote"] in line.text, (path.name, record)


def test_chinese_report_keeps_real_chinese_text_in_the_pdf(written: list[Path]) -> None:
    pdf = next(p for p in written if p.name.endswith("_zh.pdf"))
    text = esgtrace.parse(pdf).pages[2].text
    assert "温室气体排放" in text and "吨二氧化碳当量" in text


def test_gold_files_follow_the_gold_format(golds: list[Path], shared: Path) -> None:
    metrics = {m for group in _load(shared / "spec" / "metrics.yaml").values() for m in group}
    for path in golds:
        gold = _load(path)
        assert {"document", "company", "report_period", "facts", "disclosure", "inconsistencies", "targets"} <= set(gold)
        assert gold["inconsistencies"] == []
        assert {f["metric"] for f in gold["facts"]} <= metrics
        assert len({f["metric"] for f in gold["facts"]}) >= 25
        assert {d["status"] for d in gold["disclosure"]} == {"disclosed", "explained", "not_applicable"}
        for fact in gold["facts"]:
            assert len(fact["quote"]) <= 250
            assert isinstance(fact["value"], float) and fact["unit"]


def test_gold_facts_score_f1_one_against_themselves(golds: list[Path], scorer: ModuleType, tmp_path: Path) -> None:
    for path in golds:
        predictions = tmp_path / f"{path.stem}.jsonl"
        with predictions.open("w", encoding="utf-8") as out:
            for fact in _load(path)["facts"]:
                keys = ("metric", "period", "breakdown", "value", "unit")
                out.write(json.dumps({k: fact[k] for k in keys}, ensure_ascii=False) + "\n")
        result = scorer.score(str(path), str(predictions))
        assert result["gold"] > 60
        assert result["f1"] == 1.0, path.name


def _by_key(spec: samples.ReportSpec) -> dict[tuple[str, str, tuple], float]:
    return {(f.metric, f.period, f.breakdown): f.value for f in samples.facts(spec)}


def _values(spec: samples.ReportSpec) -> dict[tuple[str, str, tuple], set[float]]:
    found: dict[tuple[str, str, tuple], set[float]] = defaultdict(set)
    for fact in samples.facts(spec):
        found[(fact.metric, fact.period, fact.breakdown)].add(fact.value)
    return found


def _assert_consistent(spec: samples.ReportSpec) -> None:
    """Totals are sums of their parts, breakdowns add up, intensities are ratios."""
    values = _by_key(spec)
    for period in spec.periods:
        def get(metric: str, breakdown: tuple = ()) -> float | None:
            return values.get((metric, period, breakdown))

        s1, s2, total = get("ghg_scope1"), get("ghg_scope2"), get("ghg_total")
        assert total == pytest.approx(s1 + s2, rel=1e-9)
        assert get("ghg_scope1_2") == total
        direct, electricity = get("energy_direct"), get("electricity_purchased")
        assert get("energy_total") == pytest.approx(direct + electricity, rel=1e-9)
        groups: dict[str, dict[str, float]] = defaultdict(dict)
        for (metric, p, breakdown), value in values.items():
            if p == period and breakdown and metric in ("employees_total", "suppliers_total", "energy_direct"):
                (by, group), = breakdown
                groups[f"{metric}/{by}"][group] = value
        assert {k.split("/")[1] for k in groups if k.startswith("employees_total")} == {"gender", "age", "region", "employment_type"}
        assert "energy_direct/fuel" in groups
        for key, parts in groups.items():
            assert sum(parts.values()) == pytest.approx(get(key.split("/")[0]), rel=1e-9), (period, key)
        shares: dict[str, dict[str, float]] = defaultdict(dict)
        for (metric, p, breakdown), value in values.items():
            if p == period and metric == "employees_share":
                (by, group), = breakdown
                shares[by][group] = value
                assert value == pytest.approx(100 * get("employees_total", breakdown) / get("employees_total"), abs=0.0501)
        for by, parts in shares.items():
            assert sum(parts.values()) == pytest.approx(100.0, abs=0.05 * len(parts) + 1e-9), (period, by)
        employees = get("employees_total")
        if spec.style.denominator == "employee":
            assert get("ghg_intensity") == pytest.approx(total / employees, rel=0.01)
            assert get("energy_intensity") == pytest.approx(get("energy_total") / employees, rel=0.01)
        assert get("training_hours_avg") == pytest.approx(get("training_hours_total") / employees, rel=0.01)


def test_sample_reports_add_up() -> None:
    for spec in samples.default_specs(0) + samples.default_specs(5):
        _assert_consistent(spec)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_specs())
def test_random_reports_add_up(spec: samples.ReportSpec) -> None:
    _assert_consistent(spec)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_specs())
def test_random_reports_quote_every_fact_on_its_text_line(spec: samples.ReportSpec) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        laid = samples.render_text(spec, path)
        gold = samples.gold(spec, laid, path.name)
        document = esgtrace.parse(path)
    assert document.page_count == len(laid.pages)
    assert len(gold["facts"]) == len(samples.facts(spec)) > 60
    for record in _records(gold):
        line = document.page(record["page"]).lines[record["line"] - 1]
        assert record["quote"] in line.text
    for fact in gold["facts"]:
        assert fact["reported_value"] in fact["quote"]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_specs())
def test_random_reports_quote_every_fact_on_its_pdf_page(spec: samples.ReportSpec) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        laid = samples.render_pdf(spec, path)
        document = esgtrace.parse(path)
    gold = samples.gold(spec, laid, path.name)
    assert document.page_count == len(laid.pages)
    pages = [_collapsed(p.text) for p in document.pages]
    for record in _records(gold):
        assert record["quote"] in pages[record["page"] - 1]


def test_a_text_only_report_has_its_own_gold_file(tmp_path: Path) -> None:
    spec = samples.build_spec(21, style=samples.Style(paragraphs=True, year_header="FY{year}", columns=3, wrap_labels=True))
    paths = samples.render(spec, tmp_path, pdf=False)
    assert [p.suffix for p in paths] == [".txt", ".yaml"]
    gold = _load(paths[-1])
    assert gold["document"] == paths[0].name and "text_document" not in gold
    document = esgtrace.parse(paths[0])
    for record in _records(gold):
        assert record["quote"] in document.page(record["page"]).lines[record["line"] - 1].text
    assert "FY2022" in paths[0].read_text(encoding="utf-8")
    assert {f["period"] for f in gold["facts"]} == {"2022", "2023", "2024"}


@pytest.mark.parametrize("pdf", [False, True])
def test_a_flat_text_rendering_quotes_each_fact_on_its_page_line(pdf: bool, tmp_path: Path) -> None:
    spec = samples.build_spec(8, style=samples.Style(language="zh", columns=3, markers="superscript"))
    paths = samples.render(spec, tmp_path, pdf=pdf, flat=True)
    gold = _load(paths[-1])
    text = paths[-2]
    assert "\f" not in text.read_text(encoding="utf-8")
    document = esgtrace.parse(text)
    assert not document.paginated
    lines = document.pages[0].lines
    assert len(lines) - 1 == len(samples.layout(spec).pages)  # the file ends with a newline
    for record in _records(gold):
        assert record["quote"] in lines[record["line"] - 1].text
        assert ("page" in record) == pdf


@pytest.mark.parametrize("kind", samples.ERROR_KINDS)
def test_a_planted_error_is_printed_and_listed(kind: str, tmp_path: Path) -> None:
    spec = samples.build_spec(11)
    planted = samples.plant_error(spec, kind, seed=3)
    assert len(planted.planted) == 1 and kind in planted.planted[0]
    before, after = _values(spec), _values(planted)
    changed = [k for k in before if before[k] != after[k]]
    assert len({k[1:] for k in changed}) == 1  # one printed figure (a row may carry two metrics)
    assert all(len(after[k]) == (2 if kind == "prose" else 1) for k in changed)
    paths = samples.render(planted, tmp_path)
    gold = _load(paths[-1])
    assert gold["inconsistencies"] == list(planted.planted)
    text = paths[1].read_text(encoding="utf-8")
    new_value = planted.planted[0].split(" printed ")[1].split(" ")[0]
    assert new_value in text


def test_set_figure_prints_any_value_where_a_fact_was(tmp_path: Path) -> None:
    spec = samples.build_spec(6, style=samples.Style(markers="paren"))
    table_fact = next(f for f in samples.facts(spec) if f.metric == "water_consumption" and f.ref[0] == "cell")
    prose_fact = next(f for f in samples.facts(spec) if f.ref[0] == "prose")
    changed = samples.set_figure(spec, table_fact, "123,456,789", 123456789.0, "water printed in litres")
    changed = samples.set_figure(changed, prose_fact, "4.2", 4.2)
    assert changed.planted == ("water printed in litres",)
    values = _values(changed)
    assert 123456789.0 in values[(table_fact.metric, table_fact.period, table_fact.breakdown)]
    assert 4.2 in values[(prose_fact.metric, prose_fact.period, prose_fact.breakdown)]
    paths = samples.render(changed, tmp_path, pdf=False)
    gold = _load(paths[-1])
    assert gold["inconsistencies"] == ["water printed in litres"]
    printed = [f for f in gold["facts"] if f["reported_value"] == "123,456,789"]
    assert [f["metric"] for f in printed] == ["water_consumption"]
    line = esgtrace.parse(paths[0]).page(printed[0]["page"]).lines[printed[0]["line"] - 1].text
    assert "123,456,789" in line and table_fact.reported_value not in line


def test_varied_wording_changes_labels_not_breakdown_ids() -> None:
    from esgtrace.samples import catalogue

    ids = {by: {g.id for g in b.groups} for by, b in catalogue.load().breakdowns.items()}
    labels = set()
    for seed in range(6):
        spec = samples.build_spec(seed, style=samples.Style(vary_wording=True))
        labels |= {row.label for row in spec.table("workforce").rows}
        for fact in samples.facts(spec):
            assert all(group in ids[by] for by, group in fact.breakdown)
    assert labels & {"Men", "Women", "Below 30", "Aged under 30", "<30"}
    plain = samples.build_spec(3, style=samples.Style())
    assert {row.label for row in plain.table("workforce").rows} >= {"Male", "Female", "Under 30", "30-50", "Over 50"}


def test_planted_totals_break_the_arithmetic() -> None:
    spec = samples.plant_error(samples.build_spec(4), "total", seed=0)
    with pytest.raises(AssertionError):
        _assert_consistent(spec)


@settings(max_examples=10, deadline=None)
@given(planted_specs())
def test_random_planted_reports_list_one_error(spec: samples.ReportSpec) -> None:
    assert len(spec.planted) == 1


def test_unknown_error_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown error kind"):
        samples.plant_error(samples.build_spec(1), "typo")


def test_a_folder_that_cannot_be_written_raises_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError) as caught:
        samples.write(blocker / "sub")
    assert isinstance(caught.value, EsgtraceError)
    assert str(caught.value).startswith(str(blocker / "sub"))


def test_the_samples_command_writes_the_files_and_fails_in_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "esgtrace", "samples", str(tmp_path / "out"), "--seed", "2"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    listed = [Path(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(listed) == 9 and all(p.is_file() for p in listed)
    (tmp_path / "file").write_text("x")
    failed = subprocess.run([sys.executable, "-m", "esgtrace", "samples", str(tmp_path / "file" / "sub")],
                            capture_output=True, text=True, check=False)
    assert failed.returncode == 2
    assert len(failed.stderr.strip().splitlines()) == 1 and "cannot write" in failed.stderr
    assert "Traceback" not in failed.stderr
