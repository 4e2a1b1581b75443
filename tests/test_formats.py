"""Issue 8: subtitle, podcast, Markdown and speech-recognition transcripts.

One small hand-written file per format in tests/data/formats/; every
expected value was read off the file itself.  A file that names speakers
must give speakers: an empty list there is a failure, not a pass.
"""

import re
import shutil
from pathlib import Path

import pytest

from reader.load import LoadError, load_document
from reader.parse import build_document, parse_text
from reader.parse.formats import read_cues
from reader.sanitize import has_control

DATA = Path(__file__).parent / "data" / "formats"
# "\uff1a" is the full-width colon, written as an escape so that no editor
# folds it into ":" (which would make the tests pass for the wrong reason).
FW_COLON = "\uff1a"


def load(name):
    doc = load_document(DATA / name)
    check_offsets(doc)
    return doc


def check_offsets(doc):
    previous = 0
    for block in doc.blocks:
        assert previous <= block.start < block.end <= len(doc.text)
        text = doc.block_text(block)
        assert text == doc.text[block.start : block.end] and text == text.strip()
        assert (block.speaker is not None) == (block.kind == "turn")
        previous = block.end
    assert sum(s.turns for s in doc.speakers) == sum(1 for b in doc.turns if not b.continuation)


def speakers(doc):
    return [(s.name, s.turns) for s in doc.speakers]


def blocks(doc):
    """(kind, speaker, time, text) of every block; "+" marks a continuation."""
    return [(b.kind + ("+" if b.continuation else ""), b.speaker, b.time, doc.block_text(b)) for b in doc.blocks]


def turn_texts(doc):
    return [doc.block_text(b) for b in doc.turns]


# --- SubRip ---------------------------------------------------------------------------


def test_srt_cues_merge_into_turns_named_on_their_first_cue():
    doc = load("interview.srt")
    assert doc.format == "srt"
    assert speakers(doc) == [("Roger Bingham", 2), ("Anna Weber", 2)]
    assert blocks(doc) == [
        ("turn", "Roger Bingham", 1.0,
         "Welcome to The Memory Hour. Today my guest is a neuroscientist. She studies how we forget."),
        ("turn", "Anna Weber", 6.5, "Thank you, Roger & hello everyone."),
        ("note", None, 9.1, "(Laughter)"),
        ("turn+", "Anna Weber", 10.2, "Forgetting is not a failure, it is a feature."),
        ("turn", "Roger Bingham", 13.5, "A feature?"),
        # a pause of four seconds inside the turn starts a paragraph
        ("turn", "Anna Weber", 20.0, "Yes. The brain keeps what it needs.\nAnd drops the rest."),
    ]


def test_srt_text_is_a_readable_transcript_without_markup_or_timings():
    doc = load("interview.srt")
    assert doc.text.startswith("Roger Bingham: Welcome to The Memory Hour.")
    for leftover in ("-->", "<i>", "<font", "{\\an8}", "&amp;", "00:00"):
        assert leftover not in doc.text
    assert doc.title == "interview" and doc.language == "en"


def test_srt_in_chinese_with_full_width_colons():
    doc = load("interview-zh-hans.srt")
    assert speakers(doc) == [("主持人", 2), ("王小明", 2)]
    assert [(b.speaker, b.time) for b in doc.turns] == [
        ("主持人", 0.5), ("王小明", 5.5), ("主持人", 8.5), ("王小明", 10.5)]
    # cues of Chinese text are joined without a space after "。"
    assert turn_texts(doc)[:2] == ["欢迎收听《记忆时间》。今天的嘉宾研究遗忘。", "谢谢邀请。遗忘不是失败。"]
    assert (doc.language, doc.script) == ("zh", "hans")


def test_a_txt_file_that_is_really_srt_is_read_as_srt(tmp_path):
    copy = tmp_path / "subtitles.txt"
    shutil.copy(DATA / "interview.srt", copy)
    doc, original = load_document(copy), load("interview.srt")
    assert doc.format == "srt"
    assert (doc.text, doc.blocks, doc.speakers) == (original.text, original.blocks, original.speakers)


