"""One highlight as it is stored, and the small vocabularies it uses.

Times are ISO 8601 UTC with microseconds and a ``Z`` ("2025-03-01T09:30:00.123456Z"):
one fixed width, so they compare correctly as strings, and fine enough that
an edit made right after another is strictly later (:func:`later`).
"""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from reader.anchor import Quote

COLOURS = ("yellow", "green", "blue", "pink", "purple", "orange", "red", "grey")
DEFAULT_COLOUR = "yellow"
_COLOUR_ALIASES = {"gray": "grey", "violet": "purple", "magenta": "pink"}


def normalise_colour(name: str) -> str:
    """A palette name for ``name`` (case-insensitive, "gray" → "grey");
    ValueError listing the palette otherwise."""
    key = str(name).strip().lower()
    key = _COLOUR_ALIASES.get(key, key)
    if key not in COLOURS:
        raise ValueError(f"unknown colour {name!r}; choose one of: {', '.join(COLOURS)}")
    return key


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, non-empty, without duplicates, in the order given.  A comma
    separates tags (it is the separator in the CSV export)."""
    seen: dict[str, None] = {}
    for tag in tags:
        for part in str(tag).split(","):
            part = " ".join(part.split())
            if part:
                seen.setdefault(part, None)
    return tuple(seen)


def text_sha256(text: str) -> str:
    """The document text's digest; the last few are remembered by identity
    (20 ms for a 10 MB text: the UI's loader computes it in its worker, so
    that opening the document does not)."""
    key = id(text)
    with _recent_lock:
        hit = _recent.get(key)
        if hit is not None and hit[0] is text:
            return hit[1]
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    with _recent_lock:
        _recent[key] = (text, digest)
        while len(_recent) > 4:
            _recent.pop(next(iter(_recent)))
    return digest


_recent: dict[int, tuple[str, str]] = {}
_recent_lock = threading.Lock()


def new_id() -> str:
    return secrets.token_hex(6)


# Times


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str) -> str:
    """``text`` (any ISO 8601 form; naive means UTC) in the canonical form."""
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_time(moment)


def now() -> str:
    return format_time(datetime.now(UTC))


def later(*times: str | None) -> str:
    """Now, or one microsecond after the latest of ``times`` if the clock
    has not passed it (edits in quick succession, a clock set back)."""
    latest = max((t for t in times if t), default=None)
    current = now()
    if latest is None or current > latest:
        return current
    return format_time(datetime.fromisoformat(latest) + timedelta(microseconds=1))


# Records


@dataclass(frozen=True, slots=True)
class DocumentRef:
    path: str | None  # absolute and resolved; None for a text without a file
    sha256: str  # of the cleaned text the positions point into
    title: str


@dataclass(frozen=True, slots=True)
class Highlight:
    id: str
    document: DocumentRef
    quote: Quote
    start: int  # code points into the cleaned text the highlight was made on
    end: int
    speaker: str | None
    colour: str
    tags: tuple[str, ...]
    note: str
    created: str
    updated: str
    # Seconds into the recording of the turn the highlight starts in (subtitle
    # and ASR transcripts); None for a text without times.  Optional in the
    # record ("time" left out when None), so older records read as they are.
    time: float | None = None

    def to_json(self) -> dict:
        record = {
            "id": self.id,
            "document": {"path": self.document.path, "sha256": self.document.sha256, "title": self.document.title},
            "quote": self.quote.to_json(),
            "position": {"start": self.start, "end": self.end},
            "speaker": self.speaker,
            "colour": self.colour,
            "tags": list(self.tags),
            "note": self.note,
            "created": self.created,
            "updated": self.updated,
        }
        if self.time is not None:
            record["time"] = self.time
        return record

    @classmethod
    def from_json(cls, raw: object) -> Highlight:
        """A record of the current schema; ValueError if it is not one."""
        try:
            document, quote, position = raw["document"], raw["quote"], raw["position"]
            start, end = position["start"], position["end"]
            if not (type(start) is int and type(end) is int and 0 <= start <= end):
                raise ValueError("bad position")
            return cls(
                id=_string(raw["id"], empty=False),
                document=DocumentRef(
                    path=None if document.get("path") is None else _string(document["path"]),
                    sha256=_string(document["sha256"]),
                    title=_string(document.get("title", "")),
                ),
                quote=Quote(_string(quote["exact"], empty=False), _context(quote, "prefix"), _context(quote, "suffix")),
                start=start,
                end=end,
                speaker=None if raw.get("speaker") is None else _string(raw["speaker"]),
                colour=normalise_colour(raw.get("colour", DEFAULT_COLOUR)),
                tags=normalise_tags(_string(t) for t in _list(raw.get("tags", []))),
                note=_string(raw.get("note", "")),
                created=parse_time(raw["created"]),
                updated=parse_time(raw.get("updated") or raw["created"]),
                time=_seconds(raw.get("time")),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a highlight record ({error!r})") from None


def _seconds(value: object) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float) or not math.isfinite(value) or value < 0:  # type: ignore[arg-type]
        raise ValueError(f"expected a time in seconds, got {value!r}")
    return value  # type: ignore[return-value]


def _context(quote: dict, side: str) -> str | None:
    value = quote.get(side)
    return None if value is None else _string(value)


def _list(value: object) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {value!r}")
    return value


def _string(value: object, *, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value):
        raise ValueError(f"expected a string, got {value!r}")
    return value
