"""The interface a language model could answer behind, later. No implementation ships.

A backend gets the question and the cited material ``ask`` found (facts and passages)
and returns an answer in words; it must keep every citation. Nothing in esgtrace
calls a network: an implementation would be a separate, opt-in package.
"""

from __future__ import annotations

from typing import Protocol

from esgtrace.search.model import Answer


class AnswerBackend(Protocol):
    """Phrases an answer from what :meth:`esgtrace.Database.ask` found (its values and passages)."""

    def phrase(self, found: Answer) -> Answer:
        """An answer with the same citations as ``found``, worded by the backend."""
        ...
