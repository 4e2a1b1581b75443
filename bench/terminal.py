"""Timing programs in a real terminal: tmux, polled with `capture-pane`.

    with Tmux() as tmux:
        floor = tmux.baseline()                      # tmux's own latency
        with tmux.session(["less", "big.txt"]) as s:
            painted = s.wait(lambda screen: "歡迎" in screen) - floor
            s.keys("G")
            jumped = s.wait(lambda screen: "全文完" in screen, since=s.last_keys)
            rss = s.peak_rss()

A figure is the wall time from just before `tmux new-session` until the
first `capture-pane` whose text satisfies the predicate, less the baseline:
the same time for `printf READY` (the shell, the pane and our polling), so
what remains is the program's own start and first paint.  Polling costs a
`tmux` process every ~10 ms, so figures are good to about ±10 ms.

Everything runs on a private tmux server (its own socket, no config file),
so a user's or the end-to-end tests' tmux is never touched, and the server
is killed on exit.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Self

POLL = 0.010  # seconds between captures
Predicate = Callable[[str], bool]


class Timeout(Exception):
    """The predicate never held; str() ends with the last screen."""


class Tmux:
    """A private tmux server for one benchmark run."""

    def __init__(self, width: int = 120, height: int = 40, env: dict[str, str] | None = None) -> None:
        self.width, self.height = width, height
        self.socket = f"reader-bench-{os.getpid()}"
        self.socket_path = ""
        # UTF-8 everywhere, or less and capture-pane mangle CJK text.
        self.env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}

    def __enter__(self) -> Self:
        # A keep-alive session, so that measured sessions never pay for
        # starting the server (the baseline would not include it).
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "keepalive", "sleep 86400")
        self.run("set-option", "-g", "default-terminal", "tmux-256color")
        self.run("set-option", "-g", "escape-time", "0")  # keys reach the program at once
        self.socket_path = self.run("display-message", "-p", "#{socket_path}").strip()
        return self

    def __exit__(self, *exc: object) -> None:
        self.run("kill-server", check=False)
        if self.socket_path:  # tmux leaves the socket file behind
            Path(self.socket_path).unlink(missing_ok=True)

    def run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-u", "-L", self.socket, *args],
            capture_output=True, text=True, env={**os.environ, **self.env}, check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    @contextmanager
    def session(self, command: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Iterator[Session]:
        session = Session(self, command, env or {}, cwd)
        try:
            yield session
        finally:
            session.kill()

    def baseline(self, repeat: int = 5) -> float:
        """Median seconds until tmux shows the output of a trivial command."""
        times = []
        for _ in range(repeat):
            with self.session(["sh", "-c", "printf READY; sleep 5"]) as s:
                times.append(s.wait(lambda screen: "READY" in screen))
        return statistics.median(times)


class Session:
    """One detached session of the server's size running ``command``."""

    def __init__(self, tmux: Tmux, command: Sequence[str], env: dict[str, str], cwd: Path | None) -> None:
        self.tmux = tmux
        self.name = f"m{uuid.uuid4().hex[:8]}"
        self.screen = ""
        self.last_keys = 0.0
        env_args = [arg for key, value in {**tmux.env, **env}.items() for arg in ("-e", f"{key}={value}")]
        cwd_args = ["-c", str(cwd)] if cwd else []
        self.started = time.perf_counter()  # just before new-session: that is what a user waits for
        tmux.run(
            "new-session", "-d", "-s", self.name, "-x", str(tmux.width), "-y", str(tmux.height),
            *env_args, *cwd_args, shlex.join(command),
        )

    def capture(self) -> str:
        self.screen = self.tmux.run("capture-pane", "-p", "-t", self.name, check=False)
        return self.screen

    def wait(self, predicate: Predicate, timeout: float = 20.0, since: float | None = None) -> float:
        """Seconds from ``since`` (default: the session's start) until the screen satisfies ``predicate``."""
        start = self.started if since is None else since
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            if predicate(self.capture()):
                # The capture began at `now`; the screen was there by then.
                return now - start
            if now > deadline:
                raise Timeout(f"no match after {timeout:.0f} s; the screen shows:\n{self.screen}")
            time.sleep(POLL)

    def keys(self, *keys: str) -> None:
        """Send tmux key names ("End", "G", "C-c") and note the time."""
        self.last_keys = time.perf_counter()
        self.tmux.run("send-keys", "-t", self.name, *keys)

    def pids(self) -> list[int]:
        """The pane's process and all its descendants."""
        root = int(self.tmux.run("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # The command name may contain spaces and parentheses: split after the last ")".
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # the process ended meanwhile
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        found, todo = [], [root]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def peak_rss(self) -> int:
        """The largest peak resident set (VmHWM, bytes) of the pane's processes.

        The largest rather than the sum: the shell tmux starts is a few
        hundred KiB and the program is one process.
        """
        peak = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]) * 1024)
            except OSError:
                continue
        return peak

    def kill(self) -> None:
        self.tmux.run("kill-session", "-t", self.name, check=False)
