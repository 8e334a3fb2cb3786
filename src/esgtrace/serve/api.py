"""The JSON API under ``/api``: the Python API's queries over HTTP.

Lists are paginated (``limit``, ``offset``; the answer says ``total`` and the ``next``
page). Every error, on every route, is ``{"ok": false, "error": "...", "status": N}``.
Writes (uploads, reviews) need the server's token when it has one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from esgtrace.serve import data
from esgtrace.serve.state import State, state
from esgtrace.serve.source import locate, render_png, text_context
from esgtrace.store.errors import BadChoice

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page (at most 1000).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


def page(request: Request, items: list[Any], limit: int, offset: int) -> JSONResponse:
    """One page of ``items`` with the total and the address of the next page."""
    chunk = items[offset:offset + limit]
    following = None
    if offset + limit < len(items):
        following = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return JSONResponse({"ok": True, "total": len(items), "limit": limit, "offset": offset, "next": following, "items": chunk})


@router.get("/reports", summary="Stored reports")
def reports(request: Request, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    """Every stored report (failed ones too, with their error), oldest first."""
    return page(request, [public(r.to_json()) for r in state(request).db.reports()], limit, offset)


def public(report: dict[str, Any]) -> dict[str, Any]:
    """A report record without the server's file path."""
    return {k: v for k, v in report.items() if k != "path"}


@router.get("/reports/{report_id}", summary="One report with its facts, findings and disclosure matrix")
def report(request: Request, report_id: int) -> dict[str, Any]:
    db = state(request).db
    items = data.disclosure_items(db, report_id)
    return {"ok": True, "report": public(data.report_json(db, report_id)), "facts": data.report_facts(db, report_id),
            "findings": data.findings(db, report_id),
            "disclosure": {"items": items, "rates": data.disclosure_rates(items)}}


@router.get("/reports/{report_id}/pages/{number}.png", summary="A report page as PNG, a fact's words highlighted",
            response_class=Response, responses={200: {"content": {"image/png": {}}}})
def page_png(request: Request, report_id: int, number: int,
             highlight: Annotated[int | None, Query(description="Fact id whose words to highlight.")] = None,
             scale: Annotated[float, Query(gt=0.2, le=3.0, description="Pixels per PDF point.")] = 1.5) -> Response:
    """The page drawn by PDFium; with ``highlight`` the fact's printed figure is boxed (it must be on this page)."""
    st = state(request)
    info = data.report_json(st.db, report_id)
    if info["format"] != "pdf":
        raise BadChoice("report format", info["format"], "a PDF report for page images (text reports: /api/facts/{id}/source)")
    boxes: tuple[Any, ...] = ()
    if highlight is not None:
        fact = data.fact_by_id(st.db, highlight)
        if fact["report_id"] != report_id:
            raise BadChoice("highlight", highlight, f"a fact of report {report_id}")
        if fact["page"] == number:
            doc = st.documents.get(info["path"], info["sha256"], info["document"])
            boxes = locate(doc.page(number), fact["quote"], fact["reported_value"], fact["line"]).boxes
    png = render_png(info["path"], number, boxes, scale)
    return Response(png, media_type="image/png", headers={"cache-control": "private, max-age=300"})


