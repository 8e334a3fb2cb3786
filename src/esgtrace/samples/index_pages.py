"""Content-index pages in the layouts real reports use, each with its truth rows.

An index is drawn from an :class:`IndexStyle` and a seed: the HKEX items of one Guide
version (the 2016 numbering without A4, B5.3, B5.4, B7.3 and the Mandatory Disclosure
Requirements, or the 2020 numbering with them), each claimed disclosed (with its place),
explained, not applicable or omitted; then laid out as text pages:

- ``layout="hkex"``: one row per item (or per range / list of items: "A1.1-A1.4",
  "B1, B1.1"), general disclosures named "General Disclosure", "Aspect A1", "A1 ..." or
  "层面A1 一般披露"; an optional obligation column ("Comply or explain") and an optional
  claim column ("Disclosed / Explained / Not applicable"); explanations as sentences;
  an item may be listed under two sections.
- ``layout="combined"``: a GRI index whose rows carry an HKEX column; an HKEX item may sit
  in several GRI rows, and its place is the union of theirs.

Places are pages ("P12", "12", "第12页"), numbered sections ("5.6 Environmental
Performance") or chapter names. Descriptions wrap over several lines; the index runs over
pages with a running header and repeated column headings; ``flat=True`` writes each page
as one line, as some converters do. :func:`write_index_report` writes a text report (body
pages, then the index) and returns the truth.

>>> from esgtrace.samples.index_pages import IndexStyle, build_index
>>> rows, pages = build_index(IndexStyle(layout="hkex", refs="page"), seed=1)
>>> rows[0]
TruthRow(item='MDR.GOV', claim='disclosed', pages=(14, 15), sections=())
>>> pages[0][:2]
['3 ESG Report', 'HKEX ESG Reporting Guide Content Index']
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from esgtrace.samples import catalogue as samples_catalogue

Claim = Literal["disclosed", "explained", "not_applicable", "omitted"]

_PRE2020_ABSENT = {"A4.GD", "A4.1", "B5.3", "B5.4", "B7.3"}
_MDR = (("MDR.GOV", "Governance structure", "管治架构"), ("MDR.PRIN", "Reporting principles", "汇报原则"),
        ("MDR.BOUND", "Reporting boundary", "汇报范围"))
_ASPECTS = {
    "A1": ("Emissions", "排放物"), "A2": ("Use of Resources", "资源使用"), "A3": ("The Environment and Natural Resources", "环境及天然资源"),
    "A4": ("Climate Change", "气候变化"), "B1": ("Employment", "雇佣"), "B2": ("Health and Safety", "健康与安全"),
    "B3": ("Development and Training", "发展及培训"), "B4": ("Labour Standards", "劳工准则"), "B5": ("Supply Chain Management", "供应链管理"),
    "B6": ("Product Responsibility", "产品责任"), "B7": ("Anti-corruption", "反贪污"), "B8": ("Community Investment", "社区投资"),
}
_EXTRA = {  # KPIs the sample catalogue's index does not word: (en, zh)
    "A3.1": ("Significant impacts of activities on the environment", "业务活动对环境的重大影响"),
    "A4.1": ("Significant climate-related issues", "重大气候相关事宜"),
    "B2.3": ("Occupational health and safety measures", "职业健康与安全措施"),
    "B3.1": ("Percentage of employees trained", "受训雇员百分比"),
    "B4.2": ("Steps taken to eliminate child and forced labour", "消除童工及强制劳工的步骤"),
    "B5.2": ("Practices relating to engaging suppliers", "聘用供应商的惯例"),
    "B5.3": ("Practices to identify environmental and social risks along the supply chain", "识别供应链环境及社会风险的惯例"),
    "B5.4": ("Practices to promote environmentally preferable products", "推广环保产品的惯例"),
    "B6.4": ("Quality assurance process and recall procedures", "质量检定过程及产品回收程序"),
    "B6.5": ("Consumer data protection and privacy policies", "消费者资料保障及私隐政策"),
    "B7.2": ("Preventive measures and whistle-blowing procedures", "防范措施及举报程序"),
    "B7.3": ("Anti-corruption training provided to directors and staff", "向董事及员工提供的反贪污培训"),
    "B8.1": ("Focus areas of contribution", "专注贡献范畴"),
}
_SECTIONS = (("About this Report", "关于本报告"), ("Environmental Performance", "环境绩效"), ("Caring for Employees", "关爱员工"),
             ("Responsible Operations", "负责任营运"), ("Community Investment", "社区投资"), ("Corporate Governance", "企业管治"))
_GRI = (("2-9", "Governance structure and composition", "管治架构和组成"), ("2-22", "Statement on sustainable development strategy", "关于可持续发展战略的声明"),
        ("3-3", "Management of material topics", "实质性议题的管理"), ("302-1", "Energy consumption within the organization", "组织内部的能源消耗量"),
        ("302-4", "Reduction of energy consumption", "减少能源消耗量"), ("303-5", "Water consumption", "耗水"),
        ("305-1", "Direct (Scope 1) GHG emissions", "直接（范畴1）温室气体排放"), ("305-2", "Energy indirect (Scope 2) GHG emissions", "能源间接（范畴2）温室气体排放"),
        ("305-7", "Nitrogen oxides (NOx), sulfur oxides (SOx), and other significant air emissions", "氮氧化物、硫氧化物和其他重大气体排放"),
        ("306-3", "Waste generated", "产生的废弃物"), ("306-4", "Waste diverted from disposal", "从处置中转移的废弃物"),
        ("401-1", "New employee hires and employee turnover", "新进员工和员工流动率"), ("403-1", "Occupational health and safety management system", "职业健康安全管理体系"),
        ("403-9", "Work-related injuries", "工伤"), ("404-1", "Average hours of training per year per employee", "每名员工每年接受培训的平均小时数"),
        ("405-1", "Diversity of governance bodies and employees", "管治机构与员工的多元化"), ("408-1", "Operations at risk for incidents of child labor", "具有重大童工事件风险的运营点"),
        ("205-3", "Confirmed incidents of corruption and actions taken", "经确认的腐败事件和采取的行动"), ("308-1", "New suppliers screened using environmental criteria", "使用环境标准筛选的新供应商"),
        ("413-1", "Operations with local community engagement", "有当地社区参与的运营点"), ("416-2", "Incidents of non-compliance concerning products", "涉及产品和服务的违规事件"),
        ("418-1", "Substantiated complaints concerning breaches of customer privacy", "与侵犯客户隐私有关的经证实的投诉"))
_EXPLAINED = (("The Group has no formal policy on this yet and will consider setting targets in the coming years.", "本集团暂未制定相关政策，将考虑于未来设定目标。"),
              ("Not material to the Group's business.", "对本集团业务并不重大。"),
              ("Data are not yet available; the Group will disclose them in future reports.", "相关数据尚未收集，本集团将于未来报告披露。"))
_NOT_APPLICABLE = (("Not applicable as the Group does not produce packaged products.", "不适用，本集团并无包装产品。"),
                   ("Not applicable to the Group's business.", "不适用。"))
_OMITTED = ("/", "-", "Not disclosed")
_OMITTED_ZH = ("/", "-", "未披露")


@dataclass(frozen=True)
class IndexStyle:
    """How an index is printed (every field drawn independently by the hypothesis strategy).

    :param layout: ``hkex`` (one row per HKEX item) or ``combined`` (GRI rows with an HKEX column)
    :param language: ``en`` or ``zh``
    :param version: ``2020`` (with A4, B5.3/B5.4/B7.3, MDRs) or ``pre2020`` (the 2016 numbering)
    :param refs: the place of a disclosed row: ``page`` ("P12"), ``bare`` ("12"), ``section`` ("5.6 ...") or ``chapter``
    :param gd_style: how a general disclosure row is named: ``label``, ``aspect``, ``code``
    :param ranges: group KPIs of an aspect into one row ("A1.1-A1.4") and aspect + KPI lists ("B1, B1.1")
    :param obligation_column: print a "Comply or explain" / "Recommended disclosure" column
    :param claim_column: print a "Disclosed / Explained / Not applicable" column
    :param sentences: explanations as whole sentences ("The Group has no formal policy ...")
    :param twice: list one item under a second section as well
    :param wrap: wrap descriptions over several lines
    :param rows_per_page: rows before a page break (the header repeats on every page)
    :param flat: each page on one line
    """

    layout: Literal["hkex", "combined"] = "hkex"
    language: Literal["en", "zh"] = "en"
    version: Literal["2020", "pre2020"] = "2020"
    refs: Literal["page", "bare", "section", "chapter"] = "page"
    gd_style: Literal["label", "aspect", "code"] = "label"
    ranges: bool = False
    obligation_column: bool = False
    claim_column: bool = False
    sentences: bool = True
    twice: bool = False
    wrap: bool = False
    rows_per_page: int = 12
    flat: bool = False


@dataclass(frozen=True)
class TruthRow:
    """What one HKEX item's index entry claims."""

    item: str
    claim: Claim
    pages: tuple[int, ...] = ()
    sections: tuple[str, ...] = ()


