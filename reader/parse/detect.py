"""Language, Chinese script and title of a document, from its content.

Language and script look at a sample of the text (head, middle and tail),
so a 10 MB transcript costs no more than a short one.

- language: "zh" when Chinese characters weigh at least a quarter of the
  letters (a Chinese character carries about as much as a short Latin
  word), else "de" or "en" by common function words, else "und"; text with
  much kana or hangul is "und" (not Chinese, and not ours to convert);
- script: each distinct Chinese character is run through OpenCC t2s and
  s2t; characters t2s changes are traditional, those s2t changes are
  simplified.  A document with ≥ 80 % traditional (by occurrence) is
  "hant", ≤ 20 % is "hans", anything between is "mixed" — so a traditional
  text with a few simplified leftovers stays "hant".  Text whose characters
  are the same in both scripts counts as "hans".  The converters are the
  installed t2s/s2t configs without their phrase dictionaries (see
  ``_converters``): same answer for every single character, a tenth of the
  load time.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from functools import cache

from reader.parse.clean import HAN
from reader.parse.lines import is_title_shaped

_SAMPLE_PART = 40_000
_HAN_RE = re.compile(f"[{HAN}]")
_LATIN_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")
_KANA_HANGUL_RE = re.compile(r"[\u3040-\u30ff\u1100-\u11ff\uac00-\ud7af]")
_WORD_RE = re.compile(r"[a-zäöüß]+")
_STOPWORDS = {
    "de": set("der die das und ist nicht ein eine einen zu den von mit sich des auf für im dem auch es sie wir "
              "ich dass wie aber oder wenn noch nach bei aus sind hat haben wird werden kann".split()),
    "en": set("the and is of to in that it for you was with on are this be have not as at but by from they "
              "we an or there what all can will would".split()),
}
HANT_AT_LEAST = 0.8
HANS_AT_MOST = 0.2


def sample(text: str) -> str:
    if len(text) <= 3 * _SAMPLE_PART:
        return text
    middle = len(text) // 2
    return text[:_SAMPLE_PART] + text[middle : middle + _SAMPLE_PART] + text[-_SAMPLE_PART:]


def detect_language(text: str) -> str:
    text = sample(text)
    han = len(_HAN_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if len(_KANA_HANGUL_RE.findall(text)) * 5 > han + latin:
        return "und"
    if han and han * 4 >= latin:
        return "zh"
    words = Counter(_WORD_RE.findall(text.lower()))
    scores = {lang: sum(words[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    scores["de"] += sum(words[w] for w in words if any(c in w for c in "äöüß"))
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else "und"


@cache
def _converters():
    """(t2s, s2t) for single characters.

    The full configs load their phrase dictionaries too (s2t's STPhrases is
    almost 1 MB): 40–180 ms with the GIL held, on the start-up path.  One
    character per line never matches a phrase, so the same configs without
    the phrase dictionaries give the same answer for every character — for
    each code point of ``HAN``, as tests/test_detect_converters.py checks —
    and load in a few ms.  Anything unexpected falls back to the full
    configs: slower, never different."""
    import opencc  # a C extension; loaded once, on first use

    return _character_converter(opencc, "t2s"), _character_converter(opencc, "s2t")


def _character_converter(opencc, name: str):
    try:
        config = _character_config(opencc, name)
        if config is not None:
            # OpenCC takes a config file, and looks for its dictionaries next
            # to it or in a folder fixed at build time — not the installed
            # package — so the config names them by absolute path and only
            # lives until they are loaded.
            with tempfile.TemporaryDirectory(prefix="reader-opencc-") as folder:
                path = os.path.join(folder, f"{name}_characters.json")
                with open(path, "w", encoding="utf-8") as out:
                    json.dump(config, out)
                return opencc.OpenCC(path)
    except Exception:  # noqa: BLE001, S110 — any failure: the full config below
        pass
    return opencc.OpenCC(f"{name}.json")


def _character_config(opencc, name: str) -> dict | None:
    """The installed ``{name}.json`` without its phrase dictionaries, each
    dictionary named by absolute path; None if there is no such file or no
    phrase dictionary to drop.  A layout this does not know raises."""
    folder = os.path.join(os.path.dirname(opencc.__file__), "clib", "share", "opencc")
    try:
        with open(os.path.join(folder, f"{name}.json"), encoding="utf-8") as f:
            config = json.load(f)
    except OSError:  # not the official binding, or another layout
        return None
    dropped: list[str] = []

    def strip(node: dict) -> dict | None:
        if "file" in node:
            if "Phrases" in node["file"]:
                dropped.append(node["file"])
                return None
            return {**node, "file": os.path.join(folder, node["file"])}
        dicts = [d for d in map(strip, node["dicts"]) if d is not None]  # a group
        return {**node, "dicts": dicts} if dicts else None

    def strip_steps(steps: list[dict]) -> list[dict]:
        return [{**step, "dict": d} for step in steps if (d := strip(step["dict"])) is not None]

    light = {**config, "name": f"{name}, characters only", "conversion_chain": strip_steps(config["conversion_chain"])}
    if not dropped or not light["conversion_chain"]:
        return None
    if "normalization" in config:  # newer configs: compatibility ideographs first
        light["normalization"] = strip_steps(config["normalization"])
    if "segmentation" in config:  # older configs segment by the phrase dictionary
        segmentation = config["segmentation"]
        by = strip(segmentation["dict"]) or light["conversion_chain"][0]["dict"]
        light["segmentation"] = {**segmentation, "dict": by}
    return light


def script_counts(text: str) -> tuple[int, int]:
    """(traditional, simplified) character occurrences in ``text``."""
    counts = Counter(_HAN_RE.findall(sample(text)))
    if not counts:
        return 0, 0
    chars = list(counts)
    t2s, s2t = _converters()
    # One character per line, so OpenCC cannot convert across neighbours.
    as_simplified = t2s.convert("\n".join(chars)).split("\n")
    as_traditional = s2t.convert("\n".join(chars)).split("\n")
    if len(as_simplified) != len(chars) or len(as_traditional) != len(chars):
        return 0, 0
    traditional = sum(counts[c] for c, s in zip(chars, as_simplified) if s != c)
    simplified = sum(counts[c] for c, t in zip(chars, as_traditional) if t != c)
    return traditional, simplified


def detect_script(text: str, language: str) -> str | None:
    if language != "zh":
        return None
    traditional, simplified = script_counts(text)
    if traditional + simplified == 0:
        return "hans"
    share = traditional / (traditional + simplified)
    if share >= HANT_AT_LEAST:
        return "hant"
    return "hans" if share <= HANS_AT_MOST else "mixed"


# 【全球时快讯】, [Exklusiv]: a site's rubric in front of the headline.
# A Markdown heading's "#"s go too.
_WEB_PREFIX = re.compile(r"(?:【[^】]{1,20}】|\[[^\]]{1,20}\]|#{1,6}(?=\s))\s*(?=\S)")
TITLE_MAX_LEN = 64


def make_title(first_line: str | None, stem: str | None) -> str:
    """The first meaningful line if it reads as a title (short, not a
    sentence; the rubric prefix and a trailing colon dropped), else the file
    stem, else the first line shortened."""
    if first_line:
        title = _WEB_PREFIX.sub("", first_line, count=1).rstrip(" :\uff1a").strip()
        if is_title_shaped(title, TITLE_MAX_LEN):
            return title
    if stem:
        return stem
    if first_line:
        return first_line if len(first_line) <= TITLE_MAX_LEN else first_line[: TITLE_MAX_LEN - 1].rstrip() + "…"
    return "untitled"
