"""Whisper and WhisperX JSON.

``{"text": …, "segments": [{"start": 0.0, "end": 2.5, "text": " Hello",
"speaker": "SPEAKER_00"?}, …], "language": "en"}`` — WhisperX adds the
speaker (and word timings, not used).  A bare list of such segments is
accepted too, and so is the API's ``{"text": …}`` without segments.

Detected by the shape: most objects in ``segments`` have a string ``text``
and a numeric ``start``.  Nothing about the input's types is trusted.
"""

from __future__ import annotations

from reader.parse.formats.cues import Cue, clean_name
from reader.parse.formats.jsonvalues import dicts, seconds

_API_KEYS = {"text", "language", "duration", "task", "usage", "logprobs"}


def parse(data: object) -> list[Cue] | None:
    """The segments as cues, or None if ``data`` is not Whisper output."""
    if isinstance(data, dict) and "segments" not in data:
        return _text_only(data)
    segments = dicts(data.get("segments") if isinstance(data, dict) else data)
    usable = [s for s in segments if isinstance(s.get("text"), str) and seconds(s.get("start")) is not None]
    if not usable or len(usable) * 2 < len(segments):
        return None
    return [
        Cue(seconds(s.get("start")), seconds(s.get("end")), s["text"], clean_name(s.get("speaker"))) for s in usable
    ]


def _text_only(data: dict) -> list[Cue] | None:
    text = data.get("text")
    if not isinstance(text, str) or not text.strip() or not set(data) <= _API_KEYS:
        return None
    return [Cue(None, None, text)]
