"""Config: every setting of a run, validated, with JSON and Playground-link round trips.

A Config stores names (``activation="tanh"``), never functions, so it can cross threads and be
written to a link. Its fields, types and defaults are declared here; everything else about a setting
(allowed values, link key, option, panel row, effect) is its row in ``tui_nn.core.settings``.
It knows nothing about data or weights.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from tui_nn.core.errors import ConfigError, SettingError
from tui_nn.core.losses import Head, head_for
from tui_nn.core.problems import PROBLEMS
from tui_nn.core.setting_kinds import js_number
from tui_nn.core.settings import SETTINGS

__all__ = ["Config", "ConfigError", "SettingError", "js_number"]


@dataclass(frozen=True)
class Config:
    """Every setting of a run. Defaults are the Playground's (PLAYGROUND.md §7.1)."""

    dataset: str = "circle"
    """Classification dataset; used while ``problem`` is classification."""

    regression_dataset: str = "reg-plane"
    """Regression dataset; used while ``problem`` is regression."""

    problem: str = "classification"
    """``classification`` (two classes, labels ±1), ``regression`` (real labels) or ``multiclass``
    (2 to 8 classes, softmax output with cross-entropy; beyond the Playground)."""

    multiclass_dataset: str = "blobs"
    """Multi-class dataset (generated or bundled); used while ``problem`` is multiclass."""

    classes: int = 3
    """Classes of a multi-class run: a generated set draws this many; a file or bundled set has its own."""

    loss: str = "square"
    """Two-class loss: ``square`` (tanh output, the Playground's) or ``cross-entropy`` (sigmoid output)."""

    features: tuple[str, ...] = ("x", "y")
    """Input features, always kept in the network's input order (that of ``FEATURES``)."""

    hidden_layers: tuple[int, ...] = (4, 2)
    """Neurons per hidden layer, input side first. Changing it resets training."""

    activation: str = "tanh"
    """Hidden-layer activation, a key of ``ACTIVATIONS``."""

    learning_rate: float = 0.03
    """Step size for gradient descent; changing it never resets training."""

    batch_size: int = 10
    """Examples averaged per weight update."""

    regularization: str = "none"
    """Weight penalty applied at every update, a key of ``REGULARIZERS``."""

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

    tutorial: str | None = None
    """The lesson a classroom link opens with (the Playground's ``tutorial=`` key); display only."""

    hidden_controls: tuple[str, ...] = ()
    """Controls a classroom link hides (``<id>_hide=true``): their panel rows and keys are gone."""

    data_file: str | None = None
    """CSV file (a header, two input columns and a label column) used instead of the generated
    dataset; beyond the Playground. Noise does not apply to it. Whether it exists is checked when the data is loaded,
    so a Config can name a file created later."""

    optimizer: str = "sgd"
    """How gradients become steps, a key of ``OPTIMIZERS``; ``sgd`` is the Playground's."""

    momentum: float = 0.9
    """Momentum and Nesterov: the share of the last step's velocity kept at each update."""

    rms_decay: float = 0.9
    """RMSProp: how slowly the running mean of squared gradients forgets (its rho)."""

    beta1: float = 0.9
    """Adam: decay of the running mean of gradients."""

    beta2: float = 0.999
    """Adam: decay of the running mean of squared gradients."""

    epsilon: float = 1e-8
    """RMSProp and Adam: added to the root of the squared-gradient mean before dividing by it."""

    shuffle: bool = False
    """Visit the training points in a new order every epoch, drawn from a generator seeded by the
    seed; the Playground keeps one order."""

    lr_decay: str = "none"
    """Learning-rate schedule over epochs, a key of ``LR_DECAYS``."""

    decay_rate: float = 0.5
    """The factor the learning rate is multiplied by every ``decay_epochs`` epochs."""

    decay_epochs: int = 100
    """Epochs per ``decay_rate`` factor."""

    x_column: str | None = None
    """The data file's first input column, by name or 1-based position; None: the first numeric one."""

    y_column: str | None = None
    """The data file's second input column; None: the second numeric one."""

    label_column: str | None = None
    """The data file's label column; None: the last column."""

    rescale: bool = True
    """Rescale a data file's inputs into the plane [-6, 6]; off keeps the raw values."""

    sample: int | None = None
    """Take a seeded random sample of this many rows of a data file (any size, bounded memory)."""

    def __post_init__(self) -> None:
        for row in SETTINGS:
            object.__setattr__(self, row.field, row.kind.check(row.field, getattr(self, row.field)))

    @property
    def dataset_name(self) -> str:
        """The generated dataset of the current problem (unused while ``data_file`` is set)."""
        return getattr(self, PROBLEMS[self.problem].dataset_field)

    @property
    def head(self) -> Head:
        """The output layer and its loss (see ``core.losses``)."""
        return head_for(self.problem, self.loss, self.classes)

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        """Neurons per layer from the inputs to the output (one neuron, or one per class)."""
        return (len(self.features), *self.hidden_layers, self.head.outputs)

    def replace(self, **changes: Any) -> Config:
        """A copy with ``changes`` applied and validated."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values, keyed by field name."""
        data = dataclasses.asdict(self)
        data["features"] = list(self.features)
        data["hidden_layers"] = list(self.hidden_layers)
        data["hidden_controls"] = list(self.hidden_controls)
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
        return cls(**data)

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
