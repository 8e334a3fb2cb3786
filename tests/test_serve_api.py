"""``esgtrace serve``: the JSON API against a real uvicorn server on 127.0.0.1, on SQLite and PostgreSQL.

Real reports (a corpus PDF with audit findings, a corpus text report, a text report
full of script tags), real HTTP, one JSON error shape on every route.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from esgtrace.database import Database
from tests.cli import run_cli
from tests.conftest import CORPUS
from tests.serve_support import KUAISHOU, SUNSHINE, Server, assert_error, fill


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A database holding the three reports, served on a free loopback port (upload limit 1 MB)."""
    from esgtrace.serve import create_app

    folder = tmp_path_factory.mktemp(f"serve-{request.param}")
    dropped = None
    if request.param == "sqlite":
        url = str(folder / "esgtrace.db")
    else:
        import psycopg

        server = request.getfixturevalue("postgres_url")
        dropped = f"esgtrace_t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{dropped}"')
        url = server.rsplit("/", 1)[0] + "/" + dropped
    db = Database(url)
    ids = fill(db, folder)
    served = Server(create_app(db, uploads=folder / "uploads", max_upload_mb=1))
    yield {"server": served, "db": db, "ids": ids, "folder": folder, "backend": request.param}
    served.stop()
    db.close()
    if dropped:
        import psycopg

        with psycopg.connect(request.getfixturevalue("postgres_url"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dropped}" WITH (FORCE)')


def first_fact(site: dict[str, Any], report: str, metric: str | None = None) -> dict[str, Any]:
    facts = site["server"].get(f"/api/facts?report={site['ids'][report]}&limit=1000").json["items"]
    return next(f for f in facts if metric is None or f["metric"] == metric)


# ---- lists, pagination, filters --------------------------------------------------------

def test_reports_are_paginated(site: dict[str, Any]) -> None:
    s = site["server"]
    whole = s.get("/api/reports").json
    assert whole["ok"] and whole["total"] == 3 and len(whole["items"]) == 3 and whole["next"] is None
    one = s.get("/api/reports?limit=1").json
    assert len(one["items"]) == 1 and one["next"] and "offset=1" in one["next"]
    second = s.get("/api/reports?limit=1&offset=1").json["items"][0]
    assert second["id"] == whole["items"][1]["id"]
    assert "path" not in second  # the server's file system stays private


def test_issuers_and_facts_filters(site: dict[str, Any]) -> None:
    s = site["server"]
    issuers = s.get("/api/issuers").json["items"]
    names = {i["name"] for i in issuers}
    assert "Hostile Holdings Limited" in names and len(issuers) == 3
    scope1 = s.get("/api/facts?metric=ghg_scope1&limit=1000").json
    assert scope1["total"] > 0 and all(f["metric"] == "ghg_scope1" for f in scope1["items"])
    hostile = s.get("/api/facts?issuer=Hostile%20Holdings&period=2023&limit=1000").json["items"]
    assert sorted((f["metric"], f["value"]) for f in hostile) == [("employees_total", 820.0), ("energy_total", 5200.0), ("ghg_scope1", 1300.0)]
    paged = s.get("/api/facts?limit=5&offset=5").json
    assert len(paged["items"]) == 5 and paged["offset"] == 5 and paged["total"] > 100


def test_report_has_facts_findings_and_disclosure(site: dict[str, Any]) -> None:
    body = site["server"].get(f"/api/reports/{site['ids']['sunshine']}").json
    assert body["ok"] and body["report"]["document"] == SUNSHINE.name
    assert len(body["facts"]) == body["report"]["facts"] > 100
    assert {f["pillar"] for f in body["facts"]} >= {"environment", "social"}
    rules = {f["rule"] for f in body["findings"]}
    assert "yoy-change" in rules
    index = {f["rule"] for f in body["findings"] if f["index"]}
    assert "claimed-not-found" in index and "index-claim-unquantified" in index and "yoy-change" not in index
    two = next(f for f in body["findings"] if f["rule"] == "yoy-change")
    assert len(two["facts"]) == 2 and all(f["fact_id"] for f in two["facts"])
    assert len(body["disclosure"]["items"]) > 40
    assert body["disclosure"]["rates"]["environmental_kpis"]["disclosure_rate"] is not None


def test_issuer_series(site: dict[str, Any]) -> None:
    s = site["server"]
    issuer = next(i for i in s.get("/api/issuers").json["items"] if i["name"].startswith("Hostile"))
    body = s.get(f"/api/issuers/{issuer['id']}").json
    series = {x["metric"]: [(p["period"], p["value"]) for p in x["points"]] for x in body["series"]}
    assert series["ghg_scope1"] == [("2022", 1200.0), ("2023", 1300.0)]
    assert body["hkex_wide"]["rates"]["environmental_kpis"] == 69.5


# ---- compare and export ----------------------------------------------------------------

def test_compare_json_csv_xlsx(site: dict[str, Any]) -> None:
    s = site["server"]
    body = s.get("/api/compare?metric=ghg_scope1,energy_total&issuers=Hostile%20Holdings").json
    cells = {(c["metric"], c["period"]): c["value"] for c in body["cells"]}
    assert cells[("ghg_scope1", "2023")] == 1300.0 and cells[("energy_total", "2022")] == 5000.0
    per = s.get("/api/compare?metric=ghg_scope1&issuers=Hostile%20Holdings&per=employee").json
    assert {c["period"]: round(c["value"], 4) for c in per["cells"]} == {"2022": 1.5, "2023": round(1300 / 820, 4)}
    sheet = s.get("/api/compare?metric=ghg_scope1&issuers=Hostile%20Holdings&format=csv")
    assert sheet.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(sheet.text)))
    assert rows[0][:4] == ["issuer", "metric", "unit", "2022"] and rows[1][3] == "1200.0"
    book = s.get("/api/compare?metric=ghg_scope1&format=xlsx")
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(book.body)).sheetnames == ["compare", "cells"]


