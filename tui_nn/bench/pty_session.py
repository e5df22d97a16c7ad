"""TerminalSession: the real app on a pseudo-terminal, as a terminal emulator would host it.

It runs ``python -m tui_nn`` on a pty of a given size, reads everything the app writes, answers
the queries a terminal would, and reads the app's CPU time and memory from /proc. It never leaves
the process behind, even on errors; it measures nothing by itself.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from typing import Callable

DEFAULT_LINK = (
    "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0"
    "&noise=0&networkShape=4,2&seed=0.59704&showTestData=false&discretize=false&percTrainData=50&x=true&y=true"
    "&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false"
    "&problem=classification&initZero=false&hideText=false"
)
"""The Playground's default state as it writes it (PLAYGROUND.md §7.3, hash 1)."""

FIRST_FRAME_MARK = b"Epoch"
"""Status-bar text; the first output containing it is the first frame."""

EPOCH_PATTERN = rb"Epoch (\d{3}(?:,\d{3})*)"
"""The status bar's epoch (``Epoch 001,234``), followed by ``TerminalSession.tracked``."""

# Queries Textual or a library may send, answered as a plain xterm would: DECRQM "mode unknown",
# cursor position, primary and secondary device attributes.
_QUERY = re.compile(rb"\x1b\[(\?(\d+)\$p|6n|0?c|>0?c)")
_TAIL = 64
_RECENT = 4096


def _answer(match: re.Match[bytes]) -> bytes:
    body = match.group(1)
    if body.endswith(b"$p"):
        return b"\x1b[?" + match.group(2) + b";0$y"
    if body == b"6n":
        return b"\x1b[1;1R"
    return b"\x1b[>41;351;0c" if body.startswith(b">") else b"\x1b[?64;1;2;6;9;15;18;21;22c"


class QueryAnswerer:
    """Finds terminal queries in an output stream, even when split across reads, and gives the replies."""

    def __init__(self) -> None:
        self._tail = b""
        self.answered = 0

    def feed(self, data: bytes) -> list[bytes]:
        """The replies for every query that completes in ``data``, in order."""
        window = self._tail + data
        self._tail = window[-_TAIL:]
        fresh_from = len(window) - len(data)
        # A match ending in the new data was incomplete before, so it has not been answered yet.
        replies = [_answer(match) for match in _QUERY.finditer(window) if match.end() > fresh_from]
        self.answered += len(replies)
        return replies


class TerminalSession:
    """``tui-nn`` on a ``cols`` x ``rows`` pseudo-terminal with ``TERM=xterm-256color``.

    Use as a context manager: leaving it quits the app with ``q`` and kills it if it lingers.

    Args:
        cols: Terminal width.
        rows: Terminal height.
        args: Extra command-line arguments for ``tui-nn``.
        track: A pattern whose first group is a number to follow in the output (by default the
            status bar's epoch); the latest is in ``tracked``.
    """

    def __init__(
        self, cols: int, rows: int, args: tuple[str, ...] = ("--link", DEFAULT_LINK), track: bytes = EPOCH_PATTERN
    ) -> None:
        self.command = [sys.executable, "-m", "tui_nn", *args]
        self.size = (cols, rows)
        self._tail = b""
        self.matched = False
        self._track = re.compile(track)
        self.tracked: int | None = None
        """The number in the latest output matching ``track`` (thousands separators dropped)."""
        self.queries = QueryAnswerer()
        self.recent = b""
        """The last output, for error messages."""
        self.process: subprocess.Popen[bytes] | None = None
        self.master = -1

    def __enter__(self) -> TerminalSession:
        self.master, slave = os.openpty()
        try:
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.size[1], self.size[0], 0, 0))
            env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "COLUMNS", "LINES", "NO_COLOR")}
            env = {k: v for k, v in env.items() if not k.startswith("TEXTUAL")} | {"TERM": "xterm-256color"}
            self.started = time.monotonic()
            self.process = subprocess.Popen(
                self.command, stdin=slave, stdout=slave, stderr=slave, env=env,
                start_new_session=True, preexec_fn=_take_terminal, close_fds=True,
            )
        except BaseException:
            os.close(self.master)
            raise
        finally:
            os.close(slave)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.process is not None and self.process.poll() is None:
                self.send(b"q")
                deadline = time.monotonic() + 5.0
                while self.process.poll() is None and time.monotonic() < deadline:
                    self.pump(0.1)
        finally:
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            os.close(self.master)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def pump(self, seconds: float, until: bytes | None = None) -> int:
        """Read for ``seconds``, answering queries; stop early once ``until`` appears. Returns the bytes read."""
        count, deadline = 0, time.monotonic() + seconds
        self.matched = False
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if not ready:
                continue
            before = self._tail
            data = self.read()
            if not data:
                if self.exited:
                    break
                time.sleep(min(left, 0.05))
                continue
            count += len(data)
            if until is not None and until in before + data:
                self.matched = True
                break
        return count

    @property
    def exited(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def read(self) -> bytes:
        """Read what is waiting (call when the terminal is readable), answering queries; b"" at the end."""
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: every copy of the terminal's other side is closed
            return b""
        self.recent = (self.recent + data)[-_RECENT:]
        for reply in self.queries.feed(data):
            self.send(reply)
        window = self._tail + data
        self._tail = window[-_TAIL:]
        found = self._track.findall(window)
        if found:
            self.tracked = int(found[-1].replace(b",", b""))
        return data

    def wait_for(self, text: bytes, timeout: float) -> float | None:
        """Seconds from launch until ``text`` appears in the output, or None after ``timeout``."""
        self.pump(timeout, until=text)
        return time.monotonic() - self.started if self.matched else None

    def cpu_seconds(self) -> float:
        """User plus system CPU time of the app so far (all its threads)."""
        assert self.process is not None
        with open(f"/proc/{self.process.pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss(self) -> int:
        """Peak resident memory (VmHWM) in bytes."""
        return self._memory("status", "VmHWM:")

    def rss(self) -> int:
        """Resident memory now (VmRSS) in bytes."""
        return self._memory("status", "VmRSS:")

    def pss(self) -> int:
        """Proportional share of memory now in bytes: shared pages split among the processes sharing them.

        Summed over many instances it is what they take together, which summed RSS overstates.
        """
        return self._memory("smaps_rollup", "Pss:")

    def _memory(self, name: str, field: str) -> int:
        assert self.process is not None
        with open(f"/proc/{self.process.pid}/{name}") as lines:
            for line in lines:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
        raise RuntimeError(f"no {field} in /proc/{self.process.pid}/{name}")


def pump_all(sessions: list[TerminalSession], seconds: float, until: Callable[[], bool] = lambda: False) -> None:
    """Read every session's output for ``seconds`` (answering queries), or until ``until()`` is true."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0 and not until():
        live = [session for session in sessions if not session.exited]
        if not live:
            return
        ready, _, _ = select.select([session.master for session in live], [], [], min(left, 0.05))
        for session in live:
            if session.master in ready:
                session.read()


def _take_terminal() -> None:
    # Runs in the child after setsid(): make the pty its controlling terminal, as a shell would.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
