"""esgtrace: ESG reports in, verified and source-traced facts out.

The Python API mirrors the command line: ``esgtrace parse FILE`` is
:func:`esgtrace.parse`, and so on for every stage.
"""

from esgtrace.errors import EsgtraceError
from esgtrace.ingest import Document, ParseOptions, parse

__version__ = "0.1.0"

__all__ = ["parse", "ParseOptions", "Document", "EsgtraceError", "__version__"]
