"""Control characters never reach the terminal, and sanitising keeps offsets."""

import pytest

from reader.sanitize import has_control, sanitize


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred", "␛[31mred"),  # an escape sequence is shown, not obeyed
        ("ding\x07", "ding␇"),
        ("a\x00b", "a␀b"),
        ("carriage\rreturn", "carriage␍return"),
        ("del\x7f", "del␡"),
        ("c1\x9bcsi", "c1\ufffdcsi"),  # C1 CSI is an escape sequence too
        ("bidi\u202eevil", "bidi\ufffdevil"),
        ("isolate\u2066x\u2069", "isolate\ufffdx\ufffd"),
        ("line\u2028sep", "line␤sep"),
    ],
)
def test_controls_become_visible_placeholders(raw, shown):
    assert has_control(raw)
    assert sanitize(raw) == shown
    assert len(sanitize(raw)) == len(raw)


@pytest.mark.parametrize("text", ["", "plain text", "中文,標點。", "tab\tand\nnewline", "emoji 🙂 and ␛ already"])
def test_ordinary_text_is_left_alone(text):
    assert not has_control(text)
    assert sanitize(text) is text or sanitize(text) == text


def test_every_c0_and_c1_code_is_replaced_except_newline_and_tab():
    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]:
        char = chr(code)
        if char in "\n\t":
            assert sanitize(char) == char
        else:
            assert sanitize(char) != char, hex(code)
            assert not has_control(sanitize(char)), hex(code)


def test_sanitize_is_idempotent():
    raw = "".join(chr(code) for code in range(0, 0xA0)) + "\u202a\u202e\u2066\u2069\u2028\u2029"
    once = sanitize(raw)
    assert sanitize(once) == once
    assert len(once) == len(raw)
