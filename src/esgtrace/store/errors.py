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
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"no issuer matches {self.name!r} (see `esgtrace reports` for the names stored)"


class BadChoice(EsgtraceError, ValueError):
    """An argument outside its allowed values: ``what`` names it."""

    def __init__(self, what: str, value: object, allowed: str) -> None:
        super().__init__(what, value, allowed)
        self.what = what
        self.value = value
        self.allowed = allowed

    def __str__(self) -> str:
        return f"{self.what} {self.value!r}: expected {self.allowed}"


class ExecutorError(EsgtraceError, RuntimeError):
    """The workers cannot be started or reached (a Dask scheduler down, a worker that cannot start)."""

    def __init__(self, executor: str, reason: str) -> None:
        super().__init__(executor, reason)
        self.executor = executor
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.executor}: {self.reason}"
