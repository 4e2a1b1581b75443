"""Reading transcript files from disk: bytes → text → Document.

Nothing here raises anything but :class:`LoadError` for a problem with the
input, and its message is one line meant for the user.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from reader.model import Document

# Files larger than this are refused rather than read into memory whole.
MAX_BYTES = 512 * 1024 * 1024
TRANSCRIPT_SUFFIXES = {".txt", ".md", ".markdown", ".srt", ".vtt", ".json", ".text"}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried in this order when the bytes are not UTF-8; charset-normalizer picks.
_CJK_ENCODINGS = ["gb18030", "big5", "utf_16", "cp1252", "latin_1"]


class LoadError(Exception):
    """A file that cannot be opened as a transcript; str() is the message."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    damaged: bool  # some bytes could not be decoded and became U+FFFD


def decode(data: bytes) -> Decoded:
    """Detect the encoding of ``data`` and decode it, never raising."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return Decoded(text, encoding, "\ufffd" in text)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    if guess:
        text = data.decode(guess, errors="replace")
        return Decoded(text, guess, "\ufffd" in text)
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", True)


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CJK_ENCODINGS).best()
    return best.encoding if best is not None else None


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 file mean this is not text."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\x00" in head


def read_bytes(path: str | Path) -> bytes:
    path = Path(path)
    try:
        if path.is_dir():
            raise LoadError(f"{path}: is a folder, not a transcript file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(f"{path}: too large ({size // 2**20} MiB; the limit is {MAX_BYTES // 2**20} MiB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise LoadError(f"{path}: no such file") from None
    except PermissionError:
        raise LoadError(f"{path}: permission denied") from None
    except OSError as error:
        raise LoadError(f"{path}: cannot be read ({error.strerror or error})") from None


def load_document(path: str | Path) -> Document:
    """Read, decode and parse one transcript file."""
    from reader.parse import parse_text

    path = Path(path)
    data = read_bytes(path)
    if looks_binary(data):
        raise LoadError(f"{path}: a binary file, not a transcript")
    decoded = decode(data)
    return parse_text(
        decoded.text,
        path=path,
        encoding=decoded.encoding,
        damaged=decoded.damaged,
    )


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given, folders as their transcript files (sorted, recursive)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TRANSCRIPT_SUFFIXES)
            )
        else:
            found.append(path)
    return found
