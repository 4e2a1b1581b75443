"""`reader search QUERY [PATH ...] [--json]`: find text across transcripts.

The query matches as the reader's find does (reader.search): script- and
case-insensitive, a substring, whitespace inside it matching any whitespace.
PATHs are files or folders (their transcript files, recursively); without
one, the bundled corpus is searched.  A PATH that does not exist is a
mistake (one line on stderr, exit status 2, nothing searched); a file that
exists but cannot be opened as a transcript is skipped with a warning line
on stderr.

Output: one line per hit, ``path:speaker: snippet`` (``path: snippet``
outside a speaker's turn); with --json, a list of
``{path, title, speaker, start, end, snippet}`` where ``start``/``end`` are
code-point offsets into the parsed document's text (`reader parse --json`
shows the same text).  Finding nothing is not an error: exit status 0, no
lines (``[]`` with --json).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands import UsageError, command, print_json, print_line, write_error


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="the text to find (any Chinese script, any case)")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled corpus)")
    parser.add_argument("--json", action="store_true", help="print the hits as a JSON list")
    parser.add_argument("--limit", type=_positive, metavar="N", help="print at most N hits")


def resolve_paths(paths: list[str]) -> list[Path]:
    """The files to search: the bundled corpus without PATHs; a PATH that
    does not exist is a UsageError."""
    from reader.load import expand_paths
    from reader.resources import bundled_documents

    if not paths:
        return bundled_documents()
    for raw in paths:
        if not Path(raw).exists():
            raise UsageError(f"{raw}: no such file or folder")
    return expand_paths(paths)


def warn(error: Exception) -> None:
    write_error(f"warning: {error} (skipped)")


@command("search", "find text in transcripts, in any Chinese script", configure)
def run(args: argparse.Namespace) -> int:
    from reader.search import CorpusIndex

    if not args.query.strip():
        raise UsageError("the query is empty")
    files = resolve_paths(args.paths)
    index = CorpusIndex(files, on_error=warn)
    hits = index.search(args.query, limit=args.limit)
    if args.json:
        print_json([hit.to_json() for hit in hits])
        return 0
    for hit in hits:
        where = str(hit.path) if hit.path is not None else hit.title
        if hit.speaker:
            where += f":{hit.speaker}"
        print_line(f"{where}: {hit.snippet}")  # sanitised: a snippet is document text
    return 0
