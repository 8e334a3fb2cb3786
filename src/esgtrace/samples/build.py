"""Build a :class:`ReportSpec` from a seed: company, style, numbers, prose, index."""

from __future__ import annotations

import random
import re
from dataclasses import replace

from esgtrace.samples import catalogue as catalogue_module
from esgtrace.samples.catalogue import Catalogue, Company, Language, RowRule, TableRule
from esgtrace.samples.model import (
    Figure,
    IndexRow,
    ProseSpec,
    ReportSpec,
    RowSpec,
    SectionSpec,
    Style,
    TableSpec,
    TargetSpec,
)
from esgtrace.samples.values import Context, Drawn, context, draw


def random_style(rng: random.Random, language: str = "en") -> Style:
    """A style drawn from ``rng``: columns, year order, unit placement, markers, ..."""
    return Style(
        language="zh" if language == "zh" else "en",
        columns=rng.choice((2, 3)),
        newest_first=rng.random() < 0.5,
        unit_style=rng.choice(("column", "column", "label", "caption")),
        markers=rng.choice(("paren", "superscript", "none")),
        thousands=rng.random() < 0.85,
        denominator=rng.choice(("employee", "revenue")),
        page_refs=rng.choice(("P", "number", "section")),
        cover_unnumbered=rng.random() < 0.5,
        paragraphs=rng.random() < 0.5,
        year_header=rng.choice(("{year}", "{year}", "{year}年" if language == "zh" else "FY{year}")),
        missing=rng.choice(("–", "N/A", "-")),
        wrap_labels=rng.random() < 0.4,
        vary_wording=rng.random() < 0.6,
    )


def build_spec(
    seed: int = 0,
    *,
    style: Style | None = None,
    company: int | None = None,
    year: int = 2024,
    name: str | None = None,
    employees: int | None = None,
) -> ReportSpec:
    """The fictional report of ``seed``: the same arguments give the same report.

    :param seed: drives every random choice
    :param style: presentation choices; drawn from the seed when ``None``
    :param company: index of the catalogue company; drawn from the seed when ``None``
    :param year: the reporting year (the newest year column)
    :param name: file stem of the rendered report; made from the company when ``None``
    :param employees: headcount in the reporting year (drawn when ``None``); it scales
        every absolute figure
    """
    rng = random.Random(seed)
    cat = catalogue_module.load()
    style = style or random_style(rng)
    firm = cat.companies[company % len(cat.companies) if company is not None else rng.randrange(len(cat.companies))]
    language = style.language
    ctx = context(rng, style, year, firm.currency, employees)
    tables = [t for t in cat.tables if _has_language(t, language)]
    keys = [r.key for t in tables for r in t.rows] + [r.key for r in cat.prose_only]
    drawn = draw(rng, cat, ctx, keys)
    tables = [t for t in tables if not t.optional or rng.random() < 0.5]
    short = firm.short if language == "en" else firm.short_zh
    fill = {"year": year, "company": short, "short": short, "code": firm.stock_code,
            "business": firm.business, "currency": firm.currency}
    table_specs = {t.key: _table(rng, cat, ctx, t, drawn) for t in tables}
    sections = []
    for rule in cat.sections:
        if rule.index:
            continue
        blocks: list[TableSpec | ProseSpec] = []
        if rule.opens_report:
            blocks.append(ProseSpec(cat.word("about", language, **_full(firm, fill, language))))
            blocks.append(ProseSpec(_revenue(cat, ctx)))
        blocks += [ProseSpec(text) for n in cat.narrative if n.section == rule.key
                   for text in [n.zh if language == "zh" else n.en] if text]
        blocks += _sentences(cat, rule.key, drawn, ctx, fill)
        if rule.targets:
            blocks += _targets(rng, cat, language, year)
        blocks += [spec for t, spec in zip(tables, table_specs.values()) if t.section == rule.key]
        sections.append(SectionSpec(rule.key, rule.heading.get(language) or rule.heading.en, tuple(blocks),
                                    rule.same_page))
    index_heading = next((s.heading.get(language) or s.heading.en for s in cat.sections if s.index), "")
    stem = name or f"{re.sub(r'[^a-z0-9]+', '_', firm.short.lower()).strip('_')}_esg_{year}" + (
        "_zh" if language == "zh" else "")
    return ReportSpec(
        name=stem,
        company=firm.name if language == "en" else firm.name_zh,
        short_name=short,
        stock_code=firm.stock_code,
        incorporated=firm.incorporated.get(language) or firm.incorporated.en,
        year=year,
        periods=tuple(str(y) for y in ctx.years),
        period_text=cat.word("period_label", language, year=year),
        currency=firm.currency,
        title=cat.word("cover_title", language, year=year),
        style=style,
        sections=tuple(sections),
        index=_index(cat, language, set(table_specs)),
        index_heading=index_heading,
    )


