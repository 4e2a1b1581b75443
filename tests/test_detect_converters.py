"""Script detection's character-only converters answer exactly as the full
t2s/s2t configs do, for every code point in the Chinese ranges.

reader.parse.detect classifies each distinct character by running it, one
per line, through t2s and s2t.  It builds those converters from the
installed configs minus their phrase dictionaries (a tenth of the load
time); this proves, code point by code point, that nothing changes.
"""

from __future__ import annotations

import re

import pytest

from reader.parse import detect
from reader.parse.clean import HAN

opencc = pytest.importorskip("opencc")


def _han_code_points() -> list[str]:
    ranges = re.findall(r"(.)-(.)", HAN, flags=re.DOTALL)
    assert "".join(a + "-" + b for a, b in ranges) == HAN, "HAN is no longer a plain list of ranges"
    return [chr(c) for a, b in ranges for c in range(ord(a), ord(b) + 1)]


CHARS = _han_code_points()


@pytest.fixture(scope="module")
def official():
    if detect._character_config(opencc, "t2s") is None:
        pytest.skip("no character-only config for this OpenCC backend: detect uses the full configs")
    return {"t2s": opencc.OpenCC("t2s.json"), "s2t": opencc.OpenCC("s2t.json")}


def test_the_ranges_are_all_there():
    assert len(CHARS) > 98_000
    assert {"\u3400", "\u9fff", "\uf900", "\U00020000", "\U0003134f"} <= set(CHARS)


@pytest.mark.parametrize("name", ["t2s", "s2t"])
def test_the_light_config_has_no_phrase_dictionary(name, official):
    config = detect._character_config(opencc, name)
    assert "Phrases" not in str(config)
    assert "Characters" in str(config["conversion_chain"])


@pytest.mark.parametrize("name", ["t2s", "s2t"])
def test_every_han_code_point_converts_as_with_the_full_config(name, official):
    light = dict(zip(("t2s", "s2t"), detect._converters()))[name]
    text = "\n".join(CHARS)  # as script_counts does it: one character per line
    got = light.convert(text).split("\n")
    want = official[name].convert(text).split("\n")
    assert len(got) == len(want) == len(CHARS)
    differ = [(c, g, w) for c, g, w in zip(CHARS, got, want) if g != w]
    assert not differ, f"{len(differ)} code points differ, e.g. {differ[:10]}"
    # The conversion does something (the test would be vacuous otherwise).
    assert sum(g != c for c, g in zip(CHARS, got)) > 3000


def test_the_light_converters_really_skip_the_phrases(official):
    t2s, s2t = detect._converters()
    # 头发 is a phrase in STPhrases (頭髮); character by character it is 頭發.
    assert official["s2t"].convert("头发") == "頭髮"
    assert s2t.convert("头发") == "頭發"
    assert t2s.convert("頭髮") == "头发"


def test_without_the_installed_configs_it_falls_back_to_the_full_ones(monkeypatch):
    monkeypatch.setattr(detect, "_character_config", lambda *_: None)
    converter = detect._character_converter(opencc, "s2t")
    assert converter.convert("头发") == "頭髮"


def test_a_config_it_cannot_load_falls_back_to_the_full_one(monkeypatch):
    monkeypatch.setattr(detect, "_character_config", lambda *_: {"conversion_chain": [{"dict": {"file": "/nowhere"}}]})
    converter = detect._character_converter(opencc, "s2t")
    assert converter.convert("头发") == "頭髮"


def test_script_counts_is_unchanged():
    assert detect.script_counts("我們今天談談這個問題") == (7, 0)
    assert detect.script_counts("我们今天谈谈这个问题") == (0, 7)
    assert detect.detect_script("我們今天談談這個問題", "zh") == "hant"
