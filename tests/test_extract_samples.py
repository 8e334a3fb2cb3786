"""Extraction on generated sample reports: hypothesis varies layouts, units, years and
languages, and every printed figure must come back exactly (and nothing else)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings

import esgtrace
from esgtrace.samples import gold, render_pdf, render_text
from esgtrace.samples.model import ReportSpec
from esgtrace.samples.strategies import report_specs


def score(scorer: ModuleType, spec: ReportSpec, folder: Path, suffix: str) -> dict[str, object]:
    report = folder / f"report{suffix}"
    laid = render_pdf(spec, report) if suffix == ".pdf" else render_text(spec, report)
    truth = folder / "truth.yaml"
    truth.write_text(yaml.safe_dump(gold(spec, laid, report.name), allow_unicode=True), encoding="utf-8")
    pred = folder / "pred.jsonl"
    pred.write_text("".join(json.dumps(f.to_json()) + "\n" for f in esgtrace.extract(report).facts))
    result: dict[str, object] = scorer.score(str(truth), str(pred))
    return result


def misses(result: dict[str, object]) -> list[str]:
    out = [f"missed {g['metric']} {g['period']} {g.get('breakdown')} {g.get('quote')}" for g in result["missed"]]  # type: ignore[attr-defined]
    out += [f"wrong {ps[0]['metric']} {ps[0]['period']} {ps[0]['quote']}" for ps, _ in result["wrong"]]  # type: ignore[attr-defined]
    out += [f"extra {p['metric']} {p['period']} {p['quote']}" for p in result["extra"]]  # type: ignore[attr-defined]
    return out


# no shrinking: a failing report is printed whole, and shrinking a report costs minutes
_QUICK = [Phase.explicit, Phase.reuse, Phase.generate]


@settings(max_examples=20, deadline=None, phases=_QUICK, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=report_specs())
def test_every_figure_of_a_generated_text_report_comes_back(spec: ReportSpec, scorer: ModuleType, tmp_path: Path) -> None:
    result = score(scorer, spec, tmp_path, ".txt")
    assert result["precision"] == 1.0 and result["recall"] == 1.0, misses(result)


@settings(max_examples=4, deadline=None, phases=_QUICK, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=report_specs(languages=("en",)))
def test_every_figure_of_a_generated_pdf_comes_back(spec: ReportSpec, scorer: ModuleType, tmp_path: Path) -> None:
    result = score(scorer, spec, tmp_path, ".pdf")
    assert result["precision"] == 1.0 and result["recall"] == 1.0, misses(result)
