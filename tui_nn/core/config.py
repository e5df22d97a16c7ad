"""Config: every setting of a run, validated, with JSON and Playground-link round trips.

A Config stores names (``activation="tanh"``), never functions, so it can cross threads and be
written to a link. It knows nothing about data or weights.
"""

from __future__ import annotations

import dataclasses
import json
import math
import warnings
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

ACTIVATION_NAMES = ("relu", "tanh", "sigmoid", "linear")
REGULARIZATION_NAMES = ("none", "L1", "L2")
PROBLEMS = ("classification", "regression")
CLASSIFICATION_DATASET_NAMES = ("circle", "xor", "gauss", "spiral")
REGRESSION_DATASET_NAMES = ("reg-plane", "reg-gauss")
FEATURE_KEYS = ("x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY")

# The Playground's select and slider values (PLAYGROUND.md §7.2); links may go outside them.
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATION_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MAX_HIDDEN_LAYERS = 16
MAX_NEURONS = 64


class ConfigError(ValueError):
    """A setting has a value outside what it allows; the message names both."""


@dataclass(frozen=True)
class Config:
    """Every setting of a run. Defaults are the Playground's (PLAYGROUND.md §7.1)."""

    dataset: str = "circle"
    """Classification dataset; used while ``problem`` is classification."""

    regression_dataset: str = "reg-plane"
    """Regression dataset; used while ``problem`` is regression."""

    problem: str = "classification"
    """``classification`` (tanh output, labels ±1) or ``regression`` (linear output)."""

    features: tuple[str, ...] = ("x", "y")
    """Input features, always kept in the Playground's order (``FEATURE_KEYS``)."""

    hidden_layers: tuple[int, ...] = (4, 2)
    """Neurons per hidden layer, input side first. Changing it resets training."""

    activation: str = "tanh"
    """Hidden-layer activation, one of ``ACTIVATION_NAMES``."""

    learning_rate: float = 0.03
    """Step size for gradient descent; changing it never resets training."""

    batch_size: int = 10
    """Examples averaged per weight update."""

    regularization: str = "none"
    """Weight penalty applied at every update: ``none``, ``L1`` or ``L2``."""

    regularization_rate: float = 0.0
    """Strength of the penalty; multiplied by the learning rate at each update."""

    noise: float = 0.0
    """Noise in percent (the Playground's slider: 0 to 50)."""

    train_percent: float = 50.0
    """Share of the points used for training, in percent; the rest are test points."""

    seed: str | None = None
    """The Playground's seed string; ``None`` until a run picks one."""

    show_test_data: bool = False
    """Draw the test points on the boundary (display only)."""

    discretize: bool = False
    """Draw outputs as their sign, -1 or +1 (display only)."""

    init_zero: bool = False
    """Start from zero weights and biases (a Playground URL-only setting)."""

    data_file: str | None = None
    """CSV file of ``x1,x2,label`` points used instead of the generated dataset; beyond the
    Playground. Noise does not apply to it. Whether it exists is checked when the data is loaded,
    so a Config can name a file created later."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "features", _canonical_features(self.features))
        object.__setattr__(self, "hidden_layers", tuple(self.hidden_layers))
        _validate(self)

    @property
    def dataset_name(self) -> str:
        """The generated dataset of the current problem (unused while ``data_file`` is set)."""
        return self.dataset if self.problem == "classification" else self.regression_dataset

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        """Neurons per layer from the inputs to the single output."""
        return (len(self.features), *self.hidden_layers, 1)

    def replace(self, **changes: Any) -> Config:
        """A copy with ``changes`` applied and validated."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values, keyed by field name."""
        data = dataclasses.asdict(self)
        data["features"] = list(self.features)
        data["hidden_layers"] = list(self.hidden_layers)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Config:
        """Build from ``to_dict`` output; an unknown key is an error (usually a typo).

        Raises:
            ConfigError: On an unknown key or a bad value.
        """
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown setting {unknown[0]!r}; known: {', '.join(sorted(known))}")
        values = dict(data)
        for key in ("features", "hidden_layers"):
            if key in values:
                if not isinstance(values[key], (list, tuple)):
                    raise ConfigError(f"{key}: {values[key]!r} is not allowed; it must be a list")
                values[key] = tuple(values[key])
        return cls(**values)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Config:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ConfigError(f"config is not valid JSON: {error}") from None
        if not isinstance(data, dict):
            raise ConfigError("config JSON must be an object")
        return cls.from_dict(data)

    def to_link(self) -> str:
        """The Playground's share string; see ``tui_nn.core.links``."""
        from tui_nn.core.links import to_link

        return to_link(self)

    @classmethod
    def from_link(cls, link: str) -> Config:
        """Parse a share string or whole Playground URL; see ``tui_nn.core.links``."""
        from tui_nn.core.links import from_link

        return from_link(link)


