"""The digest's headline sentences: a report's own sentence stating a leading topic's result
(with its change) is quoted verbatim at its place; targets, definitions, table rows, earlier
years and repeated figures are not; a long sentence is cut at a clause end."""

from __future__ import annotations

from pathlib import Path

from esgtrace.digest import Digest, digest
from esgtrace.digest.evaluate import at_place, faithfulness
from esgtrace.digest.headlines import candidates, headlines, split_sentences
from esgtrace.ingest import parse
from esgtrace.ingest.model import Document

GHG = ("Our scope 1 and 2 GHG emissions were 12,300 metric tons of CO2e in 2023. "
       "This represents a 15 percent decrease compared to 2022.")
WATER = "In 2023, our total water consumption was 4,100 cubic meters, down 6 percent on the previous year."
REPORT = f"""Acme Widgets Sustainability Report 2023

Highlights of the year

{GHG}

We aim to reduce our GHG emissions by 50% by 2030.

Reduce water use per unit by 10 percent.

In 2019, our water consumption was 5,400 cubic meters across all sites.

{WATER}

Scope 1 means direct emissions from sources we own, such as the 12 boilers at our plants.

Energy 2021 2022 2023 Electricity MWh 1,200 1,150 1,100 Gas MWh 300 280 260

Women made up 38% of our workforce in 2023, up from 35% in 2022.

In 2023, we donated $2.4 million to local charities.
"""


def _doc(tmp_path: Path, text: str = REPORT) -> Document:
    path = tmp_path / "acme_sustainability_2023.txt"
    path.write_text(text, encoding="utf-8")
    return parse(path)


def _digest(doc: Document) -> Digest:
    return digest(doc, facts=[], with_targets=False, with_check=False)


def _texts(doc: Document) -> list[str]:
    return [s.text for sentences in headlines(doc).values() for s in sentences]


