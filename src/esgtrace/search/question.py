"""Reading a question: which issuers, metrics, periods, groups and operation it asks about.

Plain functions over the question text and the stored issuers' names; no database.
Metrics are named by the catalogue's row labels (``catalogue/metrics.yaml``) and the
question phrases of ``ask.yaml``, English and Chinese; the longest match wins and
matches do not overlap. Issuers are named by any stored name variant, its distinctive
part (the name without legal and generic words: "Holdings", "Group", "Technology") or a
ticker code, case-insensitively.

>>> from esgtrace.search.question import IssuerNames, parse_question
>>> acme = IssuerNames(1, "Acme Widgets Holdings Limited", ("Acme Widgets Holdings Limited",), ("HKEX:9999",))
>>> q = parse_question("How much water did Acme Widgets use in 2022?", [acme])
>>> q.kind, q.issuers, q.metrics, q.periods
('quantitative', (1,), ('water_consumption',), ('2022',))
>>> parse_question("Acme 2021年的温室气体排放总量较2020年变化多少？", [acme]).change_since
'2020'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any


from esgtrace.catalogue import fold_chinese, metrics, read_yaml
from esgtrace.store.issuers import name_key

_CJK = re.compile(r"[\u3400-\u9fff]")
_YEAR = re.compile(r"(?<!\d)(?:fy\s?)?((?:19|20)\d\d)(?:\s*/\s*\d{2,4})?(?!\d)", re.I)
_WORD = re.compile(r"[a-z0-9][a-z0-9'’\-]*|[\u3400-\u9fff]+")


@dataclass(frozen=True)
class IssuerNames:
    """A stored issuer as questions may name it."""

    id: int
    name: str
    names: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """What a question asks.

    ``kind``: ``quantitative`` (figures of named issuers), ``comparative`` (issuers
    ranked or listed), or ``qualitative`` (answered with passages). ``issuers`` are
    stored issuer ids, in the order named; ``named`` is a name the question seems to
    give that matches no stored issuer; ``words`` are the terms left for a passage search.
    """

    text: str
    kind: str
    issuers: tuple[int, ...] = ()
    metrics: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    breakdown: dict[str, str] = field(default_factory=dict)
    per: str | None = None
    change_since: str | None = None
    lowest: bool = False
    disclose: bool = False
    category: str | None = None
    named: str | None = None
    words: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Vocabulary:
    metrics: tuple[tuple[str, re.Pattern[str]], ...]
    weak: tuple[tuple[str, re.Pattern[str]], ...]
    breakdowns: dict[str, dict[str, tuple[re.Pattern[str], ...]]]
    per: dict[str, tuple[re.Pattern[str], ...]]
    change: tuple[re.Pattern[str], ...]
    comparative: tuple[re.Pattern[str], ...]
    lowest: tuple[re.Pattern[str], ...]
    disclose: tuple[re.Pattern[str], ...]
    quantitative: tuple[re.Pattern[str], ...]
    generic: frozenset[str]
    stopwords: frozenset[str]


def _compile(patterns: Any) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in patterns or ())


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    """``ask.yaml`` and the catalogue's labels, compiled once."""
    data = read_yaml(resources.files("esgtrace.search").joinpath("ask.yaml").read_text(encoding="utf-8"))
    found: list[tuple[str, re.Pattern[str]]] = []
    for item in metrics():
        for pattern in item.patterns:
            if not pattern.startswith("^"):
                found.append((item.id, re.compile(pattern, re.I)))
    for metric_id, patterns in data["metrics"].items():
        found += [(metric_id, p) for p in _compile(patterns)]
    return _Vocabulary(
        metrics=tuple(found),
        weak=tuple((metric_id, p) for metric_id, patterns in data["weak"].items() for p in _compile(patterns)),
        breakdowns={key: {group: _compile(p) for group, p in groups.items()} for key, groups in data["breakdowns"].items()},
        per={name: _compile(p) for name, p in data["per"].items()},
        change=_compile(data["change"]),
        comparative=_compile(data["comparative"]),
        lowest=_compile(data["lowest"]),
        disclose=_compile(data["disclose"]),
        quantitative=_compile(data["quantitative"]),
        generic=frozenset(data["generic_name_words"]),
        stopwords=frozenset(w for lang in data["stopwords"].values() for w in lang),
    )


def normalise(text: str) -> str:
    """The form questions are matched in: NFKC, case folded, simplified Chinese, plain apostrophes."""
    return fold_chinese(unicodedata.normalize("NFKC", text)).casefold().replace("’", "'").replace("‘", "'")


def issuer_aliases(issuer: IssuerNames) -> frozenset[str]:
    """The strings that name ``issuer`` in a question (normalised)."""
    return _aliases(issuer)


@lru_cache(maxsize=4096)
def _aliases(issuer: IssuerNames) -> frozenset[str]:
    vocab = vocabulary()
    found: set[str] = set()
    for full in {issuer.name, *issuer.names}:
        parts = [full] + re.findall(r"[(（]([^()（）]+)[)）]", full) + [re.sub(r"\s*[(（][^()（）]*[)）]", "", full)]
        for part in parts:
            key = name_key(part)
            if not key:
                continue
            found.add(key)
            words = key.split()
            while words and words[-1] in vocab.generic:
                words.pop()
            while words and words[0] in vocab.generic:
                words.pop(0)
            distinct = " ".join(words)
            for generic in vocab.generic:  # Chinese names glue their generic words on
                if not generic.isascii() and distinct.endswith(generic) and len(distinct) > len(generic) + 1:
                    distinct = distinct[: -len(generic)]
            if distinct:
                found.add(distinct)
    for ticker in issuer.tickers:
        code = ticker.partition(":")[2]
        if code:
            found.add(code.casefold())
        found.add(ticker.casefold())
    return frozenset(a for a in found if (len(a) >= 2 if _CJK.search(a) else len(a) >= 3))


