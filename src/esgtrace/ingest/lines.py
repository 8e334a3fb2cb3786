"""Split page text into numbered lines with character offsets."""

from __future__ import annotations

from esgtrace.ingest.model import Line


def split_lines(text: str, first_number: int = 1) -> tuple[Line, ...]:
    """Lines of ``text`` (split on ``\\n``), numbered from ``first_number``."""
    lines = []
    start = 0
    number = first_number
    while True:
        end = text.find("\n", start)
        if end < 0:
            lines.append(Line(number, text[start:], start, len(text)))
            break
        lines.append(Line(number, text[start:end], start, end))
        start = end + 1
        number += 1
    return tuple(lines)
