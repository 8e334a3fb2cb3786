"""Question parsing (esgtrace.search.question): plain text in, what it asks out; no database."""

from __future__ import annotations

import pytest

from esgtrace.search.question import IssuerNames, content_words, issuer_aliases, parse_question

KINGSOFT = IssuerNames(1, "Kingsoft Cloud Holdings Limited", ("Kingsoft Cloud Holdings Limited",), ("HKEX:3896",))
KUAISHOU = IssuerNames(2, "Kuaishou Technology", ("Kuaishou Technology",), ("HKEX:1024",))
PING_AN = IssuerNames(3, "平安银行股份有限公司", ("平安银行股份有限公司", "Ping An Bank Co., Ltd."), ())
STORED = [KINGSOFT, KUAISHOU, PING_AN]


def test_issuer_aliases_are_names_without_legal_and_generic_words_and_tickers() -> None:
    assert {"kingsoft cloud", "kingsoft cloud holdings", "3896", "hkex:3896"} <= issuer_aliases(KINGSOFT)
    assert "kuaishou" in issuer_aliases(KUAISHOU)
    assert {"平安银行", "ping an bank"} <= issuer_aliases(PING_AN)


@pytest.mark.parametrize(("question", "issuer", "metric", "period"), [
    ("What were Kingsoft Cloud's Scope 1 emissions in 2023?", 1, "ghg_scope1", "2023"),
    ("what were kingsoft cloud's scope 2 emissions in 2022", 1, "ghg_scope2", "2022"),
    ("How much water did Kuaishou use in 2020?", 2, "water_consumption", "2020"),
    ("What was the total energy consumption of Kuaishou in FY2020?", 2, "energy_total", "2020"),
    ("How many employees did 3896 have in 2023?", 1, "employees_total", "2023"),
    ("平安银行2021年的温室气体排放总量是多少？", 3, "ghg_total", "2021"),
    ("Ping An Bank 2021年的用水量是多少？", 3, "water_consumption", "2021"),
    ("What were Kingsoft Cloud's Scope 1 and 2 emissions in 2023?", 1, "ghg_scope1_2", "2023"),
])
def test_quantitative_questions_name_issuer_metric_and_period(question: str, issuer: int, metric: str, period: str) -> None:
    parsed = parse_question(question, STORED)
    assert (parsed.kind, parsed.issuers, parsed.metrics, parsed.periods) == ("quantitative", (issuer,), (metric,), (period,))


def test_groups_ratios_and_changes() -> None:
    female = parse_question("How many female employees did Kingsoft Cloud have in 2023?", STORED)
    assert female.metrics == ("employees_total",) and female.breakdown == {"gender": "female"}
    per = parse_question("What were Kingsoft Cloud's GHG emissions per employee in 2023?", STORED)
    assert (per.metrics, per.per, per.periods) == (("ghg_total",), "employee", ("2023",))
    change = parse_question("How much did Kuaishou's water use change since 2019?", STORED)
    assert (change.metrics, change.change_since, change.periods) == (("water_consumption",), "2019", ())
    assert parse_question("平安银行2021年的用水量较2020年变化多少？", STORED).change_since == "2020"


def test_comparative_and_disclosure_questions() -> None:
    top = parse_question("Which companies had the highest Scope 1 emissions in 2023?", STORED)
    assert (top.kind, top.metrics, top.periods, top.lowest) == ("comparative", ("ghg_scope1",), ("2023",), False)
    assert parse_question("Which company used the least water in 2022?", STORED).lowest
    disclose = parse_question("Which companies disclose Scope 3 category 11?", STORED)
    assert (disclose.kind, disclose.metrics, disclose.category, disclose.disclose) == ("comparative", ("ghg_scope3",), "11", True)


def test_qualitative_questions_keep_their_content_words() -> None:
    parsed = parse_question("How does Kuaishou govern data security?", STORED)
    assert (parsed.kind, parsed.issuers, parsed.metrics) == ("qualitative", (2,), ())
    assert parsed.words == ("govern", "data", "security")
    assert content_words("公司如何保护用户隐私？") == ["保护用", "护用户", "用户隐", "户隐私"]


def test_an_issuer_not_stored_is_named_not_matched() -> None:
    parsed = parse_question("What were Tencent's Scope 2 emissions in 2023?", STORED)
    assert parsed.issuers == () and parsed.named == "Tencent" and parsed.kind == "quantitative"
