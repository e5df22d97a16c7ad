"""The settings model: stepping through the Playground's choices."""

from dataclasses import replace

from tui_nn.config import Config
from tui_nn.ui.settings import SETTINGS, SETTINGS_BY_KEY, UiState, resize_layer, step_setting


def state(**changes) -> UiState:
    return UiState(Config(**changes))


def test_learning_rate_steps_through_the_playground_list():
    up = step_setting(SETTINGS_BY_KEY["learning_rate"], state(), 1)
    down = step_setting(SETTINGS_BY_KEY["learning_rate"], state(), -1)
    assert (up.config.learning_rate, down.config.learning_rate) == (0.1, 0.01)


def test_numeric_setting_stops_at_its_ends():
    top = state(learning_rate=10.0)
    assert step_setting(SETTINGS_BY_KEY["learning_rate"], top, 1).config.learning_rate == 10.0


def test_value_off_the_list_snaps_to_its_neighbour():
    between = state(learning_rate=0.05)
    assert step_setting(SETTINGS_BY_KEY["learning_rate"], between, 1).config.learning_rate == 0.1
    assert step_setting(SETTINGS_BY_KEY["learning_rate"], between, -1).config.learning_rate == 0.03


def test_activation_wraps_around():
    last = state(activation="linear")
    assert step_setting(SETTINGS_BY_KEY["activation"], last, 1).config.activation == "relu"


def test_dataset_choices_follow_the_problem():
    regression = state(problem="regression")
    stepped = step_setting(SETTINGS_BY_KEY["dataset"], regression, 1)
    assert stepped.config.regression_dataset == "reg-gauss"
    assert stepped.config.dataset == "circle"


def test_hidden_layer_count_adds_layers_of_two_and_removes_the_last():
    grown = step_setting(SETTINGS_BY_KEY["layers"], state(), 1)
    shrunk = step_setting(SETTINGS_BY_KEY["layers"], state(), -1)
    assert (grown.config.hidden_layers, shrunk.config.hidden_layers) == ((4, 2, 2), (4,))


def test_layer_count_stops_at_six():
    six = state(hidden_layers=(2,) * 6)
    assert step_setting(SETTINGS_BY_KEY["layers"], six, 1).config.hidden_layers == (2,) * 6


def test_speed_reaches_flat_out():
    fast = replace(state(), pace=480)
    assert step_setting(SETTINGS_BY_KEY["pace"], fast, 1).pace is None


def test_resize_layer_keeps_one_to_eight_neurons():
    config = Config(hidden_layers=(8, 1))
    assert resize_layer(config, 0, 1).hidden_layers == (8, 1)
    assert resize_layer(config, 1, -1).hidden_layers == (8, 1)
    assert resize_layer(config, 1, 1).hidden_layers == (8, 2)


def test_every_setting_shows_its_current_value():
    for setting in SETTINGS:
        assert setting.show(setting.get(state()))
