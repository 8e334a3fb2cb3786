"""Printed numbers and units, read the way reports print them."""

from __future__ import annotations

import pytest

from esgtrace.normalise import convert, normalise, not_reported, parse_number, read_unit, strip_glued_footnote


@pytest.mark.parametrize(
    ("printed", "value", "digits", "footnote"),
    [
        ("59,007.89(3)", 59007.89, "59,007.89", "(3)"),  # kingsoft line 58: marker glued to the value
        ("82,274.99(2)", 82274.99, "82,274.99", "(2)"),
        ("(1,234)", -1234.0, "1,234", None),  # negative in parentheses
        ("12¹", 12.0, "12", "1"),  # superscript marker
        ("0.000007", 7e-06, "0.000007", None),
        ("21,499", 21499.0, "21,499", None),
    ],
)
def test_parse_number(printed: str, value: float, digits: str, footnote: str | None) -> None:
    number = parse_number(printed)
    assert number is not None
    assert number.value == value
    assert number.digits == digits
    assert number.footnote == footnote


@pytest.mark.parametrize(
    ("printed", "value"),
    [("1.2 million", 1_200_000.0), ("2.3亿", 230_000_000.0), ("598.0万", 5_980_000.0), ("RMB22.7 million", 22_700_000.0)],
)
def test_parse_number_with_magnitude_words(printed: str, value: float) -> None:
    number = parse_number(printed)
    assert number is not None and number.value == value


def test_percent_is_kept_as_0_to_100() -> None:
    number = parse_number("12.5%")
    assert number is not None and number.percent and number.value == 12.5


@pytest.mark.parametrize("printed", ["–", "-", "—", "N/A", "NA", "n.a."])
def test_dash_means_not_reported(printed: str) -> None:
    assert not_reported(printed)
    assert parse_number(printed) is None


@pytest.mark.parametrize("printed", ["Tonne", "tCO2e", "(2)", "Scope"])
def test_words_are_not_numbers(printed: str) -> None:
    number = parse_number(printed)
    assert number is None or printed == "(2)"


def test_glued_footnote_digit_needs_evidence() -> None:
    # sunshine page 8: "- Stationary combustion3 tonnes 67.500 69.7604", note 4 defined on the page
    row = [parse_number("67.500"), parse_number("69.7604")]
    assert all(row)
    fixed = strip_glued_footnote(row[1], row, {"2", "3", "4", "5", "6"})  # type: ignore[arg-type]
    assert fixed.value == 69.760 and fixed.footnote == "4"
    # without the page defining note 4, the printed figure stands
    assert strip_glued_footnote(row[1], row, {"2", "3"}).value == 69.7604  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("printed", "metric", "value", "unit"),
    [
        ("tCO2e", "ghg_scope1", 66.57, "tCO2e"),
        ("tCO2e 1", "ghg_scope1", 66.57, "tCO2e"),  # footnote marker after the unit
        ("tonnes of CO2-e", "ghg_scope1", 66.57, "tCO2e"),
        ("MtCO2e", "ghg_scope1", 66_570_000.0, "tCO2e"),
        ("ktCO2e", "ghg_scope1", 66_570.0, "tCO2e"),
        ("ten thousand tons", "ghg_total", 665_700.0, "tCO2e"),  # kuaishou line 1043
        ("kWh in ‘000s", "energy_total", 66.57, "MWh"),  # sunshine page 13
        ("GJ", "energy_total", 18.4919, "MWh"),
        ("GWh", "energy_total", 66_570.0, "MWh"),
        ("kWh", "energy_total", 0.06657, "MWh"),
        ("tonnes of standard coal", "energy_total", 541.96, "MWh"),
        ("Tonne", "water_consumption", 66.57, "m3"),  # kingsoft: one tonne of water is one m3
        ("Ten thousand tons", "water_consumption", 665_700.0, "m3"),
        ("megalitres", "water_consumption", 66_570.0, "m3"),
        ("million m3", "water_consumption", 66_570_000.0, "m3"),
        ("kg", "hazardous_waste", 0.06657, "t"),
        ("ton/person", "ghg_intensity", 66.57, "tCO2e/employee"),
        ("kg/person", "hazardous_waste_intensity", 0.06657, "t/employee"),
        ("tCO2e/RMB Million", "ghg_intensity", 66.57, "tCO2e/RMB million"),
        ("Person", "employees_total", 66.57, "persons"),
        ("Hour", "training_hours_avg", 66.57, "hours"),
        ("%", "turnover_rate", 66.57, "%"),
        ("RMB million", "community_investment", 66_570_000.0, "RMB"),
    ],
)
def test_normalise_into_canonical_units(printed: str, metric: str, value: float, unit: str) -> None:
    result = normalise("66.57", printed, metric)
    assert result is not None
    assert result.value == pytest.approx(value, rel=1e-4)
    assert result.unit == unit
    assert result.reported_value == "66.57"


@pytest.mark.parametrize(
    ("printed", "metric"),
    [
        ("MWh", "ghg_scope1"),  # energy is not an emission
        ("%", "hazardous_waste"),  # "Compliance disposal rate of hazardous waste %" (kingsoft line 58)
        ("MWh/person", "energy_total"),  # a per-capita figure is never a total
        ("MWh", "energy_intensity"),  # nor a total an intensity
        ("tCO2e", "employees_total"),
    ],
)
def test_units_that_do_not_fit_the_metric_give_no_value(printed: str, metric: str) -> None:
    assert normalise("66.57", printed, metric) is None


