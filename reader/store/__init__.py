"""The highlight store: one JSON file shared safely by every running reader.

* :mod:`reader.store.core` — :class:`Store`, the API for the UI and the CLI;
* :mod:`reader.store.records` — :class:`Highlight`, colours, tags, times;
* :mod:`reader.store.schema` — the file format, migrations and merging;
* :mod:`reader.store.disk` — locking, atomic writes, backups, moving aside.

Re-anchoring highlights in changed documents is :mod:`reader.anchor`.
"""

from reader.store.core import AnchoredHighlight, Store, document_path, speaker_at
from reader.store.disk import default_store_path
from reader.store.records import (
    COLOURS,
    DEFAULT_COLOUR,
    DocumentRef,
    Highlight,
    normalise_colour,
    text_sha256,
)
from reader.store.schema import SCHEMA_VERSION

__all__ = [
    "COLOURS",
    "DEFAULT_COLOUR",
    "SCHEMA_VERSION",
    "AnchoredHighlight",
    "DocumentRef",
    "Highlight",
    "Store",
    "default_store_path",
    "document_path",
    "normalise_colour",
    "speaker_at",
    "text_sha256",
]
