"""One small hand-written transcript per parsing rule."""

from pathlib import Path

import pytest

from reader.parse import build_document, parse_text


def parse(text: str, **kwargs):
    document = build_document(text, **kwargs)  # without the safety net: a bug must fail here
    for block in document.blocks:
        assert 0 <= block.start < block.end <= len(document.text)
    return document


def kinds(document):
    return [block.kind for block in document.blocks]


def texts(document, kind=None):
    return [document.block_text(b) for b in document.blocks if kind is None or b.kind == kind]


def speakers(document):
    return [(s.name, s.turns) for s in document.speakers]


# --- speaker cues -----------------------------------------------------------


def test_ascii_colon_cues_with_latin_names():
    doc = parse("Alice Smith: Hello there.\nBob Jones: Hi Alice.\nAlice Smith: How are you?\nBob Jones: Fine.")
    assert speakers(doc) == [("Alice Smith", 2), ("Bob Jones", 2)]
    assert texts(doc, "turn") == ["Hello there.", "Hi Alice.", "How are you?", "Fine."]


def test_full_width_colon_cues_with_cjk_names():
    doc = parse("主持人:歡迎你來。\n王小明:謝謝邀請。\n主持人:先談談你的工作。\n王小明:好的。")
    assert speakers(doc) == [("主持人", 2), ("王小明", 2)]
    assert texts(doc, "turn")[0] == "歡迎你來。"  # the speech only, not the "Name:" prefix


def test_name_alone_on_a_line_with_the_speech_below():
    doc = parse("Sarah Guo\nWhere did it start?\nKevin Scott\nIn rural Virginia.\nIt was a long road.\n"
                "Sarah Guo\nAnd then?\nKevin Scott\nThen Google.")
    assert speakers(doc) == [("Sarah Guo", 2), ("Kevin Scott", 2)]
    # the two lines after the second cue are one turn; the name lines are no block at all
    assert texts(doc, "turn")[1] == "In rural Virginia.\nIt was a long road."
    assert "Sarah Guo" not in texts(doc)


def test_a_paragraph_without_cue_continues_the_turn_as_one_block():
    doc = parse("A: First paragraph.\n\nSecond paragraph.\nB: Reply.\nA: Again.\nB: Bye.")
    first = doc.turns[0]
    assert doc.block_text(first) == "First paragraph.\n\nSecond paragraph."
    assert first.speaker == "A" and not first.continuation


def test_a_prose_line_ending_with_a_colon_is_not_a_speaker():
    doc = parse("We have put the conversation on record for our readers:\n"
                "Kevin: Thanks for coming.\nGreg: Glad to be here.\nKevin: Let us start.\nGreg: Sure.")
    assert [s.name for s in doc.speakers] == ["Kevin", "Greg"]
    assert doc.blocks[0].kind == "narration"


def test_a_name_used_once_with_a_colon_is_not_a_speaker():
    doc = parse("The lab said it plainly.\nFurther reading: nothing here.\nSomeone else wrote more.")
    assert doc.speakers == []
    assert doc.turns == []


def test_a_colon_inside_the_line_is_not_a_cue():
    doc = parse("他們的反饋是:這個有點用。\n我們的回答是:好。\n他們的反饋是:很好。")
    assert doc.speakers == []


def test_labels_like_note_or_source_are_not_speakers_even_when_repeated():
    doc = parse("Note: one.\nSource: x.\nNote: two.\nSource: y.")
    assert doc.speakers == []


# --- headings -----------------------------------------------------------------


def test_a_section_title_before_a_cue_is_a_heading_not_a_speaker():
    doc = parse("Opening remarks\nAnna\nWelcome to the show, it is good to have you.\nBen\nThanks, glad to be here.\n"
                "The future of AI\nAnna\nWhat comes next for all of us?\nBen\nMore of the same, only faster.")
    assert texts(doc, "heading") == ["Opening remarks", "The future of AI"]
    assert [s.name for s in doc.speakers] == ["Anna", "Ben"]


def test_a_heading_with_a_colon_inside_is_not_a_speaker():
    doc = parse("A:hi there.\nB:hello.\nAI的安全性:拥抱监管\nA:ok then.\nB:yes.")
    assert texts(doc, "heading") == ["AI的安全性:拥抱监管"]
    assert [s.name for s in doc.speakers] == ["A", "B"]


def test_labelled_topic_headings():
    doc = parse("Intro text here that is long enough to be prose.\n"
                "Topic 1: Scaling\nSome text.\nLast Topic: Kids\nMore.")
    assert texts(doc, "heading") == ["Topic 1: Scaling", "Last Topic: Kids"]