@pytest.mark.parametrize("format", ["csv", "json", "xlsx", "parquet"])
def test_export_formats(site: dict[str, Any], format: str) -> None:
    answer = site["server"].get(f"/api/export?format={format}")
    assert answer.status == 200 and "attachment" in answer.headers["content-disposition"]
    if format == "csv":
        header = next(csv.reader(io.StringIO(answer.text)))
        assert {"reviewed", "reviewed_value", "reviewed_by", "reviewed_at", "quote", "page"} <= set(header)
    elif format == "json":
        assert set(answer.json) == {"facts"} and answer.json["facts"]
    elif format == "parquet":
        assert answer.body[:4] == b"PAR1"
    else:
        assert answer.body[:2] == b"PK"


# ---- the source viewer's API -----------------------------------------------------------

def test_pdf_fact_source_boxes_the_printed_figure(site: dict[str, Any]) -> None:
    s = site["server"]
    fact = first_fact(site, "sunshine", "ghg_scope1")
    body = s.get(f"/api/facts/{fact['id']}").json
    source = body["source"]
    assert source["format"] == "pdf" and source["page"] == fact["page"] and source["how"] == "value-in-quote"
    assert "".join(b["text"] for b in source["boxes"]).startswith(fact["reported_value"])
    for box in source["boxes"]:
        assert 0 <= box["x0"] < box["x1"] <= source["width"] and 0 <= box["top"] < box["bottom"] <= source["height"]


def test_page_png_highlights_the_fact(site: dict[str, Any]) -> None:
    from PIL import Image

    s = site["server"]
    fact = first_fact(site, "sunshine", "ghg_scope1")
    box = s.get(f"/api/facts/{fact['id']}").json["source"]["boxes"][0]
    report = site["ids"]["sunshine"]
    plain = Image.open(io.BytesIO(s.get(f"/api/reports/{report}/pages/{fact['page']}.png?scale=1").body)).convert("RGB")
    lit = s.get(f"/api/reports/{report}/pages/{fact['page']}.png?scale=1&highlight={fact['id']}")
    assert lit.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(lit.body)).convert("RGB")
    assert image.size == plain.size
    # the outline is drawn 2 px outside the word box: orange there, not on the plain page
    x, y = int(box["x0"] - 2), int((box["top"] + box["bottom"]) / 2)
    r, g, b = image.getpixel((x, y))
    assert r > 200 and b < 80 and plain.getpixel((x, y)) != (r, g, b)


def test_text_fact_source_marks_the_value(site: dict[str, Any]) -> None:
    fact = first_fact(site, "kuaishou")
    source = site["server"].get(f"/api/facts/{fact['id']}").json["source"]
    assert source["format"] == "text"
    hits = [ln for ln in source["lines"] if ln["mark"]]
    assert hits and hits[0]["mark"] == fact["reported_value"]
    assert any(ln["number"] == fact["line"] for ln in hits)


