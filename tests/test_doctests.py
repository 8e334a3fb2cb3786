"""Examples in the package's docstrings run (the pint habit: docs that cannot drift)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import esgtrace


def test_docstring_examples_run() -> None:
    attempted = 0
    failed: list[str] = []
    for info in pkgutil.walk_packages(esgtrace.__path__, "esgtrace."):
        if info.name.endswith("__main__") or ".migrations" in info.name:
            continue
        result = doctest.testmod(importlib.import_module(info.name), optionflags=doctest.ELLIPSIS)
        attempted += result.attempted
        if result.failed:
            failed.append(info.name)
    assert attempted > 0
    assert not failed, failed
