"""Draw a laid-out report as a PDF (reportlab) or as plain text (pages split by form feeds)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from esgtrace.samples.layout import CJK_FONT, HEIGHT, MARKER_GAP, WIDTH, Laid, layout, width
from esgtrace.samples.model import ReportSpec


def render_pdf(spec: ReportSpec, path: str | Path, laid: Laid | None = None) -> Laid:
    """Write ``spec`` as a PDF with a real text layer; returns the layout used.

    :param spec: the report
    :param path: the PDF file to write
    :param laid: a layout of ``spec`` made before (laid out here when ``None``)
    """
    laid = laid or layout(spec)
    pdf = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT), invariant=1)
    pdf.setTitle(f"{spec.company} {spec.title}")
    pdf.setAuthor(spec.company)
    for page in laid.pages:
        for line in page.lines:
            baseline = HEIGHT - line.y
            for cell in line.cells:
                if not cell.text:
                    continue
                pdf.setFont(line.font, line.size)
                text = cell.text
                if len(text) == 1 and line.font == CJK_FONT:
                    text += " "  # PDFium drops a lone CJK glyph drawn as its own string
                if cell.align == "right":
                    pdf.drawRightString(cell.x, baseline, text)
                    end = cell.x
                else:
                    pdf.drawString(cell.x, baseline, text)
                    end = cell.x + width(cell.text, line.font, line.size)
                if cell.marker:
                    pdf.setFont(line.font, line.size * 0.6)
                    pdf.drawString(end + MARKER_GAP, baseline + line.size * 0.4, cell.marker)
        pdf.showPage()
    pdf.save()
    return laid


def page_texts(laid: Laid) -> list[str]:
    """The text of each laid-out page: one line per placed line."""
    return ["\n".join(line.text for line in page.lines) for page in laid.pages]


def render_text(spec: ReportSpec, path: str | Path, laid: Laid | None = None, *, flat: bool = False) -> Laid:
    """Write ``spec`` as UTF-8 text; returns the layout.

    By default pages are separated by form feeds and line ``n`` of page ``p`` is
    ``laid.pages[p - 1].lines[n - 1]``. With ``flat`` each page is one long line and
    there are no form feeds, as in text some PDF converters write (tables flattened
    into runs): line ``p`` of the file is page ``p``.

    :param spec: the report
    :param path: the text file to write
    :param laid: a layout of ``spec`` made before (laid out here when ``None``)
    :param flat: one line per page
    """
    laid = laid or layout(spec)
    if flat:
        pages = [" ".join(line.text for line in page.lines if line.text) for page in laid.pages]
        Path(path).write_text("\n".join(pages) + "\n", encoding="utf-8")
    else:
        Path(path).write_text("\n\f".join(page_texts(laid)) + "\n", encoding="utf-8")
    return laid
