import json

import pytest

from reader.settings import Settings, load_settings, save_settings, settings_path


def test_settings_round_trip_through_the_file():
    settings = Settings(script_mode="taiwan", document_modes={"/a.txt": "simplified"},
                        last_document="/a.txt", positions={"/a.txt": 120})
    assert save_settings(settings) is None
    loaded, warning = load_settings()
    assert warning is None
    assert loaded == settings
    assert loaded.mode_for("/a.txt") == "simplified"
    assert loaded.mode_for("/b.txt") == "taiwan"


def test_missing_file_means_defaults_without_a_warning():
    loaded, warning = load_settings()
    assert loaded == Settings() and warning is None


def test_corrupt_file_gives_defaults_and_a_clear_warning():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    loaded, warning = load_settings()
    assert loaded == Settings()
    assert warning and str(path) in warning


def test_wrongly_typed_values_fall_back_to_defaults():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"script_mode": 3, "positions": {"/a": "x", "/b": 5}}), encoding="utf-8")
    loaded, _ = load_settings()
    assert loaded.script_mode == "original"
    assert loaded.positions == {"/b": 5}


def test_write_failure_reports_instead_of_raising(tmp_path):
    # A path whose parent is a file cannot be written, even by root.
    blocker = tmp_path / "file"
    blocker.write_text("x")
    message = save_settings(Settings(), blocker / "settings.json")
    assert message and "could not be saved" in message


def test_keyword_and_quote_choices_round_trip_through_the_file():
    settings = Settings(positions={"/a.txt": 7}, keywords_shown=False, keyword_count=17,
                        quote_style="markdown", quote_original_script=True)
    assert save_settings(settings) is None
    loaded, warning = load_settings()
    assert warning is None and loaded == settings


def test_a_file_from_before_these_choices_keeps_its_data_and_gets_defaults():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "script_mode": "taiwan", "positions": {"/a": 5}}), encoding="utf-8")
    loaded, warning = load_settings()
    assert warning is None
    assert loaded == Settings(script_mode="taiwan", positions={"/a": 5})
    assert loaded.keywords_shown is True and loaded.keyword_count is None
    assert loaded.quote_style == "plain" and loaded.quote_original_script is False


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("keyword_count", 0),
        ("keyword_count", -3),
        ("keyword_count", "12"),
        ("keyword_count", True),  # JSON true is an int to Python: not a count
        ("keyword_count", 2.5),
        ("keyword_count", None),
        ("keywords_shown", "no"),
        ("keywords_shown", 0),
        ("quote_style", "html"),
        ("quote_style", ["markdown"]),
        ("quote_style", None),
        ("quote_original_script", "yes"),
        ("quote_original_script", 1),
    ],
)
def test_bad_keyword_and_quote_choices_are_ignored_and_the_rest_kept(key, value):
    path = settings_path()
    path.parent.mkdir(parents=True)
    good = {"script_mode": "simplified", "last_document": "/a", "positions": {"/a": 9}}
    path.write_text(json.dumps({**good, key: value}), encoding="utf-8")
    loaded, warning = load_settings()
    assert warning is None
    assert getattr(loaded, key) == getattr(Settings(), key)
    assert (loaded.script_mode, loaded.last_document, loaded.positions) == ("simplified", "/a", {"/a": 9})
