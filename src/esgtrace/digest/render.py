"""The digest as Markdown, HTML (everything escaped: report text is untrusted) or JSON."""

from __future__ import annotations

import json
from html import escape

from esgtrace.digest.build import phrases
from esgtrace.digest.model import Cite, Digest


def where(cite: Cite, lang: str) -> str:
    """``p. 12`` / ``line 40`` (``第12页`` in Chinese)."""
    p = phrases()[lang]
    if cite.page is not None:
        return str(p["page"].format(n=cite.page)) if "{n}" in p["page"] else f"{p['page']} {cite.page}"
    if cite.line is not None:
        return str(p["line"].format(n=cite.line)) if "{n}" in p["line"] else f"{p['line']} {cite.line}"
    return str(p["source"])


def markdown(d: Digest) -> str:
    """Markdown: each sentence followed by its citations, the quote in a footnote-like line."""
    out = [f"# {d.headline}", ""]
    notes: list[str] = []

    def cites(sentence_cites: tuple[Cite, ...]) -> str:
        marks = []
        for c in sentence_cites:
            notes.append(f"[{len(notes) + 1}] {where(c, d.lang)}: \"{c.quote}\"")
            marks.append(f"[{len(notes)}]")
        return (" " + "".join(marks)) if marks else ""

    out.append(" ".join(s.text + cites(s.cites) for s in d.lead))
    for sec in d.sections:
        out += ["", f"## {sec.title}", ""]
        for s in sec.sentences:
            out.append(f"- {s.text}{cites(s.cites)}")
    for note in d.notes:
        out += ["", f"_{note}_"]
    if notes:
        out += ["", "---", ""] + [n + "  " for n in notes]
    return "\n".join(out) + "\n"


_STYLE = """body{font-family:Georgia,'Noto Serif CJK SC',serif;max-width:760px;margin:2em auto;padding:0 1em;line-height:1.55;color:#222}
h1{font-size:1.9em;line-height:1.2;margin-bottom:.3em}h2{font-family:Helvetica,Arial,sans-serif;font-size:1.05em;text-transform:uppercase;
letter-spacing:.06em;color:#555;border-top:1px solid #ddd;padding-top:.8em;margin-top:1.6em}p.lead{font-size:1.12em}
ul{padding-left:1.1em}li{margin:.35em 0}a.cite{font-family:Helvetica,Arial,sans-serif;font-size:.72em;color:#06c;text-decoration:none;
vertical-align:super;margin-left:.15em}.kind{font-family:Helvetica,Arial,sans-serif;font-size:.7em;color:#888;text-transform:uppercase;margin-right:.4em}
footer{font-size:.8em;color:#777;margin-top:2em}"""


def html(d: Digest) -> str:
    """A standalone HTML page; a citation is a link to the source page with its quote as title."""

    def cites(sentence_cites: tuple[Cite, ...]) -> str:
        links = []
        for c in sentence_cites:
            anchor = f"#page={c.page}" if c.page is not None else ""
            links.append(f'<a class="cite" href="{escape(d.document + anchor, quote=True)}" title="{escape(c.quote, quote=True)}">'
                         f"[{escape(where(c, d.lang))}]</a>")
        return "".join(links)

    parts = [f'<!DOCTYPE html><html lang="{escape(d.lang)}"><head><meta charset="utf-8"><title>{escape(d.headline)}</title>',
             f"<style>{_STYLE}</style></head><body><article>", f"<h1>{escape(d.headline)}</h1>",
             '<p class="lead">' + " ".join(escape(s.text) + cites(s.cites) for s in d.lead) + "</p>"]
    for sec in d.sections:
        parts.append(f"<h2>{escape(sec.title)}</h2><ul>")
        for s in sec.sentences:
            kind = f'<span class="kind">{escape(s.kind)}</span>' if sec.key == "statements" else ""
            parts.append(f"<li>{kind}{escape(s.text)}{cites(s.cites)}</li>")
        parts.append("</ul>")
    for note in d.notes:
        parts.append(f"<p><em>{escape(note)}</em></p>")
    parts.append(f"<footer>esgtrace digest of {escape(d.document)}. Every number is cited; hover a citation for the quote. "
                 "Changes and rounded values are computed.</footer></article></body></html>")
    return "\n".join(parts) + "\n"


def as_json(d: Digest) -> str:
    return json.dumps(d.to_json(), ensure_ascii=False, indent=2) + "\n"


def render(d: Digest, fmt: str = "md") -> str:
    """``md``, ``html`` or ``json``."""
    if fmt == "md":
        return markdown(d)
    if fmt == "html":
        return html(d)
    if fmt == "json":
        return as_json(d)
    from esgtrace.errors import SettingError

    raise SettingError("format", fmt, "md, html or json")
