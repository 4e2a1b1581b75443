"""The preview of a big transcript (reader.parse.prefix): where it is cut,
that it reads as the whole does, and where a preview offset is in the whole."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.parse import parse_text
from reader.parse.prefix import MIN_CHARS, parse_preview, preview_cut
from reader.preview import join_preview, map_joined_offset, map_offset, tail_start
from reader.resources import corpus_dir

SEED = corpus_dir() / "kevin-scott-no-priors-zh-hans.txt"


def big_text(min_chars: int = MIN_CHARS * 2) -> str:
    """A long transcript made of a bundled one, numbered so every turn differs."""
    seed = SEED.read_text(encoding="utf-8")
    parts, n = [], 0
    while sum(map(len, parts)) < min_chars:
        n += 1
        parts.append(f"第 {n} 段\n\n" + seed)
    return "\n\n".join(parts)


def test_short_texts_have_no_preview():
    assert preview_cut("Host: hello\n\nGuest: hi\n") is None
    assert parse_preview(SEED.read_text(encoding="utf-8"), path=SEED) is None


def test_the_cut_is_after_a_blank_line_before_the_limit():
    text = big_text()
    cut = preview_cut(text, 20_000)
    assert cut is not None and 5_000 < cut <= 20_000
    assert text[:cut].endswith("\n\n") or text[:cut].rstrip(" \t\r\u3000").endswith("\n")


def test_one_giant_line_has_no_preview():
    assert preview_cut("字" * (MIN_CHARS * 2)) is None


def test_json_is_read_whole():
    text = "[" + ",".join('{"speaker": "A", "text": "hello"}' for _ in range(20_000)) + "]"
    assert parse_preview(text + "\n\n" + "x\n" * MIN_CHARS, path=Path("talk.json")) is None


def test_the_preview_reads_as_the_opening_of_the_whole():
    """Cleaning is local here: the preview's text is the start of the whole
    document's text, and its blocks are the whole's first blocks, offsets and all."""
    text = big_text()
    path = Path("big.txt")
    preview = parse_preview(text, path=path)
    whole = parse_text(text, path=path)
    assert preview is not None and 0 < len(preview.blocks) < len(whole.blocks)
    assert whole.text.startswith(preview.text)
    assert preview.blocks[:-1] == whole.blocks[: len(preview.blocks) - 1]
    assert (preview.title, preview.language, preview.script) == (whole.title, whole.language, whole.script)
    for offset in (0, 17, len(preview.text) // 2, len(preview.text) - 1):
        assert map_offset(preview.text, whole.text, offset) == offset


def test_an_offset_is_found_again_where_the_texts_differ():
    """A whole-text decision (joining hard-wrapped lines, say) makes the two
    texts differ: the offset is found by the text at it."""
    preview = "Host: the first line\nwraps here\n\nGuest: an answer that is long enough to find\n"
    whole = "Host: the first line wraps here\n\nGuest: an answer that is long enough to find\n"
    at = preview.index("an answer")
    assert map_offset(preview, whole, at) == whole.index("an answer")
    at = preview.index("wraps")
    assert map_offset(preview, whole, at) == whole.index("wraps")


def test_an_offset_that_cannot_be_found_stays_in_range():
    assert map_offset("abcdef" * 10, "zzz", 40) == 3
    assert map_offset("", "", 5) == 0


# --- the end of a big file, shown with its opening (join_preview) ---------------------------

GAP = "……中间部分仍在加载……"
TAIL_CHARS = 40_000  # about what reader.preview reads from a big file's end (TAIL_BYTES of Chinese)


def turns_by_speaker(doc) -> dict[str, int]:
    return dict(Counter(b.speaker for b in doc.blocks if b.kind == "turn" and not b.continuation))


def test_the_end_of_a_text_starts_just_after_its_first_blank_line():
    cut = "被切断的半句话\nHost: the rest of a turn\n\nGuest: a whole turn\n\nHost: another\n"
    at = tail_start(cut)
    assert cut[at:] == "Guest: a whole turn\n\nHost: another\n"
    # a blank line may hold spaces, tabs, ideographic spaces, or be a Windows one
    spaced = cut.replace("\n\n", "\n \t\u3000\n")
    assert spaced[tail_start(spaced) :] == "Guest: a whole turn\n \t\u3000\nHost: another\n"
    windows = cut.replace("\n", "\r\n")
    assert windows[tail_start(windows) :].startswith("Guest: a whole turn\r\n")
    # a cut just before a blank line loses nothing; just inside one, the paragraph after it
    assert tail_start("\n\nGuest: a\n\nHost: b") == 2
    assert tail_start("\nGuest: a\n\nHost: b") == len("\nGuest: a\n\n")


def test_no_end_without_a_blank_line_to_start_it():
    assert tail_start("") is None
    assert tail_start("one line") is None
    assert tail_start("line one\nline two\nline three\n") is None
    assert tail_start("a paragraph that ends the file\n\n") is None  # nothing after it
    assert tail_start("a paragraph\n \t\n") is None


_LINE = st.text(alphabet="ab 字。\t", min_size=1, max_size=8).filter(lambda s: s.strip() != "")
_PARAGRAPH = st.lists(_LINE, min_size=1, max_size=3).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=8), st.sampled_from(["", "\n", "\n\n"]), st.data())
def test_the_end_starts_at_the_first_whole_paragraph(paragraphs, ending, data):
    """Paragraphs cut anywhere (the seek of the file's end): the text from
    tail_start is every paragraph after the cut that is whole and follows a
    blank line, none cut in two — or None if there is none."""
    whole = "\n\n".join(paragraphs) + ending
    cut = data.draw(st.integers(0, len(whole)))
    text = whole[cut:]
    starts = [len("\n\n".join(paragraphs[:i])) + (2 if i else 0) for i in range(len(paragraphs))]
    after_a_blank_line = [i for i, s in enumerate(starts) if i and s - 2 >= cut]
    at = tail_start(text)
    if not after_a_blank_line:
        assert at is None
    else:
        assert text[at:] == "\n\n".join(paragraphs[after_a_blank_line[0] :]) + ending
        assert re.search(r"\n[ \t\r\u3000]*\n\Z", text[:at])


def small_head_and_tail():
    head = parse_text(
        "访谈实录\n\n主持人：欢迎收听。\n\n王小明：谢谢邀请。\n\n主持人：我们开始吧。\n\n王小明：好的。\n",
        path=Path("访谈.txt"),
    )
    tail = parse_text(
        "王小明：這是最後一段。\n\n李華：我補充一句。\n\n王小明：謝謝大家。\n\n李華：再見。\n",
        path=Path("访谈.txt"),
        damaged=True,
    )
    # what the tests below rely on
    assert turns_by_speaker(head) == {"主持人": 2, "王小明": 2}
    assert turns_by_speaker(tail) == {"王小明": 2, "李華": 2}
    assert (head.script, tail.script) == ("hans", "hant") and head.title != tail.title
    return head, tail


def test_the_joined_text_is_the_opening_the_note_and_the_end():
    head, tail = small_head_and_tail()
    joined, tail_at = join_preview(head, tail, GAP)
    assert joined.text.startswith(head.text)
    assert joined.text[tail_at:] == tail.text
    assert joined.text[len(head.text) : tail_at].strip() == GAP  # between the two: the note alone
    assert joined.blocks[: len(head.blocks)] == head.blocks  # the opening as it was, offsets and all
    note = joined.blocks[len(head.blocks)]
    assert note.kind == "note" and joined.block_text(note) == GAP and note.speaker is None
    assert len(joined.blocks) == len(head.blocks) + 1 + len(tail.blocks)


def test_every_block_of_the_end_points_at_the_text_it_pointed_at():
    head, tail = small_head_and_tail()
    joined, tail_at = join_preview(head, tail, GAP)
    for before, after in zip(tail.blocks, joined.blocks[len(head.blocks) + 1 :], strict=True):
        assert after == replace(before, start=before.start + tail_at, end=before.end + tail_at)
        assert joined.block_text(after) == tail.block_text(before)
        assert (after.kind, after.speaker) == (before.kind, before.speaker)
    starts = [b.start for b in joined.blocks]
    assert starts == sorted(starts) and all(b.end <= len(joined.text) for b in joined.blocks)


def test_the_joined_document_counts_both_parts_turns_and_is_named_by_the_opening():
    head, tail = small_head_and_tail()
    joined, _ = join_preview(head, tail, GAP)
    turns = {s.name: s.turns for s in joined.speakers}
    assert turns == {"主持人": 2, "王小明": 4, "李華": 2}
    assert turns == turns_by_speaker(joined)  # as the whole document would count them
    assert [s.name for s in joined.speakers][:2] == [s.name for s in head.speakers]  # the opening's first
    assert (joined.title, joined.language, joined.script) == (head.title, head.language, head.script)
    assert (joined.encoding, joined.path, joined.format) == (head.encoding, head.path, head.format)
    assert joined.damaged  # the end's damage is not hidden
    assert not join_preview(head, replace(tail, damaged=False), GAP)[0].damaged


def preview_with_end(text: str, path: Path):
    """What reader.ui.loader._with_end makes of a big file: its preview
    joined with the text after tail_start of its last ~40,000 characters."""
    head = parse_preview(text, path=path)
    end = text[-TAIL_CHARS:]
    at = tail_start(end)
    assert head is not None and at is not None
    tail = parse_text(end[at:], path=path, encoding=head.encoding)
    joined, tail_at = join_preview(head, tail, GAP)
    return head, tail, joined, tail_at


def test_an_offset_in_the_end_of_the_preview_is_found_at_the_end_of_the_whole():
    """The text of big_text repeats every ~31,000 characters: an offset in
    the end must map to the *end* of the whole, not to the same words in an
    earlier copy."""
    text, path = big_text(), Path("big.txt")
    whole = parse_text(text, path=path)
    head, tail, joined, tail_at = preview_with_end(text, path)
    assert whole.text.endswith(tail.text)
    shift = len(whole.text) - len(joined.text)
    tail_blocks = joined.blocks[len(head.blocks) + 1 :]
    assert len(tail_blocks) > 50
    repeated = 0
    for block in tail_blocks:
        words = joined.block_text(block)
        at = map_joined_offset(joined.text, tail_at, whole.text, block.start)
        assert at == block.start + shift
        assert whole.text[at : at + len(words)] == words
        repeated += whole.text.count(words[:64]) > 1
    assert repeated > len(tail_blocks) // 2  # most of it is found elsewhere too: a real test
    for offset in range(tail_at, len(joined.text) + 1, 97):  # a caret anywhere in the end
        assert map_joined_offset(joined.text, tail_at, whole.text, offset) == offset + shift


def test_an_offset_in_the_opening_of_the_preview_maps_as_map_offset_maps_it():
    text, path = big_text(), Path("big.txt")
    whole = parse_text(text, path=path)
    head, _, joined, tail_at = preview_with_end(text, path)
    for offset in range(len(head.text) + 1):
        assert map_joined_offset(joined.text, tail_at, whole.text, offset) == map_offset(head.text, whole.text, offset)
    for block in head.blocks:  # the opening is the whole's opening, offsets and all
        assert map_joined_offset(joined.text, tail_at, whole.text, block.start) == block.start
    for offset in range(len(head.text), tail_at):  # the note: somewhere in the whole
        assert 0 <= map_joined_offset(joined.text, tail_at, whole.text, offset) <= len(whole.text)
    for offset in (0, 17, 5_000):  # no end joined yet: map_offset itself
        assert map_joined_offset(head.text, None, whole.text, offset) == map_offset(head.text, whole.text, offset)


def test_an_offset_in_the_end_is_found_by_its_text_where_the_texts_differ():
    """The whole may read the end differently (a whole-text decision such as
    joining hard-wrapped lines): the offset is found by the text at it."""
    before = "主持人：开场白。\n\n" * 200
    whole = before + "主持人：第一行接着第二行。\n\n嘉宾：一个足够长、可以找到的回答，就在这里。\n"
    end = "主持人：第一行\n接着第二行。\n\n嘉宾：一个足够长、可以找到的回答，就在这里。\n"
    preview = "主持人：开场白。\n\n" + GAP + "\n\n" + end
    tail_at = len(preview) - len(end)
    answer = preview.index("一个足够长")
    assert map_joined_offset(preview, tail_at, whole, answer) == whole.index("一个足够长")
    assert map_joined_offset(preview, tail_at, whole, preview.index("接着")) == whole.index("接着")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab字 \n。", max_size=120), st.data())
def test_a_preview_made_of_the_whole_texts_opening_and_end_maps_onto_it(whole, data):
    """Where the preview's opening and end are the whole's own text, every
    offset of the opening maps to itself and every offset of the end to the
    same character at the end of the whole."""
    k = data.draw(st.integers(0, len(whole)))
    h = data.draw(st.integers(0, k))
    preview = whole[:h] + "\n\n" + GAP + "\n\n" + whole[k:]
    tail_at = h + 4 + len(GAP)
    for offset in range(h + 1):
        assert map_joined_offset(preview, tail_at, whole, offset) == offset
    for offset in range(tail_at, len(preview) + 1):
        assert map_joined_offset(preview, tail_at, whole, offset) == k + offset - tail_at
