"""The truth file of a sample report, in the gold format of ``spec/GOLD_FORMAT.md``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from esgtrace.samples.layout import Laid
from esgtrace.samples.model import ProseSpec, ReportSpec, facts

_HEADER = """\
# Truth file of a synthetic ESG report written by esgtrace.samples (a fictional company).
# page: 1-based page, the same in the PDF and in the text rendering (pages split by form
#       feeds); printed_page: the page label printed in the footer.
# line: 1-based line within that page of the text rendering, as esgtrace.parse numbers it
#       (text_layout "one line per page": the line of the file, which is the page).
# quote: an exact substring of that text line, and of the PDF page's text with
#        whitespace runs collapsed to single spaces.
"""


def gold(
    spec: ReportSpec, laid: Laid, document: str, text_document: str | None = None, *, flat: bool = False
) -> dict[str, Any]:
    """The gold record of ``spec`` as laid out in ``laid``.

    :param spec: the report
    :param laid: its layout (the one the PDF and text were drawn from)
    :param document: file name of the rendered report the gold file describes
    :param text_document: file name of the text rendering, when there is one besides
    :param flat: the text rendering has one line per page (``render_text(flat=True)``):
        ``line`` is then the page's line in the file and a text-only report has no ``page``
    """
    labels = {p.number: p.label for p in laid.pages}
    text_only = document.endswith(".txt")

    def place(anchor: tuple[object, ...]) -> dict[str, Any]:
        page, line = laid.anchors[anchor]
        out: dict[str, Any] = {} if flat and text_only else {"page": page}
        if labels[page]:
            out["printed_page"] = labels[page]
        out["line"] = page if flat else line
        out["quote"] = laid.line(anchor).text
        return out

    records = []
    for fact in facts(spec):
        metric_id, breakdown = _one_group(fact.metric, fact.breakdown_dict)
        record: dict[str, Any] = {
            "metric": metric_id,
            "period": fact.period,
            "breakdown": breakdown,
            "reported_value": fact.reported_value,
            "reported_unit": fact.reported_unit,
            "value": fact.value,
            "unit": fact.unit,
            **place(fact.ref),
        }
        if fact.note:
            record["note"] = fact.note
        records.append(record)
    disclosure = []
    for i, row in enumerate(spec.index):
        where = laid.line(("index", i)).cells[-1].text
        disclosure.append({"item": row.item, "status": row.status, "where": where, **place(("index", i))})
    targets = []
    for s_index, section in enumerate(spec.sections):
        for b_index, block in enumerate(section.blocks):
            if isinstance(block, ProseSpec) and block.target is not None:
                t = block.target
                targets.append({
                    "text": block.text, "metric": t.metric, "baseline_year": t.baseline_year,
                    "target_year": t.target_year, "change": t.change, **place(("target", s_index, b_index)),
                })
    data: dict[str, Any] = {"document": document}
    if flat:
        data["text_layout"] = "one line per page"
    if text_document:
        data["text_document"] = text_document
    data.update({
        "company": spec.company,
        "report_period": f"{spec.year} ({spec.period_text})",
        "facts": records,
        "disclosure": disclosure,
        "inconsistencies": list(spec.planted),
        "targets": targets,
    })
    return data


def write_gold(data: dict[str, Any], path: str | Path) -> Path:
    """Write a gold record as YAML (UTF-8, keys in gold-format order)."""
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=None)
    Path(path).write_text(_HEADER + body, encoding="utf-8")
    return Path(path)


def _one_group(metric_id: str, breakdown: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The catalogue's metric of a figure whose whole breakdown is one group (women's share of
    the workforce is ``employees_female_share``), as extraction reports it."""
    from esgtrace.catalogue import metric

    if len(breakdown) == 1:
        (key, value), = breakdown.items()
        target = metric(metric_id).one_group.get(f"{key}={value}")
        if target:
            return target, {}
    return metric_id, breakdown
