"""Normalise: printed numbers and units into a metric's canonical unit.

>>> from esgtrace.normalise import normalise
>>> normalise("69.44", "ten thousand tons", "ghg_total").value
694400.0
>>> normalise("48,211.05(3)", "tCO2e", "ghg_scope1_2").value
48211.05

The pieces are public too: :func:`parse_number` reads a printed figure, :func:`read_unit`
a printed unit (the audit uses it for magnitude checks), :func:`convert` converts.
"""

from __future__ import annotations

from dataclasses import dataclass

from esgtrace.catalogue import metric as _metric
from esgtrace.normalise.numbers import Number, not_reported, parse_number, strip_glued_footnote
from esgtrace.normalise.units import (
    Converted,
    UnitReading,
    canonical_unit,
    convert,
    plausible_max,
    read_unit,
    registry,
)

__all__ = [
    "normalise",
    "Normalised",
    "parse_number",
    "not_reported",
    "strip_glued_footnote",
    "read_unit",
    "convert",
    "registry",
    "Number",
    "UnitReading",
    "Converted",
]


@dataclass(frozen=True, slots=True)
class Normalised:
    """A printed figure in its metric's canonical unit.

    :param value: in ``unit``
    :param unit: canonical unit label (an intensity keeps its denominator)
    :param reported_value: the digits as printed
    :param notes: footnotes removed, unit assumptions
    """

    value: float
    unit: str
    reported_value: str
    notes: tuple[str, ...] = ()


_NEVER_NEGATIVE = {"energy", "mass", "mass_or_volume", "volume", "count", "time"}


def dimension_of(metric_id: str, reading: UnitReading) -> tuple[str, str]:
    """(canonical numerator unit, dimension) that ``convert`` needs for ``metric_id``."""
    m = _metric(metric_id)
    if m.is_intensity:
        base = _metric(m.intensity_of) if m.intensity_of else m
        return base.unit, base.dimension
    return m.unit, m.dimension


def normalise(printed_value: str | Number, printed_unit: str | UnitReading, metric_id: str) -> Normalised | None:
    """Read a printed figure and unit and convert it to the metric's canonical unit.

    :param printed_value: the figure as printed, or an already parsed :class:`Number`
    :param printed_unit: the unit as printed (``""`` when none), or a :class:`UnitReading`
    :param metric_id: a catalogue metric id
    :returns: ``None`` when the figure is not a number or the unit does not fit the metric
    """
    number = parse_number(printed_value) if isinstance(printed_value, str) else printed_value
    if number is None:
        return None
    reading = read_unit(printed_unit) if isinstance(printed_unit, str) else printed_unit
    if number.percent and reading.kind == "unknown" and not reading.printed.strip():
        reading = read_unit("%")
    if number.percent and reading.kind not in ("percent", "unknown"):
        return None  # a figure printed with "%" is a share, never a quantity in the table's unit
    if number.currency and not reading.known:
        reading = read_unit(number.currency.replace("$", "USD") if number.currency == "$" else number.currency)
    unit, dimension = dimension_of(metric_id, reading)
    m = _metric(metric_id)
    if m.is_intensity != bool(reading.denominator):
        return None  # a per-unit figure is never a total, nor a total an intensity
    if number.value < 0 and dimension in _NEVER_NEGATIVE:
        return None  # "(165)" beside energy or a headcount is a change or a note, not the quantity
    converted = convert(number.value, reading, unit, dimension)
    if converted is None:
        return None
    notes = list(converted.notes)
    limit = plausible_max(unit)
    if limit is not None and not m.is_intensity and abs(converted.value) > limit:
        plain = convert(number.value, read_unit(unit), unit, dimension)
        if plain is None or abs(plain.value) > limit:
            return None  # absurd either way: no fact rather than a wrong one
        notes.append(
            f"implausible: '{reading.printed}' beside {number.digits} would be {converted.value:,.0f} {unit}; "
            f"read as {unit}"
        )
        converted = plain
    if number.footnote:
        notes.append(f"footnote marker {number.footnote} printed with the figure, not part of it")
    label = canonical_unit(m.unit, reading, converted.unit)
    return Normalised(converted.value, label, number.digits, tuple(notes))
