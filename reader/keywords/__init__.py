"""The keywords of a document (no UI here: the UI draws them).

* :func:`extract_keywords(document, top=20, corpus=None)
  <reader.keywords.extract.extract_keywords>` → ``[Keyword(word, score,
  count, key)]``, best first: jieba's TF-IDF on the t2s-converted text for
  Chinese, a stop-word-filtered TF-IDF over a :class:`KeywordCorpus` for
  German and English (see :mod:`reader.keywords.extract`);
* :func:`keyword_spans(document, words) <reader.keywords.extract.keyword_spans>`
  → ``[(start, end, word)]`` in source offsets, for highlighting and for
  jumping through a keyword's occurrences;
* :func:`load_jieba` (idempotent, thread-safe, quiet; about 0.8 s: call it
  in a worker) and :func:`jieba_ready` (never blocks): see
  :mod:`reader.keywords.jieba_backend`;
* :func:`stopwords` — the shipped stop lists (``data/stopwords-*.txt``);
* :mod:`reader.keywords.elsewhere` — the same extraction (and spans) in a
  child process, for a big document (not imported here: it is also the
  child's ``-m`` module).

A typical UI: start ``load_jieba()`` in a worker at start-up; when a
document opens, extract its keywords in a worker once ``jieba_ready()`` (at
once for German and English); highlight ``keyword_spans(document,
keywords[:n])``.
"""

from reader.keywords.extract import Keyword, extract_keywords, keyword_spans, speaker_keys
from reader.keywords.jieba_backend import jieba_cache_dir, jieba_ready, load_jieba
from reader.keywords.stopwords import latin_stopwords, stopwords
from reader.keywords.tfidf import KeywordCorpus

__all__ = [
    "Keyword",
    "KeywordCorpus",
    "extract_keywords",
    "jieba_cache_dir",
    "jieba_ready",
    "keyword_spans",
    "latin_stopwords",
    "load_jieba",
    "speaker_keys",
    "stopwords",
]
