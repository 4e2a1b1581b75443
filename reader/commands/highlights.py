"""`reader highlights add|list|remove|export`: the highlight store from the
command line.

The store is ``--store FILE``, else READER_STORE, else highlights.json in
the user data folder.  Its warnings (a corrupt file moved aside …) go to
stderr; a store that cannot be written is one line on stderr and status 1.

``add`` finds ``--quote`` in the document's cleaned text: exactly, or else
with any run of whitespace matching any other and script and case folded
(reader.convert.fold), so a quote typed in the other Chinese script or
copied across a line break is found too.  ``--occurrence N`` picks the Nth
match when the quote occurs more than once.
"""

from __future__ import annotations

import argparse
import re

from reader.commands import (
    UsageError,
    command,
    print_json,
    print_line,
    write_error,
    write_text,
)
from reader.export import FORMATS, export, write_export
from reader.load import load_document
from reader.store import (
    COLOURS,
    DEFAULT_COLOUR,
    AnchoredHighlight,
    Highlight,
    Store,
    normalise_colour,
)

MIN_ID_PREFIX = 4


def _store_option(parser: argparse.ArgumentParser, default=None) -> None:
    parser.add_argument(
        "--store",
        metavar="FILE",
        default=default,
        help="the highlight store (default: READER_STORE or the data folder)",
    )


