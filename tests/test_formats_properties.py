"""Properties of the format parsers on any input: no exception, consistent
offsets, and for the text formats, parsing the parsed text changes nothing."""

import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.load import LoadError, load_document
from reader.parse import build_document, parse_text
from reader.parse.formats import CUE_FORMATS, read_cues

FW = "\uff1a"  # the full-width colon
_PIECES = st.sampled_from([
    # Q/A, briefings
    "Q:", "A:", f"Q{FW}", f"A{FW}", "**Q:**", "Q    ", "Q\n", "MR. PRICE:", "THE PRESIDENT: ",
    f"Q{FW}澎湃新闻 / A{FW}张三",
    # Markdown
    f"### 张三{FW}", "### Anna:", "# Title", "**Anna:** ", "*Ben*: ", "---", "---\ntitle: x\n---", "![a](b.png)",
    "*caption*",
    # Otter, stamps, stage directions
    "Anna Weber  0:03", "anna  1:02:03", "[00:01:02] ", "[1:02] Anna: ", "(Laughter.)", "（笑）", "(Applause.) ",
    "[Music]", "Transcribed by https://otter.ai",
    # subtitles
    "1\n", "00:00:01,000 --> 00:00:02,000\n", "WEBVTT\n\n", "<v Anna>", "</v>", "<i>", "{\\an8}", "NOTE x\n\n",
    "-", ">> ",
    # wrapping, cleaning, names
    "\n", "\n\n", "\r\n", " ", "  ", "\t", "進(jìn)行", "進（jìn）行",
    "The scientist who has spent her whole career studying the way ", "memory works in the brain and ",
    "科學家，她花了整整二十年研究", "。", "，", "主持人", "王小明", "Anna", "Ben", ":", FW, "(", ")", "（", "）",
    "\x1b", "\ufeff", "\u2028", "\ufffd",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join)
_SUFFIX = st.sampled_from(["", ".txt", ".md", ".srt", ".vtt", ".json"])
_FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(doc):
    previous = 0
    for block in doc.blocks:
        assert previous <= block.start < block.end <= len(doc.text)
        text = doc.block_text(block)
        assert text == doc.text[block.start : block.end] and text == text.strip()
        assert (block.speaker is not None) == (block.kind == "turn")
        assert block.time is None or block.time >= 0
        previous = block.end
    for speaker in doc.speakers:
        assert speaker.name and "\n" not in speaker.name and "<" not in speaker.name and "**" not in speaker.name
    assert sum(s.turns for s in doc.speakers) == sum(1 for b in doc.turns if not b.continuation)


@_FAST
@given(_TEXT, _SUFFIX)
@example("Q：a\nA：b\nQ：c", "")
@example("### 张三：\n\n段一\n\n### 张三：\n\n段二", ".md")
def test_any_text_in_any_format_parses_with_consistent_offsets(text, suffix):
    doc = build_document(text, path=Path("t" + suffix) if suffix else None)  # without the safety net
    check(doc)


@_FAST
@given(_TEXT)
@example("A long line of prose that runs on and on until it wraps right\nhere, and then\n" * 4)
@example("進\n（jìn）行 a long line of prose that runs on and on until it wraps\n" * 6)
def test_parsing_the_parsed_text_of_a_text_format_changes_nothing(text):
    doc = build_document(text)
    if doc.format in CUE_FORMATS:
        return  # a transcript built from timed cues is not its source
    again = build_document(doc.text)
    assert again.text == doc.text
    assert again.blocks == doc.blocks
    assert again.format == doc.format


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(
        st.sampled_from(
            ["segments", "text", "start", "end", "speaker", "body", "startTime", "endTime", "version", "x"]
        ),
        children,
        max_size=6,
    ),
    max_leaves=30,
)


@_FAST
@given(_JSON)
@example({"segments": [{"start": float("nan"), "text": "x"}]})
@example({"segments": [{"startTime": 10**400, "body": "x", "speaker": ["a"]}]})
def test_any_json_value_opens_or_fails_with_a_load_error(tmp_path_factory, value):
    text = json.dumps(value)
    doc = parse_text(text, path=Path("t.json"))
    check(doc)
    path = tmp_path_factory.mktemp("json") / "t.json"
    path.write_text(text, encoding="utf-8")
    try:
        assert load_document(path).format in ("whisper", "podcast-json")
    except LoadError as error:
        assert "\n" not in str(error)


# --- rolling captions -------------------------------------------------------------------

_WORDS = st.sampled_from(["yes", "Yes.", "no", "the", "memory", "hour", "we", "forget", ">>", "[Music]", "it's",
                          "&amp;", "記憶", "遗忘", "是", "的"])
_LINES = st.lists(st.lists(_WORDS, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=12)


def _stamp(seconds, separator):
    whole, ms = divmod(round(seconds * 1000), 1000)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}{separator}{ms:03d}"


def roll_up(lines, silences, srt):
    """``lines`` as YouTube's automatic captions show them (yt-dlp's WebVTT,
    or that converted to SubRip): a cue per line, under the line before it
    unless a silence cleared the screen, its words in timestamp tags; then a
    10 ms cue with the finished line alone.  Returns the text and the start
    of each line's first cue."""
    separator = "," if srt else "."
    cues, starts, time = [], [], 0.0
    for k, line in enumerate(lines):
        time += 3.0 if silences[k] else 0.0
        start, end = time, time + 2.0
        words = line.split(" ")
        if srt:
            tagged = line
        else:
            tagged = words[0] + "".join(
                f"<{_stamp(start + n * 0.25, '.')}><c> {word}</c>" for n, word in enumerate(words[1:], 1))
        top = lines[k - 1] if k and not silences[k] else " "
        cues += [(start, end, f"{top}\n{tagged}"), (end, end + 0.01, f"{line}\n ")]
        starts.append(start)
        time = end + 0.01
    body = "".join(
        (f"{n}\n" if srt else "") + f"{_stamp(a, separator)} --> {_stamp(b, separator)}"
        + ("" if srt else " align:start position:0%") + f"\n{text}\n\n"
        for n, (a, b, text) in enumerate(cues, 1))
    return body if srt else "WEBVTT\nKind: captions\nLanguage: en\n\n" + body, starts


@_FAST
@given(_LINES, st.lists(st.booleans(), min_size=12, max_size=12), st.booleans())
@example(["yes", "yes", "yes"], [False] * 12, False)
@example(["yes", "yes"], [False, True] + [False] * 10, True)
@example(["we", "we forget", "we forget the hour"], [False] * 12, False)
@example(["we", "we forget"], [False, True] + [False] * 10, False)
def test_rolled_up_lines_parse_back_to_the_lines(lines, silences, srt):
    text, starts = roll_up(lines, silences, srt)
    suffix = ".srt" if srt else ".vtt"
    found = read_cues(text, suffix)
    assert found is not None and found[0] == suffix[1:]
    expected = [line.replace("&amp;", "&") for line in lines]
    assert [(round(cue.start, 3), cue.text) for cue in found[1]] == [(round(t, 3), x) for t, x in zip(starts, expected)]
    doc = build_document(text, path=Path("t" + suffix))
    check(doc)
    assert "<" not in doc.text.replace(">>", "")
