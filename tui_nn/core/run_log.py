"""RunLog: one row per run the student makes, so settings are compared from a table, not from paper.

A run ends when it is reset, restarted, rebuilt by a change of setting, replaced by a link, or
when an experiment's rows are done; its row says how it began, what changed from the row
before, the epoch reached, the losses and the best test loss with its epoch. The log is shared
by the app's training thread and its screens (a lock guards it) and by the CLI. It never trains.
"""

from __future__ import annotations

import csv
import io
import math
import threading
from dataclasses import dataclass
from typing import Any

from tui_nn.core.config import Config
from tui_nn.core.settings import SETTINGS

COLUMNS = ("run", "began", "change", "epoch", "train_loss", "test_loss", "best_test_loss", "best_epoch")
"""The columns every front end shows, in order (CSV adds ``diverged_at`` and ``link``)."""


@dataclass(frozen=True)
class RunRecord:
    """One finished (or, shown last, still running) run."""

    number: int
    began: str
    """How it began: ``start``, ``reset``, ``restart``, ``settings``, ``link``, or an experiment's kind."""
    change: str
    """What differs from the row before (``learning rate 0.03 -> 0.1``), or ``same settings``."""
    config: Config
    epoch: int
    train_loss: float
    test_loss: float
    best_test_loss: float
    best_epoch: int
    diverged_at: int | None = None

    def values(self) -> dict[str, Any]:
        """The row keyed by ``COLUMNS`` plus ``diverged_at`` and ``link``; NaN and inf as None (JSON-ready)."""
        data = {name: getattr(self, name if name != "run" else "number") for name in COLUMNS}
        for name in ("train_loss", "test_loss", "best_test_loss"):
            data[name] = data[name] if math.isfinite(data[name]) else None
        data["diverged_at"] = self.diverged_at
        data["link"] = self.config.to_link()
        return data


def changes(old: Config | None, new: Config) -> str:
    """The settings that differ, in the table's words (``regularization none -> L1``); the seed is left out."""
    if old is None:
        return "first run"
    parts = [
        f"{(row.label or row.field.replace('_', ' ')).lower()} {_shown(row, getattr(old, row.field))} -> "
        f"{_shown(row, getattr(new, row.field))}"
        for row in SETTINGS
        if row.field != "seed" and getattr(old, row.field) != getattr(new, row.field) and (row.applies(old) or row.applies(new))
    ]
    return ", ".join(parts) or "same settings"


def _shown(row: Any, value: Any) -> str:
    return row.kind.show(value) or "none"


class RunLog:
    """The rows of the runs so far, in order, kept while the program runs."""

    def __init__(self) -> None:
        self._rows: list[RunRecord] = []
        self._lock = threading.Lock()

    def rows(self) -> tuple[RunRecord, ...]:
        with self._lock:
            return tuple(self._rows)

    def add(self, began: str, config: Config, epoch: int, train_loss: float, test_loss: float,
            best_test_loss: float, best_epoch: int, diverged_at: int | None = None, change: str | None = None) -> RunRecord:
        """Append a finished run; ``change`` defaults to its difference from the row before."""
        with self._lock:
            previous = self._rows[-1].config if self._rows else None
            record = RunRecord(len(self._rows) + 1, began, change if change is not None else changes(previous, config),
                               config, epoch, train_loss, test_loss, best_test_loss, best_epoch, diverged_at)
            self._rows.append(record)
            return record

    def add_trainer(self, began: str, trainer: Any) -> RunRecord:
        """Append the run a ``Trainer`` holds now."""
        return self.add(began, trainer.config, trainer.epoch, trainer.train_loss, trainer.test_loss,
                        trainer.best_test_loss, trainer.best_epoch, trainer.diverged_at)

    def current(self, began: str, snapshot: Any) -> RunRecord:
        """The row the run in ``snapshot`` would get now (shown last, not appended)."""
        rows = self.rows()
        previous = rows[-1].config if rows else None
        return RunRecord(len(rows) + 1, began, changes(previous, snapshot.config), snapshot.config, snapshot.epoch,
                         snapshot.train_loss, snapshot.test_loss, snapshot.best_test_loss, snapshot.best_epoch,
                         snapshot.diverged_at)

    def add_experiment(self, kind: str, snapshot: Any) -> None:
        """One row per row of an experiment, its change named by its variant and initial weights."""
        for row in snapshot.rows:
            change = (f"{_field_words(snapshot.setting)} {row.label}" if snapshot.setting else "same settings")
            if snapshot.repeats > 1:
                change += f", init {row.repeat + 1} of {snapshot.repeats}"
            self.add(kind, row.config, row.epoch, row.train_loss, row.test_loss, row.best_test_loss, row.best_epoch,
                     row.diverged_at, change)


def _field_words(field: str) -> str:
    row = next(row for row in SETTINGS if row.field == field)
    return (row.label or row.field.replace("_", " ")).lower()


def to_csv(rows: tuple[RunRecord, ...] | list[RunRecord]) -> str:
    """The rows as CSV with a header: ``COLUMNS``, then ``diverged_at`` and the run's ``link``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, "diverged_at", "link"])
    for row in rows:
        values = row.values()
        writer.writerow(["" if values[name] is None else values[name] for name in (*COLUMNS, "diverged_at", "link")])
    return out.getvalue()