def test_an_srt_extension_on_prose_falls_back_to_text(tmp_path):
    path = tmp_path / "notes.srt"
    path.write_text("Anna: Hello there.\nBen: Hi.\nAnna: Bye.\nBen: Bye.\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.format == "text" and speakers(doc) == [("Anna", 2), ("Ben", 2)]


def test_srt_without_blank_lines_or_with_a_blank_line_inside_a_cue():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nAnna: One line\n\nand another.\n"
            "2\n00:00:03,000 --> 00:00:04,000\nBen: Two.\n3\n00:00:05,000 --> 00:00:06,000\nAnna: Three.\n"
            "4\n00:00:07,000 --> 00:00:08,000\nBen: Four.\n")
    doc = parse_text(text, path=Path("x.srt"))
    assert turn_texts(doc) == ["One line and another.", "Two.", "Three.", "Four."]
    assert [b.time for b in doc.turns] == [1.0, 3.0, 5.0, 7.0]


def test_srt_names_used_once_count_once_two_names_recur():
    cues = ["Anna: a.", "Ben: b.", "Anna: c.", "Ben: d.", "Carla: e."]
    text = "".join(f"{i + 1}\n00:00:0{i},000 --> 00:00:0{i},500\n{cue}\n\n" for i, cue in enumerate(cues))
    doc = parse_text(text, path=Path("x.srt"))
    assert speakers(doc) == [("Anna", 2), ("Ben", 2), ("Carla", 1)]


def test_control_characters_in_a_subtitle_never_reach_the_text_or_a_name():
    cues = ["Anna\x1fWeber: one \x1b[31mred.", "Ben: two.", "Anna\x1fWeber: three.", "Ben: four\x07."]
    text = "".join(f"{i + 1}\n00:00:0{i},000 --> 00:00:0{i},500\n{cue}\n\n" for i, cue in enumerate(cues))
    doc = parse_text(text, path=Path("x.srt"))
    assert not has_control(doc.text)
    assert speakers(doc) == [("Anna\u241fWeber", 2), ("Ben", 2)]  # made visible, as everywhere


def test_srt_without_speakers_gives_timed_paragraphs():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nIt was late.\n\n2\n00:00:02,100 --> 00:00:03,000\nWe went home.\n\n"
            "3\n00:00:09,000 --> 00:00:10,000\nThe next day, rain.\n")
    doc = parse_text(text, path=Path("x.srt"))
    assert blocks(doc) == [("narration", None, 1.0, "It was late. We went home."),
                           ("narration", None, 9.0, "The next day, rain.")]


# --- WebVTT ---------------------------------------------------------------------------


def test_vtt_voice_tags_name_the_speakers():
    doc = load("voices.vtt")
    assert doc.format == "vtt"
    assert speakers(doc) == [("Roger Bingham", 3), ("Anna Weber", 2)]
    assert blocks(doc) == [
        ("turn", "Roger Bingham", 1.0, "Welcome to The Memory Hour. Today my guest is a neuroscientist."),
        ("turn", "Anna Weber", 6.5, "Thank you, Roger!"),  # two voices in one cue: two turns
        ("turn", "Roger Bingham", 6.5, "You are welcome."),
        ("turn", "Anna Weber", 9.5, "Forgetting is a feature."),
        ("turn", "Roger Bingham", 72.5, "A feature? <laughs>"),  # an escaped "<" is text
    ]
    for leftover in ("WEBVTT", "NOTE", "STYLE", "::cue", "intro", "<v", "<b>", "<c.", "<00:", "align:"):
        assert leftover not in doc.text


def test_vtt_plain_name_prefixes():
    doc = load("prefixes.vtt")
    assert speakers(doc) == [("Roger Bingham", 2), ("Anna Weber", 2)]
    assert [b.time for b in doc.turns] == [1.0, 3.5, 5.5, 8.5]
    assert turn_texts(doc)[-1] == "Sleep is when memories settle. Mostly, anyway."


