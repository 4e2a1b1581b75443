"""The transcript's wrapping and line model, without an app."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.model import Block, Document
from reader.ui.script.display import Identity
from reader.ui.transcript.layout import DocLayout
from reader.ui.transcript.lines import TEXT, block_lines, visible_width, wrap


def pieces(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e in wrap(text, width)]


def test_cjk_characters_take_two_cells():
    lines = pieces("这是一个很长的中文句子没有空格", 10)
    assert lines[0] == "这是一个很"
    assert all(visible_width(line) <= 10 for line in lines)
    assert "".join(lines) == "这是一个很长的中文句子没有空格"


def test_latin_wraps_at_spaces():
    lines = pieces("the quick brown fox jumps over the lazy dog", 12)
    assert lines == ["the quick ", "brown fox ", "jumps over ", "the lazy dog"]


def test_mixed_script_breaks_next_to_cjk_but_not_inside_words():
    text = "我们之前还推出了一个名为 WebGPT 的 demo,它是一个很有趣的 demo。"
    lines = pieces(text, 16)
    assert "".join(lines) == text
    assert all(visible_width(line) <= 16 for line in lines)
    # no Latin word is cut in two
    assert any("WebGPT" in line for line in lines)
    assert sum(line.count("demo") for line in lines) == 2


def test_closing_punctuation_does_not_start_a_line():
    text = "一二三四五。六七八"
    lines = pieces(text, 10)  # 五 fits exactly; 。 would start the next line
    assert not lines[1].startswith("。")
    assert "".join(lines) == text


def test_an_opening_quote_does_not_end_a_line():
    text = "他起訴是因為“我們很棒”"
    lines = pieces(text, 13)  # “ would fit as the 13th cell
    assert lines[0] == "他起訴是因為"
    assert lines[1].startswith("“")


def test_a_200k_character_line_without_spaces_wraps_into_width_sized_pieces():
    text = "x" * 200_000
    lines = pieces(text, 80)
    assert len(lines) == 2500
    assert all(len(line) == 80 for line in lines)


def test_a_200k_character_cjk_line_wraps():
    text = "字" * 200_000
    lines = pieces(text, 81)
    assert all(cell_len(line) == 80 for line in lines)
    assert "".join(lines) == text


def test_narrower_than_one_cjk_character_still_progresses():
    lines = pieces("中文字", 1)
    assert lines == ["中", "文", "字"]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab cd  efg中文字。，「」(),.xyzÄ")), max_size=120),
    st.integers(min_value=2, max_value=40),
)
def test_lines_tile_the_text_and_fit_the_width(text, width):
    spans = wrap(text, width)
    assert "".join(text[s:e] for s, e in spans) == text
    for s, e in spans:
        line = text[s:e]
        # a single unbreakable character may be wider than a 1-cell line
        assert visible_width(line) <= width or len(line.strip()) == 1


def doc_of(text: str, kind: str = "turn", speaker: str | None = "A") -> Document:
    return Document(text=text, blocks=[Block(kind, 0, len(text), speaker)], title="t", language="zh", script="hans")


def test_source_spans_of_a_blocks_lines_reconstruct_its_text():
    text = "Kevin 说:我们之前还推出了一个名为 WebGPT 的 demo。\n第二段 second paragraph here."
    doc = doc_of(text)
    lines = block_lines(0, doc.blocks[0], Identity(text), 12, label="A")
    body = [line for line in lines if line.role == TEXT]
    assert "".join(doc.text[line.start : line.end] for line in body) == text
    assert lines[0].role == "label" and lines[-1].role == "blank"


def estimated_doc(n: int) -> Document:
    parts, blocks, pos = [], [], 0
    for i in range(n):
        text = ("word " * (7 + i % 40)).strip()
        parts.append(text)
        blocks.append(Block("turn", pos, pos + len(text), f"S{i % 3}"))
        pos += len(text) + 1
    return Document(text="\n".join(parts), blocks=blocks, title="t", language="en", script=None)


def make_layout(doc: Document, width: int, eager_chars: int = 0) -> DocLayout:
    return DocLayout(
        doc, width, lambda i: Identity(doc.block_text(doc.blocks[i])),
        lambda i: doc.blocks[i].speaker, eager_chars=eager_chars,
    )


def test_lazy_layout_wraps_only_what_is_asked_and_stays_consistent():
    doc = estimated_doc(2000)
    layout = make_layout(doc, 30)
    assert sum(layout.exact) == 0  # nothing wrapped up front
    layout.ensure(0, 50)
    assert 0 < sum(layout.exact) < 40
    # positions are prefix sums of the counts
    for block in range(len(layout)):
        assert layout.end(block) - layout.start(block) == layout.counts[block]
    exact = make_layout(doc, 30, eager_chars=10**9)
    for y in range(0, 50):
        assert layout.line(y) == exact.line(y)


def test_every_line_of_a_layout_knows_its_block_and_source():
    doc = estimated_doc(50)
    layout = make_layout(doc, 25, eager_chars=10**9)
    for y in range(layout.total):
        line = layout.line(y)
        assert line is not None
        block = doc.blocks[line.block]
        assert block.start <= line.start <= line.end <= block.end
        assert layout.block_at(y) == line.block
