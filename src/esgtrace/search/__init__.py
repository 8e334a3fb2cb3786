"""Search and cited answers over the stored reports.

``search`` ranks passages (SQLite FTS5, PostgreSQL full-text search) and names the
facts quoted in them; ``ask`` answers a question from the stored facts, from
``compare``, or with the passages that answer it, always cited. Both are deterministic
and offline; :class:`~esgtrace.search.backend.AnswerBackend` is the interface a
language model could answer behind later (none ships).
"""

from esgtrace.search.model import Answer, AnswerValue, Citation, SearchHit
from esgtrace.search.query import BadQuery

__all__ = ["Answer", "AnswerValue", "Citation", "SearchHit", "BadQuery"]
