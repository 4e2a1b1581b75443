"""What a source format knows about a line, handed to the block builder.

The general rules (:mod:`reader.parse.blocks`) guess each line's kind and
whether it is a speaker cue; a format module that recognises a line for
certain (an Otter header "Anna  0:03", a Markdown heading "### 张三：", YAML
front matter) says so with a :class:`Hint`, and the guess is skipped for
that line.  A hinted cue needs no recurrence: the format is the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Hint:
    # "text", "heading", "note", "boilerplate", or "skip": the line makes no
    # block (a Markdown rule "---"); like a timing line it ends the open
    # turn, so its text never ends up inside a block.
    kind: str = "text"
    speaker: str | None = None  # a cue: a turn of this speaker starts on this line
    offset: int = 0  # where the speech starts in the line's text; len(text) if below
    time: float | None = None  # seconds, for the block that starts here
    through: int | None = None  # a boilerplate block spanning up to this line index


Hints = list["Hint | None"]
