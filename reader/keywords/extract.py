"""Keyword extraction: TF-IDF, with jieba for Chinese.

Which text counts
    Only the turn, narration and heading blocks, never boilerplate or notes
    (:func:`reader.keywords.tfidf.counted_spans`); a word in a heading
    counts twice.

Chinese documents (``Document.language == "zh"``)
    The text is converted to simplified with OpenCC ``t2s`` first — jieba's
    dictionary, IDF table and our stop list are simplified, and on raw
    traditional text a third of its multi-character tokens are unknown —
    and t2s keeps every length, so each token's offsets point into the
    original text too.  A Han token from jieba is a candidate when it has
    two or more characters, is no stop word (``data/stopwords-zh.txt``), no
    number ("三个", "2024", "第一") and not (part of) a speaker's name.
    Latin words are taken whole from the text, not from jieba (see
    :func:`_latin_in_chinese`: GPU, OpenAI, "Super Intelligence"; English
    stop words and speakers' names out; at least two occurrences).  The
    score is jieba's TF-IDF: ``count × idf / total`` over the candidates,
    ``idf`` from jieba's table, its median for words it does not know (all
    Latin words).  jieba's TextRank is never used (nor imported).

German, English and anything else
    The same over Latin-script tokens (no jieba), with the German and/or
    English stop lists, and ``idf`` from a :class:`KeywordCorpus` when one
    is given (1 for every word without one: ranking by frequency).  In
    German only nouns and names count (see :func:`_latin_tally`).

A keyword is reported once per *key* — the folded form, so 軟件 and 软件,
OpenAI and OpenAi are one keyword — under the form the document uses most
often (:attr:`Keyword.word`, in the document's own script), with
:attr:`Keyword.count` the number of its occurrences that
:func:`keyword_spans` finds for it alone: what the reader sees highlighted
and jumps through (in the whole text, boilerplate included; a Chinese word
also inside longer words, e.g. 模型 in 大模型).  Ties in score go to the
more frequent word, then to the key in code-point order, so the result is
deterministic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reader.convert import convert, fold, has_chinese
from reader.keywords.jieba_backend import load_jieba
from reader.keywords.stopwords import latin_stopwords, stopwords
from reader.keywords.tfidf import LATIN_ALNUM, KeywordCorpus, counted_spans, is_latin_candidate, latin_tokens
from reader.model import Document
from reader.search import match_words

__all__ = ["Keyword", "extract_keywords", "keyword_spans", "speaker_keys"]


@dataclass(frozen=True, slots=True)
class Keyword:
    """A keyword of a document.

    ``word``: as the document writes it most often (original script and
    case); ``score``: its TF-IDF (comparable within one document only);
    ``count``: its occurrences in the document (see the module docstring);
    ``key``: ``fold(word)``, the form every script and case of it folds to.
    """

    word: str
    score: float
    count: int
    key: str

    def to_json(self) -> dict:
        """The object `reader keywords --json` prints for a keyword."""
        return {"word": self.word, "score": round(self.score, 6), "count": self.count}


# Han characters jieba segments (its own range; the rest are not words).
_HAN_WORD = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+")
_ASCII_WORD = re.compile(r"[0-9A-Za-z]+")
_LATIN_CHAR = re.compile(f"[{LATIN_ALNUM}]")
# Numbers, ordinals and counted amounts: 2024, 三个, 十几, 第一, 几年, 百万, 万人.
_NUMBER = re.compile(
    r"[第]?[0-9０-９零〇一二三四五六七八九十百千万亿两几多半数每]+"
    r"[个种年月日天次件位名条点分秒倍岁周号些项家块台步层代届期轮成手回遍样人]?"
)
_NAME_SEPARATORS = re.compile(r"[\s·•・.\-_]+")
_SPACE = re.compile(r"\s+")


def speaker_keys(document: Document) -> tuple[frozenset[str], tuple[str, ...]]:
    """The folded speaker names of a document and their parts ("kevin scott",
    "kevin", "scott"), and the names written in Han characters (a token
    inside one of them, such as 奥特 of 奥特曼, is no keyword either)."""
    keys: set[str] = set()
    han: list[str] = []
    for speaker in document.speakers:
        name = fold(speaker.name.strip())
        if not name:
            continue
        keys.add(name)
        keys.update(part for part in _NAME_SEPARATORS.split(name) if part)
        han.extend(part for part in _HAN_WORD.findall(name) if len(part) >= 2)
    return frozenset(keys), tuple(han)


class _Tally:
    """Candidate counts per key, the forms each key was written in, and the
    word to look its IDF up by."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.forms: dict[str, Counter[str]] = {}
        self.lookup: dict[str, str] = {}

    def add(self, key: str, form: str, lookup: str, weight: int = 1) -> None:
        self.counts[key] += weight
        forms = self.forms.get(key)
        if forms is None:
            self.forms[key] = Counter((form,))
            self.lookup[key] = lookup
        else:
            forms[form] += 1

    def word(self, key: str) -> str:
        # most_common keeps first-seen order among equal counts
        return self.forms[key].most_common(1)[0][0]


