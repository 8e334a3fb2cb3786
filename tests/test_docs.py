"""The docs are part of the product: every command documented, every example run."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest
import typer.main

from esgtrace.cli import app
from tests.conftest import ROOT

README = ROOT / "README.md"


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"^### `esgtrace {re.escape(name)}\b", text, re.M), f"README has no section for {name}"


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_text(name: str) -> None:
    group = typer.main.get_command(app)
    command = group.commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.strip()) > 20
    for param in command.params:
        if param.param_type_name == "option" and param.name not in ("help",):
            assert getattr(param, "help", None), f"{name} --{param.name} has no help"


def test_readme_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    if not (ROOT.parent / "shared").is_dir() and os.environ.get("ESGTRACE_SHARED"):
        pytest.fail("README examples read ../shared; run the tests from a checkout with ../shared beside it")
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_readme_quick_start_has_exactly_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```console\n(.*?)```", quick, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
