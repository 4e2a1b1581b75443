"""Wrapping right-to-left and combining text (issue 7): lines tile the text,
fit the width in cells as rich measures them, and never start with a mark
that belongs to the character before it (a grapheme is never split)."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.ui.transcript.lines import visible_width, wrap

ARABIC = "مرحبابكمفيالمقابلة"
HEBREW = "שלוםוברוכיםהבאים"
DEVANAGARI = "नमस्तेयहहिंदीमेंवाक्य"  # vowel signs and viramas combine with the consonant before
COMBINING = ["\u0301", "\u0308", "\u0327", "\u200d", "\u093f", "\u094d"]  # acute, diaeresis, cedilla, ZWJ, i-sign, virama
ALPHABET = list(ARABIC + HEBREW + DEVANAGARI + "abcé中文 ") + COMBINING


def starts_with_a_mark(line: str) -> bool:
    return bool(line) and (unicodedata.category(line[0]) in ("Mn", "Mc", "Me") or line[0] == "\u200d")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=120), st.integers(min_value=2, max_value=30))
@example("Cafe\u0301 re\u0301sume\u0301 nai\u0308ve " * 4, 7)
@example("मरहबा नमस्ते " * 5, 5)
@example("שלום " * 10 + "مرحبا " * 10, 6)
def test_rtl_and_combining_text_wraps_without_splitting_a_character(text, width):
    spans = wrap(text, width)
    assert "".join(text[s:e] for s, e in spans) == text
    for s, e in spans:
        line = text[s:e]
        # trailing spaces hang past the edge, and so do marks on them
        shown = line
        while shown and (shown[-1].isspace() or starts_with_a_mark(shown[-1])):
            shown = shown[:-1]
        assert visible_width(shown) <= width or len(shown) - sum(map(starts_with_a_mark, shown)) <= 1
        if s > 0:
            assert not starts_with_a_mark(line), (text, width, spans)
