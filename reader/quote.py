"""A passage as a quotation with attribution, ready to paste.

:func:`format_quote` follows the typography a translator would use for the
language of the quoted text (``language`` is a BCP 47 tag; without one, text
with Han characters counts as Chinese, anything else as English):

============================  ==========  ======  =============================
text                          marks       inner   attribution
============================  ==========  ======  =============================
traditional Chinese           「…」      『…』   ——Speaker,《Title》
(zh-Hant, zh-TW, zh-HK, zh-MO)
simplified Chinese            “…”        ‘…’     ——Speaker,《Title》
(zh, zh-Hans, zh-CN, zh-SG)   (GB/T 15834)
German (de)                   „…“        ‚…‘     — Speaker, Title
Swiss German (de-CH)          «…»        ‹…›     — Speaker, Title
everything else               “…”        ‘…’     — Speaker, Title
============================  ==========  ======  =============================

Quotation marks of the outer kind inside the passage become the inner kind.
The Chinese forms use the full-width dash (破折号) and comma and put the
title in book-title marks.  ``style="markdown"`` gives a blockquote (no
quotation marks: the blockquote is the quotation) with the attribution on
its own line, the title in italics outside Chinese.

Converting the passage to the displayed or the original script is the
caller's job (reader.convert); pass the tag of the script being quoted.
"""

from __future__ import annotations

import re
from typing import Literal

Style = Literal["plain", "markdown"]

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_HANT_REGIONS = {"hant", "tw", "hk", "mo"}

# language → (open, close, inner open, inner close)
_MARKS = {
    "zh-hant": ("「", "」", "『", "』"),
    "zh-hans": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "de": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "de-ch": ("«", "»", "‹", "›"),
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
}


def quote_language(language: str | None, text: str = "") -> str:
    """One of the keys of the marks table for a BCP 47 tag (or the text)."""
    parts = (language or "").lower().replace("_", "-").split("-")
    primary, rest = parts[0], set(parts[1:])
    if primary in ("", "und") and _HAN.search(text):
        primary = "zh"
    if primary == "zh":
        return "zh-hant" if rest & _HANT_REGIONS else "zh-hans"
    if primary == "de":
        return "de-ch" if "ch" in rest else "de"
    return "en"


def format_quote(
    text: str,
    speaker: str | None = None,
    title: str | None = None,
    style: Style = "plain",
    *,
    language: str | None = None,
) -> str:
    """``text`` quoted and attributed: “text” — Speaker, Title (see above)."""
    key = quote_language(language, text)
    text = text.strip()
    credit = attribution(speaker, title, key, markdown=style == "markdown")
    if style == "markdown":
        lines = [f"> {markdown_escape(line)}".rstrip() for line in text.split("\n")]
        return "\n".join(lines + ([">", f"> {credit}"] if credit else []))
    opening, closing, inner_open, inner_close = _MARKS[key]
    body = text.replace(opening, inner_open).replace(closing, inner_close) if opening != closing else text
    return f"{opening}{body}{closing}" + (credit if key.startswith("zh") else f" {credit}" if credit else "")


def attribution(speaker: str | None, title: str | None, key: str, *, markdown: bool = False) -> str:
    """The attribution: "— Speaker, Title" or the Chinese form; "" with neither."""
    speaker, title = (speaker or "").strip(), (title or "").strip()
    if key.startswith("zh"):
        if title and not title.startswith("《"):
            title = f"《{title}》"
        names = ",".join(part for part in (speaker, title) if part)
        return f"——{names}" if names else ""
    if title and markdown:
        title = f"*{markdown_escape(title)}*"
    names = ", ".join(part for part in (speaker, title) if part)
    return f"— {names}" if names else ""


_INLINE = re.compile(r"([\\`*_\[\]<])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=|])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def markdown_escape(line: str) -> str:
    """A line of text that Markdown shows as it is (no emphasis, links,
    HTML, headings or list items made of it)."""
    line = _INLINE.sub(r"\\\1", line)
    line = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
