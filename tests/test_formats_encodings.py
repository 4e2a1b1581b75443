"""Every format file of tests/data/formats, re-encoded: the document must be
the same apart from the encoding, and the encoding must be reported.

Simplified-Chinese files are also tried in GB18030, traditional ones in
Big5 (a Big5 file read as GB18030 would be silently wrong: the text would
differ).  UTF-16 is tried with and without a byte-order mark.  Line ends
may be CRLF.
"""

import codecs
from pathlib import Path

import pytest

from reader.load import load_document

DATA = Path(__file__).parent / "data" / "formats"
FILES = sorted(p.name for p in DATA.iterdir() if p.is_file())

# encoding → (how the bytes are made, the encodings the loader may report)
UNICODE = {
    "utf-8": (lambda text: text.encode("utf-8"), {"utf-8"}),
    "utf-8-bom": (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), {"utf-8-sig"}),
    "utf-16-le-bom": (lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), {"utf-16"}),
    "utf-16-be-bom": (lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), {"utf-16"}),
    # without a BOM: found by the NUL bytes of ASCII, or by the Chinese it decodes to
    "utf-16-le": (lambda text: text.encode("utf-16-le"), {"utf-16-le"}),
    "utf-16-be": (lambda text: text.encode("utf-16-be"), {"utf-16-be"}),
}
CHINESE = {
    "gb18030": (lambda text: text.encode("gb18030"), {"gb18030"}),
    "big5": (lambda text: text.encode("big5"), {"big5", "cp950"}),
}


def cases():
    for name in FILES:
        for encoding in UNICODE:
            yield name, encoding
        if "zh-hans" in name:
            yield name, "gb18030"
        if "zh-hant" in name:
            yield name, "big5"


def same_document(doc, reference):
    assert doc.text == reference.text
    assert doc.blocks == reference.blocks
    assert doc.speakers == reference.speakers
    assert (doc.format, doc.title, doc.language, doc.script) == (
        reference.format, reference.title, reference.language, reference.script)


@pytest.fixture(scope="module")
def references():
    return {name: load_document(DATA / name) for name in FILES}


@pytest.mark.parametrize(("name", "encoding"), list(cases()))
def test_a_re_encoded_copy_parses_identically(tmp_path, references, name, encoding):
    encode, reported = {**UNICODE, **CHINESE}[encoding]
    text = (DATA / name).read_text(encoding="utf-8")
    path = tmp_path / name  # the same name, so the same title
    path.write_bytes(encode(text))
    doc = load_document(path)
    assert doc.encoding in reported
    assert not doc.damaged
    same_document(doc, references[name])


@pytest.mark.parametrize("name", FILES)
def test_crlf_line_ends_parse_identically(tmp_path, references, name):
    text = (DATA / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    same_document(load_document(path), references[name])


@pytest.mark.parametrize("name", [n for n in FILES if "zh-hant" in n])
def test_big5_is_never_read_as_gb18030(tmp_path, name):
    path = tmp_path / name
    path.write_bytes((DATA / name).read_text(encoding="utf-8").encode("big5"))
    assert load_document(path).encoding != "gb18030"


def test_every_reference_file_names_its_speakers(references):
    """Only the plain Whisper file and YouTube's automatic captions (which
    never name anyone) have no speaker; a parse that finds none elsewhere
    has failed."""
    speakerless = ["whisper.json", "youtube-auto-zh-hans.vtt", "youtube-auto.srt", "youtube-auto.vtt"]
    assert [name for name, doc in references.items() if not doc.speakers] == speakerless
