"""`reader parse PATH --json`: a document's structure as JSON."""

from __future__ import annotations

import argparse

from reader.commands import command, print_json
from reader.load import load_document


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="a transcript file")
    parser.add_argument("--json", action="store_true", help="print the document as JSON (the default)")


@command("parse", "parse a transcript and print its structure as JSON", configure)
def run(args: argparse.Namespace) -> int:
    print_json(load_document(args.path).to_json())
    return 0
