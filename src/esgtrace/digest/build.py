"""Build a :class:`Digest` from a parsed report (its headline sentences) and its facts, targets, audit and disclosure."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Sequence


from esgtrace.digest.headlines import headlines
from esgtrace.digest.model import Cite, Digest, Section, Sentence
from esgtrace.ingest.model import Document, Page
from esgtrace.catalogue import read_yaml

PILLARS = ("environment", "social", "governance")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_WS = re.compile(r"\s+")
_SENT_EN = re.compile(r"(?:[^.!?。！？\n]|\n(?![ \t]*\n))+(?:[.!?](?=\s|$)|[。！？])")  # a blank line ends a sentence
_LEADER = re.compile(r"[.·…_\-–—\s]{2,}\d+\s*$|\s+\d{1,3}\s*$|^\s*\d{1,3}[\s.]+")


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """The phrase templates and word lists of ``phrases.yaml``."""
    text = resources.files("esgtrace.digest").joinpath("phrases.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = read_yaml(text)
    return data


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _line_of(page: Page, offset: int) -> int | None:
    for line in page.lines:
        if line.start <= offset < max(line.end, line.start + 1):
            return line.number
        if line.start > offset:
            return line.number
    return page.lines[-1].number if page.lines else None


def _cite(doc: Document, page: Page, offset: int, quote: str) -> Cite:
    line = _line_of(page, offset)
    return Cite(page.number if doc.paginated else None, line, quote[:320])


# ---------------------------------------------------------------- headline and themes

_NOT_THEME = re.compile(r"contents|report|page|notes?\b|table|appendix|index|glossary|about|statement|message|letter|continued|"
                        r"copies|limited|\b(?:low|medium|high)\b|[.:;,]$|目\s*录|关于|报告|致辞", re.I)


def _themes(doc: Document, limit: int = 5) -> tuple[list[str], Cite | None]:
    """The first headings of the report's contents page (or its first short title-like lines)."""
    contents = re.compile(r"^\s*(?:table of )?contents\s*$|^\s*目\s*录\s*$", re.I)
    for page in doc.pages[:8]:
        lines = page.lines
        for i, line in enumerate(lines):
            if not contents.match(line.text):
                continue
            found: list[str] = []
            for nxt in lines[i + 1:i + 80]:
                head = _collapse(_LEADER.sub("", nxt.text))
                if re.search(r"\d", head) or not 3 <= len(head) <= 60 or _NOT_THEME.search(head):
                    continue
                words = head.split()
                if doc.language == "en" and (len(words) > 7 or not head[0].isupper()):
                    continue
                if head.lower() in (f.lower() for f in found) or contents.match(head):
                    continue
                found.append(head)
                if len(found) >= limit:
                    break
            if found:
                return found, _cite(doc, page, line.start, line.text.strip())
    return _caps_headings(doc, limit)


def _caps_headings(doc: Document, limit: int) -> tuple[list[str], Cite | None]:
    """Headings set in capitals (an English report's section titles), in reading order."""
    if doc.language != "en":
        return [], None
    found: list[str] = []
    first: Cite | None = None
    skip = _NOT_THEME
    for page in doc.pages:
        for line in page.lines:
            head = _collapse(line.text)
            words = head.split()
            if not 2 <= len(words) <= 6 or not head.isupper() or re.search(r"[\d|:;,.()]", head) or skip.search(head):
                continue
            title = head.title()
            if title in found:
                continue
            found.append(title)
            first = first or _cite(doc, page, line.start, line.text.strip())
            if len(found) >= limit:
                return found, first
    return found, first


def _printed_years(text: str, doc: Document) -> bool:
    """Whether every year of ``text`` (a title from the file's metadata) is printed in the report."""
    whole = doc.text
    return all(year in whole for year in _YEAR.findall(text))


