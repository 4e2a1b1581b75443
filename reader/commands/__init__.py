"""The subcommands of `reader`, one module each, registered by name.

A module here defines ``run(args) -> exit status`` and registers it with
``@command(name, help, configure)``; reader.cli imports them all. They use
the core only: no Textual.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass

Run = Callable[[argparse.Namespace], int]
Configure = Callable[[argparse.ArgumentParser], None]

MODULES = ["parse", "convert", "search", "keywords", "highlights", "align"]


class UsageError(Exception):
    """A mistake in what the user asked for; str() is the one-line message
    that reader.cli prints before exiting with status 2."""


@dataclass(frozen=True)
class Command:
    run: Run
    configure: Configure
    help: str


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, configure: Configure):
    """Register ``run(args) -> exit status`` as ``reader NAME``;
    ``configure(parser)`` adds its arguments."""

    def register(run: Run) -> Run:
        COMMANDS[name] = Command(run, configure, help)
        return run

    return register


def load_all() -> dict[str, Command]:
    for name in MODULES:
        try:
            importlib.import_module(f"reader.commands.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"reader.commands.{name}":
                raise  # a real missing dependency, not a command not written yet
    return COMMANDS


def print_json(obj: object) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
