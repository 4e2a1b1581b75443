"""Parsing a big file in a child process (reader.offload): the document that
comes back is the one load_document gives, field for field; a file the
loader refuses is refused with the same message; a child that cannot run
costs nothing but time (the loader parses in-process instead), and one
that is stopped (the app quits) ends and is not replaced by a parse here.

Every file is a real file on disk; the multi-MB ones are made once per module."""

from __future__ import annotations

import math
import os
import pickle
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import offload
from reader.load import LoadError, load_document
from reader.model import Block, Document, Speaker
from reader.offload import Child, OffloadError, pack, parse_elsewhere, unpack
from reader.resources import corpus_dir
from reader.ui import loader
from reader.ui.loader import OFFLOAD_BYTES, WholeParse

DATA = Path(__file__).parent / "data"
SAMPLES = sorted(p for p in [*corpus_dir().iterdir(), *DATA.rglob("*")] if p.is_file())


# --- the big files ----------------------------------------------------------------------


def _lines(name: str, encoding: str) -> list[str]:
    """Lines of a bundled transcript long enough to be speech, that ``encoding`` can write."""
    found = []
    for line in (corpus_dir() / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if len(line) > 20 and ":" not in line and "\uff1a" not in line:
            try:
                line.encode(encoding)
            except UnicodeEncodeError:
                continue
            found.append(line)
    assert len(found) > 20
    return found


def _stamped_transcript(min_bytes: int) -> str:
    """``[01:02:03] 名字：…`` turns in simplified Chinese, a chapter heading
    every 25 turns, and now and then a stamped line without a name (a
    continuation of the turn before, with a time of its own)."""
    speech = _lines("kevin-scott-no-priors-zh-hans.txt", "utf-8")
    names = ["主持人", "王小明", "李华"]
    parts, size, n, seconds = [], 0, 0, 0
    while size < min_bytes:
        hours, rest = divmod(seconds, 3600)
        stamp = f"[{hours:02d}:{rest // 60:02d}:{rest % 60:02d}]"
        if n % 25 == 0:
            part = f"第{n // 25 + 1}章 话题与回顾\n"
        elif n % 7 == 3:
            part = f"{stamp} {speech[(n * 5) % len(speech)][:40]}（补充 {n}）\n"
        else:
            part = f"{stamp} {names[n % 3]}：{speech[n % len(speech)]}（第{n}段）\n"
        seconds += 7
        parts.append(part)
        size += len(part.encode("utf-8")) + 1
        n += 1
    return "\n".join(parts)


def _subtitles(min_bytes: int, encoding: str) -> str:
    """SRT cues of traditional Chinese with times to the millisecond; a
    speaker named every third cue."""
    speech = _lines("altman-dealbook-2024-zh-hant-tw.txt", encoding)
    names = ["主持人", "奧特曼"]

    def clock(ms: int) -> str:
        hours, rest = divmod(ms, 3_600_000)
        minutes, rest = divmod(rest, 60_000)
        return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d},{rest % 1000:03d}"

    cues, size, n, ms = [], 0, 0, 250
    while size < min_bytes:
        who = names[(n // 3) % 2] + "\uff1a" if n % 3 == 0 else ""
        cue = f"{n + 1}\n{clock(ms)} --> {clock(ms + 2_125)}\n{who}{speech[n % len(speech)][:60]}（{n}）\n"
        cues.append(cue)
        size += len(cue.encode(encoding)) + 1
        n += 1
        ms += 2_375
    return "\n".join(cues)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, Document]:
    """A 2.2 MB UTF-8 transcript (a Chinese file name too) and its document."""
    path = tmp_path_factory.mktemp("big") / "访谈-全文.txt"
    path.write_text(_stamped_transcript(OFFLOAD_BYTES + 200_000), encoding="utf-8")
    return path, load_document(path)


@pytest.fixture(scope="module")
def big_big5(tmp_path_factory) -> tuple[Path, Document]:
    """A 2.2 MB Big5 subtitle file and its document."""
    path = tmp_path_factory.mktemp("big5") / "dealbook.srt"
    path.write_bytes(_subtitles(OFFLOAD_BYTES + 200_000, "big5").encode("big5"))
    return path, load_document(path)


def test_the_big_files_are_what_these_tests_need(big, big_big5):
    """Otherwise the tests below would pass without testing much: the files
    are offloaded by the loader, and their documents have headings, speakers,
    times (fractional ones too) and continuations."""
    path, doc = big
    assert path.stat().st_size >= OFFLOAD_BYTES
    assert doc.format == "timestamped" and (doc.language, doc.script) == ("zh", "hans")
    assert {"heading", "turn", "narration"} <= {b.kind for b in doc.blocks}
    assert {s.name for s in doc.speakers} == {"主持人", "王小明", "李华"}
    assert any(b.continuation and b.time is not None for b in doc.blocks)
    assert doc.blocks[1].time == 7.0
    path, doc = big_big5
    assert path.stat().st_size >= OFFLOAD_BYTES
    assert (doc.format, doc.encoding, doc.script) == ("srt", "big5", "hant")
    assert {"主持人", "奧特曼"} <= {s.name for s in doc.speakers}
    assert doc.turns[0].time == 0.25 and any(b.time % 1 == 0.125 for b in doc.turns)


# --- the wire format ------------------------------------------------------------------


def _loadable(paths: list[Path]) -> list[Document]:
    docs = []
    for path in paths:
        try:
            docs.append(load_document(path))
        except LoadError:
            continue
    return docs


def test_every_sample_document_survives_pack_and_unpack():
    """Every bundled and test document, through pickle as the child sends
    it: the same Document, every field (text, blocks, speakers, title…)."""
    docs = _loadable(SAMPLES)
    assert len(docs) >= 20
    for doc in docs:
        wire = pickle.loads(pickle.dumps(pack(doc), protocol=pickle.HIGHEST_PROTOCOL))
        again = unpack(wire, doc.path)
        assert again == doc, doc.path
    # what the samples exercise: every kind of block, times, continuations, damage
    blocks = [b for doc in docs for b in doc.blocks]
    assert {b.kind for b in blocks} == {"heading", "turn", "narration", "note", "boilerplate"}
    assert any(b.time is not None for b in blocks) and any(b.continuation for b in blocks)
    assert any(doc.damaged for doc in docs) and len({doc.format for doc in docs}) >= 6


def test_unpack_takes_the_path_it_is_given(tmp_path):
    """The child's path is not sent: the parent's own (or none) is used."""
    doc = load_document(corpus_dir() / "build-2023-brockman-scott-de.txt")
    elsewhere = tmp_path / "elsewhere.txt"
    assert unpack(pack(doc), elsewhere).path == elsewhere
    assert unpack(pack(doc), None).path is None


_names = st.one_of(st.none(), st.sampled_from(["", "主持人", "A", "None", "-1"]))
_blocks = st.builds(
    Block,
    kind=st.sampled_from(["heading", "turn", "narration", "note", "boilerplate"]),
    start=st.integers(0, 2**40),
    end=st.integers(0, 2**40),
    speaker=_names,
    time=st.one_of(st.none(), st.floats(allow_nan=False)),
    continuation=st.booleans(),
)
_documents = st.builds(
    Document,
    text=st.text(max_size=50),
    blocks=st.lists(_blocks, max_size=30),
    title=st.text(max_size=10),
    language=st.sampled_from(["zh", "en", "und"]),
    script=st.sampled_from(["hans", "hant", "mixed", None]),
    encoding=st.sampled_from(["utf-8", "gb18030", "big5"]),
    damaged=st.booleans(),
    path=st.just(None),
    speakers=st.lists(st.builds(Speaker, name=st.text(max_size=5), turns=st.integers(0, 99)), max_size=3),
    format=st.sampled_from(["text", "srt", "timestamped"]),
)


@settings(max_examples=150, deadline=None)
@given(_documents)
def test_pack_and_unpack_keep_any_document(doc):
    """Blocks without a speaker or a time, a time of 0.0 or ±inf, a speaker
    named "" or "None": all come back as they were."""
    again = unpack(pickle.loads(pickle.dumps(pack(doc))), None)
    assert again == doc
    for block in again.blocks:  # not only equal: None stays None, 0.0 stays a time
        assert block.time is None or not math.isnan(block.time)


# --- parsing in a child -----------------------------------------------------------------


def test_a_big_utf8_transcript_parsed_elsewhere_is_the_one_parsed_here(big):
    path, doc = big
    assert parse_elsewhere(path) == doc


def test_a_big_big5_subtitle_file_parsed_elsewhere_is_the_one_parsed_here(big_big5):
    path, doc = big_big5
    assert parse_elsewhere(path) == doc


def test_a_gb18030_file_parsed_elsewhere_is_the_one_parsed_here(tmp_path):
    text = _stamped_transcript(60_000)
    path = tmp_path / "gb.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = load_document(path)
    assert doc.encoding == "gb18030" and doc.text.startswith("第1章")
    assert parse_elsewhere(path) == doc


@pytest.mark.parametrize(
    "name",
    [os.fsdecode(b"interview-\xff\xfe.txt"), "访谈 (2024) 'quoted' $HOME.txt", "-starts-with-a-dash.txt", "--opening"],
    ids=["undecodable-bytes", "chinese-and-shell-characters", "leading-dash", "the-child's-own-option"],
)
def test_any_file_name_reaches_the_child(tmp_path, monkeypatch, name):
    """The path goes to the child as bytes: a name that is not UTF-8, or
    that a shell or an option parser would read otherwise, is the same file
    (given relative to the working directory, so that it is the first argument)."""
    monkeypatch.chdir(tmp_path)
    path = Path(name)
    shutil.copy(DATA / "formats" / "interview-zh-hans.srt", path)
    doc = load_document(path)
    assert doc.speakers and parse_elsewhere(path) == doc


def _refusal(path: Path) -> str:
    with pytest.raises(LoadError) as here:
        load_document(path)
    return str(here.value)


@pytest.mark.parametrize("kind", ["binary", "missing", "folder", "json-not-a-transcript", "empty-json"])
def test_a_file_the_loader_refuses_is_refused_with_the_same_message(tmp_path, kind):
    path = tmp_path / {"json-not-a-transcript": "data.json", "empty-json": "empty.json"}.get(kind, "talk.txt")
    if kind == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    elif kind == "folder":
        path.mkdir()
    elif kind == "json-not-a-transcript":
        path.write_text('{"rows": [1, 2, 3]}', encoding="utf-8")
    elif kind == "empty-json":
        path.write_bytes(b"")
    expected = _refusal(path)
    with pytest.raises(LoadError) as there:
        parse_elsewhere(path)
    assert str(there.value) == expected
    assert str(path) in expected  # a message meant for the user, naming the file


def test_a_big_binary_file_is_refused_by_the_whole_parse(tmp_path):
    """Offloaded (it is big enough), refused by the child: LoadError, the
    loader's message, not OffloadError (which would parse it again here)."""
    path = tmp_path / "recording.txt"
    path.write_bytes(bytes(range(256)) * (OFFLOAD_BYTES // 256 + 1))
    children: set[Child] = set()
    whole = WholeParse(path, children)
    assert len(children) == 1
    with pytest.raises(LoadError) as refused:
        whole.result()
    assert str(refused.value) == _refusal(path)
    assert children == set()


def test_a_big_file_is_parsed_in_the_child_not_here(big, monkeypatch):
    path, doc = big

    def parsed_here(*args, **kwargs):
        raise AssertionError("parsed in-process")

    monkeypatch.setattr(loader, "parse_decoded", parsed_here)
    children: set[Child] = set()
    whole = WholeParse(path, children)
    assert len(children) == 1
    assert whole.result() == doc
    assert children == set()  # no longer one to stop when the app quits


def test_a_child_sends_the_opening_then_the_end_then_the_whole(big):
    """Child(opening=True), as the app starts its first document: the preview
    the UI would make itself, the preview with the file's end, the whole."""
    from reader import preview

    path, doc = big
    child = Child(path, opening=True).start()
    kind, opening = child.next()
    assert kind == "opening" and opening.doc == preview.read_opening(path).doc
    assert 0 < len(opening.doc.text) < len(doc.text) and doc.text.startswith(opening.doc.text)
    kind, joined, tail_at = child.next()
    assert (kind, (joined, tail_at)) == ("joined", preview.with_end(path, opening.doc))
    assert doc.text.endswith(joined.text[tail_at:])
    assert child.next() == ("whole", doc)
    assert _ended(child, 2.0) and child._process.returncode == 0


def test_a_child_asked_for_an_opening_of_a_small_or_refused_file(tmp_path):
    small = DATA / "formats" / "stamped.txt"
    assert Child(small, opening=True).start().next() == ("whole", load_document(small))
    binary = tmp_path / "big.bin"
    binary.write_bytes(bytes(range(256)) * 4096)  # 1 MiB: big enough for a preview, if it were text
    with pytest.raises(LoadError) as refused:
        Child(binary, opening=True).start().next()
    assert str(refused.value) == _refusal(binary)


# --- a child that cannot run: parsed here instead ----------------------------------------


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "fake-python"
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def _no_python(tmp_path: Path, how: str) -> str:
    if how == "missing":
        return str(tmp_path / "no-such-python")
    if how == "false":
        false = shutil.which("false")
        if false is None:
            pytest.skip("no false(1) here")
        return false
    if how == "crashes":
        return _script(tmp_path, "echo 'partial' ; echo 'Traceback: it broke' >&2 ; exit 3")
    if how == "garbage":
        return _script(tmp_path, "echo 'not a pickle'")
    if how == "killed":
        return _script(tmp_path, "kill -9 $$")
    if how in ("not-a-tuple", "unknown-kind"):  # a well-formed frame that is no result
        frame = 42 if how == "not-a-tuple" else ("surprise", 1)
        path = tmp_path / "foreign-python"
        path.write_text(
            f"#!{sys.executable}\nimport pickle, struct, sys\n"
            f"payload = pickle.dumps({frame!r})\n"
            "sys.stdout.buffer.write(struct.pack('>Q', len(payload)) + payload)\n",
            encoding="utf-8",
        )
        path.chmod(0o755)
        return str(path)
    raise AssertionError(how)


HOW = ["missing", "false", "crashes", "garbage", "killed", "not-a-tuple", "unknown-kind"]


@pytest.mark.parametrize("how", HOW)
def test_a_child_that_cannot_run_raises_offload_error(tmp_path, monkeypatch, how):
    path = DATA / "formats" / "stamped.txt"
    monkeypatch.setattr(offload.sys, "executable", _no_python(tmp_path, how))
    with pytest.raises(OffloadError) as failed:
        Child(path).run()
    with pytest.raises(OffloadError):
        parse_elsewhere(path)
    if how == "crashes":  # the child's last words say why
        assert "exit status 3" in str(failed.value) and "Traceback: it broke" in str(failed.value)


@pytest.mark.parametrize("how", HOW)
def test_the_whole_parse_falls_back_to_parsing_here(big, tmp_path, monkeypatch, how):
    path, doc = big
    monkeypatch.setattr(offload.sys, "executable", _no_python(tmp_path, how))
    real, calls = loader.parse_decoded, []

    def parsed_here(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "parse_decoded", parsed_here)
    children: set[Child] = set()
    whole = WholeParse(path, children)
    assert len(children) == (0 if how == "missing" else 1)  # a child that started is one to stop
    assert whole.result() == doc
    assert len(calls) == 1 and children == set()


# --- stopping a child (the app quits) ---------------------------------------------------


def _ended(child: Child, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while child._process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    return child._process.poll() is not None


@pytest.mark.parametrize("opening", [False, True], ids=["whole", "opening-first"])
def test_stop_ends_the_child_process(big, opening):
    path, _ = big
    child = Child(path, opening=opening)
    child.start()
    assert child._process.poll() is None  # parsing: 2 MB take it a good while
    child.stop()
    assert _ended(child, 2.0)
    assert child._process.returncode == -signal.SIGKILL  # killed, not done
    assert child.stopped
    with pytest.raises(OffloadError):  # nothing comes from it: not even a first result
        child.next()
    with pytest.raises(OffloadError):  # and it does not start again
        child.start()


def test_a_child_stopped_before_it_starts_never_runs(big):
    child = Child(big[0])
    child.stop()
    with pytest.raises(OffloadError):
        child.run()
    assert child._process is None


def test_a_stopped_whole_parse_is_not_parsed_here_instead(big, monkeypatch):
    """The app is closing: the parse ends, and the parent does not spend a
    second parsing what nobody will read."""
    path, _ = big
    calls = []
    monkeypatch.setattr(loader, "parse_decoded", lambda *args, **kwargs: calls.append(args))
    children: set[Child] = set()
    whole = WholeParse(path, children)
    (child,) = children
    child.stop()  # what Loader.stop does to every child
    with pytest.raises(OffloadError):
        whole.result()
    assert calls == [] and children == set()
    assert _ended(child, 2.0) and child._process.returncode == -signal.SIGKILL


# --- the terminal is the UI's ---------------------------------------------------------


def test_a_chatty_child_writes_nothing_to_the_terminal(capfd, monkeypatch):
    """PYTHONVERBOSE makes the child's interpreter report every import on
    its stderr: none of it may reach the parent's (a TUI is drawn there)."""
    path = DATA / "formats" / "interview-zh-hans.srt"
    monkeypatch.setenv("PYTHONVERBOSE", "1")
    doc = parse_elsewhere(path)
    assert doc == load_document(path)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_a_failing_child_writes_nothing_to_the_terminal(tmp_path, capfd, monkeypatch):
    monkeypatch.setattr(offload.sys, "executable", _no_python(tmp_path, "crashes"))
    with pytest.raises(OffloadError):
        parse_elsewhere(DATA / "formats" / "stamped.txt")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


# --- a known problem ------------------------------------------------------------------


def test_a_reader_module_in_the_working_directory_is_not_run(tmp_path, monkeypatch):
    folder = tmp_path / "work"
    folder.mkdir()
    marker = tmp_path / "ran"
    (folder / "reader.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    path = DATA / "formats" / "stamped.txt"
    try:
        doc = parse_elsewhere(path)
    finally:
        ran = marker.exists()
    assert not ran
    assert doc == load_document(path)


def test_a_child_that_writes_much_to_stderr_still_delivers(tmp_path, monkeypatch, capfd):
    real = sys.executable
    noisy = _script(tmp_path, f"head -c 200000 /dev/zero | tr '\\0' x >&2\nexec '{real}' \"$@\"")
    monkeypatch.setattr(offload.sys, "executable", noisy)
    path = DATA / "formats" / "stamped.txt"
    child, result = Child(path), []

    def parse() -> None:
        try:
            result.append(child.run())
        except OffloadError as error:
            result.append(error)

    worker = threading.Thread(target=parse, daemon=True)
    worker.start()
    worker.join(3.0)  # without the noise this takes a few tenths of a second
    if worker.is_alive():
        child.stop()
        worker.join(5.0)
    assert result == [load_document(path)]
    assert capfd.readouterr() == ("", "")


# --- `reader BIG` starts the child before the UI is imported ----------------------------


def test_reader_with_one_big_file_hands_the_ui_a_child_already_parsing_it(big, monkeypatch, tmp_path):
    from reader import cli
    from reader.ui import app as ui_app

    path, doc = big
    handed: list[object] = []

    def run_app(paths, early=None):
        handed.append(early)
        return 0

    monkeypatch.setattr(ui_app, "run_app", run_app)
    assert cli.main([str(path)]) == 0
    (early,) = handed
    assert isinstance(early, Child) and early.path == path
    kind, opening = early.next()
    assert kind == "opening" and doc.text.startswith(opening.doc.text[:1000])
    assert early.run() == doc

    small = tmp_path / "short.txt"
    small.write_text("Anna: Hallo.\n\nBen: Guten Tag.\n", encoding="utf-8")
    for args in ([str(small)], [str(path), str(small)], []):  # only one big file is worth it
        assert cli.main(args) == 0
        assert handed[-1] is None
