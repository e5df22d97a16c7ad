"""Adding an activation is one registry entry: links, the CLI, the settings panel and the help all find it.

The settings table (``tui_nn.core.settings``) takes every allowed value from the registries, so a test
that registers one more activation, and nothing else, finds it everywhere a user meets activations.
"""

from __future__ import annotations

import numpy as np
import pytest

from tui_nn.cli.main import main
from tui_nn.core.config import Config, SettingError
from tui_nn.core.network import ACTIVATIONS, Activation
from tui_nn.core.trainer import Trainer
from tui_nn.ui.screens.help import ideas
from tui_nn.ui.state import PANEL_ROW, UiState, step_setting


def _softsign(Z, out):
    np.divide(Z, 1.0 + np.abs(Z), out)
    return out


def _softsign_grad(A, dA):
    # softsign'(z) = 1 / (1 + |z|)^2 = (1 - |a|)^2 in terms of the output a
    np.multiply(dA, np.square(1.0 - np.abs(A)), dA)


@pytest.fixture
def softsign(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(ACTIVATIONS, "softsign", Activation("softsign", _softsign, _softsign_grad))
    return "softsign"


def test_link_parsing_accepts_the_new_activation(softsign):
    config = Config.from_link(f"activation={softsign}&seed=0.5")
    assert config.activation == softsign
    assert Config.from_link(config.to_link()) == config


def test_cli_offers_and_accepts_the_new_activation(softsign, capsys):
    assert main(["train", "--help"]) == 0
    assert softsign in capsys.readouterr().out
    assert main(["link", "--activation", "SoftSign"]) == 0
    assert f"activation={softsign}&" in capsys.readouterr().out


def test_settings_panel_steps_onto_the_new_activation(softsign):
    row = PANEL_ROW["activation"]
    after_linear = step_setting(row, UiState(Config(activation="linear")), 1)
    assert after_linear.config.activation == softsign
    assert row.show(softsign) == "Softsign"


def test_help_names_the_new_activation(softsign):
    assert "Softsign" in dict(ideas())["Activation"]


def test_the_new_activation_trains(softsign):
    trainer = Trainer(Config(activation=softsign, hidden_layers=(3,), seed="0.5"))
    before = trainer.train_loss
    trainer.step(20)
    assert np.isfinite(trainer.train_loss) and trainer.train_loss < before


def test_an_unregistered_activation_is_refused_naming_the_registered_ones():
    with pytest.raises(SettingError) as error:
        Config(activation="softsign")
    assert (error.value.field, error.value.value) == ("activation", "softsign")
    assert all(name in error.value.allowed for name in ACTIVATIONS)
