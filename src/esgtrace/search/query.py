"""Search queries: words, "quoted phrases", AND / OR / NOT, ``-word`` and parentheses.

A query is parsed once into a small tree (:func:`parse_query`) and compiled for each
back end: an FTS5 ``MATCH`` expression for SQLite and a ``tsquery`` for PostgreSQL. Both
index the ``terms`` of a passage (:func:`~esgtrace.store.passages.tokens`: case folded
words and numbers, Chinese as overlapping character pairs) and stem English words
(porter / snowball), so a term of several tokens ("48,316.27", "数据安全") is a phrase.
Words sit side by side with an implicit AND; OR binds looser than AND.

>>> parse_query('"data security" AND (policy OR governance) -bitcoin')
And(items=(Term(text='data security', phrase=True), Or(items=(Term(text='policy', phrase=False), Term(text='governance', phrase=False))), Not(item=Term(text='bitcoin', phrase=False))))
>>> to_fts5(parse_query('scope 1 OR 范围一'))
'(("scope") AND ("1")) OR ("范围 围一")'
>>> to_tsquery(parse_query('"data security" -bitcoin'))
"( 'data' <-> 'security' & !'bitcoin' )"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from esgtrace.errors import EsgtraceError
from esgtrace.store.passages import tokens


class BadQuery(EsgtraceError, ValueError):
    """A search query that cannot be run: ``reason`` says why."""

    def __init__(self, query: str, reason: str) -> None:
        super().__init__(query, reason)
        self.query = query
        self.reason = reason

    def __str__(self) -> str:
        return f"search query {self.query!r}: {self.reason}"


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Union[Term, And, Or, Not]

_TOKEN = re.compile(r'"([^"]*)"?|(\()|(\))|(?<!\S)-(?=[^\s-])|([^\s()"]+)')
_EDGE = re.compile(r"^[^\w\u3400-\u9fff]+|[^\w\u3400-\u9fff%]+$")
_OPERATORS = {"AND", "OR", "NOT"}


def parse_query(text: str) -> Node:
    """The tree of a query.

    :raises BadQuery: empty, unbalanced parentheses, or only words to leave out
    """
    items: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(text):
        phrase, opening, closing, word = match.group(1), match.group(2), match.group(3), match.group(4)
        if phrase is not None:
            if phrase.strip():
                items.append(("phrase", " ".join(phrase.split())))
        elif opening:
            items.append(("(", "("))
        elif closing:
            items.append((")", ")"))
        elif word is None:
            items.append(("NOT", "-"))
        elif word in _OPERATORS:
            items.append((word, word))
        elif cleaned := _EDGE.sub("", word):
            items.append(("word", cleaned))
    parser = _Parser(text, items)
    node = parser.parse()
    if not _has_positive(node):
        raise BadQuery(text, "nothing to find: give at least one word that is not left out with NOT or -")
    return node


@dataclass
class _Parser:
    query: str
    items: list[tuple[str, str]]
    at: int = 0

    def parse(self) -> Node:
        if not self.items:
            raise BadQuery(self.query, "no words to search for")
        node = self._or()
        if self.at < len(self.items):
            raise BadQuery(self.query, f"unexpected {self.items[self.at][1]!r}")
        return node

    def _peek(self) -> str | None:
        return self.items[self.at][0] if self.at < len(self.items) else None

    def _or(self) -> Node:
        parts = [self._and()]
        while self._peek() == "OR":
            self.at += 1
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def _and(self) -> Node:
        parts = [self._unary()]
        while self._peek() not in (None, "OR", ")"):
            if self._peek() == "AND":
                self.at += 1
            parts.append(self._unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def _unary(self) -> Node:
        kind = self._peek()
        if kind == "NOT":
            self.at += 1
            return Not(self._unary())
        if kind == "(":
            self.at += 1
            node = self._or()
            if self._peek() != ")":
                raise BadQuery(self.query, "a parenthesis is not closed")
            self.at += 1
            return node
        if kind in ("word", "phrase"):
            text = self.items[self.at][1]
            self.at += 1
            return Term(text, phrase=kind == "phrase")
        raise BadQuery(self.query, "an operator needs a word on each side" if kind else "the query ends with an operator")


def _has_positive(node: Node) -> bool:
    if isinstance(node, Term):
        return True
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_has_positive(i) for i in node.items)
    return all(_has_positive(i) for i in node.items)


def any_of(words: list[str]) -> Node:
    """A query matching passages with any of ``words`` (ranked by how many and how rare)."""
    terms: tuple[Node, ...] = tuple(Term(w) for w in words)
    return terms[0] if len(terms) == 1 else Or(terms)


def terms_of(node: Node) -> list[str]:
    """The positive terms of a query (for highlighting)."""
    if isinstance(node, Term):
        return [node.text]
    if isinstance(node, Not):
        return []
    return [t for item in node.items for t in terms_of(item)]


# ---- SQLite FTS5 ----------------------------------------------------------------------

def _fts5_term(node: Term) -> str | None:
    found = tokens(node.text)
    return '"' + " ".join(found) + '"' if found else None


def to_fts5(node: Node) -> str | None:
    """An FTS5 ``MATCH`` text over the ``terms`` column, or ``None`` when no term has a token.

    FTS5's ``NOT`` is binary: the words left out of an ``AND`` follow its other words.
    """
    if isinstance(node, Term):
        return _fts5_term(node)
    if isinstance(node, Not):
        return to_fts5(node.item)
    if isinstance(node, Or):
        parts = [p for p in (to_fts5(i) for i in node.items) if p]
        return " OR ".join(f"({p})" for p in parts) if parts else None
    positive = [p for p in (to_fts5(i) for i in node.items if not isinstance(i, Not)) if p]
    negative = [p for p in (to_fts5(i) for i in node.items if isinstance(i, Not)) if p]
    if not positive:
        return None
    text = " AND ".join(f"({p})" for p in positive)
    if negative:
        text = f"({text}) NOT ({' OR '.join(f'({n})' for n in negative)})"
    return text


# ---- PostgreSQL tsquery --------------------------------------------------------------

def to_tsquery(node: Node) -> str | None:
    """A ``to_tsquery('english', ...)`` text, or ``None`` when no term has a token."""
    if isinstance(node, Term):
        found = tokens(node.text)
        if not found:
            return None
        return " <-> ".join(f"'{t}'" for t in found)
    if isinstance(node, Not):
        inner = to_tsquery(node.item)
        if inner is None:
            return None
        return f"!{inner}" if inner.startswith("(") or " " not in inner else f"!( {inner} )"
    parts = [p for p in (to_tsquery(i) for i in node.items) if p]
    if not parts:
        return None
    return "( " + (" & " if isinstance(node, And) else " | ").join(parts) + " )"
