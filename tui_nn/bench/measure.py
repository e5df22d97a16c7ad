"""Benchmark plumbing: timed runs against a wall-clock allowance, medians, and the result records.

Machines are shared and noisy (DESIGN.md §Budgets), so every figure is a median over repeats taken
side by side in one run. This module measures and records; it knows nothing about what is measured.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Check:
    """One budget a result must meet."""

    label: str
    """What it asks, e.g. ``>= 10x scikit-learn`` or ``< 2 ms``."""

    passed: bool | None
    """None when it cannot be judged (a reference is missing)."""


@dataclass
class Result:
    """One row of the benchmark table."""

    group: str
    """``trainer``, ``frame`` or ``app`` (the ``--only`` names)."""

    key: str
    """A stable identifier for ``--json`` readers, e.g. ``trainer.A``."""

    name: str
    """What was measured, for people."""

    unit: str
    """Unit of ``ours`` and ``references``: ``epochs/s``, ``ms``, ``B/s``, ``s``, ``MB`` or ``s/s``."""

    ours: float | None
    """Median of our figure; None when it could not be measured."""

    references: dict[str, float | None] = field(default_factory=dict)
    """Median of each reference's figure, keyed by reference name; None when unavailable."""

    checks: list[Check] = field(default_factory=list)
    samples: dict[str, list[float]] = field(default_factory=dict)
    """Every repeat's figure, ours under ``ours``, references under their names."""

    note: str = ""

    @property
    def ratios(self) -> dict[str, float | None]:
        """Ours over each reference (a speed-up for rates)."""
        return {
            name: (self.ours / ref if self.ours is not None and ref else None) for name, ref in self.references.items()
        }

    @property
    def verdict(self) -> str:
        """``PASS``, ``FAIL``, ``n/a`` (no check could be judged) or ``-`` (no budget)."""
        judged = [check.passed for check in self.checks if check.passed is not None]
        if not self.checks:
            return "-"
        if not judged:
            return "n/a"
        return "PASS" if all(judged) else "FAIL"

    def to_dict(self) -> dict[str, object]:
        return {
            "group": self.group,
            "key": self.key,
            "name": self.name,
            "unit": self.unit,
            "ours": self.ours,
            "references": self.references,
            "ratios": self.ratios,
            "budget": [{"label": check.label, "passed": check.passed} for check in self.checks],
            "verdict": self.verdict,
            "samples": self.samples,
            "note": self.note,
        }


def rate(run: Callable[[int], object], seconds: float) -> float:
    """Units per second of ``run(n)`` (which does ``n`` units) over about ``seconds`` of wall time.

    The chunk grows while a call is short, so the clock is read rarely; at least one unit runs.
    """
    done, chunk, elapsed = 0, 1, 0.0
    while True:
        start = time.perf_counter()
        run(chunk)
        took = time.perf_counter() - start
        done, elapsed = done + chunk, elapsed + took
        if elapsed >= seconds:
            return done / elapsed
        if took < seconds / 50:
            chunk *= 2


def per_call_ms(call: Callable[[], object], seconds: float) -> float:
    """Milliseconds per ``call()``, averaged over about ``seconds`` of back-to-back calls."""
    return 1000.0 / rate(lambda n: [call() for _ in range(n)], seconds)


def interleaved(contenders: dict[str, Callable[[], float]], repeats: int) -> dict[str, list[float]]:
    """Run each measurement ``repeats`` times, taking turns (a, b, c, a, b, c, ...), so load hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, measure in contenders.items():
            samples[name].append(measure())
    return samples


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def at_least(value: float | None, limit: float, label: str) -> Check:
    return Check(label, None if value is None else value >= limit)


def below(value: float | None, limit: float, label: str) -> Check:
    return Check(label, None if value is None else value < limit)