def _title_place(doc: Document, title: str) -> Cite | None:
    """Where the title is printed (whitespace and case aside), the quote being the page's own text."""
    words = [re.escape(w) for w in title.split()]
    if not words:
        return None
    pattern = re.compile(r"\s+".join(words), re.I)
    for page in doc.pages[:10]:
        m = pattern.search(page.text)
        if m:
            return _cite(doc, page, m.start(), _collapse(m.group()))
    return None


def _period(doc: Document) -> str | None:
    return doc.period


# ---------------------------------------------------------------- figures

def _readable(value: float, unit: str, lang: str) -> str | None:
    """A rounded reading of a large value (computed), or ``None`` when the printed one reads well."""
    p = phrases()
    words = p["units"][lang].get(unit, unit)
    if lang == "zh":
        if abs(value) >= 1e8:
            return str(p["zh"]["approx"].format(value=f"{value / 1e8:.2f}".rstrip("0").rstrip(".") + p["zh"]["yi"], unit=words))
        if abs(value) >= 1e4:
            return str(p["zh"]["approx"].format(value=f"{value / 1e4:.1f}".rstrip("0").rstrip(".") + p["zh"]["wan"], unit=words))
        return None
    if abs(value) >= 1e9:
        return str(p["en"]["approx"].format(value=f"{value / 1e9:.1f} {p['en']['billions']}", unit=words)).strip()
    if abs(value) >= 1e6:
        return str(p["en"]["approx"].format(value=f"{value / 1e6:.1f} {p['en']['millions']}", unit=words)).strip()
    return None


def _number(text: str) -> float | None:
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", text)
    if not m:
        return None
    try:
        return float(m.group().replace(",", ""))
    except ValueError:
        return None


def _unit_words(fact: Any, lang: str) -> str:
    """The unit as printed, or the catalogue unit in words when the printed number is the stored value."""
    printed = _number(fact.reported_value)
    if printed is not None and abs(printed - fact.value) <= 1e-9 * max(1.0, abs(fact.value)):
        return str(phrases()["units"][lang].get(fact.unit, fact.unit))
    return str(fact.reported_unit or "")


def _prev_period(period: str) -> str | None:
    m = _YEAR.search(period)
    if not m:
        return None
    return period[:m.start()] + str(int(m.group()) - 1) + period[m.end():]


def _highlight_pages(doc: Document) -> set[int]:
    pattern = re.compile("|".join(phrases()["highlight_words"]), re.I)
    return {p.number for p in doc.pages if doc.paginated and pattern.search(p.text[:400])}


def _pillar(metric: str) -> str | None:
    from esgtrace.catalogue import metric as catalogue_metric

    try:
        group = catalogue_metric(metric).group
    except Exception:  # a metric the catalogue does not know
        return None
    return group if group in PILLARS else None


def _fact_cite(fact: Any) -> Cite:
    return Cite(fact.page, fact.line, fact.quote)


def _label(metric: str, lang: str) -> str:
    """The metric's name for readers; a variant id (``ghg_scope2_market``) is its base name and the rest."""
    labels: dict[str, str] = phrases()["labels"][lang]
    if metric in labels:
        return labels[metric]
    base = max((k for k in labels if metric.startswith(k + "_")), key=len, default=None)
    if base is None:
        return metric.replace("_", " ").capitalize()
    return f"{labels[base]} ({metric[len(base) + 1:].replace('_', ' ')})"


def _figure(fact: Any, prev: Any | None, lang: str) -> Sentence:
    p = phrases()[lang]
    label = _label(fact.metric, lang)
    unit = _unit_words(fact, lang)
    text = str(p["figure"].format(label=label, value=fact.reported_value, unit=unit, period=fact.period))
    text = _collapse(text).replace(" %", "%") if unit == "%" else _collapse(text)
    computed: list[str] = []
    readable = _readable(fact.value, fact.unit, lang) if unit != "%" else None
    if readable:
        text += f" ({readable})"
        computed.append(readable)
    cites = [_fact_cite(fact)]
    periods = [fact.period]
    if prev is not None and prev.value:
        change = (fact.value - prev.value) / abs(prev.value) * 100
        direction = p["up"] if change > 0.05 else p["down"] if change < -0.05 else p["flat"]
        pct = f"{abs(change):.1f}%" if fact.unit != "%" else f"{abs(fact.value - prev.value):.1f} pp"
        phrase = str(p["change"].format(direction=direction, pct=pct, prev=prev.reported_value, prev_period=prev.period))
        text += (", " if lang == "en" else "，") + phrase
        computed.append(pct)
        cites.append(_fact_cite(prev))
        periods.append(prev.period)
    text += "." if lang == "en" else "。"
    return Sentence(text, tuple(cites), tuple(computed), tuple(periods), (label, unit), "figure", fact.metric, fact.value)