def test_a_result_sentence_with_its_change_opens_its_pillar_quoted_at_its_place(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    d = _digest(doc)
    env = next(sec for sec in d.sections if sec.key == "environment")
    first = env.sentences[0]
    assert first.kind == "headline" and first.text == GHG  # the "This represents ..." sentence joined to it
    assert first.cites[0].line == 5 and first.cites[0].quote == GHG
    assert WATER in [s.text for s in env.sentences]
    social = next(sec for sec in d.sections if sec.key == "social")
    assert [s.kind for s in social.sentences] == ["headline", "headline"]
    checked, problems = faithfulness(d, doc)
    assert checked >= 8 and not problems, problems


def test_targets_definitions_tables_and_earlier_years_are_no_headlines(tmp_path: Path) -> None:
    texts = " ".join(_texts(_doc(tmp_path)))
    for left_out in ("by 2030", "Reduce water", "5,400", "means", "1,150"):
        assert left_out not in texts


def test_one_sentence_a_topic_and_the_same_figures_not_twice(tmp_path: Path) -> None:
    again = "Water: in 2023, our total water consumption was 4,100 cubic meters."
    weak = "Our water use was 4,350 cubic meters at the depot."
    doc = _doc(tmp_path, REPORT + f"\n{again}\n\n{weak}\n\n{GHG}\n")
    texts = _texts(doc)
    assert sum(1 for t in texts if "4,100" in t) == 1 and weak not in texts
    assert texts.count(GHG) == 1


def test_a_pillar_with_room_takes_a_topics_next_strong_sentence(tmp_path: Path) -> None:
    second = "In 2023, our water withdrawal was 4,300 cubic meters, down 3 percent on 2022."
    texts = _texts(_doc(tmp_path, REPORT + f"\n{second}\n"))
    assert WATER in texts and second in texts
    assert texts.index(WATER) < texts.index(second)


def test_avoided_emissions_fatalities_in_words_estimates_of_the_year_and_the_years_own_deadline(tmp_path: Path) -> None:
    lines = ["In 2023, our products enabled customers to avoid emitting 1.2 million metric tons of CO2e.",
             "We deeply regret to report two fatalities during the past year.",
             "This year our estimated Scope 3 emissions were 2.9 million tonnes CO2e.",
             "By the end of 2023, we had already installed solar panels with 12 MW on 40 of our warehouses.",
             "We estimate that our Scope 3 emissions will be 3.1 million tonnes CO2e by 2026."]
    texts = _texts(_doc(tmp_path, "Acme Widgets Sustainability Report 2023\n\n" + "\n\n".join(lines) + "\n"))
    assert all(line in texts for line in lines[:4]), texts
    assert lines[4] not in texts


def test_a_long_sentence_is_cut_at_a_clause_end_and_marked(tmp_path: Path) -> None:
    long = ("In 2023, our total energy consumption was 81,200 MWh, down 4 percent compared to 2022, "
            + ", ".join(f"helped by the work of team {n} on lighting, heating and cooling in the buildings it runs" for n in "ABCDE")
            + ".")
    assert len(long) > 320
    doc = _doc(tmp_path, f"Acme Widgets Sustainability Report 2023\n\n{long}\n")
    d = _digest(doc)
    head = next(s for s in d.sentences if s.kind == "headline")
    assert head.text.endswith(" …") and "81,200" in head.text and len(head.text) <= 322
    assert long.startswith(head.cites[0].quote) and at_place(doc, head.cites[0])
    assert not faithfulness(d, doc)[1]


def test_a_bulleted_item_is_its_own_headline(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "Acme Widgets Sustainability Report 2023\n\nOur year in numbers: "
                         "• Total GHG emissions fell 12% to 3,400 tonnes of CO2e in 2023 "
                         "• 1,250 employees joined our volunteering days\n")
    texts = _texts(doc)
    assert "Total GHG emissions fell 12% to 3,400 tonnes of CO2e in 2023" in texts
    assert not any("volunteering" in t and "GHG" in t for t in texts)


def test_a_full_stop_of_an_abbreviation_or_before_a_small_letter_ends_no_sentence() -> None:
    text = "Our U.S. sites used 5 GWh in 2023 vs. 6 GWh in 2022. Next year. and more! Done"
    assert [s for _, s in split_sentences(text)] == ["Our U.S. sites used 5 GWh in 2023 vs. 6 GWh in 2022.", " Next year. and more!", " Done"]


def test_a_year_before_employees_is_no_head_count(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "Acme Widgets Sustainability Report 2023\n\n"
                         "In 2023, employees sent more than 4,000 holiday cards to their colleagues.\n\n"
                         "As of December 31, 2023, we had 8,250 employees worldwide.\n")
    assert [c.text for c in candidates(doc)] == ["As of December 31, 2023, we had 8,250 employees worldwide."]


def test_an_assumption_or_a_reporting_boundary_is_no_result(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "Acme Widgets Sustainability Report 2023\n\n"
                         "The reduction in energy consumption of street lamps assumed is 20% a year.\n\n"
                         "Figures used are consistent with our energy and emissions reporting boundaries and are taken on a 100 per cent basis.\n")
    assert _texts(doc) == []


def test_a_second_sentence_of_a_leading_topic_brings_the_level_the_first_lacks(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "Acme Widgets Sustainability Report 2023\n\n"
                         "Our total GHG emissions decreased by 9% from last year.\n\n"
                         "Progress towards our goal: a 4% reduction in our GHG emissions this year.\n\n"
                         "Our total Scope 1 and Scope 2 GHG emissions were 1.20 million tonnes CO2e in 2023.\n")
    two = [s.text for sentences in headlines(doc, per_pillar=2).values() for s in sentences]  # room for two only
    assert two == ["Our total GHG emissions decreased by 9% from last year.",
                   "Our total Scope 1 and Scope 2 GHG emissions were 1.20 million tonnes CO2e in 2023."]


def test_letters_set_apart_are_a_line_read_out_of_its_layout_no_headline(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "Acme Widgets Sustainability Report 2023\n\n"
                         "In 2023, 240 employees f r o m d i f f e r e n t teams donated $12,000 to local charities.\n")
    assert _texts(doc) == []


def test_a_footnote_mark_after_the_full_stop_is_left_out_of_the_quote(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "Acme Widgets Sustainability Report 2023\n\n"
                         "In 2023, 45% of our new hires were women.12 Our people are our strength.\n")
    d = _digest(doc)
    head = next(s for s in d.sentences if s.kind == "headline")
    assert head.text == head.cites[0].quote == "In 2023, 45% of our new hires were women."
    assert not faithfulness(d, doc)[1]


def test_an_index_entry_that_refers_to_a_page_is_no_headline(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "Acme Widgets Sustainability Report 2023\n\n"
                         "2-7 Employees Full-time employees as of 31 December 2023, page 8 Annual Report - Employees by gender, page 75.\n\n"
                         "Gender pay gap The gender pay gap for total pay in 2023 was 4% (Performance data, p. 20).\n")
    assert _texts(doc) == []


def test_goal_sentences_of_a_time_to_come_are_targets_quoted_at_their_place(tmp_path: Path) -> None:
    from esgtrace.digest.headlines import goals

    text = ("Acme Widgets Sustainability Report 2023\n\nOur climate plan\n\n"
            "By 2030, we aim to cut our scope 1 and 2 GHG emissions by 50% compared with 2020.\n\n"
            "Achieving carbon neutrality across our operations by 2040.\n\n"
            "In 2023, our water consumption was 4,100 cubic meters.\n\n"
            "and hire 200 people in the region over the years to 2030.\n")
    doc = _doc(tmp_path, text)
    found = [s.text for s in goals(doc)]
    assert any(t.startswith("By 2030, we aim to cut") for t in found)
    assert any(t.startswith("Achieving carbon neutrality") for t in found)
    assert not any("water" in t or t.startswith("and hire") for t in found)
    d = digest(doc, facts=[], with_check=False)
    targets = next(sec for sec in d.sections if sec.key == "targets")
    assert any("50%" in s.text for s in targets.sentences)
    _, problems = faithfulness(d, doc)
    assert not problems


def test_a_headline_cites_the_other_places_that_state_its_figures(tmp_path: Path) -> None:
    again = "Across our sites, the total water consumption in 2023 was 4,100 cubic meters."
    doc = _doc(tmp_path, REPORT + f"\nOur water\n\n{again}\n")
    d = _digest(doc)
    water = [s for s in d.sentences if s.kind == "headline" and "4,100" in s.text]
    assert len(water) == 1 and len(water[0].cites) == 2
    assert {c.quote for c in water[0].cites} == {WATER, again}
    assert not faithfulness(d, doc)[1]
