"""SettingsPanel: every hyperparameter as a row, changed with the arrow keys, plus dataset previews.

It shows the app's ``UiState`` (bound to the app's, never a copy kept in step by hand) and posts
which row a key steps; the app applies it and the binding brings the result back.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui_nn.core.config import Config
from tui_nn.core.datasets import preview
from tui_nn.draw.palettes import Palette
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.plane import EXTENT
from tui_nn.draw.boundary import boundary_rows
from tui_nn.draw.classes import class_rows
from tui_nn.draw.palettes import CLASS_PALETTES, ClassPalette
from tui_nn.core.settings import dataset_changes
from tui_nn.core.trainer import run_data
from tui_nn.core.datasets import DATASETS, datasets_of
from tui_nn.core.problems import PROBLEMS
from tui_nn.core.settings import SETTING
from tui_nn.ui.state import PANEL_ROWS, PanelRow, UiState, visible_rows

_PREVIEW_COLS, _PREVIEW_PIXEL_ROWS = 12, 8
_PREVIEWS_PER_LINE = 2
_LABEL_WIDTH = 14


def _preview_points(name: str) -> tuple[np.ndarray, np.ndarray]:
    """A generated dataset's 200 preview points, or all the points of a bundled one (rescaled)."""
    if DATASETS[name].bundled is None:
        return preview(name, PlaygroundRandom("tui-nn preview"))
    data = run_data(Config(seed="preview").replace(**dataset_changes(name)), PlaygroundRandom("preview"))
    return np.concatenate([data.train_points, data.test_points]), np.concatenate([data.train_labels, data.test_labels])


@lru_cache(maxsize=16)
def _preview_classes(name: str) -> np.ndarray:
    """Per class, the share of the preview points in each pixel that are of it; NaN where there are none."""
    points, labels = _preview_points(name)
    classes = int(labels.max()) + 1
    return np.stack([_pixel_means(points, (labels == k).astype(float), np.nan) for k in range(classes)])


@lru_cache(maxsize=16)
def _preview_values(name: str) -> np.ndarray:
    """Mean label of the preview points in each pixel of a tiny grid; 0 where there are none."""
    return _pixel_means(*_preview_points(name), 0.0)


def _pixel_means(points: np.ndarray, labels: np.ndarray, empty: float) -> np.ndarray:
    cols, rows = _PREVIEW_COLS, _PREVIEW_PIXEL_ROWS
    column = np.clip(((points[:, 0] + EXTENT) / (2 * EXTENT) * cols).astype(int), 0, cols - 1)
    row = np.clip(((EXTENT - points[:, 1]) / (2 * EXTENT) * rows).astype(int), 0, rows - 1)
    sums, counts = np.zeros((rows, cols)), np.zeros((rows, cols))
    np.add.at(sums, (row, column), labels)
    np.add.at(counts, (row, column), 1)
    return np.divide(sums, counts, out=np.full_like(sums, empty), where=counts > 0)


