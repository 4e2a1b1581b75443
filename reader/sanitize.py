"""Make text safe to show in a terminal without changing its length.

Control characters in a transcript, a file name or a note could move the
cursor, recolour the screen or reorder what is drawn (ESC starts terminal
escape sequences; bidi overrides reorder text).  Each one becomes a visible
placeholder of exactly one code point, so offsets computed on the raw text
stay valid on the sanitised text, and sanitising twice changes nothing
(no placeholder is itself a control character).

- C0 controls except ``\\n`` and ``\\t``: the Unicode "control picture"
  U+2400 + code (ESC → ``␛``, BEL → ``␇``, CR → ``␍``);
- DEL: ``␡``;
- C1 controls (U+0080–U+009F), bidi embeddings/overrides/isolates
  (U+202A–U+202E, U+2066–U+2069): U+FFFD;
- line/paragraph separators (U+2028, U+2029): ``␤`` (renderers would
  otherwise break a line that the text's offsets treat as one).
"""

from __future__ import annotations

import re

_REPLACEMENT = "\ufffd"

_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_TABLE[0x7F] = "\u2421"  # ␡
_TABLE.update({code: _REPLACEMENT for code in range(0x80, 0xA0)})
_TABLE.update({code: _REPLACEMENT for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_TABLE.update({0x2028: "\u2424", 0x2029: "\u2424"})  # ␤

_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")


def has_control(text: str) -> bool:
    """True if ``text`` holds a character that :func:`sanitize` replaces."""
    return _CONTROL.search(text) is not None


def sanitize(text: str) -> str:
    """``text`` with every control character replaced by a visible
    placeholder; same length, idempotent."""
    if not has_control(text):  # the common case: no copy, one C-level scan
        return text
    return text.translate(_TABLE)
