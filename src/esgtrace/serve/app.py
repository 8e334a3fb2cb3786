"""The FastAPI application: pages, the JSON API, errors, limits and security headers.

``create_app(db, token=..., uploads=...)`` builds it; :func:`esgtrace.serve.run` serves
it with uvicorn. Templates and static files ship in this package: nothing is loaded
from the internet, the API docs page included (it is drawn here from the OpenAPI schema).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from esgtrace.errors import EmptyInput, EsgtraceError, InputError, InputTooLarge, UnsupportedFormat
from esgtrace.serve.charts import number
from esgtrace.serve.data import settings
from esgtrace.serve.source import SourceUnavailable
from esgtrace.serve.state import Forbidden, State
from esgtrace.store import BadChoice, Database, DatabaseError, IssuerNotFound
from esgtrace.store.errors import FactNotFound, ReportNotFound

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]


STATUS_OF: tuple[tuple[type[BaseException], int], ...] = (
    (Forbidden, 403),
    (InputTooLarge, 413),
    (UnsupportedFormat, 415),
    (EmptyInput, 400),
    (IssuerNotFound, 404),
    (FactNotFound, 404),
    (ReportNotFound, 404),
    (SourceUnavailable, 404),
    (BadChoice, 400),
    (InputError, 400),
    (DatabaseError, 503),
    (EsgtraceError, 400),
)


def status_of(error: BaseException) -> int:
    return next((code for kind, code in STATUS_OF if isinstance(error, kind)), 500)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


class BodyLimit:
    """Refuses a request body over ``limit`` bytes (413), counted as it arrives: a missing or
    false Content-Length does not get a large upload past it."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        seen = 0
        over = False
        refused = False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                over = True
                raise _TooLarge()
            return message

        async def sending(message: Message) -> None:
            nonlocal refused
            if not over:
                await send(message)
            elif not refused:  # whatever the app made of the cut-off body, the answer is 413
                refused = True
                await self._refuse(scope, send)

        try:
            await self.app(scope, counted, sending)
        except Exception:
            if not over:
                raise
            if not refused:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Callable[[Message], Awaitable[None]]) -> None:
        text = f"the upload is over the {self.limit / 1e6:,.0f} MB limit"
        body = json.dumps({"ok": False, "error": text, "status": 413}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class Guard:
    """Security headers on every answer; when bound to loopback, only loopback ``Host`` names are
    answered (421 otherwise), so a page of another site cannot reach the server by DNS rebinding."""

    def __init__(self, app: Any, loopback: bool) -> None:
        self.app = app
        self.loopback = loopback

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.loopback and host_name(dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")) not in LOOPBACK_HOSTS:
            body = json.dumps({"ok": False, "error": "this server answers loopback host names only", "status": 421}).encode()
            await send({"type": "http.response.start", "status": 421,
                        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                    *HEADER_BYTES]})
            await send({"type": "http.response.body", "body": body})
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADER_BYTES if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, sending)


def host_name(header: str) -> str:
    """The host of a ``Host`` header without its port: ``[::1]:8000`` -> ``[::1]``."""
    if header.startswith("["):
        return header.split("]")[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
HEADER_BYTES = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


def create_app(db: Database, token: str | None = None, uploads: str | Path | None = None,
               max_upload_mb: float | None = None, loopback: bool = True) -> FastAPI:
    """The web app over ``db``.

    :param db: the database to show
    :param token: uploads and reviews need it when set
    :param uploads: folder for uploaded reports (created when needed)
    :param max_upload_mb: largest upload accepted, in MB (``serve.yaml`` by default)
    :param loopback: bound to a loopback address: then only loopback ``Host`` headers are
        answered (a page of another site cannot reach this server by DNS rebinding)
    """
    from esgtrace.serve import api, pages

    limit = int((max_upload_mb if max_upload_mb is not None else settings().limits["upload_mb"]) * 1_000_000)
    folder = Path(uploads) if uploads is not None else default_uploads(db)
    state = State(db, token, folder, limit)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        state.uploads.close()

    app = FastAPI(title="esgtrace", lifespan=lifespan, version=_version(), docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Source-traced ESG facts: reports, issuers, facts, comparisons and the page each figure is printed on.")
    app.state.esg = state
    templates = Jinja2Templates(directory=str(resources.files("esgtrace.serve").joinpath("templates")))
    templates.env.filters["num"] = number
    templates.env.globals["token_required"] = token is not None
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(resources.files("esgtrace.serve").joinpath("static"))), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    async def on_error(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = {404: "not found", 405: "method not allowed"}.get(error.status_code, str(error.detail))
        if error.status_code == 404 and error.detail not in ("Not Found", None):
            message = str(error.detail)
        return await on_error(request, error.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body"))
        return await on_error(request, 422, f"{where or 'request'}: {first.get('msg', 'invalid')}")

    @app.exception_handler(EsgtraceError)
    async def esgtrace_error(request: Request, error: EsgtraceError) -> Response:
        return await on_error(request, status_of(error), str(error))

    @app.exception_handler(LookupError)
    async def lookup_error(request: Request, error: LookupError) -> Response:
        return await on_error(request, 404, "not found")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        return await on_error(request, 500, f"internal error ({type(error).__name__})")

    app.add_middleware(Guard, loopback=loopback)
    app.add_middleware(BodyLimit, limit=limit + 64_000)  # room for the multipart framing
    return app


def default_uploads(db: Database) -> Path:
    """``esgtrace_uploads`` beside an SQLite file, else in the current folder."""
    database = db.url.database if db.url.get_backend_name() == "sqlite" else None
    if database and database != ":memory:":
        return Path(database).resolve().parent / "esgtrace_uploads"
    return Path("esgtrace_uploads").resolve()


def _version() -> str:
    from esgtrace import __version__

    return __version__
