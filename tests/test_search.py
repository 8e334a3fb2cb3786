"""Search, ask and reindex over real corpus reports in real SQLite and PostgreSQL databases."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text

from esgtrace.search import BadQuery
from esgtrace.database import Database
from esgtrace.store.passages import passages, tokens
from esgtrace.store.schema import Passage, Report
from tests.cli import run_cli
from tests.conftest import CORPUS

REPORTS = [CORPUS / "text" / "kingsoft_cloud_esg_2023.txt", CORPUS / "text" / "kuaishou_esg_2020.txt",
           CORPUS / "pdf" / "ping_an_bank_sustainability_2021_zh.pdf"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def searched(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Three corpus reports (English text, short-line text, Chinese PDF) ingested once per back end."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("search") / "esgtrace.db")
        database = Database(url)
        database.ingest(REPORTS)
        yield database
        database.close()
        return
    import psycopg

    server = request.getfixturevalue("postgres_url")
    name = f"esgtrace_s_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    database = Database(server.rsplit("/", 1)[0] + "/" + name)
    database.ingest(REPORTS)
    yield database
    database.close()
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_passages_cover_the_text_lines_in_order() -> None:
    import esgtrace

    doc = esgtrace.parse(CORPUS / "text" / "kuaishou_esg_2020.txt")
    cut = passages(doc.pages, doc.paginated)
    assert all(p.page is None for p in cut) and len(cut) > 50
    assert all(a.line_end < b.line_start for a, b in zip(cut, cut[1:]))
    assert all(len(p.text) <= 1200 or p.line_start == p.line_end for p in cut)
    assert tokens("范围一排放 Scope-1") == ["范围", "围一", "一排", "排放", "scope", "1"]


def test_phrases_booleans_and_filters(searched: Database) -> None:
    hits = searched.search('"data security"', limit=5)
    assert hits and all("data security" in h.text.casefold() for h in hits)
    assert "**" in hits[0].snippet
    either = {h.document for h in searched.search('"data security" OR 温室气体', limit=50)}
    assert {"kuaishou_esg_2020.txt", "ping_an_bank_sustainability_2021_zh.pdf"} <= either
    without = searched.search('"data security" NOT privacy', limit=20)
    assert without and all("privacy" not in h.text.casefold() for h in without)
    only = searched.search("emissions", issuer="HKEX:3896", limit=20)
    assert only and {h.document for h in only} == {"kingsoft_cloud_esg_2023.txt"}
    assert searched.search("emissions", period="2020", limit=20)[0].document == "kuaishou_esg_2020.txt"
    assert searched.search("emissions", period="2019", limit=5) == []
    with pytest.raises(BadQuery):
        searched.search("NOT privacy")


def test_chinese_is_found_inside_runs_of_characters(searched: Database) -> None:
    hits = searched.search("绿色金融", limit=5)
    assert hits and all(h.document == "ping_an_bank_sustainability_2021_zh.pdf" and h.page for h in hits)
    assert all("绿色金融" in h.text for h in hits) and "**" in hits[0].snippet


def test_hits_carry_the_facts_quoted_in_them(searched: Database) -> None:
    hits = searched.search("GHG emissions", metric="ghg_total", issuer="Kingsoft Cloud", limit=3)
    facts = [f for h in hits for f in h.facts if f.metric == "ghg_total" and f.period == "2023"]
    assert facts and facts[0].value == 59007.89 and facts[0].line == 58
    assert any(h.line_start <= 58 <= h.line_end for h in hits)


def test_ask_answers_figures_with_their_citation(searched: Database) -> None:
    found = searched.ask("What were Kingsoft Cloud's total GHG emissions in 2023?")
    assert found.kind == "fact" and [v.value for v in found.values] == [59007.89]
    assert found.values[0].citation.where == "kingsoft_cloud_esg_2023.txt line 58"
    assert "59,007.89 tCO2e" in found.text
    change = searched.ask("How much did Kingsoft Cloud's total GHG emissions change since 2022?")
    assert change.kind == "change" and "+64.6%" in change.text and len(change.citations) == 2
    female = searched.ask("How many female employees did Kingsoft Cloud have in 2023?")
    assert female.values and female.values[0].breakdown == {"gender": "female"}


def test_ask_in_chinese(searched: Database) -> None:
    stored = {f.period: f for f in searched.facts(issuer="平安银行", metric="ghg_total")}
    found = searched.ask("平安银行2021年的温室气体排放总量是多少？")
    if "2021" in stored:
        assert found.values[0].value == stored["2021"].value and found.values[0].citation.page == stored["2021"].page
    else:
        assert found.kind == "not_found" and "平安银行" in found.text


def test_ask_says_what_is_missing_and_never_guesses(searched: Database) -> None:
    unknown = searched.ask("What were Tencent's Scope 2 emissions in 2023?")
    assert unknown.kind == "not_found" and "Tencent" in unknown.missing[0] and not unknown.values
    no_year = searched.ask("What were Kingsoft Cloud's total GHG emissions in 2015?")
    assert no_year.kind == "not_found" and "for 2015" in no_year.missing[0] and "2023" in no_year.missing[0]


def test_ask_compares_and_answers_policy_questions_with_passages(searched: Database) -> None:
    top = searched.ask("Which companies had the highest total GHG emissions in 2023?")
    assert top.kind == "comparison" and top.values[0].issuer == "Kingsoft Cloud Holdings Limited"
    policy = searched.ask("How does Kuaishou protect data security?")
    assert policy.kind == "passages" and {p.document for p in policy.passages} == {"kuaishou_esg_2020.txt"}
    assert any("data security" in p.text.casefold() for p in policy.passages[:3])


def test_reindex_brings_back_passages_of_a_report_stored_without(searched: Database) -> None:
    with searched.sessions.begin() as session:
        kuaishou = session.scalar(select(Report.id).where(Report.document == "kuaishou_esg_2020.txt"))
        before = session.scalar(select(func.count(Passage.id)).where(Passage.report_id == kuaishou))
        session.execute(delete(Passage).where(Passage.report_id == kuaishou))
    assert all(h.report_id != kuaishou for h in searched.search('"data security"', limit=50))
    summary = searched.reindex()
    assert summary.reparsed == 1 and summary.missing == []
    with searched.sessions() as session:
        assert session.scalar(select(func.count(Passage.id)).where(Passage.report_id == kuaishou)) == before
    assert any(h.report_id == kuaishou for h in searched.search('"data security"', limit=5))


def test_cli_search_ask_reindex(tmp_path: Path) -> None:
    target = tmp_path / "cli.db"
    assert run_cli("ingest", REPORTS[0], "--db", target).returncode == 0
    hits = json.loads(run_cli("search", "GHG emissions", "--db", target, "--json", "-n", "2").stdout)
    assert len(hits) == 2 and hits[0]["document"] == "kingsoft_cloud_esg_2023.txt" and "**" in hits[0]["snippet"]
    answer = json.loads(run_cli("ask", "What were Kingsoft Cloud's total GHG emissions in 2022?", "--db", target, "--json").stdout)
    assert answer["values"][0]["value"] == 35850.34 and answer["citations"][0]["line"] == 58
    assert "indexed" in run_cli("reindex", "--db", target).stdout
    bad = run_cli("search", "(unclosed", "--db", target)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "parenthesis" in bad.stderr


def test_postgres_vectors_are_filled_from_passages_stored_before_them(postgres_url: str) -> None:
    """Migration 0005 copies the vectors of passages stored under 0004; ranks and hits do not change."""
    import psycopg
    from alembic import command

    from esgtrace.store.database import _migration_config

    name = f"esgtrace_v_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        database = Database(postgres_url.rsplit("/", 1)[0] + "/" + name)
        database.ingest(REPORTS[:2])
        queries = ['"data security"', "emissions", "water NOT wastewater", "training"]
        before = [[(h.passage_id, h.score, h.snippet) for h in database.search(q, limit=5)] for q in queries]
        config = _migration_config()
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0004_search")
            assert connection.exec_driver_sql("select to_regclass('passage_fts')").scalar() is None
        database.close()
        database = Database(postgres_url.rsplit("/", 1)[0] + "/" + name)
        with database.sessions() as session:
            stored = session.scalar(select(func.count(Passage.id)))
            assert stored and session.execute(text("select count(*) from passage_fts")).scalar() == stored
        assert [[(h.passage_id, h.score, h.snippet) for h in database.search(q, limit=5)] for q in queries] == before
        assert all(before)
        database.close()
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
