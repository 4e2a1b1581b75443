"""WebVTT (``.vtt``): a ``WEBVTT`` header, then cues.

Detected by the extension, or by the header followed by at least two cues.
The speaker is a voice tag (``<v Roger Bingham>``, ``<v.loud Roger>``,
closed by ``</v>`` or not; several in a cue make several turns) or, without
voice tags, a ``Name:`` prefix as in SubRip.  Every other tag (``<i>``,
``<b>``, ``<c.yellow>``, ``<lang en>``, karaoke timestamps ``<00:00:01.000>``)
goes, entities are decoded, and markup never reaches a speaker's name.
Rolling captions — YouTube's automatic ones, as yt-dlp writes them — are
read once (:mod:`.rolling`).
"""

from __future__ import annotations

import html
import re

from reader.parse.formats.cues import Cue, clean_name
from reader.parse.formats.rolling import unroll
from reader.parse.formats.subtitles import name_prefixes, scan

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+(?P<name>[^>\n]*))?>")
_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]*>|<\d[\d:.]*>")


def looks_like_vtt(text: str) -> bool:
    head = text.lstrip()
    return head.startswith("WEBVTT") and (len(head) == 6 or head[6] in " \t\n")


def parse(text: str, *, sniffing: bool) -> list[Cue] | None:
    """The cues, or None if ``text`` is not WebVTT."""
    if sniffing and not looks_like_vtt(text):
        return None
    raw = scan(text, vtt=True)
    if len(raw) < (2 if sniffing else 1):
        return None
    cues = [cue for c in raw for cue in _voices(c.start, c.end, c.text)]
    return name_prefixes(unroll(cues))


def _voices(start: float, end: float, payload: str) -> list[Cue]:
    """One cue per voice in the payload; text before any voice tag has none."""
    tags = list(_VOICE.finditer(payload))
    if not tags:
        return [Cue(start, end, _plain(payload))]
    cues = [Cue(start, end, _plain(payload[: tags[0].start()]))] if payload[: tags[0].start()].strip() else []
    for k, tag in enumerate(tags):
        stop = tags[k + 1].start() if k + 1 < len(tags) else len(payload)
        name = _name(tag["name"] or "")
        cues.append(Cue(start, end, _plain(payload[tag.end() : stop]), name))
    return cues


def _name(annotation: str) -> str | None:
    """The voice's name: entities decoded first, so that no tag, escaped
    or not, and no stray angle bracket ends up in it."""
    name = _MARKUP.sub("", html.unescape(annotation))
    return clean_name(name.replace("<", "").replace(">", ""))


def _plain(text: str) -> str:
    return html.unescape(_MARKUP.sub("", text))
