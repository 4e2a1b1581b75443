"""What the reader tells the user about a document as it loads: an empty
file or undecodable bytes are worth a notification, not a failure."""

from __future__ import annotations

from reader.model import Document


def load_notice(doc: Document) -> str | None:
    """A one-line message about a document that opened but is not whole, or None."""
    name = doc.path.name if doc.path is not None else doc.title
    if not doc.text.strip():
        return f"{name}: the file has no text"
    if doc.damaged:
        return f"{name}: some bytes could not be decoded and are shown as \ufffd (marked damaged)"
    return None
