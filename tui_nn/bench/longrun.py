"""Long runs: 100,000 epochs flat out in the app and in the CLI; memory at the start and at the end.

Both keep their loss history bounded (the app thins it to 2,000 points, the CLI keeps every epoch
up to 100,001 in typed arrays), so memory must stay flat: the end may not exceed the start by
more than ``GROWTH_BUDGET``. The app runs in a pseudo-terminal at ``--speed max``; the CLI's
progress bar (``epoch 1234/100000``) tells how far it is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from tui_nn.bench.app import MB, RSS_BUDGET, SETTLE, START_TIMEOUT, AppError
from tui_nn.bench.measure import Result, below
from tui_nn.bench.pty_session import DEFAULT_LINK, TerminalSession

EPOCHS = 100_000
START_EPOCHS = 1_000
"""The epoch at which the start's memory is read: imports done, training under way."""
GROWTH_BUDGET = 10 * MB
SAMPLE_SECONDS = 0.25
SIZE = (120, 40)


@dataclass(frozen=True)
class Sample:
    epoch: int
    rss: int
    """Bytes resident."""
    at: float
    """``time.monotonic()``."""


@dataclass(frozen=True)
class LongRun:
    """Memory of one long run, read every ``SAMPLE_SECONDS``."""

    start: Sample
    end: Sample
    peak_rss: int

    @property
    def epochs_per_second(self) -> float:
        took = self.end.at - self.start.at
        return (self.end.epoch - self.start.epoch) / took if took > 0 else 0.0


def follow(term: TerminalSession, epochs: int, timeout: float) -> LongRun:
    """Read ``term`` until its tracked epoch reaches ``epochs`` (or it exits), sampling memory."""
    samples: list[Sample] = []
    peak, deadline = 0, time.monotonic() + timeout
    while not term.exited and (term.tracked or 0) < epochs and time.monotonic() < deadline:
        term.pump(SAMPLE_SECONDS)
        try:
            rss, peak = term.rss(), term.peak_rss()
        except (OSError, RuntimeError):  # it exited between the check and the read
            break
        samples.append(Sample(term.tracked or 0, rss, time.monotonic()))
    if not samples or samples[-1].epoch < min(epochs, START_EPOCHS):
        raise AppError(f"reached epoch {term.tracked} of {epochs} within {timeout:g} s")
    start = next((s for s in samples if s.epoch >= min(START_EPOCHS, epochs)), samples[0])
    return LongRun(start, samples[-1], peak)


def app_run(epochs: int, timeout: float) -> LongRun:
    """The app at ``--speed max`` on the default link: space, then ``epochs`` epochs."""
    with TerminalSession(*SIZE, args=("--link", DEFAULT_LINK, "--speed", "max")) as term:
        if term.wait_for(b"Epoch", START_TIMEOUT) is None:
            raise AppError(f"no first frame within {START_TIMEOUT:g} s")
        term.pump(SETTLE)
        term.send(b" ")
        return follow(term, epochs, timeout)


def cli_run(epochs: int, timeout: float) -> LongRun:
    """``tui-nn train --epochs N`` on the default link, followed through its progress bar."""
    args = ("train", "--link", DEFAULT_LINK, "--epochs", str(epochs))
    with TerminalSession(*SIZE, args=args, track=rb"(\d+)/\d+") as term:
        return follow(term, epochs, timeout)


def _rows(what: str, key: str, run: LongRun) -> list[Result]:
    growth = (run.end.rss - run.start.rss) / MB
    return [
        Result("longrun", f"{key}.rss_start", f"{what}: memory at epoch {run.start.epoch:,}", "MB", run.start.rss / MB),
        Result("longrun", f"{key}.rss_end", f"{what}: memory at epoch {run.end.epoch:,}", "MB", run.end.rss / MB,
               checks=[below(growth, GROWTH_BUDGET / MB, f"grows < {GROWTH_BUDGET // MB} MB"),
                       below(run.peak_rss / MB, RSS_BUDGET / MB, f"peak < {RSS_BUDGET // MB} MB")]),
        Result("longrun", f"{key}.epochs_per_second", f"{what}: epochs/s", "epochs/s", run.epochs_per_second),
    ]


def run(epochs: int = EPOCHS, timeout: float = 1800.0) -> tuple[list[Result], dict[str, object]]:
    """Both long runs, the app's first; a run that fails is a row with its error in ``note``."""
    results: list[Result] = []
    for what, key, measure in (("app, max speed", "longrun.app", app_run), ("CLI train", "longrun.cli", cli_run)):
        try:
            results += _rows(what, key, measure(epochs, timeout))
        except (AppError, OSError) as error:
            results.append(Result("longrun", key, what, "MB", None, note=f"{type(error).__name__}: {error}"))
    return results, {"epochs": epochs, "size": f"{SIZE[0]}x{SIZE[1]}"}
