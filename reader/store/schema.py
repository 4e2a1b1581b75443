"""The store file's format: parsing with migrations, writing, and merging.

The file is one JSON object::

    {"schema_version": 2,
     "highlights": [ {record}, ... ],           # see Highlight.to_json
     "deleted": {"<id>": "<time of deletion>"}} # tombstones

Merging (:func:`merge`) is what lets several running instances share the
file: it is commutative, associative and idempotent (a last-writer-wins
element set), so the order in which instances save does not matter:

* per id, the record with the later ``updated`` wins (an older copy held by
  another instance never undoes an edit);
* tombstones are kept forever (an id and a time each) and the later time
  wins; a highlight is alive only if its ``updated`` is later than its
  tombstone, so a deletion is never resurrected by an instance that still
  has the old record, while :meth:`Store.restore` (undo) revives it by
  giving it a newer ``updated``.

Migrations.  Version 1 is the flat layout of the first prototype
(``{"version": 1, "highlights": [{"id", "path", "sha256", "title", "text",
"start", "end", "speaker", "color", "tags": "a,b", "note", "created"}]}``);
:data:`MIGRATIONS` maps each old version to the function that lifts it one
version up.  A file from a *newer* reader is refused (:class:`NewerSchema`)
and never overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.store.records import Highlight, parse_time

SCHEMA_VERSION = 2


class StoreFormatError(ValueError):
    """The file is not a highlight store (not JSON, not the right shape)."""


class NewerSchema(ValueError):
    """The file was written by a newer version of reader."""


@dataclass
class State:
    highlights: dict[str, Highlight] = field(default_factory=dict)
    deleted: dict[str, str] = field(default_factory=dict)  # id → time of deletion
    unreadable: int = 0  # records in the file that could not be read


def _v1_to_v2(data: dict) -> dict:
    def record(old: dict) -> dict:
        tags = old.get("tags") or ""
        return {
            "id": old.get("id"),
            "document": {"path": old.get("path"), "sha256": old.get("sha256"), "title": old.get("title", "")},
            # v1 kept no context: null = unknown (see reader.anchor).
            "quote": {"exact": old.get("text"), "prefix": None, "suffix": None},
            "position": {"start": old.get("start"), "end": old.get("end")},
            "speaker": old.get("speaker"),
            "colour": old.get("color", "yellow"),
            "tags": tags.split(",") if isinstance(tags, str) else tags,
            "note": old.get("note", ""),
            "created": old.get("created"),
            "updated": old.get("created"),
        }

    highlights = data.get("highlights", [])
    if not isinstance(highlights, list):
        raise StoreFormatError("'highlights' is not a list")
    return {
        "schema_version": 2,
        "highlights": [record(h) if isinstance(h, dict) else h for h in highlights],
        "deleted": {},
    }


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def _version(data: dict) -> int:
    version = data.get("schema_version", data.get("version"))
    if type(version) is not int or version < 1:
        raise StoreFormatError("no valid schema_version")
    return version


def migrate(data: dict) -> dict:
    version = _version(data)
    if version > SCHEMA_VERSION:
        raise NewerSchema(f"schema version {version} (this reader knows up to {SCHEMA_VERSION})")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = _version(data)
    return data


def parse(data: bytes) -> State:
    """The state in a store file's bytes.  StoreFormatError if the file as a
    whole is unusable; single unreadable records are counted and skipped."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise StoreFormatError(f"not valid JSON ({error})") from None
    if not isinstance(raw, dict):
        raise StoreFormatError("not a JSON object")
    raw = migrate(raw)
    records, deleted = raw.get("highlights"), raw.get("deleted", {})
    if not isinstance(records, list) or not isinstance(deleted, dict):
        raise StoreFormatError("'highlights' is not a list or 'deleted' not an object")
    state = State()
    for record in records:
        try:
            highlight = Highlight.from_json(record)
        except ValueError:
            state.unreadable += 1
            continue
        state.highlights[highlight.id] = _newer(state.highlights.get(highlight.id), highlight)
    for key, when in deleted.items():
        try:
            state.deleted[key] = parse_time(when)
        except (TypeError, ValueError):
            state.unreadable += 1
    return _drop_deleted(state)


def dump(state: State) -> str:
    """The file's text: one record per line, so that it stays readable and
    diffable, and fast to write (json's C encoder does no indenting)."""
    records = sorted(state.highlights.values(), key=lambda h: (h.document.path or "", h.start, h.id))
    highlights = [json.dumps(h.to_json(), ensure_ascii=False) for h in records]
    deleted = [f"{json.dumps(key)}: {json.dumps(when)}" for key, when in sorted(state.deleted.items())]
    return (
        f'{{\n  "schema_version": {SCHEMA_VERSION},\n'
        f'  "highlights": {_block(highlights, "[", "]")},\n'
        f'  "deleted": {_block(deleted, "{", "}")}\n}}\n'
    )


def _block(items: list[str], opening: str, closing: str) -> str:
    if not items:
        return opening + closing
    return opening + "\n    " + ",\n    ".join(items) + "\n  " + closing


def merge(a: State, b: State) -> State:
    """The union of two states; see the module docstring for the rules."""
    deleted = dict(a.deleted)
    for key, when in b.deleted.items():
        deleted[key] = max(when, deleted.get(key, when))
    highlights = dict(a.highlights)
    for key, highlight in b.highlights.items():
        highlights[key] = _newer(highlights.get(key), highlight)
    return _drop_deleted(State(highlights, deleted))


def _newer(a: Highlight | None, b: Highlight) -> Highlight:
    if a is None or a == b:
        return b
    if a.updated != b.updated:
        return a if a.updated > b.updated else b
    # Two different edits in the same microsecond: any fixed order keeps the
    # merge commutative; the records' JSON gives one.
    return max(a, b, key=lambda h: json.dumps(h.to_json(), sort_keys=True, ensure_ascii=False))


def _drop_deleted(state: State) -> State:
    state.highlights = {
        key: h for key, h in state.highlights.items() if key not in state.deleted or h.updated > state.deleted[key]
    }
    return state
