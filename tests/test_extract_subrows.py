"""Rows that are not the total they seem to name: sub-rows ("thereof women", "of which",
"davon", "其中"), counts narrowed by a clause ("employees who took parental leave"), and rows
whose label or unit makes them shares ("% full-time"). Generated tables (hypothesis) in the
forms reports print them; values are drawn, never taken from a report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from esgtrace.extract.labels import best_metric, clean_label, narrowed, part_of_above, says_share
from esgtrace.extract.parts import mark_parts
from esgtrace.extract.resolve import Resolver
from esgtrace.extract.tables import table_records
from esgtrace.ingest.lines import split_lines

from tests.tables import Key, text_table_facts

YEARS = (2021, 2022, 2023)


def _facts(text: str) -> dict[Key, float]:
    return text_table_facts(text, "2023", 2023)


def _row(label: str, values: list[int]) -> str:
    return f"{label} " + " ".join(f"{v:,}" for v in values)


_header = "As of Dec. 31 " + " ".join(str(y) for y in YEARS)
_counts = st.lists(st.integers(1_000, 90_000), min_size=3, max_size=3)
_shares = st.lists(st.integers(1, 99), min_size=3, max_size=3)
_sub = st.sampled_from(["thereof", "Thereof", "of which", "Of which:", "davon", "among them,", "of them", "out of which"])


# ---- sub-rows -----------------------------------------------------------------------------


@given(_sub)
def test_sub_row_words_are_read_off(word: str) -> None:
    assert part_of_above(f"{word} women")
    assert clean_label(f"{word} women") == "women"
    assert not part_of_above("Women")


def test_chinese_sub_row_keeps_its_group() -> None:
    assert part_of_above("其中：女性") and clean_label("其中：女性") == "女性"


@settings(max_examples=40, deadline=None)
@given(_counts, _counts, _sub, st.sampled_from(["women", "female", "men"]))
def test_a_sub_row_is_a_group_of_the_row_above(total: list[int], part: list[int], word: str, group: str) -> None:
    """"thereof women" under the total: the women among them, never a second total."""
    part = [min(p, t // 2) for p, t in zip(part, total)]  # a part is less than its whole
    text = "\n".join([_header, _row("Total employees", total), _row(f"{word} {group}", part)]) + "\n"
    facts = _facts(text)
    gender = "male" if group == "men" else "female"
    for year, t, p in zip(YEARS, total, part):
        assert facts[("employees_total", str(year), ())] == t
        assert facts[("employees_total", str(year), (("gender", gender),))] == p
        others = {k[2]: v for k, v in facts.items() if k[:2] == ("employees_total", str(year))}
        assert set(others) == {(), (("gender", gender),)}


@settings(max_examples=40, deadline=None)
@given(_counts, _shares, _counts, _sub)
def test_a_sub_row_under_a_share_or_a_narrowed_row_gives_nothing(total: list[int], share: list[int],
                                                                 part: list[int], word: str) -> None:
    """Under "% of employees with permanent contracts" (a share) or "Number of employees who
    took parental leave" (some of the employees) the sub-row's whole is not the workforce: no
    reading of it is the women's count or share of the workforce."""
    text = "\n".join([
        _header,
        _row("Total employees", total),
        _row("Number of employees with permanent contracts", part),
        _row("% of employees with permanent contracts", share),
        _row(f"{word} women", part),
        _row(f"{word} women (%)", share),
        _row("Number of employees who took parental leave", part),
        _row(f"{word} women", part),
        _row(f"{word} men", part),
    ]) + "\n"
    facts = _facts(text)
    assert {k for k in facts if k[0] == "employees_total" and not k[2]} == {
        ("employees_total", str(y), ()) for y in YEARS}
    assert all(facts[("employees_total", str(y), ())] == t for y, t in zip(YEARS, total))
    assert not [k for k in facts if k[2] and dict(k[2]).get("gender")]
    assert not [k for k in facts if k[0] == "employees_female_share"]


def test_a_sub_row_naming_a_metric_of_its_own_is_that_metric() -> None:
    """"of which certified green electricity" names a metric of its own: it keeps it."""
    text = "\n".join(["Unit 2021 2022 2023", "Total electricity consumption MWh 9,000 8,000 7,000",
                      "of which renewable electricity MWh 4,000 3,000 2,000"]) + "\n"
    facts = _facts(text)
    assert facts[("electricity_renewable", "2023", ())] == 2000.0


# ---- counts narrowed by a clause ------------------------------------------------------------


