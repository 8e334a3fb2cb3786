"""Labels that do not fit on their line: units in brackets, headings, wrapped rows.

PDF text extraction breaks long row labels over lines: above the figures ("Total GHG" /
"emission" / "tonnes of CO2-e 12,345.67"), below them ("Total GHG emissions (Scope 1 and
12.34 13.45" / "Scope 2) (ten thousand tons)"), or under a section heading that is not
part of any label ("Carbon: Scope 3 emissions" above "Capital goods (...) 162 154").
"""

from __future__ import annotations

import re

from esgtrace.extract.labels import best_metric
from esgtrace.extract.records import Record, Token
from esgtrace.normalise import read_unit

_PAREN_TAIL = re.compile(r"[(（]([^()（）]{1,60})[)）](?:\s*\d{1,2}(?:\s*,\s*\d{1,2})*|\s*[(（]\d{1,2}[)）]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3})?\s*$")
_MAGNITUDE = re.compile(r"(?:in )?(thousands?|millions?|billions?|'000s?)", re.I)
_MAX_BRACKETS = 3
# "Employees by gender(4) in %", "Women in management positions in %(7)", "Waste in tonnes 1":
# the unit after a final "in", footnote markers on either side
_IN_TAIL = re.compile(
    r"^(?P<label>.*\S)\s+in\s+(?P<unit>[^()（）\d\s][^()（）]{0,24}?)(?:\s*[(（]\d{1,2}[)）]|\s+\d{1,2})?\s*$"
)


def label_unit(label: str) -> tuple[str, str]:
    """A unit printed in the label's trailing brackets: "Water consumption (tonnes)" -> ("Water consumption", "tonnes").

    The unit need not be the last bracket: a magnitude ("(metric tons) (in millions)") or a
    qualifier ("Wastewater Discharged (megaliters) (The Company)") may follow it; a
    qualifier stays in the label. A unit may also follow a last "in", with footnote markers
    around it ("Employees by gender(4) in %" -> ("Employees by gender", "%")).
    """
    found = _label_unit(label)
    if found[1] or found[0] != label:
        return found
    tail = _IN_TAIL.match(label.strip())
    if tail and read_unit(tail.group("unit")).known and not re.search(r"\bin\b", tail.group("unit")):
        return tail.group("label").strip(), tail.group("unit").strip()
    return label, ""


def _label_unit(label: str) -> tuple[str, str]:
    groups: list[re.Match[str]] = []
    rest = label
    while len(groups) < _MAX_BRACKETS and (m := _PAREN_TAIL.search(rest)):
        groups.append(m)
        rest = rest[: m.start()].rstrip()
    magnitude = ""
    for n, m in enumerate(groups):
        inner = re.sub(r"^(?:单位|unit)\s*[:：]\s*", "", m.group(1).strip(), flags=re.I)
        size = _MAGNITUDE.fullmatch(inner)
        if size:
            if magnitude:
                return label, ""
            magnitude = size.group(1).lower().rstrip("s").replace("'000", "thousand")
            continue
        unit = f"{magnitude} {inner}" if magnitude else inner
        if read_unit(unit).known:
            qualifiers = [g.group(0).strip() for g in reversed(groups[:n]) if not _MAGNITUDE.fullmatch(g.group(1).strip())]
            return " ".join([label[: m.start()].strip(), *qualifiers]).strip(), unit
        if n == 0 and not magnitude:
            continue  # a qualifier after the unit
        return label, ""
    return label, ""


_CONNECTOR = re.compile(r"(?:\b(?:and|or|of|per|in|by|for|from|to|the|with)|[-–,/(（])$", re.I)


def open_end(text: str) -> bool:
    """Text that ends open, its label or unit going on on the next line: a connecting word
    ("Scope 1, 2 and"), also with the ". " a text extraction ends every line with ("... waste
    oil per." / "10,000 t of.")."""
    text = text.rstrip()
    return bool(_CONNECTOR.search(text) or (text.endswith(".") and _CONNECTOR.search(text[:-1])))


def joined(tokens: list[Token]) -> str:
    """The words of tokens that may span lines, without the "." a line end gave a word that
    leaves its label or unit open ("per." / "RMB10,000 of production value")."""
    words = []
    for n, t in enumerate(tokens):
        text = t.text
        if t.line_end and n + 1 < len(tokens) and text.endswith(".") and _CONNECTOR.search(text[:-1]):
            text = text[:-1]
        words.append(text)
    return " ".join(words)


