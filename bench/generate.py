"""Synthetic interview transcripts made from the bundled corpus text.

    python bench/generate.py transcript --size 10MB --out big.txt
    python bench/generate.py corpus --count 1000 --out docs/

The output is deterministic: the same arguments (and the same corpus) give
the same bytes, so figures from different runs measure the same input.  It
uses only the standard library and never imports `reader`, so it runs with
any Python 3.11+.

A document looks like a real transcript, so the parser sees a realistic
shape: a title line, a short narrated introduction, then speaker turns
(`Name: text`, or `Name:` alone on a line with the text below it) from a
host and one to three guests with CJK or Latin names, a heading now and
then, an occasional stage note such as `（笑）`, in some documents
timestamps, and a closing line.  The turn text is made of corpus sentences
recombined at random, one language (and Chinese script) per document.

No generated text looks damaged to the parser (`looks_damaged` in
reader/parse/clean.py): a character lost in transcoding shows as U+FFFD or as
"?" between Chinese characters, and one bundled document has such losses
("計劃??蛻?的").  A source line with U+FFFD or "??" is left out whole (a loss
can straddle a sentence split).  A "?" touching Chinese text, which the
corpus also uses as a question mark ("不是嗎?"), is kept only at the end of
the last sentence of a turn or of a narrated passage, where no Chinese
character can follow it.  So whatever sentences are put together, no "?" has
Chinese text on both sides, and a document is not flagged even without the
parser's leniency for documents that use "?" as a question mark elsewhere.

Two strings are planted for the benchmarks (see `markers`): the first turn
opens with "歡迎收看第 N 期" / "Willkommen zu Folge N" and the last line
says how many turns there were, so a screen scraper can tell the first and
the last screen apart from the recycled corpus text in between.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DEFAULT_SEED = 6  # issue 6; any fixed number would do

# Speakers per language.  Chinese documents mix CJK and Latin names, as the
# real corpus does ("Kevin Scott:非常感謝…").
HOSTS = {
    "zh-hant": ["主持人", "陳思遠", "林雅婷"],
    "zh-hans": ["主持人", "陈思远", "林雅婷"],
    "de": ["Moderatorin", "Anna Müller", "Jonas Weber"],
}
GUESTS = {
    "zh-hant": ["Kevin Scott", "Sarah Guo", "Elad Gil", "Greg Brockman", "王小明", "張偉", "李靜", "Sam Altman"],
    "zh-hans": ["Kevin Scott", "Sarah Guo", "Elad Gil", "Greg Brockman", "王小明", "张伟", "李静", "Sam Altman"],
    "de": ["Kevin Scott", "Greg Brockman", "Sarah Guo", "Sam Altman", "Raza Habib", "Lena Schmidt"],
}
NOTES = {
    "zh-hant": ["（笑）", "（掌聲）", "（停頓）", "（聽不清）"],
    "zh-hans": ["（笑）", "（掌声）", "（停顿）", "（听不清）"],
    "de": ["[lacht]", "[Applaus]", "[Pause]", "[unverständlich]"],
}
# The planted first-turn opening, the title and the closing line.
OPENING = {"zh-hant": "歡迎收看第 {n} 期。", "zh-hans": "欢迎收看第 {n} 期。", "de": "Willkommen zu Folge {n}. "}
TITLE = {"zh-hant": "《對談》{guest}（{n}）", "zh-hans": "《对谈》{guest}（{n}）", "de": "Im Gespräch: {guest} ({n})"}
CLOSING = {"zh-hant": "（全文完，共 {turns} 輪問答）", "zh-hans": "（全文完，共 {turns} 轮问答）", "de": "(Ende des Gesprächs, {turns} Wortwechsel)"}
# Share of each language among the documents of a generated corpus.
LANGUAGE_WEIGHTS = {"zh-hant": 6, "zh-hans": 2, "de": 2}

# After Chinese full stops; after an ASCII "?" or "!" (the corpus uses them
# after Chinese text too) unless pinyin follows, as in its "進(jìn)" glosses;
# after a Latin full stop that ends a sentence.
_SENTENCE_END = re.compile(r"(?<=[。！？；])|(?<=[!?])(?![\w)])|(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")
_SPEAKER_PREFIX = re.compile(r"^[^\s:：]{1,6}(?: [^\s:：]{1,12})?[:：]")
# Lost characters (see the module docstring): a source line with these is
# left out whole; a "?" touching Chinese text (or a pinyin gloss, which the
# parser strips: "務(wù)?" reads "務?") may only end a turn or a passage.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # as reader/parse/clean.py
_LOST = re.compile(r"\ufffd|\?\?")
_TOUCHING_QUESTION_MARK = re.compile(rf"(?<=[{_HAN})\uff09])\?|\?(?=[{_HAN}])")
_UNITS = {"": 1, "B": 1, "K": 1000, "KB": 1000, "KIB": 1024, "M": 10**6, "MB": 10**6, "MIB": 2**20, "G": 10**9, "GB": 10**9}


@dataclass
class Pool:
    """The corpus text of one language, cut into the pieces documents use."""

    sentences: list[str]  # for anywhere in a turn
    paragraphs: list[str]  # for narrated passages
    headings: list[str]  # short lines without final punctuation
    questions: list[str]  # sentences ending in "?" after Chinese text: only at the end of a turn
    endings: list[str] = field(default_factory=list)  # for the end of a turn: sentences + questions


def language_of(path: Path) -> str:
    """The corpus file names end in their language: …-zh-hant-tw.txt, …-de.txt."""
    for language in ("zh-hans", "zh-hant", "de"):
        if f"-{language}" in path.stem:
            return language
    return "zh-hant"


def load_pools(corpus: Path = CORPUS) -> dict[str, Pool]:
    pools: dict[str, Pool] = {}
    for path in sorted(corpus.glob("*.txt")):  # sorted: the order must not depend on the file system
        pool = pools.setdefault(language_of(path), Pool([], [], [], []))
        for line in path.read_text(encoding="utf-8").splitlines():
            line = _SPEAKER_PREFIX.sub("", line.strip()).strip()
            if not line or _LOST.search(line):
                continue
            heading = 5 <= len(line) <= 30 and line[-1] not in "。！？!?.,，:：;；)）" and not line.isdigit()
            if heading and _place(line) == "anywhere":
                pool.headings.append(line)
            if len(line) >= 40 and _place(line) is not None:  # a line break follows a passage
                pool.paragraphs.append(line)
            for sentence in (s.strip() for s in _SENTENCE_END.split(line) if s and len(s.strip()) >= 4):
                place = _place(sentence)
                if place == "anywhere":
                    pool.sentences.append(sentence)
                elif place == "end":
                    pool.questions.append(sentence)
    for pool in pools.values():
        pool.endings = pool.sentences + pool.questions
    return pools


def _place(text: str) -> str | None:
    """Where ``text`` may go without a "?" between Chinese characters:
    "anywhere"; only at the "end" of a turn or passage (it ends in a "?"
    after Chinese text); or nowhere (None: a "?" inside Chinese text is a
    question mark or a lost character, and the parser cannot tell)."""
    touching = [m.start() for m in _TOUCHING_QUESTION_MARK.finditer(text)]
    if not touching:
        return "anywhere"
    return "end" if touching == [len(text) - 1] else None


def parse_size(text: str) -> int:
    """'10MB' → 10,000,000 bytes ('MiB' for powers of two)."""
    match = re.fullmatch(r"\s*([\d.]+)\s*([a-zA-Z]*)\s*", text)
    if not match or match.group(2).upper() not in _UNITS:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 10MB, 30KB, 512KiB)")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


@dataclass
class Style:
    """How one document writes its turns; real transcripts differ in this."""

    label_on_own_line: bool  # "Name:" alone, the text on the next line
    blank_lines: bool  # a blank line between blocks
    timestamps: bool  # "[00:12:34] Name: text"
    colon: str  # "：" or ":" in Chinese documents, ": " in German ones


def _turn_text(rng: random.Random, pool: Pool, sentences: int, language: str) -> str:
    joiner = " " if language == "de" else ""
    # A question only as the last sentence: a line break or a stage note follows it.
    text = joiner.join([*(rng.choice(pool.sentences) for _ in range(sentences - 1)), rng.choice(pool.endings)])
    if rng.random() < 0.03:  # a stage note inside the turn
        text += rng.choice(NOTES[language])
    return text


def make_document(
    rng: random.Random, target_bytes: int, language: str, number: str, style: Style, guests: int | None = None
) -> str:
    """One transcript of about ``target_bytes`` UTF-8 bytes (always whole turns)
    by a host and ``guests`` guests (one to three, at random, if None)."""
    pool = POOLS[language]
    host = rng.choice(HOSTS[language])
    guests = rng.sample(GUESTS[language], k=guests or rng.choice([1, 1, 2, 3]))
    separator = "\n\n" if style.blank_lines else "\n"
    blocks: list[str] = [TITLE[language].format(guest=guests[0], n=number)]
    blocks += [rng.choice(pool.paragraphs) for _ in range(rng.choice([1, 2]))]
    size = sum(len(b.encode()) + len(separator) for b in blocks)
    turns, seconds, next_heading = 0, 0, rng.randint(20, 120)

    def turn(speaker: str, text: str) -> str:
        label = f"[{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}] {speaker}" if style.timestamps else speaker
        return f"{label}{style.colon.strip()}\n{text}" if style.label_on_own_line else f"{label}{style.colon}{text}"

    # The host opens; the planted opening makes the first screen recognisable.
    blocks.append(turn(host, OPENING[language].format(n=number) + _turn_text(rng, pool, 1, language)))
    turns = 1
    while size < target_bytes:
        seconds += rng.randint(5, 90)
        if turns >= next_heading:  # a section heading now and then
            blocks.append(rng.choice(pool.headings))
            next_heading = turns + rng.randint(20, 120)
        elif rng.random() < 0.02:  # a narrated passage or a note between turns
            blocks.append(rng.choice(pool.paragraphs if rng.random() < 0.7 else NOTES[language]))
        elif turns % 2 == 1 or rng.random() < 0.15:  # a guest answers, at length
            speaker = rng.choice(guests)
            blocks.append(turn(speaker, _turn_text(rng, pool, rng.choice([1, 2, 3, 3, 4, 4, 5, 5]), language)))
            turns += 1
        else:  # the host asks, briefly
            blocks.append(turn(host, _turn_text(rng, pool, rng.choice([1, 1, 2]), language)))
            turns += 1
        size += len(blocks[-1].encode()) + len(separator)
    blocks.append(CLOSING[language].format(turns=turns))
    return separator.join(blocks) + "\n"


def random_style(rng: random.Random, language: str) -> Style:
    return Style(
        label_on_own_line=rng.random() < 0.25,
        blank_lines=rng.random() < 0.5,
        timestamps=rng.random() < 0.25,
        colon=rng.choice(["：", ":"]) if language != "de" else ": ",
    )


def write_transcript(out: Path, size: int, seed: int = DEFAULT_SEED, language: str = "zh-hant") -> Path:
    """The big single transcript in one fixed style: `Name:text` lines (as in
    the bundled corpus) with blank lines between blocks.  The corpus command
    varies the style (fullwidth colons, labels on their own line…)."""
    rng = random.Random(f"transcript:{seed}:{size}:{language}")
    style = Style(label_on_own_line=False, blank_lines=True, timestamps=False, colon=":" if language != "de" else ": ")
    number = str(rng.randint(100, 999))
    text = make_document(rng, size, language, number, style, guests=3)  # several recurring speakers
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(text.encode("utf-8"))
    return out


def write_corpus(out: Path, count: int, size: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """``count`` documents interview-0001.txt…, sizes 0.6–1.4 × ``size``.

    Each document has its own generator seeded from (seed, index), so the
    n-th document does not change when ``count`` does.
    """
    out.mkdir(parents=True, exist_ok=True)
    languages = [lang for lang, weight in LANGUAGE_WEIGHTS.items() for _ in range(weight)]
    paths = []
    for index in range(1, count + 1):
        rng = random.Random(f"corpus:{seed}:{index}")
        language = rng.choice(languages)
        # The number in the title is the one in the file name: a document list
        # on screen can be recognised by "0001", "0002"…
        number = f"{index:04d}"
        text = make_document(rng, int(size * rng.uniform(0.6, 1.4)), language, number, random_style(rng, language))
        path = out / f"interview-{index:04d}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


@dataclass(frozen=True)
class Markers:
    first: str  # on the first screen of the document, in the first turn
    last: str  # on the last line of the document
    turns: int


def markers(path: Path) -> Markers:
    """The planted strings of a generated document (see the module docstring)."""
    text = path.read_text(encoding="utf-8")
    for template in OPENING.values():
        match = re.search(re.escape(template.strip().rstrip("。.")).replace(r"\{n\}", r"(\d+)"), text)
        if match:
            break
    else:
        raise ValueError(f"{path}: not made by bench/generate.py")
    last_line = text.rstrip("\n").rsplit("\n", 1)[-1]
    turns = int(re.search(r"\d+", last_line).group())
    return Markers(first=match.group(0), last=re.search(r"\S*\d+\s*\S*", last_line).group(0), turns=turns)


def sha256_of(paths: list[Path]) -> str:
    """Of the bytes for one file (as `sha256sum` prints), of names and bytes for several."""
    if len(paths) == 1:
        return hashlib.sha256(paths[0].read_bytes()).hexdigest()
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


POOLS = load_pools()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("transcript", help="one long transcript")
    one.add_argument("--size", type=parse_size, default=parse_size("10MB"), help="about this many bytes (default 10MB = 10^7)")
    one.add_argument("--language", choices=sorted(POOLS), default="zh-hant")
    many = sub.add_parser("corpus", help="a folder of many transcripts")
    many.add_argument("--count", type=int, default=1000)
    many.add_argument("--size", type=parse_size, default=parse_size("30KB"), help="mean size of a document (default 30KB)")
    for p in (one, many):
        p.add_argument("--out", type=Path, required=True)
        p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)

    if args.what == "transcript":
        paths = [write_transcript(args.out, args.size, args.seed, args.language)]
        info = f"{markers(paths[0]).turns} turns"
    else:
        paths = write_corpus(args.out, args.count, args.size, args.seed)
        info = f"{len(paths)} documents"
    total = sum(p.stat().st_size for p in paths)
    print(f"{args.out}: {total:,} bytes, {info}, sha256 {sha256_of(paths)[:16]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
