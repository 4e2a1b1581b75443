"""Question-and-answer transcripts.

- ``Q:`` / ``A:`` (full-width ``Q：``, ``Ｑ：``, bold ``**Q:**``; Chinese
  ``问：`` / ``答：``) at the start of a line;
- press briefings: ``Q`` alone on a line or followed by a wide gap
  ("Q    Thank you, Jen.") for a reporter, and the officials as ``MR. PRICE:``
  in capitals (those are ordinary ``Name:`` cues, see
  :mod:`reader.parse.speakers`);
- a legend such as ``Q：澎湃新闻 / A：张三`` (or ``（问：记者，答：张三）``) maps
  the roles to names: Q turns are then the outlet's, A turns the person's.
  The legend line itself becomes a note.

Without a legend the speakers are the roles as written ("Q", "A", "问",
"答"); a bare ``Q`` is the reporters' turn, speaker "Q".  Detected by
content: a legend, or two or more question lines.
"""

from __future__ import annotations

import re

from reader.parse.hints import Hint, Hints
from reader.parse.lines import Line
from reader.parse.speakers import is_label

_QUESTIONS = {"Q", "问", "問"}
_ANSWERS = {"A", "答"}
_FULL_WIDTH = {"\uff31": "Q", "\uff21": "A"}
_EMPH = r"(?:\*\*|__)?"
_ROLE = rf"{_EMPH}(?P<{{0}}>Q|A|\uff31|\uff21|问|問|答){_EMPH}"
_ROLE_CUE = re.compile(_ROLE.format("role") + rf"\s*[:\uff1a]{_EMPH}\s*")
_WIDE_Q = re.compile(r"Q(?: {2,}|\t)\s*(?=\S)")  # "Q    Thank you."
_SEPARATOR = r"(?:\s*[/\uff0f|\uff5c,\uff0c;\uff1b、]\s*|\s+)"
_NOT_IN_NAME = r"/\uff0f|\uff5c,\uff0c;\uff1b、()\uff08\uff09【】\[\]"  # separators and brackets
_NAME = rf"(?P<{{0}}>[^{_NOT_IN_NAME}\s][^{_NOT_IN_NAME}]{{{{0,30}}}}?)"
_LEGEND = re.compile(
    r"[(\uff08【\[]?\s*"
    + _ROLE.format("r1") + r"\s*[:\uff1a=]\s*" + _NAME.format("n1")
    + _SEPARATOR
    + _ROLE.format("r2") + r"\s*[:\uff1a=]\s*" + _NAME.format("n2")
    + r"\s*[)\uff09】\]]?"
)
_LEGEND_WITHIN = 40  # lines from the top


def _role(raw: str) -> str:
    return _FULL_WIDTH.get(raw, raw)


def legend(text: str) -> dict[str, str] | None:
    """{"Q": name, "A": name} if ``text`` is a legend line."""
    match = _LEGEND.fullmatch(text)
    if match is None:
        return None
    roles = {_role(match["r1"]): match["n1"].strip(), _role(match["r2"]): match["n2"].strip()}
    if not (set(roles) & _QUESTIONS and set(roles) & _ANSWERS) or not all(map(is_label, roles.values())):
        return None
    return roles


def _role_cue(lines: list[Line], i: int) -> tuple[str, int] | None:
    text = lines[i].text
    match = _ROLE_CUE.match(text)
    if match is not None:
        return _role(match["role"]), match.end()
    match = _WIDE_Q.match(text)
    if match is not None:
        return "Q", match.end()
    if text == "Q" and i + 1 < len(lines):
        return "Q", 1  # a bare "Q" above the question
    return None


def annotate(lines: list[Line], hints: Hints) -> bool:
    """Hint the legend and the role cues; whether this is a Q/A transcript."""
    aliases: dict[str, str] = {}
    for i, line in enumerate(lines[:_LEGEND_WITHIN]):
        found = legend(line.text) if hints[i] is None else None
        if found is not None:
            aliases = found
            hints[i] = Hint(kind="note")
            break
    cues = [(i, cue) for i in range(len(lines)) if hints[i] is None and (cue := _role_cue(lines, i))]
    if not aliases and sum(cue[0] in _QUESTIONS for _, cue in cues) < 2:
        return False
    for i, (role, offset) in cues:
        hints[i] = Hint(speaker=aliases.get(role, role), offset=offset)
    return True
