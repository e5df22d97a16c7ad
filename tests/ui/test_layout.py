"""plan_layout: what collapses at which terminal size."""

import pytest

from tui_nn.ui.screen_layout import CHART_ROWS, MIN_HEIGHT, MIN_WIDTH, SETTINGS_COLS, plan_layout


def test_wide_terminal_shows_everything():
    plan = plan_layout(120, 40)
    assert not (plan.too_small or plan.narrow or plan.short)


def test_80x24_collapses_chart_and_shares_the_side_column():
    plan = plan_layout(80, 24)
    assert plan.short and plan.narrow and not plan.too_small


def test_below_the_minimum_names_the_needed_size():
    plan = plan_layout(40, 12)
    assert plan.too_small
    assert f"need {MIN_WIDTH}x{MIN_HEIGHT}" in plan.message


def test_boundary_column_leaves_room_for_the_side_panel():
    for width, height in ((60, 20), (80, 24), (120, 40), (200, 60)):
        plan = plan_layout(width, height)
        assert width - plan.right_width >= 30


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (71, 40), (60, 20)])
async def test_the_plan_is_what_the_app_draws(app, pilot, size):
    # The plan's sizes are the running widgets' sizes: each is defined once, not copied.
    plan = plan_layout(*size)
    await pilot.pause()
    assert tuple(app.boundary_view.size) == plan.boundary_size
    assert app.boundary_view.plot_region.height == plan.plot_rows
    assert app.settings_panel.outer_size.width == (SETTINGS_COLS if not plan.narrow else size[0] - plan.right_width)
    if not plan.short:
        assert app.loss_chart.outer_size.height == CHART_ROWS
