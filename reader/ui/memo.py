"""Facts about a document computed once, by whichever thread asks first.

Opening a 10 MB transcript asks several panes for the same facts (its
speakers, its turn count, every block's width in cells…), each a walk over
42,000 blocks.  A function decorated with :func:`per_document` computes its
value once per document (by identity) and keeps it for the last few
documents; the loader asks for them in its worker thread, so that the UI
thread finds them ready when it shows the document (reader.ui.loader).

The values are shared: callers must not change them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")
KEEP = 8  # documents remembered per function


def per_document(function: Callable[[object], T]) -> Callable[[object], T]:
    cache: OrderedDict[int, tuple[object, T]] = OrderedDict()
    lock = threading.Lock()

    @wraps(function)
    def cached(doc: object) -> T:
        key = id(doc)
        with lock:
            hit = cache.get(key)
            if hit is not None and hit[0] is doc:  # the same object, not a new one at a reused address
                cache.move_to_end(key)
                return hit[1]
        value = function(doc)
        with lock:
            cache[key] = (doc, value)
            cache.move_to_end(key)
            while len(cache) > KEEP:
                cache.popitem(last=False)
        return value

    cached.cache_clear = cache.clear  # type: ignore[attr-defined]
    return cached
