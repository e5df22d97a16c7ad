"""Lessons, coach, undo and replay in the app: driven through keys, checked on widget state."""

from __future__ import annotations

import numpy as np
from textual.message import Message

from helpers import drawn, make_app, running, started, stepped, wait_until
from tui_nn.core.config import Config
from tui_nn.core.lessons import load_lessons
from tui_nn.ui.screens.lessons import LessonMenu
from tui_nn.ui.widgets.lesson_panel import LessonPanel
from tui_nn.ui.widgets.status_bar import StatusBar

TUTORIAL_LINK = "dataset=xor&seed=0.42&networkShape=3&tutorial=xor-smallest&activation_hide=true"


def panel_text(app) -> str:
    return "\n".join(drawn(app.query_one(LessonPanel)))


async def open_lesson(pilot, app, name: str) -> None:
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(app.screen, LessonMenu))
    index = list(app.lessons).index(name)
    await pilot.press(*["down"] * index, "enter")
    await wait_until(pilot, lambda: app.lesson is not None and app.lesson.lesson.name == name)


async def test_a_opens_the_lesson_menu_listing_every_bundled_lesson():
    app = make_app()
    async with running(app) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonMenu))
        titles = [app.screen.options.get_option_at_index(i).prompt for i in range(app.screen.options.option_count)]
        assert titles[:3] == ["Learning rate: too small", "Learning rate: moderate", "Learning rate: too large"]


async def test_choosing_a_lesson_opens_its_experiment_and_hides_its_unused_controls():
    seen: list[Message] = []
    app = make_app()
    async with running(app, seen=seen) as pilot:
        await started(pilot, seen)
        await open_lesson(pilot, app, "lr-too-small")
        await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.00001)
        assert "activation" in app.state.config.hidden_controls
        assert "Lesson: Learning rate: too small" in panel_text(app)
        assert "raise the learning rate (])" in panel_text(app)


async def test_the_panel_says_in_numbers_when_a_target_is_met():
    seen: list[Message] = []
    app = make_app()
    async with running(app, seen=seen) as pilot:
        await started(pilot, seen)
        await open_lesson(pilot, app, "lr-too-small")
        await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.00001)
        await pilot.press(*["right_square_bracket"] * 5)  # 0.00001 -> 0.03
        await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.03)
        await stepped(pilot, app, 110)
        await wait_until(pilot, lambda: "target met" in panel_text(app))
        assert "test loss fell below 0.05 at epoch 101: target met" in panel_text(app)


async def test_a_tutorial_link_opens_its_lesson_on_the_links_run():
    app = make_app(Config.from_link(TUTORIAL_LINK))
    async with running(app, (80, 24)) as pilot:
        await wait_until(pilot, lambda: app.lesson is not None)
        assert app.lesson.lesson.name == "xor-smallest"
        assert app.snapshot.config.hidden_layers == (3,)
        assert "XOR with the smallest network" in panel_text(app)


async def test_the_lesson_panel_leaves_room_at_80x24():
    app = make_app(Config.from_link(TUTORIAL_LINK))
    async with running(app, (80, 24)) as pilot:
        await wait_until(pilot, lambda: app.lesson is not None)
        await pilot.pause()
        assert not app.layout_plan.too_small
        assert app.query_one(LessonPanel).outer_size.height == 4


async def test_an_unknown_tutorial_is_named_and_ignored():
    app = make_app(Config.from_link("dataset=xor&seed=0.42&tutorial=neurons"))
    async with running(app) as pilot:
        await pilot.pause()
        assert app.lesson is None and "'neurons'" in app.query_one(StatusBar).message


async def test_leaving_the_lesson_closes_its_panel():
    app = make_app(Config.from_link(TUTORIAL_LINK))
    async with running(app) as pilot:
        await wait_until(pilot, lambda: app.lesson is not None)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonMenu))
        await pilot.press("end", "enter")
        await wait_until(pilot, lambda: app.lesson is None)
        assert app.query_one(LessonPanel).size.height == 0


async def test_an_instructor_lesson_is_in_the_menu(tmp_path):
    (tmp_path / "mine.lesson").write_text(
        "[lesson]\ntitle = Mine\nlink = dataset=gauss&seed=0.42\nwatch = w\nepochs = 5\n"
        "[target t]\nsay = s\nmeasure = test_loss\nbelow = 1\n")
    app = make_app(lessons=load_lessons((tmp_path,)))
    async with running(app) as pilot:
        await open_lesson(pilot, app, "mine")
        await wait_until(pilot, lambda: app.snapshot.config.dataset == "gauss")


