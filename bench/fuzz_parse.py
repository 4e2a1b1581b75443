"""Fuzz the loader and the parser for a bounded time (a tool, not a test).

    python bench/fuzz_parse.py --seconds 60 [--engine atheris|hypothesis]

Each input is bytes, opened as reader opens a file: ``looks_binary``, then
``decode`` (encoding detection), then the parser *without* its safety net
(``build_document``; ``parse_text`` would hide a crash behind its fallback),
under a file suffix picked by the first byte so that every format reader
(.txt, .md, .srt, .vtt, .json) is reached.  An input fails if anything
raises or an invariant breaks: blocks in order and inside the text, each
block's text its slice, no control character left in the text or the title.

atheris (coverage-guided libFuzzer) is used when it is installed
(``pip install atheris``), hypothesis otherwise.  The bundled corpus seeds
both.  Prints how many inputs were tried; a failing input is written to
bench/fuzz-crashes/ and the exit status is 1: turn it into a case in
tests/test_parse_regressions.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CRASHES = ROOT / "bench" / "fuzz-crashes"
SUFFIXES = ["", ".txt", ".md", ".srt", ".vtt", ".json"]
MAX_LEN = 8192  # longer inputs find little more and run much slower


def check_one(data: bytes) -> None:
    """Open ``data`` as a file would be; raise if anything is wrong."""
    from reader.load import decode, looks_binary
    from reader.parse import build_document
    from reader.sanitize import has_control

    looks_binary(data)
    decoded = decode(data)
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ""
    doc = build_document(decoded.text, path=Path("fuzz" + suffix), damaged=decoded.damaged)
    previous = 0
    for block in doc.blocks:
        assert previous <= block.start < block.end <= len(doc.text), (block, len(doc.text))
        assert (block.speaker is not None) == (block.kind == "turn"), block
        previous = block.end
    assert not has_control(doc.text.replace("\t", "")), "a control character in the text"
    assert doc.title and not has_control(doc.title) and "\n" not in doc.title, repr(doc.title)


def seeds() -> list[bytes]:
    corpus = sorted((ROOT / "corpus").glob("*.txt"))
    samples = [p.read_bytes()[:MAX_LEN] for p in corpus]
    samples += [
        b"", b"x", b"\xff", b"\xef\xbb\xbf", b"\xff\xfeA\x00:\x00",
        b"WEBVTT\n\n00:00.000 --> 00:01.000\n<v Anna>Hallo\n",
        b"1\n00:00:01,000 --> 00:00:02,000\nAnna: hi\n\n",
        b'{"segments": [{"speaker": "A", "text": "hi", "start": 0}]}',
        "\x1b]0;PWNED\x07Anna: [bold red]x[/] \x1b[2J\u009b\n".encode(),
    ]  # fmt: skip
    return samples


def save_crash(data: bytes) -> Path:
    CRASHES.mkdir(parents=True, exist_ok=True)
    path = CRASHES / f"crash-{int(time.time())}-{len(data)}.bin"
    path.write_bytes(data)
    return path


# --- engines ---------------------------------------------------------------------


def run_atheris(seconds: float) -> int:
    import atheris

    with atheris.instrument_imports():
        import reader.load
        import reader.parse
    deadline = time.monotonic() + seconds
    tried = 0

    def one_input(data: bytes) -> None:
        nonlocal tried
        tried += 1
        if time.monotonic() > deadline:
            print(f"fuzz_parse: atheris tried {tried} inputs in {seconds:.0f} s, no failure")
            sys.stdout.flush()
            shutil.rmtree(seed_dir, ignore_errors=True)
            os._exit(0)  # libFuzzer never returns; this is the clean way out
        try:
            check_one(data)
        except BaseException:
            print(f"fuzz_parse: input {tried} failed; saved to {save_crash(data)}")
            raise  # atheris prints the traceback and exits non-zero

    seed_dir = Path(tempfile.mkdtemp(prefix="fuzz-seeds-"))
    for i, sample in enumerate(seeds()):
        (seed_dir / f"seed-{i}").write_bytes(sample)
    CRASHES.mkdir(parents=True, exist_ok=True)
    argv = [sys.argv[0], str(seed_dir), f"-max_len={MAX_LEN}", f"-max_total_time={int(seconds) + 30}",
            f"-artifact_prefix={CRASHES}/", "-print_final_stats=0"]  # fmt: skip
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


def run_hypothesis(seconds: float) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from([s[:200] for s in seeds()] + [b"\n", b"\r\n", b":", "\uff1a".encode(), b"-->", b"\x00"])
    texts = st.text(max_size=64).flatmap(
        lambda t: st.sampled_from(["utf-8", "utf-16", "gb18030", "big5", "latin-1"]).map(
            lambda enc: t.encode(enc, errors="replace")
        )
    )
    inputs = st.lists(st.one_of(pieces, st.binary(max_size=64), texts), max_size=24).map(b"".join)
    tried = 0
    failing: list[bytes] = []

    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(inputs)
    def fuzz(data: bytes) -> None:
        nonlocal tried
        tried += 1
        try:
            check_one(data)
        except BaseException:
            failing[:] = [data]  # the last one hypothesis tries is the smallest
            raise

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fuzz()
        except Exception as error:
            print(f"fuzz_parse: failed after {tried} inputs ({type(error).__name__}: {error}); "
                  f"saved to {save_crash(failing[0])}")  # fmt: skip
            return 1
    print(f"fuzz_parse: hypothesis tried {tried} inputs in {seconds:.0f} s, no failure")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long to fuzz (default 60)")
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    return run_atheris(args.seconds) if engine == "atheris" else run_hypothesis(args.seconds)


if __name__ == "__main__":
    raise SystemExit(main())
