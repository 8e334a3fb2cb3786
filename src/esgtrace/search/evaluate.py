"""Measures of search and ask: ``make eval``.

1. **Quantitative accuracy.** Every fact of every gold file in ``../shared/gold``
   without a breakdown, split by gender only, or a numbered Scope 3 category becomes the questions a user would
   type, in English and Chinese phrasings. The reports are ingested and ``ask``
   answers each question; an answer is *right* when its value is within 1% of the gold
   value and its citation is the gold's page or line of the gold's document (or one of
   the fact's other sources). Facts extraction did not find must get a clear
   "not found": any figure given for them is *wrong*.
2. **Retrieval.** For the policy questions in ``tests/gold/questions/*.yaml``
   (``document:``, ``questions: [{question:, pages: [...]} | {question:, lines: [...]}]``),
   recall@5: a question is found when one of the five best passages of that document
   covers a page or line that answers it. ``dev_*.yaml`` files (written while the
   search was built) are reported apart from the blind ones.

usage: python -m esgtrace.search.evaluate [--shared ../shared] [--questions tests/gold/questions]
       [--db DB] [--show]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from esgtrace.database import Database
from esgtrace.store.periods import period_year
from esgtrace.catalogue import read_yaml

# How users name the metrics (English, Chinese); the question parser never sees these tables.
PHRASES: dict[str, tuple[str, str]] = {
    "ghg_scope1": ("Scope 1 emissions", "范围一温室气体排放量"),
    "ghg_scope2": ("Scope 2 emissions", "范围二温室气体排放量"),
    "ghg_scope2_market": ("market-based Scope 2 emissions", ""),
    "ghg_scope1_2": ("Scope 1 and 2 emissions", "范围一及范围二温室气体排放量"),
    "ghg_scope3": ("Scope 3 emissions", "范围三温室气体排放量"),
    "ghg_total": ("total greenhouse gas emissions", "温室气体排放总量"),
    "ghg_intensity": ("GHG emissions intensity", "温室气体排放强度"),
    "energy_total": ("total energy consumption", "综合能源消耗总量"),
    "energy_direct": ("direct energy consumption", "直接能源消耗"),
    "energy_indirect": ("indirect energy consumption", "间接能源消耗"),
    "energy_intensity": ("energy intensity", "能源消耗强度"),
    "electricity_purchased": ("purchased electricity", "外购电力"),
    "electricity_renewable": ("renewable electricity use", "可再生电力"),
    "water_consumption": ("water consumption", "用水量"),
    "water_intensity": ("water intensity", "用水强度"),
    "hazardous_waste": ("hazardous waste", "有害废弃物"),
    "non_hazardous_waste": ("non-hazardous waste", "无害废弃物"),
    "hazardous_waste_intensity": ("hazardous waste intensity", "有害废弃物密度"),
    "non_hazardous_waste_intensity": ("non-hazardous waste intensity", "无害废弃物密度"),
    "nox_emissions": ("NOx emissions", "氮氧化物排放"),
    "sox_emissions": ("SOx emissions", "二氧化硫排放"),
    "particulate_emissions": ("particulate emissions", "颗粒物排放"),
    "natural_gas": ("natural gas consumption", "天然气消耗"),
    "diesel": ("diesel consumption", "柴油消耗"),
    "gasoline": ("gasoline consumption", "汽油消耗"),
    "wastewater_discharge": ("wastewater discharge", "废水排放量"),
    "packaging_material": ("packaging material used", "包装材料"),
    "data_center_pue": ("data centre PUE", "电能利用效率"),
    "employees_total": ("total number of employees", "员工总数"),
    "employees_female_share": ("proportion of female employees", "女性员工占比"),
    "turnover_rate": ("employee turnover rate", "员工流失率"),
    "work_fatalities": ("number of work-related fatalities", "因工死亡人数"),
    "lost_days_injury": ("days lost due to work injury", "因工伤损失工作日数"),
    "employees_trained_share": ("percentage of employees trained", "受训员工百分比"),
    "training_hours_avg": ("average training hours", "平均受训时数"),
    "training_hours_total": ("total training hours", "培训总时数"),
    "suppliers_total": ("number of suppliers", "供应商数量"),
    "complaints_received": ("number of complaints received", "投诉数量"),
    "corruption_cases": ("number of concluded corruption cases", "已审结的贪污诉讼案件"),
    "community_investment": ("total donations", "捐赠总额"),
    "volunteer_hours": ("volunteer hours", "志愿服务时数"),
    "board_size": ("number of directors", "董事人数"),
    "patents_granted": ("number of patents granted", "授权专利数量"),
}
GENDER = {"female": ("female", "女性"), "male": ("male", "男性")}
_LEGAL = re.compile(r"(?:,?\s+(?:holdings|limited|ltd\.?|plc|co\.,?|inc\.?|technology|corporation))+\s*$", re.I)


def typed_names(company: str) -> tuple[str, str]:
    """The issuer's name as a user types it: (English, Chinese or English)."""
    inner = re.findall(r"[(（]([^()（）]+)[)）]", company)
    outer = re.sub(r"\s*[(（][^()（）]*[)）]", "", company).strip()
    names = [outer, *inner]
    chinese = next((re.sub(r"(?:股份)?有限公司$", "", n) for n in names if re.search(r"[\u4e00-\u9fff]", n)), None)
    english = next((n for n in names if not re.search(r"[\u4e00-\u9fff]", n)), outer)
    english = _LEGAL.sub("", english).strip() or english
    return english, chinese or english