def heading(label_tokens: list[Token], value_line: int) -> list[Token]:
    """Lines of a label above a row whose own line already names it: a section heading.

    Also a heading that names a metric above a label of its own that starts a new line
    ("Greenhouse gas intensity (Scope 1 and 2)" / "Exploration, production and LNG" /
    "... 15.9 14.2"): the row is that group's, not the heading's.
    """
    on_value_line = [t for t in label_tokens if t.line == value_line]
    above = " ".join(t.text for t in label_tokens if t.line < value_line)
    if above and open_end(above):
        return []  # "Scope 1, 2 and" / "3 (Category 6) 1.3 1.3": one label wrapped, not a heading
    own = " ".join(t.text for t in on_value_line)
    unit_only = re.fullmatch(r"[(（]([^()（）]{1,30})[)）](?:\*{1,3}|\d{1,2})?", own)
    if unit_only and read_unit(unit_only.group(1)).known:
        return []  # "年度用水量 1" / "(吨） 241,863": the label's unit wrapped onto the figures' line
    if on_value_line and len(on_value_line) < len(label_tokens):
        if any(c.isalpha() for t in on_value_line for c in t.text):
            return [t for t in label_tokens if t.line < value_line]
        return []
    lines = sorted({t.line for t in label_tokens})
    if len(lines) < 2:
        return []
    first = " ".join(t.text for t in label_tokens if t.line == lines[0])
    if best_metric(first) is None:
        return []
    for line in lines[1:]:
        text = " ".join(t.text for t in label_tokens if t.line == line)
        if text[:1].isupper() and best_metric(text) is None and not open_end(first):
            return [t for t in label_tokens if t.line < line]
    return []


def continue_previous(previous: Record, label_tokens: list[Token], unit_headings: frozenset[int] = frozenset()) -> list[Token]:
    """Give back to the previous row the lines of its label wrapped below its values.

    A wrapped label ends open ("Total GHG emissions (Scope 1 and" ... "Scope 2)"): an
    unclosed bracket, a connecting word, or a next line that starts in lower case. A line in
    ``unit_headings`` (a unit alone, over rows of figures) is the sub-heading of the rows below.
    """
    if previous.line is None or label_tokens[0].line <= previous.line:
        return label_tokens
    first_line = label_tokens[0].line
    if all(t.line == first_line for t in label_tokens):
        return label_tokens  # the whole label is on one line: it is this row's
    fragment = [t for t in label_tokens if t.line == first_line]
    text = " ".join(t.text for t in fragment)
    label = previous.label
    opened = label.count("(") + label.count("（") > label.count(")") + label.count("）")
    if re.match(r"[(（]?\d{1,2}[)）]?\s|[*#]", text):
        return label_tokens  # a footnote below the table, not the rest of a label
    if any(re.match(r"[(\-]?\d[\d,.]*\d", t.text) for t in fragment):
        return label_tokens  # a line holding figures is a row of its own, not the rest of a label
    rest = label_tokens[len(fragment) :]
    if first_line in unit_headings and not opened and not open_end(label) and rest:
        return label_tokens  # "(mtCO2e)" alone between two rows: the unit of the rows below (a sub-heading)
    if opened or open_end(label) or text[:1].islower() or text[:1] in "(（":
        if label.endswith(".") and open_end(label):
            label = label[:-1]  # "... waste oil per." / "RMB10,000 of production value": one label
        joiner = "" if label[-1:] and not label[-1].isascii() and not text[:1].isascii() else " "
        previous.label = f"{label}{joiner}{text}".strip()
        if not previous.unit:
            previous.label, previous.unit = label_unit(previous.label)
        return label_tokens[len(fragment) :]
    return label_tokens


def unit_heading_lines(line_texts: dict[int, str]) -> frozenset[int]:
    """Lines that are only a unit in brackets ("(mtCO2e)") with two lines of figures below
    them that print no unit of their own: the unit of a block of rows, not the unit of the row
    above wrapped below it (rows whose units are wrapped print one below each of them)."""
    out = set()
    for number, text in line_texts.items():
        alone = re.fullmatch(r"\s*[(（]([^()（）]{1,30})[)）]\s*", text)
        if not alone or not read_unit(alone.group(1)).known:
            continue
        below = [line_texts.get(number + k, "") for k in (1, 2)]
        if all(re.search(r"\d[\d,.]*\s*$", b) and re.search(r"[^\W\d_]", b) and not _own_unit(b) for b in below):
            out.add(number)
    return frozenset(out)


def _own_unit(text: str) -> bool:
    """A row that prints its unit in brackets ("Water consumption (tonnes) 2,713.1")."""
    return any(read_unit(inner).known for inner in re.findall(r"[(（]([^()（）]{1,30})[)）]", text))
