"""`reader convert --to MODE [PATH|-]`, run as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANS = ROOT / "corpus" / "kevin-scott-no-priors-zh-hans.txt"
GERMAN = ROOT / "corpus" / "build-2023-brockman-scott-de.txt"


def reader(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=60, check=False
    )


def test_taiwan_script_from_a_file():
    result = reader("convert", "--to", "taiwan", str(HANS))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "这" in HANS.read_text("utf-8")
    assert "這" in out and "这" not in out
    assert len(out) == len(HANS.read_text("utf-8"))  # s2tw keeps lengths


def test_every_alias_and_config():
    for mode, expected in [
        ("simplified", "软件"), ("traditional", "軟件"), ("taiwan", "軟件"), ("hongkong", "軟件"),
        ("s2twp", "軟體"), ("taiwan-phrases", "軟體"), ("t2s", "软件"),
    ]:  # fmt: skip
        result = reader("convert", "--to", mode, stdin="軟件\n".encode())
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode("utf-8") == expected + "\n"


def test_stdin_with_and_without_a_dash():
    for args in (("convert", "--to", "s2twp"), ("convert", "--to", "s2twp", "-")):
        result = reader(*args, stdin="我的U盘和内存\n".encode())
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode("utf-8") == "我的隨身碟和記憶體\n"


def test_stdin_is_decoded_like_a_file():
    result = reader("convert", "--to", "traditional", stdin="简体中文的文本，头发和发展。".encode("gb18030"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == "簡體中文的文本，頭髮和發展。"


def test_an_unknown_mode_is_one_line_listing_the_valid_ones():
    result = reader("convert", "--to", "klingon", str(HANS))
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "klingon" in err
    for name in ("simplified", "traditional", "taiwan", "hongkong", "s2t", "t2s", "s2twp", "tw2sp", "jp2t"):
        assert name in err


def test_a_missing_file_is_one_line():
    result = reader("convert", "--to", "s2t", "no/such/file.txt")
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and "no/such/file.txt" in err


def test_a_binary_file_is_refused(tmp_path):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02PK\x00" * 100)
    result = reader("convert", "--to", "s2t", str(binary))
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_german_comes_back_unchanged():
    for mode in ("simplified", "taiwan", "s2twp"):
        result = reader("convert", "--to", mode, str(GERMAN))
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode("utf-8") == GERMAN.read_text("utf-8")
