"""THE table of settings: one row per Config field, from which every front end is derived.

Like the Playground's ``PROPS`` list in ``state.ts``, each row says once what a setting is called
in a share link, on the command line and in the app, what values it allows (taken from the
registries, never restated), how it is explained in the lecture's words, and what changing it does
to a run in progress. Links, CLI options and ``--help``, Config validation, the settings panel, the
command palette and the trainer's reaction to a change all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Callable, Sequence

from tui_nn.core.datasets import DATASETS
from tui_nn.core.epochs import REGULARIZERS
from tui_nn.core.errors import SettingError
from tui_nn.core.network import ACTIVATIONS
from tui_nn.core.optimizers import LR_DECAYS, OPTIMIZERS
from tui_nn.core.problems import PROBLEMS
from tui_nn.core.features import FEATURES
from tui_nn.core.losses import LOSSES
from tui_nn.core.problems import MAX_CLASSES
from tui_nn.core.setting_kinds import (
    Count, DataFile, Features, Flag, HiddenControls, HiddenLayers, Kind, Number, Registry, Text,
)

if TYPE_CHECKING:
    from tui_nn.core.config import Config


class Effect(IntEnum):
    """What a changed setting does to a run in progress, weakest first (PLAYGROUND.md §6.7).

    When several settings change at once, the strongest effect wins.
    """

    DISPLAY = 0
    """Redraw only (show test data, discretize)."""
    LIVE = 1
    """Applies from the next update, the run goes on (the learning rate)."""
    REBUILD = 2
    """New initial weights from the seeded stream, same data, epoch 0."""
    NEW_DATA = 3
    """A new seed from the stream, new data, a new network, epoch 0."""
    RESTART = 4
    """A different seed: the run starts over exactly as its link would open it."""

    def describe(self) -> str:
        """In a few words, for help texts."""
        return _EFFECT_WORDS[self]


_EFFECT_WORDS = {
    Effect.DISPLAY: "display only",
    Effect.LIVE: "applies live",
    Effect.REBUILD: "resets the network",
    Effect.NEW_DATA: "draws new data",
    Effect.RESTART: "restarts the run",
}


def _always(config: Config) -> bool:
    return True


@dataclass(frozen=True)
class Setting:
    """One row of the table: one Config field and everything that is said about it."""

    field: str
    """The Config field, e.g. ``learning_rate``; its type and default live on ``Config``."""
    kind: Kind
    """Allowed values and how they are read and written (see ``setting_kinds``)."""
    effect: Effect
    """What changing it does to a run in progress."""
    link_key: str | None
    """Its key in a share link: the Playground's own, or ours (then ``ours``); None: not in links."""
    ours: bool = False
    """An own key, beyond the Playground: left out of a link while the setting is at its default."""
    option: str | None = None
    """The CLI option, e.g. ``--learning-rate``; None: no option of its own."""
    metavar: str = "VALUE"
    cli_note: str = ""
    """More for ``--help`` than the help line says, e.g. how a value is written."""
    label: str | None = None
    """Its row in the app's settings panel; None: not a row there (set elsewhere in the app)."""
    help: str = ""
    """One line in the lecture's words, shown under the panel, in the palette and in ``--help``."""
    steps: tuple[Any, ...] | Callable[[Config], tuple[Any, ...]] = ()
    """The values the panel steps through (the Playground's select or slider values)."""
    wraps: bool = False
    """Whether its values are unordered, so stepping past the last may come back to the first; the
    panel wraps only settings whose change keeps the run (``Effect`` below REBUILD)."""
    applies: Callable[[Config], bool] = _always
    """Whether the setting has any effect under a config (noise does not apply to a data file)."""
    hidable: bool = False
    """Whether a classroom link may hide its control (the Playground's ``HIDABLE_CONTROLS``)."""
    hide_key: str | None = None
    """The id a link hides it by, when that is not its link key (``numHiddenLayers``)."""

    @property
    def hide_id(self) -> str | None:
        """The ``<id>_hide=true`` id of its control; None when it cannot be hidden."""
        return (self.hide_key or self.link_key) if self.hidable else None

    def choices(self, config: Config) -> tuple[Any, ...]:
        """The panel's values for this setting under ``config``."""
        return self.steps(config) if callable(self.steps) else self.steps


@dataclass(frozen=True)
class InertKey:
    """A key the Playground writes in every link that changes nothing in a run (PLAYGROUND.md §7.1)."""

    link_key: str
    written: str | None = "false"
    """What a link carries for it; None: left out."""


