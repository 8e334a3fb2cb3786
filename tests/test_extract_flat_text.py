"""Reports published as flattened text: one line per paragraph or table row, each line
ended with ". ", charts flattened into one line. Real lines of corpus text reports (found
by their shape at test time) and generated lines (hypothesis) for each rule.

Rules: a label or unit split across a line end ("... per." / "RMB10,000 of production
value"; "10,000 t of." / "CO2e 6,862.3 ..."; "tce/" / "RMB10,000 2.03 ..."), read as one;
year-figure pairs of a flattened chart ("Label 2019 18.80% 2020 12.80% 2021 19.80%");
single-period breakdown lines ("Label N By gender Male N Female N", "By age group ...");
single-period tables of groups by groups ("Male (%) Female (%) Total (absolute number)" over
"<30yrs (%) 50% 50% 6").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esgtrace.extract.flat import breakdown_records, group_table_records, series_records
from esgtrace.extract.resolve import Resolver
from esgtrace.extract.tables import table_records
from esgtrace.extract.wrapping import joined, open_end
from esgtrace.extract.records import tokenize
from esgtrace.ingest.lines import split_lines

Key = tuple[str, str, tuple[tuple[str, str], ...]]


def _facts(text: str, period: str = "2021", year: int = 2021) -> dict[Key, float]:
    """The resolved figures of a text table: (metric, period, breakdown) -> value."""
    resolver = Resolver(period, {None: set()})
    out: dict[Key, float] = {}
    for record in table_records(split_lines(text), None, 0, set(), year, (12, 31)):
        for c in resolver.resolve(record):
            out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), c.normalised.value)
    return out


def _text_reports(corpus: Path) -> list[Path]:
    return sorted([*(corpus / "text").glob("*.txt"), *(corpus / "more" / "text").glob("*.txt")])


# ---- rule 1: units and connecting words wrapped at a ". " line end ---------------------------


def test_open_ends_with_the_line_end_dot() -> None:
    assert open_end("The amount of disposal of waste oil per.") and open_end("10,000 t of.")
    assert open_end("Scope 1, 2 and") and not open_end("Total water consumption.")
    tokens = tokenize(1, "oil per.") + tokenize(2, "RMB10,000 of production value")
    assert joined(tokens) == "oil per RMB10,000 of production value"
    assert joined(tokenize(1, "Waste per.")) == "Waste per."  # nothing follows: the dot stays


_LABELS = st.sampled_from([
    ("The amount of carbon dioxide emission (in CO2 equivalent)", "ghg_total"),
    ("Total greenhouse gas emissions", "ghg_total"),
    ("Comprehensive energy consumption", "energy_total"),
])
_FIGURES = st.lists(st.decimals(min_value=1, max_value=99_999, places=2).map(lambda d: f"{d:,}"), min_size=3, max_size=3)


@settings(max_examples=40, deadline=None)
@given(label=_LABELS, figures=_FIGURES, space=st.sampled_from([" ", "  "]), first=st.integers(2015, 2021))
def test_generated_unit_split_at_a_line_end(label: tuple[str, str], figures: list[str], space: str, first: int) -> None:
    """"... 10,000 t of." over "CO2e 1 2 3.": one unit, ten thousand tonnes of CO2e."""
    name, metric = label
    unit_head, unit_tail, factor = ("10,000 t of.", "CO2e", 10_000) if metric == "ghg_total" else ("thousand", "MWh", 1_000)
    years = " ".join(str(first + k) for k in range(3))
    text = f"Performance Indicators Unit {years}. \n{name}{space}{unit_head} \n{unit_tail} {' '.join(figures)}. \n"
    facts = _facts(text, str(first + 2), first + 2)
    for k, figure in enumerate(figures):
        assert facts[(metric, str(first + k), ())] == pytest.approx(float(figure.replace(",", "")) * factor)


@settings(max_examples=40, deadline=None)
@given(figures=_FIGURES, first=st.integers(2015, 2021), glued=st.booleans())
def test_generated_intensity_label_wrapped_after_per(figures: list[str], first: int, glued: bool) -> None:
    """"Comprehensive energy consumption per." / "RMB10,000 of production value tce/" /
    "RMB10,000 1 2 3.": an intensity, its label and its unit's denominator each wrapped."""
    years = " ".join(str(first + k) for k in range(3))
    unit = "tce/ \nRMB10,000" if glued else "tce/RMB10,000"
    text = (f"Performance Indicators Unit {years}. \nTotal energy consumption tce 10 20 30. \n"
            f"Comprehensive energy consumption per. \nRMB10,000 of production value {unit} {' '.join(figures)}. \n")
    facts = _facts(text, str(first + 2), first + 2)
    for k, figure in enumerate(figures):
        assert facts[("energy_intensity", str(first + k), ())] == pytest.approx(float(figure.replace(",", "")) * 8.141, rel=1e-3)
    assert len([k for k in facts if k[0] == "energy_intensity"]) == 3  # "RMB10,000" is no figure of its own


