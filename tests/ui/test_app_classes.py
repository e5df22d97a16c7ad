"""The app with many classes (issue 8): class regions and legend, the confusion screen (m), the
output thumbnail's class (n), the loss toggle (x), and data files kept across problem changes."""

from __future__ import annotations

import pytest

from pathlib import Path

import numpy as np

from helpers import drawn, started, stepped, wait_until
from tui_nn.core.config import Config
from tui_nn.core.settings import dataset_changes
from tui_nn.core.trainer import Trainer
from tui_nn.draw.classes import ASCII_TRAIN, GLYPHS
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.screens.confusion import ConfusionScreen
from tui_nn.ui.state import PANEL_ROWS
from tui_nn.ui.widgets.boundary_view import BoundaryView
from tui_nn.ui.widgets.settings_panel import SettingsPanel
from tui_nn.ui.widgets.status_bar import StatusBar

MOONS = str(Path(__file__).resolve().parents[2] / "datasets" / "moons.csv")


IRIS = Config(seed="0.5").replace(**dataset_changes("iris"))


def row(app: PlaygroundApp, label: str) -> list[str]:
    return next(line for line in drawn(app.query_one(SettingsPanel)) if line.startswith(label)).split()


@pytest.mark.app(config=IRIS)
async def test_iris_draws_every_class_with_its_glyph_and_names_them_in_the_legend(app):
    view = app.query_one(BoundaryView)
    assert view.title == "Output: ● setosa  ▲ versicolor  ■ virginica"
    plot = "\n".join(drawn(view))
    assert all(glyph in plot for glyph in GLYPHS[:3])


@pytest.mark.app(config=IRIS, ascii_mode=True)
async def test_ascii_mode_draws_a_letter_per_class(app):
    view = app.query_one(BoundaryView)
    assert view.title == "Output: A=setosa B=versicolor C=virginica"
    plot = "\n".join(drawn(view))
    assert all(letter in plot for letter in ASCII_TRAIN[:3])


@pytest.mark.app(config=IRIS)
async def test_axis_labels_show_the_columns_own_units(app):
    text = "\n".join(drawn(app.query_one(BoundaryView)))
    assert "7.49" in text and "2.74" in text  # petal length and width at the plane's edges


@pytest.mark.app(config=IRIS)
async def test_m_opens_the_confusion_matrix_and_it_follows_training(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("m")
    await wait_until(pilot, lambda: isinstance(app.screen, ConfusionScreen))
    body = str(app.screen.body.render())
    assert "setosa" in body and "Epoch 000,000" in body
    await stepped(pilot, app, 3)
    await wait_until(pilot, lambda: "Epoch 000,003" in str(app.screen.body.render()))
    train, test = app.snapshot.confusion()
    assert f"Train: {int(train.sum())} points" in str(app.screen.body.render())
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(app.screen, ConfusionScreen))


@pytest.mark.app(config=Config(seed="1"))
async def test_a_binary_run_has_a_confusion_matrix_too(app, pilot):
    await pilot.press("m")
    await wait_until(pilot, lambda: isinstance(app.screen, ConfusionScreen))
    assert "-1" in str(app.screen.body.render()) and "+1" in str(app.screen.body.render())


@pytest.mark.app(config=IRIS)
async def test_n_shows_the_next_class_in_the_output_thumbnail(app, pilot):
    before = app.network_view._thumbnails.output_class
    await pilot.press("n")
    await wait_until(pilot, lambda: "versicolor" in app.query_one(StatusBar).message)
    assert app.network_view._thumbnails.output_class == before + 1


@pytest.mark.app(config=Config(seed="1"))
async def test_x_switches_two_classes_to_cross_entropy_and_back(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("x")
    await wait_until(pilot, lambda: app.snapshot.config.loss == "cross-entropy")
    assert app.snapshot.network.output_activation.name == "logistic"
    assert row(app, "Loss") == ["Loss", "Cross-entropy"]
    await pilot.press("x")
    await wait_until(pilot, lambda: app.snapshot.config.loss == "square")


@pytest.mark.app(config=IRIS)
async def test_noise_of_a_real_dataset_is_shown_as_not_applying_and_kept(app, pilot):
    assert row(app, "Noise") == ["Noise", "n/a"]
    panel = app.query_one(SettingsPanel)
    panel.cursor = [row.key for row in PANEL_ROWS].index("noise")
    await pilot.press("right")
    await wait_until(pilot, lambda: "does not apply" in app.query_one(StatusBar).message)
    assert app.state.config.noise == 0


@pytest.mark.app(config=Config(data_file=MOONS, seed="1"))
async def test_changing_the_problem_keeps_the_file_and_the_dataset_row_returns_to_it(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("right")  # Problem: classification -> regression -> multiclass (a change that
    await wait_until(pilot, lambda: app.snapshot.config.problem == "regression")  # discards the run never wraps)
    await pilot.press("right")
    await wait_until(pilot, lambda: app.snapshot.config.problem == "multiclass")
    assert app.snapshot.config.data_file == MOONS and app.snapshot.network.layer_sizes[-1] == 2
    await pilot.press("down", "down", "left")  # Dataset: from the file to the last built-in one
    await wait_until(pilot, lambda: app.snapshot.config.data_file is None)
    await pilot.press("right")  # and back to the file
    await wait_until(pilot, lambda: app.snapshot.config.data_file == MOONS)
    assert np.unique(app.snapshot.data.train_labels).tolist() == [0.0, 1.0]


def test_the_confusion_text_of_eight_classes_fits_80x24():
    from tui_nn.ui.screens.confusion import confusion_text

    trainer = Trainer(Config(seed="1", problem="multiclass", classes=8, hidden_layers=(8,)))
    lines = confusion_text(trainer.snapshot(), 80).splitlines()
    assert max(map(len, lines)) <= 80 - 4 and len(lines) <= 24 - 2  # inside the box's border and padding


@pytest.mark.app(config=IRIS, ascii_mode=True)
async def test_links_and_the_hidden_space_work_with_many_classes(app, pilot):
    await pilot.press("w")  # weighted links: one output node, however many classes
    await pilot.pause()
    await pilot.press("i")
    await wait_until(pilot, lambda: type(app.screen).__name__ == "HiddenSpaceScreen")
    await pilot.pause()
    text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
    assert all(letter in text for letter in "ABC")  # each class's own letter