def _canonical_features(features: Any) -> tuple[str, ...]:
    if isinstance(features, str):
        features = [part for part in features.split(",") if part]
    if not isinstance(features, (list, tuple, set, frozenset)) or not all(isinstance(key, str) for key in features):
        raise ConfigError(f"features: {features!r} is not allowed; it must be a list of {', '.join(FEATURE_KEYS)}")
    chosen = set(features)
    unknown = sorted(chosen - set(FEATURE_KEYS))
    if unknown:
        raise ConfigError(f"features: unknown feature {unknown[0]!r}; allowed: {', '.join(FEATURE_KEYS)}")
    return tuple(key for key in FEATURE_KEYS if key in chosen)


def _check_choice(name: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"{name}: {value!r} is not allowed; choose one of {', '.join(allowed)}")


def _check_number(name: str, value: Any, low: float, high: float, allowed: str) -> None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or not low <= value <= high:
        raise ConfigError(f"{name}: {value!r} is not allowed; it must be {allowed}")


def _validate(config: Config) -> None:
    _check_choice("dataset", config.dataset, CLASSIFICATION_DATASET_NAMES)
    _check_choice("regression_dataset", config.regression_dataset, REGRESSION_DATASET_NAMES)
    _check_choice("problem", config.problem, PROBLEMS)
    _check_choice("activation", config.activation, ACTIVATION_NAMES)
    _check_choice("regularization", config.regularization, REGULARIZATION_NAMES)
    _check_number("learning_rate", config.learning_rate, 1e-12, 1e6, "a number above 0 and at most 1e6")
    _check_number("regularization_rate", config.regularization_rate, 0, 1e6, "a number from 0 to 1e6")
    _check_number("noise", config.noise, 0, 1e6, "a number from 0 (the Playground's slider goes to 50)")
    _check_number("train_percent", config.train_percent, 1, 99, "a percentage from 1 to 99")
    if not isinstance(config.batch_size, int) or isinstance(config.batch_size, bool) or not 1 <= config.batch_size <= 100_000:
        raise ConfigError(f"batch_size: {config.batch_size!r} is not allowed; it must be a whole number from 1 to 100000")
    layers = config.hidden_layers
    if len(layers) > MAX_HIDDEN_LAYERS or any(
        not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_NEURONS for n in layers
    ):
        raise ConfigError(
            f"hidden_layers: {','.join(map(str, layers))!r} is not allowed; it must be up to "
            f"{MAX_HIDDEN_LAYERS} layers of 1 to {MAX_NEURONS} neurons each"
        )
    if config.data_file is not None and (not isinstance(config.data_file, str) or not config.data_file):
        raise ConfigError(f"data_file: {config.data_file!r} is not allowed; it must be a CSV file name, or null for the generated dataset")
    if config.seed is not None and not isinstance(config.seed, str):
        raise ConfigError(f"seed: {config.seed!r} is not allowed; it must be a string such as 0.59704")
    for name in ("show_test_data", "discretize", "init_zero"):
        if not isinstance(getattr(config, name), bool):
            raise ConfigError(f"{name}: {getattr(config, name)!r} is not allowed; it must be true or false")


def js_number(value: float) -> str:
    """Format a number as JavaScript's ``String(value)`` does, so links match the browser's."""
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = repr(float(value))
    if 1e-6 <= abs(value) < 1e21:
        return format(Decimal(text), "f")
    mantissa, _, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent):+d}"


def warn_ignored(key: str) -> None:
    """Tell the user a link key has no effect, as the Playground silently ignores it."""
    warnings.warn(f"ignoring unknown link key {key!r}", stacklevel=3)
