"""The README's key table stays true: every key the app binds is in it."""

from pathlib import Path

from reader.ui.app import ReaderApp
from reader.ui.transcript.reading import ReadingView

README = Path(__file__).resolve().parent.parent / "README.md"


def _keys_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Keys")
    return text[start : text.index("\n## ", start + 1)]


async def test_every_key_binding_of_the_app_and_the_transcript_is_in_the_readme():
    section = _keys_section()
    app = ReaderApp([])
    async with app.run_test() as pilot:
        await pilot.pause()
        missing = []
        for node in (app, app.query_one(ReadingView)):
            for bindings in node._bindings.key_to_bindings.values():
                for binding in bindings:
                    if binding.system or not binding.description:
                        continue
                    shown = app.get_key_display(binding).replace("^", "ctrl+")
                    if shown.isdigit() and 1 <= int(shown) <= 8:
                        shown = "1`–`8"
                    if f"`{shown}`" not in section and f"`{binding.key}`" not in section:
                        missing.append(f"{shown} ({binding.description})")
    assert not missing, f"README's key table lacks: {', '.join(missing)}"