def test_vtt_voice_tags_in_chinese():
    doc = load("voices-zh-hant.vtt")
    assert speakers(doc) == [("主持人", 2), ("王小明", 2)]
    assert turn_texts(doc) == [
        "歡迎收聽《記憶時間》。今天的來賓研究遺忘", "謝謝邀請", "不客氣。", "遺忘不是失敗，而是一種功能。"]
    assert doc.text.startswith("主持人" + FW_COLON + "歡迎收聽")


def test_markup_never_leaks_into_speaker_names():
    text = ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud.x Roger &amp; Co>Hi.\n\n"
            "00:02.000 --> 00:03.000\n<v\tAnna>Hello.</v>\n\n"
            "00:03.000 --> 00:04.000\n<v   Roger &amp; Co  >Again.\n\n"
            "00:04.000 --> 00:05.000\n<v &lt;i&gt;Anna>Once more.\n")
    doc = parse_text(text, path=Path("x.vtt"))
    assert speakers(doc) == [("Roger & Co", 2), ("Anna", 2)]
    assert [doc.block_text(b) for b in doc.turns] == ["Hi.", "Hello.", "Again.", "Once more."]


# --- Rolling captions (YouTube's automatic captions, broadcast roll-up) ----------------

# The lines spoken in youtube-auto.vtt (yt-dlp --write-auto-subs) and in
# youtube-auto.srt (the same, converted), with the start of the first cue
# that shows each: every line comes in three cues there.
YOUTUBE_LINES = [
    (0.0, "[Music]"),
    (2.56, "welcome back to the memory hour today my"),
    (5.12, "guest is a neuroscientist who studies how"),
    (7.84, "we forget"),
    (9.2, ">> thank you for having me it's a pleasure"),
    (12.4, "[Laughter]"),
    (13.36, "forgetting is not a failure it's a feature"),
    (16.08, "of memory the brain keeps what it needs"),
    (18.72, "and drops the rest"),
]
YOUTUBE_ZH_LINES = [
    (0.0, "[音乐]"),
    (1.92, "大家好欢迎收听记忆时间"),
    (4.8, "今天的嘉宾是一位神经科学家"),
    (7.52, "她研究我们是怎么遗忘的"),
    (14.08, "谢谢邀请很高兴来到这里"),  # after a silence: the screen starts afresh
    (16.8, "遗忘不是失败而是记忆的一种功能"),
    (19.84, "大脑只留下它需要的东西"),
]
CAPTION_LEFTOVERS = ("<c>", "</c>", "<c", "<00:", "00:00", "-->", "align:", "position:", "Kind:", "WEBVTT")


def cue_lines(name):
    """(start, text) of the cues read from a file of tests/data/formats."""
    path = DATA / name
    _, cues = read_cues(path.read_text(encoding="utf-8"), path.suffix)
    return [(cue.start, cue.text) for cue in cues]


@pytest.mark.parametrize("name", ["youtube-auto.vtt", "youtube-auto.srt"])
def test_youtube_auto_captions_read_each_line_once_at_its_first_time(name):
    doc = load(name)
    assert doc.format == name[-3:] and doc.language == "en"
    for _, line in YOUTUBE_LINES:
        assert doc.text.count(line) == 1, line
    assert cue_lines(name) == YOUTUBE_LINES
    assert blocks(doc) == [
        ("note", None, 0.0, "[Music]"),
        ("narration", None, 2.56, ("welcome back to the memory hour today my guest is a neuroscientist who studies "
                                   "how we forget >> thank you for having me it's a pleasure")),
        ("note", None, 12.4, "[Laughter]"),
        ("narration", None, 13.36, ("forgetting is not a failure it's a feature of memory the brain keeps what it "
                                    "needs and drops the rest")),
    ]
    for leftover in CAPTION_LEFTOVERS:
        assert leftover not in doc.text


def test_youtube_auto_captions_and_their_srt_conversion_read_the_same():
    vtt, srt = load("youtube-auto.vtt"), load("youtube-auto.srt")
    assert (vtt.text, vtt.blocks) == (srt.text, srt.blocks)