def _printed_in(fact: Any) -> bool:
    from esgtrace.digest.evaluate import numbers

    wanted = numbers(fact.reported_value)
    return bool(wanted) and set(wanted) <= set(numbers(fact.quote))


def _figures(doc: Document, facts: Sequence[Any], lang: str, per_pillar: int = 8) -> dict[str, list[Sentence]]:
    """The latest figure of each metric, ranked (core KPIs, repeats, highlight pages), ``per_pillar`` a
    pillar, with its change on the year; a fact whose quote does not print its number as shown, or is
    not at its place, is left out."""
    from esgtrace.digest.evaluate import at_place

    core: list[str] = phrases()["core"]
    highlights = _highlight_pages(doc)
    plain = [f for f in facts if not f.breakdown and _YEAR.search(f.period)]
    by_key = {(f.metric, f.period): f for f in plain}
    latest: dict[str, Any] = {}
    for f in plain:
        best = latest.get(f.metric)
        if best is None or f.period > best.period:
            latest[f.metric] = f

    def score(f: Any) -> float:
        s = 0.0
        if f.metric in core:
            s += 3.0 * (len(core) - core.index(f.metric)) / len(core) + 1.0
        s += min(len(f.sources), 4) * 0.75
        if f.page in highlights:
            s += 2.0
        return s + float(f.confidence)

    out: dict[str, list[Sentence]] = {k: [] for k in PILLARS}
    for f in sorted(latest.values(), key=lambda f: (-score(f), f.metric)):
        pillar = _pillar(f.metric)
        if not _printed_in(f) or not at_place(doc, _fact_cite(f)):
            continue  # precision first: only a number the quote prints as we show it, the quote at its place
        if pillar is None or len(out[pillar]) >= per_pillar:
            continue
        prev_period = _prev_period(f.period)
        prev = by_key.get((f.metric, prev_period)) if prev_period else None
        if prev is not None and not (_printed_in(prev) and at_place(doc, _fact_cite(prev))):
            prev = None
        out[pillar].append(_figure(f, prev, lang))
    return out


# ---------------------------------------------------------------- statements

def _sentences(doc: Document) -> list[tuple[Page, int, str]]:
    found: list[tuple[Page, int, str]] = []
    for page in doc.pages:
        for m in _SENT_EN.finditer(page.text):
            raw = m.group()
            lead = len(raw) - len(raw.lstrip())
            text = _collapse(raw)
            if 30 <= len(text) <= 320:
                found.append((page, m.start() + lead, text))
    return found


