"""The real app in a pseudo-terminal: bytes written and CPU used while training and paused, start-up time, memory.

Budgets (DESIGN.md §Budgets): at most 64 KiB/s while training at 120x40 in 256 colours, under
1 KiB/s paused, first frame under 1 s, under 80 MB resident, CPU at most 0.08 s/s while training
at the default pace and under 0.005 s/s while paused (thirty students share one small server).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from tui_nn.bench.measure import Check, Result, below, median
from tui_nn.bench.pty_session import FIRST_FRAME_MARK, TerminalSession

START_TIMEOUT = 20.0
SETTLE = 1.0
"""Seconds left out after start-up and after pausing, so each window sees one steady state."""

KIB = 1024
MB = 1_000_000


class AppError(RuntimeError):
    """The app did not start, or stopped early; the message quotes its last output."""


@dataclass(frozen=True)
class Session:
    """What one run in a terminal of one size measured."""

    first_frame: float
    """Seconds from launch to the first output containing the status text."""
    training: float
    """Bytes per second written while training at the default pace."""
    paused: float
    """Bytes per second written while paused."""
    training_cpu: float
    """CPU seconds per second (all threads) while training at the default pace."""
    paused_cpu: float
    """CPU seconds per second while paused."""
    peak_rss: int
    """Bytes."""
    answered: int
    """Terminal queries answered."""


def _printable(output: bytes) -> str:
    text = re.sub(rb"\x1b\[[0-9;?<>=$]*[a-zA-Z~]|\x1b.", b"", output).decode(errors="replace")
    return " | ".join(line.strip() for line in text.splitlines()[-6:] if line.strip())


def _first_frame(term: TerminalSession) -> float:
    first = term.wait_for(FIRST_FRAME_MARK, START_TIMEOUT)
    if first is None:
        raise AppError(f"no first frame within {START_TIMEOUT:g} s; it wrote: {_printable(term.recent)!r}")
    return first


def measure_session(cols: int, rows: int, training_seconds: float, paused_seconds: float) -> Session:
    """Launch on the default link, train ``training_seconds`` (space), pause (space), idle ``paused_seconds``."""
    with TerminalSession(cols, rows) as term:
        first = _first_frame(term)
        term.pump(SETTLE)
        term.send(b" ")
        cpu, start = term.cpu_seconds(), time.monotonic()
        written = term.pump(training_seconds)
        took = time.monotonic() - start
        training, training_cpu = written / took, (term.cpu_seconds() - cpu) / took
        if not training:
            raise AppError("no output while training: space did not start it")
        term.send(b" ")
        term.pump(SETTLE)
        cpu, start = term.cpu_seconds(), time.monotonic()
        written = term.pump(paused_seconds)
        took = time.monotonic() - start
        paused_cpu = (term.cpu_seconds() - cpu) / took
        if term.process is not None and term.process.poll() is not None:
            raise AppError(f"the app exited early; it wrote: {_printable(term.recent)!r}")
        return Session(first, training, written / took, training_cpu, paused_cpu, term.peak_rss(), term.queries.answered)


def start_times(cols: int, rows: int, repeats: int) -> list[float]:
    """Seconds to the first frame over ``repeats`` fresh launches (each quits at once)."""
    times = []
    for _ in range(repeats):
        with TerminalSession(cols, rows) as term:
            times.append(_first_frame(term))
    return times


SIZES = ((120, 40), (80, 24))
"""Terminal sizes measured; the bandwidth budgets apply to the first."""

TRAINING_BUDGET = 64 * KIB
PAUSED_BUDGET = 1 * KIB
START_BUDGET = 1.0
RSS_BUDGET = 80 * MB
TRAINING_CPU_BUDGET = 0.08
"""CPU seconds per second while training at the default pace (60 epochs/s, 10 fps), at most."""
IDLE_CPU_BUDGET = 0.005
"""CPU seconds per second while paused, below."""


def _failed(key: str, name: str, unit: str, error: Exception) -> Result:
    return Result("app", key, name, unit, None, note=f"{type(error).__name__}: {error}")


def _start_result(repeats: int) -> Result:
    cols, rows = SIZES[0]
    name = f"start to first frame, {cols}x{rows}"
    try:
        times = start_times(cols, rows, repeats)
    except (AppError, OSError) as error:
        return _failed("app.first_frame", name, "s", error)
    first = median(times)
    return Result("app", "app.first_frame", name, "s", first, checks=[below(first, START_BUDGET, f"< {START_BUDGET:g} s")],
                  samples={"ours": times})


def _session_results(cols: int, rows: int, session: Session, budgeted: bool) -> list[Result]:
    size = f"{cols}x{rows}"
    training = Result("app", f"app.bytes_training_{size}", f"output training, {size}", "B/s", session.training)
    paused = Result("app", f"app.bytes_paused_{size}", f"output paused, {size}", "B/s", session.paused)
    training_cpu = Result("app", f"app.cpu_training_{size}", f"CPU training, {size}", "s/s", session.training_cpu)
    cpu = Result("app", f"app.cpu_paused_{size}", f"CPU paused, {size}", "s/s", session.paused_cpu)
    rss = Result("app", f"app.peak_rss_{size}", f"peak memory, {size}", "MB", session.peak_rss / MB)
    if budgeted:
        training.checks = [Check(f"<= {TRAINING_BUDGET // KIB} KiB/s", session.training <= TRAINING_BUDGET)]
        paused.checks = [below(session.paused, PAUSED_BUDGET, f"< {PAUSED_BUDGET // KIB} KiB/s")]
        training_cpu.checks = [Check(f"<= {TRAINING_CPU_BUDGET:g} s/s", session.training_cpu <= TRAINING_CPU_BUDGET)]
        cpu.checks = [below(session.paused_cpu, IDLE_CPU_BUDGET, f"< {IDLE_CPU_BUDGET:g} s/s")]
        rss.checks = [below(rss.ours, RSS_BUDGET / MB, f"< {RSS_BUDGET // MB} MB")]
    return [training, paused, training_cpu, cpu, rss]


def run(training_seconds: float, paused_seconds: float, repeats: int) -> tuple[list[Result], dict[str, object]]:
    """Start-up over ``repeats`` launches, then one long session per size in ``SIZES``.

    Returns:
        The rows (a row whose measurement failed has ``ours`` None and the error in ``note``), and
        facts about the runs: the command, the windows and the terminal queries answered.
    """
    results = [_start_result(repeats)]
    answered: dict[str, int] = {}
    for cols, rows in SIZES:
        try:
            session = measure_session(cols, rows, training_seconds, paused_seconds)
        except (AppError, OSError) as error:
            results.append(_failed(f"app.session_{cols}x{rows}", f"session {cols}x{rows}", "B/s", error))
            continue
        answered[f"{cols}x{rows}"] = session.answered
        results += _session_results(cols, rows, session, budgeted=(cols, rows) == SIZES[0])
    facts = {
        "command": "python -m tui_nn --link <the Playground's default link>",
        "term": "xterm-256color",
        "training_seconds": training_seconds,
        "paused_seconds": paused_seconds,
        "queries_answered": answered,
    }
    return results, facts
