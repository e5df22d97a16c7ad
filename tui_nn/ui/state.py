"""The settings a user steps through with the keyboard, as data: label, choices, get and put.

Each Setting maps a ``UiState`` (the Config plus the app's pace and frame rate) to a value and
back, so the settings panel, the command palette and the tests share one definition. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any, Callable, Sequence

from tui_nn.core.config import (
    ACTIVATION_NAMES,
    CLASSIFICATION_DATASET_NAMES,
    LEARNING_RATES,
    PROBLEMS,
    REGRESSION_DATASET_NAMES,
    REGULARIZATION_NAMES,
    REGULARIZATION_RATES,
    Config,
    js_number,
)

PACES: tuple[float | None, ...] = (1, 2, 5, 10, 20, 30, 60, 120, 240, 480, None)
"""Epochs per second; None trains flat out. The browser runs about 60 (one per animation frame)."""
FRAME_RATES = (1, 2, 5, 10, 15, 20, 30)
MAX_LAYERS = 6
MAX_NEURONS = 8
NEW_LAYER_NEURONS = 2
VALUE_WIDTH = 14
"""Widest value a row shows (``Multi gaussian``); longer file names are cut to fit the panel."""

DATASET_TITLES = {
    "circle": "Circle",
    "xor": "Exclusive or",
    "gauss": "Gaussian",
    "spiral": "Spiral",
    "reg-plane": "Plane",
    "reg-gauss": "Multi gaussian",
}


@dataclass(frozen=True)
class UiState:
    """What the user controls: the run's Config plus how fast to train and to draw."""

    config: Config
    pace: float | None = 60
    """Target epochs per second; None trains as fast as the machine allows."""
    fps: float = 10
    """Most frames drawn per second, whatever the pace."""


@dataclass(frozen=True)
class Setting:
    """One row of the settings panel."""

    key: str
    label: str
    help: str
    choices: Callable[[UiState], Sequence[Any]]
    get: Callable[[UiState], Any]
    put: Callable[[UiState, Any], UiState]
    show: Callable[[Any], str] = str
    wraps: bool = False
    """Whether stepping past the last choice comes back to the first (for unordered choices)."""


def _config_setting(key: str, label: str, help: str, choices: Sequence[Any], show: Callable[[Any], str] = str, wraps: bool = False) -> Setting:
    return Setting(
        key, label, help, lambda state: choices,
        lambda state: getattr(state.config, key),
        lambda state, value: replace(state, config=state.config.replace(**{key: value})),
        show, wraps,
    )


def _dataset_choices(state: UiState) -> tuple[str, ...]:
    """The built-in datasets of the problem, then the data file while one is in use (so ←/→ leave it)."""
    config = state.config
    names = CLASSIFICATION_DATASET_NAMES if config.problem == "classification" else REGRESSION_DATASET_NAMES
    return names if config.data_file is None else (*names, config.data_file)


def _put_dataset(state: UiState, name: str) -> UiState:
    if name == state.config.data_file:
        return state
    field = "dataset" if name in CLASSIFICATION_DATASET_NAMES else "regression_dataset"
    return replace(state, config=state.config.replace(**{field: name, "data_file": None}))


def dataset_title(name: str) -> str:
    """A built-in dataset's title, or a data file's name cut to ``VALUE_WIDTH`` columns."""
    if name in DATASET_TITLES:
        return DATASET_TITLES[name]
    base = PurePath(name).name or name
    return base if len(base) <= VALUE_WIDTH else base[: VALUE_WIDTH - 3] + "..."


def _put_problem(state: UiState, problem: str) -> UiState:
    """A data file's labels fix its problem, so changing the problem goes back to generated data."""
    data_file = state.config.data_file if problem == state.config.problem else None
    return replace(state, config=state.config.replace(problem=problem, data_file=data_file))


def _put_layer_count(state: UiState, count: int) -> UiState:
    layers = state.config.hidden_layers
    layers = layers[:count] + (NEW_LAYER_NEURONS,) * (count - len(layers))
    return replace(state, config=state.config.replace(hidden_layers=layers))


