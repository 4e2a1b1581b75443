"""The reading cursor's moves over document text (reader.ui.transcript.cursor)."""

from __future__ import annotations

from reader.model import Block, Document
from reader.ui.transcript.cursor import Caret, Motions, sentence_spans

EN = "Hello, world. It's 3.5 times better! Next line\nSecond paragraph."
ZH = "我认为这是一段旅程，绝对不是。你好！「對。」OK"


def document(*texts: str, kinds: tuple[str, ...] | None = None) -> Document:
    parts, blocks, pos = [], [], 0
    for i, text in enumerate(texts):
        blocks.append(Block(kinds[i] if kinds else "turn", pos, pos + len(text), "A"))
        parts.append(text)
        pos += len(text) + 2
    return Document(text="\n\n".join(parts), blocks=blocks, title="t", language="en", script=None)


def walk(motions: Motions, move: str, start: int, forward: bool, steps: int) -> list[int]:
    out, pos = [], start
    for _ in range(steps):
        pos = getattr(motions, move)(pos, forward)
        out.append(pos)
    return out


def test_characters_skip_newlines_and_the_gap_between_blocks():
    doc = document("ab\ncd", "我们")
    m = Motions(doc)
    seen = [doc.text[p] for p in walk(m, "char", 0, True, 5)]
    assert seen == ["b", "c", "d", "我", "们"]
    assert m.char(doc.text.index("们"), True) == doc.text.index("们")  # the end: stays
    back = [doc.text[p] for p in walk(m, "char", doc.text.index("们"), False, 5)]
    assert back == ["我", "d", "c", "b", "a"]


def test_folded_blocks_are_skipped():
    doc = document("one", "boiler plate", "two")
    m = Motions(doc, shown=lambda i: i != 1)
    assert doc.text[m.char(doc.text.index("e"), True)] == "t"
    assert doc.text[m.word(0, True)] == "t"
    assert m.clamp(doc.blocks[1].start + 3) == doc.blocks[2].start


def test_latin_words_and_cjk_runs():
    doc = document(EN, ZH)
    m = Motions(doc)
    starts = walk(m, "word", 0, True, 9)
    words = [doc.text[p : m.word_at(p)[1]] for p in starts]
    assert words == ["world", "It's", "3", "5", "times", "better", "Next", "line", "Second"]
    zh = doc.blocks[1].start
    runs = [doc.text[p : m.word_at(p)[1]] for p in walk(m, "word", zh, True, 4)]
    assert runs == ["绝对不是", "你好", "對", "OK"]
    assert doc.text[slice(*m.word_at(zh + 3))] == "我认为这是一段旅程"
    # back: to the start of this word first, then of the one before
    inside = doc.text.index("orld")
    assert walk(m, "word", inside, False, 2) == [doc.text.index("world"), 0]


def test_word_at_punctuation_is_the_character():
    doc = document(ZH)
    m = Motions(doc)
    comma = doc.text.index("，")
    assert m.word_at(comma) == (comma, comma + 1)


def test_sentences():
    assert [EN[s:e] for s, e in sentence_spans(EN, 0, len(EN))] == [
        "Hello, world.",
        "It's 3.5 times better!",
        "Next line",
        "Second paragraph.",
    ]
    assert [ZH[s:e] for s, e in sentence_spans(ZH, 0, len(ZH))] == [
        "我认为这是一段旅程，绝对不是。",
        "你好！",
        "「對。」",
        "OK",
    ]
    doc = document(EN, ZH)
    m = Motions(doc)
    forward = [doc.text[p : p + 4] for p in walk(m, "sentence", 0, True, 6)]
    assert forward == ["It's", "Next", "Seco", "我认为这", "你好！「", "「對。」"]
    here = doc.text.index("times")
    assert doc.text[m.sentence(here, False)] == "I"  # the start of this sentence
    assert doc.text[slice(*m.sentence_at(here))] == "It's 3.5 times better!"


def test_caret_selection_includes_both_ends():
    caret = Caret(position=5, anchor=2)
    assert caret.selection == (2, 6)
    caret.position = 0
    assert caret.selection == (0, 3)
    caret.select((10, 14))
    assert (caret.anchor, caret.position, caret.selection) == (10, 13, (10, 14))
    assert Caret(3).selection is None
