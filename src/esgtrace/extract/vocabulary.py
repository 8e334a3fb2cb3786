"""Which metric a label names, by a scored vocabulary of words rather than by patterns.

A reader knows "Direct GHG emissions (Scope 1)", "Scope 1 – Direct emissions" and
"Greenhouse gas emissions: direct (Scope 1)" are one metric whatever the word order,
plural or brackets. So a label is read into words (``vocabulary.yaml``: phrases folded
to one token, plurals to the singular, neutral words dropped, Chinese kept as text), and
each metric's ``names`` (word sets that must all be present, in any order) and ``words``
(words it may also carry) from ``metrics.yaml`` account for as many of them as they can.

- The **score** is the share of the label's words a metric accounts for: extra words
  lower it, a name missing a word does not match at all.
- A **distinguishing** word ("intensity", "market", "hazardous", "per") left unaccounted
  rules the metric out, and so does a digit a scope name does not claim ("Scope 1 and 2"
  is not Scope 1).
- **Abstain** below a threshold, and when two metrics of one dimension tie.
- The words left over (``rest``) say whether the row is a part of the metric (a segment,
  site, fuel or business name) or a breakdown group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from esgtrace.catalogue import Metric, fold_chinese, metrics, vocabulary

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[a-z][a-z0-9.]*[a-z0-9]|[a-z]|\d+(?:\.\d+)?|[\u4e00-\u9fff]+")
_KEEP_S = ("ss", "us", "is", "ous", "sis")
MIN_SCORE = 0.7


def singular(word: str) -> str:
    """A word without its plural ending ("emissions" -> "emission", "fatalities" -> "fatality")."""
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, re.I), f" {t} ") for p, t in vocabulary().phrases.items())


@lru_cache(maxsize=1)
def _sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    v = vocabulary()
    neutral_cjk = tuple(sorted((w for w in v.neutral if _CJK.fullmatch(w)), key=len, reverse=True))
    return (
        frozenset(singular(w) for w in v.neutral if w.isascii()),
        frozenset(singular(w) for w in v.distinguishing),
        frozenset(singular(w) for w in v.allowed),
        frozenset(singular(w) for w in v.parts),
        neutral_cjk,
    )


@dataclass(frozen=True, slots=True)
class Words:
    """A label read for matching: its content words in order and its Chinese text."""

    latin: tuple[str, ...]
    cjk: str


def read_words(label: str) -> Words:
    """The content words of a label (or a name): phrases folded, plurals singular, neutral words out.

    >>> read_words("Total Greenhouse Gas Emissions (Scope 1 and 2)").latin
    ('total', 'ghg', 'emission', 'scope', '1', 'and', '2')
    """
    neutral, _, _, _, neutral_cjk = _sets()
    text = fold_chinese(label).lower().replace("’", "'")
    text = re.sub(r"\bscope\s*-?\s*(\d)", r"scope \1", text)
    for pattern, token in _phrases():
        text = pattern.sub(token, text)
    latin: list[str] = []
    cjk: list[str] = []
    for w in _WORD.findall(text):
        if _CJK.match(w):
            cjk.append(w)
            continue
        w = singular(w.rstrip("."))
        if w and w not in neutral:
            latin.append(w)
    chinese = "".join(cjk)
    for n in neutral_cjk:
        chinese = chinese.replace(n, "")
    return Words(tuple(latin), chinese)


@dataclass(frozen=True, slots=True)
class Name:
    latin: frozenset[str]
    cjk: tuple[str, ...]
    size: int
    specific: int  # distinguishing words and digits of the name


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[Metric, tuple[Name, ...], frozenset[str], tuple[str, ...]], ...]:
    out = []
    for m in metrics():
        names = []
        for printed in m.names:
            w = read_words(printed)
            cjk = tuple(_CJK.findall(fold_chinese(printed)))
            latin = frozenset(w.latin)
            specific = sum(1 for x in latin if x in _sets()[1] or x.isdigit())
            names.append(Name(latin, cjk, len(latin) + sum(len(c) for c in cjk) // 2, specific))
        words = read_words(" ".join(x for x in m.words if not _CJK.search(x)))
        cjk_words = tuple(x for x in m.words if _CJK.fullmatch(x))
        out.append((m, tuple(names), frozenset(words.latin), cjk_words))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Scored:
    """A metric a label may name.

    :param score: share of the label's words the metric accounts for (0-1)
    :param size: words of the name that matched (a longer name is more specific)
    :param specific: distinguishing words and digits of the name ("Scope 3 emissions (total)"
        is Scope 3 rather than total emissions)
    :param rest: the label's words the metric does not account for, in order (Chinese
        characters it does not cover, as one word)
    """

    metric: Metric
    score: float
    size: int
    specific: int
    rest: tuple[str, ...]

    @property
    def rank(self) -> tuple[float, int, int]:
        return self.score, self.specific, self.size


def score_label(label: str) -> list[Scored]:
    """Every metric whose names a label holds, best first (distinguishing words respected)."""
    return list(_score_label(label))


@lru_cache(maxsize=4096)
def _score_label(label: str) -> tuple[Scored, ...]:
    """:func:`score_label`, kept: one label is scored by several readers."""
    words = read_words(label)
    if not words.latin and not words.cjk:
        return ()
    _, distinguishing, allowed, _, _ = _sets()
    present = set(words.latin)
    best: dict[str, Scored] = {}
    for metric, names, extra, cjk_extra in _names():
        for name in names:
            if not name.latin <= present or not all(c in words.cjk for c in name.cjk):
                continue
            if not name.latin and not name.cjk:
                continue
            claimed = name.latin | (extra & present) | allowed
            if any(w in distinguishing and w not in claimed for w in present):
                continue
            if any(w.isdigit() and len(w) == 1 and w not in claimed for w in present) and (
                any(c.isdigit() for c in name.latin) or "scope" in present
            ):
                continue  # "Scope 1 and 2" is not Scope 1
            matched = sum(1 for w in words.latin if w in claimed)
            covered = _covered(words.cjk, (*name.cjk, *cjk_extra))
            if words.cjk and not name.cjk and covered == 0 and not name.latin:
                continue
            total = len(words.latin) + len(words.cjk) / 2
            score = (matched + covered / 2) / total if total else 0.0
            rest = tuple(w for w in words.latin if w not in claimed)
            left = _uncovered(words.cjk, (*name.cjk, *cjk_extra))
            found = Scored(metric, round(score, 4), name.size, name.specific, rest + ((left,) if left else ()))
            old = best.get(metric.id)
            if old is None or found.rank > old.rank:
                best[metric.id] = found
    return tuple(sorted(best.values(), key=lambda s: tuple(-x for x in s.rank)))


def _covered(text: str, pieces: tuple[str, ...]) -> int:
    """How many characters of ``text`` the pieces cover."""
    return sum(_hits(text, pieces))


def _uncovered(text: str, pieces: tuple[str, ...]) -> str:
    """The characters of ``text`` the pieces do not cover."""
    return "".join(c for c, hit in zip(text, _hits(text, pieces)) if not hit)


def _hits(text: str, pieces: tuple[str, ...]) -> list[bool]:
    hit = [False] * len(text)
    for piece in pieces:
        start = text.find(piece)
        while start >= 0:
            for k in range(start, start + len(piece)):
                hit[k] = True
            start = text.find(piece, start + 1)
    return hit


def name_metric(label: str, threshold: float = MIN_SCORE) -> list[Scored]:
    """The metrics a label names, best first, or ``[]`` when the best scores low or two
    metrics of one dimension tie (the unit chooses between dimensions)."""
    ranked = [s for s in score_label(label) if s.score >= threshold]
    if not ranked:
        return []
    top = ranked[0]
    for other in ranked[1:]:
        if other.rank == top.rank and other.metric.dimension == top.metric.dimension:
            return []
    return ranked


def is_part(rest: tuple[str, ...]) -> bool:
    """Whether words left over after a metric's name make the row a part of it."""
    return any(w in _sets()[3] for w in rest)


