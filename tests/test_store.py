"""The highlight store: round trip, merging, undo, bad files, migration,
re-anchoring through the store (reader.store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.load import load_document
from reader.store import SCHEMA_VERSION, Store, default_store_path
from reader.store.records import later
from reader.store.schema import State, dump, merge, parse

TRANSCRIPT = """Interview über Rechenleistung

Anna: Wie hat alles angefangen?

Kevin Scott: Wir brauchten mehr Rechenleistung, und zwar sofort. Das war 2019.

Greg Brockman: Ja, genau. Niemand hatte so viele GPUs.

Anna: Und dann?

Kevin Scott: Dann haben wir gebaut, einen Supercomputer nach dem anderen.
"""


@pytest.fixture(autouse=True)
def no_store_override(monkeypatch):
    monkeypatch.delenv("READER_STORE", raising=False)


@pytest.fixture
def transcript(tmp_path) -> Path:
    path = tmp_path / "interview.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


def span(document, needle: str) -> tuple[int, int]:
    start = document.text.index(needle)
    return start, start + len(needle)


def test_default_location_and_override(tmp_path, monkeypatch, isolated_home):
    assert default_store_path() == isolated_home / "data" / "highlights.json"
    monkeypatch.setenv("READER_STORE", str(tmp_path / "mine.json"))
    assert default_store_path() == tmp_path / "mine.json"
    assert Store.open().path == tmp_path / "mine.json"
    assert Store.open(tmp_path / "other.json").path == tmp_path / "other.json"


def test_round_trip(transcript, tmp_path):
    document = load_document(transcript)
    store = Store.open(tmp_path / "store.json")
    start, end = span(document, "mehr Rechenleistung")
    added = store.add(document, start, end, colour="Green", note="Kern", tags=["compute", "compute", " ai "])
    assert store.save() is None and not store.dirty

    again = Store.open(tmp_path / "store.json")
    assert again.warnings == []
    assert again.highlights() == [added]
    record = json.loads((tmp_path / "store.json").read_text(encoding="utf-8"))
    assert record["schema_version"] == SCHEMA_VERSION
    (saved,) = record["highlights"]
    assert saved["document"] == {
        "path": str(transcript.resolve()),
        "sha256": added.document.sha256,
        "title": "Interview über Rechenleistung",
    }
    assert saved["quote"]["exact"] == "mehr Rechenleistung"
    assert saved["quote"]["prefix"] == document.text[start - 32 : start]
    assert saved["quote"]["suffix"] == document.text[end : end + 32]
    assert saved["position"] == {"start": start, "end": end}
    assert saved["speaker"] == "Kevin Scott"
    assert (saved["colour"], saved["tags"], saved["note"]) == ("green", ["compute", "ai"], "Kern")
    assert saved["created"].endswith("Z") and saved["created"] == saved["updated"]


def test_add_rejects_bad_spans_and_colours(transcript, tmp_path):
    document = load_document(transcript)
    store = Store.open(tmp_path / "store.json")
    for start, end in [(5, 5), (-1, 3), (0, len(document.text) + 1)]:
        with pytest.raises(ValueError):
            store.add(document, start, end)
    with pytest.raises(ValueError, match="yellow, green, blue"):
        store.add(document, 0, 5, colour="teal")


def test_update_remove_restore(transcript, tmp_path):
    document = load_document(transcript)
    store = Store.open(tmp_path / "store.json")
    h = store.add(document, *span(document, "Supercomputer"))
    changed = store.update(h.id, note="wichtig", tags=["hpc"], colour="gray")
    assert (changed.note, changed.tags, changed.colour) == ("wichtig", ("hpc",), "grey")
    assert changed.updated > h.updated and changed.created == h.created
    with pytest.raises(ValueError):
        store.update(h.id, start=3)
    gone = store.remove(h.id)
    assert store.highlights() == []
    store.save()
    assert Store.open(tmp_path / "store.json").highlights() == []
    store.restore(gone)
    store.save()
    (back,) = Store.open(tmp_path / "store.json").highlights()
    assert back.id == h.id and back.note == "wichtig"


def test_highlights_for_reanchors_an_edited_document(transcript, tmp_path):
    document = load_document(transcript)
    store = Store.open(tmp_path / "store.json")
    kept = store.add(document, *span(document, "Supercomputer nach dem anderen"))
    lost = store.add(document, *span(document, "Niemand hatte so viele GPUs."))
    store.save()

    transcript.write_text(
        "Vorbemerkung der Redaktion.\n\n" + TRANSCRIPT.replace("Niemand hatte so viele GPUs.", "Das stimmt."),
        encoding="utf-8",
    )
    edited = load_document(transcript)
    placed = {a.highlight.id: a for a in Store.open(tmp_path / "store.json").highlights_for(edited)}
    assert edited.text[placed[kept.id].start : placed[kept.id].end] == "Supercomputer nach dem anderen"
    assert placed[kept.id].method == "exact"
    assert placed[lost.id].orphan and placed[lost.id].method is None
    # never deleted: still in the store as made
    assert Store.open(tmp_path / "store.json").get(lost.id) == lost


def test_highlights_follow_a_renamed_file(transcript, tmp_path):
    document = load_document(transcript)
    store = Store.open(tmp_path / "store.json")
    h = store.add(document, *span(document, "Und dann?"))
    moved = transcript.rename(tmp_path / "renamed.txt")
    (placed,) = store.highlights_for(load_document(moved))
    assert placed.highlight == h and placed.method == "unchanged"


def test_corrupt_store_is_moved_aside(tmp_path, transcript):
    path = tmp_path / "store.json"
    path.write_text('{"schema_version": 2, "highlights": [', encoding="utf-8")
    store = Store.open(path)
    (warning,) = store.warnings
    aside = list(tmp_path.glob("store.json.corrupt-*"))
    assert len(aside) == 1 and str(aside[0]) in warning and "could not be parsed" in warning
    assert aside[0].read_text(encoding="utf-8") == '{"schema_version": 2, "highlights": ['
    assert not path.exists() and store.highlights() == []
    document = load_document(transcript)
    store.add(document, 0, 9)
    assert store.save() is None
    assert len(parse(path.read_bytes()).highlights) == 1


def test_corrupt_at_save_time_is_moved_aside_too(tmp_path, transcript):
    path = tmp_path / "store.json"
    store = Store.open(path)
    store.add(load_document(transcript), 0, 9)
    path.write_bytes(b"\xff\xfe garbage")
    assert store.save() is None
    assert [p.read_bytes() for p in tmp_path.glob("store.json.corrupt-*")] == [b"\xff\xfe garbage"]
    assert "moved aside" in store.warnings[0]


def test_unreadable_records_are_skipped_and_kept_in_a_copy(tmp_path, transcript):
    path = tmp_path / "store.json"
    store = Store.open(path)
    good = store.add(load_document(transcript), 0, 9)
    store.save()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["highlights"].append({"id": "broken", "position": "nowhere"})
    path.write_text(json.dumps(data), encoding="utf-8")

    store = Store.open(path)
    assert store.highlights() == [good] and "1 records" in store.warnings[0]
    store.update(good.id, note="x")
    assert store.save() is None
    (copy,) = tmp_path.glob("store.json.unreadable-*")
    assert "broken" in copy.read_text(encoding="utf-8")


def test_previous_version_is_kept_as_backup(tmp_path, transcript):
    path = tmp_path / "store.json"
    store = Store.open(path)
    document = load_document(transcript)
    store.add(document, 0, 9)
    store.save()
    first = path.read_text(encoding="utf-8")
    store.add(document, 10, 20)
    store.save()
    assert (tmp_path / "store.json.bak").read_text(encoding="utf-8") == first


def test_migration_from_schema_1(tmp_path, transcript):
    document = load_document(transcript)
    start, end = span(document, "Und dann?")
    path = tmp_path / "store.json"
    old = {
        "version": 1,
        "highlights": [
            {
                "id": "legacy1",
                "path": str(transcript.resolve()),
                "sha256": "0" * 64,  # made on an older text: must be re-anchored
                "title": "Interview",
                "text": "Und dann?",
                "start": start - 3,
                "end": end - 3,
                "speaker": "Anna",
                "color": "blue",
                "tags": "frage,anna",
                "note": "alt",
                "created": "2023-05-01T10:00:00Z",
            }
        ],
    }
    path.write_text(json.dumps(old), encoding="utf-8")
    store = Store.open(path)
    assert store.warnings == []
    (h,) = store.highlights()
    assert (h.id, h.colour, h.tags, h.note) == ("legacy1", "blue", ("frage", "anna"), "alt")
    assert h.created == h.updated == "2023-05-01T10:00:00.000000Z"
    (placed,) = store.highlights_for(document)
    assert (placed.start, placed.end) == (start, end)
    store.update("legacy1", note="neu")
    store.save()
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


def test_newer_schema_is_never_overwritten(tmp_path, transcript):
    path = tmp_path / "store.json"
    newer = '{"schema_version": 99, "highlights": [], "future": true}'
    path.write_text(newer, encoding="utf-8")
    store = Store.open(path)
    assert "newer version" in store.warnings[0]
    store.add(load_document(transcript), 0, 9)
    assert "newer version" in store.save()
    assert path.read_text(encoding="utf-8") == newer and store.dirty


# Merging


def test_two_instances_merge_adds_edits_and_deletions(tmp_path, transcript):
    document = load_document(transcript)
    path = tmp_path / "store.json"
    a, b = Store.open(path), Store.open(path)
    shared = a.add(document, 0, 9)
    a.save()
    b.reload()
    a_only = a.add(document, 10, 20)
    b_only = b.add(document, 30, 40)
    b.update(shared.id, note="von b")
    a.save()
    b.save()
    a.remove(a_only.id)
    a.save()
    b.update(b_only.id, note="b again")  # b still holds a_only; it must not come back
    b.save()
    final = {h.id: h for h in Store.open(path).highlights()}
    assert set(final) == {shared.id, b_only.id}
    assert final[shared.id].note == "von b"


def test_older_copy_does_not_undo_an_edit(tmp_path, transcript):
    document = load_document(transcript)
    path = tmp_path / "store.json"
    a = Store.open(path)
    h = a.add(document, 0, 9)
    a.save()
    b = Store.open(path)
    b.update(h.id, note="neu")
    b.save()
    a.add(document, 10, 12)  # a's copy of h is older
    a.save()
    assert Store.open(path).get(h.id).note == "neu"


@st.composite
def states(draw):
    from reader.anchor import Quote
    from reader.store.records import DocumentRef, Highlight

    times = st.integers(0, 5).map(lambda s: f"2024-01-01T00:00:0{s}.000000Z")
    highlights = {}
    for key in draw(st.lists(st.sampled_from("abcd"), unique=True)):
        t = draw(times)
        highlights[key] = Highlight(
            key,
            DocumentRef("/d", "s", "t"),
            Quote("q", "", ""),
            0,
            1,
            None,
            "yellow",
            (),
            draw(st.text("xy", max_size=2)),
            t,
            t,
        )
    deleted = draw(st.dictionaries(st.sampled_from("abcd"), times))
    state = State(highlights, deleted)
    return merge(State(), state)


@settings(max_examples=60, deadline=None)
@given(states(), states(), states())
def test_merge_is_commutative_associative_and_idempotent(a, b, c):
    def same(x: State, y: State) -> bool:
        return dump(x) == dump(y)

    assert same(merge(a, b), merge(b, a))
    assert same(merge(merge(a, b), c), merge(a, merge(b, c)))
    assert same(merge(a, a), a)


def test_later_is_strictly_later():
    t = "2999-01-01T00:00:00.000000Z"
    assert later(t) == "2999-01-01T00:00:00.000001Z"
    first = later(None)
    assert later(first) > first
