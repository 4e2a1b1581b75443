"""Keywords extracted in a child process (reader.keywords.elsewhere) are the
ones extracted here, word for word, score for score, span for span: on
every bundled document and on a big generated transcript.  A child that
cannot run raises OffloadError (the UI then extracts in-process); an
exception in the extraction comes back as ExtractionError; stop() ends the
child."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from reader.keywords import KeywordCorpus, elsewhere, extract_keywords, keyword_spans, load_jieba
from reader.keywords.elsewhere import ExtractionError, KeywordChild, OffloadError, extract_elsewhere
from reader.load import load_document
from reader.resources import corpus_dir
from reader.ui.sidebar.keyword_work import AUTO_CHARS, MAX_TOP
from tests.keyword_texts import write_big_chinese_transcript

SPANS_TOP = 10


@pytest.fixture(scope="module")
def jieba(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("READER_HOME", str(tmp_path_factory.mktemp("jieba-home")))
        return load_jieba()


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = write_big_chinese_transcript(tmp_path_factory.mktemp("big"), 450_000)
    return load_document(path)


def _here(doc, corpus=None):
    keywords = extract_keywords(doc, top=MAX_TOP, corpus=corpus)
    return keywords, keyword_spans(doc, keywords[:SPANS_TOP])


def test_every_bundled_document_has_the_same_keywords_and_spans_either_way(jieba):
    documents = [load_document(path) for path in sorted(corpus_dir().iterdir())]
    corpus = KeywordCorpus(documents)
    assert {d.language for d in documents} == {"zh", "de"}
    child = KeywordChild().start()  # one child answers request after request
    try:
        for doc in documents:
            given = corpus if doc.language != "zh" else None
            keywords, spans = child.extract(doc, top=MAX_TOP, spans_top=SPANS_TOP, corpus=given)
            assert (keywords, spans) == _here(doc, given), doc.title
            assert keywords and spans
            # what the CLI and the panel see: the same scores to the last bit
            assert [k.score.hex() for k in keywords] == [k.score.hex() for k in _here(doc, given)[0]]
    finally:
        child.close()
    assert child._process.returncode == 0  # its stdin ended: it exited of itself


def test_a_big_chinese_transcript_has_the_same_keywords_and_spans_either_way(jieba, big):
    assert len(big.text) > AUTO_CHARS and big.language == "zh" and big.script == "hant"
    keywords, spans = extract_elsewhere(big, top=MAX_TOP, spans_top=SPANS_TOP)
    assert (keywords, spans) == _here(big)
    assert len(keywords) == MAX_TOP and len(spans) > 1000


def test_spans_of_keywords_already_extracted(jieba):
    """``+`` on a big document: only the spans of more keywords are wanted."""
    doc = load_document(corpus_dir() / "altman-dealbook-2024-zh-hant-tw.txt")
    keywords = extract_keywords(doc, top=MAX_TOP)
    again, spans = extract_elsewhere(doc, top=MAX_TOP, spans_top=15, keywords=keywords)
    assert again == keywords and spans == keyword_spans(doc, keywords[:15])


def _fake_python(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "fake-python"
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)
    return [str(path)]


@pytest.mark.parametrize("how", ["missing", "crashes", "garbage", "killed"])
def test_a_child_that_cannot_run_raises_offload_error(tmp_path, monkeypatch, how):
    commands = {
        "missing": lambda: [str(tmp_path / "no-such-python")],
        "crashes": lambda: _fake_python(tmp_path, "head -c 8 >/dev/null; echo 'Traceback: it broke' >&2; exit 3"),
        "garbage": lambda: _fake_python(tmp_path, "head -c 8 >/dev/null; echo 'not a pickle'"),
        "killed": lambda: _fake_python(tmp_path, "kill -9 $$"),
    }
    monkeypatch.setattr(elsewhere, "command", commands[how])
    doc = load_document(corpus_dir() / "build-2023-brockman-scott-de.txt")
    with pytest.raises(OffloadError) as failed:
        extract_elsewhere(doc, top=MAX_TOP)
    if how == "crashes":  # the child's last words say why
        assert "exit status 3" in str(failed.value) and "Traceback: it broke" in str(failed.value)


def test_an_exception_in_the_extraction_comes_back_by_name(monkeypatch):
    """jieba missing in the child is what it would be here: an ImportError."""
    code = (
        "from reader.keywords import elsewhere\n"
        "def missing():\n"
        "    raise ModuleNotFoundError(\"No module named 'jieba'\")\n"
        "elsewhere.load_jieba = missing\n"
        "raise SystemExit(elsewhere.main())\n"
    )
    monkeypatch.setattr(elsewhere, "command", lambda: [sys.executable, "-P", "-c", code])
    doc = load_document(corpus_dir() / "build-2023-brockman-scott-zh-hant.txt")
    with pytest.raises(ExtractionError) as failed:
        extract_elsewhere(doc)
    assert failed.value.kind == "ModuleNotFoundError" and failed.value.missing_module


def test_stop_ends_the_child_and_it_does_not_start_again(big):
    child = KeywordChild().start()
    assert child._process.poll() is None
    child.stop()
    child._process.wait(timeout=5)
    assert child._process.returncode == -signal.SIGKILL
    with pytest.raises(OffloadError, match="stopped"):
        child.extract(big, top=MAX_TOP)
    with pytest.raises(OffloadError, match="stopped"):
        child.start()
    never = KeywordChild()
    never.stop()
    with pytest.raises(OffloadError):
        never.start()
    assert never._process is None


@pytest.mark.parametrize("reads", [True, False], ids=["reading", "not-reading"])
def test_stop_from_another_thread_ends_an_extraction_under_way(big, tmp_path, monkeypatch, reads):
    """A child that never answers (reading its request or not: the parent
    blocked writing it) is killed, and the waiting thread gets "stopped"."""
    import threading

    body = "cat >/dev/null; exec sleep 60" if reads else "exec sleep 60"
    monkeypatch.setattr(elsewhere, "command", lambda: _fake_python(tmp_path, body))
    child = KeywordChild().start()
    outcome: list[BaseException] = []

    def extract() -> None:
        try:
            child.extract(big, top=MAX_TOP, spans_top=SPANS_TOP)
        except BaseException as error:  # noqa: BLE001
            outcome.append(error)

    thread = threading.Thread(target=extract)
    thread.start()
    thread.join(0.2)
    assert thread.is_alive()  # it never answers
    child.stop()
    thread.join(5)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], OffloadError) and str(outcome[0]) == "stopped"
    assert child._process.returncode == -signal.SIGKILL
