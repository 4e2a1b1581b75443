"""Reading values out of untrusted JSON: nothing is assumed about types."""

from __future__ import annotations

import json
import math
from typing import Any


def load(text: str) -> Any:
    """The parsed JSON, or None if ``text`` is not JSON (or nests too deep)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def seconds(value: object) -> float | None:
    """A time in seconds: a finite, non-negative number (or numeric string)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return number if math.isfinite(number) and number >= 0 else None


def dicts(value: object) -> list[dict]:
    """The objects in a JSON list (other items are skipped)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