def test_real_units_wrapped_at_line_ends(corpus: Path) -> None:
    """Rows of real flattened text whose unit or label ends a line open ("of." / "per." /
    "tce/"): the rows after such lines, with the header above them, read as figures."""
    found = 0
    for path in _text_reports(corpus):
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines):
            if not re.search(r"\b(?:of|per)\.\s*$|/\s*$", line) or n + 2 >= len(lines):
                continue
            header = next((h for h in reversed(lines[max(0, n - 40) : n]) if re.search(r"\bUnit\b.*(?:19|20)\d\d", h)), None)
            if header is None:
                continue
            year = int(re.findall(r"(?:19|20)\d\d", header)[-1])
            block = "\n".join([header, *lines[n - 1 : n + 3]])
            facts = _facts(block, str(year), year)
            nxt = lines[n + 1].split()
            if facts and any(w.rstrip(".").replace(",", "").replace(".", "").isdigit() for w in nxt):
                found += 1
                assert all(v < 1e12 for v in facts.values())
    assert found >= 2


# ---- rule 2: year-figure pairs of a flattened chart ------------------------------------------


def _resolved(records: list, period: str = "2021") -> dict[Key, float]:
    resolver = Resolver(period, {None: set()})
    out: dict[Key, float] = {}
    for record in records:
        for c in resolver.resolve(record):
            out.setdefault((c.metric.id, c.period, tuple(sorted(c.breakdown.items()))), c.normalised.value)
    return out


_SERIES_LABELS = st.sampled_from([
    ("Employee turnover rate", "%", "turnover_rate", 1.0),
    ("Total water consumption (m3)", "", "water_consumption", 1.0),
    ("Scope 1 GHG emissions (tCO2e)", "", "ghg_scope1", 1.0),
    ("Total energy consumption (MWh)", "", "energy_total", 1.0),
])


def _series_line(label: str, years: list[int], figures: list[str], sep: str, end: str) -> str:
    return label + sep + sep.join(f"{y}{sep}{f}" for y, f in zip(years, figures)) + end


@settings(max_examples=60, deadline=None)
@given(label=_SERIES_LABELS, first=st.integers(2012, 2022), n=st.integers(2, 5),
       data=st.data(), sep=st.sampled_from([" ", "  "]), end=st.sampled_from(["", ". ", ".", " A new sentence follows here."]))
def test_generated_year_figure_pairs(label: tuple[str, str, str, float], first: int, n: int, data: st.DataObject,
                                     sep: str, end: str) -> None:
    name, suffix, metric, factor = label
    figures = [f"{x:,.2f}{suffix}" for x in data.draw(st.lists(st.floats(0.01, 99.0), min_size=n, max_size=n))]
    years = list(range(first, first + n))
    lines = split_lines(_series_line(name, years, figures, sep, end) + "\n")
    facts = _resolved(series_records(lines, None, set()), str(years[-1]))
    for y, f in zip(years, figures):
        assert facts[(metric, str(y), ())] == pytest.approx(float(f.rstrip("%").replace(",", "")) * factor)


