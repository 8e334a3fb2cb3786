"""A sentence that names one accounting method before its figure ("Using the location-based
method, ... total Scope 1 and 2 emissions were 2.17 million tonnes") gives that method to the
figure; a sentence that names none leaves the figure without one. Synthetic sentences, read
as the text path reads a report's prose.
"""

from __future__ import annotations

from esgtrace.extract.prose import sentence_records
from esgtrace.extract.resolve import Resolver
from esgtrace.ingest.model import Line


def _facts(text: str, period: str = "2019") -> list[tuple[str, dict[str, str], float]]:
    resolver = Resolver(period, {None: set()})
    out = []
    for record in sentence_records([Line(1, text, 0, len(text))], None, period):
        out += [(c.metric.id, c.breakdown, c.normalised.value) for c in resolver.resolve(record)]
    return out


def test_the_sentence_method_is_the_figure_method() -> None:
    text = ("Using the location-based method (average grid factors), our total Scope 1 and 2 emissions "
            "were 2.17 million tonnes CO2e.")
    assert ("ghg_scope1_2", {"method": "location-based"}, 2_170_000.0) in _facts(text)


def test_a_sentence_naming_no_method_gives_none() -> None:
    text = "Our total Scope 1 and 2 emissions were 2.00 million tonnes CO2e in 2019."
    assert ("ghg_scope1_2", {}, 2_000_000.0) in _facts(text)
