"""Inputs that broke, or nearly broke, opening a file: each must open (or be
refused with a LoadError) and pass the fuzzer's invariants.

When bench/fuzz_parse.py finds a failing input it saves it under
bench/fuzz-crashes/; add its bytes (and the suffix its first byte picks,
see SUFFIXES there) to CASES with a line on what broke, then fix the bug.
Runs of `bench/fuzz_parse.py` so far: atheris, 96,000 inputs in 7 minutes,
and hypothesis, no failure (docs/TESTING.md).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from reader.load import LoadError, load_document

_SPEC = importlib.util.spec_from_file_location("fuzz_parse", Path(__file__).parent.parent / "bench" / "fuzz_parse.py")
fuzz_parse = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fuzz_parse)

CASES = [
    # Empty and nearly empty files: an empty document, never block 0 of none
    # (the transcript view crashed on an empty document until issue 7).
    b"",
    b"x",
    b"\xff",
    b"\n\n\n",
    b"\xef\xbb\xbf",  # a UTF-8 BOM and nothing else
    b"\xff\xfe",  # a UTF-16 BOM and nothing else
    b"\xff\xfe\x00\xd8",  # UTF-16 with a lone surrogate
    b"\x00",
    # Escape sequences, C1 controls and markup in the text and the title.
    "\x1b]0;PWNED\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\u009b2J [bold red]x[/] [/]\n\nAnna: [@click=app.quit]z[/]\n".encode(),
    "\u202eAnna\u202c: \u2028Hallo\u2029\n".encode(),
    # Format readers on truncated or degenerate input.
    b"WEBVTT",
    b"WEBVTT\n\n-->\n",
    b"1\n00:00:01,000 --> \n\n",
    b"00:00:01,000 --> 00:00:00,000\nAnna: backwards\n",
    b'{"segments": [{}]}',
    b'[{"text": null, "speaker": 3}]',
    b"---\ntitle: [x\n---\n",
    # Pathological shapes: very long runs of separators and speakers.
    b"\r" * 5000,
    b":" * 5000,
    b"Anna:" * 2000,
    "進(jìn)(jìn)行".encode() * 200,
    ("主持人：" * 300).encode("gb18030"),
]


@pytest.mark.parametrize("data", CASES, ids=[repr(case[:24]) for case in CASES])
def test_the_fuzzer_invariants_hold(data):
    fuzz_parse.check_one(data)


@pytest.mark.parametrize("data", CASES, ids=[repr(case[:24]) for case in CASES])
@pytest.mark.parametrize("suffix", fuzz_parse.SUFFIXES)
def test_the_file_opens_or_is_refused_in_one_line(tmp_path, data, suffix):
    path = tmp_path / f"case{suffix or '.text'}"
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except LoadError as error:
        assert "\n" not in str(error)
    else:
        assert doc.title and all(0 <= b.start < b.end <= len(doc.text) for b in doc.blocks)
