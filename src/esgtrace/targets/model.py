"""The target record: one promise a report makes, read from a sentence or a target table.

A :class:`Target` carries what the promise is about (a catalogue metric, or free text and
its pillar), its scope and boundary, the kind of promise, baseline, target year and the
change as printed, the status the report claims, where it is printed (page or line, and
an exact quote), and the progress computed from the report's own figures when they allow.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Pillar = Literal["environment", "social", "governance"]
Kind = Literal["absolute", "intensity", "share", "net_zero", "level"]
Status = Literal["achieved", "not_achieved", "on_track", "in_progress", "new"]
KINDS: tuple[str, ...] = ("absolute", "intensity", "share", "net_zero", "level")
STATUSES: tuple[str, ...] = ("achieved", "not_achieved", "on_track", "in_progress", "new")


class Figure(BaseModel):
    """A figure progress was computed from: a fact of the report (or an earlier one), or a
    value the target table prints beside the target."""

    model_config = ConfigDict(frozen=True)

    period: str
    value: float
    unit: str = ""
    document: str = ""
    page: int | None = None
    line: int | None = None
    quote: str = ""


class Progress(BaseModel):
    """How far a target has come, computed from printed figures (never claimed by the report).

    :param computed: always ``True``: esgtrace worked it out, the report did not say it
    :param share: the share of the way from baseline to target covered (1.0 = reached);
        ``None`` when there is no baseline (a level target checked against the latest figure)
    :param on_track: whether the latest figure is at or beyond the straight line from the
        baseline (year, value) to the target (year, value)
    :param met: whether the latest figure already meets the target
    :param target_value: the value the target stands for, in the figures' unit
    :param baseline, current: the figures used
    """

    model_config = ConfigDict(frozen=True)

    computed: bool = True
    share: float | None = None
    on_track: bool | None = None
    met: bool | None = None
    target_value: float | None = None
    expected_now: float | None = None
    baseline: Figure | None = None
    current: Figure
    method: str = ""

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Target(BaseModel):
    """One target or pledge of one report.

    :param id: stable within the report (``t1``, ``t2``, ... in reading order)
    :param text: the clause that states it
    :param metric: a catalogue metric id, or ``None`` when none fits (then ``subject``)
    :param change: as printed in sign form: ``-42%``, ``+20%``, ``100%``, ``net zero``,
        ``<=1.365``, ``x2``, ``0``
    :param change_value: the number of ``change`` (``-42.0``, ``1.365``; ``None`` for net zero)
    :param status: what the report claims: achieved, not_achieved, on_track, in_progress, new
    :param page: 1-based page (``None`` for a text file without page breaks)
    :param line: 1-based line within that page (or file)
    :param quote: exact text of that page (whitespace runs collapsed) or line, <= 250 characters
    """

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    metric: str | None = None
    subject: str | None = None
    pillar: Pillar
    scope: str | None = None
    boundary: str | None = None
    kind: Kind
    baseline_year: int | None = None
    baseline_value: str | None = None
    target_year: int | None = None
    change: str
    change_value: float | None = None
    status: Status | None = None
    page: int | None = None
    line: int | None = None
    quote: str = Field(max_length=250)
    language: str = "en"
    method: str = "prose"
    progress: Progress | None = None

    @property
    def about(self) -> str:
        """The metric id, else the free-text subject."""
        return self.metric or self.subject or ""

    @property
    def identity(self) -> tuple[str, str, str, str]:
        """What stays the same when a later report restates or moves the target."""
        return self.about, self.scope or "", (self.boundary or "").lower(), self.kind

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class TargetsResult(BaseModel):
    """The targets of one report.

    :param notes: what the reader could not do (no facts for progress, ...)
    """

    model_config = ConfigDict(frozen=True)

    document: str
    sha256: str
    issuer: str | None = None
    period: str | None = None
    targets: tuple[Target, ...] = ()
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
