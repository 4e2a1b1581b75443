"""The `reader` command: the TUI by default, and subcommands on the core.

``reader [PATH ...]`` opens the reader (the bundled corpus without PATH);
``reader SUBCOMMAND ...`` runs one of reader.commands without any UI.
Every failure a user can cause ends in one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.commands import (  # noqa: F401  (command: re-exported)
    COMMANDS,
    ArgumentParser,
    UsageError,
    command,
    load_all,
    write_error,
)
from reader.load import LoadError

if TYPE_CHECKING:
    from reader.offload import Child

EXIT_USAGE = 2


def _subcommand_parser(name: str) -> argparse.ArgumentParser:
    spec = COMMANDS[name]
    parser = ArgumentParser(prog=f"reader {name}", description=spec.help)
    spec.configure(parser)
    parser.set_defaults(run=spec.run)
    return parser


def _main_parser() -> argparse.ArgumentParser:
    lines = "\n".join(f"  {name:<12} {COMMANDS[name].help}" for name in sorted(COMMANDS))
    parser = ArgumentParser(
        prog="reader",
        description="Read, annotate and quote interview transcripts in the terminal.",
        epilog=f"subcommands (reader SUBCOMMAND --help for each):\n{lines}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", help="files or folders to open (default: the bundled corpus)")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def _start_early(paths: list[str]) -> Child | None:
    """`reader BIG`: start parsing the one big file now, in a child process,
    so that its opening is ready by the time the UI is imported and set up
    (~0.3 s); the UI takes it over (reader.ui.loader)."""
    from reader.offload import Child, OffloadError
    from reader.preview import is_big

    if len(paths) != 1 or not is_big(Path(paths[0])):
        return None
    try:
        return Child(Path(paths[0]), opening=True).start()
    except OffloadError:
        return None  # the UI parses it itself


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    load_all()
    try:
        if argv and argv[0] in COMMANDS:
            args = _subcommand_parser(argv[0]).parse_args(argv[1:])
            return args.run(args)
        args = _main_parser().parse_args(argv)
        early = _start_early(args.paths)
        from reader.ui.app import run_app  # the only UI import of the CLI

        return run_app(args.paths, early=early)
    except (LoadError, UsageError) as error:
        write_error(str(error))  # a path in it may hold control characters
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
