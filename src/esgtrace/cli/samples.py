"""``esgtrace samples DIR``: write the synthetic sample reports and their truth files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from esgtrace.cli.common import guard, out


def samples(
    directory: Annotated[Path, typer.Argument(help="Folder to write the sample reports into.")],
    seed: Annotated[int, typer.Option(help="Random seed: the same seed writes the same reports.")] = 0,
) -> None:
    """Write sample ESG reports of fictional companies (PDF + text) with their gold files."""
    from esgtrace import samples as sample_reports

    written = guard(sample_reports.write, directory, seed=seed)
    for path in written:
        out.print(str(path), markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(samples)
