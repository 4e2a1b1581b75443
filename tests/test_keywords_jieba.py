"""Loading jieba in a fresh process: nothing on stderr, nothing in the system
temp dir, its cache under READER_HOME, quiet even when that cache cannot be
written, and the same tokenizer for every thread."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import sys, threading
    from reader.keywords import extract_keywords, jieba_ready, load_jieba
    from reader.load import load_document
    from reader.resources import bundled_documents

    assert not jieba_ready()
    results = []
    threads = [threading.Thread(target=lambda: results.append(load_jieba())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert jieba_ready()
    assert len(results) == 4 and all(r is results[0] for r in results), "one tokenizer"
    document = load_document([p for p in bundled_documents() if "zh-hant" in p.name][0])
    print(len(extract_keywords(document, top=10)))
    print("jieba.analyse" in sys.modules)
    """
)


def _run(home: Path, tmp: Path, capfd) -> tuple[str, str, int]:
    env = dict(os.environ, READER_HOME=str(home), TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp))
    # Inherit the test's file descriptors: capfd sees exactly what the child
    # writes to stdout and stderr.  -W error: an import warning would fail.
    code = subprocess.call([sys.executable, "-W", "error", "-c", SCRIPT], env=env)
    out, err = capfd.readouterr()
    return out, err, code


def test_loading_is_silent_and_caches_under_reader_home(tmp_path, capfd):
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    tmp.mkdir()
    out, err, code = _run(home, tmp, capfd)
    assert code == 0, err
    assert err == ""  # no "Building prefix dict…", no warnings
    assert out.split() == ["10", "False"]  # keywords, and jieba.analyse (TextRank) never imported
    assert list(tmp.iterdir()) == []  # nothing in the system temp dir
    assert (home / "cache" / "jieba" / "jieba.cache").is_file()
    # The second start loads from that cache, as silently.
    out, err, code = _run(home, tmp, capfd)
    assert (code, err) == (0, "")
    assert list(tmp.iterdir()) == []


def test_an_unwritable_cache_is_no_error_and_says_nothing(tmp_path, capfd):
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    (home / "cache").write_text("a file where the cache folder should be")  # mkdir fails, even for root
    out, err, code = _run(home, tmp, capfd)
    assert code == 0, err
    assert err == ""  # jieba's "Dump cache file failed" traceback is swallowed
    assert out.split() == ["10", "False"]
    assert list(tmp.iterdir()) == []
