"""The digest stage: a news-style brief of one report, every number cited.

>>> from esgtrace.digest import digest
>>> d = digest("../shared/corpus/text/kingsoft_cloud_esg_2023.txt")  # doctest: +SKIP

The brief is built from the report's own headings, its extracted facts, its targets,
its rating / certification / award / executive sentences (verbatim) and the audit.
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

__all__ = ["digest", "render", "Digest", "Section", "Sentence", "Cite", "LANGS"]

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