def test_finding_names_both_figures(site: dict[str, Any]) -> None:
    s = site["server"]
    finding = next(f for f in s.get(f"/api/reports/{site['ids']['sunshine']}").json["findings"] if f["rule"] == "yoy-change")
    body = s.get(f"/api/findings/{finding['id']}").json["finding"]
    assert [f["fact_id"] for f in body["facts"]] == [f["fact_id"] for f in finding["facts"]]
    page = s.get(f"/source/finding/{finding['id']}")
    assert page.status == 200 and page.text.count('class="source-view"') == 2


# ---- reviews ---------------------------------------------------------------------------

def test_review_is_kept_beside_the_value_and_survives_reingestion(site: dict[str, Any]) -> None:
    s, db = site["server"], site["db"]
    fact = first_fact(site, "hostile", "energy_total")
    answer = s.post_json(f"/api/facts/{fact['id']}/review", {"verdict": "corrected", "value": 5100, "reviewer": "ana", "note": "p.2 says 5,100"})
    assert answer.status == 201 and answer.json["review"]["extracted_value"] == fact["value"]
    shown = s.get(f"/api/facts/{fact['id']}").json["fact"]
    assert shown["value"] == fact["value"] and shown["review"]["value"] == 5100 and shown["review"]["reviewer"] == "ana"
    assert_error(s.post_json(f"/api/facts/{fact['id']}/review", {"verdict": "corrected"}), 400)
    assert_error(s.post_json(f"/api/facts/{fact['id']}/review", {"verdict": "maybe"}), 422)
    # re-ingesting writes new fact rows: the review finds its fact again
    path = site["folder"] / "hostile_esg_2023.txt"
    db.ingest(path, force=True)
    site["ids"]["hostile"] = next(r.id for r in db.reports() if r.document == path.name)
    again = next(f for f in s.get("/api/facts?metric=energy_total&issuer=Hostile%20Holdings&limit=1000").json["items"]
                 if f["period"] == fact["period"])
    assert again["value"] == fact["value"]  # (SQLite may give the new row the old id; PostgreSQL never does)
    assert again["review"]["verdict"] == "corrected" and again["review"]["value"] == 5100
    rows = list(csv.DictReader(io.StringIO(s.get("/api/export?format=csv").text)))
    marked = [r for r in rows if r["reviewed"]]
    assert any(r["metric"] == "energy_total" and r["reviewed"] == "corrected" and float(r["reviewed_value"]) == 5100
               and r["reviewed_by"] == "ana" and float(r["value"]) == fact["value"] for r in marked)
    assert all(not r["reviewed"] for r in rows if r["document"] != "hostile_esg_2023.txt")


def test_review_form_without_javascript(site: dict[str, Any]) -> None:
    s = site["server"]
    fact = first_fact(site, "kuaishou")
    body = f"verdict=correct&reviewer=bo".encode()
    answer = s.request("POST", f"/review/{fact['id']}", body, {"content-type": "application/x-www-form-urlencoded"})
    assert answer.status == 200 and "Reviewed <b>correct</b>" in answer.text  # followed the 303 to the viewer


# ---- uploads ---------------------------------------------------------------------------

def test_upload_is_ingested_in_the_background(site: dict[str, Any]) -> None:
    s = site["server"]
    content = (CORPUS / "text" / "news_tencent_esg_2023.txt").read_bytes()
    answer = s.upload("/api/uploads", "../../etc/passwd", content)
    assert answer.status == 202, answer.body
    job = s.wait_job(answer.json["job"]["id"])
    assert job["state"] == "done" and job["error"] is None and job["report_id"], job
    assert job["name"] == "passwd.txt"  # the request's name is cut to a plain name, the type from the content
    stored = s.get(f"/api/reports/{job['report_id']}").json
    assert stored["report"]["document"] == "passwd.txt" and stored["facts"]
    assert not (site["folder"] / "etc").exists()
    assert list((site["folder"] / "uploads").glob("*/passwd.txt"))


def test_bad_uploads_get_the_clis_one_line_error(site: dict[str, Any]) -> None:
    s = site["server"]
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    assert_error(s.upload("/api/uploads", "report.pdf", png), 415)  # checked by content, not name
    assert "PNG" in s.upload("/api/uploads", "report.txt", png).json["error"]
    assert_error(s.upload("/api/uploads", "empty.txt", b""), 400)
    assert_error(s.upload("/api/uploads", "big.txt", b"a" * 1_200_000), 413)
    damaged = s.upload("/api/uploads", "broken.pdf", b"%PDF-1.7\n" + b"garbage " * 300)
    assert damaged.status == 202
    job = s.wait_job(damaged.json["job"]["id"])
    assert job["state"] == "failed" and job["error"].startswith("broken.pdf: not a readable PDF"), job
    assert "\n" not in job["error"] and str(site["folder"]) not in job["error"]