def test_youtube_auto_captions_in_chinese():
    doc = load("youtube-auto-zh-hans.vtt")
    assert (doc.format, doc.language, doc.script) == ("vtt", "zh", "hans")
    for _, line in YOUTUBE_ZH_LINES:
        assert doc.text.count(line) == 1, line
    assert cue_lines("youtube-auto-zh-hans.vtt") == YOUTUBE_ZH_LINES
    assert blocks(doc) == [
        ("note", None, 0.0, "[音乐]"),
        ("narration", None, 1.92, "大家好欢迎收听记忆时间 今天的嘉宾是一位神经科学家 她研究我们是怎么遗忘的"),
        ("narration", None, 14.08, "谢谢邀请很高兴来到这里 遗忘不是失败而是记忆的一种功能 大脑只留下它需要的东西"),
    ]
    for leftover in CAPTION_LEFTOVERS:
        assert leftover not in doc.text


def srt_of(*cues):
    """SubRip text of (start, end, text) cues."""
    def stamp(t):
        return f"00:00:{int(t):02d},{round(t % 1 * 1000):03d}"
    return "".join(f"{k}\n{stamp(a)} --> {stamp(b)}\n{text}\n\n" for k, (a, b, text) in enumerate(cues, 1))


def test_roll_up_captions_written_word_by_word_keep_the_first_time_of_each_turn():
    # broadcast roll-up, as caption extractors write it: a line grows, then rolls up
    text = srt_of(
        (1.0, 1.8, ">> ROGER: WELCOME BACK TO"),
        (1.8, 2.6, ">> ROGER: WELCOME BACK TO THE MEMORY HOUR."),
        (2.6, 4.0, ">> ROGER: WELCOME BACK TO THE MEMORY HOUR.\nMY GUEST STUDIES FORGETTING."),
        (4.0, 5.5, "MY GUEST STUDIES FORGETTING.\n>> ANNA: THANK YOU."),
        (5.5, 6.3, ">> ANNA: THANK YOU.\n>> ROGER: SO, WHY DO WE"),
        (6.3, 7.5, ">> ANNA: THANK YOU.\n>> ROGER: SO, WHY DO WE FORGET?"),
        (7.5, 9.0, ">> ROGER: SO, WHY DO WE FORGET?\n>> ANNA: TO MAKE ROOM."),
    )
    doc = parse_text(text, path=Path("news.srt"))
    assert speakers(doc) == [("ROGER", 2), ("ANNA", 2)]
    assert blocks(doc) == [
        ("turn", "ROGER", 1.0, "WELCOME BACK TO THE MEMORY HOUR. MY GUEST STUDIES FORGETTING."),
        ("turn", "ANNA", 4.0, "THANK YOU."),
        ("turn", "ROGER", 5.5, "SO, WHY DO WE FORGET?"),
        ("turn", "ANNA", 7.5, "TO MAKE ROOM."),
    ]


def test_a_subtitle_that_builds_a_second_line_under_the_first_is_read_once():
    text = srt_of((1.0, 2.0, "Well, I think"), (2.0, 4.0, "Well, I think\nyou are right."), (5.0, 6.0, "Good."))
    doc = parse_text(text, path=Path("x.srt"))
    assert doc.text == "Well, I think you are right. Good."


@pytest.mark.parametrize("suffix", [".srt", ".vtt"])
def test_a_short_line_said_twice_in_ordinary_subtitles_stays_twice(suffix):
    text = srt_of((1.0, 2.0, "Did you lock the door?"), (2.0, 2.5, "Yes."), (2.5, 3.0, "Yes."),
                  (3.0, 4.0, "Are you sure?\nYes."), (4.0, 4.5, "Yes."),
                  (4.5, 6.0, "Yes. Yes, I did."))  # one cue growing the one before is no roll-up
    if suffix == ".vtt":
        text = "WEBVTT\n\n" + re.sub(r"(\d),(\d{3})", r"\1.\2", text)
    doc = parse_text(text, path=Path("x" + suffix))
    assert doc.format == suffix[1:]
    assert doc.text == "Did you lock the door? Yes. Yes. Are you sure? Yes. Yes. Yes. Yes, I did."