def _statements(doc: Document, limit: dict[str, int] | None = None) -> list[Sentence]:
    """The report's rating, certification, award, programme, assurance and quote sentences, verbatim:
    a sentence of a kind names one of its words (``phrases.yaml`` ``statements``) and, for some kinds,
    a word of the issuer's standing (``statement_context``) and none of ``statement_unlike``. Each
    sentence is of one kind; a kind keeps its ``limit`` sentences whose first matching word comes
    earliest in its list (the list is in order of weight), in the report's order."""
    limit = limit or {"rating": 4, "certification": 3, "award": 3, "programme": 4, "assurance": 1, "quote": 3}
    kinds: dict[str, list[str]] = phrases()["statements"]
    compiled = {k: [re.compile(w, re.I | re.M) for w in v] for k, v in kinds.items()}
    context = {k: re.compile("|".join(v), re.I) for k, v in phrases()["statement_context"].items()}
    unlike = {k: re.compile("|".join(v), re.I) for k, v in phrases()["statement_unlike"].items()}
    seen: set[str] = set()
    found: dict[str, list[tuple[int, int, Sentence]]] = {k: [] for k in kinds}
    for at, (page, offset, text) in enumerate(_sentences(doc)):
        if re.search(r"\.{4,}|…{2,}", text) or text.count("|") > 1:
            continue  # a contents or table line, not a sentence
        for kind, patterns in compiled.items():
            rank = next((i for i, pattern in enumerate(patterns) if pattern.search(text)), None)
            if rank is None:
                continue
            if kind in context and (not context[kind].search(text) or (kind in unlike and unlike[kind].search(text))):
                continue  # names the agency, says nothing of the report's issuer
            key = re.sub(r"\W+", "", text.lower())[:80]
            if key not in seen:
                seen.add(key)
                found[kind].append((rank, at, Sentence(text, (_cite(doc, page, offset, text),), kind=kind)))
            break
    out: list[Sentence] = []
    for kind, items in found.items():
        best = sorted(items, key=lambda x: (x[0], x[1]))[:limit.get(kind, 3)]
        out += [s for _, _, s in sorted(best, key=lambda x: x[1])]
    return out


# ---------------------------------------------------------------- targets, audit, disclosure

def _same_place(a: Cite, b: Cite) -> bool:
    """Two citations of one passage: one quote inside the other, or the same page and line with a figure in common."""
    from esgtrace.digest.evaluate import numbers

    qa, qb = _collapse(a.quote), _collapse(b.quote)
    if qa and qb and (qa in qb or qb in qa):
        return True
    return a.page == b.page and a.line == b.line and bool(set(numbers(qa)) & set(numbers(qb)))


def _targets(doc: Document, facts: Sequence[Any], lang: str, limit: int = 12, structured: int = 6) -> tuple[list[Sentence], str | None]:
    """The targets stage's targets with a catalogue metric and a year (at most ``structured``), then
    the report's own goal sentences (:func:`esgtrace.digest.headlines.goals`), then the stage's
    other targets, each passage once, at most ``limit`` in the report's order."""
    try:
        from esgtrace.targets import targets as find_targets
    except ImportError:
        return [], str(phrases()[lang]["targets_missing"])
    from esgtrace.digest.evaluate import numbers
    from esgtrace.digest.headlines import goals

    result = find_targets(doc, facts=list(facts))
    staged: list[Sentence] = []
    for t in sorted(result.targets, key=lambda t: (t.metric is None, t.target_year is None)):
        text = _collapse(t.text)
        if not set(numbers(text)) <= set(numbers(t.quote)):
            text = _collapse(t.quote)  # the report's own words when the clause reads numbers differently
        text = text if text.endswith((".", "。")) else text + ("." if lang == "en" else "。")
        staged.append(Sentence(text, (Cite(t.page, t.line, t.quote),), kind="target", metric=t.metric))
    first = [s for s, t in zip(staged, sorted(result.targets, key=lambda t: (t.metric is None, t.target_year is None)))
             if t.metric is not None and t.target_year is not None][:structured]
    own = goals(doc) if doc.language == "en" else []
    out: list[Sentence] = []
    for s in [*first, *own, *staged]:
        if len(out) >= limit:
            break
        if any(s.text == x.text or _same_place(s.cites[0], c) for x in out for c in x.cites):
            continue
        out.append(s)
    place = {id(s): (s.cites[0].page or 0, s.cites[0].line or 0) for s in out}
    return sorted(out, key=lambda s: place[id(s)]), None


