"""Quotations with attribution, in each language's typography (reader.quote)."""

from __future__ import annotations

import pytest

from reader.quote import format_quote, markdown_escape, quote_language


def test_english_plain():
    assert format_quote("We need more compute.", "Kevin Scott", "Build 2023") == (
        "\u201cWe need more compute.\u201d \u2014 Kevin Scott, Build 2023"
    )


def test_traditional_chinese_uses_corner_brackets():
    quoted = format_quote("我們需要「更多」算力", "Kevin Scott", "微軟Build大會", language="zh-Hant")
    assert quoted == "「我們需要『更多』算力」——Kevin Scott,《微軟Build大會》"


@pytest.mark.parametrize("language", ["zh-TW", "zh-HK", "zh_hant", "zh-Hant-TW"])
def test_traditional_chinese_tags(language):
    assert quote_language(language) == "zh-hant"


def test_simplified_chinese_uses_curly_quotes():
    assert format_quote("我们需要更多算力", "Kevin Scott", "对谈", language="zh-Hans") == (
        "\u201c我们需要更多算力\u201d——Kevin Scott,《对谈》"
    )


def test_chinese_guessed_from_the_text_and_title_marks_not_doubled():
    assert format_quote("算力", None, "《对谈》") == "\u201c算力\u201d——《对谈》"


def test_german_and_swiss_marks():
    assert format_quote("Wir brauchen „mehr“.", "Greg", "Build", language="de") == (
        "\u201eWir brauchen \u201amehr\u2018.\u201c \u2014 Greg, Build"
    )
    assert format_quote("Grüezi", "Anna", None, language="de-CH") == "«Grüezi» — Anna"


def test_english_nested_quotes_become_single():
    assert format_quote("He said \u201cno\u201d.", None, None) == "\u201cHe said \u2018no\u2019.\u201d"


def test_no_attribution_without_speaker_and_title():
    assert format_quote("  Ja.  ", None, "") == "\u201cJa.\u201d"
    assert format_quote("对", None, None) == "\u201c对\u201d"


def test_markdown_blockquote_with_attribution_on_its_own_line():
    quoted = format_quote("First line\nsecond *line*", "Kevin Scott", "Build_2023", "markdown")
    assert quoted == "> First line\n> second \\*line\\*\n>\n> — Kevin Scott, *Build\\_2023*"


def test_markdown_chinese():
    assert format_quote("算力", "Kevin Scott", "对谈", "markdown") == "> 算力\n>\n> ——Kevin Scott,《对谈》"


def test_markdown_escapes_block_syntax():
    assert markdown_escape("# not a heading") == "\\# not a heading"
    assert markdown_escape("1. not a list") == "1\\. not a list"
    assert markdown_escape("- not a list") == "\\- not a list"
    assert markdown_escape("<b>x</b> [a](b)") == "\\<b>x\\</b> \\[a\\](b)"
