"""Issuer matching: one issuer per company across reports, whatever its name variant.

Names are compared by a key: case folded, "&" read as "and", punctuation dropped and
legal-form words ("Limited", "Ltd", "plc", ...) removed from the end. Tickers are
compared as ``EXCHANGE:CODE`` with the exchange spelt one way and numeric codes
without leading zeros. A ticker match wins over a name match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from esgtrace.store.catalogue import catalogue
from esgtrace.store.errors import IssuerNotFound
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
    """The issuer a user means by ``text``: its id, a ticker, or any name variant.

    :raises IssuerNotFound: nothing matches
    """
    if text.strip().isdigit() and (by_id := session.get(Issuer, int(text))) is not None:
        return by_id
    found = match_issuer(session, text, [text] if ticker_key(text) else [])
    if found is None:
        raise IssuerNotFound(text)
    return found


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
