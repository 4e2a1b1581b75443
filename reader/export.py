"""Highlights as Markdown, JSON or CSV (for Readwise), as one string.

* Markdown: a ``##`` heading per document (its title, then its path), each
  highlight as a blockquote attributed to its speaker, then its note and
  tags; documents by title, highlights by position.
* JSON: the store's records, as ``reader highlights list --json`` prints them.
* CSV: the columns of Readwise's CSV import — Highlight, Book Title, Book
  Author, Note, Color, Tags, Location Type, Location, Highlighted at.  The
  speaker is the Book Author (Readwise then groups an interview's
  highlights by who said them; narration has no author); the location is
  the highlight's code-point offset with type "order", which keeps
  Readwise's order that of the transcript; tags are joined by ", ".

A highlight in a timed transcript (subtitles, ASR: ``Highlight.time``) keeps
its turn's time: after the speaker in Markdown ("— Kevin Scott, 0:03:12"), as
"time" (seconds) in JSON.  The CSV leaves it out: its Location stays the
offset, so Readwise's order is the transcript's whatever the times say.

:func:`write_export` writes one to a file (for the TUI's command palette:
show the path it returns).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from reader.fsutil import atomic_write_text
from reader.model import clock
from reader.paths import data_dir
from reader.quote import format_quote
from reader.store import Highlight

FORMATS = ("md", "json", "csv")
CSV_COLUMNS = [
    "Highlight",
    "Book Title",
    "Book Author",
    "Note",
    "Color",
    "Tags",
    "Location Type",
    "Location",
    "Highlighted at",
]


def export(highlights: Iterable[Highlight], fmt: str) -> str:
    """``highlights`` in format ``fmt`` (one of FORMATS); ValueError otherwise."""
    writers = {"md": to_markdown, "json": to_json, "csv": to_csv}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return writers[fmt](list(highlights))


def write_export(highlights: Iterable[Highlight], fmt: str, path: str | Path | None = None) -> Path:
    """Write an export atomically and return its absolute path.  Without
    ``path``: highlights-<UTC time>.<fmt> in the current folder, or in the
    data folder's exports/ if the current folder cannot be written.  OSError
    if it cannot be written anywhere."""
    text = export(highlights, fmt)
    name = f"highlights-{datetime.now(UTC):%Y%m%d-%H%M%S}.{fmt}"
    error: OSError | None = None
    for target in [Path(path).expanduser()] if path else _default_targets(name):
        try:
            atomic_write_text(target.absolute(), text)
            return target.absolute()
        except OSError as failure:
            error = failure
    raise error  # type: ignore[misc]  # there is always a target


def _default_targets(name: str) -> Iterator[Path]:
    try:
        yield Path.cwd() / name
    except OSError:
        pass  # the current folder is gone
    yield data_dir() / "exports" / name


def _by_document(highlights: list[Highlight]) -> list[list[Highlight]]:
    groups: dict[str, list[Highlight]] = {}
    for h in highlights:
        groups.setdefault(h.document.path or h.document.sha256, []).append(h)
    ordered = sorted(groups.values(), key=lambda g: (g[0].document.title.casefold(), g[0].document.path or ""))
    return [sorted(group, key=lambda h: (h.start, h.created)) for group in ordered]


def to_markdown(highlights: list[Highlight]) -> str:
    parts = ["# Highlights"]
    for group in _by_document(highlights):
        document = group[0].document
        parts.append(f"## {document.title or 'Untitled'}")
        if document.path:
            parts.append(f"`{document.path}`")
        for h in group:
            parts.append(format_quote(h.quote.exact, _credit(h), None, "markdown"))
            if h.note.strip():
                parts.append(h.note.strip())
            if h.tags:
                parts.append("Tags: " + ", ".join(f"`{tag}`" for tag in h.tags))
    return "\n\n".join(parts) + "\n"


def _credit(h: Highlight) -> str | None:
    """The speaker, then the time of the turn if it has one."""
    if h.time is None:
        return h.speaker
    return ", ".join(part for part in ((h.speaker or "").strip(), clock(h.time)) if part)


def to_json(highlights: list[Highlight]) -> str:
    records = [h.to_json() for group in _by_document(highlights) for h in group]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def to_csv(highlights: list[Highlight]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(CSV_COLUMNS)
    for group in _by_document(highlights):
        for h in group:
            writer.writerow(
                [
                    h.quote.exact,
                    h.document.title,
                    h.speaker or "",
                    h.note,
                    h.colour,
                    ", ".join(h.tags),
                    "order",
                    h.start,
                    h.created[:19] + "+00:00",
                ]
            )
    return out.getvalue()
