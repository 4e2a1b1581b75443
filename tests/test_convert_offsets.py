"""The offset map of reader.convert.convert_mapped: exact for every mode."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reader.convert as rc
from reader.convert import (
    KNOWN_CONFIGS,
    MODES,
    available_configs,
    convert,
    convert_mapped,
    is_length_preserving,
)

CONFIGS = [c for c in KNOWN_CONFIGS if c in available_configs()]
PHRASE_CONFIGS = [c for c in CONFIGS if not is_length_preserving(c)]
TWIN = {"s2twp": "s2tw", "tw2sp": "tw2s", "s2hkp": "s2hk", "hk2sp": "hk2s"}

# Words that the phrase configs rewrite, in both scripts, and words that
# trap a naive splitter (演算法: 算法 alone becomes 演算法 under s2twp).
WORDS = [
    "计算机科学", "计算机", "科学", "U盘", "使用者", "软件", "内存", "内存条", "鼠标", "信息", "演算法",
    "算法", "网络", "打印机", "头发", "发展", "计算機科學", "電腦", "軟體", "記憶體", "滑鼠", "資訊",
    "網路", "印表機", "隨身碟", "用户", "的士", "出租车", "冰淇淋", "雪糕", "沙律", "沙拉", "丹尼·博伊爾",
    "伊利諾伊州", "SQL注入", "B超", "Kevin Scott", "OpenAI", "乾隆", "著名", "皇后", "後來",
]  # fmt: skip
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ODD = st.sampled_from(["𠮷", "\U0002f800", "\ufa10", "〇", "·", "-", "\x00", "\ud800", "\u3000", "\t", "\r"])
PIECE = st.one_of(
    st.sampled_from(WORDS),
    st.text(CJK, min_size=1, max_size=6),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=5),
    st.sampled_from(list("，。！？、；：,.!? ()「」")),
    st.just("\n"),
    ODD,
)
TEXTS = st.lists(PIECE, max_size=30).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_map(text: str, config: str) -> None:
    mapped = convert_mapped(text, config)
    out = mapped.text
    assert out == convert(text, config)
    n, m = len(text), len(out)

    # The pieces tile both strings, in order, none empty.
    pieces = list(mapped.pieces())
    assert pieces[0][0] == pieces[0][2] == 0
    assert (pieces[-1][1], pieces[-1][3]) == (n, m) or n == m == 0
    for (_, s1, _, d1, _), (s0, _, d0, _, _) in pairwise(pieces):
        assert (s0, d0) == (s1, d1)
    for s0, s1, d0, d1, aligned in pieces:
        assert (s0 < s1 and d0 < d1) or n == m == 0
        if aligned:
            assert s1 - s0 == d1 - d0

    # Units convert on their own to exactly their part of the result.
    for s0, s1, d0, d1 in mapped.units():
        assert convert(text[s0:s1], config) == out[d0:d1], (text[s0:s1], out[d0:d1])

    # Monotonic both ways, covering both strings.
    to_display = [mapped.to_display(i) for i in range(n + 1)]
    to_source = [mapped.to_source(j) for j in range(m + 1)]
    assert to_display[0] == 0 and to_display[-1] == m
    assert to_source[0] == 0 and to_source[-1] == n
    assert to_display == sorted(to_display) and to_source == sorted(to_source)
    # Conversion never crosses a newline: each one maps to a newline.
    for i, ch in enumerate(text):
        if ch == "\n":
            j = to_display[i]
            assert out[j] == "\n" and to_display[i + 1] == j + 1 and mapped.to_source(j) == i

    if is_length_preserving(config):
        assert mapped.is_identity and m == n
    elif config in TWIN and TWIN[config] in available_configs():
        # Aligned pieces are what the character twin makes of the source.
        twin = convert(text, TWIN[config])
        for s0, s1, d0, d1, aligned in pieces:
            if aligned:
                assert out[d0:d1] == twin[s0:s1]


def check_spans(text: str, config: str, spans: list[tuple[int, int]]) -> None:
    mapped = convert_mapped(text, config)
    n, m = len(text), len(mapped.text)
    for a, b in spans:
        a, b = sorted((a % (n + 1), b % (n + 1)))
        da, db = mapped.span_to_display(a, b)
        assert 0 <= da <= db <= m
        # Enclosing: the display span comes from at least the source span…
        sa, sb = mapped.span_to_source(da, db)
        assert sa <= a and b <= sb
        # …and it is the smallest such: mapping it back and forth is stable.
        assert mapped.span_to_display(sa, sb) == (da, db)


@pytest.mark.parametrize("config", CONFIGS)
@SETTINGS
@given(text=TEXTS)
def test_the_map_is_exact(config, text):
    check_map(text, config)


@pytest.mark.parametrize("config", PHRASE_CONFIGS)
@SETTINGS
@given(text=TEXTS, spans=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), max_size=8))
def test_spans_map_to_enclosing_spans(config, text, spans):
    check_spans(text, config, spans)


@pytest.mark.parametrize("mode", [m for m in MODES if m.config], ids=lambda m: m.name)
def test_every_mode_maps_the_word_pool(mode):
    text = "，".join(WORDS) + "\n" + "".join(WORDS) + "\n\n" + " ".join(WORDS)
    check_map(text, mode.config)
    check_spans(text, mode.config, [(i, i + 3) for i in range(0, len(text), 2)])


def test_computer_science_under_s2twp():
    mapped = convert_mapped("计算机科学", "s2twp")
    assert mapped.text == "電腦科學"
    start, end = mapped.span_to_display(3, 5)  # 科学
    assert mapped.text[start:end] == "科學"
    assert mapped.span_to_display(0, 3) == (0, 2)  # 计算机 → 電腦
    assert mapped.span_to_display(1, 2) == (0, 2)  # inside a rewritten word: all of it
    assert mapped.span_to_source(2, 4) == (3, 5)
    assert mapped.to_display(1) == 0 and mapped.to_source(1) == 0


def test_spans_in_a_sentence():
    text = "我的U盘坏了，软件和内存都没了。"
    mapped = convert_mapped(text, "s2twp")
    assert mapped.text == "我的隨身碟壞了，軟體和記憶體都沒了。"

    def shown(word: str) -> str:
        start = text.index(word)
        a, b = mapped.span_to_display(start, start + len(word))
        return mapped.text[a:b]

    assert shown("U盘") == "隨身碟"
    assert shown("坏了") == "壞了"
    assert shown("软件") == "軟體"
    assert shown("内存") == "記憶體"
    assert shown("都没了。") == "都沒了。"
    assert mapped.span_to_source(*mapped.span_to_display(8, 10)) == (8, 10)


def test_algorithm_is_not_doubled():
    assert convert("演算法", "s2twp") == "演算法"
    mapped = convert_mapped("演算法", "s2twp")
    assert mapped.text == "演算法" and mapped.is_identity
    mapped = convert_mapped("用演算法和算法", "s2twp")
    assert mapped.text == "用演算法和演算法"
    assert mapped.span_to_display(5, 7) == (5, 8)


def test_software():
    assert convert("软件", "s2twp") == "軟體"
    assert convert("软件", "s2t") == "軟件"
    assert convert_mapped("软件", "s2t").is_identity
    mapped = convert_mapped("软件", "s2twp")
    assert mapped.span_to_display(0, 1) == (0, 1)  # 软 → 軟, as s2tw has it
    assert mapped.span_to_display(1, 2) == (1, 2)


def test_taiwan_to_mainland_phrases():
    mapped = convert_mapped("使用者的記憶體", "tw2sp")
    assert mapped.text == "用户的内存"
    assert mapped.span_to_display(0, 3) == (0, 2)
    assert mapped.span_to_display(3, 4) == (2, 3)
    assert mapped.span_to_display(4, 7) == (3, 5)
    assert mapped.span_to_source(3, 5) == (4, 7)


def test_character_configs_are_identity_maps():
    text = "头发和发展，乾隆皇后𠮷\U0002f800\n" * 3
    for config in CONFIGS:
        if is_length_preserving(config):
            mapped = convert_mapped(text, config)
            assert mapped.is_identity and len(mapped.text) == len(text)
            assert mapped.to_display(7) == 7 and mapped.span_to_source(3, 9) == (3, 9)


def test_offsets_are_clamped():
    mapped = convert_mapped("计算机科学", "s2twp")
    assert mapped.to_display(-5) == 0 and mapped.to_display(99) == 4
    assert mapped.span_to_display(-1, 99) == (0, 4)
    with pytest.raises(ValueError):
        mapped.span_to_display(3, 1)


def test_without_a_free_marker_the_text_is_one_sentence():
    text = "\x1e\x1f\ufdd0\ufdd1软件，内存。" * 3
    check_map(text, "s2twp")


def test_a_long_line_maps_exactly():
    # One line, no separators at all: only bisection can split it.
    text = "".join(WORDS[:16]).replace(" ", "") * 40
    check_map(text, "s2twp")
    check_map(text, "tw2sp")


@pytest.mark.parametrize("config", CONFIGS)
@SETTINGS
@given(text=TEXTS)
def test_chunks_of_lines_change_nothing(config, text):
    # Long texts convert in chunks of whole lines (the binding holds the
    # GIL); with tiny chunks every line boundary is a chunk boundary.
    whole_text, whole_map = convert(text, config), convert_mapped(text, config)
    with mock.patch.object(rc, "_CHUNK", 3):
        assert convert(text, config) == whole_text
        check_map(text, config)
        chunked = convert_mapped(text, config)
    assert chunked.text == whole_map.text
    assert [chunked.to_display(i) for i in range(len(text) + 1)] == [
        whole_map.to_display(i) for i in range(len(text) + 1)
    ]


def test_a_long_transcript_converts_line_by_line():
    text = Path(__file__).resolve().parent.parent.joinpath("corpus", "kevin-scott-no-priors-zh-hans.txt").read_text("utf-8")
    long_text = (text + "\n") * 12
    assert len(long_text) > 2 * rc._CHUNK
    for config in ("s2t", "s2twp"):
        by_line = "\n".join(convert(line, config) for line in long_text.split("\n"))
        assert convert(long_text, config) == by_line
        mapped = convert_mapped(long_text, config)
        assert mapped.text == by_line
        for s0, s1, d0, d1 in mapped.units():
            assert convert(long_text[s0:s1], config) == by_line[d0:d1]