@settings(max_examples=40, deadline=None)
@given(first=st.integers(2012, 2022), data=st.data(), broken=st.sampled_from(["gap", "two", "none", "doubled"]))
def test_year_figure_pairs_that_do_not_tie_give_nothing(first: int, data: st.DataObject, broken: str) -> None:
    """Years that skip, a year with two figures or none, "2019 2019 2020 2020": no record."""
    figures = [f"{x:.1f}" for x in data.draw(st.lists(st.floats(1, 99), min_size=3, max_size=3))]
    years = [first, first + 1, first + 2]
    if broken == "gap":
        years[2] += 1
        line = _series_line("Total water consumption (m3)", years, figures, " ", "")
    elif broken == "two":
        line = _series_line("Total water consumption (m3)", years, figures, " ", "").replace(figures[1], f"{figures[1]} 12.5", 1)
    elif broken == "none":
        line = f"Total water consumption (m3) {years[0]} {figures[0]} {years[1]} {years[2]} {figures[2]}"
    else:
        line = "Total water consumption (m3) " + " ".join(f"{y} {y}" for y in years)
    assert series_records(split_lines(line + "\n"), None, set()) == []


def test_real_chart_series(corpus: Path) -> None:
    """Flattened chart lines of real text reports: each year gets the figure printed after it."""
    pair = re.compile(r"((?:19|20)\d\d) (-?\d[\d,]*(?:\.\d+)?%?)(?= (?:19|20)\d\d |\.? *$| [^\d\s])")
    seen = 0
    for path in _text_reports(corpus):
        lines = split_lines(path.read_text(encoding="utf-8"))
        for record in series_records(lines, None, set()):
            text = next(ln.text for ln in lines if ln.number == record.line)
            printed = {y: f for y, f in pair.findall(text)}
            for value in record.values:
                assert value.period is not None
                assert value.number.printed.rstrip(".") == printed[value.period.label].rstrip(".")
            seen += 1
    assert seen >= 3


# ---- rule 3: single-period breakdown lines ---------------------------------------------------

_GROUPS = {
    "By gender": [("Male", "male"), ("Female", "female")],
    "By sex": [("Men", "male"), ("Women", "female")],
    "By age group": [("Under 30", "Under 30"), ("30-50", "30-50"), ("Over 50", "Over 50")],
}


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(sorted(_GROUPS)), label=st.sampled_from(["Total number of employees", "Number of employees",
       "Total employees"]), data=st.data(), sep=st.sampled_from([" ", "  "]), with_total=st.booleans(),
       own_line=st.booleans(), end=st.sampled_from(["", ".", ". "]))
def test_generated_breakdown_lines(key: str, label: str, data: st.DataObject, sep: str, with_total: bool,
                                   own_line: bool, end: str) -> None:
    """"<label> [total] By gender Male N Female N" (or the key opening the next line): each
    group's figure, in the report's period."""
    groups = _GROUPS[key]
    figures = data.draw(st.lists(st.integers(1, 90_000), min_size=len(groups), max_size=len(groups)))
    total = f"{sum(figures):,}"
    pairs = sep.join(f"{g}{sep}{n:,}" for (g, _), n in zip(groups, figures))
    head = f"{label}{sep}{total}" if with_total else label
    first = f"{head}{sep}By gender{sep}Male{sep}{figures[0]:,}{sep}Female{sep}{figures[1]:,}"
    text = f"{first}{end}\n{key}{sep}{pairs}{end}\n" if own_line else f"{head}{sep}{key}{sep}{pairs}{end}\n"
    facts = _resolved(breakdown_records(split_lines(text), None, set()), "2021")
    key_name = "gender" if "gender" in key or "sex" in key else "age"
    for (_, value), n in zip(groups, figures):
        found = [v for k, v in facts.items() if k[0] == "employees_total" and k[2] == ((key_name, value),)]
        assert found == [n]
    if with_total:
        assert facts[("employees_total", "2021", ())] == sum(figures)


@settings(max_examples=30, deadline=None)
@given(data=st.data(), broken=st.sampled_from(["two", "unknown", "one"]))
def test_breakdown_lines_that_do_not_tie_give_nothing(data: st.DataObject, broken: str) -> None:
    a, b = data.draw(st.lists(st.integers(1, 9_000), min_size=2, max_size=2))
    line = {
        "two": f"Number of employees By gender Male {a} 45% Female {b} 55%",  # two figures a group
        "unknown": f"Number of employees By gender Male {a} Female {b} 12 Others",  # figures left over
        "one": f"Number of employees By gender Male {a}",  # one group is no breakdown
    }[broken]
    assert breakdown_records(split_lines(line + "\n"), None, set()) == []


