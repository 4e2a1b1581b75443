"""Text → :class:`~reader.model.Document`.

The pipeline, one module per step:

1. :mod:`~reader.parse.clean` — line endings, BOM, inline pinyin, control
   characters; the result is ``Document.text``, which every offset points
   into (code points);
2. :mod:`~reader.parse.lines` — the non-blank, trimmed lines;
3. :mod:`~reader.parse.blocks` — classify lines (:mod:`boilerplate`,
   :mod:`notes`, :mod:`headings`, :mod:`speakers`, :mod:`timing`) and build
   the blocks;
4. :mod:`~reader.parse.detect` — language, Chinese script and title.

Before that, :mod:`~reader.parse.formats` picks the source format from the
path's extension and the content.  Subtitles and JSON transcripts are timed
cues: their text is the transcript built from the cues, turns with
``Block.time``.  Every other format is text: cleaned as above, hard-wrapped
paragraphs joined (:mod:`~reader.parse.wrap`), stage directions at a line's
edge split off (:mod:`~reader.parse.stage`), and the lines the format
recognises hinted to the block builder.  ``Document.format`` names it.

Turns: a turn that goes on over several paragraphs is **one** ``turn``
block whose text holds the ``\n`` between the paragraphs; only when web
chrome or a standalone note interrupts it does the rest become a further
block of the same speaker, marked ``continuation=True`` (not counted in
``Speaker.turns``).  A turn's text is the speech alone, without ``Name:``.
Multi-line headings ("01" + title lines) are one block spanning the lines;
``Document.single_line`` gives their one-line form.

:func:`parse_text` never raises: should a bug slip through, the document
falls back to one narration block per line rather than failing to open.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from reader.model import Block, Document, Speaker
from reader.parse.blocks import segment
from reader.parse.clean import clean_text, looks_damaged, normalize_newlines
from reader.parse.detect import TITLE_MAX_LEN, detect_language, detect_script, make_title
from reader.parse.formats import annotate, prepare, read_cues
from reader.parse.formats.cues import assemble
from reader.parse.lines import is_punctuation_only, split_lines
from reader.parse.stage import split_stage_directions
from reader.parse.wrap import unwrap
from reader.sanitize import sanitize

__all__ = ["parse_text", "build_document"]


def parse_text(text: str, *, path: Path | None = None, encoding: str = "utf-8", damaged: bool = False) -> Document:
    """Parse a transcript; never raises on any input string."""
    try:
        return build_document(text, path=path, encoding=encoding, damaged=damaged)
    except Exception:  # noqa: BLE001 — a reader must open whatever it is given
        return _fallback_document(text, path=path, encoding=encoding, damaged=damaged)


def build_document(text: str, *, path: Path | None = None, encoding: str = "utf-8", damaged: bool = False) -> Document:
    """:func:`parse_text` without the safety net (tests call this one)."""
    suffix = path.suffix.lower() if path else ""
    found = read_cues(normalize_newlines(text), suffix)
    if found is not None:
        source_format, cues = found
        cleaned, blocks = assemble(cues)
        document = _document(cleaned, blocks, path, encoding, damaged or looks_damaged(cleaned), source_format)
        document.title = make_title(_first_text(document), sanitize(path.stem) if path else None)
        return document
    cleaned, lost = clean_text(text)
    cleaned = unwrap(prepare(cleaned))
    lines = split_stage_directions(split_lines(cleaned))
    layout = annotate(lines, suffix)
    blocks = segment(lines, layout.hints)
    document = _document(cleaned, blocks, path, encoding, damaged or lost, layout.format)
    if layout.title:  # a Markdown front matter's title, as its author wrote it
        document.title = layout.title[:TITLE_MAX_LEN]
    else:
        document.title = make_title(_first_line(document), sanitize(path.stem) if path else None)
    return document


def _document(
    cleaned: str, blocks: list[Block], path: Path | None, encoding: str, damaged: bool, source_format: str
) -> Document:
    language = detect_language(cleaned)
    return Document(
        text=cleaned,
        blocks=blocks,
        title="",
        language=language,
        script=detect_script(cleaned, language),
        encoding=encoding,
        damaged=damaged,
        path=path,
        speakers=count_speakers(blocks),
        format=source_format,
    )


def count_speakers(blocks: list[Block]) -> list[Speaker]:
    """Speakers in order of first appearance; continuations are not turns."""
    turns: Counter[str] = Counter()
    for block in blocks:
        if block.kind == "turn" and block.speaker is not None:
            turns[block.speaker] += 0 if block.continuation else 1
    return [Speaker(name, count) for name, count in turns.items()]


def _first_line(document: Document) -> str | None:
    """The first meaningful line: not chrome or an aside; None if a turn comes first."""
    for block in document.blocks:
        if block.kind in ("boilerplate", "note"):
            continue
        text = document.single_line(block)
        if block.kind in ("heading", "narration") and not is_punctuation_only(text):
            return text
        return None
    return None


def _first_text(document: Document) -> str | None:
    """A timed transcript's first words: a title only when there is no file name."""
    return document.single_line(document.blocks[0]) if document.blocks and document.path is None else None


def _fallback_document(text: str, *, path: Path | None, encoding: str, damaged: bool) -> Document:
    cleaned = sanitize(str(text).replace("\r\n", "\n").replace("\r", "\n"))
    blocks = [Block("narration", line.start, line.end) for line in split_lines(cleaned)]
    first = cleaned[blocks[0].start : blocks[0].end] if blocks else None
    stem = sanitize(path.stem) if path else None
    return Document(cleaned, blocks, make_title(first, stem), "und", None, encoding, damaged, path)
