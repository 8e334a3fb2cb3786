"""Synthetic ESG reports of fictional companies, each with its own truth file.

>>> from esgtrace.samples import build_spec, render_pdf, render_text
>>> spec = build_spec(7)                                  # doctest: +SKIP
>>> laid = render_pdf(spec, "r.pdf"); render_text(spec, "r.txt", laid)   # doctest: +SKIP

``write(directory)`` renders the default set (PDF, text and ``.gold.yaml`` each);
``plant_error`` derives a report with one known inconsistency for audit tests, and
``esgtrace.samples.strategies`` has hypothesis strategies over random reports.
"""

from __future__ import annotations

from pathlib import Path

from esgtrace.errors import OutputError
from esgtrace.samples.build import build_spec, random_style
from esgtrace.samples.gold import gold, write_gold
from esgtrace.samples.layout import Laid, layout
from esgtrace.samples.model import FactSpec, Figure, ReportSpec, Style, facts
from esgtrace.samples.plant import ERROR_KINDS, plant_error, set_figure
from esgtrace.samples.render import page_texts, render_pdf, render_text

__all__ = [
    "write", "build_spec", "random_style", "plant_error", "set_figure", "ERROR_KINDS", "render_pdf", "render_text",
    "render", "layout", "gold", "write_gold", "facts", "page_texts", "default_specs",
    "ReportSpec", "FactSpec", "Figure", "Style", "Laid",
]


def default_specs(seed: int = 0) -> list[ReportSpec]:
    """The three reports :func:`write` renders for ``seed``.

    An English HKEX-style report with two year columns; one with three year columns
    (newest first), units in the row labels, raised footnote markers, per-revenue
    intensities, large-scale units and prose run together in paragraphs; and a Chinese
    report with units in captions.
    """
    return [
        build_spec(seed * 3 + 1, company=seed * 3, style=Style(
            columns=2, unit_style="column", markers="paren", denominator="employee", page_refs="P",
            cover_unnumbered=True)),
        build_spec(seed * 3 + 2, company=seed * 3 + 1, employees=36000 + seed, style=Style(
            columns=3, newest_first=True, unit_style="label", markers="superscript", denominator="revenue",
            page_refs="number", cover_unnumbered=False, paragraphs=True, units=(("ghg", 2), ("energy", 2), ("water", 1)))),
        build_spec(seed * 3 + 3, company=seed * 3 + 2, style=Style(
            language="zh", columns=2, unit_style="caption", markers="paren", thousands=True,
            denominator="employee", page_refs="P", cover_unnumbered=True)),
    ]


def render(spec: ReportSpec, directory: str | Path, *, pdf: bool = True, flat: bool = False) -> list[Path]:
    """Render ``spec`` into ``directory`` as ``NAME.pdf`` (optional), ``NAME.txt`` and
    ``NAME.gold.yaml``; returns the paths written.

    :param spec: the report
    :param directory: created if missing
    :param pdf: also write the PDF (the gold file then describes the PDF)
    :param flat: write the text with one line per page (see :func:`render_text`)
    :raises esgtrace.errors.OutputError: the folder cannot be created or written
    """
    folder = Path(directory)
    laid = layout(spec)
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if pdf:
            written.append(folder / f"{spec.name}.pdf")
            render_pdf(spec, written[-1], laid)
        written.append(folder / f"{spec.name}.txt")
        render_text(spec, written[-1], laid, flat=flat)
        document = written[0].name
        text_document = written[-1].name if pdf else None
        record = gold(spec, laid, document, text_document, flat=flat)
        written.append(write_gold(record, folder / f"{spec.name}.gold.yaml"))
    except OSError as error:
        raise OutputError(folder, error.strerror or type(error).__name__) from None
    return written


def write(directory: str | Path, *, seed: int = 0) -> list[Path]:
    """Write the default sample reports (see :func:`default_specs`) into ``directory``.

    :param directory: created if missing
    :param seed: the same seed writes the same reports
    :raises esgtrace.errors.OutputError: the folder cannot be created or written
    """
    written = []
    for spec in default_specs(seed):
        written += render(spec, directory)
    return written
