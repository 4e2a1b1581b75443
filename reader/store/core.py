"""The highlight store the UI and the CLI use (no Textual here).

Usage::

    store = Store.open()               # or Store.open(path); see .warnings
    store.highlights_for(document)     # AnchoredHighlight list, re-anchored
    h = store.add(document, start, end, colour="green", note="…", tags=["ai"])
    store.update(h.id, note="…")       # note, tags, colour
    gone = store.remove(h.id); store.restore(gone)   # undo
    error = store.save()               # None, or a message to show

Changes live in memory until :meth:`Store.save` succeeds; a failed save
changes nothing on disk and the next one retries (the caller shows the
message).  A save takes the lock, re-reads the file, merges (see
:mod:`reader.store.schema`) and writes atomically, keeping the previous
version as ``.bak``, so several instances can share one store.

Documents are matched by their absolute resolved path *or* by the sha256 of
their text, so a renamed or moved file keeps its highlights.  Highlights are
re-anchored on read only, never rewritten: a highlight keeps the position
and text it was made on until it is removed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from filelock import Timeout

from reader.anchor import Anchor, make_quote, reanchor
from reader.model import Block, Document
from reader.store import disk, schema
from reader.store.records import (
    DEFAULT_COLOUR,
    DocumentRef,
    Highlight,
    later,
    new_id,
    normalise_colour,
    normalise_tags,
    now,
    text_sha256,
)
from reader.store.schema import NewerSchema, State, StoreFormatError

AnchorMethod = Literal["unchanged", "position", "exact", "fuzzy"]
EDITABLE = frozenset({"note", "tags", "colour"})


@dataclass(frozen=True, slots=True)
class AnchoredHighlight:
    """A highlight placed in the current text of its document: ``start`` and
    ``end`` are None for an orphan (its quote is no longer found)."""

    highlight: Highlight
    start: int | None
    end: int | None
    method: AnchorMethod | None  # "unchanged": same text; None: orphan

    @property
    def orphan(self) -> bool:
        return self.start is None


def document_path(document: Document) -> str | None:
    return str(Path(document.path).resolve()) if document.path is not None else None


def block_at(document: Document, start: int, end: int) -> Block | None:
    """The block containing ``start`` (or, if ``start`` is between blocks,
    the first block the span reaches)."""
    for block in document.blocks:
        if block.start <= start < block.end or start <= block.start < end:
            return block
    return None


def speaker_at(document: Document, start: int, end: int) -> str | None:
    """The speaker of :func:`block_at`."""
    block = block_at(document, start, end)
    return None if block is None else block.speaker


class Store:
    """One store file, in memory.  Not thread-safe: call it from one thread
    (a save takes milliseconds: a lock, a read, two fsynced writes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []  # for the user; the caller shows and may clear them
        self._state = State()
        self._dirty = False
        self._refuse: str | None = None  # why this file must never be written
        self._anchors: dict[tuple[str, str, str], Anchor | None] = {}
        self._sha: tuple[str, str] | None = None  # (text, sha256) of the last document

    @classmethod
    def open(cls, path: str | Path | None = None) -> Store:
        """The store at ``path`` (default: READER_STORE, else the user data
        folder).  Never raises for a bad file: see ``warnings``."""
        store = cls(Path(path).expanduser().absolute() if path else disk.default_store_path().absolute())
        store._load()
        return store

    # Reading

    @property
    def dirty(self) -> bool:
        """Changes not yet saved."""
        return self._dirty

    def highlights(self) -> list[Highlight]:
        """Every highlight, by document path and position."""
        return sorted(self._state.highlights.values(), key=lambda h: (h.document.path or "", h.start, h.id))

    def get(self, highlight_id: str) -> Highlight:
        return self._state.highlights[highlight_id]

    def highlights_for(self, document: Document) -> list[AnchoredHighlight]:
        """The highlights of ``document``, placed in its current text; by
        position, orphans last."""
        path, sha = document_path(document), self._sha256(document.text)
        found = [
            self._anchor(h, document.text, sha)
            for h in self._state.highlights.values()
            if (path is not None and h.document.path == path) or h.document.sha256 == sha
        ]
        return sorted(found, key=lambda a: (a.orphan, a.start or 0, a.highlight.start, a.highlight.id))

    def _sha256(self, text: str) -> str:
        if self._sha is None or self._sha[0] is not text:
            self._sha = (text, text_sha256(text))
        return self._sha[1]

    def _anchor(self, h: Highlight, text: str, sha: str) -> AnchoredHighlight:
        if (
            h.document.sha256 == sha
            and h.end - h.start == len(h.quote.exact)
            and text[h.start : h.end] == h.quote.exact
        ):
            return AnchoredHighlight(h, h.start, h.end, "unchanged")
        key = (h.id, h.updated, sha)
        if key not in self._anchors:
            self._anchors[key] = reanchor(text, h.quote, h.start, h.end)
        found = self._anchors[key]
        if found is None:
            return AnchoredHighlight(h, None, None, None)
        return AnchoredHighlight(h, found.start, found.end, found.method)

    # Changing

    def add(
        self, document: Document, start: int, end: int, *, colour: str = DEFAULT_COLOUR, note: str = "", tags=()
    ) -> Highlight:
        """Highlight ``document.text[start:end]``; ValueError for an empty or
        out-of-range span or an unknown colour."""
        if not (0 <= start < end <= len(document.text)):
            raise ValueError(f"no text to highlight at {start}:{end}")
        stamp = now()
        block = block_at(document, start, end)
        highlight = Highlight(
            id=self._new_id(),
            document=DocumentRef(document_path(document), self._sha256(document.text), document.title),
            quote=make_quote(document.text, start, end),
            start=start,
            end=end,
            speaker=None if block is None else block.speaker,
            colour=normalise_colour(colour),
            tags=normalise_tags(tags),
            note=str(note),
            created=stamp,
            updated=stamp,
            time=None if block is None else block.time,
        )
        return self._put(highlight)

    def update(self, highlight_id: str, **changes) -> Highlight:
        """Change ``note``, ``tags`` or ``colour``; KeyError for an unknown id."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))}; only {', '.join(sorted(EDITABLE))}")
        old = self.get(highlight_id)
        if "colour" in changes:
            changes["colour"] = normalise_colour(changes["colour"])
        if "tags" in changes:
            changes["tags"] = normalise_tags(changes["tags"])
        if "note" in changes:
            changes["note"] = str(changes["note"])
        return self._put(replace(old, **changes, updated=later(old.updated)))

    def remove(self, highlight_id: str) -> Highlight:
        """Delete a highlight (a tombstone, so other instances follow);
        returns it for :meth:`restore`.  KeyError for an unknown id."""
        old = self._state.highlights.pop(highlight_id)
        self._state.deleted[highlight_id] = later(old.updated, self._state.deleted.get(highlight_id))
        self._dirty = True
        return old

    def restore(self, highlight: Highlight) -> Highlight:
        """Bring back a removed highlight (undo): newer than its tombstone."""
        deleted = self._state.deleted.get(highlight.id)
        return self._put(replace(highlight, updated=later(highlight.updated, deleted)))

    def _put(self, highlight: Highlight) -> Highlight:
        self._state.highlights[highlight.id] = highlight
        self._dirty = True
        return highlight

    def _new_id(self) -> str:
        while True:
            candidate = new_id()
            if candidate not in self._state.highlights and candidate not in self._state.deleted:
                return candidate

    # Disk

    def save(self) -> str | None:
        """Write pending changes; None on success, else a message for the
        user (the changes stay in memory and the next save retries)."""
        if not self._dirty:
            return None
        if self._refuse:
            return self._refuse
        try:
            with disk.lock_for(self.path):
                on_disk, previous = self._read_locked()
                merged = schema.merge(on_disk, self._state)
                disk.write(self.path, schema.dump(merged), previous)
        except NewerSchema as error:
            self._refuse = self._newer_message(error)
            return self._refuse
        except Timeout:
            return f"highlights not saved: {self.path} is locked by another process; they are kept in memory"
        except OSError as error:
            return f"highlights could not be saved to {self.path} ({_reason(error)}); they are kept in memory until a save succeeds"
        self._state, self._dirty = merged, False
        return None

    def reload(self) -> None:
        """Take in what other instances saved (keeps unsaved changes here)."""
        try:
            data = disk.read_bytes(self.path)
            if data is not None:
                self._state = schema.merge(schema.parse(data), self._state)
        except (OSError, ValueError):
            pass  # a bad file is dealt with (and reported) by the next save

    def _load(self) -> None:
        try:
            data = disk.read_bytes(self.path)
            if data is not None:
                self._state = schema.parse(data)
        except NewerSchema as error:
            self._refuse = self._newer_message(error)
            self.warnings.append(self._refuse)
        except StoreFormatError:
            self._set_aside_corrupt()
        except OSError as error:
            # Not refused for good: every save re-reads first and fails the
            # same way while the file stays unreadable, so it is never overwritten.
            self.warnings.append(
                f"highlight store {self.path} cannot be read ({_reason(error)}); starting without highlights"
            )
        if self._state.unreadable:
            self.warnings.append(
                f"{self._state.unreadable} records in highlight store {self.path} could not be read and are skipped; "
                "a copy of the file is kept beside it when the store is next saved"
            )

    def _set_aside_corrupt(self) -> None:
        """Move an unparseable store aside now (under the lock, in case another
        instance has just replaced it with a good one)."""
        try:
            with disk.lock_for(self.path):
                self._state, _ = self._read_locked()
        except (OSError, NewerSchema) as error:
            self.warnings.append(
                f"highlight store {self.path} could not be parsed, nor moved aside ({_reason(error)}); "
                "it is left untouched and new highlights are kept in memory"
            )

    def _read_locked(self) -> tuple[State, bytes | None]:
        """The state on disk, with the lock held.  An unparseable file is moved
        aside and one with unreadable records copied aside (both reported), so
        that writing the merged state loses nothing."""
        data = disk.read_bytes(self.path)
        if data is None:
            return State(), None
        try:
            state = schema.parse(data)
        except StoreFormatError as error:
            aside = disk.set_aside(self.path, "corrupt", move=True)
            self.warnings.append(
                f"highlight store {self.path} could not be parsed ({error}); it was moved aside to {aside} "
                "and a new store started"
            )
            return State(), None
        if state.unreadable:
            aside = disk.set_aside(self.path, "unreadable", move=False)
            self.warnings.append(f"unreadable records of highlight store {self.path} are kept in {aside}")
        return state, data

    def _newer_message(self, error: Exception) -> str:
        return (
            f"highlight store {self.path} was written by a newer version of reader ({error}); "
            "it is left untouched and new highlights are kept in memory only"
        )


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