def test_oversized_upload_without_content_length_is_cut_off(site: dict[str, Any]) -> None:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", site["server"].port, timeout=30)
    connection.putrequest("POST", "/api/uploads")
    connection.putheader("content-type", "multipart/form-data; boundary=x")
    connection.putheader("transfer-encoding", "chunked")
    connection.endheaders()
    head = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
    connection.send(b"%x\r\n%s\r\n" % (len(head), head))
    chunk = b"a" * 65536
    try:
        for _ in range(40):  # 2.6 MB, over the 1 MB limit
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        connection.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    response = connection.getresponse()
    assert response.status == 413 and b'"status": 413' in response.read()


# ---- errors, security ------------------------------------------------------------------

def test_every_api_route_answers_errors_in_one_shape(site: dict[str, Any]) -> None:
    s = site["server"]
    fact = first_fact(site, "sunshine")
    text_report = site["ids"]["kuaishou"]
    cases = {
        "/api/reports": [("GET", "/api/reports?limit=0", 422), ("GET", "/api/reports?offset=-1", 422)],
        "/api/reports/{report_id}": [("GET", "/api/reports/999999", 404), ("GET", "/api/reports/abc", 422)],
        "/api/reports/{report_id}/pages/{number}.png": [
            ("GET", f"/api/reports/{site['ids']['sunshine']}/pages/999.png", 404),
            ("GET", f"/api/reports/{text_report}/pages/1.png", 400),
            ("GET", f"/api/reports/{site['ids']['sunshine']}/pages/1.png?highlight={first_fact(site, 'kuaishou')['id']}", 400),
            ("GET", f"/api/reports/{site['ids']['sunshine']}/pages/1.png?scale=50", 422),
            ("GET", "/api/reports/1/pages/..%2F..%2Fetc%2Fpasswd.png", 404)],
        "/api/issuers": [("GET", "/api/issuers?limit=5000", 422)],
        "/api/issuers/{issuer_id}": [("GET", "/api/issuers/999999", 404), ("GET", "/api/issuers/..%2F..", 404), ("GET", "/api/issuers/1%20OR%201=1", 422)],
        "/api/facts": [("GET", "/api/facts?issuer=nobody-at-all", 404), ("GET", "/api/facts?limit=abc", 422), ("GET", "/api/facts?report=1;DROP%20TABLE%20fact", 422)],
        "/api/facts/{fact_id}": [("GET", "/api/facts/999999", 404)],
        "/api/facts/{fact_id}/review": [("POST", "/api/facts/999999/review", 422), ("GET", f"/api/facts/{fact['id']}/review", 405)],
        "/api/findings/{finding_id}": [("GET", "/api/findings/999999", 404)],
        "/api/compare": [("GET", "/api/compare", 422), ("GET", "/api/compare?metric=ghg_scope1&per=planet", 400),
                         ("GET", "/api/compare?metric=ghg_scope1&format=pdf", 422)],
        "/api/export": [("GET", "/api/export?format=doc", 422), ("GET", "/api/export?format=csv&form=both", 400)],
        "/api/uploads": [("POST", "/api/uploads", 422), ("GET", "/api/uploads", 405)],
        "/api/uploads/{job_id}": [("GET", "/api/uploads/no-such-job", 404)],
        "unknown": [("GET", "/api/nothing/here", 404), ("GET", "/api/reports/1/../../../etc/passwd", 404)],
    }
    schema_paths = set(s.get("/api/openapi.json").json["paths"])
    assert schema_paths <= set(cases), f"routes without an error test: {schema_paths - set(cases)}"
    for route, tries in cases.items():
        for method, path, status in tries:
            answer = s.request(method, path, b"" if method == "POST" else None,
                               {"content-type": "application/json"} if method == "POST" else None)
            try:
                assert_error(answer, status)
            except AssertionError as error:
                raise AssertionError(f"{route}: {method} {path}: {error}") from None


def test_pages_escape_report_text(site: dict[str, Any]) -> None:
    s = site["server"]
    report = s.get(f"/reports/{site['ids']['hostile']}")
    assert report.status == 200
    assert "<script>alert" not in report.text and "<img src=x" not in report.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report.text
    fact = first_fact(site, "hostile", "ghg_scope1")
    viewer = s.get(f"/source/{fact['id']}")
    assert "<script>alert" not in viewer.text and "&lt;script&gt;" in viewer.text
    assert "script-src 'self'" in viewer.headers["content-security-policy"]
    assert viewer.headers["x-content-type-options"] == "nosniff"