def questions_for(fact: dict[str, Any], english: str, chinese: str) -> list[str]:
    """The questions of one gold fact (none when its metric or group has no phrasing)."""
    metric = fact["metric"]
    if metric not in PHRASES:
        return []
    year = str(period_year(str(fact["period"])) or fact["period"])
    en, zh = PHRASES[metric]
    breakdown = fact.get("breakdown") or {}
    if list(breakdown) == ["scope3_category"] and metric == "ghg_scope3" and str(breakdown["scope3_category"]).isdigit():
        n = breakdown["scope3_category"]
        return [f"What were {english}'s Scope 3 category {n} emissions in {year}?", f"{english} Scope 3 category {n} {year}",
                f"{chinese}{year}年的范围三类别{n}排放量是多少？"]
    group = breakdown.get("gender")
    if breakdown and (list(breakdown) != ["gender"] or group not in GENDER):
        return []
    if group and metric == "employees_total":
        g_en, g_zh = GENDER[group]
        return [f"How many {g_en} employees did {english} have in {year}?",
                f"What was the number of {g_en} employees of {english} in {year}?",
                f"{chinese}{year}年的{g_zh}员工人数是多少？"]
    if group:
        g_en, g_zh = GENDER[group]
        return [f"What was {english}'s {en} for {g_en} employees in {year}?", f"{english} {g_en} {en} {year}",
                f"{chinese}{year}年{g_zh}员工的{zh}是多少？"]
    asked = [f"What was {english}'s {en} in {year}?", f"{english} {en} {year}",
             f"What is the {en} of {english} for {year}?"]
    special = {"water_consumption": f"How much water did {english} use in {year}?",
               "employees_total": f"How many employees did {english} have in {year}?",
               "energy_total": f"How much energy did {english} consume in {year}?"}
    if metric in special:
        asked.append(special[metric])
    if zh:
        asked += [f"{chinese}{year}年的{zh}是多少？", f"{chinese}在{year}年的{zh}"]
    return asked


def _close(value: float, gold: float) -> bool:
    return abs(value - gold) <= 0.01 * abs(gold) if gold else abs(value) < 1e-9


@dataclass
class Tally:
    right: int = 0
    wrong_citation: int = 0
    wrong: int = 0
    not_found: int = 0

    @property
    def total(self) -> int:
        return self.right + self.wrong_citation + self.wrong + self.not_found


def find_report(corpus: Path, document: str) -> Path | None:
    return next(iter(sorted(corpus.rglob(document))), None)


def quantitative(db: Database, shared: Path, show: bool) -> dict[str, Any]:
    golds = sorted((shared / "gold").glob("*.yaml"))
    corpus = shared / "corpus"
    db.ingest([corpus / "text", corpus / "pdf"])
    found_tally, missing_tally = Tally(), Tally()
    facts_found = facts_missing = facts_wrong_extraction = skipped = 0
    extraction_wrong = Tally()
    for gold_path in golds:
        gold = read_yaml(gold_path.read_text(encoding="utf-8"))
        report = find_report(corpus, gold["document"])
        if report is None:
            continue
        english, chinese = typed_names(str(gold["company"]))
        stored = [f for f in db.facts() if f.document == gold["document"]]
        for fact in gold.get("facts") or []:
            asked = questions_for(fact, english, chinese)
            if not asked:
                skipped += 1
                continue
            year = str(period_year(str(fact["period"])) or fact["period"])
            same = [f for f in stored if f.metric == fact["metric"] and f.breakdown == (fact.get("breakdown") or {})
                    and str(period_year(f.period) or f.period) == year]
            extracted = any(_close(f.value, float(fact["value"])) for f in same)
            if extracted:
                facts_found += 1
                tally = found_tally
            elif same:
                facts_wrong_extraction += 1
                tally = extraction_wrong
            else:
                facts_missing += 1
                tally = missing_tally
            # a gold file may list one fact at each place the report prints it
            places = {(gold["document"], g.get("page"), g.get("line")) for g in gold["facts"]
                      if g["metric"] == fact["metric"] and (g.get("breakdown") or {}) == (fact.get("breakdown") or {})
                      and str(period_year(str(g["period"])) or g["period"]) == year and _close(float(g["value"]), float(fact["value"]))}
            for question in asked:
                verdict = _score(db, question, fact, places, year)
                if not extracted and verdict in ("right", "wrong_citation"):
                    verdict = "wrong"  # a figure for a fact extraction missed can only be another one
                setattr(tally, verdict, getattr(tally, verdict) + 1)
                if show and (verdict != "right" if extracted else verdict != "not_found"):
                    print(f"  [{verdict}] {question}  gold={fact['value']}", file=sys.stderr)
    return {"gold_found": facts_found, "gold_missed": facts_missing, "gold_extracted_wrong": facts_wrong_extraction,
            "facts_without_phrasing": skipped, "found": found_tally, "missed": missing_tally,
            "extraction_wrong": extraction_wrong}


