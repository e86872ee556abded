"""Drive ``kata`` as a learner does: through its real entry point, in a pipe or a terminal.

``kata(...)`` runs it with its output piped (``COLUMNS`` sets the width rich uses there);
:class:`Terminal` runs it in a pseudo-terminal of a given size, to read what a learner's
terminal would show and to type into it (Ctrl-C included).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len

ROOT = Path(__file__).resolve().parents[1]
ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]")
COLOURS = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;[0-9;]+)m")


def environment(**extra: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(ROOT), **extra}


def kata(*args: str, cwd: Path = ROOT, columns: int = 80,
         **extra: str) -> subprocess.CompletedProcess[str]:
    """``kata ARGS`` with stdout and stderr piped."""
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=240, env=environment(COLUMNS=str(columns), **extra))


def plain(screen: str) -> str:
    """What a terminal shows, escapes removed, lines ended by \\n."""
    return ESCAPES.sub("", screen).replace("\r\n", "\n").replace("\r", "\n")


def widest(screen: str) -> int:
    """The widest line in terminal cells (a Chinese character takes two)."""
    return max((cell_len(line) for line in plain(screen).splitlines()), default=0)


class Terminal:
    """``kata ARGS`` in a pseudo-terminal ``columns`` wide, its output collected as it comes."""

    def __init__(self, *args: str, cwd: Path = ROOT, columns: int = 80, **extra: str) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))

        def own_terminal() -> None:  # a session of its own with the pty as its terminal
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader", *args], cwd=cwd, stdin=slave, stdout=slave,
            stderr=slave, preexec_fn=own_terminal, close_fds=True,
            env=environment(TERM="xterm-256color", **extra))
        os.close(slave)
        self.output = ""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the other side closed: the program ended
            return False
        if not data:
            return False
        self.output += data.decode("utf-8", "replace")
        return True

    def wait_for(self, wanted: str | Callable[[str], bool], timeout: float = 60.0) -> str:
        """Read until ``wanted`` shows (text, or a test of the plain screen so far)."""
        test = wanted if callable(wanted) else (lambda screen: wanted in screen)
        deadline = time.monotonic() + timeout
        while not test(plain(self.output)):
            if time.monotonic() > deadline or not self._read(min(0.2, deadline - time.monotonic())):
                raise AssertionError(f"{wanted!r} never showed; the screen:\n{plain(self.output)}")
        return plain(self.output)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 60.0) -> int:
        """Read to the end; the exit status (the program is killed if it does not end)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(0.2):
            if self.process.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                break
        try:
            return self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            raise AssertionError(f"kata did not end; the screen:\n{plain(self.output)}") from None
        finally:
            os.close(self.master)


def in_terminal(*args: str, cwd: Path = ROOT, columns: int = 80,
                **extra: str) -> tuple[int, str]:
    """``kata ARGS`` run to its end in a terminal: its exit status and raw screen output."""
    terminal = Terminal(*args, cwd=cwd, columns=columns, **extra)
    code = terminal.finish()
    return code, terminal.output