def test_every_page_renders(site: dict[str, Any]) -> None:
    s = site["server"]
    fact = first_fact(site, "sunshine")
    issuer = s.get("/api/issuers").json["items"][0]["id"]
    for path in ("/", f"/issuers/{issuer}", f"/reports/{site['ids']['sunshine']}", "/compare?metric=ghg_scope1&metric=energy_total",
                 "/compare", f"/source/{fact['id']}", f"/source/{first_fact(site, 'kuaishou')['id']}", "/upload", "/api/docs",
                 "/static/style.css", "/static/app.js"):
        answer = s.get(path)
        assert answer.status == 200, (path, answer.body[:200])
    docs = s.get("/api/docs").text
    assert "/api/facts" in docs and "http" not in docs.split("<main>")[1].split("openapi.json")[0].replace("href=\"/", "")
    missing = s.get("/reports/999999")
    assert missing.status == 404 and "text/html" in missing.headers["content-type"] and "no stored report" in missing.text
    assert s.get("/static/../../../../etc/passwd").status == 404


def test_foreign_host_and_cross_site_writes_are_refused(site: dict[str, Any]) -> None:
    s = site["server"]
    assert_error(s.get("/api/reports", headers={"host": "attacker.example"}), 421)
    fact = first_fact(site, "kuaishou")
    assert_error(s.post_json(f"/api/facts/{fact['id']}/review", {"verdict": "wrong"}, {"origin": "http://attacker.example"}), 403)


def test_token_guards_uploads_and_reviews(site: dict[str, Any]) -> None:
    from esgtrace.serve import create_app

    db = site["db"]
    guarded = Server(create_app(db, token="s3cret", uploads=site["folder"] / "uploads-token", max_upload_mb=1))
    try:
        fact = first_fact(site, "kuaishou")
        review = {"verdict": "wrong", "reviewer": "cy"}
        assert_error(guarded.post_json(f"/api/facts/{fact['id']}/review", review), 403)
        assert_error(guarded.post_json(f"/api/facts/{fact['id']}/review", review, {"authorization": "Bearer nope"}), 403)
        assert guarded.post_json(f"/api/facts/{fact['id']}/review", review, {"authorization": "Bearer s3cret"}).status == 201
        content = b"Tiny Limited ESG report 2023\nTotal number of employees: 12\n"
        assert_error(guarded.upload("/api/uploads", "tiny.txt", content), 403)
        assert_error(guarded.upload("/api/uploads", "tiny.txt", content, {"token": "wrong"}), 403)
        assert guarded.upload("/api/uploads", "tiny.txt", content, {"token": "s3cret"}).status == 202
        assert guarded.get("/api/reports").status == 200  # reading needs no token
    finally:
        guarded.stop()


def test_serve_refuses_an_open_bind_without_a_token(tmp_path: Path) -> None:
    from esgtrace.serve import ServeError, is_loopback, run

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and not is_loopback("0.0.0.0")
    with Database(tmp_path / "e.db") as db, pytest.raises(ServeError, match="without a token"):
        run(db, host="0.0.0.0", port=8000)
    result = run_cli("serve", "--db", tmp_path / "e.db", "--host", "0.0.0.0", "--port", "8000")
    assert result.returncode == 2 and "without a token" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_issuer_page_marks_restated_values(db: Database, tmp_path: Path) -> None:
    """A later report that gives another 2023 figure: the series shows the latest, marked restated, with the first value."""
    from esgtrace.serve import create_app
    from tests.serve_support import write_hostile

    first = write_hostile(tmp_path)
    later = tmp_path / "hostile_esg_2024.txt"
    later.write_text("Hostile Holdings Limited\nEnvironmental, Social and Governance Report 2024\n\n"
                     "Indicator Unit 2023 2024\nScope 1 emissions tCO2e 1,350 1,400\n", encoding="utf-8")
    db.ingest([first, later])
    served = Server(create_app(db, uploads=tmp_path / "uploads"))
    try:
        issuer = served.get("/api/issuers").json["items"][0]
        assert issuer["reports"] == 2
        series = next(x for x in served.get(f"/api/issuers/{issuer['id']}").json["series"] if x["metric"] == "ghg_scope1")
        points = {p["period"]: p for p in series["points"]}
        assert points["2023"]["value"] == 1350.0 and points["2023"]["restated"] and points["2023"]["original"] == 1300.0
        assert not points["2022"]["restated"] and points["2024"]["value"] == 1400.0
        page = served.get(f"/issuers/{issuer['id']}").text
        assert page.count('class="point restated"') == 1 and "first reported 1,300" in page
    finally:
        served.stop()
