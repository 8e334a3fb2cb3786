"""``esgtrace metrics``: the metric catalogue: ids, canonical units, HKEX items, breakdown keys."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from esgtrace.cli.common import Column, fitted, out


def metrics(
    group: Annotated[Optional[str], typer.Option("--group", "-g", help="Only the metrics of this group (e.g. emissions, employment).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the metric ids facts are filed under, with unit, HKEX item, GRI codes and breakdown keys."""
    import esgtrace

    found = [m for m in esgtrace.metrics() if group is None or m.group == group]
    if group is not None and not found:
        from esgtrace.cli.common import fail
        from esgtrace.errors import UnknownChoice, nearest

        groups = sorted({m.group for m in esgtrace.metrics()})
        fail(str(UnknownChoice("metric group", group, nearest(group, groups), "groups: " + ", ".join(groups))))
    if as_json:
        print(json.dumps([{"id": m.id, "group": m.group, "unit": m.unit, "dimension": m.dimension, "hkex": m.hkex,
                           "gri": list(m.gri), "sasb": list(m.sasb), "breakdowns": list(m.breakdowns)} for m in found],
                         indent=2, ensure_ascii=False))
        return
    columns: list[Column] = [("metric", 0, {"no_wrap": True}), ("unit", 0, {"max_width": 22}), ("HKEX", 0, {"no_wrap": True}),
               ("breakdowns", 1, {"max_width": 30}), ("GRI", 2, {"max_width": 14}), ("group", 3, {})]
    rows = [[m.id, m.unit, m.hkex, ", ".join(m.breakdowns), ", ".join(m.gri), m.group] for m in found]
    out.print(fitted(columns, rows))


def register(app: typer.Typer) -> None:
    app.command()(metrics)