# --- Otter, stamped lines ---------------------------------------------------------------


def test_otter_headers_give_speakers_and_times():
    doc = load("otter.txt")
    assert doc.format == "otter"
    # a lowercase name and a speaker heard once are still speakers: the header says so
    assert speakers(doc) == [("Roger Bingham", 2), ("anna weber", 2), ("Caller 3", 1)]
    assert [b.time for b in doc.turns] == [0.0, 9.0, 3725.0, 3731.0, 3735.0]
    assert turn_texts(doc)[1] == "Thank you, Roger. It is good to be here.\nForgetting is not a failure."
    assert [doc.block_text(b) for b in doc.blocks if b.kind == "boilerplate"] == ["Transcribed by https://otter.ai"]


def test_stamped_names_alone_and_inline():
    doc = load("stamped.txt")
    assert doc.format == "timestamped"
    assert speakers(doc) == [("Interviewer", 3), ("Dr. med. Anna Weber", 2)]
    assert blocks(doc) == [
        ("turn", "Interviewer", 1.0, "Welcome. Please introduce yourself."),
        ("turn", "Dr. med. Anna Weber", 6.0, "I work on memory, mostly on forgetting."),
        ("turn", "Interviewer", 15.0, "Why forgetting?"),
        ("turn", "Dr. med. Anna Weber", 18.0, "Because it fails so gracefully."),
        # a speech line with a stamp of its own keeps its time, and the stamp stays out of the turn
        ("turn+", "Dr. med. Anna Weber", 25.0, "and in ways we can measure."),
        ("turn", "Interviewer", 3723.0, "One last question."),
    ]


# --- Markdown --------------------------------------------------------------------------


def test_markdown_transcript():
    doc = load("interview.md")
    assert doc.format == "markdown"
    assert doc.title == "Vergessen als Methode"  # from the front matter
    assert speakers(doc) == [("Roger Bingham", 3), ("Anna Weber", 2)]
    assert blocks(doc) == [
        ("boilerplate", None, None, '---\ntitle: "Vergessen als Methode"\nguests: [Anna Weber]\ndate: 2024-03-01\n---'),
        ("heading", None, None, "# The Memory Hour, episode 12"),
        ("boilerplate", None, None, "![Anna Weber in her lab](images/weber.jpg)\n*Anna Weber in her lab, 2023.*"),
        ("turn", "Roger Bingham", None, "Welcome to the show."),
        ("turn", "Anna Weber", None, "Thank you, Roger."),
        ("heading", None, None, "## Part 2"),
        ("turn", "Roger Bingham", None, "Let us talk about sleep."),
        # the same speaker heading over two paragraphs: one turn
        ("turn", "Anna Weber", None, "Sleep is when memories settle.\n\nDreams may help, too."),
        ("turn", "Roger Bingham", None, "Thank you."),
    ]
    assert "### Anna Weber" + FW_COLON not in doc.text.split("Sleep is")[1]


def test_markdown_emphasis_never_leaks_into_names():
    doc = parse_text("*Anna*: one.\n__Ben__: two.\n**Anna**: three.\n__Ben:__ four.\n", path=Path("a.md"))
    assert speakers(doc) == [("Anna", 2), ("Ben", 2)]


def test_a_single_speaker_heading_is_a_speaker():
    doc = parse_text(f"# Talk\n\n### 张三{FW_COLON}\n\n大家好。\n\n### 张三{FW_COLON}\n\n谢谢。\n")
    assert speakers(doc) == [("张三", 1)]
    assert turn_texts(doc) == ["大家好。\n\n谢谢。"]


# --- Q/A ------------------------------------------------------------------------------------