@dataclass
class _Row:
    items: list[str]
    cells: list[str]
    claim: Claim = "disclosed"
    pages: list[int] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def items_of(version: str) -> list[str]:
    """The HKEX items an index of ``version`` may list, in Guide order."""
    kpis = [f"{a}.{n}" for a, n in (("A1", 6), ("A2", 5), ("A3", 1), ("A4", 1), ("B1", 2), ("B2", 3), ("B3", 2), ("B4", 2), ("B5", 4),
                                    ("B6", 5), ("B7", 3), ("B8", 2)) for n in range(1, n + 1)]
    ordered: list[str] = [m for m, _, _ in _MDR]
    for aspect in _ASPECTS:
        ordered.append(f"{aspect}.GD")
        ordered += [k for k in kpis if k.startswith(aspect + ".")]
    if version == "pre2020":
        ordered = [i for i in ordered if i not in _PRE2020_ABSENT and not i.startswith("MDR.")]
    return ordered


def _description(item: str, language: str) -> str:
    cat = samples_catalogue.load()
    zh = language == "zh"
    if item.startswith("MDR."):
        return next(z if zh else e for m, e, z in _MDR if m == item)
    aspect = item.split(".")[0]
    if item.endswith(".GD"):
        name = _ASPECTS[aspect][1 if zh else 0]
        return f"一般披露：{name}" if zh else f"Policies and compliance: {name.lower()}"
    known = next((i for i in cat.index if i.item == item), None)
    if known is not None:
        return known.zh if zh else known.en
    en, zh_text = _EXTRA.get(item, (f"Key performance indicator {item}", f"关键绩效指标{item}描述"))
    return zh_text if zh else en


