"""Hypothesis strategies over random sample reports, for property-based tests.

>>> from hypothesis import given
>>> from esgtrace.samples.strategies import report_specs
>>> @given(report_specs())                                   # doctest: +SKIP
... def test_extraction(spec): ...

A drawn :class:`~esgtrace.samples.model.ReportSpec` varies the company, year, size,
number of year columns and their order, unit placement and printed units, footnote
markers, thousands separators, intensity denominators and index page references.
Render it with :func:`esgtrace.samples.render_text` / ``render_pdf`` and compare an
extraction with :func:`esgtrace.samples.facts` (or the gold record of
:func:`esgtrace.samples.gold`). Needs ``hypothesis`` (a test dependency).
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from esgtrace.samples import catalogue as catalogue_module
from esgtrace.samples.build import build_spec
from esgtrace.samples.index_pages import IndexStyle
from esgtrace.samples.model import ReportSpec, Style
from esgtrace.samples.plant import ERROR_KINDS, plant_error

def styles(languages: Sequence[str] = ("en", "zh")) -> st.SearchStrategy[Style]:
    """Presentation choices: every field of :class:`Style` drawn independently.

    :param languages: the report languages to draw from
    """
    cat = catalogue_module.load()
    units = st.tuples(*[
        st.tuples(st.just(name), st.integers(-1, len(dim.choices) - 1)) for name, dim in cat.units.items()
    ])
    return st.sampled_from(tuple(languages)).flatmap(lambda language: _styles(language, units))


def _styles(language: str, units: st.SearchStrategy[tuple[tuple[str, int], ...]]) -> st.SearchStrategy[Style]:
    year_headers = ("{year}", "{year}年") if language == "zh" else ("{year}", "FY{year}")
    return st.builds(
        Style,
        language=st.just(language),
        columns=st.sampled_from((2, 3)),
        newest_first=st.booleans(),
        unit_style=st.sampled_from(("column", "label", "caption")),
        markers=st.sampled_from(("paren", "superscript", "none")),
        thousands=st.booleans(),
        denominator=st.sampled_from(("employee", "revenue")),
        page_refs=st.sampled_from(("P", "number", "section")),
        cover_unnumbered=st.booleans(),
        paragraphs=st.booleans(),
        year_header=st.sampled_from(year_headers),
        missing=st.sampled_from(("–", "N/A", "-")),
        wrap_labels=st.booleans(),
        vary_wording=st.booleans(),
        units=units,
    )


def report_specs(
    languages: Sequence[str] = ("en", "zh"), style: st.SearchStrategy[Style] | None = None
) -> st.SearchStrategy[ReportSpec]:
    """Whole consistent reports (no planted error), of any style in ``languages``.

    :param languages: the report languages to draw from
    :param style: a strategy of styles to use instead of :func:`styles` (e.g.
        ``styles().filter(lambda s: not s.wrap_labels)`` to leave a layout out)
    """
    cat = catalogue_module.load()
    return st.builds(
        build_spec,
        seed=st.integers(0, 2**32 - 1),
        style=style if style is not None else styles(languages),
        company=st.integers(0, len(cat.companies) - 1),
        year=st.integers(2018, 2030),
        employees=st.one_of(st.none(), st.integers(150, 80_000)),
    )


def planted_specs(languages: Sequence[str] = ("en",)) -> st.SearchStrategy[ReportSpec]:
    """Reports with exactly one planted error (``spec.planted`` says which).

    :param languages: the report languages to draw from
    """
    return st.tuples(report_specs(languages), st.sampled_from(ERROR_KINDS), st.integers(0, 1000)).map(
        lambda drawn: plant_error(drawn[0], drawn[1], drawn[2])
    )


def index_styles(flat: bool | None = None) -> st.SearchStrategy[IndexStyle]:
    """Content-index layouts (:class:`esgtrace.samples.index_pages.IndexStyle`), every field drawn.

    :param flat: only flattened pages (``True``), none (``False``) or both (``None``)
    """
    return st.builds(
        IndexStyle,
        layout=st.sampled_from(("hkex", "combined")),
        language=st.sampled_from(("en", "zh")),
        version=st.sampled_from(("2020", "pre2020")),
        refs=st.sampled_from(("page", "bare", "section", "chapter")),
        gd_style=st.sampled_from(("label", "aspect", "code")),
        ranges=st.booleans(),
        obligation_column=st.booleans(),
        claim_column=st.booleans(),
        sentences=st.booleans(),
        twice=st.booleans(),
        wrap=st.booleans(),
        rows_per_page=st.sampled_from((5, 12, 40)),
        flat=st.booleans() if flat is None else st.just(flat),
    )