def test_real_breakdown_lines(corpus: Path) -> None:
    """Real flattened single-period tables: "... By gender Male N Female N" gives each group
    the figure printed after it, and a line opening with a key goes on with the label above."""
    seen = 0
    for path in _text_reports(corpus):
        lines = split_lines(path.read_text(encoding="utf-8"))
        for record in breakdown_records(lines, None, set()):
            text = next(ln.text for ln in lines if ln.number == record.line)
            if record.breakdown.get("gender") in ("male", "female"):
                word = "Male" if record.breakdown["gender"] == "male" else "Female"
                printed = re.search(rf"\b{word} (\d[\d,]*)", text)
                assert printed is not None and record.values[0].number.printed.rstrip(".") == printed.group(1)
                seen += 1
            assert record.label and not record.label.lower().startswith("by ")
    assert seen >= 2


# ---- rule 3, as a table: group columns over group rows, one period ---------------------------

_ROWS = {
    "age": [("<30yrs (%)", "<30yrs"), ("30-50yrs (%)", "30-50yrs"), (">50yrs (%)", ">50yrs")],  # as printed
    "employment_type": [("Full-time", "full-time"), ("Part-time", "part-time")],
}


@settings(max_examples=60, deadline=None)
@given(rows=st.sampled_from(sorted(_ROWS)), title=st.sampled_from(["Employees", "GRI 2-7: Employees",
       "Total number of employees"]), data=st.data(), sep=st.sampled_from([" ", "  "]),
       total_unit=st.sampled_from(["absolute number", "persons"]))
def test_generated_group_tables(rows: str, title: str, data: st.DataObject, sep: str, total_unit: str) -> None:
    """Gender shares within each row group, and the group's headcount: the female share is
    ``employees_female_share`` of the row's group, the male share ``employees_share``."""
    lines = [title, sep.join(["Male (%)", "Female (%)", f"Total ({total_unit})"])]
    expected: dict[Key, float] = {}
    for label, group in _ROWS[rows]:
        male = data.draw(st.integers(0, 100))
        count = data.draw(st.integers(1, 5_000))
        lines.append(sep.join([label, f"{male}%", f"{100 - male}%", f"{count:,}"]))
        expected[("employees_share", "2021", tuple(sorted({rows: group, "gender": "male"}.items())))] = male
        expected[("employees_female_share", "2021", ((rows, group),))] = 100 - male
        expected[("employees_total", "2021", ((rows, group),))] = count
    facts = _resolved(group_table_records(split_lines("\n".join(lines) + "\n"), None, set()))
    assert set(facts) == set(expected)
    for k, v in expected.items():
        assert facts[k] == v


@pytest.mark.parametrize("title", ["Turnover rate", "Male (%) Female (%)", "Training programmes"])
def test_group_tables_under_no_count_give_nothing(title: str) -> None:
    """A title that names no count (a rate, a chart legend, no metric): whose shares the
    columns print is a guess."""
    text = f"{title}\nMale (%) Female (%) Total (absolute number)\n<30yrs (%) 50% 50% 6\n"
    assert group_table_records(split_lines(text), None, set()) == []


def test_group_table_rows_that_do_not_fit_give_nothing() -> None:
    head = "Employees\nMale (%) Female (%) Total (absolute number)\n"
    assert group_table_records(split_lines(head + "<30yrs (%) 50% 50% 6 7\n"), None, set()) == []  # one figure too many
    assert group_table_records(split_lines(head + "<30yrs (%) 50 50 6\n"), None, set()) == []  # no % in a % column
    assert group_table_records(split_lines(head + "Male 50% 50% 6\n"), None, set()) == []  # the columns' own key


def test_real_group_tables(corpus: Path) -> None:
    """Real group-by-group tables (PDF page text): each share is a percentage as printed and
    each row names a group of another key than the columns'."""
    import esgtrace.ingest as ingest

    seen = 0
    for path in sorted((corpus / "more" / "pdf").glob("*.pdf")):
        doc = ingest.parse(path)
        for page in doc.pages:
            if not any(re.search(r"\bMale \(%\) Female \(%\)", ln.text) for ln in page.lines):
                continue
            for record in group_table_records(page.lines, page.number, set()):
                text = next(ln.text for ln in page.lines if ln.number == record.line)
                assert record.values[0].number.printed in text.split()
                assert ("gender" in record.breakdown) == (record.unit == "%")
                seen += 1
    assert seen >= 6
