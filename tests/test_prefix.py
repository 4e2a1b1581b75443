"""The preview of a big transcript (reader.parse.prefix): where it is cut,
that it reads as the whole does, and where a preview offset is in the whole."""

from __future__ import annotations

from pathlib import Path

from reader.parse import parse_text
from reader.parse.prefix import MIN_CHARS, map_offset, parse_preview, preview_cut
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