def _has_language(table: TableRule, language: str) -> bool:
    return language == "en" or table.title.zh is not None


def _full(firm: Company, fill: dict[str, object], language: str) -> dict[str, object]:
    return {**fill, "company": firm.name if language == "en" else firm.name_zh}


def _fmt(number: float, decimals: int, thousands: bool) -> str:
    return f"{number:,.{decimals}f}" if thousands else f"{number:.{decimals}f}"


def _figures(row: Drawn, series: dict[int, float | None], ctx: Context) -> dict[int, Figure | None]:
    out: dict[int, Figure | None] = {}
    for y, number in series.items():
        if number is None:
            out[y] = None
        else:
            out[y] = Figure(_fmt(number, row.decimals, ctx.style.thousands), row.canonical(number))
    return out


def _revenue(cat: Catalogue, ctx: Context) -> str:
    """The revenue sentence: the denominator of per-revenue intensities, every year."""
    language, currency = ctx.style.language, ctx.currency
    *earlier, latest = ctx.years
    text = cat.word("revenue", language, year=latest, currency=currency,
                    value=_fmt(ctx.revenue[latest], 1, ctx.style.thousands))
    before = [cat.word("revenue_earlier", language, year=y, currency=currency,
                       value=_fmt(ctx.revenue[y], 1, ctx.style.thousands)) for y in reversed(earlier)]
    separator = "; " if language == "en" else "；"
    return f"{text} ({separator.join(before)})." if language == "en" else f"{text}（{separator.join(before)}）。"


def _table(rng: random.Random, cat: Catalogue, ctx: Context, rule: TableRule, drawn: dict[str, Drawn]) -> TableSpec:
    language = ctx.style.language
    order = sorted(ctx.years, reverse=ctx.style.newest_first)
    rows: list[RowSpec] = []
    footnotes: list[str] = []
    markers = ctx.style.markers != "none"
    for row_rule in rule.rows:
        row = drawn[row_rule.key]
        figures = _figures(row, row.numbers, ctx)
        label_marker = unit_marker = ""
        if markers and row_rule.footnote is not None:
            footnotes.append(row_rule.footnote.get(language) or row_rule.footnote.en)
            if ctx.style.unit_style == "column" and rng.random() < 0.4:
                unit_marker = str(len(footnotes))  # "tCO2e 1": the marker sits on the unit
            else:
                label_marker = str(len(footnotes))
        suffix = "%" if ctx.style.unit_style == "label" and row.unit == "%" else ""
        if markers and row_rule.kind == "sum" and rng.random() < 0.7:
            latest = ctx.years[-1]
            figure = figures[latest]
            if figure is not None:
                footnotes.append(cat.word("value_footnote", language))
                figures[latest] = replace(figure, marker=str(len(footnotes)))
        wordings = [t.get(language) for t in ((row_rule.label,) if row_rule.label else ()) + row_rule.alt]
        wordings = [w for w in wordings if w]
        vary = ctx.style.vary_wording and len(wordings) > 1 and rng.random() < 0.5
        label = rng.choice(wordings[1:]) if vary else wordings[0]
        if row_rule.shares:  # the whole is 100%: its row is only a heading
            rows.append(RowSpec(label or row_rule.key))
        else:
            rows.append(RowSpec(label or row_rule.key, row_rule.metrics, (), row.unit, row.canonical_unit,
                                tuple(figures[y] for y in order), label_marker, unit_marker, suffix,
                                kind=row_rule.kind, key=row_rule.key))
        by_heading = ""
        for by, group, group_label, series in row.groups:
            if by != by_heading:
                heading = cat.breakdowns[by].heading
                rows.append(RowSpec(heading.get(language) or heading.en))
                by_heading = by
            group_figures = _figures(row, series, ctx)
            rows.append(RowSpec(group_label, row_rule.metrics, ((by, group),), row.unit, row.canonical_unit,
                                tuple(group_figures[y] for y in order), suffix=suffix,
                                kind=_group_kind(row_rule, by), key=row_rule.key))
    units = {r.unit for r in rows if r.metrics}
    unit_style = ctx.style.unit_style
    caption = ""
    if unit_style == "caption":
        if len(units) == 1:
            caption = cat.word("caption", language, unit=units.pop())
        else:
            unit_style = "column"
    return TableSpec(
        key=rule.key,
        title=rule.title.get(language) or rule.title.en,
        periods=tuple(str(y) for y in order),
        rows=tuple(rows),
        unit_style=unit_style,
        caption=caption,
        intro=(rule.intro.get(language) or "") if rule.intro else "",
        footnotes=tuple(f"({n}) {text}" if ctx.style.markers == "paren" else f"{n} {text}"
                        for n, text in enumerate(footnotes, 1)),
    )


