"""Synthetic ESG reports of fictional companies, each with its own truth file."""

from __future__ import annotations

from pathlib import Path


def write(directory: str | Path, *, seed: int = 0) -> list[Path]:
    raise NotImplementedError("being written")