def _score(db: Database, question: str, fact: dict[str, Any], places: set[tuple[str, Any, Any]], year: str) -> str:
    answer = db.ask(question)
    if not answer.values:
        return "not_found"
    value = next((v for v in answer.values if v.metric == fact["metric"]
                  and str(period_year(v.period) or v.period) == year), None)
    if value is None or not _close(value.value, float(fact["value"])):
        return "wrong"
    cited = value.citation
    document = next(iter(places))[0]
    stored = next((f for f in db.facts(metric=fact["metric"]) if f.id == cited.fact_id), None)
    if stored is not None:
        places = places | {(document, s.get("page"), s.get("line")) for s in stored.sources}
    for doc, page, line in places:
        if cited.document == doc and ((page is not None and cited.page == page) or (page is None and line is not None and cited.line == line)):
            return "right"
    return "wrong_citation"


def retrieval(db: Database, shared: Path, folder: Path, show: bool) -> dict[str, dict[str, int]]:
    """recall@5 per set ("blind", "dev"): questions found / questions."""
    from esgtrace.search.answer import retrieve

    scores: dict[str, Counter[str]] = {"blind": Counter(), "dev": Counter()}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        data = read_yaml(path.read_text(encoding="utf-8")) or {}
        which = "dev" if path.name.startswith("dev_") else "blind"
        report = find_report(shared / "corpus", str(data.get("document", "")))
        if report is None:
            print(f"{path.name}: report {data.get('document')!r} not in the corpus", file=sys.stderr)
            continue
        db.ingest([report])
        for item in data.get("questions") or []:
            with db.sessions() as session:
                hits = retrieve(session, str(item["question"]), document=report.name, limit=5)
            pages, lines = item.get("pages") or [], item.get("lines") or []
            ok = any(h.covers(page=p) for h in hits for p in pages) or any(h.covers(line=n) for h in hits for n in lines)
            scores[which]["questions"] += 1
            scores[which]["found"] += ok
            if show and not ok:
                print(f"  [missed] {path.name}: {item['question']} wanted {pages or lines}, got {[h.where for h in hits]}",
                      file=sys.stderr)
    return {k: dict(v) for k, v in scores.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m esgtrace.search.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (corpus, gold)")
    parser.add_argument("--questions", type=Path, default=Path("tests/gold/questions"), help="retrieval question files")
    parser.add_argument("--db", default=None, help="database to ingest into (default: a fresh temporary SQLite file)")
    parser.add_argument("--show", action="store_true", help="print every miss on stderr")
    parser.add_argument("--skip-quantitative", action="store_true", help="only the retrieval measure")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder, Database(args.db or str(Path(folder) / "search.db")) as db:
        if not args.skip_quantitative:
            q = quantitative(db, args.shared, args.show)
            found, missed, bad = q["found"], q["missed"], q["extraction_wrong"]
            print("ask, quantitative questions from the gold facts:")
            print(f"  gold facts asked: {q['gold_found']} found by extraction, {q['gold_missed']} not found, "
                  f"{q['gold_extracted_wrong']} extracted with another value; {q['facts_without_phrasing']} "
                  "left out (another breakdown, or no phrasing)")
            if found.total:
                print(f"  on facts extraction found: {found.right}/{found.total} right = {found.right / found.total:.1%} "
                      f"(value off or other metric: {found.wrong}, right value but other citation: {found.wrong_citation}, "
                      f"not found: {found.not_found})")
            print(f"  on facts extraction missed: {missed.not_found}/{missed.total} said not found, {missed.wrong} gave a figure")
            print(f"  on facts extracted with another value: {bad.total} questions, {bad.wrong} answered with that value")
        scores = retrieval(db, args.shared, args.questions, args.show)
        for which, score in scores.items():
            if score.get("questions"):
                print(f"retrieval recall@5 ({which} questions): {score['found']}/{score['questions']} = "
                      f"{score['found'] / score['questions']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
