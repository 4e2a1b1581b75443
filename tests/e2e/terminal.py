"""Drive a program in a real terminal: a detached tmux session of fixed size."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path


class Terminal:
    def __init__(self, command: list[str], *, width: int = 120, height: int = 36,
                 env: dict[str, str] | None = None, cwd: Path | None = None,
                 socket: str | None = None) -> None:
        self.name = f"reader-e2e-{uuid.uuid4().hex[:8]}"
        # A private tmux server (``tmux -L socket``) may have its options
        # changed (set-clipboard) without touching anyone else's sessions.
        self.tmux = ["tmux", *(["-L", socket] if socket else [])]
        self.exit_file = Path(f"/tmp/{self.name}.exit")
        # COLUMNS and LINES as the pane's size: a tmux server started from a
        # process that imported readline hands its panes COLUMNS=80 LINES=24,
        # and Textual believes them over the real size.
        env = {"COLUMNS": str(width), "LINES": str(height), **(env or {})}
        exports = " ".join(f"export {k}={shlex.quote(v)};" for k, v in env.items())
        # Record the exit status, then keep the pane alive briefly so a crash
        # message stays readable in capture-pane.
        script = f"{exports} {shlex.join(command)}; echo $? > {self.exit_file}; sleep 30"
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
             "-c", str(cwd or Path.cwd()), "bash", "-c", script],
            check=True,
        )

    def screen(self) -> str:
        result = subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name],
                                capture_output=True, text=True)
        return result.stdout

    def title(self) -> str:
        return self.display("#{pane_title}")

    def display(self, fmt: str) -> str:
        """A tmux format for this pane ("#{pane_title}", "#{window_bell_flag}")."""
        result = subprocess.run([*self.tmux, "display-message", "-p", "-t", self.name, fmt],
                                capture_output=True, text=True)
        return result.stdout.strip()

    def tmux_command(self, *args: str) -> str:
        """Run ``tmux ARGS`` on this terminal's server; its output."""
        return subprocess.run([*self.tmux, *args], capture_output=True, text=True).stdout

    def press(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.05)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout}s; the screen shows:\n{screen}")

    def wait_for_text(self, text: str, timeout: float = 15.0) -> str:
        return self.wait_for(lambda screen: text in screen, timeout)

    def exit_status(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exit_file.exists() and self.exit_file.read_text().strip():
                return int(self.exit_file.read_text())
            time.sleep(0.05)
        raise AssertionError(f"the program did not exit; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-session", "-t", self.name], capture_output=True)
        self.exit_file.unlink(missing_ok=True)


def tmux_available() -> bool:
    return shutil.which("tmux") is not None
