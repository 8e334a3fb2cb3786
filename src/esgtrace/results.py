"""Data problems found by a stage, reported rather than raised (the docling habit)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem a stage met in a document: where, what, how bad.

    :param stage: the stage that found it (``ingest``, ``extract``, ...)
    :param code: a stable short id such as ``page-without-text``
    :param message: one line for a person
    :param page: the 1-based page it concerns, if any
    """

    stage: str
    code: str
    message: str
    page: int | None = None
    severity: Severity = Severity.warning
