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

DEFAULT_LINK = (
    "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0"
    "&noise=0&networkShape=4,2&seed=0.59704&showTestData=false&discretize=false&percTrainData=50&x=true&y=true"
    "&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false"
    "&problem=classification&initZero=false&hideText=false"
)
"""The Playground's default state as it writes it (PLAYGROUND.md §7.3, hash 1)."""

FIRST_FRAME_MARK = b"Epoch"
"""Status-bar text; the first output containing it is the first frame."""

# Queries Textual or a library may send, answered as a plain xterm would: DECRQM "mode unknown",
# cursor position, primary and secondary device attributes.
_QUERY = re.compile(rb"\x1b\[(\?(\d+)\$p|6n|0?c|>0?c)")
_TAIL = 16
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
    """

    def __init__(self, cols: int, rows: int, args: tuple[str, ...] = ("--link", DEFAULT_LINK)) -> None:
        self.command = [sys.executable, "-m", "tui_nn", *args]
        self.size = (cols, rows)
        self._tail = b""
        self.matched = False
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
            try:
                data = os.read(self.master, 65536)
            except OSError:  # EIO: every copy of the terminal's other side is closed
                data = b""
            if not data:
                if self.process is not None and self.process.poll() is not None:
                    break
                time.sleep(min(left, 0.05))
                continue
            count += len(data)
            self.recent = (self.recent + data)[-_RECENT:]
            for reply in self.queries.feed(data):
                self.send(reply)
            window = self._tail + data
            self._tail = window[-_TAIL:]
            if until is not None and until in window:
                self.matched = True
                break
        return count

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
        assert self.process is not None
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        raise RuntimeError("no VmHWM in /proc status")


def _take_terminal() -> None:
    # Runs in the child after setsid(): make the pty its controlling terminal, as a shell would.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
