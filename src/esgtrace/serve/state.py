"""What every route shares: :class:`State` (the database, the token, the uploads and the
parsed-report cache), found from a request with :func:`state`."""

from __future__ import annotations

import hmac
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Request

from esgtrace.errors import EsgtraceError
from esgtrace.serve.data import settings
from esgtrace.serve.source import Documents
from esgtrace.serve.uploads import Uploads
from esgtrace.store import Database


class Forbidden(EsgtraceError, PermissionError):
    """A write without the right token, or from another site's page."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class State:
    """What the routes share: the database, the token, the uploads and the parsed-report cache."""

    def __init__(self, db: Database, token: str | None, uploads: Path, max_upload: int) -> None:
        self.db = db
        self.token = token or None
        self.uploads = Uploads(db, uploads, max_upload)
        self.documents = Documents(int(settings().limits["documents_cached"]))
        self.max_upload = max_upload

    def check_token(self, request: Request, given: str | None = None) -> None:
        """Writes need the token when one is set: ``Authorization: Bearer T``, ``X-Esgtrace-Token`` or a form field."""
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
            raise Forbidden("a write from another site's page is refused")
        if self.token is None:
            return
        header = request.headers.get("authorization", "")
        offered = header[7:] if header.lower().startswith("bearer ") else request.headers.get("x-esgtrace-token") or given or ""
        if not hmac.compare_digest(offered.encode(), self.token.encode()):
            raise Forbidden("this server needs its token for uploads and reviews" if not offered else "wrong token")


def state(request: Request) -> State:
    """The :class:`State` of the app that serves ``request``."""
    found: State = request.app.state.esg
    return found
