"""esgtrace: ESG reports in, verified and source-traced facts out.

The Python API mirrors the command line: ``esgtrace parse FILE`` is
:func:`esgtrace.parse`, and so on for every stage.
"""

from typing import TYPE_CHECKING

from esgtrace.errors import EsgtraceError
from esgtrace.ingest import Document, ParseOptions, parse
from esgtrace.extract import ExtractOptions, ExtractResult, Fact, extract
from esgtrace.disclose import DisclosureResult, disclosure
from esgtrace.audit import AuditOptions, AuditResult, check
from esgtrace.targets import TargetsResult, targets

if TYPE_CHECKING:
    from esgtrace.store import Database

__version__ = "0.1.0"

__all__ = ["extract", "ExtractOptions", "ExtractResult", "Fact", "check", "AuditOptions", "AuditResult", "disclosure", "DisclosureResult", "targets", "TargetsResult", "parse", "ParseOptions", "Document", "EsgtraceError", "__version__", "Database"]


def __getattr__(name: str) -> object:
    # The store pulls in SQLAlchemy: import it only when esgtrace.Database is used.
    if name == "Database":
        from esgtrace.store import Database

        return Database
    raise AttributeError(f"module 'esgtrace' has no attribute {name!r}")
