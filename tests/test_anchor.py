"""Re-anchoring highlights in edited documents (reader.anchor)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.anchor import (
    CONTEXT,
    MAX_ERROR_RATE,
    Quote,
    _myers,
    approximate_matches,
    make_quote,
    reanchor,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GERMAN = (CORPUS / "build-2023-brockman-scott-de.txt").read_text(encoding="utf-8")
CHINESE = (CORPUS / "kevin-scott-no-priors-zh-hans.txt").read_text(encoding="utf-8")


def highlight(text: str, needle: str, nth: int = 0) -> tuple[Quote, int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return make_quote(text, start, start + len(needle)), start, start + len(needle)


# Edited documents


def test_unchanged_text_keeps_the_position():
    quote, start, end = highlight(GERMAN, "Ich möchte mit dem ChatGPT-Erlebnis beginnen")
    found = reanchor(GERMAN, quote, start, end)
    assert (found.start, found.end, found.method) == (start, end, "position")


@pytest.mark.parametrize("text", [GERMAN, CHINESE], ids=["de", "zh"])
def test_insertion_before_moves_the_highlight(text):
    needle = text[5000:5040]
    quote, start, end = highlight(text, needle)
    inserted = "Ein ganz neuer Absatz, der vorher nicht da war.\n\n新增的一段。\n"
    edited = text[:1000] + inserted + text[1000:]
    found = reanchor(edited, quote, start, end)
    assert (found.start, found.end) == (start + len(inserted), end + len(inserted))
    assert found.method == "exact"


def test_short_quote_moves_with_its_context():
    quote, start, end = highlight(GERMAN, "Harvard")
    edited = "Vorwort.\n\n" + GERMAN
    found = reanchor(edited, quote, start, end)
    assert edited[found.start : found.end] == "Harvard"
    assert found.start == start + len("Vorwort.\n\n")


def test_edit_inside_the_quote_is_found_approximately():
    needle = "Ich möchte mit dem ChatGPT-Erlebnis beginnen"
    quote, start, end = highlight(GERMAN, needle)
    edited = GERMAN.replace("mit dem ChatGPT-Erlebnis", "mit der ChatGPT-Erfahrung", 1)
    found = reanchor(edited, quote, start, end)
    assert found.method == "fuzzy"
    assert edited[found.start : found.end] == "Ich möchte mit der ChatGPT-Erfahrung beginnen"


def test_edit_inside_a_chinese_quote():
    quote, start, end = highlight(CHINESE, CHINESE[5000:5030])
    edited = CHINESE[:5010] + "修改" + CHINESE[5012:]
    found = reanchor(edited, quote, start, end)
    assert found.method == "fuzzy" and (found.start, found.end) == (start, end)


def test_deleted_passage_makes_an_orphan():
    quote, start, end = highlight(GERMAN, GERMAN[5000:5060])
    edited = GERMAN[:4900] + GERMAN[5200:]
    assert reanchor(edited, quote, start, end) is None


def test_rewritten_passage_makes_an_orphan():
    quote, start, end = highlight(CHINESE, CHINESE[3000:3020])
    edited = CHINESE[:2950] + "这一段被完全改写了,内容与原来毫无关系,只是为了测试。" * 3 + CHINESE[3070:]
    assert reanchor(edited, quote, start, end) is None


def test_short_quote_never_lands_on_an_unrelated_place():
    text = "Interviewer: Und dann? Scott: Ja. Das war so.\n" + "Füllung. " * 20 + "Sie sagte ja, das stimmt."
    quote, start, end = highlight(text, "Ja")
    edited = "Interviewer: Und dann? Scott: Nein, eigentlich nicht.\n" + "Füllung. " * 20 + "Sie sagte Ja, das stimmt."
    assert reanchor(edited, quote, start, end) is None


def test_repeated_phrase_finds_the_right_occurrence():
    text = (
        "Kevin: Am Anfang dachten wir, we need more compute, und zwar sofort.\n"
        "Greg: Ganz anders später: we need more compute, sagte er zum Vorstand.\n"
    )
    quote, start, end = highlight(text, "we need more compute", nth=1)
    edited = "Einleitung.\n" + text.replace("Am Anfang", "Ganz am Anfang")
    found = reanchor(edited, quote, start, end)
    assert edited[found.start : found.end] == "we need more compute"
    assert edited[found.end : found.end + 10] == ", sagte er"


def test_repeated_phrase_after_the_old_position_moved_up():
    # The first occurrence ends up at the old position of the second: the
    # context, not the position, decides.
    first = "A sagte: das ist wichtig, und ging.\n"
    second = "B meinte: das ist wichtig, ganz sicher.\n"
    text = "x" * len(first) + first + second
    quote, start, end = highlight(text, "das ist wichtig", nth=1)
    edited = first + first + second
    found = reanchor(edited, quote, start, end)
    assert edited[found.start - 10 : found.start] == "B meinte: "


def test_document_edges_count_as_context():
    quote, start, end = highlight("Ja", "Ja")
    assert reanchor("Ja", quote, start, end).method == "position"
    assert reanchor("Ja\nNein", quote, start, end).start == 0


def test_empty_quote_is_an_orphan():
    assert reanchor("text", Quote("", "", ""), 0, 0) is None


def test_many_occurrences_stay_fast():
    text = "的" * 20000 + "我们需要的" + "的" * 20000
    quote, start, end = highlight(text, "需要的")
    edited = "新" + text
    found = reanchor(edited, quote, start, end)
    assert (found.start, found.end) == (start + 1, end + 1)


def test_make_quote_keeps_32_code_points_of_context():
    text = "𠀀" * 50 + "QUOTE" + "字" * 50
    quote = make_quote(text, 50, 55)
    assert quote == Quote("QUOTE", "𠀀" * CONTEXT, "字" * CONTEXT)


# Properties

TEXT = st.text(alphabet="abcdefghijklmnop qrstuvwxyz,.的是了我你他们中国人", max_size=200)


@st.composite
def text_and_span(draw, min_text=1):
    text = draw(TEXT.filter(lambda t: len(t) >= min_text))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_span(), st.text(alphabet="xyz 中文ABC", min_size=1, max_size=80), st.data())
def test_insertion_outside_the_quote_keeps_it_exactly(span, inserted, data):
    text, start, end = span
    at = data.draw(st.one_of(st.integers(0, start), st.integers(end, len(text))))
    edited = text[:at] + inserted + text[at:]
    shift = len(inserted) if at <= start else 0
    quote = make_quote(text, start, end)
    found = reanchor(edited, quote, start, end)
    # One side of the context is always intact, so the moved quote is
    # always acceptable: it lands on an exact occurrence...
    assert found is not None and edited[found.start : found.end] == quote.exact
    # ...and on the moved quote itself whenever that is the only one.
    if _unique(edited, quote.exact):
        assert (found.start, found.end) == (start + shift, end + shift)


def _unique(text: str, needle: str) -> bool:
    first = text.find(needle)
    return first != -1 and text.find(needle, first + 1) == -1


@settings(max_examples=150, deadline=None)
@given(text_and_span())
def test_deleting_the_quote_makes_an_orphan_or_lands_on_an_occurrence(span):
    text, start, end = span
    quote = make_quote(text, start, end)
    edited = text[:start] + text[end:]
    found = reanchor(edited, quote, start, end)
    bound = int(len(quote.exact) * MAX_ERROR_RATE)
    if found is None:
        return
    if found.method == "fuzzy":
        assert quote.exact not in edited and approximate_matches(edited, quote.exact, bound)
        assert _distance(quote.exact, edited[found.start : found.end]) <= bound
    else:
        assert edited[found.start : found.end] == quote.exact


@settings(max_examples=100, deadline=None)
@given(text_and_span(), st.text(max_size=100), st.integers(-5, 300), st.integers(-5, 300))
def test_never_raises(span, edited, old_start, old_end):
    text, start, end = span
    quote = make_quote(text, start, end)
    for where in ((start, end), (old_start, old_end)):
        found = reanchor(edited, quote, *where)
        assert found is None or 0 <= found.start <= found.end <= len(edited)


@settings(max_examples=150, deadline=None)
@given(st.text("abc", min_size=1, max_size=8), st.text("abc", max_size=20), st.integers(0, 4), st.booleans())
def test_myers_agrees_with_the_textbook_recurrence(pattern, text, k, anchored):
    assert _myers(pattern, text, k, anchored=anchored) == _naive(pattern, text, k, anchored)


def _naive(pattern: str, text: str, k: int, anchored: bool) -> list[tuple[int, int]]:
    previous = list(range(len(pattern) + 1))
    found = [(0, len(pattern))] if anchored and len(pattern) <= k else []
    for j, ch in enumerate(text, 1):
        row = [j if anchored else 0]
        for i, p in enumerate(pattern, 1):
            row.append(min(previous[i] + 1, row[i - 1] + 1, previous[i - 1] + (p != ch)))
        previous = row
        if row[-1] <= k:
            found.append((j, row[-1]))
    return found


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = row
    return previous[-1]