def _simplified(text: str) -> str:
    """``text`` in simplified characters, same length (t2s is a character
    config; should a backend ever change a length, fold's per-character t2s
    is the fallback)."""
    if not has_chinese(text):
        return text
    out = convert(text, "t2s")
    return out if len(out) == len(text) else fold(text)


def _chinese_tally(document: Document, folded: str) -> tuple[_Tally, dict[str, float], float]:
    jieba = load_jieba()
    text = document.text
    simplified = _simplified(text)
    stop_zh = stopwords("zh")
    names, han_names = speaker_keys(document)
    tally = _Tally()
    tokenize = jieba.tokenizer.tokenize
    for start, end, weight in counted_spans(document):
        for word, s, e in tokenize(simplified[start:end]):
            if len(word) < 2 or not _HAN_WORD.fullmatch(word) or _NUMBER.fullmatch(word):
                continue  # Latin words are taken below, whole
            if word in stop_zh or ("著" in word and word.replace("著", "着") in stop_zh):
                continue  # t2s keeps 著 (著作); as a particle it is 着
            s += start
            e += start
            key = folded[s:e]
            if key in names or any(key in name for name in han_names):
                continue
            tally.add(key, text[s:e], word, weight)
    _latin_in_chinese(document, folded, names, tally)
    return tally, jieba.idf, jieba.median_idf


# Between two capitalised words of one name or term: a space or two, no newline.
_NAME_GAP = re.compile(r"[ \t\u00a0]{1,2}")
_MAX_NAME_WORDS = 4


def _latin_in_chinese(document: Document, folded: str, names: frozenset[str], tally: _Tally) -> None:
    """The Latin words of a Chinese document: names and terms (OpenAI, GPU,
    API).  Capitalised words in a row are one term ("Super Intelligence",
    "Sam Altman", "Microsoft Azure"), up to four; a term must occur at
    least twice (once in a heading will do), as jieba gives every word it does not know — all Latin
    words — its median IDF, which is higher than most Chinese words'."""
    text = document.text
    stop = latin_stopwords("zh")
    found = _Tally()
    for start, end, weight in counted_spans(document):
        run: list[tuple[str, int, int]] = []
        for _, s, e in latin_tokens(folded, start, end):  # folded: full-width letters too
            form = text[s:e]
            token = (form, s, e)
            capital = form[0].isupper() and folded[s:e] not in stop
            if run and capital and len(run) < _MAX_NAME_WORDS and _NAME_GAP.fullmatch(text, run[-1][2], s):
                run.append(token)
                continue
            _add_latin_run(run, text, folded, names, stop, found, weight)
            run = [token] if capital else []
            if not capital:
                _add_latin_run([token], text, folded, names, stop, found, weight)
        _add_latin_run(run, text, folded, names, stop, found, weight)
    for key, n in found.counts.items():
        if n >= 2:
            tally.counts[key] = n
            tally.forms[key] = found.forms[key]
            tally.lookup[key] = key


def _add_latin_run(
    run, text: str, folded: str, names: frozenset[str], stop: frozenset[str], tally: _Tally, weight: int
) -> None:
    if not run:
        return
    s, e = run[0][1], run[-1][2]
    form = _SPACE.sub(" ", text[s:e])
    key = _SPACE.sub(" ", folded[s:e])
    if key in names or key.isdigit():
        return
    if len(run) == 1 and not is_latin_candidate(form, key, stop):
        return
    tally.add(key, form, key, weight)


