"""Speaker colours: stable per name, distinct within a document."""

from __future__ import annotations

import itertools

from reader.ui.transcript.colors import PALETTE, assign_colors, home_slot


def test_a_speaker_keeps_one_colour_in_every_document():
    first = assign_colors(["Kevin Scott", "Sarah Guo"])
    second = assign_colors(["Elad Gil", "Kevin Scott"])
    alone = assign_colors(["Kevin Scott"])
    assert first["Kevin Scott"] == alone["Kevin Scott"]
    # the same colour again unless an earlier speaker already holds it
    if home_slot("Elad Gil", len(PALETTE)) != home_slot("Kevin Scott", len(PALETTE)):
        assert second["Kevin Scott"] == alone["Kevin Scott"]


def test_names_are_recognised_whatever_their_case_and_spacing():
    assert assign_colors(["kevin  scott"])["kevin  scott"] == assign_colors(["Kevin Scott"])["Kevin Scott"]


def test_colours_do_not_depend_on_python_hash_seed():
    # sha1-based: a fixed name has a fixed slot
    assert home_slot("Kevin Scott", 10) == int.from_bytes(
        __import__("hashlib").sha1(b"kevin scott").digest()[:8], "big"
    ) % 10


def colliding_names(size: int) -> tuple[str, str]:
    seen: dict[int, str] = {}
    for i in itertools.count():
        name = f"Speaker {i}"
        slot = home_slot(name, size)
        if slot in seen:
            return seen[slot], name
        seen[slot] = name
    raise AssertionError


def test_speakers_of_one_document_never_share_a_colour_even_when_hashes_collide():
    a, b = colliding_names(len(PALETTE))
    assert home_slot(a, len(PALETTE)) == home_slot(b, len(PALETTE))
    colors = assign_colors([a, b])
    assert colors[a] != colors[b]
    # the first to appear keeps its home colour; the second probes onwards
    assert colors[a] == PALETTE[home_slot(a, len(PALETTE))]
    assert colors[b] == PALETTE[(home_slot(b, len(PALETTE)) + 1) % len(PALETTE)]


def test_a_full_palette_gives_every_speaker_its_own_colour():
    names = [f"Person {i}" for i in range(len(PALETTE))]
    assert len(set(assign_colors(names).values())) == len(PALETTE)


def test_a_tiny_palette_probes_deterministically():
    palette = ("red", "blue")
    a, b = colliding_names(2)
    assert assign_colors([a, b], palette) == assign_colors([a, b], palette)
    assert set(assign_colors([a, b], palette).values()) == {"red", "blue"}
