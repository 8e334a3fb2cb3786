"""The package ships ``py.typed``, so its types are a promise: ``mypy --strict`` holds them."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_package_passes_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "src/esgtrace"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:]
