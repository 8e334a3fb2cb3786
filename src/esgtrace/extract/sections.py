"""Where the ESG data is: pages of financial statements hold no ESG facts; the figures
standing alone on a content-index page are page references.

An annual report prints its ESG section among financial statements. A reader knows a
balance sheet or an income statement from its vocabulary ("total assets", "profit
before tax", "资产负债表") and reads its tables as financial, not as ESG figures, however
much a row such as "Donations" or "Energy" looks like a KPI. A page that names several
financial-statement terms and few ESG subjects beside them is such a page (``vocabulary.yaml``:
``financial``, ``esg``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from esgtrace.catalogue import fold_chinese, vocabulary

MIN_FINANCIAL_TERMS = 5
FINANCIAL_TO_ESG = 3  # terms of statements for every ESG subject the page names


@lru_cache(maxsize=1)
def _terms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two term lists as patterns over lower-cased text (the catalogue writes them in
    lower case): three times faster than matching ignoring case, on every page."""
    v = vocabulary()
    financial = re.compile("|".join(f"(?:{t})" for t in v.financial))
    esg = re.compile("|".join(f"(?:{t})" for t in v.esg))
    return financial, esg


def financial_page(text: str) -> bool:
    """Whether a page is a financial statement (or its notes) rather than ESG content."""
    financial, esg = _terms()
    folded = fold_chinese(text).lower()
    found = {m.group(0) for m in financial.finditer(folded)}
    if len(found) < MIN_FINANCIAL_TERMS:
        return False
    subjects = {m.group(0) for m in esg.finditer(folded)}
    return len(found) >= FINANCIAL_TO_ESG * len(subjects)


_DISCLOSURE_LINE = re.compile(r"^\s*(?:GRI\s*)?\d{3}-\d{1,2}\b")
MIN_DISCLOSURE_LINES = 5


def content_index_page(text: str) -> bool:
    """Whether a page is a content index ("404-1 Average hours of training ..." / "44"): the
    numbers beside its disclosure codes are the pages they are found on, not figures."""
    return sum(1 for line in text.splitlines() if _DISCLOSURE_LINE.match(line)) >= MIN_DISCLOSURE_LINES
