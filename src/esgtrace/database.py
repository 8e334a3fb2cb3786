"""``esgtrace.Database``: the store's database with the methods of every stage built on it.

The store (:class:`esgtrace.store.Database`) ingests, queries, compares, reviews and
exports. The stages above it (search and ask, the web app, the targets table) take a
database and work on it; this class gives them as methods, so that the Python API
mirrors the commands (``db.search``, ``db.ask``, ``db.serve``...) while the store
itself imports none of them. Every method here is a thin call into its stage.

>>> import esgtrace
>>> with esgtrace.Database(":memory:") as db:       # doctest: +SKIP
...     db.ingest(["reports/"])
...     db.ask("What were the Scope 1 emissions in 2023?")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from esgtrace.store import database as _store

if TYPE_CHECKING:
    from esgtrace.digest.model import Digest
    from esgtrace.search.index import ReindexSummary
    from esgtrace.search.model import Answer, SearchHit

__all__ = ["Database"]


class Database(_store.Database):
    """A database of reports (see :class:`esgtrace.store.Database`), with search, ask,
    reindex, serve, digest and the targets export."""

    def export(self, format: str, path: str | Path | None = None, form: str = "both",
               stream: BinaryIO | None = None,
               targets: tuple[list[str], list[dict[str, Any]]] | None = None) -> list[Path]:
        """Write every fact in long form and/or wide form, and with ``form="targets"`` or
        ``"all"`` the stored targets tracked across each issuer's reports.

        :param format: ``csv``, ``parquet``, ``xlsx`` or ``json``
        :param path: the file to write (default ``esgtrace_facts.<format>``, unless ``stream``)
        :param form: ``long``, ``wide``, ``both``, ``targets`` or ``all`` (long, wide and targets)
        :param stream: write here instead of a file when ``path`` is ``None``
        :param targets: a targets table to write instead of the stored one
        """
        if targets is None and form in ("targets", "all"):
            from esgtrace.targets.store import target_table

            targets = target_table(self)
        return super().export(format, path, form=form, stream=stream, targets=targets)

    def search(self, query: str, issuer: str | None = None, period: str | None = None, metric: str | None = None,
               document: str | None = None, limit: int = 10) -> list[SearchHit]:
        """Ranked passages of the stored reports, each with a highlighted snippet and its facts.

        :param query: words (all required), ``"a phrase"``, ``AND`` / ``OR`` / ``NOT``,
            ``-word`` and parentheses
        :param issuer: only reports of this issuer (id, name variant or ticker)
        :param period: only reports of this period (``2023``, ``FY2022``, ``2021-2023``)
        :param metric: only passages that hold a fact of this metric or name it
        :param document: only this report (its file name)
        :param limit: how many passages
        :raises esgtrace.search.BadQuery: the query cannot be parsed
        :raises IssuerNotFound: ``issuer`` matches nothing
        """
        from esgtrace.search.engine import search_passages

        with self.sessions() as session:
            return search_passages(session, query, issuer=issuer, period=period, metric=metric,
                                   document=document, limit=limit)

    def ask(self, question: str) -> Answer:
        """Answer ``question`` from what is stored, deterministically, every figure and passage cited.

        Quantitative questions are answered with the stored facts (and the change or
        ratio asked for), comparative ones from :meth:`compare`, others with the best
        passages grouped by report; what is not stored is named, never guessed.

        :param question: English or Chinese, e.g. "What were Acme Widgets' Scope 1 emissions in 2023?"
        """
        from esgtrace.search.answer import answer

        with self.sessions() as session:
            return answer(session, question)

    def reindex(self, full: bool = False) -> ReindexSummary:
        """Rebuild the full-text index; reports stored without passages are read again from their files.

        :param full: cut the passages of every report again (its file must still be there)
        """
        from esgtrace.search.index import reindex

        return reindex(self.sessions, full=full)

    def serve(self, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
              uploads: str | Path | None = None) -> None:
        """Serve the web app and the REST API on this database until interrupted (see :mod:`esgtrace.serve`).

        :param host: address to bind; a non-loopback one needs ``token``
        :param port: TCP port
        :param token: uploads and reviews need it when set
        :param uploads: folder for uploaded reports (default ``esgtrace_uploads`` beside an SQLite file)
        :raises esgtrace.serve.ServeError: a non-loopback bind without a token
        """
        from esgtrace.serve import run

        run(self, host=host, port=port, token=token, uploads=uploads)

    def digest(self, issuer: str, period: str | None = None, lang: str | None = None) -> Digest:
        """The news-style digest of ``issuer``'s stored report (the latest, or of ``period``);
        see :func:`esgtrace.digest.stored_digest`."""
        from esgtrace.digest import stored_digest

        return stored_digest(issuer, self, period=period, lang=lang)

