"""`reader keywords PATH [--top N] [--corpus PATH ...] [--json]`.

The keywords of one transcript, best first (reader.keywords): for Chinese,
jieba's TF-IDF on the text converted to simplified; for German and English,
a stop-word-filtered TF-IDF whose document frequencies come from a corpus —
the transcript files in PATH's folder by default (files there that cannot be
opened are left out quietly), or the files and folders given with --corpus
(those that cannot be opened are skipped with a warning).  Chinese keywords
use jieba's own IDF table and load no corpus.

Output: a table of rank, word, count and score; with --json a list of
``{word, score, count}``: ``word`` as the transcript writes it, ``count`` its
occurrences in the transcript (what the reader highlights), ``score`` its
TF-IDF.
"""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

from reader.commands import UsageError, command, print_json, write_text
from reader.commands.search import _positive, warn

# The default corpus is the document's folder; past this many files only the
# first ones (in sorted order) weigh the words.
MAX_CORPUS = 200


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="a transcript file")
    parser.add_argument("--top", type=_positive, default=20, metavar="N", help="how many keywords (default 20)")
    parser.add_argument(
        "--corpus",
        nargs="+",
        metavar="PATH",
        help="files or folders whose documents weigh German and English words (default: PATH's folder)",
    )
    parser.add_argument("--json", action="store_true", help="print the keywords as a JSON list")


def _corpus(args: argparse.Namespace, document):
    from reader.keywords import KeywordCorpus
    from reader.load import LoadError, expand_paths, load_document

    for raw in args.corpus or ():
        if not Path(raw).exists():
            raise UsageError(f"{raw}: no such file or folder")
    if document.language == "zh":
        return None  # jieba's IDF table
    if args.corpus:
        files, on_error = expand_paths(args.corpus), warn
    else:
        files, on_error = expand_paths([Path(args.path).parent])[:MAX_CORPUS], None
    corpus = KeywordCorpus([document])
    this = _same_file_key(Path(args.path))
    for file in files:
        if _same_file_key(file) == this:
            continue
        try:
            corpus.add(load_document(file))
        except LoadError as error:
            if on_error is not None:
                on_error(error)
    return corpus


def _same_file_key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@command("keywords", "print the keywords of a transcript", configure)
def run(args: argparse.Namespace) -> int:
    from reader.keywords import extract_keywords
    from reader.load import load_document
    from reader.sanitize import sanitize

    document = load_document(args.path)
    keywords = extract_keywords(document, top=args.top, corpus=_corpus(args, document))
    if args.json:
        print_json([k.to_json() for k in keywords])
        return 0
    words = [sanitize(k.word) for k in keywords]
    column = max((_width(w) for w in words), default=4)
    lines = [f"{'#':>3}  {'word'}{' ' * (column - 4)}  {'count':>5}  score"]
    for rank, (keyword, word) in enumerate(zip(keywords, words), 1):
        pad = " " * (column - _width(word))
        lines.append(f"{rank:>3}  {word}{pad}  {keyword.count:>5}  {keyword.score:.4f}")
    write_text("\n".join(lines) + "\n")
    return 0
