"""What the reader tells the user about a document it opens that is not
whole: an empty file, undecodable bytes, characters lost in the source.
Worth a notification the first time the document is opened (the list marks
it "damaged" all along), never a failure."""

from __future__ import annotations

from reader.model import Document


def load_notice(doc: Document) -> str | None:
    """A one-line message about a document that opened but is not whole, or None."""
    name = doc.path.name if doc.path is not None else doc.title
    if not doc.text.strip():
        return f"{name}: the file has no text"
    if doc.damaged and "\ufffd" in doc.text:
        return f"{name}: some bytes could not be decoded and show as \ufffd (marked damaged)"
    if doc.damaged:
        return f"{name}: characters were lost in the source (marked damaged)"
    return None


class Notices:
    """Each document's notice, given once per run."""

    def __init__(self) -> None:
        self._given: set[int] = set()

    def first_time(self, index: int, doc: Document) -> str | None:
        if index in self._given:
            return None
        self._given.add(index)
        return load_notice(doc)