Row = Setting | InertKey


def _uses_generated(problem: str) -> Callable[[Config], bool]:
    return lambda config: config.data_file is None and config.problem == problem


def _optimizer_uses(field: str) -> Callable[[Config], bool]:
    return lambda config: field in OPTIMIZERS[config.optimizer].uses


def _no_data_file(config: Config) -> bool:
    """Whether generated data is in use (noise and the number of classes apply only to it)."""
    return config.data_file is None and DATASETS[config.dataset_name].bundled is None


def _draws_classes(config: Config) -> bool:
    return config.problem == "multiclass" and _no_data_file(config)


def _has_data_file(config: Config) -> bool:
    return config.data_file is not None


def _two_classes(config: Config) -> bool:
    return config.problem == "classification"


def _of_problem(problem: str) -> Registry:
    return Registry(lambda: {n: d for n, d in DATASETS.items() if d.problem == problem})


LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
"""The Playground's learning-rate select (PLAYGROUND.md §7.2); links may go outside it."""
REGULARIZATION_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)

TABLE: tuple[Row, ...] = (
    Setting("activation", Registry(lambda: ACTIVATIONS), Effect.REBUILD, "activation",
            option="--activation", metavar="NAME", label="Activation", hidable=True, help="the hidden neurons' function",
            steps=lambda config: tuple(ACTIVATIONS), wraps=True),
    Setting("regularization", Registry(lambda: REGULARIZERS, omitted="none"), Effect.REBUILD, "regularization",
            option="--regularization", metavar="KIND", label="Regularization", hidable=True, help="penalty pulling weights to 0",
            steps=lambda config: tuple(REGULARIZERS), wraps=True),
    Setting("batch_size", Number(1, 100_000, whole=True), Effect.REBUILD, "batchSize", option="--batch-size",
            metavar="N", label="Batch size", hidable=True, help="examples averaged per update", steps=tuple(range(1, 31))),
    Setting("dataset", _of_problem("classification"), Effect.NEW_DATA, "dataset",
            applies=_uses_generated("classification"), hidable=True, wraps=True),
    Setting("regression_dataset", _of_problem("regression"), Effect.NEW_DATA, "regDataset",
            applies=_uses_generated("regression")),
    Setting("learning_rate", Number(1e-12, 1e6, phrase="a number above 0 and at most 1e6"), Effect.LIVE,
            "learningRate", option="--learning-rate", metavar="RATE", label="Learning rate", hidable=True,
            help="size of each gradient-descent step (live)", steps=LEARNING_RATES),
    Setting("regularization_rate", Number(0, 1e6), Effect.REBUILD, "regularizationRate",
            option="--regularization-rate", metavar="RATE", label="Reg. rate", hidable=True, help="strength of that penalty",
            steps=REGULARIZATION_RATES),
    Setting("noise", Number(0, 1e6, phrase="a number from 0 (the Playground's slider goes to 50)"), Effect.NEW_DATA,
            "noise", option="--noise", metavar="PERCENT", cli_note="in percent; not applied to --data files",
            label="Noise", hidable=True, help="how noisy the data is", steps=tuple(range(0, 51, 5)), applies=_no_data_file),
    Setting("hidden_layers", HiddenLayers(), Effect.REBUILD, "networkShape", option="--layers", metavar="LIST",
            cli_note="e.g. 4,2; '' or none: no hidden layers", help="neurons per hidden layer", hidable=True,
            hide_key="numHiddenLayers"),
    Setting("seed", Text("a string such as 0.59704"), Effect.RESTART, "seed", option="--seed", metavar="SEED",
            cli_note="default: a fresh one, reported so the run can be repeated",
            help="the Playground's seed string: the same seed gives the same data and initial weights"),
    Setting("show_test_data", Flag(), Effect.DISPLAY, "showTestData", option="--show-test-data",
            label="Test data", hidable=True, help="draw the test points too", wraps=True, steps=(False, True)),
    Setting("discretize", Flag(), Effect.DISPLAY, "discretize", option="--discretize",
            label="Discretize", hidable=True, help="draw outputs as -1/+1 only", wraps=True, steps=(False, True)),
    Setting("train_percent", Number(1, 99, phrase="a percentage from 1 to 99", unit="%"), Effect.NEW_DATA, "percTrainData",
            option="--train-ratio", metavar="PERCENT", cli_note="in percent: 50 means half, 0.5 is rejected",
            label="Training data", hidable=True, help="share of points used for training", steps=tuple(range(10, 91, 10))),
    Setting("features", Features(), Effect.REBUILD, None, option="--features", metavar="LIST",
            help="the inputs the network is given"),
    InertKey("collectStats"),
    Setting("tutorial", Text("a tutorial name such as neurons"), Effect.DISPLAY, "tutorial",
            help="the lesson a classroom link opens with (the Playground's tutorial= key)"),
    Setting("problem", Registry(lambda: PROBLEMS), Effect.NEW_DATA, "problem", option="--problem", metavar="KIND",
            label="Problem", hidable=True, help="classify points, or fit a number",
            cli_note="after --data, overrides the type inferred from its labels",
            steps=lambda config: tuple(PROBLEMS), wraps=True),
    Setting("init_zero", Flag(), Effect.REBUILD, "initZero", option="--init-zero",
            help="start from zero weights and biases (a Playground link-only setting)"),
    InertKey("hideText"),
    Setting("hidden_controls", HiddenControls(lambda: hidable_ids()), Effect.DISPLAY, None,
            help="controls a classroom link hides (<id>_hide=true); their keys do nothing"),
    Setting("data_file", DataFile(), Effect.NEW_DATA, "dataFile", ours=True,
            help="a CSV file of points learned instead of a generated dataset"),
    Setting("optimizer", Registry(lambda: OPTIMIZERS), Effect.LIVE, "optimizer", ours=True, option="--optimizer",
            metavar="NAME", label="Optimizer", help="how gradients become steps: sgd is the Playground's (live)",
            steps=lambda config: tuple(OPTIMIZERS), wraps=True),
    Setting("momentum", Number(0, 0.9999), Effect.LIVE, "momentum", ours=True, option="--momentum",
            metavar="MU", label="Momentum", help="momentum/nesterov: share of the last step kept (inertia)",
            steps=(0.0, 0.5, 0.8, 0.9, 0.95, 0.99),
            applies=_optimizer_uses("momentum")),
    Setting("rms_decay", Number(0, 0.9999), Effect.LIVE, "rmsDecay", ours=True, option="--rms-decay",
            metavar="RHO", label="RMS decay", help="rmsprop: decay of the mean of squared gradients",
            steps=(0.5, 0.8, 0.9, 0.95, 0.99, 0.999), applies=_optimizer_uses("rms_decay")),
    Setting("beta1", Number(0, 0.9999), Effect.LIVE, "beta1", ours=True, option="--beta1", metavar="B1",
            label="Adam beta1", help="adam: decay of the mean of gradients", steps=(0.5, 0.8, 0.9, 0.95, 0.99),
            applies=_optimizer_uses("beta1")),
    Setting("beta2", Number(0, 0.99999999), Effect.LIVE, "beta2", ours=True, option="--beta2", metavar="B2",
            label="Adam beta2", help="adam: decay of the mean of squared gradients", steps=(0.9, 0.99, 0.999, 0.9999),
            applies=_optimizer_uses("beta2")),
    Setting("epsilon", Number(1e-12, 1), Effect.LIVE, "epsilon", ours=True, option="--epsilon", metavar="EPS",
            label="Epsilon", help="rmsprop/adam: added before dividing by the root mean square",
            steps=(1e-10, 1e-8, 1e-7, 1e-6, 1e-4), applies=_optimizer_uses("epsilon")),
    Setting("shuffle", Flag(), Effect.LIVE, "shuffle", ours=True, option="--shuffle",
            label="Reshuffle", help="shuffle the training points every epoch (seeded)",
            steps=(False, True), wraps=True),
    Setting("lr_decay", Registry(lambda: LR_DECAYS), Effect.LIVE, "lrDecay", ours=True, option="--lr-decay",
            metavar="KIND", label="Schedule", help="how the learning rate decays over the epochs",
            steps=lambda config: tuple(LR_DECAYS), wraps=True),
    Setting("decay_rate", Number(1e-6, 1), Effect.LIVE, "decayRate", ours=True, option="--decay-rate",
            metavar="FACTOR", label="Decay rate", help="learning rate multiplied by this every decay period",
            steps=(0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99),
            applies=lambda config: config.lr_decay != "none"),
    Setting("decay_epochs", Number(1, 1_000_000, whole=True, unit=" epochs"), Effect.LIVE, "decayEpochs", ours=True,
            option="--decay-epochs", metavar="N", label="Decay period", help="epochs per decay-rate factor",
            steps=(10, 20, 50, 100, 200, 500, 1000),
            applies=lambda config: config.lr_decay != "none"),
    Setting("multiclass_dataset", _of_problem("multiclass"), Effect.NEW_DATA, "classDataset", ours=True,
            applies=_uses_generated("multiclass")),
    Setting("classes", Number(2, MAX_CLASSES, whole=True), Effect.NEW_DATA, "classes", ours=True,
            option="--classes", metavar="K", label="Classes", help="classes a generated multi-class set has",
            cli_note="a data file or bundled set has its own", steps=tuple(range(2, MAX_CLASSES + 1)),
            applies=_draws_classes),
    Setting("loss", Registry(lambda: LOSSES), Effect.REBUILD, "loss", ours=True, option="--loss", metavar="KIND",
            label="Loss", help="two classes: square (tanh output) or cross-entropy (sigmoid)",
            steps=lambda config: tuple(LOSSES), wraps=True, applies=_two_classes),
    Setting("x_column", Text("a column name or 1-based position"), Effect.NEW_DATA, "xColumn", ours=True,
            option="--x", metavar="COLUMN", help="the data file's first input column (name or position)",
            cli_note="default: the first numeric column", applies=_has_data_file),
    Setting("y_column", Text("a column name or 1-based position"), Effect.NEW_DATA, "yColumn", ours=True,
            option="--y", metavar="COLUMN", help="the data file's second input column (name or position)",
            cli_note="default: the second numeric column", applies=_has_data_file),
    Setting("label_column", Text("a column name or 1-based position"), Effect.NEW_DATA, "labelColumn", ours=True,
            option="--label", metavar="COLUMN", help="the data file's label column (name or position)",
            cli_note="default: the last column", applies=_has_data_file),
    Setting("rescale", Flag(), Effect.NEW_DATA, "rescale", ours=True, option="--rescale",
            help="rescale a data file's inputs into the plane [-6, 6] (axis labels show the raw values)",
            applies=_has_data_file),
    Setting("sample", Count(1, 100_000), Effect.NEW_DATA, "sample", ours=True, option="--sample", metavar="N",
            help="train on a seeded random sample of N rows of the data file (any size, bounded memory)",
            applies=_has_data_file),
)
"""Every row, in the Playground's PROPS order (the order of a share link's keys)."""