def _group_kind(rule: RowRule, by: str) -> str:
    """How a breakdown row was made: a part of its total, a share, or a rate of its own."""
    if rule.shares:
        return "share"
    return "split" if by in rule.split else "spread"


def _sentences(cat: Catalogue, section: str, drawn: dict[str, Drawn], ctx: Context,
               fill: dict[str, object]) -> list[ProseSpec]:
    language = ctx.style.language
    latest = ctx.years[-1]
    out = []
    for sentence in cat.prose:
        text = sentence.zh if language == "zh" else sentence.en
        row = drawn.get(sentence.row)
        if sentence.section != section or text is None or row is None:
            continue
        number = row.numbers[latest]
        if number is None:
            continue
        rule: RowRule = row.rule
        unit, value, printed = row.unit, row.canonical(number), _fmt(number, row.decimals, ctx.style.thousands)
        if rule.money_words:
            words = cat.money_words[language]
            amount = row.canonical(number)
            printed = f"{amount / words.factor:.{words.decimals}f}"
            value = round(float(printed) * words.factor, 6)
            unit = words.unit.format(currency=ctx.currency)
            text = text.replace("{value}", words.template.format(currency=ctx.currency, value="{value}"))
        template = text.replace("{value}", "\0").format(**{**fill, "unit": unit}).replace("\0", "{value}")
        out.append(ProseSpec(template, Figure(printed, value), rule.metrics, str(latest), (), unit,
                             row.canonical_unit if not rule.money_words else ctx.currency, row=rule.key))
    return out


def _targets(rng: random.Random, cat: Catalogue, language: str, year: int) -> list[ProseSpec]:
    out = []
    for rule in cat.targets:
        text = rule.zh if language == "zh" else rule.en
        if text is None:
            continue
        change = rng.randint(*rule.change)
        target_year = year + rng.randint(*rule.horizon)
        sentence = text.format(change=change, target_year=target_year, baseline_year=year)
        out.append(ProseSpec(sentence, target=TargetSpec(rule.metric, year, target_year, f"-{change}%")))
    return out


def _index(cat: Catalogue, language: Language, tables: set[str]) -> tuple[IndexRow, ...]:
    sections = {s.key for s in cat.sections}
    rows = []
    for item in cat.index:
        description = item.zh if language == "zh" else item.en
        if item.na is not None:
            rows.append(IndexRow(item.item, description, "not_applicable", explanation=item.na.get(language) or item.na.en))
        elif item.explain is not None:
            rows.append(IndexRow(item.item, description, "explained", explanation=item.explain.get(language) or item.explain.en))
        elif item.ref in tables or item.ref in sections:
            rows.append(IndexRow(item.item, description, "disclosed", ref=str(item.ref)))
    return tuple(rows)
