"""Split page text into numbered lines with character offsets."""

from __future__ import annotations

from esgtrace.ingest.model import Line


def split_lines(text: str, first_number: int = 1) -> tuple[Line, ...]:
    """Lines of ``text`` (split on ``\\n``), numbered from ``first_number``."""
    lines = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=first_number):
        end = start + len(line)
        lines.append(Line(number, line, start, end))
        start = end + 1
    return tuple(lines)
