"""The command line mirrors the Python API: each command calls a public function of its name.

Document commands (``parse``, ``extract``, ``check``, ``disclosure``) are functions of
``esgtrace``; database commands are methods of ``esgtrace.Database`` (sqlite-utils
style: the command opens the database and calls the method); ``samples`` is
``esgtrace.samples.write``.
"""

from __future__ import annotations

import inspect

import typer.main

import esgtrace
from esgtrace import samples
from esgtrace.cli import app

# sub-commands whose method name reads differently from the command
METHOD_OF = {"issuers merge": "merge_issuers"}


def commands() -> dict[str, object]:
    found: dict[str, object] = {}
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):  # a group of sub-commands
            found[name] = command
            for sub, subcommand in command.commands.items():
                found[f"{name} {sub}"] = subcommand
        else:
            found[name] = command
    return found


def api_function(name: str) -> object | None:
    if name in METHOD_OF:
        return getattr(esgtrace.Database, METHOD_OF[name])
    if name == "samples":
        return samples.write
    top = getattr(esgtrace, name, None)
    if callable(top) and not inspect.isclass(top):
        return top
    return getattr(esgtrace.Database, name, None)


def test_every_command_has_a_public_function_of_its_name() -> None:
    missing = [name for name in commands() if api_function(name) is None]
    assert not missing, f"commands without an API function: {missing}"


def test_every_api_function_has_a_docstring_with_params() -> None:
    for name in commands():
        function = api_function(name)
        if function is None:
            continue
        doc = inspect.getdoc(function) or ""
        assert doc, f"{name}: the API function has no docstring"


def test_document_stages_are_exported_with_their_options() -> None:
    for name, options in (("parse", "ParseOptions"), ("extract", "ExtractOptions"), ("check", "AuditOptions")):
        assert name in esgtrace.__all__ and options in esgtrace.__all__
