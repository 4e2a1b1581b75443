"""Who speaks: speaker cues and the names in them.

A cue is either ``Name:`` (ASCII or full-width colon) at the start of a line
(the speech follows on the same line, or on the next lines when nothing
follows the colon), or a name alone on a line with the speech on the
following lines.  Full-width punctuation is written as ``\uff1a`` escapes in
this package's patterns, so no editor's normalisation can fold it to ASCII.
A name is short and looks like a name: one to four capitalised Latin words
("Kevin Scott", "Q"), or one to five Chinese characters, optionally joined
by a middle dot ("薩蒂亞·納德拉").  A candidate becomes a speaker only if it
*recurs*: a label used once ("Weiterführende Literatur:", "注:") or a name
on a line of its own once (an image caption) is not a speaker.

A monologue has no cues; an article may instead declare whose voice the
text is in ("以下內容以奧特曼本人口吻展開", "what follows is in Sam Altman's
own words"): :func:`declared_voice` finds that name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.parse.clean import HAN

_LATIN_WORD = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž.'’\-]*"
_PARTICLE = r"(?:van|von|der|de|da|di|del|du|le|la|bin|al|el|zu|ter|ten)"
# "Kevin Scott", "Ludwig van Beethoven", "Speaker 2", "SPEAKER_01" (automatic
# transcripts number their speakers)
_LATIN_NAME = re.compile(rf"{_LATIN_WORD}(?:\s+(?:{_LATIN_WORD}|{_PARTICLE})){{0,3}}(?:[\s_]\d{{1,2}})?")
_CJK_NAME = re.compile(rf"[{HAN}]{{1,5}}(?:[·・•‧.][{HAN}]{{1,5}}){{0,2}}")
_NAME_MAX_LEN = 32
_INITIAL_AT_END = re.compile(r"(?:^|\s)(?:[A-Z]|Jr|Sr|Dr|Mr|Mrs|Ms|Prof)\.$")
# Labels that look like names but introduce something else (data).
_NOT_NAMES = {
    # en
    "note", "notes", "source", "sources", "reference", "references", "image", "photo", "credit",
    "credits", "update", "tags", "tag", "keywords", "disclaimer", "summary", "abstract", "link",
    "links", "date", "time", "location", "transcript", "editor's note", "ps", "p.s", "nb", "n.b",
    "example", "answer key", "see also", "related", "video", "audio", "title", "subtitle",
    # de
    "hinweis", "anmerkung", "anm", "quelle", "quellen", "foto", "bild", "fazit", "zusammenfassung",
    "datum", "zeit", "ort", "beispiel", "stand", "anzeige", "werbung", "titel", "untertitel",
    # zh
    "注", "註", "按", "编者按", "編者按", "编按", "編按", "译注", "譯註", "来源", "來源", "出处", "出處",
    "关键词", "關鍵詞", "关键字", "關鍵字", "标签", "標簽", "標籤", "图", "圖", "图片", "圖片", "原标题",
    "原標題", "责编", "責編", "责任编辑", "責任編輯", "作者", "摘要", "导语", "導語", "简介", "簡介",
    "提示", "备注", "備註", "声明", "聲明", "链接", "鏈接", "地址", "时间", "時間", "日期", "地点", "地點",
    "附", "附注", "附註", "例如", "比如", "譬如", "其中", "包括", "另外", "此外", "首先", "其次", "然后",
    "然後", "最后", "最後", "总之", "總之", "因此", "所以", "但是", "不过", "不過", "而且", "同时", "同時",
    "他说", "她说", "他說", "她說", "表示", "指出", "认为", "認為", "问题", "問題", "答案", "结论", "結論",
    "总结", "總結", "背景", "目标", "目標", "方法", "结果", "結果", "原因", "理由", "特点", "特點",
}
# "Name: speech" — the name is everything before the first colon; Markdown
# emphasis around the name ("**Host**:", "**Host:**", "*Host*:") is not part of it.
_EMPHASIS = r"(?:\*{1,2}|_{1,2})?"
_CUE = re.compile(rf"{_EMPHASIS}(?P<name>[^:\uff1a*\n]{{1,{_NAME_MAX_LEN}}}?){_EMPHASIS}\s*[:\uff1a]{_EMPHASIS}\s*")
# "The Problem:", "Das Fazit:" are phrases, not names.
_DETERMINERS = {"the", "a", "an", "this", "that", "my", "our", "your", "der", "die", "das", "ein", "eine",
                "dieser", "diese", "dieses", "mein", "meine", "unser", "unsere"}

_VOICE_ZH = re.compile(
    rf"以下.{{0,12}}?以(?P<name>[^\s,\uff0c。;\uff1b()\uff08\uff09、:\uff1a「」“”]{{1,12}}?)(?:本人|自己|先生|女士)?的?"
    r"(?:第一人[稱称])?(?:口吻|口氣|口气|語氣|语气|自述|視角|视角)"
)
_VOICE_EN = re.compile(
    r"(?:the following|what follows|below)\b[^.]{0,60}?\bin (?P<name>[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3})"
    r"['’]s? (?:own )?(?:words|voice)",
    re.IGNORECASE,
)
_VOICE_DE = re.compile(
    r"(?:im Folgenden|der folgende Text|nachfolgend)\b[^.]{0,60}?\b(?:in den|mit den) Worten von "
    r"(?P<name>[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3})",
    re.IGNORECASE,
)
# Each pattern with substrings one of which must be present: a cheap test
# that spares the regex on almost every line.
_VOICE = [
    (("以下",), _VOICE_ZH),
    (("ollow", "elow", "OLLOW", "ELOW"), _VOICE_EN),
    (("Worten", "WORTEN"), _VOICE_DE),
]


def is_name(text: str) -> bool:
    """``text`` has the shape of a speaker's name (see module notes)."""
    if not text or len(text) > _NAME_MAX_LEN or text.casefold().rstrip(".") in _NOT_NAMES:
        return False
    if text[-1] == "." and _INITIAL_AT_END.search(text) is None:
        return False  # "Then Google." is a sentence; "Dr. John F." still a name
    # "THE PRESIDENT:" in a briefing is a name; "The Point:" is a phrase.
    if " " in text and text.split(" ", 1)[0].casefold() in _DETERMINERS and not text.isupper():
        return False
    return _LATIN_NAME.fullmatch(text) is not None or _CJK_NAME.fullmatch(text) is not None