def _on_off(value: bool) -> str:
    return "on" if value else "off"


def _percent(value: float) -> str:
    return f"{js_number(value)}%"


SETTINGS: tuple[Setting, ...] = (
    Setting("problem", "Problem", "classify points (±1) or fit a number", lambda s: PROBLEMS,
            lambda s: s.config.problem, _put_problem, str.capitalize, wraps=True),
    Setting(
        "dataset", "Dataset", "which data to learn", _dataset_choices,
        lambda s: s.config.data_file or s.config.dataset_name, _put_dataset, dataset_title, wraps=True,
    ),
    _config_setting("learning_rate", "Learning rate", "size of each gradient-descent step (live)", LEARNING_RATES, js_number),
    _config_setting("activation", "Activation", "the hidden neurons' function", ACTIVATION_NAMES,
                    {"relu": "ReLU", "tanh": "Tanh", "sigmoid": "Sigmoid", "linear": "Linear"}.get, wraps=True),
    _config_setting("regularization", "Regularization", "penalty pulling weights to 0", REGULARIZATION_NAMES,
                    lambda v: "None" if v == "none" else v, wraps=True),
    _config_setting("regularization_rate", "Reg. rate", "strength of that penalty", REGULARIZATION_RATES, js_number),
    _config_setting("batch_size", "Batch size", "examples averaged per update", tuple(range(1, 31))),
    _config_setting("noise", "Noise", "how noisy the data is", tuple(range(0, 51, 5)), js_number),
    _config_setting("train_percent", "Training data", "share of points used for training", tuple(range(10, 91, 10)), _percent),
    Setting("layers", "Hidden layers", "how deep the network is", lambda s: tuple(range(MAX_LAYERS + 1)),
            lambda s: len(s.config.hidden_layers), _put_layer_count),
    _config_setting("show_test_data", "Test data", "draw the test points too", (False, True), _on_off, wraps=True),
    _config_setting("discretize", "Discretize", "draw outputs as -1/+1 only", (False, True), _on_off, wraps=True),
    Setting("pace", "Speed", "epochs per second while playing", lambda s: PACES, lambda s: s.pace,
            lambda s, v: replace(s, pace=v), lambda v: "max" if v is None else f"{v}/s"),
    Setting("fps", "Frame rate", "most screen updates per second", lambda s: FRAME_RATES, lambda s: s.fps,
            lambda s, v: replace(s, fps=v), lambda v: f"{v} fps"),
)
SETTINGS_BY_KEY = {setting.key: setting for setting in SETTINGS}


def step_setting(setting: Setting, state: UiState, delta: int) -> UiState:
    """Move ``setting`` ``delta`` choices along; a value off the list (from a link) snaps to its neighbour."""
    choices = list(setting.choices(state))
    current = setting.get(state)
    if current in choices:
        index = choices.index(current) + delta
    else:
        index = _neighbour(choices, current, delta)
    if setting.wraps:
        index %= len(choices)
    index = max(0, min(len(choices) - 1, index))
    return setting.put(state, choices[index])


def _neighbour(choices: list[Any], current: Any, delta: int) -> int:
    """Index of the nearest choice above (delta > 0) or below (delta < 0) a value not in the list."""
    numeric = [c for c in choices if c is not None]
    above = [i for i, c in enumerate(choices) if c is not None and c > current]
    below = [i for i, c in enumerate(choices) if c is not None and c < current]
    if delta > 0:
        return above[0] if above else len(numeric) - 1
    return below[-1] if below else 0


def resize_layer(config: Config, layer: int, delta: int) -> Config:
    """Add or remove a neuron in hidden layer ``layer``, kept to the Playground's 1..8."""
    layers = list(config.hidden_layers)
    layers[layer] = max(1, min(MAX_NEURONS, layers[layer] + delta))
    return config.replace(hidden_layers=tuple(layers))
