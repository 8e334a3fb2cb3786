"""Row labels: which metric a label names, and which breakdown group.

All patterns come from the catalogue (``metrics.yaml``, ``breakdowns.yaml``); this module
only cleans labels (footnote markers, bullets) and picks the best match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from esgtrace.catalogue import Metric, breakdowns, fold_chinese, metrics
from esgtrace.extract import vocabulary

# footnote markers on labels: "emissions(1)", "combustion3", "Natural gas14", "PUE²", "Scope 19"
_MARKER_PAREN = re.compile(r"\((?:\d{1,2}|[a-z]|\*)\)|\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+")
_MARKER_GLUED = re.compile(r"(?<=[A-Za-z\)])\d{1,2}\b")
# markers closed by a bracket and set apart ("Total headcount 2), 3)", "1) ... 1)"): note numbers, not words
_MARKER_CLOSED = re.compile(r"(?<![\w(.,])\d{1,2}\)(?:\s*,\s*\d{1,2}\))*(?![\w(])")
# chemical formulas end in digits that are not markers ("SO2", "NO2", "CO2", "PM10", "CH4", "SF6"),
# though a marker may follow them ("SO25" is SO2 + note 5)
_FORMULA = re.compile(r"\b(?:SO|NO|CO|PM|CH|SF|NF|N)$", re.I)
_FORMULA_DIGITS = ("10", "2", "3", "4", "6")


def _unclosed(m: re.Match[str]) -> str:
    """A closed marker ("2)") is a note number unless it closes a bracket ("(category 1)")."""
    before = m.string[: m.start()]
    return m.group(0) if before.count("(") > before.count(")") else " "


def _unmark(m: re.Match[str]) -> str:
    """A digit glued to a word is a footnote marker, unless it ends a chemical formula."""
    if _FORMULA.search(m.string, 0, m.start()):
        keep = next((d for d in _FORMULA_DIGITS if m.group(0).startswith(d)), "")
        return keep
    return ""

_SCOPE_MARKER = re.compile(r"\b(scope)\s*([123])\d{1,2}\b", re.I)
# words that open a sub-row: the row is a part of the row above ("of which: ...", "thereof women",
# "davon Frauen", "out of which", "among them", "其中：...")
_SUB_ROW = (r"(?:of|in|among|out of|from) which|thereof|whereof|therein|davon|hiervon|darunter|dont"
            r"|(?:of|among) (?:them|these|those)|including|include|其中")
_BULLET = re.compile(rf"^(?:[-–•■●▪·]\s*|(?:{_SUB_ROW})\b[:：,]?\s*|其中[:：,]?\s*)+", re.I)
# a row that is a part of the row above: "of which: ...", "In which: circulating water consumption", "其中：..."
_PART_OF_ABOVE = re.compile(rf"^\s*(?:[-–•]\s*)?(?:{_SUB_ROW})(?:\b|(?<=中))\s*[:：]?", re.I)


def part_of_above(text: str) -> bool:
    """Whether a row label says it is a part of the row above ("of which ...", "其中 ...")."""
    return bool(_PART_OF_ABOVE.match(fold_chinese(text)))
# a share, not an amount: a per cent sign, or a word that makes the figure a part of a whole
_SHARE = re.compile(r"%|‰|\bper ?cent(?:age)?s?\b|\b(?:share|proportion|ratio)\b(?! capital)|占比|比例|百分比", re.I)


# words that narrow a count to some of the counted ("employees who took parental leave",
# "employees with disabilities", "staff on fixed-term contracts", "members eligible for ...")
_NARROWING = re.compile(
    r"^\W*(?:who|whom|whose|that|with|without|on|having|receiving|taking|took|eligible|entitled|covered|returning"
    r"|returned|leaving|hired|joining|affected|entering|participating|subject)\b", re.I)


def narrowed(label: str, match: MetricMatch) -> bool:
    """Whether the words after the name of a counted metric narrow it to a subset: a clause
    ("Number of employees who took parental leave", "... with permanent contracts") makes the
    row a count of some of them, not the total."""
    if match.metric.dimension != "count":
        return False
    if match.rest is not None:
        words = read_after_name(label, match)
        return bool(_NARROWING.match(words))
    return bool(_NARROWING.match(label[match.end :]))


def read_after_name(label: str, match: MetricMatch) -> str:
    """The printed words after the first word of a scored match's label that its metric's
    names claim ("Employees who ..." -> "who ...")."""
    names = {w for n in match.metric.names for w in vocabulary.read_words(n).latin}
    for m in re.finditer(r"[^\W\d_][\w'’-]*", label):
        if set(vocabulary.read_words(m.group(0)).latin) & names:
            return label[m.end() :]
    return ""


def says_share(label: str, unit: str = "") -> bool:
    """Whether a row's label or unit makes its figures shares ("% full-time", "Share of women",
    "Proportion ... (%)"), not absolute amounts."""
    return bool(_SHARE.search(fold_chinese(label)) or _SHARE.search(unit or ""))


_COUNT = re.compile(r"\b(?:number|no\.?|count|headcount)\s+of\b|人数|数量", re.I)


def says_count(label: str) -> bool:
    """Whether a row's label makes its figures counts ("thereof number of women in ..."): a
    row that says so is no share, whatever the unit of the row above."""
    return bool(_COUNT.search(fold_chinese(label)))


_LABEL_YEAR = re.compile(r"\b(?:in|for|of)\s+((?:19|20)\d\d)\b|\(((?:19|20)\d\d)\)")


def clean_label(text: str) -> str:
    """A label without footnote markers, bullets, "Including:" and extra spaces."""
    t = _SCOPE_MARKER.sub(r"\1 \2", fold_chinese(text))
    t = _MARKER_PAREN.sub(" ", t)
    t = _MARKER_CLOSED.sub(_unclosed, t)
    t = _MARKER_GLUED.sub(_unmark, t)
    t = t.replace("**", " ").replace("（", "(").replace("）", ")")
    t = re.sub(r"\s+", " ", t).strip(" :;,")
    t = _BULLET.sub("", t).strip()
    return t


def label_year(text: str) -> str | None:
    """A year the label itself names ("fatalities in 2021")."""
    m = _LABEL_YEAR.search(text)
    return (m.group(1) or m.group(2)) if m else None


@dataclass(frozen=True, slots=True)
class MetricMatch:
    """A metric a label names: by a catalogue pattern (``start``/``end`` its span) or by the
    scored vocabulary (the whole label, ``rest`` the words its names left over)."""

    metric: Metric
    start: int
    end: int
    rest: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


@lru_cache(maxsize=1)
def _metric_patterns() -> tuple[tuple[Metric, re.Pattern[str]], ...]:
    return tuple((m, re.compile(p, re.I)) for m in metrics() for p in m.patterns)


def match_metrics(label: str) -> list[MetricMatch]:
    """The metrics ``label`` names: every metric whose label pattern occurs in it, longest
    match first; when no pattern matches, the scored vocabulary's readings, best first."""
    return list(_match_metrics(label))


