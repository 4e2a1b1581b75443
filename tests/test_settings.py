import json

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
