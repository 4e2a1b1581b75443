"""The podcast namespace's JSON transcript (``<podcast:transcript
type="application/json">``).

``{"version": "1.0.0", "segments": [{"speaker": "Alban", "startTime": 0.8,
"endTime": 1.2, "body": "Hello"}, …]}`` — segments are often single words,
which the cue assembler joins into turns.

Detected by the shape: most objects in ``segments`` have a string ``body``
and a numeric ``startTime``.  Nothing about the input's types is trusted.
"""

from __future__ import annotations

from reader.parse.formats.cues import Cue, clean_name
from reader.parse.formats.jsonvalues import dicts, seconds


def parse(data: object) -> list[Cue] | None:
    """The segments as cues, or None if ``data`` is not such a transcript."""
    segments = dicts(data.get("segments")) if isinstance(data, dict) else []
    usable = [s for s in segments if isinstance(s.get("body"), str) and seconds(s.get("startTime")) is not None]
    if not usable or len(usable) * 2 < len(segments):
        return None
    return [
        Cue(seconds(s.get("startTime")), seconds(s.get("endTime")), s["body"], clean_name(s.get("speaker")))
        for s in usable
    ]