@lru_cache(maxsize=4096)
def _match_metrics(label: str) -> tuple[MetricMatch, ...]:
    """:func:`match_metrics`, kept: the readers of a page ask about the same labels again."""
    found = [m for m in pattern_matches(label) if not vocabulary.unclaimed(label, m.metric)]
    if found:
        return tuple(found)
    return tuple(scored_matches(label))


def scored_matches(label: str) -> list[MetricMatch]:
    """The scored vocabulary's readings of ``label`` (:mod:`esgtrace.extract.vocabulary`), best first.

    Words left over that name a breakdown group ("Female", "Under 30") are the row's group,
    not words against the metric.
    """
    ranked = vocabulary.name_metric(label)
    if not ranked:
        low = [s for s in vocabulary.score_label(label) if s.rest]
        ranked = [s for s in low[:1] if _group_rest(s)]
    return [MetricMatch(s.metric, 0, len(label), " ".join(s.rest)) for s in ranked]


def _group_rest(scored: vocabulary.Scored) -> bool:
    group = match_group(" ".join(scored.rest))
    return group is not None and (group[0] in scored.metric.breakdowns or group[0] in ("gender", "age"))


def pattern_matches(label: str) -> list[MetricMatch]:
    """Every metric whose label pattern occurs in ``label``, longest match first."""
    found: dict[str, MetricMatch] = {}
    for metric, pattern in _metric_patterns():
        for m in pattern.finditer(label):
            if m.end() == m.start():
                continue
            best = found.get(metric.id)
            if best is None or m.end() - m.start() > best.length:
                found[metric.id] = MetricMatch(metric, m.start(), m.end())
    return sorted(found.values(), key=lambda mm: (-mm.length, mm.start))


def best_metric(label: str) -> MetricMatch | None:
    """The metric a label names (the longest pattern match), if any."""
    matches = match_metrics(label)
    return matches[0] if matches else None


@lru_cache(maxsize=1)
def _key_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (key, re.compile(p, re.I)) for key, pats in breakdowns().keys.items() for p in pats
    )


@lru_cache(maxsize=1)
def _group_patterns() -> tuple[tuple[str, str | None, re.Pattern[str]], ...]:
    return tuple((g.key, g.value, re.compile(p, re.I)) for g in breakdowns().groups for p in g.patterns)


@lru_cache(maxsize=1)
def _parts() -> re.Pattern[str]:
    return re.compile("|".join(breakdowns().parts) or r"(?!x)x", re.I)


