"""Issuer matching: one issuer per company across reports, whatever its name variant.

Names are compared by a key: case folded, "&" read as "and", punctuation dropped and
legal-form words ("Limited", "Ltd", "plc", ...) removed from the end. Tickers are
compared as ``EXCHANGE:CODE`` with the exchange spelt one way and numeric codes
without leading zeros. A ticker match wins over a name match.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from esgtrace.store.catalogue import catalogue
from esgtrace.store.errors import AmbiguousIssuer, IssuerNotFound
from esgtrace.store.schema import Issuer, IssuerName, IssuerTicker, Report

_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The form names are matched on: ``"ACME Holdings Ltd."`` -> ``"acme holdings"``."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    text = _SPACES.sub(" ", _PUNCTUATION.sub(" ", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    suffixes = catalogue().issuers.legal_suffixes
    changed = True
    while changed and text:
        changed = False
        for suffix in suffixes:
            # Latin suffixes are whole words; CJK ones are glued to the name.
            glued = not suffix.isascii()
            if text.endswith(suffix) and len(text) > len(suffix) and (glued or text[-len(suffix) - 1] == " "):
                text = text[: -len(suffix)].strip()
                changed = True
    return text


def ticker_key(ticker: str) -> str | None:
    """``"sehk: 03896"`` -> ``"HKEX:3896"``; ``None`` for something that is not a ticker."""
    exchange, sep, code = ticker.replace(" ", "").partition(":")
    if not sep:
        exchange, sep, code = ticker.replace(" ", "").rpartition(".")
        if sep:  # "3896.HK" puts the exchange last
            exchange, code = code, exchange
    if not (sep and exchange and code):
        return None
    exchange = exchange.upper()
    for canonical, spellings in catalogue().issuers.exchanges.items():
        if exchange in spellings:
            exchange = canonical
    code = code.upper()
    if code.isdigit():
        code = code.lstrip("0") or "0"
    return f"{exchange}:{code}"


def match_issuer(session: Session, name: str | None, tickers: Iterable[str]) -> Issuer | None:
    """The stored issuer with one of ``tickers`` or a name of the same key, if any."""
    keys = [k for k in (ticker_key(t) for t in tickers) if k]
    if keys:
        found = session.scalars(select(Issuer).join(IssuerTicker).where(IssuerTicker.ticker.in_(keys))).first()
        if found is not None:
            return found
    if name and (key := name_key(name)):
        return session.scalars(select(Issuer).join(IssuerName).where(IssuerName.key == key)).first()
    return None


def resolve_issuer(session: Session, name: str | None, tickers: Iterable[str]) -> Issuer | None:
    """Match or create the issuer of a report, and remember any new name or ticker.

    :param name: the issuer name the report prints, if one was detected
    :param tickers: its listings as printed (``"HKEX:3896"``)
    :returns: ``None`` when the report names neither issuer nor ticker
    """
    tickers = list(tickers)
    issuer = match_issuer(session, name, tickers)
    if issuer is None:
        if not name and not tickers:
            return None
        issuer = Issuer(name=name or tickers[0])
        session.add(issuer)
        session.flush()
    if name and (key := name_key(name)):
        if session.scalar(select(IssuerName.id).where(IssuerName.key == key)) is None:
            session.add(IssuerName(issuer_id=issuer.id, name=name, key=key))
    for key in {k for k in (ticker_key(t) for t in tickers) if k}:
        if session.scalar(select(IssuerTicker.id).where(IssuerTicker.ticker == key)) is None:
            session.add(IssuerTicker(issuer_id=issuer.id, ticker=key))
    session.flush()
    return issuer


def find_issuer(session: Session, text: str) -> Issuer:
    """The issuer a user means by ``text``, matched the way people type it.

    In order: an id, a ticker (``HKEX:3896``, ``3896.HK``, or the bare code ``3896``), a
    name variant (same key), then a distinctive part of a name: the words typed, case
    folded, as a run of words of a stored name ("Harbourview Digital", "jade crest"), or the
    characters typed inside a Chinese name ("平安银行").

    :raises IssuerNotFound: nothing matches (the message lists the nearest names)
    :raises AmbiguousIssuer: a part of a name matches several issuers (it lists them)
    """
    typed = text.strip()
    if typed.isdigit() and (by_id := session.get(Issuer, int(typed))) is not None:
        return by_id
    found = match_issuer(session, typed, [typed] if ticker_key(typed) else [])
    if found is not None:
        return found
    issuers = session.scalars(select(Issuer).options(selectinload(Issuer.names), selectinload(Issuer.tickers))).all()
    if typed.isalnum() and typed.isascii():  # a bare ticker code: "3896", "03896", "kc"
        code = typed.upper().lstrip("0") if typed.isdigit() else typed.upper()
        by_code = [i for i in issuers if any(t.ticker.partition(":")[2] == code for t in i.tickers)]
        if len(by_code) == 1:
            return by_code[0]
    wanted = name_key(typed) or typed.casefold()
    partial = [i for i in issuers if any(_part_of(wanted, n.key) for n in i.names) or _part_of(wanted, name_key(i.name))]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise AmbiguousIssuer(typed, sorted((i.name for i in partial), key=str.casefold))
    choices = {n.key: i.name for i in issuers for n in i.names} | {name_key(i.name): i.name for i in issuers}
    near = difflib.get_close_matches(wanted, list(choices), n=3, cutoff=0.5)
    raise IssuerNotFound(typed, tuple(dict.fromkeys(choices[k] for k in near)))


def _part_of(wanted: str, key: str) -> bool:
    """``wanted`` is a run of whole words of ``key`` (Latin script), or inside it (CJK)."""
    if not wanted or not key:
        return False
    if wanted == key:
        return True
    if not wanted.isascii():
        return wanted in key
    return f" {wanted} " in f" {key} "


def merge_issuers(session: Session, keep: Issuer, gone: Issuer) -> Issuer:
    """Fold ``gone`` into ``keep``: its reports, names and tickers move, then it is deleted."""
    if keep.id == gone.id:
        return keep
    session.execute(update(Report).where(Report.issuer_id == gone.id).values(issuer_id=keep.id))
    session.execute(update(IssuerName).where(IssuerName.issuer_id == gone.id).values(issuer_id=keep.id))
    session.execute(update(IssuerTicker).where(IssuerTicker.issuer_id == gone.id).values(issuer_id=keep.id))
    session.expire_all()
    session.delete(session.get(Issuer, gone.id))
    session.flush()
    return keep
