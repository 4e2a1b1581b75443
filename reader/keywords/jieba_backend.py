"""Loading jieba quietly, once, from any thread.

jieba is a good Chinese segmenter with four habits that hurt an app, all
measured here and handled by :func:`load_jieba`:

* it logs "Building prefix dict…", "Loading model cost …" to stderr through
  a ``StreamHandler`` of its own, which corrupts a TUI; ``setLogLevel`` alone
  would still let ``logger.exception`` tracebacks through.  Its handler is
  removed, a ``NullHandler`` put in its place and propagation stopped, so
  nothing of jieba's reaches stderr or the root logger;
* it writes its prefix-dictionary cache (``jieba.cache``) to the system temp
  dir and fails there when that is read-only or owned by another user:
  ``jieba.dt.tmp_dir`` is set to ``reader.paths.cache_dir() / "jieba"``
  (a cache that cannot be written is only slower next time: jieba catches
  that failure itself, and it stays quiet);
* loading costs about 0.8 s and 110–120 MB here (the prefix dictionary,
  from jieba's cache or not, then the IDF table; bench/bench_keywords_search.py
  measures it): call :func:`load_jieba` in a worker thread, never before the
  first paint, and show keywords once :func:`jieba_ready` says so;
* importing it can emit warnings (``pkg_resources`` deprecation, invalid
  escape sequences in its regexes when no bytecode is cached): they are
  suppressed around the import.  ``warnings.catch_warnings`` changes the
  process-wide filters for that moment; warnings raised by other threads in
  the same ~0.1 s are suppressed too, which is harmless.

After loading, the words of ``data/jieba-extra.txt`` are added to the
tokenizer (names and terms of the AI era that jieba's 2019 dictionary
splits: 英伟达 → 英/伟达, 大模型 → 大/模型); they are not in jieba's IDF table
and so weigh its median, like every word it does not know.

Only ``jieba`` and its prefix dictionary are loaded, not ``jieba.analyse``
(which would also load ``jieba.posseg`` and its HMM tables): the IDF table
that jieba's TF-IDF uses is read here directly from the file jieba ships
(``jieba/analyse/idf.txt``), with its median as the IDF of unknown words —
exactly jieba's ``TFIDF`` scoring.
"""

from __future__ import annotations

import logging
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from reader.paths import cache_dir

__all__ = ["Jieba", "extra_words", "jieba_cache_dir", "jieba_ready", "load_jieba"]


@dataclass(frozen=True, slots=True)
class Jieba:
    """What keyword extraction needs from jieba, once loaded."""

    tokenizer: object  # jieba.Tokenizer, initialised: .tokenize(), .cut()
    idf: dict[str, float]  # jieba's IDF table (simplified words)
    median_idf: float  # the IDF of a word not in the table


_lock = threading.Lock()
_loaded: Jieba | None = None


def jieba_cache_dir() -> Path:
    """Where jieba's prefix-dictionary cache goes: the app's own cache."""
    return cache_dir() / "jieba"


def jieba_ready() -> bool:
    """True once :func:`load_jieba` has finished (never blocks)."""
    return _loaded is not None


def load_jieba() -> Jieba:
    """Import and initialise jieba, quietly; idempotent and thread-safe.

    The first call takes about 0.8 s; later calls, and calls from other
    threads waiting on the first, return the same object.  Raises
    ImportError if jieba is not installed.
    """
    global _loaded
    if _loaded is not None:
        return _loaded
    with _lock:
        if _loaded is None:
            _loaded = _load()
    return _loaded


def _load() -> Jieba:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    _silence(jieba)
    tokenizer = jieba.dt
    folder = jieba_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # jieba then fails to write its cache, quietly, and works on
    tokenizer.tmp_dir = str(folder)
    tokenizer.initialize()
    for word in extra_words():
        tokenizer.add_word(word)  # jieba suggests a frequency that keeps it whole
    idf, median = _read_idf(Path(jieba.__file__).resolve().parent / "analyse" / "idf.txt")
    return Jieba(tokenizer, idf, median)


def extra_words() -> list[str]:
    """The words of ``data/jieba-extra.txt`` (simplified; "#" comments)."""
    path = Path(__file__).resolve().parent / "data" / "jieba-extra.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [word for line in text.splitlines() for word in line.split("#", 1)[0].split()]


def _silence(jieba_module) -> None:
    """No jieba logging anywhere: not on stderr, not through the root logger."""
    for name in ("jieba", "jieba._compat"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            if not isinstance(handler, logging.NullHandler):
                logger.removeHandler(handler)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
    # jieba's own module-level handler, in case a later jieba re-adds it.
    console = getattr(jieba_module, "log_console", None)
    if isinstance(console, logging.Handler):
        console.setLevel(logging.CRITICAL + 1)


def _read_idf(path: Path) -> tuple[dict[str, float], float]:
    """jieba's IDF table: ``word idf`` per line; the median is jieba's
    default for unknown words.  A missing or broken table leaves every word
    at the same IDF (keywords then rank by frequency alone)."""
    idf: dict[str, float] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                word, _, value = line.rstrip("\n").rpartition(" ")
                if word:
                    try:
                        idf[word] = float(value)
                    except ValueError:
                        continue
    except OSError:
        return {}, 1.0
    if not idf:
        return {}, 1.0
    values = sorted(idf.values())
    return idf, values[len(values) // 2]