@router.get("/issuers", summary="Issuers")
def issuers(request: Request, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    """Issuers with their name variants, tickers and number of reports."""
    return page(request, [i.to_json() for i in state(request).db.issuers()], limit, offset)


@router.get("/issuers/{issuer_id}", summary="One issuer: reports by period and headline KPI series")
def issuer(request: Request, issuer_id: int) -> dict[str, Any]:
    db = state(request).db
    return {"ok": True, "issuer": data.issuer_info(db, issuer_id).to_json(), "reports": data.issuer_reports(db, issuer_id),
            "series": data.series(db, issuer_id, data.settings().headline), "hkex_wide": data.settings().hkex_wide}


@router.get("/facts", summary="Stored facts with their provenance")
def facts(request: Request,
          issuer: Annotated[str | None, Query(description="Issuer id, name variant or ticker.")] = None,
          metric: Annotated[str | None, Query(description="Metric id(s), separated by commas.")] = None,
          period: Annotated[str | None, Query(description="Year, label or range: 2022, FY2022, 2021-2023.")] = None,
          report: Annotated[int | None, Query(description="Only the facts of this report.")] = None,
          limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    """``db.facts(issuer=, metric=, period=)``; each fact with its latest review, if any."""
    total, items = data.facts_page(state(request).db, issuer, metric, period, report, limit, offset)
    following = str(request.url.include_query_params(offset=offset + limit, limit=limit)) if offset + limit < total else None
    return JSONResponse({"ok": True, "total": total, "limit": limit, "offset": offset, "next": following, "items": items})


@router.get("/facts/{fact_id}", summary="One fact with its review and where it is printed")
def fact(request: Request, fact_id: int) -> dict[str, Any]:
    st = state(request)
    return {"ok": True, "fact": data.fact_by_id(st.db, fact_id), "source": source_of(st, fact_id)}


def source_of(st: State, fact_id: int) -> dict[str, Any]:
    """The fact's page and highlighted word boxes (PDF), or the lines around its quote (text)."""
    fact = data.fact_by_id(st.db, fact_id)
    info = data.report_json(st.db, fact["report_id"])
    doc = st.documents.get(info["path"], info["sha256"], info["document"])
    number = fact["page"] or 1
    if not 1 <= number <= doc.page_count:
        return {"format": info["format"], "page": fact["page"], "boxes": [], "how": "none", "lines": []}
    where = doc.page(number)
    if info["format"] == "pdf":
        found = locate(where, fact["quote"], fact["reported_value"], fact["line"])
        return {"format": "pdf", "page": number, "how": found.how, "boxes": [b.to_json() for b in found.boxes],
                "width": where.width, "height": where.height, "image": f"/api/reports/{fact['report_id']}/pages/{number}.png?highlight={fact_id}"}
    lines = text_context(where, fact["quote"], fact["reported_value"], fact["line"])
    return {"format": info["format"], "page": fact["page"], "how": "quote" if lines else "none",
            "lines": [{"number": ln.number, "before": ln.before, "mark": ln.mark, "after": ln.after, "hit": ln.hit} for ln in lines]}


class ReviewIn(BaseModel):
    verdict: Literal["correct", "wrong", "corrected"] = Field(description="correct, wrong, or corrected (with value)")
    value: float | None = Field(default=None, description="The right value, in the fact's unit (verdict corrected).")
    reviewer: str = Field(default="", max_length=200, description="Who reviews.")
    note: str | None = Field(default=None, max_length=2000, description="Why, in a few words.")


@router.post("/facts/{fact_id}/review", summary="Mark a fact correct or wrong, or correct its value", status_code=201)
def review(request: Request, fact_id: int, body: ReviewIn) -> JSONResponse:
    """Stored beside the extracted value with who and when; re-ingesting the report keeps it. Needs the token when set."""
    st = state(request)
    st.check_token(request)
    saved = st.db.review(fact_id, body.verdict, value=body.value, reviewer=body.reviewer, note=body.note)
    return JSONResponse({"ok": True, "review": saved.to_json()}, status_code=201)


@router.get("/findings/{finding_id}", summary="One audit finding with the facts it names")
def finding(request: Request, finding_id: int) -> dict[str, Any]:
    return {"ok": True, "finding": data.finding_by_id(state(request).db, finding_id)}


@router.get("/compare", summary="Issuers x periods of metrics, in canonical units")
def compare(request: Request,
            metric: Annotated[str, Query(min_length=1, description="Metric id(s), separated by commas.")],
            issuers: Annotated[str | None, Query(description="Issuer ids, names or tickers, separated by commas.")] = None,
            periods: Annotated[str | None, Query(description="Years or a range, e.g. 2021-2023.")] = None,
            per: Annotated[str | None, Query(description="employee or revenue.")] = None,
            original: Annotated[bool, Query(description="Restated figures as first reported.")] = False,
            format: Annotated[Literal["json", "csv", "xlsx"], Query(description="json, csv or xlsx.")] = "json") -> Any:
    """``db.compare(metrics, issuers=, periods=, per=)``; ``format=csv|xlsx`` downloads the sheet."""
    table = state(request).db.compare(metric, issuers=issuers, periods=periods, per=per or None, latest=not original)
    if format == "json":
        return {"ok": True, **table.to_json()}
    return _download(lambda path: table.write(format, path), f"compare.{format}")


MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "parquet": "application/vnd.apache.parquet"}


@router.get("/export", summary="Every stored fact, long or wide form, with which values were reviewed")
def export(request: Request,
           format: Annotated[Literal["csv", "json", "xlsx", "parquet"], Query(description="csv, json, xlsx or parquet.")] = "csv",
           form: Annotated[Literal["long", "wide", "both"], Query(description="long (one row a fact), wide, or both (json, xlsx).")] = "long") -> Response:
    """``db.export(format)``. CSV and Parquet hold one form a file: ``form=both`` is for json and xlsx."""
    if form == "both" and format in ("csv", "parquet"):
        raise BadChoice("form", form, "long or wide for csv and parquet (one table a file)")
    db = state(request).db
    return _download(lambda path: db.export(format, path, form=form)[0], f"esgtrace_facts.{format}")


def _download(write: Any, name: str) -> Response:
    with tempfile.TemporaryDirectory(prefix="esgtrace-") as folder:
        path = write(Path(folder) / name)
        body = Path(path).read_bytes()
    suffix = name.rsplit(".", 1)[1]
    return Response(body, media_type=MEDIA[suffix], headers={"content-disposition": f'attachment; filename="{name}"'})


@router.post("/uploads", summary="Upload a report: checked by content, ingested in the background", status_code=202)
async def upload(request: Request, file: Annotated[UploadFile, File(description="A PDF, HTML or text report.")],
                 token: Annotated[str | None, Form(description="The server's token (or send it as a header).")] = None) -> JSONResponse:
    """The answer names a job; ``GET /api/uploads/{job}`` follows its progress. Needs the token when set."""
    st = state(request)
    st.check_token(request, token)
    content = await file.read(st.max_upload + 1)
    job = st.uploads.accept(content, file.filename or "report")
    return JSONResponse({"ok": True, "job": job.to_json()}, status_code=202)


@router.get("/uploads/{job_id}", summary="The progress of an upload")
def upload_job(request: Request, job_id: str) -> dict[str, Any]:
    job = state(request).uploads.get(job_id)
    if job is None:
        raise LookupError(job_id)
    return {"ok": True, "job": job.to_json()}


@router.get("/docs", summary="This API's documentation (offline)", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request) -> Response:
    schema = request.app.openapi()
    routes = []
    for path, methods in schema.get("paths", {}).items():
        for method, spec in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", "")}
                      for p in spec.get("parameters", [])]
            routes.append({"method": method.upper(), "path": path, "summary": spec.get("summary", ""),
                           "description": spec.get("description", ""), "params": params,
                           "body": "requestBody" in spec})
    templates = request.app.state.templates
    answer: Response = templates.TemplateResponse(request, "docs.html", {"routes": routes, "title": schema["info"]["title"],
                                                                         "version": schema["info"]["version"]})
    return answer