def test_a_section_number_and_its_title_lines_are_one_heading():
    doc = parse("開頭的一段說明文字,足夠長。\n01\nOpenAI目前受到\nGPU的嚴重限制\n目前 OpenAI 的 GPU 非常有限。")
    (heading,) = doc.headings
    assert doc.block_text(heading) == "01\nOpenAI目前受到\nGPU的嚴重限制"
    assert doc.single_line(heading) == "01 OpenAI目前受到 GPU的嚴重限制"
    assert texts(doc)[-1] == "目前 OpenAI 的 GPU 非常有限。"


def test_a_lone_number_without_a_title_is_not_a_heading():
    assert parse("1\nThis is a full sentence that follows the number.").headings == []


# --- notes, boilerplate ---------------------------------------------------------


def test_an_aside_in_parentheses_on_its_own_line_is_a_note():
    doc = parse("A: Words.\nB: More words.\n(笑)\nB: And again.\nA: Yes.")
    assert "note" in kinds(doc)
    assert texts(doc, "note") == ["(笑)"]


def test_an_interruption_splits_a_turn_into_a_continuation():
    doc = parse("A: Start of my answer.\n\nSiehe auch  Some other article\n\n"
                "Rest of my answer.\nB: Ok.\nA: Fine.\nB: Bye.")
    a_blocks = [b for b in doc.turns if b.speaker == "A"]
    assert [doc.block_text(b) for b in a_blocks] == ["Start of my answer.", "Rest of my answer.", "Fine."]
    assert [b.continuation for b in a_blocks] == [False, True, False]
    assert dict(speakers(doc))["A"] == 2  # the continuation is not a new turn
    assert texts(doc, "boilerplate") == ["Siehe auch  Some other article"]


@pytest.mark.parametrize(
    "chrome",
    ["Anzeige", "YouTube Video", "Kommentieren Sie den Artikel", "(资料图片)", "【資料圖】", "关键词:", "標簽:",
     "Reference:", "https://example.com/a?b=c", "本文版权归原作者所有,转载请联系作者。", "See also: other story"],
)
def test_web_chrome_is_boilerplate(chrome):
    doc = parse(f"Some real article text, long enough to be prose.\n{chrome}\nMore article text.")
    assert texts(doc, "boilerplate") == [chrome]


# --- cleaning -------------------------------------------------------------------


def test_pinyin_annotations_are_removed_and_real_parentheticals_kept():
    doc = parse("會議仍在進(jìn)行中,外界關(guān)心的問題(Web GPT)有很多 (Product / Market Fit) 和(模型)與 O(n^2)。")
    assert doc.text == "會議仍在進行中,外界關心的問題(Web GPT)有很多 (Product / Market Fit) 和(模型)與 O(n^2)。"


def test_pinyin_without_a_preceding_chinese_character_is_kept():
    assert parse("the word (jìn) alone").text == "the word (jìn) alone"


def test_crlf_and_cr_become_lf_and_the_bom_goes():
    doc = parse("\ufeffA: one.\r\nB: two.\rA: three.\r\nB: four.")
    assert doc.text == "A: one.\nB: two.\nA: three.\nB: four."
    assert texts(doc, "turn") == ["one.", "two.", "three.", "four."]


def test_control_characters_are_made_visible_with_offsets_intact():
    doc = parse("A: red \x1b[31m text\x07.\nB: ok.\nA: again.\nB: bye.")
    assert "\x1b" not in doc.text and "\x07" not in doc.text
    assert texts(doc, "turn")[0] == "red ␛[31m text␇."


def test_lost_characters_mark_the_document_damaged():
    assert parse("計劃??蛻?的抱怨").damaged
    assert parse("壞了\ufffd字").damaged
    assert not parse("會發生什麽?這個模型很好。對吧?\n").damaged  # '?' used as a question mark
    assert parse("fine", damaged=True).damaged  # the loader's verdict is kept


# --- degenerate input -------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\r\n", "\t"])
def test_empty_text_gives_an_empty_document(text):
    doc = parse_text(text)
    assert doc.blocks == [] and doc.speakers == []
    assert doc.title == "untitled" and doc.language == "und"


def test_empty_text_with_a_path_is_titled_by_the_file_stem():
    assert parse_text("", path=Path("/x/my-interview.txt")).title == "my-interview"


@pytest.mark.parametrize("char", ["a", "中", ":", "(", "?", "1", "\x1b", "\ufffd"])
def test_one_character_gives_at_most_one_block(char):
    doc = parse_text(char)
    assert len(doc.blocks) <= 1
    for block in doc.blocks:
        assert doc.block_text(block) == doc.text[block.start : block.end]


# --- detection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "script"),
    [
        ("我們今天討論人工智慧的發展與應用。", "zh", "hant"),
        ("我们今天讨论人工智能的发展与应用。", "zh", "hans"),
        ("我們今天讨论人工智能的發展與应用,这个話題很重要。", "zh", "mixed"),
        ("Wir sprechen heute über die Zukunft der künstlichen Intelligenz und das ist nicht einfach.", "de", None),
        ("We talk today about the future of artificial intelligence and what it is for.", "en", None),
        ("12345 -- !!", "und", None),
    ],
)
def test_language_and_script(text, language, script):
    doc = parse(text)
    assert (doc.language, doc.script) == (language, script)


