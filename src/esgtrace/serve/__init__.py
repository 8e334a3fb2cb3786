"""Serve: the web app and the REST API over a database (``esgtrace serve``).

Pages (Home, Issuer, Report, Compare, Source viewer, Upload, Review) are rendered on
the server with Jinja2; the JSON API under ``/api`` mirrors the Python API. Run it with
``esgtrace serve --db esgtrace.db`` or ``esgtrace.Database(...).serve()``; build the
ASGI app itself with :func:`create_app`.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import TYPE_CHECKING

from esgtrace.errors import EsgtraceError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from esgtrace.store import Database

__all__ = ["ServeError", "create_app", "is_loopback", "run"]


class ServeError(EsgtraceError, ValueError):
    """The server cannot start as asked; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1``, ``localhost`` and the rest of 127.0.0.0/8."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def create_app(db: Database, token: str | None = None, uploads: str | Path | None = None,
               max_upload_mb: float | None = None, loopback: bool = True) -> FastAPI:
    """The FastAPI app over ``db`` (see :func:`esgtrace.serve.app.create_app`)."""
    from esgtrace.serve.app import create_app as build

    return build(db, token=token, uploads=uploads, max_upload_mb=max_upload_mb, loopback=loopback)


def run(db: Database, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
        uploads: str | Path | None = None, max_upload_mb: float | None = None, log_level: str = "warning") -> None:
    """Serve ``db`` with uvicorn until interrupted.

    :raises ServeError: a non-loopback ``host`` without a ``token`` (write routes would be open
        to the network), or a port outside 1-65535
    """
    if not is_loopback(host) and not token:
        raise ServeError(f"refusing to serve uploads and reviews on {host} without a token: give --token, or bind 127.0.0.1")
    if not 0 < port < 65536:
        raise ServeError(f"port {port}: expected 1-65535")
    import uvicorn

    app = create_app(db, token=token, uploads=uploads, max_upload_mb=max_upload_mb, loopback=is_loopback(host))
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False, server_header=False)
