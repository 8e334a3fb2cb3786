"""Printed units, read with one pint registry built from ``units.txt`` and ``aliases.yaml``.

:func:`read_unit` turns what a report prints ("ten thousand tons", "kWh in '000s",
"tCO2e/RMB Million", "kg/person") into a :class:`UnitReading`; :func:`convert` brings a
value into a metric's canonical unit and says, in notes, what it assumed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

#: Array and formatting libraries pint imports at its own import when they are installed.
_PINT_OPTIONAL = ("numpy", "dask", "scipy", "babel", "uncertainties")


@contextmanager
def _without(names: tuple[str, ...]) -> Iterator[None]:
    """Hide modules from imports for a moment (``None`` in ``sys.modules``), then put them back."""
    saved = {name: sys.modules[name] for name in names if name in sys.modules}
    hidden: dict[str, Any] = dict.fromkeys(names)
    sys.modules.update(hidden)  # an import of a name set to None fails as if it were not installed
    try:
        yield
    finally:
        for name in names:
            sys.modules.pop(name, None)
        sys.modules.update(saved)


# esgtrace converts plain floats: pint loads without numpy and dask (0.4 s of every start-up
# where they are installed), and reads units the same whatever else is installed.
with _without(_PINT_OPTIONAL):
    import pint

from esgtrace.catalogue import fold_chinese, read_yaml

_FOOTNOTE = re.compile(r"\(\d{1,2}\)|[⁰¹⁴⁵⁶⁷⁸⁹]+|\*+$")
_TRAILING_DIGITS = re.compile(r"(?:(?<=[A-Za-z%'])|\s+)\d{1,2}$")
_METRIC_TONS = re.compile(r"(?<![A-Za-z])MT(?=\s|-|$)")
_GLUED_MAGNITUDE = re.compile(r"^((?:us|hk|s|c|a)?[$£€¥])\s?(k|m|mn|bn)$")
_GLUED_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "–": "-", "—": "-", "₂": "2", "³": "3", "²": "2"})
_QUOTED = re.compile("[" + "".join(re.escape(chr(k)) for k in _QUOTES) + "]")


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry[Any]:
    """The esgtrace unit registry: pint's defaults plus ``units.txt``."""
    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    path = resources.files("esgtrace.normalise").joinpath("units.txt")
    with resources.as_file(path) as real:
        ureg.load_definitions(str(real))
    return ureg


@lru_cache(maxsize=1)
def _aliases() -> dict[str, Any]:
    text = resources.files("esgtrace.normalise").joinpath("aliases.yaml").read_text(encoding="utf-8")
    data = read_yaml(text)
    compiled = []
    for entry in data["units"]:
        pattern = re.compile("^(?:" + "|".join(entry["match"]) + ")$", re.I)
        compiled.append((pattern, entry.get("unit"), entry.get("kind")))
    currencies = [(code, re.compile("^(?:" + "|".join(forms) + ")$", re.I)) for code, forms in data["currencies"].items()]
    denominators = [(label, re.compile("^(?:" + "|".join(forms) + ")$", re.I)) for label, forms in data["denominators"].items()]
    return {
        "plausible_max": {k: float(v) for k, v in (data.get("plausible_max") or {}).items()},
        "units": compiled,
        "any_unit": _first_of([p for p, _, _ in compiled]),
        "currencies": currencies,
        "any_currency": _first_of([p for _, p in currencies]),
        "multipliers": {k.lower(): float(v) for k, v in data["multipliers"].items()},
        "multiplier_patterns": [
            (k.lower(), float(v), re.compile(rf"(?:^|\s){re.escape(k.lower())}(?:\s|$)"))
            for k, v in sorted(data["multipliers"].items(), key=lambda kv: -len(kv[0]))
        ],
        "denominators": denominators,
    }


