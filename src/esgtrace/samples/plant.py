"""Plant one known inconsistency in a sample report, for tests of the audit.

The planted report prints a changed figure; its truth (gold) follows what is printed,
and ``ReportSpec.planted`` says what no longer adds up, so the gold file lists it under
``inconsistencies``.
"""

from __future__ import annotations

import random
from dataclasses import replace

from esgtrace.samples.model import FactSpec, Figure, ProseSpec, ReportSpec, TableSpec

ERROR_KINDS = ("total", "breakdown", "intensity", "prose", "magnitude")


def plant_error(spec: ReportSpec, kind: str = "total", seed: int = 0) -> ReportSpec:
    """A copy of ``spec`` with one error of ``kind`` printed in it.

    :param spec: a consistent report (from :func:`build_spec`)
    :param kind: "total" (a total is not the sum of its parts), "breakdown" (the groups
        of a breakdown do not add up to the total), "intensity" (an intensity is not
        total / denominator), "prose" (a sentence repeats a table figure wrongly) or
        "magnitude" (a figure printed 1,000 times too large)
    :param seed: picks which figure is changed
    :raises ValueError: an unknown ``kind``, or a report without a figure of that kind
    """
    if kind not in ERROR_KINDS:
        raise ValueError(f"unknown error kind {kind!r}; expected one of {', '.join(ERROR_KINDS)}")
    rng = random.Random(seed)
    if kind == "prose":
        return _prose(spec, rng)
    wanted = {"total": ("sum",), "breakdown": ("split",), "intensity": ("ratio",),
              "magnitude": ("per_employee",)}[kind]
    cells = [
        (s, b, r, c)
        for s, section in enumerate(spec.sections)
        for b, block in enumerate(section.blocks)
        if isinstance(block, TableSpec)
        for r, row in enumerate(block.rows)
        if row.kind in wanted
        for c, figure in enumerate(row.figures)
        if figure is not None
    ]
    if not cells:
        raise ValueError(f"the report has no figure to plant a {kind!r} error in")
    s, b, r, c = rng.choice(cells)
    table = spec.sections[s].blocks[b]
    assert isinstance(table, TableSpec)
    row = table.rows[r]
    old = row.figures[c]
    assert old is not None
    factor = 1000.0 if kind == "magnitude" else rng.choice((1.06, 1.09, 0.91, 1.25 if kind == "intensity" else 1.12))
    new = _changed(old, factor, kind == "breakdown", spec.style.thousands)
    figures = row.figures[:c] + (new,) + row.figures[c + 1 :]
    what = {
        "total": "no longer the sum of its parts",
        "breakdown": "the groups no longer add up to the total",
        "intensity": "no longer the total divided by the denominator",
        "magnitude": "printed 1,000 times too large",
    }[kind]
    group = f" {dict(row.breakdown)}" if row.breakdown else ""
    note = (f"planted ({kind}): {row.metrics[0]}{group} {table.periods[c]} printed {new.printed} "
            f"instead of {old.printed}: {what} (table '{table.title}', row '{row.label}')")
    rows = table.rows[:r] + (replace(row, figures=figures),) + table.rows[r + 1 :]
    return _swap(spec, s, b, replace(table, rows=rows), note)


def set_figure(spec: ReportSpec, fact: FactSpec, printed: str, value: float, note: str = "") -> ReportSpec:
    """A copy of ``spec`` printing ``printed`` (worth ``value`` in canonical units) where
    ``fact`` was printed, for errors :func:`plant_error` does not make.

    :param spec: the report
    :param fact: one of ``facts(spec)``; its ``ref`` says where the figure is
    :param printed: the number as it is to be printed
    :param value: its value in the fact's canonical unit
    :param note: what is now wrong, listed in ``spec.planted`` (nothing when empty)
    """
    new = Figure(printed, value)
    planted = (note,) if note else ()
    ref = tuple(fact.ref)
    if ref[0] == "prose":
        s, b = int(ref[1]), int(ref[2])
        block = spec.sections[s].blocks[b]
        assert isinstance(block, ProseSpec) and block.figure is not None
        changed: TableSpec | ProseSpec = replace(block, figure=replace(new, marker=block.figure.marker))
    else:
        key, r, c = ref[1], int(ref[2]), int(ref[3])
        s, b = next((s, b) for s, section in enumerate(spec.sections) for b, block in enumerate(section.blocks)
                    if isinstance(block, TableSpec) and block.key == key)
        table = spec.sections[s].blocks[b]
        assert isinstance(table, TableSpec)
        row = table.rows[r]
        old = row.figures[c]
        figures = row.figures[:c] + (replace(new, marker=old.marker if old else ""),) + row.figures[c + 1 :]
        changed = replace(table, rows=table.rows[:r] + (replace(row, figures=figures),) + table.rows[r + 1 :])
    result = _swap(spec, s, b, changed, "")
    return replace(result, planted=spec.planted + planted)


def _prose(spec: ReportSpec, rng: random.Random) -> ReportSpec:
    in_tables = {row.key for section in spec.sections for block in section.blocks
                 if isinstance(block, TableSpec) for row in block.rows if row.kind != "split"}
    choices = [
        (s, b) for s, section in enumerate(spec.sections) for b, block in enumerate(section.blocks)
        if isinstance(block, ProseSpec) and block.figure is not None and block.row in in_tables
    ]
    if not choices:
        raise ValueError("the report has no sentence repeating a table figure")
    s, b = rng.choice(choices)
    block = spec.sections[s].blocks[b]
    assert isinstance(block, ProseSpec) and block.figure is not None
    new = _changed(block.figure, rng.choice((1.1, 0.9, 1.2)), False, spec.style.thousands)
    note = (f"planted (prose): {block.metrics[0]} {block.period} printed {new.printed} in the text "
            f"but {block.figure.printed} in the table")
    return _swap(spec, s, b, replace(block, figure=new), note)


def _swap(spec: ReportSpec, s: int, b: int, block: TableSpec | ProseSpec, note: str) -> ReportSpec:
    section = spec.sections[s]
    blocks = section.blocks[:b] + (block,) + section.blocks[b + 1 :]
    sections = spec.sections[:s] + (replace(section, blocks=blocks),) + spec.sections[s + 1 :]
    return replace(spec, sections=sections, planted=spec.planted + (note,))


def _changed(figure: Figure, factor: float, whole_step: bool, thousands: bool) -> Figure:
    """``figure`` scaled by ``factor`` (or moved by a whole unit or more), printed alike."""
    text = figure.printed.replace(",", "")
    decimals = len(text.split(".")[1]) if "." in text else 0
    number = float(text)
    changed = number + max(1, round(number * 0.05)) if whole_step else round(number * factor, decimals)
    if changed == number:
        changed = number + 10.0 ** -decimals
    printed = f"{changed:,.{decimals}f}" if thousands else f"{changed:.{decimals}f}"
    scale = figure.value / number if number else 1.0
    return Figure(printed, round(changed * scale, 6), figure.marker)

