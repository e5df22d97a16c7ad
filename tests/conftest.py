"""Fixtures for every test: a seeded NumPy generator and a small fast Config.

Shared constants and helpers are plain modules, imported by name: the Playground links in
``playground_links.py``, the UI helpers (``wait_until`` and the running app) in ``ui/helpers.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from tui_nn.core.config import Config


@pytest.fixture
def rng() -> np.random.Generator:
    """The only source of randomness a test may use outside the Playground's seeded stream."""
    return np.random.default_rng(0)


@pytest.fixture
def tiny_config() -> Config:
    """A fixed-seed run that trains an epoch in well under a millisecond: circle, one layer of 2."""
    return Config(hidden_layers=(2,), seed="0.12345")