def _audit(facts: Sequence[Any], lang: str, limit: int = 5) -> list[Sentence]:
    from esgtrace.audit import AuditOptions
    from esgtrace.audit.engine import audit_facts

    p = phrases()[lang]
    result = audit_facts(list(facts), AuditOptions())
    errors = result.by_severity("error")
    if not errors:
        n = str(result.facts_checked)
        return [Sentence(str(p["audit_clean"].format(n=n)), computed=(n,), kind="audit")]
    n = str(len(errors))
    out = [Sentence(str(p["audit_errors"].format(n=n)), computed=(n,), kind="audit")]
    for finding in errors[:limit]:
        cites = tuple(Cite(f.page, f.line, f.quote) for f in finding.facts)
        out.append(Sentence(_collapse(finding.message), cites, computed=(_collapse(finding.message),), kind="audit"))
    return out


def _disclosure(doc: Document, facts: Sequence[Any], lang: str) -> list[Sentence]:
    from esgtrace.disclose import disclosure

    result = disclosure(doc, facts=list(facts))
    items = len(result.items)
    if not items:
        return []
    disclosed = sum(1 for s in result.items if s.status == "disclosed")
    rate_text, items_text = f"{100 * disclosed / items:.0f}%", str(items)
    text = str(phrases()[lang]["disclosure_rate"].format(rate=rate_text, items=items_text, version=result.version_label))
    return [Sentence(text, computed=(rate_text, items_text, result.version_label), kind="disclosure")]


# ---------------------------------------------------------------- the digest

def build(doc: Document, facts: Sequence[Any], lang: str | None = None, *, with_targets: bool = True,
          with_check: bool = True) -> Digest:
    """The digest of ``doc`` from its ``facts``.

    :param lang: ``en`` or ``zh``; by default the report's language
    """
    lang = lang or ("zh" if doc.language.startswith("zh") else "en")
    p = phrases()[lang]
    issuer = doc.issuer or doc.name
    title = doc.title if doc.title and _printed_years(doc.title, doc) else str(p["its_report"])
    if title != p["its_report"] and _YEAR.sub("", title) != re.sub(r"\d", "", _YEAR.sub("", title)) and not _title_place(doc, title):
        title = str(p["its_report"])  # a title with other numbers (a day of the month) is shown only where it is printed
    period = _period(doc)
    headline = str(p["headline"].format(issuer=issuer, title=title)) if title != p["its_report"] or not period else \
        str(p["headline_period"].format(issuer=issuer, period=period))
    periods = tuple(x for x in (period,) if x)
    lead_text = str(p["lead" if period else "lead_no_period"].format(issuer=issuer, title=title, period=period))
    where_title = _title_place(doc, title) if title != p["its_report"] else None
    lead = [Sentence(lead_text, (where_title,) if where_title else (),
                     periods=periods + tuple(_YEAR.findall(title)) + tuple(_YEAR.findall(issuer)), kind="lead")]
    themes, where = _themes(doc)
    if themes:
        sep = "; " if lang == "en" else "；"
        lead.append(Sentence(str(p["themes"].format(themes=sep.join(themes))), (where,) if where else (), kind="theme"))
    notes: list[str] = []
    sections: list[Section] = []
    figures = _figures(doc, facts, lang)
    heads = headlines(doc)
    for pillar in PILLARS:
        items = heads[pillar] + figures[pillar] or [Sentence(str(p["no_figures"]), kind="none")]
        sections.append(Section(pillar, str(p["pillars"][pillar]), tuple(items)))
    if with_targets:
        found, missing = _targets(doc, facts, lang)
        if missing:
            notes.append(missing)
        sections.append(Section("targets", str(p["targets"]), tuple(found or [Sentence(str(missing or p["no_targets"]), kind="none")])))
    statements = _statements(doc)
    sections.append(Section("statements", str(p["statements"]), tuple(statements or [Sentence(str(p["no_statements"]), kind="none")])))
    if with_check:
        checks = _audit(facts, lang) + _disclosure(doc, facts, lang)
        sections.append(Section("check", str(p["check"]), tuple(checks)))
    return Digest(doc.name, lang, headline, tuple(lead), tuple(sections), tuple(notes), doc.paginated)
