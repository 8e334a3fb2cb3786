"""esgtrace: ESG reports in, verified and source-traced facts out.

The Python API mirrors the command line: ``esgtrace parse FILE`` is
:func:`esgtrace.parse`, and so on for every stage. The stages load on first use, so
``import esgtrace`` (and ``esgtrace --help``) stays quick.
"""

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING

from esgtrace.errors import EsgtraceError

if TYPE_CHECKING:
    from esgtrace.audit import AuditOptions, AuditResult, check
    from esgtrace.catalogue import metrics
    from esgtrace.disclose import DisclosureResult, disclosure
    from esgtrace.extract import ExtractOptions, ExtractResult, Fact, extract
    from esgtrace.ingest import Document, ParseOptions, parse
    from esgtrace.database import Database
    from esgtrace.targets import TargetsResult, targets
    from esgtrace.digest import Digest, digest

__version__ = "0.1.0"

__all__ = ["extract", "ExtractOptions", "ExtractResult", "Fact", "check", "AuditOptions", "AuditResult", "disclosure", "DisclosureResult", "parse", "ParseOptions", "Document", "EsgtraceError", "__version__", "Database", "metrics", "targets", "TargetsResult", "digest", "Digest"]

# name -> the module that defines it, imported when the name is first used
_LAZY = {
    "parse": "esgtrace.ingest", "ParseOptions": "esgtrace.ingest", "Document": "esgtrace.ingest",
    "extract": "esgtrace.extract", "ExtractOptions": "esgtrace.extract", "ExtractResult": "esgtrace.extract",
    "Fact": "esgtrace.extract", "disclosure": "esgtrace.disclose", "DisclosureResult": "esgtrace.disclose",
    "check": "esgtrace.audit", "AuditOptions": "esgtrace.audit", "AuditResult": "esgtrace.audit",
    "Database": "esgtrace.database", "metrics": "esgtrace.catalogue",
    "targets": "esgtrace.targets", "TargetsResult": "esgtrace.targets",
    "digest": "esgtrace.digest", "Digest": "esgtrace.digest",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'esgtrace' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """``esgtrace.extract`` is the function, even once the subpackage of that name is imported
    (importing a subpackage sets the attribute of its name on the parent)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
