"""The five bundled articles, parsed as a reader would want them.

Every expected value here was counted by reading the files themselves
(corpus/*.txt), not copied from the parser's output.
"""

import re

import pytest

from reader.load import load_document
from reader.resources import corpus_dir

ZH_HANT = "build-2023-brockman-scott-zh-hant.txt"  # seed 000
DE = "build-2023-brockman-scott-de.txt"  # seed 001
ZH_HANS = "kevin-scott-no-priors-zh-hans.txt"  # seed 002
MONOLOGUE = "altman-dealbook-2024-zh-hant-tw.txt"  # seed 003
NOTES = "altman-humanloop-notes-zh-hant.txt"  # seed 004
ALL = [ZH_HANT, DE, ZH_HANS, MONOLOGUE, NOTES]


@pytest.fixture(scope="module")
def docs():
    return {name: load_document(corpus_dir() / name) for name in ALL}


def of_kind(doc, kind):
    return [doc.block_text(b) for b in doc.blocks if b.kind == kind]


def speakers(doc):
    return [(s.name, s.turns) for s in doc.speakers]


# --- invariants on every document ----------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_blocks_are_ordered_non_overlapping_and_point_into_the_text(docs, name):
    doc = docs[name]
    previous_end = 0
    for block in doc.blocks:
        assert previous_end <= block.start < block.end <= len(doc.text)
        text = doc.block_text(block)
        assert text == doc.text[block.start : block.end]
        assert text == text.strip(), "a block never starts or ends with whitespace"
        previous_end = block.end


@pytest.mark.parametrize("name", ALL)
def test_turns_hold_the_speech_without_the_name_prefix(docs, name):
    doc = docs[name]
    names = [s.name for s in doc.speakers]
    for block in doc.turns:
        assert block.speaker in names
        assert not doc.block_text(block).startswith(block.speaker)
    assert sum(s.turns for s in doc.speakers) == sum(1 for b in doc.turns if not b.continuation)


@pytest.mark.parametrize(
    ("name", "language", "script"),
    [
        (ZH_HANT, "zh", "hant"),  # traditional with a few simplified leftovers (讨, 确, 将, 并 …)
        (DE, "de", None),
        (ZH_HANS, "zh", "hans"),
        (MONOLOGUE, "zh", "hant"),
        (NOTES, "zh", "hant"),
    ],
)
def test_language_and_script(docs, name, language, script):
    assert (docs[name].language, docs[name].script) == (language, script)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (ZH_HANT, "build-2023-brockman-scott-zh-hant"),  # opens with a long sentence: the file stem
        (DE, "build-2023-brockman-scott-de"),
        (ZH_HANS, "对谈Kevin Scott:从小镇做题家到微软CTO,人生无法复制"),  # 【全球时快讯】 dropped
        (MONOLOGUE, "OpenAI最新互動資料,就這麼水靈靈被奧特曼全抖出來了"),  # after the dateline, colon dropped
        (NOTES, "altman-humanloop-notes-zh-hant"),
    ],
)
def test_title(docs, name, title):
    assert docs[name].title == title


@pytest.mark.parametrize("name", [ZH_HANT, DE, ZH_HANS, MONOLOGUE])
def test_only_the_notes_document_is_damaged(docs, name):
    assert not docs[name].damaged
    assert docs[NOTES].damaged  # "計劃??蛻?的抱怨": characters lost to '?' in the source


# --- 000: traditional Chinese, "Name:" turns ------------------------------------------


def test_zh_hant_speakers_and_turns(docs):
    doc = docs[ZH_HANT]
    assert speakers(doc) == [("Kevin Scott", 6), ("Greg Brockman", 5)]
    assert len(doc.turns) == 11 and not any(b.continuation for b in doc.turns)
    assert [b.speaker for b in doc.turns] == ["Kevin Scott", "Greg Brockman"] * 5 + ["Kevin Scott"]


def test_zh_hant_intro_is_narration_and_there_are_no_headings(docs):
    doc = docs[ZH_HANT]
    assert [b.kind for b in doc.blocks[:8]] == ["narration"] * 7 + ["turn"]
    assert of_kind(doc, "narration")[-1].endswith("供大家參考:")
    assert doc.headings == [] and of_kind(doc, "boilerplate") == []