def _first_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that matches where the first of ``patterns`` (each ``^(?:...)$``) that
    matches does; the group ``p<i>`` names it. One call into the regex engine instead of
    one per pattern: the alternatives are tried in order, each to the end of the text."""
    inner = [p.pattern[len("^(?:"):-len(")$")] for p in patterns]
    return re.compile("^(?:" + "|".join(f"(?P<p{n}>(?:{i}))$" for n, i in enumerate(inner)) + ")", re.I)


def _first_index(combined: re.Pattern[str], text: str) -> int | None:
    """The index of the first pattern of :func:`_first_of` that matches ``text``."""
    found = combined.match(text)
    return int(found.lastgroup[1:]) if found and found.lastgroup else None


@dataclass(frozen=True, slots=True)
class UnitReading:
    """What a printed unit means.

    :param printed: the unit exactly as printed
    :param expression: pint expression of the numerator (``"10000 * tonne"``), if physical
    :param kind: ``physical``, ``percent``, ``persons``, ``days``, ``currency``, ... or ``unknown``
    :param denominator: an intensity's denominator, as the canonical label ("employee")
    :param currency: the currency code of a money unit
    :param scale: factor of a magnitude word printed in the unit ("RMB million" -> 1e6)
    """

    printed: str
    expression: str | None = None
    kind: str = "unknown"
    denominator: str | None = None
    currency: str | None = None
    scale: float = 1.0

    @property
    def known(self) -> bool:
        return self.kind != "unknown"

    def dimensionality(self) -> str | None:
        """pint dimensionality of the numerator, e.g. ``[mass]``; ``None`` if not physical."""
        if not self.expression:
            return None
        return str(registry().parse_expression(self.expression).dimensionality)


# units broken apart by text extraction: "tCO 2 e", "MtCO2 e", "CO2 -e", "m 3", "m 2"
_SPLIT_CO2 = re.compile(r"(co)\s?(2)\s?(?:(-)\s?)?(e(?:q)?)(?![a-z])", re.I)
_SPLIT_POWER = re.compile(r"(?<![a-z])([km]?m)\s([23])(?![\d,.])", re.I)
# a magnitude printed as digits before a unit: "10,000 t", "100 million kWh", "'000 m3"
_DIGIT_SCALE = re.compile(
    r"^(?:(?P<n>10,000,000|1,000,000|100,000|10,000|1,000|1000|10000|100|'?000|10(?=\s?(?:thousand|million|billion)))\s?)"
    r"(?P<w>thousand|million|billion)?\s?(?P<rest>\D.*)$"
)


_SPACES = re.compile(r"\s+")
_LEADING_OF = re.compile(r"^of\s+")
_HEAD_MAGNITUDE = re.compile(r"^(thousand|'000|million|mn|billion|bn)\s+(.+)$")
_PER = re.compile(r"\s*/\s*|\s+per\s+")


def rejoin_split(text: str) -> str:
    """A unit text extraction broke apart, put together: "tCO 2 e" -> "tCO2e", "m 3" -> "m3"."""
    if " " not in text:
        return text
    # each pattern needs its letters ("co", "m"): most texts skip the regular expressions
    if "co" in text.lower():
        text = _SPLIT_CO2.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3) or ''}{m.group(4)}", text)
    return _SPLIT_POWER.sub(r"\1\2", text) if "m" in text or "M" in text else text


def clean_unit(text: str) -> str:
    """The printed unit without footnote markers, brackets and extra spaces, lowercased."""
    folded = fold_chinese(text)
    if _QUOTED.search(folded):  # most units print none of the characters _QUOTES maps
        folded = folded.translate(_QUOTES)
    t = rejoin_split(folded.strip())
    if "MT" in t:
        t = _METRIC_TONS.sub("metric tons", t)  # before case is lost: "MT" is metric tons, "Mt" megatonnes
    if "(" in t or "*" in t or not t.isascii():  # what a footnote marker needs
        t = _FOOTNOTE.sub("", t)
    t = t.strip()
    t = t.strip("()[]（） :：").strip()
    if t.lower().startswith(("in ", "unit:", "unit ")):
        t = re.sub(r"^(?:in|unit:?)\s+", "", t, flags=re.I)
    return _SPACES.sub(" ", t).lower()


def _read_simple(text: str) -> tuple[str | None, str, str | None, float]:
    """(expression, kind, currency, scale) of a unit without a denominator."""
    data = _aliases()
    first = _first_index(data["any_unit"], text)
    if first is not None:
        unit, kind = data["units"][first][1:]
        return unit, "physical" if unit else kind, None, 1.0
    # a magnitude in digits before a unit: "10,000 t", "100 million kWh", "'000 m3"
    digits = _DIGIT_SCALE.match(text)
    if digits:
        n = digits.group("n").lstrip("'")
        factor = (1000.0 if n == "000" else float(n.replace(",", ""))) * (
            data["multipliers"][digits.group("w")] if digits.group("w") else 1.0
        )
        rest = digits.group("rest").strip()
        rest = _LEADING_OF.sub("", rest)
        for pattern, unit, _ in data["units"]:
            if unit and pattern.match(rest):
                return f"{factor:g} * ({unit})", "physical", None, 1.0
    # a magnitude word before a physical unit: "million m3", "thousand tonnes", "billion kWh"
    head = _HEAD_MAGNITUDE.match(text)
    if head:
        for pattern, unit, _ in data["units"]:
            if unit and pattern.match(head.group(2)):
                return f"{data['multipliers'][head.group(1)]:g} * ({unit})", "physical", None, 1.0
    # money: a currency with an optional magnitude word, either order ("RMB million", "million RMB", "万元")
    scale = 1.0
    rest = text
    glued = _GLUED_MAGNITUDE.match(text)
    if glued:
        # a currency sign with a glued magnitude letter: "£m", "€bn", "US$m"
        first = _first_index(data["any_currency"], glued.group(1))
        if first is not None:
            return None, "currency", data["currencies"][first][0], _GLUED_SCALE[glued.group(2)]
    for word, factor, pattern in data["multiplier_patterns"]:
        # each pattern holds its word as printed: the substring test is the cheap half of it
        if word in rest and (pattern.search(rest) or not word.isascii()):
            scale = factor
            rest = rest.replace(word, " ").strip()
            break
    first = _first_index(data["any_currency"], rest.strip())
    if first is not None:
        return None, "currency", data["currencies"][first][0], scale
    return None, "unknown", None, 1.0


@lru_cache(maxsize=8192)
def read_unit(printed: str) -> UnitReading:
    """Read a printed unit.

    :param printed: as printed, e.g. ``"tCO2e"``, ``"ten thousand tons"``, ``"kWh in '000s"``,
        ``"Tonne/RMB Million"``, ``"kg/person"``, ``"RMB million"``
    """
    first = clean_unit(printed)
    if not first:
        return UnitReading(printed=printed)
    reading = _read(printed, first)
    stripped = _TRAILING_DIGITS.sub("", first).strip() if first[-1].isdigit() or first[-1] == "\n" else first.strip()
    if not reading.known and stripped and stripped != first:
        reading = _read(printed, stripped)  # "tCO2e 1": a footnote marker after the unit
    return reading


def _read(printed: str, text: str) -> UnitReading:
    expression, kind, currency, scale = _read_simple(text)
    if kind != "unknown":
        return UnitReading(printed, expression, kind, None, currency, scale)
    split = _PER.split(text, maxsplit=1)
    if len(split) == 2:
        numerator, denominator = split
        if "/" not in text and _denominator(denominator) == _SPACES.sub(" ", denominator).strip():
            return UnitReading(printed=printed)  # "hours per employee hours": not a unit
        expression, kind, currency, scale = _read_simple(numerator.strip())
        if kind != "unknown":
            return UnitReading(printed, expression, kind, _denominator(denominator), currency, scale)
    return UnitReading(printed=printed)


def plausible_max(canonical: str) -> float | None:
    """The largest credible value of one company's figure in ``canonical`` (``None``: no limit)."""
    limit: float | None = _aliases()["plausible_max"].get(canonical)
    return limit


