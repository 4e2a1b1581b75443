"""Markdown transcripts.

- YAML front matter (``---`` … ``---`` at the very top): one boilerplate
  block; its ``title:`` is the document's title;
- ``**Name:** speech`` (and ``**Name**:``, ``*Name*:``, ``__Name__:``): the
  general ``Name:`` cue rules, emphasis dropped (:mod:`reader.parse.speakers`);
- ``### Name：`` — a heading that is only a name and a colon — with the
  speech below: a speaker cue, even for a single turn.  The same speaker
  heading repeated over each paragraph is one turn: the repeats are taken
  out of the text (:func:`merge_repeated_headings`), so the paragraphs are
  one block;
- an image (``![alt](src)``, ``<img>``, ``<figure>``) is boilerplate, with
  the caption right below it (an italic line, ``<figcaption>``, "Caption:");
- a rule (``---``, ``***``) makes no block;
- other headings (``## Part 1``) are headings, as in plain text.

Detected by the extension, front matter, a speaker heading, an image, or
bold ``Name:`` cues; the rules above hold for any text (they are local, so
a second parse finds the same).
"""

from __future__ import annotations

import re

from reader.parse.hints import Hint, Hints
from reader.parse.lines import Line
from reader.parse.speakers import colon_cue, is_name

SUFFIXES = {".md", ".markdown"}
_EMPH = r"(?:\*{1,2}|_{1,2})?"
_HEADING_CUE = re.compile(rf"#{{1,6}}[ \t]+{_EMPH}(?P<name>[^:\uff1a*_#\n]{{1,32}}?){_EMPH}\s*[:\uff1a]{_EMPH}")
_BOLD_CUE = re.compile(r"(?:\*\*|__)[^*_\n]{1,32}?(?:\*\*|__)?\s*[:\uff1a]")
_FRONT_KEY = re.compile(r"[A-Za-z_][\w -]{0,40}:(?:\s|$)")
_TITLE = re.compile(r"title\s*:\s*(?P<value>.+)", re.IGNORECASE)
_FRONT_MAX_LINES = 60
_IMAGE = re.compile(r"\[?!\[[^\]\n]*\]\([^)\n]*\)(?:\]\([^)\n]*\))?|<img\b[^>\n]*>|</?figure\b[^>\n]*>")
_CAPTION = re.compile(
    r"\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_|<figcaption\b.*"
    r"|(?:Caption|Bildunterschrift|Bild|Foto|Photo|图注|圖註|图说|圖說|图|圖)\s*[:\uff1a].*",
    re.IGNORECASE,
)
_RULE = re.compile(r"(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}")


def heading_cue(text: str) -> str | None:
    """The name in a speaker heading "### 张三：", else None."""
    if not text.startswith("#"):
        return None
    match = _HEADING_CUE.fullmatch(text)
    name = match["name"].strip() if match else ""
    return name if is_name(name) else None


def merge_repeated_headings(text: str) -> str:
    """Drop a speaker heading that repeats the one before it (with nothing
    but speech between) and the blank line after it."""
    if "#" not in text:
        return text
    kept: list[str] = []
    last: str | None = None  # the speaker of the last heading, while only speech followed
    drop_blank = False
    for line in text.split("\n"):
        stripped = line.strip()
        if drop_blank and not stripped:
            drop_blank = False
            continue
        drop_blank = False
        name = heading_cue(stripped)
        if name is not None and name == last:
            drop_blank = True
            continue
        if name is not None:
            last = name
        elif stripped.startswith("#") or colon_cue(stripped) is not None:
            last = None  # another heading or another cue: the next heading is a new turn
        kept.append(line)
    return "\n".join(kept)


def front_matter(lines: list[Line]) -> tuple[int, str | None] | None:
    """(index of the closing line, title) for YAML front matter at the top."""
    if not lines or lines[0].start != 0 or lines[0].text != "---":
        return None
    for j in range(1, min(len(lines), _FRONT_MAX_LINES)):
        if lines[j].text in ("---", "..."):
            inside = [line.text for line in lines[1:j]]
            if not any(_FRONT_KEY.match(text) for text in inside):
                return None
            titles = [m["value"].strip().strip("\"'").strip() for t in inside if (m := _TITLE.fullmatch(t))]
            return j, (titles[0] or None) if titles else None
    return None


def annotate(lines: list[Line], hints: Hints) -> tuple[bool, str | None]:
    """Hint front matter, speaker headings, images and rules; (whether this
    looks like Markdown, the front matter's title)."""
    found, title = False, None
    matter = front_matter(lines)
    if matter is not None:
        end, title = matter
        hints[0] = Hint(kind="boilerplate", through=end)
        for j in range(1, end + 1):
            hints[j] = Hint(kind="skip")  # inside the block above; never reached
        found = True
    for i in range(len(lines)):
        if hints[i] is None:
            found = _annotate_line(lines, hints, i) or found
    bold = sum(1 for line in lines if line.text[:1] in "*_" and _BOLD_CUE.match(line.text))
    return found or bold >= 2, title


def _annotate_line(lines: list[Line], hints: Hints, i: int) -> bool:
    text = lines[i].text
    if _IMAGE.fullmatch(text):
        caption = i + 1 < len(lines) and hints[i + 1] is None and _CAPTION.fullmatch(lines[i + 1].text)
        hints[i] = Hint(kind="boilerplate", through=i + 1 if caption else None)
        if caption:
            hints[i + 1] = Hint(kind="skip")
        return True
    if text[0] in "-*_" and _RULE.fullmatch(text):
        hints[i] = Hint(kind="skip")
        return False
    name = heading_cue(text)
    if name is not None and i + 1 < len(lines) and not lines[i + 1].text.startswith("#"):
        hints[i] = Hint(speaker=name, offset=len(text))
        return True
    return False