def test_zh_hant_paragraphs_without_a_prefix_continue_the_turn(docs):
    doc = docs[ZH_HANT]
    greg_first = doc.block_text(doc.turns[1])
    assert greg_first.startswith("從基礎設施和各個方面來看")
    assert greg_first.count("\n") == 3  # four paragraphs, one turn
    assert greg_first.endswith("這個東西是可以成就大事的。")
    kevin_first = doc.block_text(doc.turns[0])
    assert kevin_first.startswith("非常感謝你今天加入我們的 Build 大會。")


def test_zh_hant_editors_note_stays_inside_the_turn(docs):
    doc = docs[ZH_HANT]
    (turn,) = [b for b in doc.turns if "(注:\"Tick-Tock\"" in doc.block_text(b)]
    assert turn.speaker == "Greg Brockman"
    assert doc.block_text(turn).startswith("對我來說同樣有趣的是")


# --- 001: German, blank lines and web chrome -----------------------------------------------


def test_de_speakers_and_turns(docs):
    doc = docs[DE]
    assert speakers(doc) == [("Kevin Scott", 6), ("Greg Brockman", 5)]
    # two of Greg's turns are interrupted by a "Siehe auch" link: 11 turns in 13 blocks
    assert len(doc.turns) == 13
    continued = [b for b in doc.turns if b.continuation]
    assert [b.speaker for b in continued] == ["Greg Brockman", "Greg Brockman"]
    assert doc.block_text(continued[0]).startswith("Wenn mir also klar wird")
    assert doc.block_text(continued[1]).startswith("Genau wie GPT4")


def test_de_boilerplate(docs):
    chrome = of_kind(docs[DE], "boilerplate")
    assert len(chrome) == 10
    assert sum(text.startswith("Siehe auch") for text in chrome) == 3
    for expected in ["YouTube Video", "Weiterführende Literatur:", "Anzeige", "Kommentieren Sie den Artikel",
                     "Bitte geben Sie Ihren Kommentar ein!", "Bitte geben Sie hier Ihren Namen ein"]:
        assert expected in chrome
    assert any(text.startswith("(Dieser Artikel wird gesponsert") for text in chrome)
    assert not any("Siehe auch" in docs[DE].block_text(b) for b in docs[DE].turns)


def test_de_intro_and_blank_lines(docs):
    doc = docs[DE]
    assert [b.kind for b in doc.blocks[:6]] == ["narration"] * 5 + ["turn"]
    greg_first = doc.block_text(doc.turns[1])
    assert greg_first.startswith("In Bezug auf Infrastruktur") and "\n\nAber für mich ist der Moment" in greg_first


# --- 002: simplified Chinese, names alone on a line, section headings -----------------------


def test_zh_hans_speakers_and_turns(docs):
    doc = docs[ZH_HANS]
    assert speakers(doc) == [("Sarah Guo", 7), ("Kevin Scott", 17), ("Elad Gil", 10)]
    assert len(doc.turns) == 34 and not any(b.continuation for b in doc.turns)
    kevin_first = doc.block_text(doc.turns[1])
    assert kevin_first.startswith("我认为这是一段非常不可能的旅程") and kevin_first.count("\n") == 2


def test_zh_hans_headings_are_not_speakers(docs):
    doc = docs[ZH_HANS]
    assert of_kind(doc, "heading") == [
        "【全球时快讯】对谈Kevin Scott:从小镇做题家到微软CTO,人生无法复制",
        "追逐理想,人生无法复制",
        "投资OpenAI,1+1>2",
        "Satya无悔投资理论,胜负与收获",
        "开源 or 闭源,企业 AI 堆栈",
        "AI的变与不变,愚蠢的增量",
        "AI 时代给人们的最好建议",
        "AI 领域感兴趣的方向",
        "AI的安全性:拥抱监管,建立信赖",
    ]
    assert "AI的安全性" not in [s.name for s in doc.speakers]


