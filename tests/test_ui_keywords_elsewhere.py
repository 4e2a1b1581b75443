"""A big document's keywords come from a child process (reader.keywords.elsewhere):
they appear by themselves, the reader keeps paging meanwhile, jieba is not
loaded into the app's process for them, and quitting ends the child.

The child here is the real one, started through a wrapper that holds its
answer until the test releases it: the tests see the app *while* the child
works, without guessing how long that takes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.keywords import elsewhere, extract_keywords, keyword_spans, load_jieba
from reader.load import load_document
from reader.resources import corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.sidebar import keyword_work
from reader.ui.sidebar.keywords import DEFAULT_TOP, LAYER, MAX_TOP, KeywordsPanel
from tests.keyword_texts import write_big_chinese_transcript
from tests.pilot import settled

SIZE = (140, 40)
DEALBOOK = corpus_dir() / "altman-dealbook-2024-zh-hant-tw.txt"
ROOT = Path(__file__).resolve().parent.parent

# The child, its answer held until the file sys.argv[1] exists; it says when
# it has started working (sys.argv[1] + ".working") and when its answer is
# ready (".ready").
HELD = textwrap.dedent(
    """
    import os, sys, time
    from reader.keywords import elsewhere
    release = sys.argv[1]
    real = elsewhere.answer
    def held(request):
        open(release + ".working", "w").close()
        result = real(request)
        open(release + ".ready", "w").close()
        while not os.path.exists(release):
            time.sleep(0.01)
        return result
    elsewhere.answer = held
    raise SystemExit(elsewhere.main())
    """
)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """A traditional-Chinese transcript of over 400,000 characters."""
    return write_big_chinese_transcript(tmp_path_factory.mktemp("big"), 450_000)


@pytest.fixture
def held_child(tmp_path, monkeypatch) -> Path:
    """Children run HELD; touch the returned path to let them answer."""
    release = tmp_path / "release"
    monkeypatch.setattr(elsewhere, "command", lambda: [sys.executable, "-P", "-c", HELD, str(release)])
    return release


@pytest.fixture
def extracted_here(monkeypatch) -> list[str]:
    """What the app's process extracts itself (jieba, keywords, spans)."""
    calls: list[str] = []
    for name in ("load_jieba", "extract_keywords", "keyword_spans"):
        real = getattr(keyword_work, name)

        def recording(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(keyword_work, name, recording)
    return calls


async def until(pilot, condition, seconds: float = 60.0) -> None:
    """Pause the app until ``condition()`` (a deadline against a hang, not a timing)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        await pilot.pause(0.02)


def prompts(panel: KeywordsPanel) -> list[str]:
    return [str(option.prompt) for option in panel.options]


def screen_text(app) -> str:
    view = app.transcript
    return "\n".join("".join(s.text for s in view.render_line(y)) for y in range(view.size.height))


async def test_a_big_document_gets_its_keywords_by_itself_while_the_reader_pages_on(
    big_file, held_child, extracted_here
):
    app = ReaderApp([big_file])
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(KeywordsPanel)
        view = app.transcript
        await until(pilot, lambda: bool(panel.extractor._children))  # nothing pressed
        doc = view.document
        assert doc is panel.document and len(doc.text) > keyword_work.AUTO_CHARS
        (child,) = panel.extractor._children
        assert child._process.poll() is None
        assert prompts(panel) == ["keywords: loading…"]  # not "Enter extracts keywords"
        # The child is at work, its answer held: the reader pages on, and
        # every key is answered before the keywords are there.
        await until(pilot, lambda: Path(f"{held_child}.working").exists())
        view.focus()
        before = screen_text(app)
        for _ in range(3):
            top = view.scroll_y
            await pilot.press("pagedown")
            assert view.scroll_y > top
        assert screen_text(app) != before
        await pilot.press("K")
        assert "hidden" in str(panel.border_subtitle)
        await pilot.press("K")
        assert panel.keywords is None and prompts(panel) == ["keywords: loading…"]
        held_child.touch()
        await settled(pilot)
        # the keywords are listed and drawn: those extracted in-process would be the same
        load_jieba()
        expected = extract_keywords(doc, top=MAX_TOP)
        assert panel.keywords == expected
        assert prompts(panel)[:2] == [f"{k.word}  {k.count}" for k in expected[:2]]
        assert len(prompts(panel)) == DEFAULT_TOP
        spans = keyword_spans(doc, expected[:DEFAULT_TOP])
        assert [s[:2] for s in view._layers[LAYER].spans] == [s[:2] for s in spans]
        assert extracted_here == []  # neither jieba, nor the extraction, nor the spans ran here
        assert panel.extractor._children == set() and child._process.returncode == 0


async def test_quitting_ends_the_child_and_nothing_is_extracted_here_instead(big_file, held_child, extracted_here):
    app = ReaderApp([big_file])
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(KeywordsPanel)
        await until(pilot, lambda: Path(f"{held_child}.working").exists())
        (child,) = panel.extractor._children
        pid = child.pid
        await pilot.press("q")
    # killed when the app quit (its answer was never released)
    child._process.wait(timeout=5)
    assert child._process.returncode == -signal.SIGKILL
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert extracted_here == []


async def test_plus_on_a_big_document_finds_the_new_spans_in_a_child(big_file, extracted_here):
    app = ReaderApp([big_file])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = app.query_one(KeywordsPanel)
        view = app.transcript
        assert panel.keywords
        await pilot.press("plus")
        await settled(pilot)
        assert len(prompts(panel)) == DEFAULT_TOP + 1
        spans = keyword_spans(view.document, panel.keywords[: DEFAULT_TOP + 1])
        assert [s[:2] for s in view._layers[LAYER].spans] == [s[:2] for s in spans]
        assert extracted_here == []  # the spans of the 11 came from a child too


@pytest.mark.parametrize("how", ["missing", "crashes"])
async def test_if_no_child_can_run_keywords_are_extracted_here(tmp_path, monkeypatch, extracted_here, how):
    """The fallback gives the same keywords (a document under AUTO_CHARS:
    a larger one waits for the reader to ask, see test_ui_keywords.py)."""
    script = tmp_path / "fake-python"
    script.write_text("#!/bin/sh\nhead -c 8 >/dev/null; echo 'it broke' >&2; exit 3\n", encoding="utf-8")
    script.chmod(0o755)
    fake = [str(tmp_path / "no-such-python")] if how == "missing" else [str(script)]
    monkeypatch.setattr(elsewhere, "command", lambda: fake)
    monkeypatch.setattr(keyword_work, "CHILD_CHARS", 1000)
    app = ReaderApp([DEALBOOK])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = app.query_one(KeywordsPanel)
        assert not panel.extractor.offloading
        assert "OpenAI  24" in prompts(panel) and LAYER in app.transcript._layers
        assert "extract_keywords" in extracted_here
        load_jieba()
        assert panel.keywords == extract_keywords(load_document(DEALBOOK), top=MAX_TOP)


def test_jieba_is_never_loaded_into_the_app_for_a_big_document(big_file, tmp_path):
    """In a fresh process (jieba is loaded in this one by now): the app
    opens the big document, lists its keywords, and has not imported jieba."""
    code = textwrap.dedent(
        f"""
        import asyncio, sys
        from pathlib import Path
        from reader.ui.app import ReaderApp
        from reader.ui.sidebar.keywords import KeywordsPanel
        from tests.pilot import settled

        async def main():
            app = ReaderApp([Path({str(big_file)!r})])
            async with app.run_test(size=(140, 40)) as pilot:
                await settled(pilot)
                panel = app.query_one(KeywordsPanel)
                print(len(panel.keywords or []), "jieba" in sys.modules, len(app.transcript.document.text))

        asyncio.run(main())
        """
    )
    env = {**os.environ, "READER_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-P", "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    count, jieba_loaded, length = result.stdout.split()
    assert int(count) == MAX_TOP and int(length) > keyword_work.AUTO_CHARS
    assert jieba_loaded == "False"
