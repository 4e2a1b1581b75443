"""Reading transcript files from disk: bytes → text → Document.

Nothing here raises anything but :class:`LoadError` for a problem with the
input, and its message is one line meant for the user.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from functools import lru_cache
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
    """Detect the encoding of ``data`` and decode it, never raising.

    In order: a byte-order mark; UTF-16 without a BOM (NUL bytes on every
    other position); strict UTF-8; UTF-8 with a few bad bytes (damaged);
    GB18030 or Big5, whichever decodes to more *common* Chinese characters
    (short texts fool statistical detectors, and Big5 bytes are mostly valid
    GB18030 too); Chinese UTF-16 without a BOM (it has too few NUL bytes for
    the test above); then charset-normalizer for the rest.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return Decoded(text, encoding, "\ufffd" in text)
    utf16 = _utf16_without_bom(data)  # before UTF-8: NUL bytes are valid UTF-8
    if utf16:
        text = data.decode(utf16, errors="replace")
        return Decoded(text, utf16, "\ufffd" in text)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if _mostly_valid_utf8(text):
        return Decoded(text, "utf-8", True)
    chinese = _guess_chinese(data)
    if chinese:
        text = data.decode(chinese, errors="replace")
        return Decoded(text, chinese, "\ufffd" in text)
    utf16 = _utf16_chinese(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        return Decoded(text, utf16, "\ufffd" in text)
    guess = _guess_encoding(data)
    if guess:
        text = data.decode(guess, errors="replace")
        return Decoded(text, guess, "\ufffd" in text)
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", True)


def _mostly_valid_utf8(text: str) -> bool:
    """Real UTF-8 multi-byte characters with a few bad bytes among them."""
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text[:100_000] if ord(ch) > 0x7F) - bad
    return multibyte >= 2 and bad <= max(1, len(text) // 100) and multibyte > bad


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin characters has a NUL on every other
    byte; binary data may too, so the decoded head must also be printable."""
    head = data[:8192]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd >= 0.3 * half and even <= 0.02 * half:
        encoding = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    text = head.decode(encoding, errors="replace")
    unprintable = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f") or ch == "\ufffd")
    return encoding if unprintable <= len(text) // 20 else None


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uffef\u2010-\u2027]")


def _guess_chinese(data: bytes) -> str | None:
    """GB18030 or Big5 (cp950), if one of them reads as Chinese text."""
    best, best_score = None, 0.5  # below half common characters: not Chinese
    for encoding in ("gb18030", "big5", "cp950"):
        text = data[:200_000].decode(encoding, errors="replace")
        non_ascii = sum(1 for ch in text if ord(ch) > 0x7F)
        han = _HAN.findall(text)
        chinese_share = (len(han) + len(_CJK_PUNCT.findall(text))) / max(non_ascii, 1)
        if not han or chinese_share < 0.9 or text.count("\ufffd") > len(text) // 100:
            continue
        score = sum(1 for ch in han[:5000] if _is_common_han(ch)) / min(len(han), 5000)
        if score > best_score:  # strictly better: big5 wins over its superset cp950 on a tie
            best, best_score = encoding, score
    return best


def _utf16_chinese(data: bytes) -> str | None:
    """UTF-16 without a BOM holding mostly Chinese: it decodes to common
    characters, ASCII and Chinese punctuation (GB18030 or Big5 bytes read
    as UTF-16 give surrogates, Hangul and rare characters instead)."""
    head = data[: min(len(data), 200_000) // 2 * 2]
    if len(data) % 2 or len(head) < 4:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = head.decode(encoding, errors="replace")
        han = _HAN.findall(text)
        if text.count("\ufffd") > 1 or len(han) * 2 < len(text):
            continue
        expected = sum(1 for ch in text if ch.isascii() or _HAN.match(ch) or _CJK_PUNCT.match(ch))
        common = sum(1 for ch in han[:5000] if _is_common_han(ch)) / min(len(han), 5000)
        if expected >= 0.95 * len(text) and common >= 0.8:
            return encoding
    return None


@lru_cache(maxsize=8192)
def _is_common_han(ch: str) -> bool:
    """In GB2312 level 1 or Big5 level 1: the ~3,800 and ~5,400 most
    frequent simplified / traditional characters.  A text decoded with the
    wrong one of the two encodings is mostly rare characters."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA440 <= int.from_bytes(ch.encode("big5"), "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CJK_ENCODINGS).best()
    return best.encoding if best is not None else None


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 file, or many control bytes, mean this
    is not text."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(data):
        return False
    if b"\x00" in head:
        return _utf16_chinese(data) is None
    controls = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\r\f\x1b")
    return controls > len(head) // 10


def read_bytes(path: str | Path) -> bytes:
    path = Path(path)
    try:
        if path.is_dir():
            raise LoadError(f"{path}: is a folder, not a transcript file")
        if path.exists() and not path.is_file():  # a FIFO or a device would block or never end
            raise LoadError(f"{path}: not a regular file")
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
    """Read, decode and parse one transcript file.

    The parser picks the format from the extension and the content
    (:mod:`reader.parse.formats`); a ``.json`` file that is not a transcript
    it knows is refused rather than shown as a wall of JSON."""
    path = Path(path)
    return parse_decoded(read_text(path), path)


def read_text(path: str | Path) -> Decoded:
    """The first half of :func:`load_document`: read and decode, refusing
    binary files (the UI parses a preview of a big file in between)."""
    return decode(read_data(path))


def read_data(path: str | Path) -> bytes:
    """The file's bytes, refusing binary files (:func:`read_text` undecoded)."""
    path = Path(path)
    data = read_bytes(path)
    if looks_binary(data):
        raise LoadError(f"{path}: a binary file, not a transcript")
    return data


def parse_decoded(decoded: Decoded, path: str | Path) -> Document:
    """The second half of :func:`load_document`: parse what :func:`read_text` gave."""
    from reader.parse import parse_text

    path = Path(path)
    document = parse_text(
        decoded.text,
        path=path,
        encoding=decoded.encoding,
        damaged=decoded.damaged,
    )
    if path.suffix.lower() == ".json" and document.format == "text":
        raise LoadError(f"{path}: {_json_problem(decoded.text)}")
    return document


def _json_problem(text: str) -> str:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return "not valid JSON, so not a Whisper or podcast JSON transcript"
    return "JSON, but not a transcript (expected Whisper segments or podcast transcript segments)"


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