def configure(parser: argparse.ArgumentParser) -> None:
    _store_option(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    # SUPPRESS: `--store` after the action must not reset one given before it.
    add = actions.add_parser("add", help="highlight a quote of a document")
    add.add_argument("path", help="a transcript file")
    add.add_argument("--quote", required=True, help="the text to highlight; it must occur in the document")
    add.add_argument("--note", default="", help="a note on the highlight")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.add_argument("--color", "--colour", dest="colour", default=DEFAULT_COLOUR, help=f"one of: {', '.join(COLOURS)}")
    add.add_argument("--occurrence", type=int, metavar="N", help="highlight the Nth occurrence (default: the first)")
    add.add_argument("--json", action="store_true", help="print the new highlight as JSON instead of its id")
    listing = actions.add_parser("list", help="list highlights (of one document, placed in its current text)")
    listing.add_argument("path", nargs="?", help="only this document's highlights")
    listing.add_argument("--json", action="store_true", help="print JSON")
    remove = actions.add_parser("remove", help="remove a highlight")
    remove.add_argument("id", help="the highlight's id (or a unique prefix of it)")
    out = actions.add_parser("export", help="export highlights as Markdown, JSON or CSV (Readwise)")
    out.add_argument("path", nargs="?", help="only this document's highlights")
    out.add_argument("--format", choices=FORMATS, default="md", help="md (default), json or csv")
    out.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    for sub in (add, listing, remove, out):
        _store_option(sub, argparse.SUPPRESS)


@command("highlights", "add, list, remove and export highlights", configure)
def run(args: argparse.Namespace) -> int:
    store = Store.open(args.store)
    _print_warnings(store)
    try:
        return {"add": _add, "list": _list, "remove": _remove, "export": _export}[args.action](store, args)
    finally:
        _print_warnings(store)


def _print_warnings(store: Store) -> None:
    for warning in store.warnings:
        write_error(f"warning: {warning}")
    store.warnings.clear()


def _save(store: Store) -> bool:
    error = store.save()
    if error:
        write_error(error)
    return error is None


# add


def _add(store: Store, args: argparse.Namespace) -> int:
    try:
        colour = normalise_colour(args.colour)
    except ValueError as error:
        raise UsageError(str(error)) from None
    document = load_document(args.path)
    spans = find_quote(document.text, args.quote, where=args.path)
    start, end = _nth(spans, args.occurrence, args.path)
    highlight = store.add(document, start, end, colour=colour, note=args.note, tags=args.tag)
    if not _save(store):
        return 1
    if args.json:
        print_json(highlight.to_json())
    else:
        print_line(highlight.id)
    return 0


def find_quote(text: str, quote: str, *, where: str = "the document") -> list[tuple[int, int]]:
    """The spans where ``quote`` occurs in ``text`` (see the module docstring)."""
    needle = quote.strip()
    if not needle:
        raise UsageError("--quote is empty")
    spans = _exact(text, needle) or _loose(text, needle)
    if not spans:
        raise UsageError(f"the quote does not occur in {where}: {_short(needle)!r}")
    return spans


def _nth(spans: list[tuple[int, int]], occurrence: int | None, where: str) -> tuple[int, int]:
    if occurrence is None:
        if len(spans) > 1:
            write_error(
                f"note: the quote occurs {len(spans)} times in {where}; "
                "highlighted the first (choose another with --occurrence N)"
            )
        return spans[0]
    if not 1 <= occurrence <= len(spans):
        raise UsageError(f"the quote occurs {len(spans)} time(s) in {where}; --occurrence {occurrence} is out of range")
    return spans[occurrence - 1]


def _exact(text: str, needle: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(needle)
    while at != -1:
        spans.append((at, at + len(needle)))
        at = text.find(needle, at + len(needle))
    return spans


def _loose(text: str, needle: str) -> list[tuple[int, int]]:
    """Whitespace runs match any whitespace; script and case are folded
    (fold keeps lengths, so offsets in the folded text are offsets in text)."""
    text, needle = _folded(text), _folded(needle)
    pattern = r"\s+".join(re.escape(part) for part in needle.split())
    return [m.span() for m in re.finditer(pattern, text)]


def _folded(text: str) -> str:
    try:
        from reader.convert import fold

        return fold(text)
    except Exception:  # noqa: BLE001 — without OpenCC data, whitespace alone is loosened
        return text


# list


def _list(store: Store, args: argparse.Namespace) -> int:
    if args.path:
        anchored = store.highlights_for(load_document(args.path))
        records = [_with_anchor(a) for a in anchored]
        lines = [_line(a.highlight, a) for a in anchored]
    else:
        highlights = store.highlights()
        records = [h.to_json() for h in highlights]
        lines = [_line(h, None) for h in highlights]
    if args.json:
        print_json(records)
    else:
        for line in lines:
            print_line(line)
    return 0


def _with_anchor(anchored: AnchoredHighlight) -> dict:
    record = anchored.highlight.to_json()
    record["anchor"] = (
        None if anchored.orphan else {"start": anchored.start, "end": anchored.end, "method": anchored.method}
    )
    return record


def _line(h: Highlight, anchored: AnchoredHighlight | None) -> str:
    if anchored is None:
        where = f"{h.start}-{h.end}"
    else:
        where = "orphan" if anchored.orphan else f"{anchored.start}-{anchored.end}"
    speaker = f"{h.speaker}: " if h.speaker else ""
    tags = f"  #{' #'.join(h.tags)}" if h.tags else ""
    return f"{h.id}  {h.colour:<6}  {h.document.title}  {where}  {speaker}“{_short(h.quote.exact)}”{tags}"


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# remove


def _remove(store: Store, args: argparse.Namespace) -> int:
    highlight = store.remove(resolve_id(store, args.id).id)
    if not _save(store):
        return 1
    print_line(f"removed {highlight.id}")
    return 0


def resolve_id(store: Store, prefix: str) -> Highlight:
    """The highlight whose id is ``prefix``, or the only one it begins."""
    ids = [h.id for h in store.highlights()]
    if prefix in ids:
        return store.get(prefix)
    matches = [i for i in ids if i.startswith(prefix)] if len(prefix) >= MIN_ID_PREFIX else []
    if len(matches) == 1:
        return store.get(matches[0])
    if matches:
        raise UsageError(f"{prefix!r} is the start of {len(matches)} highlight ids; give more of it")
    raise UsageError(f"no highlight with id {prefix!r} in {store.path}")


# export


def _export(store: Store, args: argparse.Namespace) -> int:
    if args.path:
        highlights = [a.highlight for a in store.highlights_for(load_document(args.path))]
    else:
        highlights = store.highlights()
    if not args.out:
        write_text(export(highlights, args.format), exact=True)
        return 0
    try:
        target = write_export(highlights, args.format, args.out)
    except OSError as error:
        raise UsageError(f"cannot write {args.out}: {error.strerror or error}") from None
    write_error(f"wrote {len(highlights)} highlight(s) to {target}")
    return 0