def _preview_lines(ascii_mode: bool) -> int:
    """Rows the dataset previews need: enough for the problem with the most datasets."""
    per_line = 1 if ascii_mode else _PREVIEW_PIXEL_ROWS // 2 + 1
    most = max(len(datasets_of(problem)) for problem in PROBLEMS)
    return per_line * -(-most // _PREVIEWS_PER_LINE)


class SettingsPanel(Widget, can_focus=True):
    """The Playground's top bar and data column as a keyboard list: ↑↓ pick a setting, ←→ change it."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Setting ↑", show=False),
        Binding("down,j", "move(1)", "Setting ↓", show=False),
        Binding("left,h", "change(-1)", "Value −", show=False),
        Binding("right,l", "change(1)", "Value +", show=False),
    ]

    class Stepped(Message):
        """The user asked to move a row's value ``delta`` steps; the app applies it to its own state,
        so keys queued behind this one (a slow link delivers them together) never act on a stale copy."""

        def __init__(self, row: PanelRow, delta: int) -> None:
            super().__init__()
            self.row, self.delta = row, delta

    class NotApplying(Message):
        """The user tried to change a setting that has no effect now (the noise of a data file)."""

        def __init__(self, label: str) -> None:
            super().__init__()
            self.label = label

    state: reactive[UiState] = reactive(UiState(Config()))
    """The settings shown; the app binds it to its own (``data_bind``)."""

    def __init__(self, palette: Palette | None, id: str | None = None, rows: tuple[PanelRow, ...] = PANEL_ROWS) -> None:
        super().__init__(id=id)
        self.palette = palette
        self._all_rows = rows
        """The rows listed: the main panel's, or another screen's (no dataset previews then)."""
        self.class_palette: ClassPalette | None = None
        """Class colours for multi-class previews (the app sets its colour system's)."""
        self.cursor = 0

    @property
    def rows(self) -> tuple[PanelRow, ...]:
        """The rows shown: all but those a classroom link hides and those of another problem type."""
        return visible_rows(self.state, self._all_rows)

    def _current(self) -> PanelRow:
        """The row under the cursor (an index into all the panel's rows), or the next one shown."""
        shown, every = self.rows, self._all_rows
        for step in range(len(every)):
            row = every[(self.cursor + step) % len(every)]
            if row in shown:
                return row
        return shown[0]

    def action_move(self, delta: int) -> None:
        """Move to the next row shown, up or down (hidden rows and rows of another problem type are skipped)."""
        shown, every = self.rows, self._all_rows
        self.cursor = every.index(self._current())
        for _ in range(len(every)):
            self.cursor = (self.cursor + delta) % len(every)
            if every[self.cursor] in shown:
                break
        self.refresh()

    def action_change(self, delta: int) -> None:
        row = self._current()
        if not row.applies(self.state):
            self.post_message(self.NotApplying(row.label))
            return
        self.post_message(self.Stepped(row, delta))

    def render(self) -> Text:
        ascii_mode = self.palette is None
        left, right = ("<", ">") if ascii_mode else ("◀", "▶")
        text = Text(no_wrap=True, overflow="ellipsis")
        rows = self.rows
        current = self._current()
        for setting in rows:
            applies = setting.applies(self.state)
            value = setting.show(setting.get(self.state)) if applies else "n/a"
            selected = setting is current
            style = ("reverse" if self.has_focus else "bold") if selected else "" if applies else "dim"
            marks = (left, right) if selected else (" ", " ")
            text.append(f"{setting.label:<{_LABEL_WIDTH}}{marks[0]}{value}{marks[1]}", style=style)
            text.append("\n")
        text.append(current.help if current.applies(self.state) else f"{current.label}: does not apply to this data",
                    style="dim italic")
        if self._all_rows is PANEL_ROWS and self.size.height >= len(rows) + 4 + _preview_lines(self.palette is None):
            text.append("\n\n")
            text.append_text(self._previews())
        return text

    def _preview_block(self, name: str) -> list:
        if DATASETS[name].problem == "multiclass":
            palette = self.class_palette or CLASS_PALETTES["truecolor"]
            middle = self.palette.shades[len(self.palette.shades) // 2]  # empty pixels: the ramp's white
            return class_rows(_preview_classes(name), replace(palette, nan=middle))
        return boundary_rows(_preview_values(name), self.palette)

    def _previews(self) -> Text:
        """A thumbnail of each dataset of the current problem, two to a line, the chosen one marked.

        None is marked while a data file is in use (the Dataset row names the file).
        """
        config = self.state.config
        names = datasets_of(config.problem)
        chosen = config.dataset_name if config.data_file is None else None
        text = Text(no_wrap=True)
        for start in range(0, len(names), _PREVIEWS_PER_LINE):
            line_names = names[start : start + _PREVIEWS_PER_LINE]
            if self.palette is not None:
                blocks = [self._preview_block(name) for name in line_names]
                for row in range(_PREVIEW_PIXEL_ROWS // 2):
                    for block in blocks:
                        for segment_text, fg, bg in block[row]:
                            text.append(segment_text, style=f"{fg or 'default'} on {bg or 'default'}")
                        text.append("  ")
                    text.append("\n")
            for name in line_names:
                mark = ">" if name == chosen else " "
                label = f"{mark}{DATASETS[name].title}"[: _PREVIEW_COLS + 1]
                text.append(f"{label:<{_PREVIEW_COLS + 2}}", style="bold underline" if name == chosen else "dim")
            text.append("\n")
        return text