def build_index(style: IndexStyle, seed: int = 0, first_page: int = 3) -> tuple[list[TruthRow], list[list[str]]]:
    """An index's truth rows and its pages (each a list of lines), for ``style`` and ``seed``.

    :param first_page: the printed page number of the index's first page (the body comes before)
    """
    rng = random.Random(seed)
    zh = style.language == "zh"
    items = [i for i in items_of(style.version) if rng.random() < 0.85 or i.endswith(".GD")]
    sections = [(f"{n + 2}.{rng.randint(1, 6)}", (z if zh else e)) for n, (e, z) in enumerate(_SECTIONS)]
    claims: dict[str, Claim] = {}
    for item in items:
        draw = rng.random()
        claims[item] = "disclosed" if draw < 0.72 or item.endswith(".GD") else "explained" if draw < 0.82 else "not_applicable" if draw < 0.91 else "omitted"
        if style.layout == "combined" and claims[item] == "omitted":
            claims[item] = "disclosed"
    rows = _combined_rows(style, rng, items, claims) if style.layout == "combined" else _hkex_rows(style, rng, items, claims)
    for row in rows:
        if row.claim == "disclosed" and not row.pages and not row.sections:
            _place(style, rng, row, sections, first_page)
    truth = _truth(rows)
    return truth, _pages(style, rng, rows, first_page)


def _hkex_rows(style: IndexStyle, rng: random.Random, items: list[str], claims: dict[str, Claim]) -> list[_Row]:
    zh = style.language == "zh"
    rows: list[_Row] = []
    i = 0
    while i < len(items):
        item = items[i]
        group = [item]
        if style.ranges and "." in item and not item.endswith(".GD") and not item.startswith("MDR."):
            aspect = item.split(".")[0]
            run = [item]
            for nxt in items[i + 1 :]:  # consecutive KPIs of the aspect with the same claim
                if nxt.split(".")[0] == aspect and int(nxt.split(".")[1]) == int(run[-1].split(".")[1]) + 1 and claims[nxt] == claims[item] == "disclosed":
                    run.append(nxt)
                else:
                    break
            if len(run) >= 3:
                group = run
        elif style.ranges and item.endswith(".GD") and i + 1 < len(items) and items[i + 1].startswith(item.split(".")[0] + ".") \
                and claims[items[i + 1]] == claims[item] == "disclosed" and rng.random() < 0.5:
            group = [item, items[i + 1]]
        i += len(group)
        rows.append(_Row(group, [_label(style, rng, group), _description(group[0], style.language)], claims[item]))
    if style.twice:  # the first disclosed KPI is listed again, under another section
        again = next((r for r in rows if r.claim == "disclosed" and len(r.items) == 1 and "." in r.items[0] and r.items[0][0] in "AB"
                      and not r.items[0].endswith(".GD")), None)
        if again is not None:
            rows.append(_Row(list(again.items), [_label(style, rng, again.items), "（续）" if zh else "(continued)"], "disclosed"))
    for row in rows:
        if style.obligation_column:
            kind = "comply_or_explain" if not row.items[0].startswith("MDR.") else "mandatory"
            row.cells.append({"comply_or_explain": "不遵守就解释" if zh else "Comply or explain", "mandatory": "强制披露" if zh else "Mandatory"}[kind])
        _claim_cells(style, rng, row)
    return rows


