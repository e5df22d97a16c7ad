"""What the user controls in the app (``UiState``) and the settings panel's rows, derived from the table.

Each ``PanelRow`` maps a ``UiState`` to a value and back. Rows of Config fields come from their
rows in ``tui_nn.core.settings`` (label, help line, values, how a value is shown); only the
panel's own composites (the dataset chooser, the number of hidden layers) and the app's pace and
frame rate are declared here. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

from tui_nn.core.config import Config
from tui_nn.core.datasets import DATASETS, datasets_of
from tui_nn.core.settings import SETTING, Effect, Setting, dataset_changes

PACES: tuple[float | None, ...] = (1, 2, 5, 10, 20, 30, 60, 120, 240, 480, None)
"""Epochs per second; None trains flat out. The browser runs about 60 (one per animation frame)."""
FRAME_RATES = (1, 2, 5, 10, 15, 20, 30)
MAX_LAYERS = 6
"""The Playground's +/- stop at 6 hidden layers and 8 neurons; a link may go beyond."""
MAX_NEURONS = 8
NEW_LAYER_NEURONS = 2
VALUE_WIDTH = 14
"""Widest value a row shows (``Multi gaussian``); longer file names are cut to fit the panel."""


@dataclass(frozen=True)
class UiState:
    """What the user controls: the run's Config plus how fast to train and to draw."""

    config: Config
    pace: float | None = 60
    """Target epochs per second; None trains as fast as the machine allows."""
    fps: float = 10
    """Most frames drawn per second, whatever the pace."""
    last_file: str | None = None
    """The data file used last, so the Dataset row can go back to it after another dataset."""
    loss_from_zero: bool = False
    """Draw the loss chart and sparklines from 0, so a crawl (learning rate 0.00001) looks as flat as it is."""


@dataclass(frozen=True)
class PanelRow:
    """One row of the settings panel (and its two command-palette entries)."""

    key: str
    label: str
    help: str
    choices: Callable[[UiState], Sequence[Any]]
    get: Callable[[UiState], Any]
    put: Callable[[UiState, Any], UiState]
    show: Callable[[Any], str] = str
    wraps: bool = False
    """Whether stepping past the last choice comes back to the first: only for unordered choices
    whose change keeps the run (see ``_wraps``), so a key held at the end never discards it."""
    hide_id: str | None = None
    """The id a classroom link hides this row by (``learningRate_hide=true``); None: never hidden."""
    applies: Callable[[UiState], bool] = lambda state: True
    """Whether the setting has an effect now; the panel shows ``n/a`` and keeps it as it is when not."""
    shown: Callable[[UiState], bool] = lambda state: True
    """Whether the panel lists the row at all (rows of one problem type only)."""


def _with(state: UiState, **changes: Any) -> UiState:
    return replace(state, config=state.config.replace(**changes))


def _wraps(row: Setting) -> bool:
    """An unordered choice wraps only if changing it keeps the run: past the last dataset, → stops
    instead of jumping to the first and wiping a long run (REBUILD and stronger discard it)."""
    return row.wraps and row.effect < Effect.REBUILD


def _table_row(field: str, put: Callable[[UiState, Any], UiState] | None = None,
               shown: Callable[[UiState], bool] = lambda state: True) -> PanelRow:
    """The panel row of a Config field, as its row of the settings table describes it."""
    row = SETTING[field]
    assert row.label is not None, f"{field} has no panel label in the settings table"
    return PanelRow(
        field, row.label, row.help, lambda state: row.choices(state.config),
        lambda state: getattr(state.config, field), put or (lambda state, value: _with(state, **{field: value})),
        row.kind.show, _wraps(row), row.hide_id, applies=lambda state: row.applies(state.config), shown=shown,
    )


def _dataset_choices(state: UiState) -> tuple[str, ...]:
    """The datasets of the problem (generated and bundled); a data file in use (or used last) sits
    between two copies of them, so → from it goes to the first and ← to the last, while the ends of
    the list still stop (changing the dataset discards the run)."""
    names = datasets_of(state.config.problem)
    data_file = state.config.data_file or state.last_file
    return names if data_file is None else (*names, data_file, *names)


def _put_dataset(state: UiState, name: str) -> UiState:
    """A dataset of the registry, or the data file again (its problem stays the one chosen)."""
    config = state.config
    if name in DATASETS:
        changes = dataset_changes(name)
        return replace(state, config=config.replace(**changes), last_file=config.data_file or state.last_file)
    return state if name == config.data_file else _with(state, data_file=name)


