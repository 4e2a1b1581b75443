"""Web chrome that is not part of the article: "see also" links, ads, comment
forms, copyright footers, tag lists, reference links, image placeholders and
captions, datelines.  The phrase lists are plain data, one per language.
"""

from __future__ import annotations

import re

# A line that *starts* with one of these (regular expressions) is chrome,
# whatever follows.  "X:" stands for both the ASCII and the full-width colon.
_STARTS = {
    "de": [
        "Siehe auch", "Lesen Sie (?:auch|mehr)", "Auch interessant", "Mehr zum Thema",
        "Das könnte Sie auch interessieren", "Weiterführende Literatur", "Weitere Artikel",
        "Kommentieren Sie den Artikel", "Kommentar schreiben", "Bitte geben Sie (?:hier )?Ihre",
        "Bildquelle", "Titelbild:", "Quelle:", "Foto:", "Bild:", "Schlagw(?:ö|oe)rter:", "Artikel teilen",
    ],
    "en": [
        "See also", "Read (?:more|also):", "Related(?: articles| posts)?:", "Recommended for you",
        "Share this", "Leave a (?:comment|reply)", "Please enter your", "Click here", "Image:", "Photo:",
        "Image credit", "Photo credit", "Source:", "References?:", "Tags:", "Keywords:", "Filed under",
        "WEBVTT",  # the header of a WebVTT subtitle file
        "Transcribed by", "Transcription by",  # the footer of an automatic transcript
    ],
    "zh": [
        "相[关關](?:阅读|閱讀|文章)", "延伸[阅閱][读讀]", "推[荐薦][阅閱][读讀]", "更多精彩",
        "[点點][击擊](?:这里|這裡|查看|阅读|閱讀|关注|關注)", "[扫掃][码碼][关關]注", "[关關]注我[们們]",
        "[责責]任[编編][辑輯]:", "[责責][编編]:", "原[标標][题題]:", "原文(?:[链鏈]接|地址|出[处處])?:",
        "[参參]考(?:[资資]料|[链鏈]接|文[献獻])?:", "(?:文章|[图圖]片)?[来來]源:", "[图圖]源:",
        "免[责責][声聲]明", "[关關][键鍵](?:[词詞]|字):", "[标標][签簽籤]:", "[阅閱][读讀]原文", "分享到",
        "△", "▲",
    ],
}
# A line that *is* one of these (ignoring case and outer punctuation).
_EXACT = [
    "Anzeige", "Werbung", "Advertisement", "Sponsored", "Video", "YouTube", "YouTube Video",
    "Teilen", "Share", "广告", "廣告", "视频", "視頻", "推广", "推廣",
]
# A short line that *contains* one of these (copyright footers, credits).
_CONTAINS = [
    "版权归", "版權歸", "版权所有", "版權所有", "转载请", "轉載請", "未经授权", "未經授權",
    r"不代表.{0,12}(?:立场|立場)", "©", "All rights reserved", "all rights reserved", "ALL RIGHTS RESERVED",
    "Alle Rechte vorbehalten",
    "gesponsert", "Nachdruck", r"Quelle des (?:ersten )?Bildes", "Image credit", "Photo credit",
    r"Copyright (?:©|\(c\)|\d{4})",
]
_CONTAINS_MAX_LEN = 300

# 【資料圖】, (资料图片), [Foto] …: an image or video placeholder.
_PLACEHOLDER = re.compile(
    r"[【\[(\uff08〔]\s*(?:资料图片?|資料圖片?|图片|圖片|配图|配圖|图|圖|视频|視頻|图源[^】\])\uff09〕]*|圖源[^】\])\uff09〕]*"
    r"|Foto|Bild|Video|Image|Photo|Picture)\s*[】\])\uff09〕]",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:\S{0,20}[:\uff1a]\s*)?(?:https?://|www\.)\S+")
# A byline with a date (and time): "鳳凰科技 2024-12-07 01:33:17".
_DATELINE = re.compile(
    r"[^。,\uff0c.!?\uff01\uff1f]{0,30}\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[^。,\uff0c.!?\uff01\uff1f]{0,12}"
)


def _alternation(phrases: list[str], escape: bool = True) -> str:
    return "|".join(re.escape(p) if escape else p for p in sorted(phrases, key=len, reverse=True))


_STARTS_RE = re.compile(
    _alternation([re.sub(r"(?<!\(\?):", "[:\uff1a]", p) for ps in _STARTS.values() for p in ps], escape=False),
    re.IGNORECASE,
)
_EXACT_RE = re.compile(rf"[\W_]*(?:{_alternation(_EXACT)})[\W_]*", re.IGNORECASE)
# Case-sensitive on purpose: IGNORECASE makes this search ten times slower.
_CONTAINS_RE = re.compile(_alternation(_CONTAINS, escape=False))
# A caption line after a lone "△" marker.
CAPTION_MARKERS = ("△", "▲")


# One anchored regex for all whole-line forms: a single call per line.
_LINE_RE = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            f"(?:{_STARTS_RE.pattern}).*",
            _EXACT_RE.pattern,
            _PLACEHOLDER.pattern,
            _URL.pattern,
            _DATELINE.pattern,
        )
    ),
    re.IGNORECASE,
)


def is_boilerplate(text: str) -> bool:
    """``text`` (one trimmed line) is web chrome rather than article text."""
    if _LINE_RE.fullmatch(text):
        return True
    return len(text) <= _CONTAINS_MAX_LEN and _CONTAINS_RE.search(text) is not None