BUTTONS = ("playButton", "stepButton", "resetButton")
"""The Playground's hidable buttons (PLAYGROUND.md §9): play/pause, step and reset."""


def hidable_ids() -> tuple[str, ...]:
    """Every control a classroom link may hide, in the order a link writes them: the settings'
    controls, the buttons, then the input features (hiding one also removes it from the inputs)."""
    rows = tuple(row.hide_id for row in SETTINGS if row.hide_id)
    return rows + BUTTONS + tuple(FEATURES)


SETTINGS: tuple[Setting, ...] = tuple(row for row in TABLE if isinstance(row, Setting))
SETTING: dict[str, Setting] = {row.field: row for row in SETTINGS}
"""The rows by Config field."""
BY_LINK_KEY: dict[str, Setting] = {row.link_key: row for row in SETTINGS if row.link_key}
INERT_KEYS: tuple[str, ...] = tuple(row.link_key for row in TABLE if isinstance(row, InertKey))


def strongest_effect(old: Config, new: Config) -> Effect | None:
    """What changing ``old`` into ``new`` does to a run; None when nothing that applies changed.

    A setting counts when it changed and applies under either config, so switching from a
    data file back to a generated dataset counts, while the noise of a data file never does.
    """
    effects = [
        row.effect
        for row in SETTINGS
        if getattr(old, row.field) != getattr(new, row.field) and (row.applies(old) or row.applies(new))
    ]
    return max(effects, default=None)


def dataset_changes(name: str) -> dict[str, Any]:
    """The settings that choose generated dataset ``name``: its problem, that problem's dataset field, no data file.

    Raises:
        SettingError: ``name`` is not a generated dataset.
    """
    info = DATASETS.get(name)
    if info is None:
        raise SettingError("dataset", name, f"choose one of {', '.join(DATASETS)}")
    changes = {PROBLEMS[info.problem].dataset_field: name, "problem": info.problem, "data_file": None}
    return changes | ({"classes": info.classes} if info.classes else {})


def described(rows: Sequence[Setting] = SETTINGS) -> list[tuple[str, str]]:
    """(setting, explanation) pairs for help screens: the panel label (or field) and its help line."""
    return [(row.label or row.field.replace("_", " "), row.help) for row in rows if row.help]
