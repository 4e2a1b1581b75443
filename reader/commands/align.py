"""`reader align A B [--json]`: two versions of an interview, turn by turn;
`reader align --suggest [PATH ...] [--json]`: which documents pair up.

Turn indices are those of :func:`reader.align.turns_of` (continuations
merged into their turn).  Without --json, the alignment is a table: turn
indices, speaker and the first characters of each side.
"""

from __future__ import annotations

import argparse
import unicodedata

from reader.align import Turn, align_turns, turn_text, turns_of
from reader.commands import UsageError, command, print_json, print_line
from reader.load import expand_paths, load_document
from reader.model import Document
from reader.pairs import suggest_pairs
from reader.resources import bundled_documents

PREVIEW_CELLS = 30  # terminal cells of each side's text in the table


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="two transcripts (A B); with --suggest, files or folders"
    )
    parser.add_argument("--json", action="store_true", help="print JSON: [{a: index|null, b: index|null}, …]")
    parser.add_argument(
        "--suggest", action="store_true", help="list likely pairs among PATHs (default: the bundled corpus)"
    )


@command("align", "align two versions of an interview turn by turn, or suggest pairs", configure)
def run(args: argparse.Namespace) -> int:
    if args.suggest:
        return _suggest(args)
    if len(args.paths) != 2:
        raise UsageError(f"align needs two transcripts, A and B (got {len(args.paths)}); or --suggest")
    a, b = (load_document(p) for p in args.paths)
    turns_a, turns_b = turns_of(a), turns_of(b)
    alignment = align_turns(turns_a, turns_b)
    if args.json:
        print_json(alignment.to_json())
        return 0
    print_line(_header("A", a, len(turns_a)))
    print_line(_header("B", b, len(turns_b)))
    for i, j in alignment.pairs:
        print_line(_row(a, turns_a[i] if i is not None else None, b, turns_b[j] if j is not None else None))
    return 0


def _suggest(args: argparse.Namespace) -> int:
    paths = expand_paths(args.paths) if args.paths else bundled_documents()
    pairs = suggest_pairs([load_document(p) for p in paths])
    if args.json:
        print_json([{"a": str(p.a_path), "b": str(p.b_path), "score": p.score} for p in pairs])
    else:
        for pair in pairs:
            print_line(f"{pair.score:.2f}  {pair.a_path}  {pair.b_path}")
    return 0


def _header(side: str, document: Document, turns: int) -> str:
    language = document.language + (f"-{document.script}" if document.script else "")
    return f"{side}: {document.path} ({language}, {turns} turns)"


def _row(a: Document, left: Turn | None, b: Document, right: Turn | None) -> str:
    """One line of the table: indices, speaker, the start of each side."""
    speaker = _speaker(left.speaker if left else None, right.speaker if right else None)
    index_a, index_b = (str(t.index) if t else "-" for t in (left, right))
    text_a = _preview(turn_text(a, left)) if left else "—"
    text_b = _preview(turn_text(b, right)) if right else "—"
    return f"{index_a:>4} {index_b:>4}  {_pad(speaker, 24)}  {_pad(text_a, PREVIEW_CELLS)}  {text_b}"


def _speaker(a: str | None, b: str | None) -> str:
    if a and b and a != b:
        return f"{a} = {b}"
    return a or b or "?"


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _preview(text: str) -> str:
    """The start of ``text`` on one line, at most PREVIEW_CELLS cells wide."""
    flat, cells, out = " ".join(text.split()), 0, []
    if sum(_width(ch) for ch in flat) <= PREVIEW_CELLS:
        return flat
    for ch in flat:
        if cells + _width(ch) > PREVIEW_CELLS - 1:
            return "".join(out) + "…"
        out.append(ch)
        cells += _width(ch)
    return "".join(out)


def _pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - sum(_width(ch) for ch in text))
