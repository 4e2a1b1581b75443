import os
import select
import shutil
import subprocess

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own settings/store/cache folders, never the user's."""
    home = tmp_path_factory.mktemp("reader-home")
    monkeypatch.setenv("READER_HOME", str(home))
    return home


@pytest.fixture
def x_display(monkeypatch):
    """A private X server, its number chosen by Xvfb itself (-displayfd);
    DISPLAY points at it and WAYLAND_DISPLAY is unset.  Skips without Xvfb
    (Debian package xvfb; .ci/run installs it)."""
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        pytest.skip("Xvfb is not installed (Debian package xvfb; .ci/run installs it)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "320x200x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 10)
        number = os.read(read_end, 16).decode().strip() if ready else ""
        if not number:
            pytest.skip("Xvfb did not start within 10 s")
        monkeypatch.setenv("DISPLAY", f":{number}")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        yield f":{number}"
    finally:
        os.close(read_end)
        # The selection owners (xclip/xsel in the background) exit when
        # their X server goes away.
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