async def test_the_coach_names_too_small_a_learning_rate_on_the_status_line():
    seen: list[Message] = []
    app = make_app(Config.from_link("dataset=circle&learningRate=0.00001&seed=0.42"))
    async with running(app, seen=seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 110)
        await wait_until(pilot, lambda: "too small a learning rate; ] raises it" in "".join(drawn(app.query_one(StatusBar))))


async def test_shift_u_brings_back_the_run_a_reset_discarded():
    seen: list[Message] = []
    app = make_app()
    async with running(app, seen=seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 40)
        weights = app.snapshot.network.params.copy()
        await pilot.press("r")
        await wait_until(pilot, lambda: app.snapshot.epoch == 0)
        await pilot.press("U")
        await wait_until(pilot, lambda: app.snapshot.epoch == 40)
        np.testing.assert_array_equal(app.snapshot.network.params, weights)


async def test_shift_u_brings_back_the_settings_of_a_run_a_new_dataset_discarded():
    seen: list[Message] = []
    app = make_app()
    async with running(app, seen=seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 30)
        await pilot.press("down", "right")  # dataset: circle -> xor
        await wait_until(pilot, lambda: app.snapshot.config.dataset == "xor" and app.snapshot.epoch == 0)
        await pilot.press("U")
        await wait_until(pilot, lambda: app.snapshot.epoch == 30)
        assert app.state.config.dataset == "circle" and app.snapshot.config.dataset == "circle"


async def test_b_replays_the_past_with_the_arrows_and_esc_returns():
    seen: list[Message] = []
    app = make_app()
    async with running(app, seen=seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 10)
        cursor = app.settings_panel.cursor
        await pilot.press("b")
        await wait_until(pilot, lambda: app.replaying)
        await pilot.press("left", "left")
        await wait_until(pilot, lambda: app.snapshot.epoch == 8)
        assert app.settings_panel.cursor == cursor and app.state.config.dataset == "circle"
        assert "Replay: epoch 8" in "".join(drawn(app.query_one(StatusBar)))
        await pilot.press("z")  # a change of view only: the replay goes on, and the status line says so
        await wait_until(pilot, lambda: app.state.loss_from_zero)
        assert app.replaying and "Replay: epoch 8" in "".join(drawn(app.query_one(StatusBar)))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app.replaying and app.snapshot.epoch == 10)
        await pilot.press("right")  # the arrows go back to the settings panel
        await wait_until(pilot, lambda: app.state.config.problem == "regression")


async def test_sharing_a_lesson_run_gives_a_link_that_reopens_the_lesson():
    seen: list[Message] = []
    app = make_app()
    async with running(app, seen=seen) as pilot:
        await started(pilot, seen)
        await open_lesson(pilot, app, "depth-circle")
        await wait_until(pilot, lambda: app.snapshot.config.tutorial == "depth-circle")
        link = app.snapshot.config.to_link()
        assert "tutorial=depth-circle" in link and "activation_hide=true" in link


async def test_shift_u_after_opening_a_lesson_brings_back_the_run_it_replaced():
    seen: list[Message] = []
    app = make_app()
    async with running(app, seen=seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 20)
        await open_lesson(pilot, app, "lr-too-small")
        await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.00001)
        await pilot.press("U")
        await wait_until(pilot, lambda: app.snapshot.epoch == 20 and app.snapshot.config.learning_rate == 0.03)


async def test_the_lesson_panel_is_plain_ascii_in_ascii_mode():
    app = make_app(Config.from_link(TUTORIAL_LINK), ascii_mode=True)
    async with running(app, (80, 24)) as pilot:
        await wait_until(pilot, lambda: app.lesson is not None)
        await pilot.pause()
        assert panel_text(app).isascii() and "[ ]" in panel_text(app)


async def test_2_adds_l2_regularization_then_raises_its_rate():
    app = make_app()
    async with running(app) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: app.state.config.regularization == "L2")
        assert app.state.config.regularization_rate == 0.03
        await pilot.press("2")
        await wait_until(pilot, lambda: app.state.config.regularization_rate == 0.1)


async def test_z_starts_the_loss_chart_from_zero():
    app = make_app()
    async with running(app) as pilot:
        await pilot.press("z")
        await wait_until(pilot, lambda: app.state.loss_from_zero)
        from tui_nn.ui.widgets.loss_chart import LossChart
        assert app.query_one(LossChart).from_zero
