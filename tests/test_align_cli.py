"""`reader align A B [--json]` and `reader align --suggest`, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZH = ROOT / "corpus" / "build-2023-brockman-scott-zh-hant.txt"
DE = ROOT / "corpus" / "build-2023-brockman-scott-de.txt"


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        check=False, capture_output=True, cwd=ROOT, timeout=60, text=True, encoding="utf-8",
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    for needle in needles:
        assert needle in result.stderr


def test_json_is_the_turn_alignment():
    result = reader("align", str(ZH), str(DE), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"a": i, "b": i} for i in range(11)]


def test_json_shows_a_missing_turn_as_null(tmp_path):
    paragraphs = DE.read_text("utf-8").split("\n\n")
    shorter = tmp_path / "de.txt"
    shorter.write_text("\n\n".join(p for p in paragraphs if not p.startswith("Kevin Scott:Ja, das hat")), "utf-8")
    result = reader("align", str(ZH), str(shorter), "--json")
    assert result.returncode == 0, result.stderr
    pairs = json.loads(result.stdout)
    assert pairs[2] == {"a": 2, "b": None}
    assert [p["b"] for p in pairs if p["a"] is not None] == [0, 1, None, 2, 3, 4, 5, 6, 7, 8, 9]
    assert all(set(p) == {"a", "b"} for p in pairs)


def test_without_json_a_side_by_side_summary():
    result = reader("align", str(ZH), str(DE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("A: ") and "zh-hant, 11 turns" in lines[0]
    assert lines[1].startswith("B: ") and "de, 11 turns" in lines[1]
    rows = lines[2:]
    assert len(rows) == 11
    assert rows[0].split()[:4] == ["0", "0", "Kevin", "Scott"]
    assert "非常感謝你今天加入" in rows[0] and "Vielen Dank" in rows[0]
    assert "Greg Brockman" in rows[1]


def test_suggest_lists_the_seed_pair_of_the_bundled_corpus():
    result = reader("align", "--suggest", "--json")
    assert result.returncode == 0, result.stderr
    pairs = json.loads(result.stdout)
    assert len(pairs) == 1
    assert {Path(pairs[0]["a"]).name, Path(pairs[0]["b"]).name} == {ZH.name, DE.name}
    assert 0 < pairs[0]["score"] <= 1
    text = reader("align", "--suggest")
    assert text.returncode == 0 and len(text.stdout.splitlines()) == 1 and ZH.name in text.stdout


def test_suggest_among_given_paths_and_folders(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "de.txt").write_bytes(DE.read_bytes())
    result = reader("align", "--suggest", "--json", str(ZH), str(tmp_path / "x"))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1
    alone = reader("align", "--suggest", "--json", str(ZH))
    assert alone.returncode == 0 and json.loads(alone.stdout) == []


def test_a_missing_file_is_one_line_and_exit_2():
    assert_one_line_error(reader("align", str(ZH), "no/such/file.txt", "--json"), "no/such/file.txt")
    assert_one_line_error(reader("align", "--suggest", "no/such/folder"), "no/such/folder")


def test_not_two_paths_is_a_usage_error():
    assert_one_line_error(reader("align", str(ZH)), "two")
    assert_one_line_error(reader("align"), "two")
    assert_one_line_error(reader("align", str(ZH), str(DE), str(DE)), "two")