def test_unit_readings_for_the_audit() -> None:
    reading = read_unit("kWh in '000s/ m3 of production volume")
    assert reading.kind == "physical" and reading.denominator == "m3 production volume"
    assert reading.dimensionality() == str(read_unit("MWh").dimensionality())
    assert not read_unit("hours per employee hours").known
    assert read_unit("RMB million").currency == "RMB" and read_unit("RMB million").scale == 1e6


def test_water_conversion_is_noted() -> None:
    converted = convert(2.0, read_unit("tonnes"), "m3", "volume")
    assert converted is not None and converted.value == 2.0
    assert any("water" in note for note in converted.notes)


def test_implausible_magnitude_is_read_without_the_prefix_and_noted() -> None:
    # "MtCO2e" printed beside a seven-digit figure would be over a trillion tonnes
    result = normalise("1,234,567", "MtCO2e", "ghg_scope1")
    assert result is not None and result.value == 1_234_567.0
    assert any(note.startswith("implausible") for note in result.notes)
    plausible = normalise("54.5", "MtCO2e", "ghg_scope1")
    assert plausible is not None and plausible.value == 54_500_000.0 and not plausible.notes


def test_metric_tons_abbreviated_mt_and_units_per_litre_of_product() -> None:
    from esgtrace.normalise import normalise, read_unit

    assert read_unit("MT CO2e").expression == "tCO2e"  # coca-cola page 10: US "MT" is metric tons
    assert read_unit("MtCO2e").expression == "MtCO2e"  # bp: megatonnes
    water = normalise("1.81", "liters of water used per liter of product produced", "water_intensity")
    assert water is not None and (water.value, water.unit) == (0.00181, "m3/L")
    ghg = normalise("3.77", "t- CO2 /million SGD", "ghg_intensity")  # maxi cash page 21
    assert ghg is not None and ghg.unit == "tCO2e/SGD million"


def test_currency_sign_with_a_glued_magnitude() -> None:
    from esgtrace.normalise import normalise, read_unit

    # gsk page 13: "Total community investment (£m) 245 259 308 304 A"
    fact = normalise("304", "£m", "community_investment")
    assert fact is not None and (fact.value, fact.unit) == (304_000_000.0, "GBP")
    assert read_unit("€bn").scale == 1e9 and read_unit("US$m").currency == "USD"
    assert not read_unit("$m").known  # a bare dollar names no currency


@pytest.mark.parametrize(
    ("printed", "metric", "value", "unit"),
    [
        ("gallons", "water_consumption", 1.0 * 0.003785411784, "m3"),  # US liquid gallons
        ("US gallons", "water_consumption", 0.003785411784, "m3"),
        ("million gallons", "water_consumption", 3785.411784, "m3"),
        ("kL", "water_consumption", 1.0, "m3"),
        ("kilolitres", "water_consumption", 1.0, "m3"),
        ("PJ", "energy_total", 277_777.777778, "MWh"),
        ("petajoules", "energy_total", 277_777.777778, "MWh"),
        ("MMT CO2e", "ghg_scope1", 1_000_000.0, "tCO2e"),
        ("MMT CO₂e", "ghg_scope1", 1_000_000.0, "tCO2e"),
        ("Million metric tons (MMT) CO₂e", "ghg_scope1", 1_000_000.0, "tCO2e"),
        ("million metric tons", "ghg_scope1", 1_000_000.0, "tCO2e"),
        ("metric tons of CO2 equivalent", "ghg_scope1", 1.0, "tCO2e"),
        ("metric tons of carbon dioxide equivalent", "ghg_scope1", 1.0, "tCO2e"),
        ("metric tons", "hazardous_waste", 1.0, "t"),
    ],
)
def test_us_and_large_unit_spellings(printed: str, metric: str, value: float, unit: str) -> None:
    result = normalise("1", printed, metric)
    assert result is not None and result.unit == unit
    assert result.value == pytest.approx(value, rel=1e-6)


def test_gallons_are_no_energy_and_petajoules_no_water() -> None:
    assert normalise("1", "gallons", "energy_total") is None
    assert normalise("1", "PJ", "water_consumption") is None


@pytest.mark.parametrize(
    ("printed", "metric", "value", "unit"),
    [
        ("metric kilotons", "hazardous_waste", 1000.0, "t"),
        ("metric kilotons CO2eq", "ghg_scope1", 1000.0, "tCO2e"),
        ("kilotonnes of CO2 equivalent", "ghg_scope1", 1000.0, "tCO2e"),
        ("Thousand tons-CO2", "ghg_scope1", 1000.0, "tCO2e"),
        ("kt-CO2", "ghg_scope1", 1000.0, "tCO2e"),
        ("million yen", "community_investment", 1_000_000.0, "JPY"),
    ],
)
def test_kilotons_spelled_out_and_yen(printed: str, metric: str, value: float, unit: str) -> None:
    result = normalise("1", printed, metric)
    assert result is not None and result.unit == unit
    assert result.value == pytest.approx(value, rel=1e-6)
