"""plan_layout: what collapses at which terminal size."""

from tui_nn.ui.screen_layout import MIN_HEIGHT, MIN_WIDTH, plan_layout


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