def test_title_is_the_first_line_without_the_web_rubric():
    doc = parse("【全球时快讯】对谈Kevin Scott:从小镇到微软\n正文内容在这里,是一个完整的句子。")
    assert doc.title == "对谈Kevin Scott:从小镇到微软"
    assert doc.blocks[0].kind == "heading"


def test_a_prose_first_line_falls_back_to_the_file_stem():
    doc = parse("這是一段很長的文章開頭,它是一個完整的句子,並不是標題。後面還有更多的內容在這裡。", path=Path("talk.txt"))
    assert doc.title == "talk"


def test_a_declared_voice_makes_a_monologue_a_speaker_s_turns():
    doc = parse("記者的前言說明文字在這裡。\n(以下內容以張三本人口吻展開)\nTopic 1: 開始\n我從小就喜歡寫程式。\n"
                "Topic 2: 後來\n後來我去了大學。\n也去了公司。")
    assert speakers(doc) == [("張三", 2)]
    assert texts(doc, "turn") == ["我從小就喜歡寫程式。", "後來我去了大學。\n也去了公司。"]
    assert kinds(doc)[:3] == ["narration", "note", "heading"]


# --- recorded transcripts: times ---------------------------------------------------------


def test_web_articles_have_no_times():
    doc = parse("A: one.\nB: two.\nA: three.\nB: four.")
    assert all(b.time is None for b in doc.blocks)


def test_subtitle_timings_give_times_and_make_no_blocks():
    doc = parse("1\n00:00:01,000 --> 00:00:04,000\nHello there.\n\n2\n00:01:05,500 --> 00:01:08,000\nGeneral Kenobi.\n")
    assert [(doc.block_text(b), b.time) for b in doc.blocks] == [("Hello there.", 1.0), ("General Kenobi.", 65.5)]


def test_a_stamp_before_the_cue_is_the_turn_s_time():
    doc = parse("[00:00:01] Kevin: Hello.\n[00:00:05] Greg: Hi.\n[01:02:03.5] Kevin: More.\n1:10 Greg: Done.")
    assert speakers(doc) == [("Kevin", 2), ("Greg", 2)]
    assert [(doc.block_text(b), b.time) for b in doc.turns] == [
        ("Hello.", 1.0), ("Hi.", 5.0), ("More.", 3723.5), ("Done.", 70.0)]


def test_a_stamp_after_a_name_alone_on_its_line():
    doc = parse("Kevin Scott  0:03\nWelcome to the show, it is great to have you.\n"
                "Greg Brockman  0:09\nThanks for having me here today.\nKevin Scott  1:15\nLet us begin.\n"
                "Greg Brockman  1:20\nSure thing.")
    assert speakers(doc) == [("Kevin Scott", 2), ("Greg Brockman", 2)]
    assert [b.time for b in doc.turns] == [3.0, 9.0, 75.0, 80.0]


def test_a_time_of_day_inside_prose_is_not_a_stamp():
    doc = parse("Der Zug fährt um 10:30 ab, sagte sie.\nEr kam um 11:00 an.")
    assert texts(doc) == ["Der Zug fährt um 10:30 ab, sagte sie.", "Er kam um 11:00 an."]
    assert all(b.time is None for b in doc.blocks)


# --- more cue shapes -------------------------------------------------------------------


def test_markdown_bold_names_and_headings():
    doc = parse("# Podcast 12\n\n**Host**: hi there\n\n"
                "## Part 1\n**Host:** Welcome.\n**Guest**: Thanks.\n**Guest**: Yes.\n")
    assert doc.title == "Podcast 12"
    assert speakers(doc) == [("Host", 2), ("Guest", 2)]
    assert texts(doc, "heading") == ["# Podcast 12", "## Part 1"]


def test_a_phrase_with_an_article_is_not_a_name():
    doc = parse("Das Problem: Es ist schwer.\nDas Problem: Es bleibt schwer.\nThe Point: one.\nThe Point: two.")
    assert doc.speakers == []


def test_question_and_answer_labels():
    doc = parse("问:你好吗?\n答:很好。\n问:然后呢?\n答:没有然后了。\n[Laughter]")
    assert speakers(doc) == [("问", 2), ("答", 2)]
    assert texts(doc, "note") == ["[Laughter]"]


def test_numbered_speakers_of_automatic_transcripts():
    doc = parse("Speaker 1: Hello.\nSpeaker 2: Hi.\nSpeaker 1: How are you?\nSpeaker 2: Fine.")
    assert speakers(doc) == [("Speaker 1", 2), ("Speaker 2", 2)]
