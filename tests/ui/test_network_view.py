"""NetworkView: the cursor and the messages its keys post, thumbnails, the inspector, and sizes from roomy to tiny."""

from __future__ import annotations

import numpy as np
import pytest
from textual.app import App, ComposeResult
from textual.message import Message

from helpers import SEED, drawn, snapshot
from tui_nn.core.config import Config
from tui_nn.core.nodes import Node
from tui_nn.draw.palettes import PALETTES
from tui_nn.core.trainer import Snapshot, Trainer
from tui_nn.ui.widgets.network_view import NetworkView



class ViewApp(App[None]):
    """A NetworkView of a fixed size, as the app gives it, inside a larger terminal."""

    def __init__(self, palette: str | None = "truecolor", size: tuple[int, int] = (60, 30)) -> None:
        super().__init__()
        self.palette = None if palette is None else PALETTES[palette]
        self.view_size = size

    def compose(self) -> ComposeResult:
        view = NetworkView(self.palette, id="network")
        view.styles.width, view.styles.height = self.view_size
        yield view


def posted(seen: list[Message], kind: type[Message]) -> list:
    """Messages of one kind, each once (the hook sees a message at every node it bubbles through)."""
    return list({id(m): m for m in seen if isinstance(m, kind)}.values())


async def shown(pilot, snap: Snapshot | None = None) -> NetworkView:
    view = pilot.app.query_one(NetworkView)
    view.show(snap or snapshot())
    view.focus()
    await pilot.pause()
    return view


async def test_cursor_starts_on_the_output():
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        assert view.selected == Node.output()


async def test_arrows_move_the_cursor_and_post_selected():
    seen: list[Message] = []
    async with ViewApp().run_test(size=(120, 40), message_hook=seen.append) as pilot:
        view = await shown(pilot)
        await pilot.press("left", "down", "left", "up")
        assert view.selected == Node.hidden(1, 0)
        moves = [m.node for m in posted(seen, NetworkView.Selected)]
        assert moves == [Node.hidden(2, 0), Node.hidden(2, 1), Node.hidden(1, 1), Node.hidden(1, 0)]


async def test_cursor_stops_at_the_edges_without_posting():
    seen: list[Message] = []
    async with ViewApp().run_test(size=(120, 40), message_hook=seen.append) as pilot:
        view = await shown(pilot)
        await pilot.press("right", "down", "up")
        assert view.selected == Node.output()
        assert posted(seen, NetworkView.Selected) == []


async def test_moving_into_a_shorter_column_keeps_the_index_in_range():
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        view.select(Node.feature("sinY"))
        await pilot.press("right")
        assert view.selected == Node.hidden(1, 3)


async def test_enter_on_a_feature_posts_feature_toggled_with_its_key():
    seen: list[Message] = []
    async with ViewApp().run_test(size=(120, 40), message_hook=seen.append) as pilot:
        view = await shown(pilot)
        view.select(Node.feature("xSquared"))
        await pilot.press("enter")
        assert [m.key for m in posted(seen, NetworkView.FeatureToggled)] == ["xSquared"]
        assert posted(seen, NetworkView.EditRequested) == []


async def test_enter_on_a_neuron_posts_edit_requested():
    seen: list[Message] = []
    async with ViewApp().run_test(size=(120, 40), message_hook=seen.append) as pilot:
        view = await shown(pilot)
        view.select(Node.hidden(1, 2))
        await pilot.press("enter")
        assert [m.node for m in posted(seen, NetworkView.EditRequested)] == [Node.hidden(1, 2)]
        assert posted(seen, NetworkView.FeatureToggled) == []


async def test_plus_equals_and_minus_post_neurons_changed_for_the_hidden_layer():
    seen: list[Message] = []
    async with ViewApp().run_test(size=(120, 40), message_hook=seen.append) as pilot:
        view = await shown(pilot)
        view.select(Node.hidden(2, 0))
        await pilot.press("+", "=", "-")
        changes = [(m.layer, m.delta) for m in posted(seen, NetworkView.NeuronsChanged)]
        assert changes == [(1, 1), (1, 1), (1, -1)]


async def test_plus_does_nothing_on_the_output_or_the_inputs():
    seen: list[Message] = []
    async with ViewApp().run_test(size=(120, 40), message_hook=seen.append) as pilot:
        view = await shown(pilot)
        await pilot.press("+")
        view.select(Node.feature("x"))
        await pilot.press("-")
        assert posted(seen, NetworkView.NeuronsChanged) == []


async def test_inactive_features_are_marked_and_faded():
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        text = drawn(view)
        active = next(line for line in text if "X₂" in line and "X₂²" not in line)
        inactive = next(line for line in text if "X₂²" in line)
        assert "●X₂" in active and "░" not in active
        assert "○X₂²" in inactive and "░" in inactive


async def test_inspector_lists_each_weight_and_the_bias_with_signs():
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        text = drawn(view)
        assert sum(line.startswith("L2 n") for line in text) == 2
        assert any(line.startswith("L2 n1   -0.23 ") for line in text)
        assert any(line.startswith("L2 n2   -0.20 ") for line in text)
        assert any(line.startswith("bias    +0.10 ") for line in text)