def _find(alias: str, text: str) -> list[tuple[int, int]]:
    if alias not in text:
        return []
    return [(m.start(), m.end()) for m in _alias_pattern(alias).finditer(text)]


@lru_cache(maxsize=4096)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    if _CJK.search(alias):
        return re.compile(re.escape(alias))
    # a word boundary of its own kind: "harbourview digital2023年" names Harbourview Digital, "1234" is not in "12340"
    before = r"(?<![a-z0-9])"
    after = r"(?![0-9])" if alias[-1].isdigit() else r"(?![a-z])"
    return re.compile(before + re.escape(alias) + after)


def _take(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest matches first, none overlapping another taken."""
    taken: list[tuple[int, int, str]] = []
    for start, end, what in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, what))
    return sorted(taken)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def parse_question(question: str, issuers: list[IssuerNames]) -> Question:
    """Read ``question`` against the catalogue and the stored ``issuers``."""
    vocab = vocabulary()
    text = normalise(question)
    # Issuers first: a company name may hold a metric word ("... Water Group").
    spans = [(s, e, str(i.id)) for i in issuers for a in issuer_aliases(i) for s, e in _find(a, text)]
    named_issuers = _take(spans)
    issuer_ids = tuple(dict.fromkeys(int(w) for _, _, w in named_issuers))
    rest = _blank(text, [(s, e) for s, e, _ in named_issuers])

    per = next((name for name, patterns in vocab.per.items() for p in patterns if p.search(rest)), None)
    if per:
        rest = _blank(rest, [(m.start(), m.end()) for p in vocab.per[per] for m in p.finditer(rest)])
    change_since = None
    for pattern in vocab.change:
        if match := pattern.search(rest):
            change_since = match.group("year")
            rest = _blank(rest, [match.span("year")])
            break
    years = list(dict.fromkeys(m.group(1) for m in _YEAR.finditer(rest)))
    metric_spans = _take([(m.start(), m.end(), metric_id) for metric_id, p in vocab.metrics for m in p.finditer(rest)
                          if m.end() > m.start()])
    if not metric_spans:
        metric_spans = _take([(m.start(), m.end(), metric_id) for metric_id, p in vocab.weak for m in p.finditer(rest)])
    metric_ids = tuple(dict.fromkeys(w for _, _, w in metric_spans))
    breakdown: dict[str, str] = {}
    from esgtrace.catalogue import metric as catalogue_metric

    takes = {k for m in metric_ids for k in catalogue_metric(m).breakdowns}
    for key, groups in vocab.breakdowns.items():
        if key in takes:
            for group, patterns in groups.items():
                if any(p.search(rest) for p in patterns):
                    breakdown[key] = group
                    break
    category = None
    if category_match := re.search(r"categor(?:y|ies)\s*(\d{1,2})\b|类别\s*(\d{1,2})", rest):
        category = category_match.group(1) or category_match.group(2)
    comparative = any(p.search(rest) for p in vocab.comparative)
    quantitative = any(p.search(rest) for p in vocab.quantitative)
    disclose = any(p.search(rest) for p in vocab.disclose)
    if metric_ids and comparative and len(issuer_ids) != 1:
        kind = "comparative"
    elif metric_ids and (issuer_ids or quantitative) and not (disclose and not quantitative and not issuer_ids):
        kind = "quantitative"
    elif metric_ids and disclose and not issuer_ids:
        kind = "comparative"
    else:
        kind = "qualitative"
    return Question(
        text=question, kind=kind, issuers=issuer_ids, metrics=metric_ids, periods=tuple(years),
        breakdown=breakdown, per=per, change_since=change_since,
        lowest=any(p.search(rest) for p in vocab.lowest), disclose=disclose, category=category,
        named=None if issuer_ids else _named(question), words=tuple(content_words(_blank(text, [(s, e) for s, e, _ in named_issuers]))),
    )


_POSSESSIVE = re.compile(r"\b((?:[A-Z][\w&.\-]*|of|and)(?:\s+(?:[A-Z][\w&.\-]*|of|and))*?)['’]s?\b(?=\s)")
_AFTER_VERB = re.compile(r"\b(?:did|does|do|has|have|had|for|of|at|by)\s+((?:[A-Z][\w&.\-]*)(?:\s+[A-Z][\w&.\-]*)*)")


def _named(question: str) -> str | None:
    """A company name the question seems to give (capitalised words before "'s", after "did")."""
    for pattern in (_POSSESSIVE, _AFTER_VERB):
        for match in pattern.finditer(question):
            name = match.group(1).strip()
            if name and name.split()[0] not in ("What", "How", "Which", "Scope", "GHG", "The", "In", "FY"):
                return name
    chinese = re.match(r"\s*([\u3400-\u9fff]{2,12}?)(?:在|的|于|(?:19|20)\d\d)", question)
    return chinese.group(1) if chinese else None


def content_words(text: str) -> list[str]:
    """The words of a question worth searching for; Chinese as 3-character pieces (the index stems English)."""
    stop = vocabulary().stopwords
    found: list[str] = []
    for word in _WORD.findall(normalise(text)):
        word = word.strip("'-")
        if _CJK.match(word):
            for sw in sorted((s for s in stop if _CJK.match(s)), key=len, reverse=True):
                word = word.replace(sw, " ")
            for run in word.split():
                found += [run] if len(run) <= 3 else [run[i:i + 3] for i in range(len(run) - 2)]
            continue
        if word.endswith("'s"):
            word = word[:-2]
        if word and word not in stop and (len(word) >= 3 or any(c.isdigit() for c in word)):
            found.append(word)
    return list(dict.fromkeys(found))
