"""`reader convert --to MODE [PATH|-]`: a text in another Chinese script.

MODE is an OpenCC config (s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s,
t2tw, tw2t, t2hk, hk2t, t2jp, jp2t, …) or an alias: simplified, traditional,
taiwan, hongkong (and the phrase modes taiwan-phrases, hongkong-phrases,
simplified-phrases).  The file is read and decoded as `reader` opens any
transcript; without PATH, or with `-`, standard input is.
"""

from __future__ import annotations

import argparse
import sys

from reader.commands import UsageError, command, write_text
from reader.load import LoadError, decode, looks_binary, read_bytes


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--to",
        required=True,
        metavar="MODE",
        help="an OpenCC config (s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, t2tw, tw2t, t2hk, hk2t, "
        "t2jp, jp2t) or simplified, traditional, taiwan, hongkong",
    )
    parser.add_argument("path", nargs="?", default="-", metavar="PATH", help="a text file; - or nothing: stdin")


@command("convert", "print a text converted to another Chinese script", configure)
def run(args: argparse.Namespace) -> int:
    # Imported here: `reader parse` and the others need not load OpenCC.
    from reader.convert import ConversionError, convert, resolve_target

    try:
        config = resolve_target(args.to)
    except ConversionError as error:
        raise UsageError(str(error)) from None
    if args.path == "-":
        data, name = sys.stdin.buffer.read(), "standard input"
    else:
        data, name = read_bytes(args.path), args.path
    if looks_binary(data):
        raise LoadError(f"{name}: a binary file, not text")
    write_text(convert(decode(data).text, config), exact=True)  # exact into a pipe, safe on a terminal
    return 0
