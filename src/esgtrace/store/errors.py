"""Errors of the store: bad database addresses and names that match nothing."""

from __future__ import annotations

from esgtrace.errors import EsgtraceError


class DatabaseError(EsgtraceError, RuntimeError):
    """The database cannot be opened or used; ``reason`` says why in a few words."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason)
        self.url = url
        self.reason = reason

    def __str__(self) -> str:
        return f"database {self.url}: {self.reason}"


class IssuerNotFound(EsgtraceError, LookupError):
    """No stored issuer matches ``name``; ``nearest`` are the closest stored names."""

    def __init__(self, name: str, nearest: tuple[str, ...] = ()) -> None:
        super().__init__(name, nearest)
        self.name = name
        self.nearest = nearest

    def __str__(self) -> str:
        hint = f"did you mean {' or '.join(repr(n) for n in self.nearest)}? " if self.nearest else ""
        return f"no issuer matches {self.name!r} ({hint}see `esgtrace issuers` for the names stored)"


class AmbiguousIssuer(EsgtraceError, LookupError):
    """``name`` is part of several issuers' names; ``candidates`` lists them."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(name, candidates)
        self.name = name
        self.candidates = candidates

    def __str__(self) -> str:
        return (f"{self.name!r} matches {len(self.candidates)} issuers: {'; '.join(self.candidates)} "
                "(type more of the name, a ticker or an id)")


class BadChoice(EsgtraceError, ValueError):
    """An argument outside its allowed values: ``what`` names it."""

    def __init__(self, what: str, value: object, allowed: str) -> None:
        super().__init__(what, value, allowed)
        self.what = what
        self.value = value
        self.allowed = allowed

    def __str__(self) -> str:
        return f"{self.what} {self.value!r}: expected {self.allowed}"


class FactNotFound(EsgtraceError, LookupError):
    def __init__(self, fact_id: object) -> None:
        super().__init__(fact_id)
        self.fact_id = fact_id

    def __str__(self) -> str:
        return f"no stored fact has id {self.fact_id!r}"


class ReportNotFound(EsgtraceError, LookupError):
    def __init__(self, report_id: object) -> None:
        super().__init__(report_id)
        self.report_id = report_id

    def __str__(self) -> str:
        return f"no stored report has id {self.report_id!r} (see `esgtrace reports`)"


class ExecutorError(EsgtraceError, RuntimeError):
    """The workers cannot be started or reached (a Dask scheduler down, a worker that cannot start)."""

    def __init__(self, executor: str, reason: str) -> None:
        super().__init__(executor, reason)
        self.executor = executor
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.executor}: {self.reason}"
