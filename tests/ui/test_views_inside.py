"""The views inside the network through the real app: links (w), hidden space (i), loss valley (v), steps (u)."""

from __future__ import annotations

import pytest

from helpers import drawn, make_app, started, stepped, ticks, wait_until
from tui_nn.ui.commands import palette_commands
from tui_nn.ui.screens.hidden_space import HiddenSpaceScreen
from tui_nn.ui.screens.loss_valley import LossValleyScreen

SIZES = [(120, 40), (80, 24)]


def has_braille(lines: list[str]) -> bool:
    return any("\u2801" <= char <= "\u28ff" for line in lines for char in line)


@pytest.mark.parametrize("size", SIZES)
async def test_w_draws_the_weighted_links_in_the_network_view(app, pilot, seen, size):
    await started(pilot, seen)
    await pilot.press("tab")
    assert not has_braille(drawn(app.network_view))
    await pilot.press("w")
    await wait_until(pilot, lambda: has_braille(drawn(app.network_view)))
    await pilot.press("w")
    await wait_until(pilot, lambda: not has_braille(drawn(app.network_view)))


@pytest.mark.app(ascii_mode=True)
async def test_ascii_links_show_signs(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("tab", "w")
    await pilot.pause()
    rows = drawn(app.network_view)
    assert not has_braille(rows)
    assert any("++" in row or "--" in row for row in rows[1:12])


@pytest.mark.parametrize("size", SIZES)
async def test_i_opens_the_hidden_space_and_keys_cycle_layer_and_pair(app, pilot, seen, size):
    await started(pilot, seen)
    await pilot.press("i")
    await wait_until(pilot, lambda: isinstance(app.screen, HiddenSpaceScreen) and has_braille(app.screen.canvas.text))
    screen = app.screen
    assert "L1 n1" in str(screen.title_line.render()) and "pair 1/6" in str(screen.title_line.render())
    await pilot.press("n")
    assert screen.pair_index == 1
    await pilot.press("l")
    assert (screen.hidden_layer, screen.pair_index) == (2, 0)
    await stepped(pilot, app, 1)
    await wait_until(pilot, lambda: "epoch 1" in str(screen.title_line.render()))
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(app.screen, HiddenSpaceScreen))


@pytest.mark.parametrize("size", SIZES)
async def test_v_opens_the_loss_valley_centred_on_the_training_loss(app, pilot, seen, size):
    await started(pilot, seen)
    await stepped(pilot, app, 5)
    await pilot.press("v")
    await wait_until(pilot, lambda: isinstance(app.screen, LossValleyScreen) and app.screen.piece is not None)
    screen = app.screen
    assert screen.piece.kind == "trajectory"
    assert screen.piece.centre == pytest.approx(app.snapshot.train_loss, rel=1e-12)
    assert "last step" in str(screen.title_line.render())
    await pilot.pause()
    assert any("◆" in row for row in screen.canvas.text)
    await pilot.press("m")
    await wait_until(pilot, lambda: screen.piece.kind == "random")
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(app.screen, LossValleyScreen))


@pytest.mark.app(size=(80, 24), ascii_mode=True)
async def test_a_step_while_the_valley_is_open_recomputes_it(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("v")
    await wait_until(pilot, lambda: isinstance(app.screen, LossValleyScreen) and app.screen.piece is not None)
    await stepped(pilot, app, 3)
    await wait_until(pilot, lambda: app.screen._shown is app.snapshot)
    assert any("X" in row for row in app.screen.canvas.text)


async def test_u_shows_the_last_steps_in_the_inspector(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("tab", "u")
    await wait_until(pilot, lambda: any("no update yet" in row for row in drawn(app.network_view)))
    await stepped(pilot, app, 1)
    await wait_until(pilot, lambda: any("slope" in row for row in drawn(app.network_view)))
    assert any("▲▼ downhill; step = 0.03 x slope" in row for row in drawn(app.network_view))


def test_every_view_is_in_the_help_and_the_palette():
    app = make_app()
    helped = dict(app.key_help())
    assert {"w", "i", "v", "u"} <= set(helped)
    assert "loss valley" in helped["v"] and "hidden space" in helped["i"]
    assert {"l", "n", "p", "m", "enter", "escape, i", "escape, v"} <= set(helped)
    titles = {command.title for command in palette_commands(app, app.BINDINGS, lambda row, delta: None)}
    assert {"Links", "Hidden space", "Loss valley", "Gradient"} <= titles


async def test_the_open_views_do_no_work_while_paused_and_unchanged(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("v")
    await wait_until(pilot, lambda: isinstance(app.screen, LossValleyScreen) and app.screen.piece is not None)
    first, frames = app.screen.piece, len(ticks(seen))
    await pilot.pause(0.6)  # longer than the paused loop's wake-up: it must publish nothing
    assert app.screen.piece is first and len(ticks(seen)) == frames
