"""Store: a database of reports, facts and issuers that analysts can query.

>>> from esgtrace import Database
>>> db = Database("esgtrace.db")                      # doctest: +SKIP
>>> db.ingest(["reports/"], jobs=2).stored             # doctest: +SKIP
>>> db.compare("ghg_scope1_2", periods="2021-2023")    # doctest: +SKIP
"""

from esgtrace.store.batch import IngestStep, IngestSummary
from esgtrace.store.compare import Cell, Comparison
from esgtrace.store.database import Database, database_url
from esgtrace.store.errors import BadChoice, DatabaseError, IssuerNotFound
from esgtrace.store.rows import IssuerInfo, ReportInfo, StoredFact

__all__ = [
    "Database",
    "database_url",
    "IngestStep",
    "IngestSummary",
    "Comparison",
    "Cell",
    "IssuerInfo",
    "ReportInfo",
    "StoredFact",
    "DatabaseError",
    "IssuerNotFound",
    "BadChoice",
]
