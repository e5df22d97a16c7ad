"""Adding an optimiser is one registry entry: links, the CLI, the training-settings screen, saved runs
and resuming all find it (as ``test_one_place.py`` proves for activations)."""

from __future__ import annotations

import numpy as np
import pytest

from tui_nn.cli.main import main
from tui_nn.core.config import Config
from tui_nn.core.optimizers import OPTIMIZERS, Optimizer
from tui_nn.core.saved_run import load_run, save_run
from tui_nn.core.trainer import Trainer
from tui_nn.ui.state import PANEL_ROW, UiState, step_setting


def _sign_momentum(grad, count, lr, state, hyper):
    # A made-up rule with state: v = mu v + sign(g); step = lr v
    velocity = state.slots["velocity"]
    np.multiply(velocity, hyper.momentum, velocity)
    np.add(velocity, np.sign(grad), velocity)
    np.multiply(velocity, lr, grad)
    state.steps += 1


@pytest.fixture
def signum(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(OPTIMIZERS, "signum", Optimizer("signum", "Signum", _sign_momentum, ("velocity",), ("momentum",)))
    return "signum"


def test_links_and_the_cli_accept_the_new_optimizer(signum, capsys):
    config = Config.from_link(f"optimizer={signum}&seed=0.5")
    assert config.optimizer == signum and Config.from_link(config.to_link()) == config
    assert main(["link", "--optimizer", "Signum"]) == 0
    assert f"optimizer={signum}" in capsys.readouterr().out


def test_the_training_settings_step_onto_it(signum):
    after_adam = step_setting(PANEL_ROW["optimizer"], UiState(Config(optimizer="adam")), 1)
    assert after_adam.config.optimizer == signum and PANEL_ROW["optimizer"].show(signum) == "Signum"


def test_it_trains_saves_and_resumes_exactly(signum, tmp_path):
    config = Config(optimizer=signum, learning_rate=0.003, seed="0.5")
    continuous, stopped = Trainer(config), Trainer(config)
    continuous.step(6)
    stopped.step(3)
    save_run(tmp_path / "run.npz", stopped)
    resumed = load_run(tmp_path / "run.npz")
    resumed.step(3)
    assert resumed.test_loss == continuous.test_loss < Trainer(config).test_loss
