"""The HTML pages: server-rendered with Jinja2 (autoescaped: report text is untrusted).

Home, Issuer, Report, Compare, Source viewer (a fact, or both figures of a finding),
Upload and Review. The forms work without JavaScript; ``static/app.js`` adds table
filtering and sorting, and the upload progress.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from esgtrace.serve import data
from esgtrace.serve.api import source_of
from esgtrace.serve.charts import bar_chart, line_chart
from esgtrace.serve.state import state
from esgtrace.store.errors import BadChoice

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def render(request: Request, template: str, **context: Any) -> Response:
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, template, context)
    return response


@router.get("/")
def home(request: Request) -> Response:
    db = state(request).db
    return render(request, "home.html", counts=data.counts(db), reports=[r.to_json() for r in db.reports()],
                  issuers=[i.to_json() for i in db.issuers()])


@router.get("/issuers/{issuer_id}")
def issuer(request: Request, issuer_id: int) -> Response:
    db = state(request).db
    info = data.issuer_info(db, issuer_id)
    series = data.series(db, issuer_id, data.settings().headline)
    charts = [line_chart(s["metric"], s["unit"], s["points"]) for s in series]
    return render(request, "issuer.html", issuer=info.to_json(), reports=data.issuer_reports(db, issuer_id), series=series,
                  charts=charts, hkex_wide=data.settings().hkex_wide)


@router.get("/reports/{report_id}")
def report(request: Request, report_id: int) -> Response:
    db = state(request).db
    info = data.report_json(db, report_id)
    facts = data.report_facts(db, report_id)
    findings = data.findings(db, report_id)
    items = data.disclosure_items(db, report_id)
    pillars: dict[str, list[dict[str, Any]]] = {}
    for fact in facts:
        pillars.setdefault(fact["pillar"], []).append(fact)
    return render(request, "report.html", report=info, facts=facts, pillars=pillars,
                  findings=[f for f in findings if not f["index"]], mismatches=[f for f in findings if f["index"]],
                  items=items, rates=data.disclosure_rates(items))


@router.get("/compare")
def compare(request: Request,
            metric: Annotated[list[str] | None, Query()] = None,
            issuers: Annotated[list[str] | None, Query()] = None,
            periods: Annotated[str | None, Query()] = None,
            per: Annotated[str | None, Query()] = None) -> Response:
    db = state(request).db
    choices = data.stored_metrics(db)
    wanted = [m for m in (metric or []) if m] or [m for m in data.settings().compare_default if m in choices][:1] or choices[:1]
    chosen_issuers = [i for i in (issuers or []) if i]
    table = db.compare(wanted, issuers=chosen_issuers or None, periods=periods or None, per=per or None) if wanted else None
    charts = []
    if table is not None:
        for m in table.metrics:
            shown = [p for p in table.periods if any(table.cell(i, m, p) for i in table.issuers)]
            rows = [(i, [_cell(table.cell(i, m, p)) for p in shown]) for i in table.issuers
                    if any(table.cell(i, m, p) for p in shown)]
            unit = " / ".join(sorted({table.unit(i, m) for i, _ in rows if table.unit(i, m)}))
            charts.append((m, unit, shown, rows, bar_chart(m, unit, shown, rows)))
    query = str(request.url.query)
    return render(request, "compare.html", choices=choices, wanted=wanted, issuers=[i.to_json() for i in db.issuers()],
                  chosen_issuers=chosen_issuers, periods=periods or "", per=per or "", table=table, charts=charts,
                  query=query or "&".join(f"metric={m}" for m in wanted))


def _cell(cell: Any) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"value": cell.value, "unit": cell.unit, "fact_id": cell.fact_id, "restated": cell.restated, "source": cell.source,
            "note": cell.note}


@router.get("/source/{fact_id}")
def source(request: Request, fact_id: int) -> Response:
    st = state(request)
    fact = data.fact_by_id(st.db, fact_id)
    info = data.report_json(st.db, fact["report_id"])
    return render(request, "source.html", views=[_view(st, fact, info)], finding=None, report=info)


@router.get("/source/finding/{finding_id}")
def finding_source(request: Request, finding_id: int) -> Response:
    st = state(request)
    finding = data.finding_by_id(st.db, finding_id)
    info = data.report_json(st.db, finding["report_id"])
    views = []
    for named in finding["facts"]:
        if named["fact_id"] is not None:
            fact = data.fact_by_id(st.db, named["fact_id"])
            views.append(_view(st, fact, data.report_json(st.db, fact["report_id"])))
        else:
            views.append({"fact": named, "source": None, "report": info, "error": "this figure is not among the stored facts"})
    return render(request, "source.html", views=views, finding=finding, report=info)


def _view(st: Any, fact: dict[str, Any], info: dict[str, Any]) -> dict[str, Any]:
    from esgtrace.serve.source import SourceUnavailable

    try:
        return {"fact": fact, "source": source_of(st, fact["id"]), "report": info, "error": None}
    except SourceUnavailable as error:
        return {"fact": fact, "source": None, "report": info, "error": str(error)}


@router.post("/review/{fact_id}")
def review(request: Request, fact_id: int, verdict: Annotated[str, Form()], value: Annotated[str, Form()] = "",
           reviewer: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "",
           token: Annotated[str, Form()] = "") -> Response:
    """The review form of the source viewer (works without JavaScript)."""
    st = state(request)
    st.check_token(request, token)
    number = None
    if value.strip():
        try:
            number = float(value.replace(",", "").strip())
        except ValueError:
            raise BadChoice("value", value, "a number") from None
    st.db.review(fact_id, verdict, value=number if verdict == "corrected" else None, reviewer=reviewer[:200], note=note[:2000] or None)
    return RedirectResponse(f"/source/{fact_id}#review", status_code=303)


@router.get("/upload")
def upload(request: Request, job: Annotated[str | None, Query(max_length=64)] = None) -> Response:
    st = state(request)
    found = st.uploads.get(job) if job else None
    return render(request, "upload.html", job=found.to_json() if found else None, limit_mb=st.max_upload / 1e6)


@router.post("/upload")
async def upload_form(request: Request) -> Response:
    """The upload form without JavaScript: store, then show the job's page."""
    st = state(request)
    form = await request.form(max_files=1, max_fields=5)
    token = form.get("token")
    st.check_token(request, token if isinstance(token, str) else None)
    file = form.get("file")
    if file is None or isinstance(file, str):
        raise BadChoice("file", None, "a report file")
    job = st.uploads.accept(await file.read(st.max_upload + 1), file.filename or "report")
    return RedirectResponse(f"/upload?job={job.id}", status_code=303)
