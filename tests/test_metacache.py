"""The metadata cache (reader.metacache): what the document list shows of a
file, kept between runs, trusted only while the file is unchanged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.load import load_document
from reader.metacache import CACHE_NAME, MetaCache, file_key, file_keys, meta_of
from reader.paths import cache_dir
from reader.resources import bundled_documents


@pytest.fixture
def docs(tmp_path) -> list[Path]:
    """Copies of the bundled transcripts (their mtimes are ours to change)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    return [Path(shutil.copy(path, folder / path.name)) for path in bundled_documents()]


def cached(paths: list[Path]) -> MetaCache:
    cache = MetaCache.load()
    for path in paths:
        key = file_key(path)
        cache.put(key, load_document(path))
    assert cache.save() is None
    return cache


def test_what_is_put_comes_back_after_a_restart(docs):
    cached(docs)
    assert (cache_dir() / CACHE_NAME).is_file()
    again = MetaCache.load()
    assert again.problem is None and len(again) == len(docs)
    for path in docs:
        doc = load_document(path)
        meta = again.get(file_key(path), path)
        assert meta is not None
        assert meta.path == path
        assert (meta.title, meta.language, meta.script, meta.encoding, meta.damaged, meta.format) == (
            doc.title, doc.language, doc.script, doc.encoding, doc.damaged, doc.format,
        )
        assert list(meta.speakers) == [(s.name, s.turns) for s in doc.speakers]
        assert meta.turns == sum(1 for b in doc.blocks if b.kind == "turn" and not b.continuation)
        assert meta == meta_of(doc)


def test_a_changed_modification_time_or_size_makes_an_entry_stale(docs):
    cached(docs)
    touched, grown, same = docs[0], docs[1], docs[2]
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    mtime = grown.stat().st_mtime_ns
    with grown.open("a", encoding="utf-8") as handle:
        handle.write("\nHost: one more line\n")
    os.utime(grown, ns=(mtime, mtime))  # the same time, another size
    cache = MetaCache.load()
    assert cache.get(file_key(touched)) is None
    assert cache.get(file_key(grown)) is None
    assert cache.get(file_key(same)) is not None


def test_a_file_is_known_by_its_resolved_path(docs, tmp_path):
    cached(docs[:1])
    link = tmp_path / "link.txt"
    link.symlink_to(docs[0])
    roundabout = docs[0].parent / ".." / docs[0].parent.name / docs[0].name
    cache = MetaCache.load()
    for path in (link, roundabout):
        assert cache.get(file_key(path)) is not None
    assert file_keys([link, roundabout, docs[0]]) == [file_key(docs[0])] * 3
    assert file_keys([tmp_path / "missing.txt"]) == [None]


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not json at all",
        b'{"format": 1, "parser": "x", "entries": ',  # cut short
        b"[1, 2, 3]",
        b'{"format": 999, "entries": {}}',
        b"\xef\xbb\xbf{}",
        b"",
    ],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(docs, content):
    file = cache_dir() / CACHE_NAME
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content)
    cache = MetaCache.load()  # never raises
    assert len(cache) == 0 and cache.get(file_key(docs[0])) is None
    cache.put(file_key(docs[0]), load_document(docs[0]))
    assert cache.save() is None
    assert MetaCache.load().get(file_key(docs[0])) is not None
    assert json.loads(file.read_text(encoding="utf-8"))["format"] == 1


def test_entries_of_the_wrong_shape_are_skipped_one_by_one(docs):
    cached(docs[:2])
    file = cache_dir() / CACHE_NAME
    data = json.loads(file.read_text(encoding="utf-8"))
    first = str(docs[0].resolve())
    data["entries"][first]["turns"] = "many"
    data["entries"]["/elsewhere.txt"] = ["not", "an", "entry"]
    file.write_text(json.dumps(data), encoding="utf-8")
    cache = MetaCache.load()
    assert cache.get(file_key(docs[0])) is None
    assert cache.get(file_key(docs[1])) is not None


def test_another_parser_drops_every_entry(docs):
    cached(docs)
    assert len(MetaCache.load(fingerprint="another parser")) == 0


def test_saving_writes_nothing_when_nothing_changed(docs):
    cache = cached(docs)
    file = cache_dir() / CACHE_NAME
    before = file.stat().st_mtime_ns
    for path in docs:  # the same metadata again
        cache.put(file_key(path), load_document(path))
    assert not cache.dirty and cache.save() is None
    assert file.stat().st_mtime_ns == before
    assert [p.name for p in file.parent.iterdir()] == [CACHE_NAME]  # no temporary file left


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_cache_folder_is_a_message_not_an_error(docs):
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o500)
    try:
        cache = MetaCache.load()
        cache.put(file_key(docs[0]), load_document(docs[0]))
        message = cache.save()
        assert message and "could not be saved" in message
    finally:
        folder.chmod(0o700)


def test_an_unwritable_cache_file_is_a_message_not_an_error(docs, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = MetaCache(blocker / CACHE_NAME)  # its folder cannot be made
    cache.put(file_key(docs[0]), load_document(docs[0]))
    message = cache.save()
    assert message and "could not be saved" in message


def test_the_cache_is_core_code_without_textual():
    code = "import sys, reader.metacache; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
