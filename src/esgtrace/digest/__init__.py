"""The digest stage: a news-style brief of one report, every number cited.

>>> from esgtrace.digest import digest
>>> d = digest("../shared/corpus/text/kingsoft_cloud_esg_2023.txt")  # doctest: +SKIP

The brief is built from the report's own headings, its own headline sentences (a leading
topic's result, quoted verbatim), its extracted facts, its targets (the targets stage's and its own goal sentences, verbatim),
its rating / certification / award / programme / assurance / executive sentences (verbatim) and the audit.
Nothing is paraphrased into a number the report does not print; changes on the year
and rounded units are computed and labelled as such.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from esgtrace.digest.build import build
from esgtrace.digest.model import Cite, Digest, Section, Sentence
from esgtrace.digest.render import render
from esgtrace.ingest.model import Document

__all__ = ["digest", "stored_digest", "render", "Digest", "Section", "Sentence", "Cite", "LANGS"]

LANGS = ("en", "zh")


def digest(
    path_or_document: str | Path | Document,
    facts: Sequence[Any] | None = None,
    lang: str | None = None,
    *,
    with_targets: bool = True,
    with_check: bool = True,
) -> Digest:
    """The digest of a report.

    :param path_or_document: a report file (PDF, text, HTML) or an already parsed :class:`Document`
    :param facts: the report's facts; extracted when not given
    :param lang: ``en`` or ``zh``; by default the report's language
    :param with_targets: include the targets part (from the targets stage)
    :param with_check: include the audit's error findings and the HKEX disclosure rate
    :raises esgtrace.errors.InputError: the file cannot be read
    :raises esgtrace.errors.SettingError: ``lang`` is not ``en`` or ``zh``
    """
    from esgtrace.errors import SettingError
    from esgtrace.extract import extract
    from esgtrace.ingest import parse

    if lang is not None and lang not in LANGS:
        raise SettingError("lang", lang, "en or zh")
    doc = path_or_document if isinstance(path_or_document, Document) else parse(path_or_document)
    if facts is None:
        facts = extract(doc).facts
    return build(doc, facts, lang, with_targets=with_targets, with_check=with_check)


def stored_digest(issuer: str, db: Any = None, period: str | None = None, lang: str | None = None) -> Digest:
    """The digest of a stored issuer's report: its latest period, or ``period``.

    The report is read again from where it was ingested (and checked to be the same
    file, by its sha256), so every figure cites its page or line as for a file.

    :param issuer: an issuer id, name variant, distinctive part of a name, or ticker
    :param db: an :class:`esgtrace.Database`, its address, or ``None`` for the default database
    :param period: a period label (``2023``, ``FY2022``); by default the latest stored
    :param lang: ``en`` or ``zh``; by default the report's language
    :raises esgtrace.store.IssuerNotFound: no issuer, or several, match ``issuer``
    :raises esgtrace.store.BadChoice: the issuer has no stored report (of ``period``)
    :raises esgtrace.errors.InputError: the report's file is gone or changed since it was stored
    """
    from esgtrace.errors import InputError, InputNotFound
    from esgtrace.store import BadChoice, Database
    from esgtrace.store.issuers import find_issuer
    from esgtrace.store.periods import period_column
    from esgtrace.store.work import file_sha256

    database = db if isinstance(db, Database) else Database(db)
    with database.sessions() as session:
        found = find_issuer(session, issuer)
        issuer_id, name = found.id, found.name
    stored = [r for r in database.reports() if r.issuer_id == issuer_id and r.status == "ok"]
    if period is not None:
        stored = [r for r in stored if r.period == period or period_column(r.period or "") == period_column(period)]
    if not stored:
        periods = sorted({r.period or "?" for r in database.reports() if r.issuer_id == issuer_id})
        raise BadChoice("period" if period else "issuer", period or issuer,
                        f"a stored period of {name}: {', '.join(periods)}" if periods else f"an issuer with a stored report ({name} has none)")
    report = max(stored, key=lambda r: (period_column(r.period or ""), r.ingested_at))
    path = Path(report.path)
    if not path.is_file():
        raise InputNotFound(report.path)
    if file_sha256(path) != report.sha256:
        raise InputError(report.path, "the file changed since it was stored (esgtrace ingest --force stores it again)")
    return digest(path, lang=lang)

