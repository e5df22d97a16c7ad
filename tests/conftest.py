"""Fixtures for every test: a seeded NumPy generator and a small fast Config.

Shared constants and helpers are plain modules, imported by name: the Playground links in
``playground_links.py``, the UI helpers (``wait_until`` and the running app) in ``ui/helpers.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from tui_nn.core.config import Config


MAX_WORKERS = 4
"""Most test processes: each UI test runs an app with threads of its own, so more buys little."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Processes for ``-n auto``: the CPUs we may use, a container's quota included, at most `MAX_WORKERS`.

    ``os.cpu_count()`` counts the host's cores, which in a container limited to two would start
    dozens of workers fighting over them.
    """
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(usable, _cpu_quota() or MAX_WORKERS, MAX_WORKERS))


def _cpu_quota() -> int | None:
    """Whole CPUs a cgroup (v2, then v1) allows this process; None: no limit found."""
    for quota_file, period_file in (("/sys/fs/cgroup/cpu.max", None),
                                    ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us")):
        try:
            fields = Path(quota_file).read_text().split()
            quota, period = fields[0], fields[1] if period_file is None else Path(period_file).read_text().strip()
        except (OSError, IndexError):
            continue
        if quota not in ("max", "-1") and int(period) > 0:
            return max(1, int(quota) // int(period))
        return None
    return None


@pytest.fixture
def rng() -> np.random.Generator:
    """The only source of randomness a test may use outside the Playground's seeded stream."""
    return np.random.default_rng(0)


@pytest.fixture
def tiny_config() -> Config:
    """A fixed-seed run that trains an epoch in well under a millisecond: circle, one layer of 2."""
    return Config(hidden_layers=(2,), seed="0.12345")
