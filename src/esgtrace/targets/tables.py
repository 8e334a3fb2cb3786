"""Target tables: columns of targets and results by year, one row per indicator.

A header is a run of two or more year columns of which at least one holds targets:
"Targets in 2023 | Progress in 2023 | Targets in 2024", "2019 Targets | 2019 Performance",
"2023年目标 | 2023年进展". Each row after it is a label (naming a subject of the vocabulary)
and one cell per column: a bound ("Not higher than 1.365", "不高于"), a figure, a figure
with its status ("1.362 (Achieved)") or a status alone ("Achieved", "In progress"). A
target column gives a target for its year; the result column of the same year gives the
figure it is checked against and the status the report claims. Rows are lines when the
header ends its line, else the text after the header is read as a run of rows.

Two more table shapes: column tables with one target a row ("Target | Baseline | Target
year | Status"), and KPI tables whose years end in a "Target" column ("2019 2020 2021
Target"), where a row's last cell prints the target with its own year ("Net zero 2035").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from esgtrace.catalogue import fold_chinese
from esgtrace.ingest.model import Document, Page
from esgtrace.targets.read import NUM, Found, _changes, _free_subject, _subjects, number
from esgtrace.targets.vocabulary import Subject, vocabulary

_COLUMN = re.compile(
    r"(?:(?P<t1>targets?|goals?|objectives?)\s+(?:in|for|of)\s+(?:FY\s?)?(?P<y1>(?:19|20)\d\d)"
    r"|(?:FY\s?)?(?P<y2>(?:19|20)\d\d)\s+(?P<t2>targets?|goals?|objectives?|performance|progress|results?|actual|achievements?|status)"
    r"|(?P<t3>progress|performance|results?|achievements?|status|actual)\s+(?:in|for|of)\s+(?:FY\s?)?(?P<y3>(?:19|20)\d\d)"
    r"|(?P<y4>(?:19|20)\d\d)\s*年\s*(?P<t4>目标|进展|完成情况|表现|绩效|实际))",
    re.I,
)
_STATUS_WORD = r"achieved|not\s+achieved|in\s+progress|on\s+track|ongoing|completed|已完成|已达成|未完成|进行中|达成"
_CELL = (
    rf"(?P<bound{{i}}>(?:not|no)\s+(?:higher|more|greater)\s+than|(?:not|no)\s+(?:lower|less)\s+than|不高于|不超过|不低于|不少于|≤|<=|≥|>=)?\s*"
    rf"(?:(?P<n{{i}}>{NUM})\s*(?P<pct{{i}}>%)?\s*(?:[(（](?P<st{{i}}>{_STATUS_WORD})[)）])?|(?P<word{{i}}>{_STATUS_WORD}))"
)


@dataclass(frozen=True)
class Column:
    year: int
    target: bool


def _columns(m: re.Match[str]) -> Column:
    for i in (1, 2, 3, 4):
        if m.group(f"y{i}"):
            word = m.group(f"t{i}").lower()
            return Column(int(m.group(f"y{i}")), word.startswith(("target", "goal", "objective")) or word == "目标")
    raise ValueError("not a column")


def _headers(flat: str) -> list[tuple[int, int, list[Column]]]:
    """(start, end, columns) of every target-table header in ``flat``."""
    out: list[tuple[int, int, list[Column]]] = []
    run: list[re.Match[str]] = []
    for m in _COLUMN.finditer(flat):
        if run and re.fullmatch(r"[\s|/]*", flat[run[-1].end() : m.start()]):
            run.append(m)
            continue
        if len(run) >= 2:
            out.append(_header(run))
        run = [m]
    if len(run) >= 2:
        out.append(_header(run))
    return [h for h in out if any(c.target for c in h[2])]


def _header(run: list[re.Match[str]]) -> tuple[int, int, list[Column]]:
    return run[0].start(), run[-1].end(), [_columns(m) for m in run]


def read_tables(doc: Document) -> list[Found]:
    """The targets of every target table of ``doc``."""
    out: list[Found] = []
    for page in doc.pages:
        flat = fold_chinese(page.text.replace("\n", " ").replace("*", " "))
        for start, end, columns in _headers(flat):
            line_mode = re.fullmatch(r"[\s.:|]*", flat[end : (page.text.find("\n", end) + 1 or len(flat))]) is not None
            out.extend(_rows(page, flat, start, end, columns, line_mode))
    return out


def _rows(page: Page, flat: str, start: int, end: int, columns: list[Column], line_mode: bool) -> list[Found]:
    vocab = vocabulary()
    cells = r"\s+".join(_CELL.format(i=i) for i in range(len(columns)))
    context = flat[max(0, start - 160) : start]
    boundary = _boundary(context)
    out: list[Found] = []
    if line_mode:
        row_pattern = re.compile(rf"(?P<label>.{{2,200}}?)\s+{cells}\s*[.。]?\s*$", re.I)
        line_start = page.text.find("\n", end)
        position = line_start + 1 if line_start >= 0 else len(flat)
        misses = 0
        while position < len(flat) and misses < 2:
            stop = page.text.find("\n", position)
            stop = len(flat) if stop < 0 else stop
            m = row_pattern.match(flat, position, stop)
            if m is None:
                misses += 1
            else:
                misses = 0
                out.extend(_row(page, flat, m, columns, boundary, vocab))
            position = stop + 1
        return out
    # one row with its own header: "Service Satisfaction (Score) 2024 Target 2024 Result 2023 Result 90 91.5 89.8"
    line_start = page.text.rfind("\n", 0, start) + 1
    inline = re.compile(rf"\s*(?P<label>[^\d|•:;]{{2,120}}?)\s+{re.escape(flat[start:end])}\s+{cells}(?=[\s.]|$)", re.I)
    m = inline.match(flat, line_start) if start - line_start <= 120 else None
    if m is not None:
        return _row(page, flat, m, columns, boundary, vocab)
    row_pattern = re.compile(rf"\s*(?P<label>[^\d|•:;]{{2,120}}?)\s+{cells}(?=\s|$)", re.I)
    position = end
    for _ in range(12):
        m = row_pattern.match(flat, position)
        if m is None:
            break
        out.extend(_row(page, flat, m, columns, boundary, vocab))
        position = m.end()
    return out


def _boundary(context: str) -> str | None:
    """A site named just before the table ("Targets of Yizhuang Data Center:")."""
    found = None
    for pattern in vocabulary().boundaries:
        for b in pattern.finditer(context):
            found = " ".join(b.group("b").split())
    return found


def _row(page: Page, flat: str, m: re.Match[str], columns: list[Column], boundary: str | None, vocab: object) -> list[Found]:
    v = vocabulary()
    label = " ".join(m.group("label").split())
    subject = v.head_subject(label)
    if subject is None:  # a row of a target table names its subject in its own words ("Service Satisfaction (Score)")
        words = re.sub(r"\s*\([^)]*\)\s*$", "", label).strip(" :-")
        if not re.search(r"[A-Za-z\u4e00-\u9fff]{3}", words):
            return []
        subject = Subject(pattern=re.compile(re.escape(words), re.I), pillar=v.free_pillar(words), subject=words[:80])
    results = {c.year: i for i, c in enumerate(columns) if not c.target}
    out = []
    label_at = m.start("label") + (len(m.group("label")) - len(m.group("label").lstrip()))
    for i, column in enumerate(columns):
        if not column.target or m.group(f"n{i}") is None:
            continue
        printed = m.group(f"n{i}")
        value = number(printed)
        bound = (m.group(f"bound{i}") or "").lower()
        pct = "%" if m.group(f"pct{i}") else ""
        if bound.startswith(("not higher", "no higher", "not more", "no more", "not greater", "no greater", "不高于", "不超过", "≤", "<=")):
            change = f"<={printed}{pct}"
        elif bound:
            change = f">={printed}{pct}"
        else:
            change = f"{printed}{pct}"
        status = None
        progress_value = progress_text = None
        j = results.get(column.year)
        if j is not None:
            word = m.group(f"st{j}") or m.group(f"word{j}")
            status = v.status_of(f"({word})") if word else None
            if word and status is None:
                status = v.status_of(word)
            if m.group(f"n{j}") is not None:
                progress_value = number(m.group(f"n{j}"))
                progress_text = m.group(f"n{j}")
        elif m.group(f"st{i}") or m.group(f"word{i}"):
            status = v.status_of(f"({m.group(f'st{i}') or m.group(f'word{i}')})")
        intensity = bool(v.intensity.search(label))
        out.append(Found(
            page=page, start=label_at, end=m.end(), quote_from=label_at, quote_to=m.end(),
            text=" ".join(m.group(0).split())[:300], change=change, value=value,
            kind="share" if pct else ("intensity" if intensity else "level"), subject=subject, target_year=column.year,
            boundary=boundary, status=status, method="table", progress_value=progress_value, progress_text=progress_text,
            subject_text=label, context=label,
        ))
    return out


# ---- column tables: "Target | Baseline | Target year | Status", one target a row ------------

_HEAD_YEAR = re.compile(r"\b(?:target\s+(?:year|date)|deadline|time\s?-?frame|timeline|due\s+(?:date|year)|by\s+when|year)\b|目标年份?|完成(?:时间|年份|期限)|截止(?:时间|年份)", re.I)
_HEAD_OTHER = re.compile(r"\b(?:targets?|goals?|commitments?|objectives?|kpis?|ambitions?)\b|\b(?P<base>baseline(?:\s+year)?|base\s+year)\b|\b(?:progress|status|performance|achievements?)\b|目标|(?P<zhbase>基准年)|进展|完成情况|状态", re.I)
_ROW_YEAR = re.compile(r"(?:(?<=\s)|(?<=\|)|^)(?:FY\s?)?(?P<y>(?:19|20)\d\d)(?:\s*年)?(?=\s|\||$)")


def _column_header(text: str) -> tuple[bool, bool] | None:
    """(has a baseline column, the baseline column comes before the year column) of a
    header line ("Target | Baseline | Target year | Progress"), or None."""
    if len(text) > 160 or re.search(r"\d", text):
        return None
    bases = [(m.start(), m.end()) for m in re.finditer(r"\bbase(?:line)?\s+year\b|基准年", text, re.I)]
    years = [m for m in _HEAD_YEAR.finditer(text) if not any(a <= m.start() < b for a, b in bases)]
    if not years:
        return None
    year = years[0]
    others = [m for m in _HEAD_OTHER.finditer(text) if m.end() <= year.start() or m.start() >= year.end()]
    if not others:
        return None
    base = next((m for m in others if m.group("base") or m.group("zhbase")), None)
    return base is not None, base is not None and base.start() < year.start()


def read_column_tables(doc: Document, period_year: int | None) -> list[Found]:
    """The rows of every column table of targets of ``doc``: the goal cell (a change and what
    it is about, read like a sentence), then the baseline year and target year in the order
    of the header, then a status ("Achieved", "On track", "进行中")."""
    out: list[Found] = []
    for page in doc.pages:
        lines = page.lines
        i = 0
        while i < len(lines):
            header = _column_header(lines[i].text.strip())
            i += 1
            if header is None:
                continue
            has_base, base_first = header
            misses = 0
            while i < len(lines) and misses < 2:
                line = lines[i]
                i += 1
                found = _column_row(page, line.start, fold_chinese(line.text), has_base, base_first, period_year)
                if found is None:
                    misses += 1 if line.text.strip() else 0
                    continue
                misses = 0
                out.append(found)
    return out


def _column_row(page: Page, offset: int, text: str, has_base: bool, base_first: bool, period_year: int | None) -> Found | None:
    v = vocabulary()
    years = list(_ROW_YEAR.finditer(text))
    if not years:
        return None
    goal = text[: years[0].start()].strip(" |\t")
    if not re.search(r"[A-Za-z\u4e00-\u9fff]{2}", goal):
        return None
    values = [int(m.group("y")) for m in years[:2]]
    target_year: int | None
    baseline_year: int | None = None
    if has_base and len(values) == 2:
        baseline_year, target_year = (values[0], values[1]) if base_first else (values[1], values[0])
    elif has_base and period_year is not None and values[0] <= period_year:
        return None  # only the baseline is printed
    else:
        target_year = values[0]
    if baseline_year is not None and target_year is not None and baseline_year >= target_year:
        return None
    changes = _changes(goal, v)
    if not changes:
        return None
    change = changes[0]
    change.window_start, change.window_end = change.start, change.end
    subjects = _subjects(goal, v, change)
    if not subjects:
        free = _free_subject(goal, change, v)
        subjects = [free] if free is not None else []
    if not subjects:
        return None
    subject, subject_text = subjects[0]
    rest = text[years[min(len(years), 2) - 1].end() :]
    status = v.status_of(rest) or v.status_of(f"({rest.strip(' |')})")
    scope = next((name for pattern, name in v.scopes if pattern.search(goal)), None)
    lead = len(text) - len(text.lstrip(" |\t"))
    return Found(
        page=page, start=offset + lead + change.start, end=offset + len(text.rstrip()), quote_from=offset + lead,
        quote_to=offset + len(text.rstrip()), text=" ".join(text.split())[:300], change=change.change, value=change.value,
        kind=change.kind, subject=subject, target_year=target_year, baseline_year=baseline_year, scope=scope,
        status=status, method="table", subject_text=subject_text, context=goal, near=goal[change.start :],
    )


# ---- KPI tables with a target column: "2019 2020 2021 Target", a row's last cell "Net zero 2035" ----

_KPI_HEAD = re.compile(r"\s*(?:(?:FY\s?)?(?:19|20)\d\d\s+){2,}(?:targets?|goals?)\b", re.I)
_KPI_NET_ZERO = re.compile(r"\bnet[-\s]*zero\b|\bcarbon[-\s]+neutral(?:ity)?\b|碳中和|净零", re.I)
_KPI_FIGURE = re.compile(rf"(?P<sign>[-+−])?\s*(?P<n>{NUM})\s*(?P<pct>%)?\s*(?P<mag>million|billion|thousand)?\s*(?P<unit>[A-Za-z][\w/]*(?:\s+[A-Za-z][\w/]*)?)?", re.I)


def read_kpi_tables(doc: Document) -> list[Found]:
    """The target cells of KPI tables whose header is a run of years then "Target"
    ("2018 2019 2020 2021 Target"): a row is a label, one figure per year, then the target and
    its year ("Net zero 2035", "60 GW 2050", "-30% 2030"); a row may wrap over lines."""
    out: list[Found] = []
    for page in doc.pages:
        lines = page.lines
        for i, line in enumerate(lines):
            head = _KPI_HEAD.match(line.text)
            if head is None:
                continue
            years = len(re.findall(r"(?:19|20)\d\d", head.group(0)))
            row = re.compile(rf"\s*(?P<label>\S.{{2,200}}?)\s+(?:(?:{NUM}|n/?a|-)\s+){{{years}}}(?P<cell>(?!(?:19|20)\d\d\b)\S.{{0,40}}?)"
                             rf"\s+(?:by\s+)?(?P<y>(?:19|20)\d\d)(?:\s+{NUM})*\s*$", re.I)
            held: list[int] = []
            for j in range(i + 1, min(len(lines), i + 30)):
                if not lines[j].text.strip():
                    break
                held.append(j)
                start, end = lines[held[0]].start, lines[held[-1]].end
                m = row.match(page.text[start:end].replace("\n", " "))
                if m is None:
                    held = held[-2:] if len(held) >= 3 else held
                    continue
                found = _kpi_row(page, start, m)
                if found is not None:
                    out.append(found)
                held = []
    return out


def _kpi_row(page: Page, offset: int, m: re.Match[str]) -> Found | None:
    v = vocabulary()
    label = " ".join(m.group("label").split())
    cell = " ".join(m.group("cell").split())
    subject = v.head_subject(label)
    words = re.sub(r"\s*\([^)]*\)", "", label).strip(" :-")
    free = Subject(pattern=re.compile(re.escape(words), re.I), pillar=v.free_pillar(words), subject=words[:80]) if re.search(r"[A-Za-z\u4e00-\u9fff]{3}", words) else None
    value: float | None
    if _KPI_NET_ZERO.search(cell):
        change, value, kind = "net zero", None, "net_zero"
    else:
        figure = _KPI_FIGURE.fullmatch(cell)
        if figure is None or (value := number(figure.group("n"))) is None:
            return None
        sign = {"−": "-"}.get(figure.group("sign") or "", figure.group("sign") or "")
        if figure.group("pct"):
            change, kind = f"{sign}{figure.group('n')}%", ("absolute" if sign else "share")
            value = -value if sign == "-" else value
        else:
            change = " ".join(x for x in (sign + figure.group("n"), figure.group("mag"), figure.group("unit")) if x)
            kind = "intensity" if v.intensity.search(label) else "level"
            if subject is not None and subject.share:
                subject = free  # "Renewable installed capacity (MW) ... 60 GW": a capacity, not a share
    if subject is None:
        subject = free
    if subject is None:
        return None
    scope = next((name for pattern, name in v.scopes if pattern.search(label)), None)
    label_at = offset + m.start("label")
    return Found(
        page=page, start=label_at, end=offset + m.end(), quote_from=label_at, quote_to=offset + m.end(),
        text=" ".join(m.group(0).split())[:300], change=change, value=value, kind=kind, subject=subject,
        target_year=int(m.group("y")), scope=scope, method="table", subject_text=label, context=label,
    )
