"""The subcommands of `reader`, one module each, registered by name.

A module here defines ``run(args) -> exit status`` and registers it with
``@command(name, help, configure)``; reader.cli imports them all. They use
the core only: no Textual.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from reader.sanitize import sanitize

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


# --- output: the one way text leaves a command --------------------------------
#
# Document text, titles, notes and file names may hold control characters
# (ESC starts terminal escape sequences: OSC 52 clipboard writes, title
# changes, screen clears).  Nothing a command prints may reach a terminal as
# such, so every command writes through these functions.

# What JSON leaves unescaped with ensure_ascii=False but a terminal obeys or
# reorders: DEL, C1 controls, bidi embeddings/overrides/isolates and the
# line/paragraph separators (C0 controls are escaped by json itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def safe_json(obj: object) -> str:
    """``obj`` as indented JSON that is safe on a terminal and exact as
    data: risky characters are \\u escapes, which decode to themselves."""
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(obj: object) -> None:
    write_text(safe_json(obj) + "\n", exact=True)


def write_text(text: str, *, exact: bool = False) -> None:
    """Write ``text`` to stdout with its control characters as visible
    placeholders (reader.sanitize).  ``exact`` output — converted text, an
    export — is data the user may pipe on, so it keeps them unless stdout is
    a terminal; listings are sanitised wherever they go (a file of them is
    read with ``cat``)."""
    out = sys.stdout
    if not exact or _is_terminal(out):
        text = sanitize(text.replace("\r\n", "\n"))  # CRLF (CSV): a line end, not a ␍
    out.write(text)
    out.flush()


def print_line(text: str = "") -> None:
    write_text(text + "\n")


def error_line(message: str) -> str:
    """A message as one safe line: controls shown, line breaks too (a file
    name may hold a newline)."""
    return sanitize(message).replace("\n", "\u2424")


def write_error(message: str) -> None:
    """``reader: message`` on stderr, one safe line."""
    sys.stderr.write(f"reader: {error_line(message)}\n")
    sys.stderr.flush()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with its messages (which quote the arguments given, say an
    unknown option) made safe before they reach the terminal."""

    def error(self, message: str):  # type: ignore[override]
        super().error(error_line(message))
