"""The digest: every number at its cited place on every corpus report, the command on text,
PDF and Chinese reports, escaping of untrusted report text, bad input, the coverage scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esgtrace.digest import Cite, Digest, Section, Sentence, digest, render
from esgtrace.digest.evaluate import at_place, carried, faithfulness, numbers
from esgtrace.ingest import parse
from tests.cli import run_cli
from tests.conftest import CORPUS

REPORTS = sorted(p for folder in ("text", "pdf") for p in (CORPUS / folder).iterdir() if p.suffix in (".txt", ".pdf"))
# a title with a day of the month ("year ended 31 December 2022"), scored only after its first-seen coverage run
MORE = [CORPUS / "more" / "text" / "tesla_impact_2021.txt", CORPUS / "more" / "pdf" / "uni_asia_sustainability_2022.pdf"]


@pytest.mark.parametrize("path", REPORTS + MORE, ids=lambda p: p.name)
def test_every_number_is_at_its_cited_place(path: Path) -> None:
    doc = parse(path)
    d = digest(doc)
    checked, problems = faithfulness(d, doc)
    assert not problems, problems[:5]
    assert d.headline and d.sections
    if any(s.kind == "figure" for s in d.sentences):
        assert checked > 0
    for s in d.sentences:
        if numbers(s.text) and s.kind not in ("audit", "disclosure", "lead"):
            assert s.cites, f"a sentence with a number has no citation: {s.text!r}"


def test_faithfulness_catches_a_number_the_quote_does_not_print() -> None:
    doc = parse(CORPUS / "text" / "kingsoft_cloud_esg_2023.txt")
    d = digest(doc, with_targets=False, with_check=False)
    figure = next(s for s in d.sentences if s.kind == "figure")
    wrong = Sentence(figure.text + " 123,456.", figure.cites, figure.computed, figure.periods, figure.names)
    bad = Digest(d.document, d.lang, d.headline, d.lead, (Section("environment", "Environment", (wrong,)),))
    _, problems = faithfulness(bad, doc)
    assert any("123456" in p for p in problems)
    moved = Sentence(figure.text, (Cite(None, 1, figure.cites[0].quote),), figure.computed, figure.periods, figure.names)
    _, problems = faithfulness(Digest(d.document, d.lang, d.headline, (), (Section("e", "E", (moved,)),)), doc)
    assert any("not at its place" in p for p in problems)


def test_figures_carry_a_computed_change_on_the_year() -> None:
    d = digest(CORPUS / "text" / "kingsoft_cloud_esg_2023.txt")
    env = next(sec for sec in d.sections if sec.key == "environment")
    total = next(s for s in env.sentences if s.metric == "ghg_total")
    assert "59,007.89" in total.text and "35,850.34" in total.text and "(computed)" in total.text
    assert total.computed == ("64.6%",) and len(total.cites) == 2


def test_a_chinese_report_gives_a_chinese_digest_and_lang_overrides() -> None:
    path = CORPUS / "pdf" / "ping_an_bank_sustainability_2021_zh.pdf"
    doc = parse(path)
    zh = digest(doc)
    assert zh.lang == "zh" and "环境" in render(zh, "md")
    assert any("万" in s.text for s in zh.sentences if s.kind == "figure")
    en = digest(doc, lang="en")
    assert en.lang == "en" and "## Environment" in render(en, "md")


def test_html_escapes_report_text_and_puts_the_quote_in_the_title() -> None:
    evil = '<script>alert("x")</script> & "quoted"'
    s = Sentence(f"Scope 1 emissions: 12 {evil}.", (Cite(3, None, evil),), kind="figure")
    d = Digest("r<1>.pdf", "en", evil, (), (Section("environment", "Environment", (s,)),))
    page = render(d, "html")
    assert "<script>" not in page
    assert 'title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;"' in page
    assert 'href="r&lt;1&gt;.pdf#page=3"' in page


def test_carried_matches_metric_and_value_or_value_at_its_place() -> None:
    s = Sentence("Scope 1 emissions: 66.57 tonnes CO2e in 2023.", (Cite(None, 58, "Scope 1 GHG emissions tCO2e 53.43 66.57"),),
                 kind="figure", metric="ghg_scope1", value=66.57)
    assert carried({"kind": "figure", "metric": "ghg_scope1", "value": 66.57, "line": 10}, [s])
    assert carried({"kind": "figure", "metric": "ghg_total", "value": 66.57, "line": 59}, [s])
    assert not carried({"kind": "figure", "metric": "ghg_total", "value": 66.57, "line": 90}, [s])
    assert not carried({"kind": "figure", "metric": "ghg_scope1", "value": 53.43, "line": 90}, [s])
    assert carried({"kind": "rating", "line": 58, "quote": "Scope 1 GHG emissions"}, [s])
    assert not carried({"kind": "rating", "line": 58, "quote": "MSCI rated the company AA in its review"}, [s])


@pytest.mark.parametrize("path,fmt", [
    (CORPUS / "text" / "kuaishou_esg_2020.txt", "md"),
    (CORPUS / "pdf" / "shennan_circuits_sustainability_2021_zh.pdf", "json"),
    (CORPUS / "pdf" / "gsk_esg_performance_2023.pdf", "html"),
], ids=lambda x: getattr(x, "name", x))
def test_the_command_writes_each_format(path: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"digest.{fmt}"
    result = run_cli("digest", path, "--format", fmt, "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert data["sections"] and data["headline"]
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and 'class="cite"' in text
    else:
        assert text.startswith("# ") and "## Environment" in text


@pytest.mark.parametrize("args", [("digest", "no/such/report.pdf"), ("digest", "README.md", "--format", "pdf"),
                                  ("digest", "README.md", "--lang", "fr")])
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_stored_issuer_gets_the_digest_of_its_latest_report(db_url: str, tmp_path: Path) -> None:
    """``esgtrace ingest`` then ``esgtrace digest --issuer``, on SQLite and PostgreSQL: the same
    digest as for the file, every number at its cited place."""
    report = CORPUS / "text" / "kingsoft_cloud_esg_2023.txt"
    stored = run_cli("ingest", report, "--db", db_url)
    assert stored.returncode == 0, stored.stderr
    result = run_cli("digest", "--issuer", "kingsoft", "--db", db_url, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(render(digest(report), "json"))
    from esgtrace.database import Database

    with Database(db_url) as db:
        d = db.digest("Kingsoft Cloud", period="2023")
    checked, problems = faithfulness(d, parse(report))
    assert checked > 0 and not problems, problems[:5]


@pytest.mark.parametrize(("args", "says"), [(("--issuer", "no such issuer"), "no issuer matches"),
                                            (("--issuer", "kingsoft", "--period", "2019"), "a stored period of"),
                                            ((), "give either a FILE or --issuer")])
def test_a_stored_issuer_digest_that_cannot_be_made_is_one_line(args: tuple[str, ...], says: str, tmp_path: Path) -> None:
    db = tmp_path / "esgtrace.db"
    assert run_cli("ingest", CORPUS / "text" / "kingsoft_cloud_esg_2023.txt", "--db", db).returncode == 0
    result = run_cli("digest", *args, "--db", db) if args else run_cli("digest")
    assert result.returncode == 2 and says in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_label_wrapped_over_flattened_lines_is_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "Use of Resources. \nEnergy use per. \nunit of output tce/\nunit 2.03 2.01 2.10. \nWater use t 5.1 4.9 4.2. \n",
        encoding="utf-8",
    )
    doc = parse(path)
    assert at_place(doc, Cite(page=None, line=4, quote="Energy use per unit of output … unit 2.03 2.01 2.10."))
    assert not at_place(doc, Cite(page=None, line=4, quote="Energy use per unit of sales … unit 2.03 2.01 2.10."))
    assert not at_place(doc, Cite(page=None, line=4, quote="Energy use per unit of output … unit 2.03 2.01 2.11."))


def test_a_fact_whose_quote_is_not_at_its_place_gives_no_figure(tmp_path: Path) -> None:
    from types import SimpleNamespace

    path = tmp_path / "acme_sustainability_2023.txt"
    path.write_text("Acme Widgets Sustainability Report 2023\n\nEmissions 2022 2023\nScope 1 tCO2e 1,200 1,100\n", encoding="utf-8")
    doc = parse(path)

    def fact(quote: str, line: int) -> SimpleNamespace:
        return SimpleNamespace(metric="ghg_scope1", period="2023", breakdown={}, value=1100.0, unit="tCO2e", reported_value="1,100",
                               reported_unit="tCO2e", quote=quote, page=None, line=line, sources=[], confidence=0.9)

    here = digest(doc, facts=[fact("Scope 1 tCO2e 1,200 1,100", 4)], with_targets=False, with_check=False)
    assert any(s.kind == "figure" and "1,100" in s.text for s in here.sentences)
    elsewhere = digest(doc, facts=[fact("Scope 1 tCO2e … 1,100 1,000", 4)], with_targets=False, with_check=False)
    assert not any(s.kind == "figure" for s in elsewhere.sentences)
    assert not faithfulness(elsewhere, doc)[1]


def test_programmes_and_assurance_are_statements_and_a_weightier_word_comes_first(tmp_path: Path) -> None:
    path = tmp_path / "acme_sustainability_2023.txt"
    path.write_text("Acme Widgets Sustainability Report 2023\n\n"
                    "We established a solid foundation for growth over the years.\n\n"
                    "In 2021, we launched the Green Makers Program for our warehouse staff.\n\n"
                    "In 2022, Acme joined the Science Based Targets initiative and committed to set near-term targets.\n\n"
                    "Our Scope 1 and 2 data were subject to limited assurance by an independent auditor.\n\n"
                    "We will align with the TCFD next year.\n", encoding="utf-8")
    d = digest(parse(path), facts=[], with_targets=False, with_check=False)
    statements = next(sec for sec in d.sections if sec.key == "statements")
    kinds = {s.text.split()[2]: s.kind for s in statements.sentences}
    assert kinds == {"we": "programme", "Acme": "programme", "1": "assurance"}, kinds
    first = next(s for s in statements.sentences if s.kind == "programme")
    assert first.text.startswith("In 2021")  # in the report's order
    from esgtrace.digest.build import _statements

    one = [s.text for s in _statements(parse(path), {"programme": 1}) if s.kind == "programme"]
    assert one == ["In 2022, Acme joined the Science Based Targets initiative and committed to set near-term targets."]
