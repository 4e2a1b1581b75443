"""The `reader` command: the TUI by default, and subcommands on the core.

``reader [PATH ...]`` opens the reader (the bundled corpus without PATH);
``reader SUBCOMMAND ...`` runs one of the commands below without any UI.
Every failure a user can cause ends in one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from reader import __version__
from reader.load import LoadError, load_document

EXIT_USAGE = 2

Command = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, tuple[Command, Callable[[argparse.ArgumentParser], None], str]] = {}


def command(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None]):
    """Register ``run(args) -> exit status`` as ``reader NAME``;
    ``configure(parser)`` adds its arguments."""

    def register(run: Command) -> Command:
        _COMMANDS[name] = (run, configure, help)
        return run

    return register


def _print_json(obj: object) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _configure_parse(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a transcript file")
    p.add_argument("--json", action="store_true", help="print the document as JSON (the default)")


@command("parse", "parse a transcript and print its structure as JSON", _configure_parse)
def run_parse(args: argparse.Namespace) -> int:
    _print_json(load_document(args.path).to_json())
    return 0


def _subcommand_parser(name: str) -> argparse.ArgumentParser:
    run, configure, help = _COMMANDS[name]
    parser = argparse.ArgumentParser(prog=f"reader {name}", description=help)
    configure(parser)
    parser.set_defaults(run=run)
    return parser


def _main_parser() -> argparse.ArgumentParser:
    names = ", ".join(sorted(_COMMANDS))
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read, annotate and quote interview transcripts in the terminal.",
        epilog=f"subcommands: {names} (reader SUBCOMMAND --help for each)",
    )
    parser.add_argument("paths", nargs="*", help="files or folders to open (default: the bundled corpus)")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in _COMMANDS:
            args = _subcommand_parser(argv[0]).parse_args(argv[1:])
            return args.run(args)
        args = _main_parser().parse_args(argv)
        from reader.ui.app import run_app  # the only UI import of the CLI

        return run_app(args.paths)
    except LoadError as error:
        print(f"reader: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