def _label(style: IndexStyle, rng: random.Random, group: list[str]) -> str:
    zh = style.language == "zh"
    first = group[0]
    if first.startswith("MDR."):
        return _description(first, style.language)
    if first.endswith(".GD"):
        aspect = first.split(".")[0]
        name = _ASPECTS[aspect][1 if zh else 0]
        head = {"label": f"{aspect} {name} " + ("一般披露" if zh else "General Disclosure"),
                "aspect": (f"层面{aspect}：{name}" if zh else f"Aspect {aspect}: {name}"),
                "code": f"{aspect}：一般披露" if zh else f"{aspect} General Disclosure"}[style.gd_style]
        if len(group) > 1:
            head = f"{aspect}, {group[1]}" if rng.random() < 0.5 else f"{aspect}、{group[1]}"
        return head
    prefix = rng.choice(("关键绩效指标", "")) if zh else rng.choice(("KPI ", "Key Performance Indicator ", ""))
    if len(group) > 2:
        return f"{prefix}{group[0]}" + rng.choice(("-", "–", " to ")) + group[-1]
    return prefix + group[0]


def _claim_cells(style: IndexStyle, rng: random.Random, row: _Row) -> None:
    zh = style.language == "zh"
    if style.claim_column:
        row.cells.append({"disclosed": "已披露" if zh else "Disclosed", "explained": "解释" if zh else "Explained",
                          "not_applicable": "不适用" if zh else "Not applicable", "omitted": "未披露" if zh else "Not disclosed"}[row.claim])
        if row.claim in ("explained",) and style.sentences:
            row.cells.append(rng.choice(_EXPLAINED)[1 if zh else 0])
        return
    if row.claim == "explained":
        text = rng.choice(_EXPLAINED)[1 if zh else 0] if style.sentences else ("暂未制定" if zh else "Under review")
        row.cells.append(text)
    elif row.claim == "not_applicable":
        row.cells.append(rng.choice(_NOT_APPLICABLE)[1 if zh else 0] if style.sentences else ("不适用" if zh else "N/A"))
    elif row.claim == "omitted":
        row.cells.append(rng.choice(_OMITTED_ZH if zh else _OMITTED))


def _place(style: IndexStyle, rng: random.Random, row: _Row, sections: list[tuple[str, str]], first_page: int) -> None:
    zh = style.language == "zh"
    if style.refs in ("page", "bare"):
        lo = rng.randint(first_page + 1, first_page + 60)
        hi = lo + rng.choice((0, 0, 1, 3))
        pages = list(range(lo, hi + 1))
        if style.refs == "bare":
            text = f"{lo}" if hi == lo else f"{lo}-{hi}"
        elif zh:
            text = f"第{lo}页" if hi == lo else f"第{lo}-{hi}页"
        else:
            text = f"P{lo}" if hi == lo else rng.choice((f"P{lo}-{hi}", f"P{lo}-P{hi}", f"Pages {lo}-{hi}"))
        row.pages, where = pages, text
    else:
        number, title = rng.choice(sections)
        row.sections = [number] if style.refs == "section" else []
        where = f"{number} {title}" if style.refs == "section" else (f"“{title}”" if rng.random() < 0.5 else f"\"{title}\"")
    at = 2 if style.layout == "hkex" else len(row.cells)
    row.cells.insert(min(at + (1 if style.obligation_column and style.layout == "hkex" else 0), len(row.cells)), where)


