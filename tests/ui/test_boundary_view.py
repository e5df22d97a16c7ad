"""BoundaryView: titles, glyphs, axes, partial refreshes, discretize, NaN and neuron selection."""

from __future__ import annotations

import numpy as np
import pytest
from rich.color import Color
from textual.app import App, ComposeResult
from textual.geometry import Region

from helpers import drawn, snapshot
from tui_nn.core.config import Config
from tui_nn.core.nodes import Node
from tui_nn.draw.palettes import PALETTES, Palette
from tui_nn.core.trainer import Trainer
from tui_nn.draw.boundary import discretized
from tui_nn.ui.widgets.boundary_view import BoundaryView, plot_rows

SIZE = (80, 30)
PALETTE = PALETTES["256"]


class BoundaryApp(App[None]):
    def __init__(self, palette: Palette | None) -> None:
        super().__init__()
        self.palette = palette

    def compose(self) -> ComposeResult:
        yield BoundaryView(self.palette, id="boundary")


def plot_text(view: BoundaryView) -> str:
    region = view.plot_region
    return "\n".join(line[region.x : region.right] for line in drawn(view)[region.y : region.bottom])


def plot_segments(view: BoundaryView):
    """Every (text, style) segment inside the plot's columns."""
    region = view.plot_region
    for y in range(region.y, region.bottom):
        yield from view.render_line(y).crop(region.x, region.right)


def record_refreshes(view: BoundaryView, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Region, ...]]:
    calls: list[tuple[Region, ...]] = []
    original = view.refresh

    def counting(*regions: Region, **kwargs: object) -> BoundaryView:
        calls.append(regions)
        return original(*regions, **kwargs)

    monkeypatch.setattr(view, "refresh", counting)
    return calls


async def test_waits_for_the_trainer_before_the_first_snapshot():
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE):
        assert any("waiting for the trainer" in line for line in drawn(app.query_one(BoundaryView)))


async def test_title_says_output():
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot())
        assert drawn(view)[0].strip() == "Output" == view.title


async def test_plot_is_square_and_fills_the_height():
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot())
        region = view.plot_region
        assert (region.width, region.height) == (2 * plot_rows(*SIZE), SIZE[1] - 2)
        assert abs(region.x - (SIZE[0] - region.right)) <= 3 + 1  # centred, y labels on the left


async def test_colour_mode_draws_both_classes_and_axis_labels():
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot())
        text = "\n".join(drawn(view))
        assert "●" in text and "▲" in text
        assert drawn(view)[1].split() == ["6"]
        assert drawn(view)[-1].split()[0] == "-6" and "0" in drawn(view)[-1].split()


async def test_ascii_mode_draws_o_and_x_and_axis_labels():
    app = BoundaryApp(None)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot())
        assert "o" in plot_text(view) and "x" in plot_text(view)
        assert all(line.isascii() for line in drawn(view))
        assert {"-6", "0", "6"} <= set(drawn(view)[-1].split())


@pytest.mark.parametrize("show_test_data", [False, True])
async def test_test_points_appear_only_when_asked_for(show_test_data):
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot(show_test_data=show_test_data))
        text = plot_text(view)
        assert ("○" in text and "△" in text) == show_test_data
        assert ("○" in text or "△" in text) == show_test_data


async def test_identical_snapshot_refreshes_nothing(monkeypatch):
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(BoundaryView)
        view.show(snapshot())
        await pilot.pause()
        calls = record_refreshes(view, monkeypatch)
        view.show(snapshot())
        assert calls == []


async def test_changed_network_refreshes_only_changed_rows(monkeypatch):
    trainer = Trainer(Config(seed="0.59704"))
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(BoundaryView)
        view.show(trainer.snapshot())
        await pilot.pause()
        calls = record_refreshes(view, monkeypatch)
        trainer.step(20)
        view.show(trainer.snapshot())
        rows = {region.y for regions in calls for region in regions}
        assert len(calls) == 1 and all(len(regions) > 0 for regions in calls)
        assert all(region.height == 1 and region.width == SIZE[0] for region in calls[0])
        assert 0 < len(rows) < SIZE[1] and 0 not in rows  # the title did not change


async def test_discretize_uses_only_the_two_extreme_shades():
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot(discretize=True))
        extremes = {Color.parse(PALETTE.shades[0]), Color.parse(PALETTE.shades[-1])}
        cells = [s for s in plot_segments(view) if set(s.text) <= {" ", "▀"}]
        assert cells
        assert {s.style.bgcolor for s in cells} <= extremes
        assert {s.style.color for s in cells if "▀" in s.text} <= extremes


def test_discretized_keeps_nan():
    out = discretized(np.array([-0.3, 0.0, 0.2, np.nan]))
    np.testing.assert_array_equal(out, [-1.0, 1.0, 1.0, np.nan])


async def test_nan_network_draws_in_the_palette_grey():
    broken = snapshot()
    broken.network.params[:] = np.nan
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(broken)
        backgrounds = {s.style.bgcolor for s in plot_segments(view)}
        assert backgrounds == {Color.parse(PALETTE.nan)}


async def test_nan_network_draws_question_marks_in_ascii():
    broken = snapshot()
    broken.network.params[:] = np.nan
    app = BoundaryApp(None)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(broken)
        assert set(plot_text(view)) <= set("?oxOX\n")


async def test_hidden_neuron_is_titled_and_drawn():
    app = BoundaryApp(None)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot())
        output = plot_text(view)
        view.show(snapshot(), node=Node.hidden(1, 2))
        assert view.title == "Neuron 3 of hidden layer 1"
        assert plot_text(view) != output


async def test_feature_x1_is_orange_left_and_blue_right():
    app = BoundaryApp(None)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot(), node=Node.feature("x"))
        assert view.title == "Feature x1"
        rows = plot_text(view).splitlines()
        third = len(rows[0]) // 3
        assert all("#" not in row[:third] and "=" not in row[-third:] for row in rows)
        assert all("=" in row[:third] and "#" in row[-third:] for row in rows)


async def test_feature_title_uses_the_unicode_label_in_colour():
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot(features=("x", "y", "xSquared")), node=Node.feature("xSquared"))
        assert view.title == "Feature X₁²"


async def test_missing_neuron_falls_back_to_the_output():
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE):
        view = app.query_one(BoundaryView)
        view.show(snapshot(), node=Node.hidden(1, 99))
        assert view.title == "Output"


async def test_palette_change_redraws_everything(monkeypatch):
    app = BoundaryApp(None)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(BoundaryView)
        view.show(snapshot())
        await pilot.pause()
        calls = record_refreshes(view, monkeypatch)
        view.palette = PALETTE
        assert calls == [()]
        assert "●" in plot_text(view)


async def test_resize_lays_the_plot_out_again():
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(BoundaryView)
        view.show(snapshot())
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        assert view.plot_region.height == plot_rows(50, 20) == len(plot_text(view).splitlines())
        assert "●" in plot_text(view)


async def test_rows_follow_the_widgets_colours_when_the_theme_changes():
    app = BoundaryApp(PALETTE)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(BoundaryView)
        view.show(snapshot())
        title_background = lambda: view.render_line(0)._segments[0].style.bgcolor  # noqa: E731
        assert title_background() == view.rich_style.bgcolor
        before = view.rich_style.bgcolor
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert view.rich_style.bgcolor != before
        assert title_background() == view.rich_style.bgcolor