@given(st.sampled_from(["who took parental leave", "with permanent contracts", "with a right to parental leave",
                        "on fixed-term contracts", "who returned from parental leave", "eligible for retirement",
                        "covered by collective agreements", "having completed training"]),
       st.sampled_from(["Number of employees", "Total number of employees", "Number of staff"]))
def test_counts_narrowed_by_a_clause_are_not_the_total(clause: str, name: str) -> None:
    label = f"{name} {clause}"
    match = best_metric(label)
    assert match is None or narrowed(label, match) or match.metric.id != "employees_total"


@given(st.sampled_from(["Total employees", "Number of employees", "Total number of employees at year end",
                        "Employees", "Headcount"]))
def test_plain_counts_are_not_narrowed(label: str) -> None:
    match = best_metric(label)
    assert match is not None and match.metric.id == "employees_total" and not narrowed(label, match)


# ---- a share in the label or the unit --------------------------------------------------------


@given(st.sampled_from(["% full-time", "% of employees with permanent contracts", "Share of women",
                        "Proportion of female employees", "Percentage of part-time employees", "女性员工占比"]))
def test_share_words(label: str) -> None:
    assert says_share(label)


@given(st.sampled_from(["Total employees", "Shareholders", "Share capital", "Full-time employees"]))
def test_not_share_words(label: str) -> None:
    assert not says_share(label)


@settings(max_examples=40, deadline=None)
@given(_counts, _counts, _shares, st.sampled_from(["full-time", "part-time"]))
def test_a_share_row_is_no_count(total: list[int], part: list[int], share: list[int], kind: str) -> None:
    """"% full-time" printed without a unit below "full-time employees": a share, no count of
    a group called "% full-time"."""
    text = "\n".join([_header, _row("Total employees", total), _row(f"{kind} employees", part),
                      _row(f"% {kind}", share)]) + "\n"
    facts = _facts(text)
    for year, p in zip(YEARS, part):
        assert facts[("employees_total", str(year), (("employment_type", kind),))] == p
    assert not [k for k in facts if k[0] == "employees_total" and "%" in "".join(v for _, v in k[2])]
    assert not [(k, v) for k, v in facts.items() if k[0] == "employees_total" and v in share and v not in part + total]


# ---- a donation put to one effort -------------------------------------------------------------

_money = st.integers(2, 900).map(lambda n: f"{n / 10:.1f} million")
_currency = st.sampled_from(["$", "RMB", "HK$", "US$"])


def _prose(sentence: str) -> list[tuple[str, float]]:
    from esgtrace.extract.prose import prose_records

    return [(r.metric or "", r.values[0].number.value) for r in prose_records(split_lines(sentence + "\n"), None)]


@settings(max_examples=40, deadline=None)
@given(_currency, _money, st.sampled_from(["in emergency relief", "for flood relief and reconstruction",
                                          "to the earthquake appeal", "for COVID-19 relief", "for disaster relief"]))
def test_a_donation_to_one_relief_effort_is_not_the_years_giving(currency: str, amount: str, effort: str) -> None:
    assert not _prose(f"The Foundation donated {currency}{amount} {effort} in the affected areas.")


@settings(max_examples=40, deadline=None)
@given(_currency, _money, st.sampled_from(["On that day", "During the campaign", "On the day"]))
def test_a_donation_of_one_day_or_campaign_is_not_the_years_giving(currency: str, amount: str, lead: str) -> None:
    assert not _prose(f"{lead}, employees participated and, with the company's match, donated {currency}{amount} to charities.")


@settings(max_examples=40, deadline=None)
@given(_currency, _money)
def test_a_years_donation_is_still_read(currency: str, amount: str) -> None:
    found = _prose(f"During the year, the Group donated {currency}{amount} to charities around the world.")
    assert [m for m, _ in found] == ["community_investment"]


# ---- several kinds of one metric, one row each ---------------------------------------------------


def _kinds(text: str) -> dict[Key, float]:
    from esgtrace.extract.resolve import kinds_of_one_metric

    resolver = Resolver("2023", {None: set()})
    records = table_records(split_lines(text), None, 0, set(), 2023, (12, 31))
    mark_parts(records)
    cands = kinds_of_one_metric([c for r in records for c in resolver.resolve(r)])
    out: dict[Key, float] = {}
    for c in cands:
        out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), c.normalised.value)
    return out


_kind_words = st.lists(st.sampled_from(["Industrial", "Domestic", "Process", "Sanitary", "Cooling"]),
                       min_size=2, max_size=3, unique=True)


