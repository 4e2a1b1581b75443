"""Text → Document. (Placeholder: one narration block per paragraph; the real
parser replaces this.)"""

from __future__ import annotations

import re
from pathlib import Path

from reader.model import Block, Document


def parse_text(text: str, *, path: Path | None = None, encoding: str = "utf-8", damaged: bool = False) -> Document:
    text = text.replace("\r\n", "\n")
    blocks = [Block("narration", m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    title = text.strip().split("\n", 1)[0][:80] if text.strip() else (path.stem if path else "untitled")
    return Document(text=text, blocks=blocks, title=title, language="und", script=None,
                    encoding=encoding, damaged=damaged, path=path)
