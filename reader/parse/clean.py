"""Raw text → the cleaned text every block offset points into.

Cleaning may change lengths, so it all happens before any offset is taken:
line endings become ``\\n``, byte-order marks go, inline pinyin annotations
after a Chinese character go (``進(jìn)行`` → ``進行``), and control characters
become visible placeholders (:mod:`reader.sanitize`, length-preserving).
"""

from __future__ import annotations

import re

from reader.sanitize import sanitize

# CJK unified ideographs (BMP blocks, compatibility block, supplementary planes).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_COMBINING_TONES = "\u0300\u0301\u0304\u030c"  # grave, acute, macron, caron (decomposed pinyin)
_VOWELS = f"aeiouüv{_TONED}{_COMBINING_TONES}"
# One pinyin syllable: optional initial, 1–4 vowels (tone marks included), optional coda.
_SYLLABLE = f"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWELS}]{{1,4}}(?:ng|n|r)?"
# The paren comes first so the regex engine can skip ahead to it; the
# look-behind then checks that a Chinese character precedes the paren.
_INSIDE = rf"\s?{_SYLLABLE}(?:[\s']?{_SYLLABLE}){{0,5}}\s?[)\uff09]"
# Several annotations in a row go together, so that cleaning is idempotent.
_PINYIN = re.compile(rf"[(\uff08](?<=[{HAN}][(\uff08]){_INSIDE}(?:[(\uff08]{_INSIDE})*")
_HAS_TONE = re.compile(f"[{_TONED}{_COMBINING_TONES}]")

# A character lost in transcoding shows as U+FFFD, or as '?' between Chinese
# characters (a GBK/Big5 round trip turns each unmappable character into '?').
_LOST_REPLACEMENT = "\ufffd"
_LOST_DOUBLE = re.compile(rf"[{HAN}]\?{{2,}}[{HAN}]")
_LOST_SINGLE = re.compile(rf"[{HAN}]\?[{HAN}]")
# An ASCII '?' at the end of a line or before a space/closing quote is being
# used as a question mark, so a single '?' between characters may be one too.
_QUESTION_MARK = re.compile(r"\?(?:$|[\s\"'”」』)）])", re.MULTILINE)


def strip_pinyin(text: str) -> str:
    """Drop parenthesised, tone-marked pinyin after a Chinese character;
    keep real parentheticals such as ``(Web GPT)`` or ``(今年)``."""
    if "(" not in text and "\uff08" not in text:
        return text
    return _PINYIN.sub(_drop_if_toned, text)


def _drop_if_toned(match: re.Match[str]) -> str:
    # Without a tone mark "(de)" or "(men)" could be an ordinary word.
    return "" if _HAS_TONE.search(match.group()) else match.group()


def normalize_newlines(text: str) -> str:
    text = text.replace("\ufeff", "")  # a BOM, or a stray zero-width no-break space
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return text


def looks_damaged(text: str) -> bool:
    """Characters were lost before the text reached us (see module notes)."""
    if _LOST_REPLACEMENT in text or _LOST_DOUBLE.search(text):
        return True
    return _LOST_SINGLE.search(text) is not None and _QUESTION_MARK.search(text) is None


def clean_text(text: str) -> tuple[str, bool]:
    """The cleaned text and whether the source had lost characters."""
    text = strip_pinyin(normalize_newlines(text))
    damaged = looks_damaged(text)
    return sanitize(text), damaged