def test_zh_hans_table_of_contents_is_narration(docs):
    narration = of_kind(docs[ZH_HANS], "narration")
    assert narration[narration.index("本期内容分为以下话题:") + 1 :] == [
        "追逐理想,人生无法复制", "投资OpenAI,1+1>", "Satya无悔投资理论,胜负与收获", "开源 or 闭源,企业 AI 堆栈",
        "AI的变与不变,愚蠢的增量", "AI 时代,给人们的最好建议", "AI 领域感兴趣的方向", "AI的安全性;拥抱监管,建立信赖",
    ]


def test_zh_hans_boilerplate(docs):
    chrome = of_kind(docs[ZH_HANS], "boilerplate")
    assert chrome[0] == "(资料图片)"
    assert chrome[1:3] == ["Reference:", "https://www.youtube.com/watch?v=BbAnzpeGFrA"]
    assert "版权归原作者所有" in chrome[3]
    assert chrome[4:] == ["关键词:"]


# --- 003: a monologue under Topic headings --------------------------------------------------


def test_monologue_is_in_the_declared_voice(docs):
    doc = docs[MONOLOGUE]
    assert speakers(doc) == [("奧特曼", 12)]  # one turn under each Topic heading
    assert len(doc.turns) == 13  # the Topic 11 turn resumes after an image caption
    assert [doc.block_text(b)[:9] for b in doc.turns if b.continuation] == ["不過,我認為關於現"]
    assert "\nthere is no wall\n" in doc.block_text(doc.turns[2])


def test_monologue_headings_notes_and_chrome(docs):
    doc = docs[MONOLOGUE]
    headings = of_kind(doc, "heading")
    assert len(headings) == 12
    assert [h.split(":")[0] for h in headings] == [f"Topic {n}" for n in range(1, 12)] + ["Last Topic"]
    notes = of_kind(doc, "note")
    assert len(notes) == 2
    assert notes[0].startswith("(以下內容以奧特曼本人口吻展開") and notes[1].startswith("(採訪者提及:")
    assert of_kind(doc, "boilerplate") == ["鳳凰科技 2024-12-07 01:33:17 1", "△\nAaron Sorkin"]
    assert "Aaron Sorkin" not in [s.name for s in doc.speakers]


def test_monologue_summary_lines_at_the_top_are_narration(docs):
    doc = docs[MONOLOGUE]
    first_heading = doc.blocks.index(doc.headings[0])
    before = doc.blocks[:first_heading]
    assert [b.kind for b in before].count("narration") == 23
    assert doc.block_text(before[2]) == "每週超過 3億活躍使用者"


# --- 004: notes with pinyin, numbered headings, lost characters -----------------------------


def test_notes_pinyin_is_removed(docs):
    text = docs[NOTES].text
    assert "(jìn)" not in text and "(guān)" not in text
    assert not re.search(r"[((][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[))]", text)
    assert "SamAltman 的歐洲之行仍在進行中" in text and "外界關心的問題" in text
    for kept in ["(Product / Market Fit,即產品市場匹配)", "(stateful API)", "(模型)", "(今年)", "(LLMs)"]:
        assert kept in text
    assert "計劃??蛻?的抱怨" in text  # lost characters are kept as they are


def test_notes_numbered_headings_span_their_title_lines(docs):
    doc = docs[NOTES]
    headings = [doc.single_line(h) for h in doc.headings]
    assert [h[:2] for h in headings] == ["01", "02", "03", "04", "05", "06"]
    assert headings[0].startswith("01 OpenAI目前受到 GPU的嚴重限制")
    assert doc.block_text(doc.headings[0]).startswith("01\nOpenAI目前受到\nGPU的嚴重限制")
    assert headings[5] == "06 規模定律仍然適用 幾年數百萬倍的擴展速度,不可能一直持續下去"


def test_notes_has_no_speakers_and_keeps_both_languages(docs):
    doc = docs[NOTES]
    assert doc.speakers == [] and doc.turns == []
    narration = of_kind(doc, "narration")
    english = next(i for i, t in enumerate(narration) if t.startswith("The longer 32k context"))
    assert narration[english + 1].startswith("更長的 32K 上下文還不能提供給更多的人")
    assert of_kind(doc, "boilerplate") == ["【資料圖】", "標簽:"]
    assert [n[:2] for n in of_kind(doc, "note")] == ["注:"]