@settings(max_examples=40, deadline=None)
@given(_kind_words, st.lists(_counts, min_size=3, max_size=3), st.booleans())
def test_kinds_of_one_metric_are_its_categories(kinds: list[str], figures: list[list[int]], total: bool) -> None:
    """"Industrial wastewater discharge" and "Domestic wastewater discharge" in one table: the
    categories of wastewater discharge, not two totals; a row naming the metric alone stays
    the total."""
    figures = [[v + i * 100_000 for v in f] for i, f in enumerate(figures)]  # kinds print other figures
    lines = ["Indicator Unit " + " ".join(str(y) for y in YEARS)]
    if total:
        lines.append(_row("Total wastewater discharge tonnes", [sum(f) for f in zip(*figures[: len(kinds)])]))
    lines += [_row(f"{kind} wastewater discharge tonnes", f) for kind, f in zip(kinds, figures)]
    facts = _kinds("\n".join(lines) + "\n")
    for kind, f in zip(kinds, figures):
        for year, v in zip(YEARS, f):
            assert facts[("wastewater_discharge", str(year), (("category", f"{kind.lower()} wastewater"),))] == v
    totals = {k: v for k, v in facts.items() if k[0] == "wastewater_discharge" and not k[2]}
    if total:
        assert totals == {("wastewater_discharge", str(y), ()): sum(f[i] for f in figures[: len(kinds)])
                          for i, y in enumerate(YEARS)}
    else:
        assert not totals


@settings(max_examples=20, deadline=None)
@given(_counts)
def test_a_repeated_row_is_no_kind(figures: list[int]) -> None:
    """The same figures printed twice under two names of the metric are repeats, kept as they are."""
    text = "\n".join(["Indicator Unit " + " ".join(str(y) for y in YEARS),
                      _row("Industrial wastewater discharge tonnes", figures),
                      _row("Wastewater discharge tonnes", figures)]) + "\n"
    facts = _kinds(text)
    assert all(facts[("wastewater_discharge", str(y), ())] == v for y, v in zip(YEARS, figures))


# ---- a whole is never smaller than its part --------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.floats(1.0, 1e4), st.floats(1.01, 1e4))
def test_a_total_below_its_part_is_no_fact(total: float, factor: float) -> None:
    from esgtrace.extract.model import Fact
    from esgtrace.extract.pipeline import no_whole_below_a_part

    def fact(metric: str, value: float) -> Fact:
        return Fact(document="d", sha256="", company=None, metric=metric, period="2023", period_start=None,
                    period_end=None, breakdown={}, value=value, unit="MWh", reported_value=str(value),
                    reported_unit="MWh", page=None, line=1, quote="", method="table", confidence=0.9, notes=[], sources=[])

    part = fact("electricity_purchased", total * factor * 1.02)
    kept = no_whole_below_a_part([fact("energy_total", total), part])
    assert [f.metric for f in kept] == ["electricity_purchased"]
    assert [f.metric for f in no_whole_below_a_part([fact("energy_total", total * factor * 2), part])] == [
        "energy_total", "electricity_purchased"]


def test_counts_of_a_part_under_a_share_row_are_no_reading() -> None:
    """"thereof number of employees in senior management" under "Up to 29 years old (%)":
    how many of that age group are senior managers, neither a share nor the head count of
    senior management."""
    for share_row in ("Up to 29 years old % 18 19 20", "Up to 29 years old (%) 18 19 20"):
        text = (f"Employees by age group {' '.join(str(y) for y in YEARS)}\n{share_row}\n"
                "thereof number of employees in senior management 40 41 42\n"
                "thereof number of employees in middle management 1,206 1,308 1,412\n")
        assert _facts(text) == {}


def test_total_first_in_a_table_captioned_by_its_scopes() -> None:
    """"Total CO2eq emissions" first in a table captioned "Greenhouse gas emissions (Scope 1
    and 2)": the total of the scopes the caption names, not every scope's total."""
    text = (f"Greenhouse gas emissions (Scope 1 and 2) {' '.join(str(y) for y in YEARS)}\n"
            "Total CO2eq emissions (kt) 2,152 1,951 1,760\n"
            "Thereof direct emissions (Scope 1) (kt) 1,827 1,626 1,518\n")
    facts = _facts(text)
    assert facts[("ghg_scope1_2", "2023", ())] == 1_760_000
    assert facts[("ghg_scope1", "2021", ())] == 1_827_000
    assert not any(k[0] == "ghg_total" for k in facts)
    # without the caption naming its scopes the row stays a total
    plain = _facts(text.replace(" (Scope 1 and 2)", ""))
    assert plain[("ghg_total", "2023", ())] == 1_760_000