def _combined_rows(style: IndexStyle, rng: random.Random, items: list[str], claims: dict[str, Claim]) -> list[_Row]:
    zh = style.language == "zh"
    gri = list(_GRI)
    rows = [_Row([], [code, desc_zh if zh else desc]) for code, desc, desc_zh in gri]
    hkex = [i for i in items if not i.startswith("MDR.")]
    for item in hkex:  # each HKEX item in one GRI row, some in two
        for row in rng.sample(rows, 2 if rng.random() < 0.2 else 1):
            row.items.append(item)
    for row in rows:
        row.items.sort(key=hkex.index)
        named = [i for i in row.items]
        if not named:
            row.cells.append("")
            continue
        claim = min((claims[i] for i in named), key=("disclosed", "explained", "not_applicable", "omitted").index)
        if any(claims[i] != claim for i in named):  # one claim per row: keep the row's items alike
            for i in named:
                claims[i] = claim
        row.claim = claim
        parts = []
        for i in named:
            aspect = i.split(".")[0]
            parts.append((f"{aspect}：一般披露" if zh else f"{aspect} General Disclosure") if i.endswith(".GD") else i)
        row.cells.append(rng.choice(("、", ", ")).join(parts))
        if claim != "disclosed":
            _claim_cells(style, rng, row)
    return rows


def _truth(rows: list[_Row]) -> list[TruthRow]:
    order = ("disclosed", "explained", "not_applicable", "omitted")
    found: dict[str, TruthRow] = {}
    for row in rows:
        for item in row.items:
            had = found.get(item)
            if had is None:
                found[item] = TruthRow(item, row.claim, tuple(row.pages), tuple(row.sections))
            else:
                claim = min(had.claim, row.claim, key=order.index)
                found[item] = TruthRow(item, claim, tuple(sorted(set(had.pages) | set(row.pages))), had.sections + tuple(row.sections))
    return list(found.values())


def _pages(style: IndexStyle, rng: random.Random, rows: list[_Row], first_page: int) -> list[list[str]]:
    zh = style.language == "zh"
    title = "香港联交所《环境、社会及管治报告指引》内容索引" if zh else "HKEX ESG Reporting Guide Content Index"
    if style.layout == "combined":
        title = "GRI 内容索引及港交所 ESG 指标对照表" if zh else "GRI Content Index with HKEX ESG Reporting Guide references"
        head = "GRI 指标 描述 港交所 ESG 指标 页码" if zh else "GRI Standard Disclosure HKEX KPI Page"
    else:
        head = "层面 / 关键绩效指标 描述 章节 / 页码" if zh else "Aspect / KPI Description Section / Page"
        if style.obligation_column:
            head += " 披露责任" if zh else " Obligation"
        if style.claim_column:
            head += " 披露 / 解释 / 不适用" if zh else " Disclosed / Explained / Not applicable"
    pages: list[list[str]] = []
    lines: list[str] = []
    for n, row in enumerate(rows):
        if n % style.rows_per_page == 0:
            if lines:
                pages.append(lines)
            number = first_page + len(pages)
            lines = [f"{number} 环境、社会及管治报告" if zh else f"{number} ESG Report"]
            lines += [title if not pages else title + ("（续）" if zh else " (continued)"), head]
        lines += _row_lines(style, rng, row)
    pages.append(lines)
    if style.flat:
        pages = [[" ".join(p)] for p in pages]
    return pages


def _row_lines(style: IndexStyle, rng: random.Random, row: _Row) -> list[str]:
    cells = [c for c in row.cells if c]
    if style.wrap and len(cells) > 1 and len(cells[1]) > 16:  # the description runs over lines
        words = cells[1].split(" ") if " " in cells[1] else [cells[1][: len(cells[1]) // 2], cells[1][len(cells[1]) // 2 :]]
        cut = max(1, len(words) // 2)
        joiner = " " if " " in cells[1] else ""
        return ["\t".join([cells[0], joiner.join(words[:cut])]), joiner.join(words[cut:]), *(["\t".join(cells[2:])] if cells[2:] else [])]
    return ["\t".join(cells)]


def write_index_report(path: str | Path, style: IndexStyle, seed: int = 0) -> list[TruthRow]:
    """Write a text report (two body pages, then the index; pages split by form feeds) and return its truth.

    :param path: the ``.txt`` file to write
    """
    zh = style.language == "zh"
    body = [
        ["1 关于本报告", "本报告涵盖本集团于报告期内的环境、社会及管治表现。"] if zh else
        ["1 About this Report", "This report covers the environmental, social and governance performance of the Group."],
        ["2 环境绩效", "本集团持续推动节能减排。"] if zh else ["2 Environmental Performance", "The Group keeps reducing its energy use and emissions."],
    ]
    truth, pages = build_index(style, seed, first_page=len(body) + 1)
    text = "\f".join("\n".join(lines) for lines in body + pages) + "\n"
    Path(path).write_text(text, encoding="utf-8")
    return truth
