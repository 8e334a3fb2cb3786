"""The store's :class:`Database`: reports, facts, issuers, reviews, sqlite-utils style.

``Database("esgtrace.db")`` opens (and creates) an embedded SQLite file;
``Database("postgresql://user@host/db")`` a PostgreSQL database. Opening brings the
schema up to date with the Alembic migrations shipped in this package.

This class knows only the store. ``esgtrace.Database`` (:mod:`esgtrace.database`) is
this class with the methods of the stages built on the store (search, ask, serve, the
targets export), so that the store never imports a later stage.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO, Self

from sqlalchemy import Engine, case, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as SqlDatabaseError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from esgtrace.store.batch import IngestStep, IngestSummary, run_batch
from esgtrace.store.compare import Comparison
from esgtrace.store.errors import DatabaseError
from esgtrace.store.reviews import ReviewInfo
from esgtrace.store.executors import Executor
from esgtrace.store.issuers import find_issuer, merge_issuers
from esgtrace.store.restatements import flag_restatements
from esgtrace.store.rows import FactList, IssuerInfo, ReportInfo
from esgtrace.store.schema import FactRow, Issuer, Report

DEFAULT_DB = "esgtrace.db"


def database_url(target: str | Path | None = None) -> str:
    """The SQLAlchemy URL for ``target``: a file path, or a ``postgresql://``/``sqlite://`` URL.

    ``None`` means ``$ESGTRACE_DB``, else ``esgtrace.db`` in the current folder.
    """
    text = str(target if target is not None else os.environ.get("ESGTRACE_DB") or DEFAULT_DB)
    scheme, sep, rest = text.partition("://")
    if not sep:
        path = Path(text).expanduser().resolve()
        if not path.parent.is_dir():
            raise DatabaseError(text, f"the folder {path.parent} does not exist")
        return f"sqlite:///{path}"
    scheme = scheme.lower()
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme == "sqlite":
        return text
    raise DatabaseError(text, "expected a file path, sqlite:///PATH or postgresql://USER@HOST/DB")


def _damaged(reason: str) -> bool:
    return any(w in reason.lower() for w in ("malformed", "not a database", "disk image", "corrupt"))


def damaged_reason(reason: str) -> str:
    """The one line for a database file SQLite cannot read."""
    return f"the database file is damaged or not an SQLite database ({reason}); restore it or ingest into a new one"


def _migration_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("esgtrace.store").joinpath("migrations")))
    return config


def head_revision() -> str | None:
    """The newest migration shipped in this package (what an opened database is brought to)."""
    from alembic.script import ScriptDirectory

    head: str | None = ScriptDirectory.from_config(_migration_config()).get_current_head()
    return head


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the single writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Database:
    """A database of reports, facts, issuers, audit findings and disclosure results.

    :param target: a file path (SQLite), a ``postgresql://`` URL, or ``None`` for
        ``$ESGTRACE_DB`` / ``esgtrace.db``
    :param create: make the SQLite file when it does not exist (``False`` for commands
        that only read: a typo then is an error, not a new empty database)
    :raises DatabaseError: the address is malformed, the server cannot be reached, the
        file is missing (``create=False``) or damaged
    """

    def __init__(self, target: str | Path | None = None, create: bool = True) -> None:
        url = database_url(target)
        if not create and url.startswith("sqlite:///") and url != "sqlite://":
            file = Path(url.removeprefix("sqlite:///"))
            if not file.is_file():
                raise DatabaseError(str(file), "no such database (esgtrace ingest creates one; --db or $ESGTRACE_DB names another)")
        try:
            self.url = make_url(url)
            self.engine: Engine = create_engine(url, pool_pre_ping=True)
        except (ArgumentError, ValueError) as error:
            raise DatabaseError(str(target), str(error)) from None
        except ImportError:  # the PostgreSQL driver is an optional extra
            raise DatabaseError(str(target), "PostgreSQL needs its driver: pip install 'esgtrace[postgres]'") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:
            self._migrate()
        except OperationalError as error:
            self.engine.dispose()
            reason = str(error.orig or error).strip().splitlines()[0]
            if self.engine.dialect.name == "sqlite" and _damaged(reason):
                raise DatabaseError(self.display_url, damaged_reason(reason)) from None
            raise DatabaseError(self.display_url, f"cannot open it: {reason}") from None
        except SqlDatabaseError as error:
            self.engine.dispose()
            reason = str(error.orig or error).strip().splitlines()[0]
            raise DatabaseError(self.display_url, damaged_reason(reason)) from None

    @property
    def display_url(self) -> str:
        """The address as typed, without any password (not percent-encoded)."""
        from urllib.parse import unquote

        return unquote(self.url.render_as_string(hide_password=True).replace("+psycopg://", "://", 1))

    def _migrate(self) -> None:
        """Run the Alembic migrations up to head (a no-op when already there)."""
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        config = _migration_config()
        head = head_revision()
        with self.engine.begin() as connection:
            if MigrationContext.configure(connection).get_current_revision() == head:
                return
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.display_url!r})"

    # ---- writing -------------------------------------------------------------------

    def ingest(
        self,
        paths: str | Path | Iterable[str | Path],
        jobs: int = 1,
        force: bool = False,
        progress: Callable[[IngestStep], None] | None = None,
        options: dict[str, Any] | None = None,
        executor: str | Executor = "local",
        scheduler: str | None = None,
        timeout: float | None = None,
        recycle: int | None = None,
    ) -> IngestSummary:
        """Parse, extract and store reports; files already stored are skipped.

        :param paths: files, or folders searched recursively for PDF, text and HTML files
        :param jobs: worker processes that parse and extract (this process writes); 0 for
            one per core; with ``executor="dask"`` and no scheduler, the workers of the
            ``LocalCluster`` it starts
        :param force: re-ingest files whose content and extractor version are stored
        :param progress: called with an :class:`IngestStep` as each file finishes
        :param executor: ``"local"`` (processes on this machine), ``"dask"`` (a Dask
            cluster), or an :class:`~esgtrace.store.executors.Executor` (left open)
        :param scheduler: address of a running Dask scheduler (``tcp://host:8786``);
            implies ``executor="dask"``
        :param timeout: per-report time limit in seconds; a report over it is retried
            once on another worker, then stored as failed
        :param recycle: replace a worker process after this many reports
        :param options: :class:`esgtrace.ParseOptions` fields for every file (``password``, ``max_size`` in bytes)
        :raises BadChoice: an unknown executor, or a bad ``timeout``/``recycle``

        A path that does not exist is a failed step, and the batch goes on; a file stored
        as failed is tried again.
        """
        from functools import partial

        from esgtrace.store.executors import make_executor
        from esgtrace.store.work import process

        if isinstance(paths, (str, Path)):
            paths = [paths]
        if scheduler and executor == "local":
            executor = "dask"
        if isinstance(executor, Executor):
            return run_batch(self.sessions, paths, executor, force=force, progress=progress)
        work = partial(process, options=options) if options else process
        with make_executor(executor, jobs=jobs, scheduler=scheduler, timeout=timeout, recycle=recycle, work=work) as chosen:
            return run_batch(self.sessions, paths, chosen, force=force, progress=progress)

    def merge_issuers(self, keep: str, other: str) -> IssuerInfo:
        """Make ``other`` the same issuer as ``keep`` (names, tickers and reports move over).

        :param keep: id, name or ticker of the issuer that stays
        :param other: id, name or ticker of the issuer folded into it
        :raises IssuerNotFound: either matches nothing
        """
        with self.sessions.begin() as session:
            kept = merge_issuers(session, find_issuer(session, keep), find_issuer(session, other))
            flag_restatements(session, kept.id)
            session.refresh(kept)
            return IssuerInfo.of(kept, self._report_count(session, kept.id))

    # ---- reading -------------------------------------------------------------------

    def issuers(self) -> list[IssuerInfo]:
        """Every issuer with its name variants, tickers and number of reports."""
        with self.sessions() as session:
            found = session.scalars(select(Issuer).options(selectinload(Issuer.names), selectinload(Issuer.tickers)).order_by(Issuer.name)).all()
            return [IssuerInfo.of(i, self._report_count(session, i.id)) for i in found]

    @staticmethod
    def _report_count(session: Session, issuer_id: int) -> int:
        return session.scalar(select(func.count(Report.id)).where(Report.issuer_id == issuer_id)) or 0

    def reports(self) -> list[ReportInfo]:
        """Every stored report (failed ones too, with their error), oldest first."""
        counts = select(FactRow.report_id, func.count(FactRow.id).label("n"),
                        func.sum(case((FactRow.restated, 1), else_=0)).label("r")).group_by(FactRow.report_id).subquery()
        with self.sessions() as session:
            rows = session.execute(
                select(Report, Issuer.name, counts.c.n, counts.c.r)
                .outerjoin(Issuer, Issuer.id == Report.issuer_id)
                .outerjoin(counts, counts.c.report_id == Report.id)
                .order_by(Report.id)
            ).all()
            return [ReportInfo.of(r, name, int(n or 0), int(k or 0)) for r, name, n, k in rows]

    def facts(
        self,
        issuer: str | None = None,
        metric: str | Sequence[str] | None = None,
        period: str | None = None,
    ) -> FactList:
        """Stored facts with their provenance, optionally filtered (``.to_pandas()`` for a DataFrame).

        :param issuer: id, name variant or ticker of one issuer
        :param metric: a metric id, several separated by commas, or a list of them
        :param period: a label or year (``2022``, ``FY2022``), a range ``2021-2023`` or a list
        :raises IssuerNotFound: ``issuer`` matches no issuer
        :raises UnknownChoice: an unknown metric id or period label
        """
        from esgtrace.store.query import select_facts

        with self.sessions() as session:
            return select_facts(session, issuer=issuer, metric=metric, period=period)

    def compare(self, metrics: str | Sequence[str], issuers: str | Sequence[str] | None = None,
                periods: str | None = None, per: str | None = None, latest: bool = True,
                breakdown: str | None = None) -> Comparison:
        """Issuers x periods of ``metrics`` in canonical units, each cell traced to its source.

        :param metrics: metric ids, a list or separated by commas
        :param issuers: ids, name variants or tickers (all issuers when ``None``)
        :param periods: years or a range such as ``"2021-2023"`` (all when ``None``)
        :param per: ``employee`` or ``revenue``: divide by that figure of the same issuer and
            period, printed or implied (by a complete breakdown, or an intensity and its total)
        :param breakdown: ``KEY`` to compare each group of that breakdown (a row per issuer
            and group), ``KEY=VALUE`` for one group; totals when ``None``
        :param latest: a figure several reports give comes from the most recent one (the
            cell is marked restated when they differ); ``False`` takes the earliest
        :raises IssuerNotFound: an issuer matches nothing
        :raises BadChoice: no metric, an unknown ``per`` or a malformed period range
        """
        from esgtrace.store.compare import build_comparison

        with self.sessions() as session:
            return build_comparison(session, metrics, issuers=issuers, periods=periods, per=per, latest=latest,
                                    breakdown=breakdown)

    # ---- reviews ---------------------------------------------------------------------

    def review(self, fact_id: int, verdict: str, value: float | None = None, reviewer: str = "",
               note: str | None = None) -> ReviewInfo:
        """Record a reviewer's verdict on a stored fact, beside its extracted value.

        :param fact_id: the fact's id (``db.facts()``)
        :param verdict: ``correct``, ``wrong`` or ``corrected`` (then ``value`` is the right value)
        :param value: the corrected value, in the fact's canonical unit
        :param reviewer: who reviewed it
        :param note: why, in a few words
        :raises FactNotFound: no fact has that id
        :raises BadChoice: an unknown verdict, or a value without ``corrected``
        """
        from esgtrace.store.reviews import add_review

        with self.sessions.begin() as session:
            return add_review(session, fact_id, verdict, value=value, reviewer=reviewer, note=note)

    def reviews(self, fact_ids: Iterable[int] | None = None) -> dict[int, ReviewInfo]:
        """The latest review of each reviewed fact (of ``fact_ids``, or of every stored fact), by fact id."""
        from esgtrace.store.reviews import latest_reviews

        with self.sessions() as session:
            query = select(FactRow)
            if fact_ids is not None:
                query = query.where(FactRow.id.in_(list(fact_ids)))
            return latest_reviews(session, session.scalars(query).all())

    def export(self, format: str, path: str | Path | None = None, form: str = "both",
               stream: BinaryIO | None = None,
               targets: tuple[list[str], list[dict[str, Any]]] | None = None) -> list[Path]:
        """Write every fact in long form and/or wide form (see :mod:`esgtrace.store.export`).

        :param format: ``csv``, ``parquet``, ``xlsx`` or ``json``
        :param path: the file to write (default ``esgtrace_facts.<format>``, unless ``stream``)
        :param form: ``long``, ``wide``, ``both``, ``targets`` or ``all`` (long, wide and targets)
        :param stream: write here instead of a file when ``path`` is ``None``
        :param targets: the targets table for ``targets`` and ``all``; :class:`esgtrace.Database`
            gives the stored one (the targets stage keeps that table, the store does not read it)
        """
        from esgtrace.store.export import export_facts

        return export_facts(self.sessions, format, path, form=form, stream=stream, targets=targets)