def test_qa_legend_maps_roles_to_names():
    doc = load("qa-legend-zh-hans.txt")
    assert doc.format == "qa"
    assert speakers(doc) == [("澎湃新闻", 2), ("张三", 3)]
    assert [b.speaker for b in doc.turns] == ["澎湃新闻", "张三", "澎湃新闻", "张三", "张三"]
    assert turn_texts(doc)[0] == "你为什么研究遗忘？"  # bold "**Q：**" is gone
    notes = [doc.block_text(b) for b in doc.blocks if b.kind == "note"]
    assert notes == [f"Q{FW_COLON}澎湃新闻 / A{FW_COLON}张三", "（笑）"]
    assert doc.title == "张三谈记忆研究"


def test_qa_without_legend_keeps_the_roles():
    doc = load("qa-plain.txt")
    assert speakers(doc) == [("Q", 2), ("A", 2)]
    assert turn_texts(doc) == ["Where did the project start?", "In a small lab in Leipzig.", "And who paid for it?",
                               "Nobody, at first."]


def test_qa_with_full_width_letters_and_colons():
    doc = load("qa-fullwidth-zh-hant.txt")
    assert speakers(doc) == [("Q", 2), ("A", 2)]
    assert turn_texts(doc)[-1] == "我們不必害怕忘記。"
    assert [doc.block_text(b) for b in doc.blocks if b.kind == "note"] == ["（笑）"]  # a stage direction at the end


def test_press_briefing():
    doc = load("briefing.txt")
    assert doc.format == "qa"
    # "Q" alone, or "Q" and a wide gap, is a reporter's turn; officials in capitals
    assert speakers(doc) == [("MR. PRICE", 3), ("Q", 3), ("THE PRESIDENT", 2)]
    assert turn_texts(doc)[3] == "A follow-up, please. Who will attend?"
    assert [doc.block_text(b) for b in doc.blocks if b.kind == "note"] == ["(Laughter.)", "(Applause.)", "(Laughter.)"]
    assert "The team will." in turn_texts(doc)


# --- plain text ---------------------------------------------------------------------------


def test_hard_wrapped_turns_are_joined_into_paragraphs():
    doc = load("wrapped.txt")
    assert speakers(doc) == [("ROGER BINGHAM", 2), ("ANNA WEBER", 2)]
    assert [b.kind for b in doc.blocks] == ["heading", "turn", "turn", "note", "turn", "turn"]
    first = turn_texts(doc)[0]
    assert "\n" not in first
    assert first.startswith("Welcome to the program. Today we have with us a scientist who has spent")
    assert first.endswith("several books on the subject for a general audience.")
    assert [doc.block_text(b) for b in doc.blocks if b.kind == "note"] == ["(Laughter.)"]


def test_hard_wrapped_chinese_is_joined_without_spaces():
    doc = load("wrapped-zh-hant.txt")
    assert speakers(doc) == [("主持人", 2), ("王小明", 2)]
    assert turn_texts(doc)[0] == ("歡迎來到節目。今天我們請到一位研究記憶的科學家，她花了整整二十年研究大腦如何遺忘，"
                                  "也寫了好幾本給一般讀者的書。")
    assert turn_texts(doc)[2] == f"那我們就從最簡單也最難的問題開始{FW_COLON}記憶到底是什麼？"


def test_text_with_one_paragraph_per_line_is_not_unwrapped():
    text = "Anna: Short line one.\nBen: Short line two here.\nAnna: Another short line.\nBen: And one more.\n" * 3
    assert build_document(text).text == text


def test_stage_directions_at_a_line_edge_are_notes_not_speech():
    doc = build_document("Anna: Thank you. (Applause.)\nBen: (Laughter.) Well then.\nAnna: We did it (barely).\n"
                         "Ben: Fine.")
    assert turn_texts(doc) == ["Thank you.", "Well then.", "We did it (barely).", "Fine."]
    assert [doc.block_text(b) for b in doc.blocks if b.kind == "note"] == ["(Applause.)", "(Laughter.)"]


def test_full_width_colon_cues_in_general_text():
    doc = build_document(f"主持人{FW_COLON}歡迎你來。\n王小明{FW_COLON}謝謝邀請。\n主持人{FW_COLON}先談談你的工作。\n"
                         f"王小明{FW_COLON}好的。")
    assert speakers(doc) == [("主持人", 2), ("王小明", 2)]
    assert turn_texts(doc)[0] == "歡迎你來。"


