"""Asides that stand as their own paragraph: an editor's or interviewer's
remark in parentheses or brackets ("(採訪者提及:…)", "[Applause]",
"(笑)"), or a paragraph introduced as a note ("注:…", "Anm.: …").

A parenthetical *inside* a paragraph stays part of that paragraph.
"""

from __future__ import annotations

import re

# Opening and closing brackets by family: sources mix "(" with "\uff09" (full-width).
_OPENERS = {"(": "round", "\uff08": "round", "﹙": "round", "[": "square", "\uff3b": "square", "【": "lenticular",
            "〔": "tortoise"}
_CLOSERS = {")": "round", "\uff09": "round", "﹚": "round", "]": "square", "\uff3d": "square", "】": "lenticular",
            "〕": "tortoise"}
_NOTE_PREFIX = re.compile(
    r"(?:注|註|[译譯]注|[译譯]註|[编編]注|[编編]註|按|[编編]按|Anm\.|Anmerkung|Hinweis|Note|N\.B\.|Editor['’]s note)"
    r"\s*[:\uff1a]",
    re.IGNORECASE,
)


def is_note(text: str) -> bool:
    """``text`` (one trimmed line) is an aside standing on its own."""
    if text[:1] in _OPENERS:
        return len(text) >= 3 and _closes_at_end(text)
    return _NOTE_PREFIX.match(text) is not None


def _closes_at_end(text: str) -> bool:
    """The bracket opening ``text`` is the one its last character closes
    ("(a) … (b)" is two asides in a line of prose, not one aside)."""
    family = _OPENERS[text[0]]
    if _CLOSERS.get(text[-1]) != family:
        return False
    depth = 0
    for position, char in enumerate(text):
        if _OPENERS.get(char) == family:
            depth += 1
        elif _CLOSERS.get(char) == family:
            depth -= 1
            if depth == 0:
                return position == len(text) - 1
    return False
