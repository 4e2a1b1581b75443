"""Properties for any input whatsoever (issue 7): opening arbitrary bytes
never raises anything but LoadError, and the document it gives is
consistent and free of control characters; the highlight store round-trips
arbitrary highlight data (notes, tags, quotes with any characters)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.load import LoadError, decode, load_document, looks_binary
from reader.parse import build_document
from reader.sanitize import has_control
from reader.store import COLOURS, Store

_FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "gb18030", "big5", "latin-1", "utf-8-sig"]
# Bytes as files come: text in some encoding, with binary junk spliced in.
_TEXT_BYTES = st.tuples(st.text(max_size=80), st.sampled_from(_ENCODINGS)).map(
    lambda pair: pair[0].encode(pair[1], errors="replace")
)
_BYTES = st.lists(st.one_of(_TEXT_BYTES, st.binary(max_size=40)), max_size=6).map(b"".join)
_SUFFIXES = st.sampled_from([".txt", ".md", ".srt", ".vtt", ".json", ""])


def check_document(doc) -> None:
    previous = 0
    for block in doc.blocks:
        assert previous <= block.start < block.end <= len(doc.text)
        previous = block.end
    assert not has_control(doc.text.replace("\t", ""))
    assert doc.title and not has_control(doc.title) and "\n" not in doc.title


@_FAST
@given(_BYTES, _SUFFIXES)
@example(b"", ".txt")
@example(b"\xff", ".txt")
@example(b"\xef\xbb\xbf", ".vtt")
@example(b"\xff\xfe", ".srt")
@example("\x1b]0;PWNED\x07Anna: [bold]x[/] \u009b2J".encode(), ".txt")
def test_decoding_and_parsing_any_bytes_never_raises(data, suffix):
    looks_binary(data)
    decoded = decode(data)
    assert isinstance(decoded.text, str)
    check_document(build_document(decoded.text, path=Path("any" + suffix), damaged=decoded.damaged))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BYTES, _SUFFIXES)
def test_opening_any_file_gives_a_document_or_a_one_line_load_error(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"any{suffix}"
        path.write_bytes(data)
        try:
            doc = load_document(path)
        except LoadError as error:
            assert "\n" not in str(error)
        else:
            check_document(doc)


_NOTE = st.text(max_size=60)  # any character: controls, markup, bidi, astral
_TAGS = st.lists(st.text(max_size=12), max_size=4)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(min_size=1, max_size=200),
    data=st.data(),
    note=_NOTE,
    tags=_TAGS,
    colour=st.sampled_from(COLOURS),
    new_note=_NOTE,
)
def test_the_store_round_trips_arbitrary_highlight_data(text, data, note, tags, colour, new_note):
    doc = build_document(text)
    if not doc.text:
        return
    start = data.draw(st.integers(0, len(doc.text) - 1))
    end = data.draw(st.integers(start + 1, len(doc.text)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.json"
        store = Store.open(path)
        first = store.add(doc, start, end, colour=colour, note=note, tags=tags)
        second = store.add(doc, 0, len(doc.text), note=note)
        second = store.update(second.id, note=new_note)
        assert store.save() is None
        again = Store.open(path)
        assert again.warnings == []
        assert again.get(first.id) == first and again.get(second.id) == second
        assert again.get(first.id).quote.exact == doc.text[start:end]
        placed = {a.highlight.id: (a.start, a.end) for a in again.highlights_for(doc)}
        assert placed[first.id] == (start, end)
