import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own settings/store/cache folders, never the user's."""
    home = tmp_path_factory.mktemp("reader-home")
    monkeypatch.setenv("READER_HOME", str(home))
    return home
