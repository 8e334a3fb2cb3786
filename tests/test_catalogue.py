"""The metric catalogue: complete against the shared vocabulary, valid, usable by other stages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from esgtrace.catalogue import breakdowns, fold_chinese, metric, metrics
from esgtrace.extract.labels import best_metric, clean_label, match_group
from esgtrace.normalise import registry


def test_every_shared_metric_id_is_in_the_catalogue(corpus: Path) -> None:
    spec = yaml.safe_load((corpus.parent / "spec" / "metrics.yaml").read_text(encoding="utf-8"))
    shared = {(group, m) for group, entries in spec.items() for m in entries}
    ours = {(m.group, m.id) for m in metrics()}
    assert shared <= ours


def test_catalogue_units_match_the_shared_vocabulary(corpus: Path) -> None:
    spec = yaml.safe_load((corpus.parent / "spec" / "metrics.yaml").read_text(encoding="utf-8"))
    for entries in spec.values():
        for metric_id, fields in entries.items():
            ours = metric(metric_id)
            assert ours.hkex == fields["hkex"], metric_id
            if ours.dimension not in ("intensity", "money", "mass_or_volume"):
                assert ours.unit == fields["unit"], metric_id


def test_metrics_are_frozen_and_complete() -> None:
    m = metric("ghg_scope1")
    with pytest.raises(ValidationError):
        m.unit = "kg"  # type: ignore[misc]
    for item in metrics():
        assert item.patterns, f"{item.id} has no label pattern"
        assert item.hkex and item.unit and item.dimension


def test_canonical_units_are_known_to_the_registry() -> None:
    ureg = registry()
    for item in metrics():
        unit = item.numerator_unit
        if item.dimension in ("mass_co2e", "mass", "energy", "volume"):
            ureg.parse_expression({"t": "tonne", "m3": "meter ** 3"}.get(unit, unit))


def test_intensities_name_their_total() -> None:
    for item in metrics():
        if item.is_intensity:
            assert item.intensity_of and not metric(item.intensity_of).is_intensity


@pytest.mark.parametrize(
    ("label", "metric_id"),
    [
        ("Scope 1 GHG emissions", "ghg_scope1"),
        ("Direct GHG emissions (Scope 1)", "ghg_scope1"),
        ("Scope 19", "ghg_scope1"),  # sunshine page 10: "Scope 1" + footnote 9
        ("Total GHG emissions(1) (Scope 1 and 2)(2)", "ghg_total"),
        ("Aim 1 – Scope 1 (direct) and Scope 2 (indirect) greenhouse gas emissions", "ghg_scope1_2"),
        ("范围一温室气体排放（直接）", "ghg_scope1"),
        ("Running water consumption per unit of revenue", "water_intensity"),
        ("Per capita hazardous waste", "hazardous_waste_intensity"),
        ("Non-hazardous waste", "non_hazardous_waste"),
        ("Total comprehensive energy consumption(1)", "energy_total"),
        ("The number of working days lost due to work injuries in 2023(1)", "lost_days_injury"),
        ("No. of suppliers by geographical region", "suppliers_total"),
        ("雇员总数", "employees_total"),
    ],
)
def test_label_patterns(label: str, metric_id: str) -> None:
    found = best_metric(clean_label(label))
    assert found is not None and found.metric.id == metric_id


@pytest.mark.parametrize(
    ("label", "key", "expected"),
    [
        ("Female", None, ("gender", "female")),
        ("女性", None, ("gender", "female")),
        ("Under 30 years old", None, ("age", "Under 30 years old")),
        ("The Mainland of China", None, ("region", "Mainland China")),
        ("International (outside China)", None, ("region", "International")),
        ("中国香港", None, ("region", "Hong Kong")),
        ("Purchased goods and services", None, ("scope3_category", "1")),
        ("Senior management", "employment_type", ("employment_type", "Senior management")),
        ("Senior management", None, ("category", "Senior management")),
        ("North America", "region", ("region", "North America")),
    ],
)
def test_breakdown_groups(label: str, key: str | None, expected: tuple[str, str]) -> None:
    assert match_group(label, key) == expected


def test_breakdown_keys_have_valid_patterns() -> None:
    vocabulary = breakdowns()
    for patterns in vocabulary.keys.values():
        for pattern in patterns:
            re.compile(pattern)
    assert {g.key for g in vocabulary.groups} <= set(vocabulary.keys)


@pytest.mark.parametrize(
    ("label", "metric_id"),
    [("範圍一溫室氣體排放", "ghg_scope1"), ("僱員總數", "employees_total"), ("無害廢棄物密度", "non_hazardous_waste_intensity")],
)
def test_traditional_chinese_labels_fold_to_the_catalogue(label: str, metric_id: str) -> None:
    found = best_metric(clean_label(label))
    assert found is not None and found.metric.id == metric_id
    assert fold_chinese(label) != label and len(fold_chinese(label)) == len(label)  # offsets kept


def test_page_kind_terms_are_lower_case() -> None:
    """``financial`` and ``esg`` terms match lower-cased page text (extract/sections.py)."""
    import re

    from esgtrace.catalogue import vocabulary

    v = vocabulary()
    for term in v.financial + v.esg:
        assert not re.search("[A-Z]", re.sub(r"\\[A-Za-z]", "", term)), term
    from esgtrace.extract.sections import financial_page

    statement = "CONSOLIDATED BALANCE SHEET Total Assets Total Liabilities Retained Earnings Net Assets Cash Flows"
    assert financial_page(statement) and not financial_page(statement.lower().replace("assets", "emissions"))