def dataset_title(name: str) -> str:
    """A built-in dataset's title, or a data file's name cut to ``VALUE_WIDTH`` columns."""
    if name in DATASETS:
        return DATASETS[name].title
    base = SETTING["data_file"].kind.show(name)
    return base if len(base) <= VALUE_WIDTH else base[: VALUE_WIDTH - 3] + "..."


def _put_problem(state: UiState, problem: str) -> UiState:
    """Another problem type for the same data: a data file is kept (its labels are read anew)."""
    return _with(state, problem=problem)


def _is_multiclass(state: UiState) -> bool:
    return state.config.problem == "multiclass"


def _loss_shown(state: UiState) -> bool:
    """The Loss row, for two classes once cross-entropy is chosen (x); many classes always use it."""
    return state.config.problem == "classification" and state.config.loss != "square"


def _put_layer_count(state: UiState, count: int) -> UiState:
    layers = state.config.hidden_layers
    return _with(state, hidden_layers=layers[:count] + (NEW_LAYER_NEURONS,) * (count - len(layers)))


PANEL_ROWS: tuple[PanelRow, ...] = (
    _table_row("problem", _put_problem),
    _table_row("classes", shown=_is_multiclass),
    _table_row("loss", shown=_loss_shown),
    PanelRow("dataset", "Dataset", "which data to learn", _dataset_choices,
             lambda s: s.config.data_file or s.config.dataset_name, _put_dataset, dataset_title, wraps=_wraps(SETTING["dataset"]),
             hide_id=SETTING["dataset"].hide_id),
    _table_row("learning_rate"),
    _table_row("activation"),
    _table_row("regularization"),
    _table_row("regularization_rate"),
    _table_row("batch_size"),
    _table_row("noise"),
    _table_row("train_percent"),
    PanelRow("layers", "Hidden layers", "how deep the network is", lambda s: tuple(range(MAX_LAYERS + 1)),
             lambda s: len(s.config.hidden_layers), _put_layer_count, hide_id=SETTING["hidden_layers"].hide_id),
    _table_row("show_test_data"),
    _table_row("discretize"),
    PanelRow("pace", "Speed", "epochs per second while playing", lambda s: PACES, lambda s: s.pace,
             lambda s, v: replace(s, pace=v), lambda v: "max" if v is None else f"{v}/s"),
    PanelRow("fps", "Frame rate", "most screen updates per second", lambda s: FRAME_RATES, lambda s: s.fps,
             lambda s, v: replace(s, fps=v), lambda v: f"{v} fps"),
)
TRAINING_ROWS: tuple[PanelRow, ...] = tuple(
    _table_row(field)
    for field in ("optimizer", "momentum", "rms_decay", "beta1", "beta2", "epsilon", "shuffle", "lr_decay",
                  "decay_rate", "decay_epochs")
)
"""The training-settings screen's rows (beyond the Playground), kept off the main panel so it fits 80x24."""
PANEL_ROW = {row.key: row for row in (*PANEL_ROWS, *TRAINING_ROWS)}


def allowed_rows(state: UiState, rows: tuple[PanelRow, ...] = PANEL_ROWS) -> tuple[PanelRow, ...]:
    """Every row of ``rows`` a user may change (in the panel or the palette): all but those a classroom link hides."""
    hidden = state.config.hidden_controls
    return tuple(row for row in rows if row.hide_id is None or row.hide_id not in hidden)


def visible_rows(state: UiState, rows: tuple[PanelRow, ...] = PANEL_ROWS) -> tuple[PanelRow, ...]:
    """The rows a panel lists under ``state``: the allowed ones less those of another problem type."""
    return tuple(row for row in allowed_rows(state, rows) if row.shown(state))


def step_setting(row: PanelRow, state: UiState, delta: int, wrap: bool | None = None) -> UiState:
    """Move ``row`` ``delta`` choices along; a value off the list (from a link) snaps to its neighbour.

    A setting that does not apply (noise of a data file) is kept as it is.
    """
    if not row.applies(state):
        return state
    choices = list(row.choices(state))
    current = row.get(state)
    if current in choices:
        index = choices.index(current) + delta
    else:
        index = _neighbour(choices, current, delta)
    if row.wraps if wrap is None else wrap:
        index %= len(choices)
    index = max(0, min(len(choices) - 1, index))
    return row.put(state, choices[index])


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
