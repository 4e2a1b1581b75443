"""A big Chinese transcript for the keyword tests, made from the bundled
corpus: over ``AUTO_CHARS`` characters (the size that used to get keywords
only when the reader asked)."""

from __future__ import annotations

from pathlib import Path

from reader.resources import corpus_dir

SOURCES = [
    "altman-dealbook-2024-zh-hant-tw.txt",
    "build-2023-brockman-scott-zh-hant.txt",
    "altman-humanloop-notes-zh-hant.txt",
]
NAMES = ["主持人", "奧特曼", "凱文"]


def _speech() -> list[str]:
    lines = []
    for name in SOURCES:
        for line in (corpus_dir() / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 20 and ":" not in line and "\uff1a" not in line:
                lines.append(line)
    assert len(lines) > 100
    return lines


def big_chinese_transcript(min_chars: int) -> str:
    """``[01:02:03] 名字：…`` turns in traditional Chinese (with the Latin
    names and terms of the corpus: OpenAI, GPU…), a chapter heading every 30
    turns; the lines come in a different order on every pass over the
    corpus, so that words are not counted in lockstep."""
    speech = _speech()
    parts, size, n, seconds = [], 0, 0, 0
    while size < min_chars:
        hours, rest = divmod(seconds, 3600)
        stamp = f"[{hours:02d}:{rest // 60:02d}:{rest % 60:02d}]"
        if n % 30 == 0:
            part = f"第{n // 30 + 1}章 話題與回顧\n"
        else:
            line = speech[(n * 7 + n // len(speech)) % len(speech)]
            part = f"{stamp} {NAMES[n % 3]}：{line}\n"
        seconds += 9
        parts.append(part)
        size += len(part) + 1
        n += 1
    return "\n".join(parts)


def write_big_chinese_transcript(folder: Path, min_chars: int) -> Path:
    path = folder / "訪談-全文.txt"
    path.write_text(big_chinese_transcript(min_chars), encoding="utf-8")
    return path
