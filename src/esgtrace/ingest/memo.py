"""Read each report once in a run that asks for it many times.

``make eval`` runs seven measures over the same corpus: each one parses the reports and
most extract them. Inside :func:`remembering`, :func:`esgtrace.parse` returns the same
:class:`~esgtrace.ingest.model.Document` for the same unchanged file and options, and
``extract_facts`` the same facts for the same document. Records are immutable, so sharing
them is safe. Outside the block nothing is kept: a batch over thousands of reports holds
one report at a time, as before.

>>> from esgtrace.ingest.memo import remembering
>>> with remembering():
...     pass  # parse() and extract() calls here read each file once
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_kept: dict[Hashable, Any] | None = None


@contextmanager
def remembering() -> Iterator[None]:
    """Within this block, repeated reads of one report are computed once."""
    global _kept
    outer = _kept
    _kept = {} if outer is None else outer
    try:
        yield
    finally:
        _kept = outer


def recall(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for ``key`` earlier in the :func:`remembering` block."""
    if _kept is None:
        return compute()
    if key not in _kept:
        _kept[key] = compute()
    return _kept[key]  # type: ignore[no-any-return]
