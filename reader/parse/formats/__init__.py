"""Source formats: which one a text is, and what it tells the parser.

Two families, one module each:

- **timed cues** — SubRip (:mod:`.srt`), WebVTT (:mod:`.vtt`), Whisper /
  WhisperX JSON (:mod:`.whisper`), the podcast namespace's JSON
  (:mod:`.podcast_json`).  They are parsed into cues, and the document's
  text is the readable transcript built from them (:mod:`.cues`);
- **text transcripts** — Otter exports (:mod:`.otter`), stamped lines
  (:mod:`.stamped`), Q/A (:mod:`.qa`), Markdown (:mod:`.markdown`), plain
  text.  The document's text is the source's (cleaned) text, parsed by the
  general rules, with :class:`~reader.parse.hints.Hint` s for the lines a
  format module recognises.

:func:`read_cues` decides by the file's extension first (``.srt``,
``.vtt``, ``.json``), then by content, so a ``.txt`` that is really SubRip
or a ``.json`` from Whisper is read as such; content alone must be
unmistakable (a ``WEBVTT`` header, a first cue "1" + timing, a JSON object
of the right shape, two cues or more).  Anything else — including malformed
or unexpected JSON — is text.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.parse.formats import markdown, otter, podcast_json, qa, srt, stamped, vtt, whisper
from reader.parse.formats.cues import Cue
from reader.parse.formats.jsonvalues import load
from reader.parse.hints import Hints
from reader.parse.lines import Line

CUE_FORMATS = ("srt", "vtt", "whisper", "podcast-json")
TEXT_FORMATS = ("otter", "timestamped", "qa", "markdown", "text")


def read_cues(text: str, suffix: str) -> tuple[str, list[Cue]] | None:
    """(format, cues) if ``text`` is a subtitle or JSON transcript; ``text``
    has ``\\n`` line ends and no BOM."""
    head = text.lstrip()
    if suffix == ".json" or head[:1] in ("{", "["):
        found = _json_cues(head)
        if found is not None:
            return found
    if suffix == ".vtt" or head.startswith("WEBVTT"):
        cues = vtt.parse(text, sniffing=suffix != ".vtt")
        if cues:
            return "vtt", cues
    if suffix == ".srt" or head[:1].isdigit():
        cues = srt.parse(text, sniffing=suffix != ".srt")
        if cues:
            return "srt", cues
    return None


def _json_cues(text: str) -> tuple[str, list[Cue]] | None:
    data = load(text)
    if data is None:
        return None
    cues = podcast_json.parse(data)
    if cues:
        return "podcast-json", cues
    cues = whisper.parse(data)
    return ("whisper", cues) if cues else None


def prepare(text: str) -> str:
    """Text changes a format needs before offsets are taken."""
    return markdown.merge_repeated_headings(text)


@dataclass(slots=True)
class Layout:
    """What the text formats found: a hint per line, the format, a title."""

    hints: Hints
    format: str
    title: str | None = None


def annotate(lines: list[Line], suffix: str) -> Layout:
    hints: Hints = [None] * len(lines)
    is_markdown, title = markdown.annotate(lines, hints)
    found = [
        name
        for name, annotator in (("otter", otter.annotate), ("timestamped", stamped.annotate), ("qa", qa.annotate))
        if annotator(lines, hints)
    ]
    if is_markdown or suffix in markdown.SUFFIXES:
        found.append("markdown")
    return Layout(hints, found[0] if found else "text", title)
