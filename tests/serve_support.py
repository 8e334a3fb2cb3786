"""A real uvicorn server on 127.0.0.1 (a free port) in a thread, and a small HTTP client for it."""

from __future__ import annotations

import json
import socket
import threading
import time
import http.client
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from tests.conftest import CORPUS

# What the web tests store: a PDF with findings (two figures each), a text report, and a
# text report whose lines carry script tags (report text is untrusted input).
SUNSHINE = CORPUS / "pdf" / "sunshine_oilsands_esg_2019.pdf"
KUAISHOU = CORPUS / "text" / "kuaishou_esg_2020.txt"
HOSTILE_LINES = (
    "<script>alert('issuer')</script> Hostile Holdings Limited",
    "Environmental, Social and Governance Report 2023",
    "",
    "Indicator Unit 2022 2023",
    "Scope 1 emissions <script>alert(1)</script> tCO2e 1,200 1,300",
    "Total energy consumption <img src=x onerror=alert(2)> MWh 5,000 5,200",
    "Total number of employees persons 800 820",
)


def write_hostile(folder: Path) -> Path:
    path = folder / "hostile_esg_2023.txt"
    path.write_text("\n".join(HOSTILE_LINES) + "\n", encoding="utf-8")
    return path


def fill(db: Any, folder: Path) -> dict[str, int]:
    """Ingest the three reports, store their audit findings and disclosure matrices; report ids by name."""
    from esgtrace.serve.uploads import analyse

    hostile = write_hostile(folder)
    paths = [SUNSHINE, KUAISHOU, hostile]
    summary = db.ingest(paths)
    assert summary.failed == 0, [s.error for s in summary.steps]
    for path in paths:
        analyse(db, path)
    ids = {r.document: r.id for r in db.reports()}
    return {"sunshine": ids[SUNSHINE.name], "kuaishou": ids[KUAISHOU.name], "hostile": ids[hostile.name]}


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class Server:
    """``app`` served by uvicorn on a free loopback port until :meth:`stop`."""

    def __init__(self, app: Any) -> None:
        self.sock = free_socket()
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                follow: bool = True) -> Answer:
        """One request on a fresh connection; a server that answers before reading the whole body
        (413) is heard out; a 303 is followed with GET."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            wanted = {k.lower(): v for k, v in (headers or {}).items()}
            connection.putrequest(method, path, skip_host="host" in wanted)
            for key, value in wanted.items():
                connection.putheader(key, value)
            if body is not None:
                connection.putheader("content-length", str(len(body)))
            connection.endheaders()
            try:
                if body:
                    connection.send(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            response = connection.getresponse()
            answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()
        if follow and answer.status == 303:
            return self.get(answer.headers["location"].split("#")[0])
        return answer

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self.request("GET", path, headers=headers)

    def post_json(self, path: str, payload: Any, headers: dict[str, str] | None = None) -> Answer:
        return self.request("POST", path, json.dumps(payload).encode(), {"content-type": "application/json", **(headers or {})})

    def upload(self, path: str, name: str, content: bytes, fields: dict[str, str] | None = None,
               headers: dict[str, str] | None = None) -> Answer:
        body, kind = multipart(name, content, fields or {})
        return self.request("POST", path, body, {"content-type": kind, **(headers or {})})

    def wait_job(self, job_id: str, timeout: float = 120) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(f"/api/uploads/{job_id}").json["job"]
            if job["done"]:
                return dict(job)
            time.sleep(0.2)
        raise AssertionError(f"upload job {job_id} did not finish in {timeout} s")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


def multipart(name: str, content: bytes, fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def assert_error(answer: Answer, status: int) -> None:
    """The one JSON error shape: ``{"ok": false, "error": "...", "status": N}`` with N the HTTP status."""
    assert answer.status == status, (answer.status, answer.body[:300])
    assert answer.headers.get("content-type", "").startswith("application/json"), answer.headers
    body = answer.json
    assert set(body) == {"ok", "error", "status"}, body
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and "\n" not in body["error"] and "Traceback" not in body["error"]