_OPENERS = " \t\n\"'„“”‚‘’»«›‹([{–—-*•"
_SENTENCE_ENDS = ".!?:;…。！？：；"


def _sentence_start(text: str, offset: int, floor: int) -> bool:
    """Whether a word at ``offset`` starts a sentence (or its block)."""
    i = offset - 1
    while i >= floor and text[i] in _OPENERS:
        i -= 1
    return i < floor or text[i] in _SENTENCE_ENDS


def _latin_tally(document: Document, folded: str) -> _Tally:
    """Latin-script candidates.  German capitalises every noun, and its
    keywords are nouns and names: a German word counts only if it is
    written capitalised somewhere other than at the start of a sentence, or
    has a capital letter after its first (KI, ChatGPT), so adjectives, verbs
    and adverbs ("technische", "entwickeln", "Dennoch") drop out."""
    text = document.text
    stop = latin_stopwords(document.language)
    names, _ = speaker_keys(document)
    german = document.language == "de"
    nouns: set[str] = set()
    tally = _Tally()
    for start, end, weight in counted_spans(document):
        for key, s, e in latin_tokens(folded, start, end):  # folded: full-width letters too
            form = text[s:e]
            if key in names or not is_latin_candidate(form, key, stop):
                continue
            if (
                german
                and key not in nouns
                and form[0].isupper()
                and (any(c.isupper() for c in form[1:]) or not _sentence_start(text, s, start))
            ):
                nouns.add(key)
            tally.add(key, form, key, weight)
    if german:
        for key in [k for k in tally.counts if k not in nouns]:
            del tally.counts[key]
    return tally


def extract_keywords(
    document: Document,
    *,
    top: int | None = 20,
    corpus: KeywordCorpus | Iterable[Document] | None = None,
) -> list[Keyword]:
    """The ``top`` keywords of a document, best first (None: all of them).

    For a Chinese document this loads jieba if it is not loaded yet, which
    blocks for about 0.8 s: the UI calls :func:`reader.keywords.load_jieba`
    in a worker first and extracts once :func:`reader.keywords.jieba_ready`.
    ``corpus`` (a :class:`KeywordCorpus`, or documents to build one from)
    gives German and English words their IDF; see the module docstring.
    """
    if top is not None and top <= 0:
        return []
    folded = fold(document.text)
    if document.language == "zh":
        tally, idf_table, default_idf = _chinese_tally(document, folded)

        def idf(key: str) -> float:
            return idf_table.get(tally.lookup[key], default_idf)

    else:
        tally = _latin_tally(document, folded)
        if corpus is not None and not isinstance(corpus, KeywordCorpus):
            corpus = KeywordCorpus(corpus)

        def idf(key: str) -> float:
            return corpus.idf(key) if corpus is not None else 1.0

    total = sum(tally.counts.values())
    if not total:
        return []
    scored = sorted(
        ((n * idf(key) / total, n, key) for key, n in tally.counts.items()),
        key=lambda item: (-item[0], -item[1], item[2]),
    )
    if top is not None:
        scored = scored[:top]
    out = []
    for score, _, key in scored:
        word = tally.word(key)
        count = len(match_words(document.text, [word], folded=folded))
        out.append(Keyword(word, score, count, key))
    return out


def keyword_spans(document: Document, words: Iterable[str | Keyword]) -> list[tuple[int, int, str]]:
    """Where the keywords occur, for highlighting: ``(start, end, word)`` in
    offsets into ``Document.text``, sorted and non-overlapping, the longest
    word winning where two start at one place (see
    :func:`reader.search.match_words`: script- and case-insensitive, whole
    words for Latin).  ``word`` is the string given (a Keyword's ``word``).

    Given one word, the spans are its ``count`` occurrences, to jump
    through; given several, a word inside a longer one that matched there
    (模型 inside 大模型) is not reported separately.
    """
    return match_words(document, [w.word if isinstance(w, Keyword) else w for w in words])