def group_words(label: str, metric: Metric) -> str:
    """What a label names besides its metric, as printed: the group of a part row
    ("circulating water consumption" of water consumption -> "circulating water")."""
    neutral, _, allowed, _, _ = _sets()
    own = set(read_words(" ".join(metric.words)).latin) | allowed
    kept = []
    for word in re.findall(r"[^\s()（）:：,;]+", label):
        w = read_words(word).latin
        if not w or all(x in neutral or x in own for x in w):
            continue
        kept.append(word)
    return " ".join(kept)


@lru_cache(maxsize=1)
def _qualifiers() -> frozenset[str]:
    return frozenset(singular(w) for w in vocabulary().qualifiers)


def distinguishing_words() -> frozenset[str]:
    """The words that set a metric apart (``distinguishing`` in ``vocabulary.yaml``), as read."""
    return _sets()[1]


def qualifier_words() -> frozenset[str]:
    """The accounting-method words (``qualifiers`` in ``vocabulary.yaml``), as read."""
    return _qualifiers()


def unclaimed(label: str, metric: Metric) -> bool:
    """Whether a label holds a qualifier (an accounting method) the metric does not claim: a
    pattern found "Scope 1 and 2" in "Total Scope 1 and 2 (market)", another quantity."""
    _, _, allowed, _, _ = _sets()
    present = set(read_words(label).latin)
    for m, names, extra, _ in _names():
        if m.id != metric.id:
            continue
        claimed = extra | allowed | frozenset(w for n in names for w in n.latin)
        return any(w in _qualifiers() and w not in claimed for w in present)
    return False


@lru_cache(maxsize=1)
def _events() -> re.Pattern[str] | None:
    words = vocabulary().events
    return re.compile("|".join(f"(?:{w})" for w in words), re.I) if words else None


def names_an_event(text: str) -> bool:
    """Whether ``text`` names something that happens to people (an injury, an illness, a
    grievance: ``events`` in ``vocabulary.yaml``)."""
    pattern = _events()
    return bool(pattern and pattern.search(fold_chinese(text)))


@lru_cache(maxsize=1)
def _measures() -> re.Pattern[str] | None:
    words = vocabulary().measures
    return re.compile("|".join(f"(?:{w})" for w in words), re.I) if words else None


def names_a_measure(text: str) -> bool:
    """Whether ``text`` names a quantity of its own (pay, income, an average, a rate:
    ``measures`` in ``vocabulary.yaml``), so that it is no group's name."""
    pattern = _measures()
    return bool(pattern and pattern.search(fold_chinese(text)))
