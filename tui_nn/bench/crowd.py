"""Many instances of the real app at once, each in its own pseudo-terminal, as a class on one server.

Every instance starts together on the Playground's default link, trains at the default pace, then
pauses. Reported: CPU seconds per second per instance (mean) and for the machine (their sum),
training and paused; epochs per second reached (60 asked); peak memory per instance and the
proportional set size (PSS) of them all, which counts shared library pages once.
"""

from __future__ import annotations

import statistics
import time
from contextlib import ExitStack
from dataclasses import dataclass

from tui_nn.bench.app import MB, RSS_BUDGET, SETTLE, TRAINING_CPU_BUDGET, IDLE_CPU_BUDGET, AppError
from tui_nn.bench.measure import Check, Result, below
from tui_nn.bench.pty_session import TerminalSession, pump_all

INSTANCES = 30
SIZE = (120, 40)
START_SECONDS_EACH = 3.0
"""Start-up allowance per instance: thirty starting on two cores queue for the CPU."""


@dataclass(frozen=True)
class Crowd:
    """What ``instances`` apps running together measured (per-instance lists, in start order)."""

    instances: int
    training_cpu: list[float]
    """CPU seconds per second of each instance while all train."""
    paused_cpu: list[float]
    epochs_per_second: list[float]
    """Epochs per second each reached while all trained (from the status bar it drew)."""
    peak_rss: list[int]
    """Bytes, each instance's peak resident memory."""
    total_pss: int
    """Bytes, all instances together (shared pages counted once), while paused."""


def _cpu_rates(sessions: list[TerminalSession], seconds: float) -> list[float]:
    """Each session's CPU seconds per second over ``seconds`` of pumping all of them."""
    before, start = [session.cpu_seconds() for session in sessions], time.monotonic()
    pump_all(sessions, seconds)
    took = time.monotonic() - start
    return [(session.cpu_seconds() - cpu) / took for session, cpu in zip(sessions, before)]


def _started(sessions: list[TerminalSession], timeout: float) -> None:
    """Wait until every instance has drawn its first frame (its status bar shows an epoch)."""
    pump_all(sessions, timeout, until=lambda: all(session.tracked is not None for session in sessions))
    late = sum(session.tracked is None for session in sessions)
    if late:
        raise AppError(f"{late} of {len(sessions)} instances drew no first frame within {timeout:g} s")


def measure_crowd(instances: int, training_seconds: float, paused_seconds: float) -> Crowd:
    """Start ``instances`` apps together, train them all ``training_seconds``, pause, idle ``paused_seconds``."""
    with ExitStack() as stack:
        sessions = [stack.enter_context(TerminalSession(*SIZE)) for _ in range(instances)]
        _started(sessions, START_SECONDS_EACH * instances + 10)
        pump_all(sessions, SETTLE)
        for session in sessions:
            session.send(b" ")
        pump_all(sessions, SETTLE)
        epochs, start = [session.tracked or 0 for session in sessions], time.monotonic()
        training = _cpu_rates(sessions, training_seconds)
        took = time.monotonic() - start
        reached = [((session.tracked or 0) - first) / took for session, first in zip(sessions, epochs)]
        for session in sessions:
            session.send(b" ")
        pump_all(sessions, SETTLE)
        paused = _cpu_rates(sessions, paused_seconds)
        if any(session.exited for session in sessions):
            raise AppError("an instance exited early")
        pss = sum(session.pss() for session in sessions)
        return Crowd(instances, training, paused, reached, [session.peak_rss() for session in sessions], pss)


def _rows(crowd: Crowd) -> list[Result]:
    n, mean = crowd.instances, statistics.fmean
    key, label = f"crowd.{n}", f"{n} instance{'s' if n > 1 else ''}"
    each = ", mean per instance" if n > 1 else ""
    train, paused = mean(crowd.training_cpu), mean(crowd.paused_cpu)
    rows = [
        Result("crowd", f"{key}.cpu_training", f"{label}: CPU training{each}", "s/s", train,
               checks=[Check(f"<= {TRAINING_CPU_BUDGET:g} s/s", train <= TRAINING_CPU_BUDGET)],
               samples={"ours": crowd.training_cpu}),
        Result("crowd", f"{key}.cpu_paused", f"{label}: CPU paused{each}", "s/s", paused,
               checks=[below(paused, IDLE_CPU_BUDGET, f"< {IDLE_CPU_BUDGET:g} s/s")], samples={"ours": crowd.paused_cpu}),
        Result("crowd", f"{key}.epochs_per_second", f"{label}: epochs/s reached (60 asked){each}", "epochs/s",
               mean(crowd.epochs_per_second), samples={"ours": crowd.epochs_per_second}),
        Result("crowd", f"{key}.peak_rss", f"{label}: peak memory{each}", "MB", mean(crowd.peak_rss) / MB,
               checks=[below(max(crowd.peak_rss) / MB, RSS_BUDGET / MB, f"< {RSS_BUDGET // MB} MB each")],
               samples={"ours": [rss / MB for rss in crowd.peak_rss]}),
    ]
    if n > 1:
        rows += [
            Result("crowd", f"{key}.cpu_training_total", f"{label}: CPU training, machine total", "s/s", sum(crowd.training_cpu)),
            Result("crowd", f"{key}.cpu_paused_total", f"{label}: CPU paused, machine total", "s/s", sum(crowd.paused_cpu)),
            Result("crowd", f"{key}.pss_total", f"{label}: memory (PSS), machine total", "MB", crowd.total_pss / MB),
        ]
    return rows


def run(instances: int, training_seconds: float, paused_seconds: float) -> tuple[list[Result], dict[str, object]]:
    """One instance alone, then ``instances`` together; the rows of both, side by side in one run."""
    results: list[Result] = []
    for count in dict.fromkeys((1, instances)):
        try:
            results += _rows(measure_crowd(count, training_seconds, paused_seconds))
        except (AppError, OSError) as error:
            results.append(Result("crowd", f"crowd.{count}", f"{count} instances together", "s/s", None,
                                  note=f"{type(error).__name__}: {error}"))
    facts = {"instances": instances, "size": f"{SIZE[0]}x{SIZE[1]}", "training_seconds": training_seconds,
             "paused_seconds": paused_seconds}
    return results, facts