def remainder(label: str, match: MetricMatch) -> str:
    """What a label says besides the metric's name."""
    if match.rest is not None:
        return match.rest
    return (label[: match.start] + " " + label[match.end :]).strip()


def names_a_part(label: str, match: MetricMatch) -> bool:
    """The label qualifies the metric it names ("... recovered via a circular route", "Scope 1 –
    Upstream", "... at our data centres"): a part of it."""
    rest = remainder(label, match)
    if _parts().search(rest):
        return True
    if match.rest is None:
        after = label[match.end :].strip()
        dashed = re.match(r"^[^-–—\s]{0,4}\s*[-–—]\s*(.+)$", after)
        if dashed and not label[: match.start].strip(" -–—") and match_group(clean_label(dashed.group(1))) is None:
            if vocabulary.read_words(dashed.group(1)).cjk and not pattern_matches(dashed.group(1)):
                return True  # "无害废弃物总量-厨余垃圾": the total's component (English parts are words)
    return vocabulary.is_part(vocabulary.read_words(rest).latin)


def announced_key(text: str) -> tuple[str, int, int] | None:
    """The breakdown key a header announces ("by gender" -> gender), with its span."""
    best: tuple[str, int, int] | None = None
    for key, pattern in _key_patterns():
        m = pattern.search(text)
        if m and (best is None or m.end() - m.start() > best[2] - best[1]):
            best = (key, m.start(), m.end())
    return best


@lru_cache(maxsize=1)
def _boundary_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(rf"^(?:{p})\b", re.I)) for kind, found in breakdowns().boundaries.items() for p in found)


def boundary_of(label: str) -> tuple[str, str, str] | None:
    """Whose figure a cleaned label says it is by its opening words ("Supply chain Renewable
    electricity use", "Corporate facilities Total"): ``(kind, boundary as printed, rest of the
    label)``, kind ``own`` (the reporter's operations) or ``other`` (another part of its value chain).
    """
    for kind, pattern in _boundary_patterns():
        m = pattern.match(label)
        if m:
            return kind, m.group(0), label[m.end() :].strip(" :;,-–")
    return None


@lru_cache(maxsize=1)
def _segment_pattern() -> re.Pattern[str] | None:
    found = breakdowns().segments
    if not found:
        return None
    return re.compile(rf"\b(?:in|on)\s+(?:the\s+|our\s+)?((?:{'|'.join(found)}))\b", re.I)


def segment_named(label: str) -> str | None:
    """The part of the business a block heading names after "in" or "on" ("Energy Consumption
    in the Portfolio" -> ``"Portfolio"``), as printed; ``None`` when it names none."""
    pattern = _segment_pattern()
    m = pattern.search(label) if pattern else None
    return m.group(1) if m else None


def match_group(label: str, key: str | None = None) -> tuple[str, str] | None:
    """The breakdown group a label names: ``(key, value)``.

    :param label: a cleaned row label such as ``"Under 30 years old"``
    :param key: the key a header announced; a label of another key still matches, and a
        label no pattern knows is taken as printed under this key
    """
    text = re.sub(r"\s+only$", "", label.strip(), flags=re.I)  # "UK only": the group itself
    if not text:
        return None
    hits = [(k, v, p) for k, v, p in _group_patterns() if p.search(text)]
    if key is not None:
        same = [h for h in hits if h[0] == key]
        if same:
            k, v, _ = same[0]
            return k, v or _printed(text)
        staff = {"category", "employment_type"}
        if hits and key in staff and hits[0][0] in staff:
            # a header key wins between the two staff vocabularies ("Senior management"
            # under "By employment type" is an employment type)
            return key, hits[0][1] or _printed(text)
        if hits:
            return hits[0][0], hits[0][1] or _printed(text)
        if key in ("region", "category", "position", "employment_type", "source") and _looks_like_group(text):
            return key, _printed(text)
        return None
    if hits:
        k, v, _ = hits[0]
        return k, v or _printed(text)
    return None


def _printed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" -–:")


def _looks_like_group(text: str) -> bool:
    """A short name (a region, a staff category), not a sentence or another metric."""
    words = text.split()
    if says_share(text):
        return False  # "% full-time": a share, not a group's name
    if not (0 < len(words) <= 8 and not re.search(r"\d{3,}|[.;:]$", text) and best_metric(text) is None):
        return False
    if vocabulary.names_a_measure(text):
        return False  # "Total average income" under a head count: a figure of its own, not a region
    # a label that holds a metric's whole name among other words ("Total operational GHG emissions
    # (adjusted for ...)") is a variant of that metric, not a group of the parent
    return not any(s.score >= 0.4 and s.size >= 2 for s in vocabulary.score_label(text))
