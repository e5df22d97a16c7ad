"""Shared fixtures: a seeded NumPy generator, a small fast Config, and ``wait_until`` for UI tests.

UI tests import the helper directly: ``from conftest import wait_until``.
"""

from __future__ import annotations

import time
from typing import Any, Callable

import numpy as np
import pytest

from tui_nn.core.config import Config


# The Playground links of PLAYGROUND.md §7.3, shared by the tests.
DEFAULT_HASH = (
    "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03"
    "&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59704&showTestData=false&discretize=false"
    "&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false"
    "&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false"
)

L1_HASH = (
    "activation=sigmoid&regularization=L1&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03"
    "&regularizationRate=0.01&noise=0&networkShape=3,3,2,2,2&seed=0.35097&showTestData=false&discretize=false"
    "&percTrainData=50&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=false&sinX=false"
    "&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false"
)

DIVERGENT_HASH = (
    "activation=tanh&regularization=L2&batchSize=30&dataset=spiral&regDataset=reg-plane&learningRate=0.3"
    "&regularizationRate=10&noise=15&networkShape=8,8&seed=0.65451&showTestData=false&discretize=false"
    "&percTrainData=90&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=false&sinX=true"
    "&cosY=false&sinY=true&collectStats=false&problem=classification&initZero=false&hideText=false"
)

OVER_LIMIT_HASH = (
    "activation=tanh&batchSize=10&dataset=gauss&regDataset=reg-plane&learningRate=0.03"
    "&regularizationRate=0&noise=2000&networkShape=8,8,8,8,8,8,8,8,8,8&seed=0.78192&showTestData=false"
    "&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false"
    "&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification"
    "&initZero=false&hideText=false"
)


@pytest.fixture
def rng() -> np.random.Generator:
    """The only source of randomness a test may use outside the Playground's seeded stream."""
    return np.random.default_rng(0)


@pytest.fixture
def tiny_config() -> Config:
    """A fixed-seed run that trains an epoch in well under a millisecond: circle, one layer of 2."""
    return Config(hidden_layers=(2,), seed="0.12345")


def _describe(predicate: Callable[[], object]) -> str:
    code = getattr(predicate, "__code__", None)
    name = getattr(predicate, "__qualname__", repr(predicate))
    if code is None:
        return name
    return f"{name} ({code.co_filename}:{code.co_firstlineno})"


async def wait_until(pilot: Any, predicate: Callable[[], object], timeout: float = 5.0) -> None:
    """Let the app run until ``predicate()`` is true, failing the test after ``timeout`` seconds.

    Args:
        pilot: The ``Pilot`` from ``App.run_test``.
        predicate: Checked after every ``pilot.pause(0.01)``.
        timeout: Seconds of wall time before the test fails.
    """
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"wait_until: {_describe(predicate)} was still false after {timeout} s", pytrace=False)
        await pilot.pause(0.01)