async def test_inspector_names_features_as_sources_of_the_first_layer():
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        view.select(Node.hidden(1, 1))
        await pilot.pause()
        text = drawn(view)
        assert any("Layer 1 · neuron 2" in line for line in text)
        assert any(line.startswith("X₁") and "+0.34" in line for line in text)
        assert any(line.startswith("X₂") and "+0.40" in line for line in text)


async def test_inspector_shows_a_feature_formula_and_whether_it_is_on():
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        view.select(Node.feature("xSquared"))
        await pilot.pause()
        text = "\n".join(drawn(view))
        assert "X₁² = x1·x1" in text and "off: enter turns it on" in text


async def test_dead_links_are_counted_and_marked():
    snap = snapshot()
    snap.network.dead = np.zeros(snap.network.params.size, dtype=bool)
    snap.network.dead_views()[2][0, 1] = True
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot, snap)
        text = drawn(view)
        assert any("1 dead link (L1)" in line for line in text)
        assert any(line.startswith("L2 n2") and "dead (L1)" in line for line in text)


async def test_inspector_scrolls_when_a_neuron_has_many_inputs():
    snap = snapshot(features=("x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"), hidden_layers=(4,))
    async with ViewApp(size=(34, 20)).run_test(size=(120, 40)) as pilot:
        view = await shown(pilot, snap)
        view.select(Node.hidden(1, 0))
        await pilot.pause()
        assert any("more (pgdn)" in line for line in drawn(view))
        await pilot.press("pagedown")
        assert any("above" in line for line in drawn(view))


async def test_an_unchanged_snapshot_does_not_repaint(monkeypatch):
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        calls: list[tuple] = []
        monkeypatch.setattr(view, "refresh", lambda *args, **kwargs: calls.append(args))
        view.show(snapshot())
        assert calls == []


async def test_a_new_snapshot_repaints_only_rows_that_changed(monkeypatch):
    trainer = Trainer(Config(seed=SEED))
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot, trainer.snapshot())
        calls: list[tuple] = []
        monkeypatch.setattr(view, "refresh", lambda *args, **kwargs: calls.append(args))
        trainer.step(50)
        view.show(trainer.snapshot())
        regions = [region for args in calls for region in args]
        assert regions and all(region.height == 1 for region in regions)
        assert len(regions) < view.size.height


async def test_fewer_neurons_move_the_cursor_into_range_and_post_selected():
    seen: list[Message] = []
    async with ViewApp().run_test(size=(120, 40), message_hook=seen.append) as pilot:
        view = await shown(pilot)
        view.select(Node.hidden(1, 3))
        view.show(snapshot(hidden_layers=(2,)))
        await pilot.pause()
        assert view.selected == Node.hidden(1, 1)
        assert Node.hidden(1, 1) in [m.node for m in posted(seen, NetworkView.Selected)]


async def test_cursor_on_the_output_stays_there_when_layers_change():
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        view.show(snapshot(hidden_layers=(3, 3, 3)))
        assert view.selected == Node.output()


async def test_clicking_a_feature_label_selects_it():
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        y = next(y for y, line in enumerate(drawn(view)) if "X₂²" in line)
        await pilot.click(NetworkView, offset=(1, y))
        assert view.selected == Node.feature("ySquared")


async def test_80x24_space_fits_every_column_with_small_thumbnails():
    async with ViewApp(size=(34, 20)).run_test(size=(80, 24)) as pilot:
        view = await shown(pilot)
        text = drawn(view)
        assert all(name in text[0] for name in ("L1", "L2", "Out"))
        cursor_row = next(line for line in text if "▐" in line)
        assert cursor_row.index("▌") - cursor_row.index("▐") - 1 == 4
        assert any(line.startswith("bias") for line in text)


@pytest.mark.parametrize("size", [(20, 8), (12, 4), (3, 2), (1, 1)])
async def test_tiny_sizes_draw_what_fits(size):
    async with ViewApp(size=size).run_test(size=(40, 12)) as pilot:
        view = await shown(pilot)
        await pilot.press("left", "up", "enter", "+")
        assert all(len(line) == size[0] for line in drawn(view))


async def test_ascii_mode_draws_only_ascii():
    async with ViewApp(palette=None).run_test(size=(120, 40)) as pilot:
        view = await shown(pilot, Trainer(Config(seed=SEED)).snapshot())
        text = drawn(view)
        assert all(line.isascii() for line in text)
        assert any("*x1" in line for line in text) and any("off" in line for line in text)
        assert any(line.startswith("L2 n1   -0.23 -") for line in text)
        assert any("[" in line and "]" in line for line in text)


async def test_a_diverged_network_draws_grey_and_nan_without_raising():
    snap = snapshot()
    snap.network.params[:] = np.nan
    async with ViewApp().run_test(size=(120, 40)) as pilot:
        view = await shown(pilot, snap)
        grey = PALETTES["truecolor"].nan
        backgrounds = [seg.style.bgcolor for y in range(view.size.height) for seg in view.render_line(y) if seg.style]
        assert any(colour is not None and colour.name == grey for colour in backgrounds)
        assert any("NaN" in line for line in drawn(view))


async def test_a_diverged_network_draws_question_marks_in_ascii():
    snap = snapshot()
    snap.network.params[:] = np.inf
    async with ViewApp(palette=None).run_test(size=(120, 40)) as pilot:
        view = await shown(pilot, snap)
        assert any("?" in line for line in drawn(view))
