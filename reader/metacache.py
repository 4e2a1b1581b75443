"""What the document list shows of each file, kept between runs.

A folder of 1,000 transcripts takes seconds to parse; its list needs only
each document's title, language, script, speakers and number of turns.
They are kept in one JSON file in the cache folder (:func:`reader.paths.cache_dir`),
keyed by the file's resolved path and valid while its size and modification
time (in nanoseconds) are the ones recorded, so a second start shows the
whole list at once and parses only the documents it needs.

The cache is read once at start and written atomically
(:func:`reader.fsutil.atomic_write_text`).  It is only a cache: a missing,
corrupt or foreign file is ignored (and rebuilt), an entry of the wrong
shape is skipped, and a change to the parser (a new version of this
package, or any edit to the files that read and parse a transcript) drops
every entry, since a new parser may read the same file differently.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import reader
from reader.fsutil import atomic_write_text
from reader.model import Document
from reader.paths import cache_dir

CACHE_FORMAT = 1
CACHE_NAME = "metadata.json"
MAX_ENTRIES = 20_000  # beyond this the entries not used in this run go first

Key = tuple[str, int, int]  # (resolved path, size, mtime_ns)


@dataclass(frozen=True, slots=True)
class Meta:
    """A document as its list entry describes it.

    ``path`` is the file it was found for (not stored); with ``language``
    and ``script`` it lets the UI show the title in the document's script
    mode as it would for the Document itself."""

    title: str
    language: str
    script: str | None
    speakers: tuple[tuple[str, int], ...]  # (name, turns) in order of first appearance
    turns: int  # turns that start (continuations of a turn not counted)
    encoding: str
    damaged: bool
    format: str = "text"
    path: Path | None = None


def speaker_turns(doc: Document) -> list[tuple[str, int]]:
    """(name, turns) in order of first appearance: the parser's list when it
    has one, else counted from the blocks."""
    if doc.speakers:
        return [(s.name, s.turns) for s in doc.speakers]
    counted: dict[str, int] = {}
    for block in doc.blocks:
        if block.kind == "turn" and block.speaker:
            counted[block.speaker] = counted.get(block.speaker, 0) + (0 if block.continuation else 1)
    return list(counted.items())


def turn_count(doc: Document) -> int:
    return sum(1 for b in doc.blocks if b.kind == "turn" and not b.continuation)


def meta_of(doc: Document) -> Meta:
    return Meta(
        title=doc.title,
        language=doc.language,
        script=doc.script,
        speakers=tuple(speaker_turns(doc)),
        turns=turn_count(doc),
        encoding=doc.encoding,
        damaged=doc.damaged,
        format=doc.format,
        path=doc.path,
    )


def file_key(path: Path, resolved: str | None = None) -> Key | None:
    """(resolved path, size, mtime_ns) of ``path``; None if it cannot be
    looked at (then it is not cached).  Take it *before* reading the file:
    a file changed while it is parsed then fails the next check."""
    try:
        stat = os.stat(path)
        return (resolved or str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)
    except (OSError, RuntimeError, ValueError):
        return None


def file_keys(paths: Iterable[Path]) -> list[Key | None]:
    """:func:`file_key` of many files; each folder is resolved once, not
    each file (1,000 files of one folder: a few ms rather than tens)."""
    folders: dict[Path, str | None] = {}
    keys: list[Key | None] = []
    for path in paths:
        path = Path(path)
        if path.is_symlink():
            keys.append(file_key(path))
            continue
        parent = path.parent
        if parent not in folders:
            try:
                folders[parent] = str(parent.resolve())
            except (OSError, RuntimeError):
                folders[parent] = None
        folder = folders[parent]
        keys.append(file_key(path, os.path.join(folder, path.name) if folder else None))
    return keys


def parser_fingerprint() -> str:
    """Changes whenever the code that reads and parses a file may have:
    the version, and the size and mtime of every module of it."""
    package = Path(reader.__file__).parent
    files = [package / "load.py", package / "model.py", package / "sanitize.py", *sorted((package / "parse").rglob("*.py"))]
    digest = hashlib.sha256(reader.__version__.encode())
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            continue
        digest.update(f"{file.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


class MetaCache:
    """The cached metadata of documents, by file; safe to use from threads."""

    def __init__(self, file: Path | None = None, fingerprint: str | None = None) -> None:
        self.file = file if file is not None else cache_dir() / CACHE_NAME
        self.fingerprint = fingerprint if fingerprint is not None else parser_fingerprint()
        self.problem: str | None = None  # why the file on disk was not used, if it was not
        self._entries: dict[str, dict] = {}
        self._used: set[str] = set()
        self._lock = threading.Lock()
        self.dirty = False

    @classmethod
    def load(cls, file: Path | None = None, fingerprint: str | None = None) -> MetaCache:
        """The cache as saved; an empty one if there is none or it is unusable."""
        cache = cls(file, fingerprint)
        cache._read()
        return cache

    def _read(self) -> None:
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError, RecursionError) as error:
            self.problem = f"unreadable ({type(error).__name__})"
            return
        if not isinstance(raw, dict) or raw.get("format") != CACHE_FORMAT or not isinstance(raw.get("entries"), dict):
            self.problem = "not a metadata cache of this version"
            return
        if raw.get("parser") != self.fingerprint:
            self.problem = "made by another version of the parser"
            return
        self._entries = {path: entry for path, entry in raw["entries"].items() if _valid(entry)}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Key | None, path: Path | None = None) -> Meta | None:
        """The metadata recorded for the file ``key`` names, if it is still
        the same size and age; None otherwise (stale or never seen)."""
        if key is None:
            return None
        resolved, size, mtime = key
        with self._lock:
            entry = self._entries.get(resolved)
            if entry is None or entry["size"] != size or entry["mtime_ns"] != mtime:
                return None
            self._used.add(resolved)
        return _meta(entry, path)

    def put(self, key: Key | None, doc: Document | Meta) -> None:
        """Record what ``doc`` (just parsed from the file ``key`` names) shows."""
        if key is None:
            return
        meta = doc if isinstance(doc, Meta) else meta_of(doc)
        resolved, size, mtime = key
        entry = {
            "size": size,
            "mtime_ns": mtime,
            "title": meta.title,
            "language": meta.language,
            "script": meta.script,
            "speakers": [[name, turns] for name, turns in meta.speakers],
            "turns": meta.turns,
            "encoding": meta.encoding,
            "damaged": meta.damaged,
            "format": meta.format,
        }
        with self._lock:
            if self._entries.get(resolved) != entry:
                self._entries[resolved] = entry
                self.dirty = True
            self._used.add(resolved)

    def save(self) -> str | None:
        """Write the cache if it changed; an error message instead of raising."""
        with self._lock:
            if not self.dirty:
                return None
            entries = self._entries
            if len(entries) > MAX_ENTRIES:
                kept = sorted(entries, key=lambda path: path not in self._used)[:MAX_ENTRIES]
                entries = {path: entries[path] for path in kept}
            data = {"format": CACHE_FORMAT, "parser": self.fingerprint, "entries": entries}
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            self.dirty = False
        try:
            atomic_write_text(self.file, text)
        except OSError as error:
            with self._lock:
                self.dirty = True
            return f"the document cache could not be saved to {self.file}: {error.strerror or error}"
        return None


def _valid(entry: object) -> bool:
    if not isinstance(entry, dict):
        return False
    try:
        return (
            isinstance(entry["size"], int)
            and isinstance(entry["mtime_ns"], int)
            and isinstance(entry["title"], str)
            and isinstance(entry["language"], str)
            and (entry["script"] is None or isinstance(entry["script"], str))
            and isinstance(entry["turns"], int)
            and isinstance(entry["encoding"], str)
            and isinstance(entry["damaged"], bool)
            and isinstance(entry.get("format", "text"), str)
            and isinstance(entry["speakers"], list)
            and all(
                isinstance(s, list) and len(s) == 2 and isinstance(s[0], str) and isinstance(s[1], int)
                for s in entry["speakers"]
            )
        )
    except (KeyError, TypeError):
        return False


def _meta(entry: dict, path: Path | None) -> Meta:
    return Meta(
        title=entry["title"],
        language=entry["language"],
        script=entry["script"],
        speakers=tuple((name, turns) for name, turns in entry["speakers"]),
        turns=entry["turns"],
        encoding=entry["encoding"],
        damaged=entry["damaged"],
        format=entry.get("format", "text"),
        path=path,
    )


def with_path(meta: Meta, path: Path) -> Meta:
    return replace(meta, path=path)