# --- JSON ------------------------------------------------------------------------------------


def test_whisper_json_without_speakers_gives_timed_paragraphs():
    doc = load("whisper.json")
    assert doc.format == "whisper" and doc.speakers == []  # the file names no speaker
    assert blocks(doc) == [
        ("narration", None, 0.0, "Memory is not a recording. It is rebuilt every time. We forget on purpose."),
        ("narration", None, 11.0, "Sleep helps."),
    ]


def test_whisperx_json_with_speakers():
    doc = load("whisperx-zh-hans.json")
    assert doc.format == "whisper"
    assert speakers(doc) == [("SPEAKER_00", 2), ("SPEAKER_01", 1)]
    # a segment without a speaker goes on with the current one
    assert [(b.speaker, b.time, doc.block_text(b)) for b in doc.turns] == [
        ("SPEAKER_00", 0.5, "大家好，欢迎收听。今天我们谈遗忘"),
        ("SPEAKER_01", 3.8, "谢谢邀请。遗忘是一种功能。"),
        ("SPEAKER_00", 6.5, "为什么？"),
    ]


def test_podcast_namespace_json_words_become_turns():
    doc = load("podcast.json")
    assert doc.format == "podcast-json"
    assert speakers(doc) == [("Roger Bingham", 2), ("Anna Weber", 1)]
    assert [(b.time, doc.block_text(b)) for b in doc.turns] == [
        (0.8, "Welcome back, Anna."), (2.0, "Thanks Roger!"), (3.0, "Ready?")]


def test_json_in_a_txt_file_is_sniffed(tmp_path):
    copy = tmp_path / "asr-output.txt"
    shutil.copy(DATA / "whisper.json", copy)
    assert load_document(copy).format == "whisper"


def test_word_level_chinese_is_joined_without_spaces():
    data = ('{"segments": [{"speaker": "王", "startTime": 0, "body": "大家"}, {"speaker": "王", "startTime": 0.3, '
            '"body": "好"}, {"speaker": "王", "startTime": 0.5, "body": "。"}]}')
    assert parse_text(data, path=Path("t.json")).text == "王" + FW_COLON + "大家好。"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"segments": [1, 2', "not valid JSON"),
        ('{"name": "reader", "version": "1.0"}', "not a transcript"),
        ('{"segments": "none"}', "not a transcript"),
        ('{"segments": [{"text": 5, "start": "soon"}]}', "not a transcript"),
        ("[" * 5000 + "]" * 5000, "not valid JSON"),  # nests too deep for the JSON parser
        ("", "not valid JSON"),
    ],
)
def test_json_that_is_no_transcript_is_a_clear_load_error(tmp_path, content, message):
    path = tmp_path / "data.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_document(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    doc = parse_text(content, path=path)  # the parser itself never raises: it falls back to text
    assert doc.format == "text"


def test_json_values_of_the_wrong_type_are_skipped_not_trusted():
    good = ", ".join(f'{{"start": {n}, "end": {n + 0.5}, "text": "Fine {n}."}}' for n in range(6))
    data = ('{"segments": [' + good + ', {"start": true, "text": "bool start"}, '
            '{"start": 1e400, "text": "infinite"}, {"start": -1, "text": "negative"}, {"start": 7, "text": ["x"]}, '
            '{"start": "8", "end": null, "text": "string start", "speaker": {"a": 1}}, 7, null]}')
    doc = parse_text(data, path=Path("t.json"))
    assert doc.format == "whisper"
    assert [(b.time, doc.block_text(b)) for b in doc.blocks] == [
        (0.0, "Fine 0. Fine 1. Fine 2. Fine 3. Fine 4. Fine 5."), (8.0, "string start")]
    assert doc.speakers == []


def test_format_is_in_the_json_output():
    assert load("interview.srt").to_json()["format"] == "srt"
    assert build_document("plain words").to_json()["format"] == "text"