_OF = re.compile(r"\bof\b")


def _denominator(text: str) -> str:
    text = _OF.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    for label, pattern in _aliases()["denominators"]:
        if pattern.match(text):
            return str(label)
    return text


@dataclass(frozen=True, slots=True)
class Converted:
    """A value in a canonical unit, with what was assumed to get there."""

    value: float
    unit: str
    notes: tuple[str, ...] = field(default=())


_COUNT_KINDS = {"persons", "days", "suppliers", "cases", "complaints", "patents", "number"}


def convert(value: float, reading: UnitReading, canonical: str, dimension: str) -> Converted | None:
    """Bring ``value`` printed in ``reading`` into ``canonical``; ``None`` when they do not fit.

    :param value: the printed value (multiplier words of the figure already applied)
    :param reading: the printed unit, read
    :param canonical: the metric's canonical unit (its numerator for an intensity)
    :param dimension: the metric's dimension (``mass_co2e``, ``volume``, ``ratio``, ...)
    """
    notes: list[str] = []
    if dimension == "ratio":
        if canonical == "%":
            return Converted(value, "%") if reading.kind == "percent" else None
        return Converted(value, canonical) if reading.kind in ("unknown", "number") and not reading.printed.strip() else None
    if dimension == "money":
        if reading.kind != "currency":
            return None
        return Converted(value * reading.scale, reading.currency or "", tuple(notes))
    if dimension in ("count",):
        ok = reading.kind in _COUNT_KINDS or (not reading.printed.strip())
        return Converted(value, canonical) if ok else None
    if reading.kind != "physical" or not reading.expression:
        if dimension == "time" and not reading.printed.strip():
            return Converted(value, canonical)
        return None
    ureg = registry()
    quantity = ureg.Quantity(value, ureg.parse_expression(reading.expression).units) * ureg.parse_expression(
        reading.expression
    ).magnitude
    target = _target_unit(canonical, dimension, reading)
    if target is None:
        return None
    try:
        if dimension == "mass_co2e" and quantity.dimensionality == ureg.tonne.dimensionality:
            notes.append(f"'{reading.printed}' printed for a GHG figure: read as tonnes of CO2e")
            result = quantity.to("tonne").magnitude
        elif dimension == "volume" and quantity.dimensionality == ureg.tonne.dimensionality:
            notes.append(f"'{reading.printed}' of water: 1 tonne = 1 m3 (context water)")
            result = quantity.to(target, "water").magnitude
        else:
            result = quantity.to(target).magnitude
    except pint.DimensionalityError:
        return None
    return Converted(float(f"{result:.12g}"), canonical, tuple(notes))


def _target_unit(canonical: str, dimension: str, reading: UnitReading) -> str | None:
    if dimension == "mass_or_volume":
        # fuels keep their dimension: tonnes stay tonnes, litres stay litres
        dims = reading.dimensionality()
        return "tonne" if dims == "[mass]" else "liter" if dims == "[length] ** 3" else None
    return {"t": "tonne", "m3": "meter ** 3", "kg": "kilogram"}.get(canonical, canonical)


def canonical_unit(metric_unit: str, reading: UnitReading, converted_unit: str) -> str:
    """The unit label stored with a fact (an intensity keeps its printed denominator)."""
    if "<denominator>" in metric_unit:
        return f"{metric_unit.split('/')[0]}/{reading.denominator or 'unit'}"
    if metric_unit.startswith("t or L"):
        dims = reading.dimensionality()
        return "t" if dims == "[mass]" else "L"
    return converted_unit