_LABEL_END = "。.!?\uff01\uff1f…,\uff0c;\uff1b:\uff1a、"


def is_label(text: str) -> bool:
    """Looser than :func:`is_name`, for a speaker label that a format marks
    as one ("interviewer  0:03", "[00:01:02] Dr. med. Müller"): short, a few
    words, not a sentence, not a known non-name label."""
    if is_name(text):
        return True
    if not 1 <= len(text) <= _NAME_MAX_LEN or len(text.split()) > 5 or not text[0].isalpha():
        return False
    return text[-1] not in _LABEL_END and text.casefold() not in _NOT_NAMES


def colon_cue(text: str) -> tuple[str, int] | None:
    """``(name, offset of the speech)`` for any short label before a colon at
    the start of ``text``, emphasis removed; the caller judges the name."""
    match = _CUE.match(text)
    return (match.group("name").strip(), match.end()) if match is not None else None


def split_cue(text: str) -> tuple[str, int] | None:
    """``(name, offset of the speech in text)`` if ``text`` starts with
    ``Name:`` or is a name alone on its line; the offset equals
    ``len(text)`` when no speech follows on the line."""
    match = _CUE.match(text)
    if match is not None and is_name(match.group("name")):
        return match.group("name"), match.end()
    return (text, len(text)) if is_name(text) else None


def find_speakers(
    texts: Sequence[str], usable: Sequence[bool], cues: Sequence[tuple[str, int] | None]
) -> set[str]:
    """The names used as cues at least twice.  ``usable[i]`` is False for
    lines known to be something else (boilerplate, headings…); ``cues[i]``
    is :func:`split_cue` of ``texts[i]`` for usable lines, else None."""
    counts: Counter[str] = Counter()
    for i, cue in enumerate(cues):
        if cue is None:
            continue
        # A name alone counts only when speech follows it, so that a list of
        # short lines (a table of contents) does not make its items speakers.
        if cue[1] < len(texts[i]) or (i + 1 < len(texts) and usable[i + 1] and _is_speech(texts[i + 1], cues[i + 1])):
            counts[cue[0]] += 1
    return {name for name, count in counts.items() if count >= 2}


def _is_speech(text: str, cue: tuple[str, int] | None) -> bool:
    return cue is None and (len(text) > 24 or text[-1] in "。.!?\uff01\uff1f…\"”」")


def declared_voice(text: str) -> str | None:
    """The name in "the following is in X's voice", if ``text`` says so."""
    for needles, pattern in _VOICE:
        match = pattern.search(text) if any(needle in text for needle in needles) else None
        name = match.group("name").rstrip(".") if match else ""
        if is_name(name):
            return name
    return None
