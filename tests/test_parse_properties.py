"""Properties that hold for any input string whatsoever."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.parse import build_document, parse_text
from reader.sanitize import has_control, sanitize

# Text built from the pieces transcripts are made of, plus anything at all.
_PIECES = st.sampled_from([
    "Kevin Scott", "Greg", "主持人", "王小明", "Sarah Guo", ":", ":", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\u3000",
    "(", ")", "(", ")", "進(jìn)行", "(笑)", "Topic 1:", "01", "△", "【資料圖】", "Siehe auch", "?", "??", "。",
    "以下內容以奧特曼本人口吻展開", "\x1b", "\x00", "\x07", "\x7f", "\x85", "\u202e", "\u2028", "\ufeff", "\ufffd",
    "https://x.y", "關鍵詞:", "Anzeige", "#", "·", "00:00:01,000 --> 00:00:02,000", "[01:02]", " 0:03", "1:02:03.5 ",
    "**", "WEBVTT",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join)
_ANY = st.one_of(_TEXT, st.text())
_FAST = settings(max_examples=200, deadline=None)
_CONTROL_LEFT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@_FAST
@given(_ANY)
def test_parsing_never_raises_and_offsets_are_consistent(text):
    doc = build_document(text)  # the unguarded parser: the safety net must not be needed
    previous_end = 0
    for block in doc.blocks:
        assert previous_end <= block.start < block.end <= len(doc.text)
        assert doc.block_text(block) == doc.text[block.start : block.end]
        assert block.kind in {"heading", "turn", "narration", "note", "boilerplate"}
        assert (block.speaker is not None) == (block.kind == "turn")
        previous_end = block.end
    assert doc.language in {"zh", "de", "en", "und"}
    assert doc.script in {None, "hans", "hant", "mixed"}
    assert doc.title and not has_control(doc.title)
    assert sum(s.turns for s in doc.speakers) == sum(1 for b in doc.turns if not b.continuation)


@_FAST
@given(_ANY)
def test_no_control_character_survives_in_the_document_text(text):
    doc = parse_text(text)
    assert _CONTROL_LEFT.search(doc.text) is None
    assert "\r" not in doc.text and "\ufeff" not in doc.text


@_FAST
@given(_ANY)
@example("進(jìn)(jìn)行")  # removing one annotation must not expose another
def test_parsing_the_cleaned_text_again_changes_nothing(text):
    doc = build_document(text)
    again = build_document(doc.text)
    assert again.text == doc.text
    assert again.blocks == doc.blocks


@_FAST
@given(st.text())
def test_sanitize_is_idempotent_and_length_preserving(text):
    once = sanitize(text)
    assert len(once) == len(text)
    assert sanitize(once) == once
    assert not has_control(once)
