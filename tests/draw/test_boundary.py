"""Tests for the plain-data renderers: exact strings on tiny grids, no terminal."""

import subprocess
import sys

import numpy as np
import pytest
from rich.color import Color

from tui_nn.core.plane import grid_points
from tui_nn.draw.boundary import (
    ASCII_SHADES,
    COLOR_SYSTEMS,
    PALETTES,
    Palette,
    PointLayer,
    ascii_rows,
    block_mean,
    boundary_rows,
    quantize,
)

NAN = float("nan")
# Three shades (orange "o", white "w", blue "b") keep the goldens readable:
# quantize(v, 3) is 0 below -1/3, 1 on [-1/3, 1/3), 2 from 1/3 up.
TINY = Palette(
    shades=("o", "w", "b"), nan="n", positive="P", negative="N", point_shades=("o*", "w*", "b*")
)


def layer(points, labels, test=False):
    return PointLayer(np.array(points, dtype=float), np.array(labels, dtype=float), test)


def flat(grid_rows):
    return np.array(grid_rows, dtype=float)


# quantize


def test_quantize_maps_ends_zero_and_nan():
    values = np.array([-1.0, -0.0, 0.0, 1.0, NAN])
    result = quantize(values, 5)
    assert result.dtype == np.int8
    assert result.tolist() == [0, 2, 2, 4, -1]


def test_quantize_clips_values_beyond_range():
    values = np.array([-5.0, 5.0, np.inf, -np.inf])
    assert quantize(values, 5).tolist() == [0, 4, 4, 0]


def test_quantize_uses_equal_width_bins_like_d3():
    # Bin edges for 3 shades sit at -1/3 and +1/3.
    assert quantize(np.array([-0.34, -0.33, 0.33, 0.34]), 3).tolist() == [0, 1, 1, 2]


@pytest.mark.parametrize("n_shades", [3, 5, 7, 9, 11, 31])
def test_quantize_puts_zero_on_the_middle_shade(n_shades):
    assert quantize(np.array([0.0]), n_shades).tolist() == [n_shades // 2]


def test_quantize_keeps_shape():
    assert quantize(np.zeros((2, 3)), 5).shape == (2, 3)


# grid_points


def test_grid_points_are_pixel_centres_row_major_from_the_top():
    expected = [[-4, 3], [0, 3], [4, 3], [-4, -3], [0, -3], [4, -3]]
    np.testing.assert_allclose(grid_points(3, 2), expected)


# boundary_rows


def test_boundary_pairs_half_blocks_and_merges_runs():
    values = flat([[-1, -1, 1], [1, 1, 1], [0, 0, NAN], [0, 0, NAN]])
    assert boundary_rows(values, TINY) == [
        [("▀▀", "o", "b"), (" ", None, "b")],
        [("  ", None, "w"), (" ", None, "n")],
    ]


def test_boundary_equal_shades_are_a_space_on_that_background():
    assert boundary_rows(flat([[0.9], [0.4]]), TINY) == [[(" ", None, "b")]]


def test_boundary_nan_over_a_value_is_a_half_block_in_nan_grey():
    assert boundary_rows(flat([[NAN], [1]]), TINY) == [[("▀", "n", "b")]]


def test_boundary_rows_cover_every_column_without_adjacent_equal_styles():
    values = np.random.default_rng(0).uniform(-1.2, 1.2, size=(10, 17))
    for row in boundary_rows(values, PALETTES["256"]):
        assert sum(len(text) for text, _, _ in row) == 17
        styles = [(fg, bg, text[0]) for text, fg, bg in row]
        assert all(a != b for a, b in zip(styles, styles[1:]))


def test_boundary_rejects_an_odd_number_of_pixel_rows():
    with pytest.raises(ValueError, match="2 \\* rows"):
        boundary_rows(np.zeros((3, 2)), TINY)


def test_points_land_top_right_and_bottom_left_and_outside_is_skipped():
    points = layer([[6, 6], [-6, -6], [7, 0], [0, -6.5], [NAN, 0]], [1, -1, 1, 1, 1])
    assert boundary_rows(np.zeros((4, 4)), TINY, [points]) == [
        [("   ", None, "w"), ("●", "P", "w")],
        [("▲", "N", "w"), ("   ", None, "w")],
    ]


def test_test_points_use_hollow_glyphs():
    points = layer([[-6, 6], [6, 6]], [1, -1], test=True)
    expected = [[("○", "P", "w"), ("△", "N", "w")]]
    assert boundary_rows(np.zeros((2, 2)), TINY, [points]) == expected


def test_later_layers_draw_over_earlier_ones():
    train = layer([[6, 6]], [1])
    test = layer([[6, 6]], [-1], test=True)
    assert boundary_rows(np.zeros((2, 1)), TINY, [train, test]) == [[("△", "N", "w")]]


def test_point_background_is_the_shade_of_the_cell_mean():
    values = flat([[1, 1, NAN], [-1, 0.5, 0]])
    points = layer([[-5, 0], [0, 0], [5, 0]], [1, 1, 1])
    assert boundary_rows(values, TINY, [points]) == [
        [("●", "P", "w"), ("●", "P", "b"), ("●", "P", "n")],
    ]


def test_adjacent_equal_points_merge_into_one_segment():
    points = layer([[-3, 0], [3, 0]], [1, 1])
    assert boundary_rows(np.zeros((2, 2)), TINY, [points]) == [[("●●", "P", "w")]]


def test_regression_points_take_the_point_shade_of_their_label():
    train = layer([[-6, 0]], [0.9])
    test = layer([[6, 0]], [-3.0], test=True)
    assert boundary_rows(np.zeros((2, 2)), TINY, [train, test], regression=True) == [
        [("●", "b*", "w"), ("○", "o*", "w")],
    ]


def test_points_that_look_the_same_merge_even_with_different_values():
    palette = Palette(
        shades=("o", "w", "b"), nan="n", positive="P", negative="N", point_shades=("k",) * 3
    )
    points = layer([[-3, 0], [3, 0]], [-1, 1])
    expected = [[("●●", "k", "w")]]
    assert boundary_rows(np.zeros((2, 2)), palette, [points], regression=True) == expected


def test_regression_points_fall_back_to_shades_without_point_shades():
    palette = Palette(shades=("o", "w", "b"), nan="n", positive="P", negative="N")
    points = layer([[0, 0]], [-1])
    assert boundary_rows(np.zeros((2, 1)), palette, [points], regression=True) == [
        [("●", "o", "w")]
    ]


# ascii_rows


def test_ascii_rows_shade_values_and_mark_nan():
    values = flat([[-1, -0.5, 0], [0.5, 1, NAN]])
    assert ascii_rows(values) == ["=- ", "+#?"]


def test_ascii_rows_draw_class_and_test_glyphs():
    values = flat([[-1, 0, 1], [-0.5, NAN, 0.5], [0, 0, 0]])
    train = layer([[6, 6], [-6, -6], [9, 9]], [1, -1, 1])
    test = layer([[0, 0], [-6, 6]], [1, -1], test=True)
    assert ascii_rows(values, [train, test]) == ["X o", "-O+", "x  "]


def test_ascii_rows_draw_regression_points_as_star_and_at():
    train = layer([[-6, 0]], [0.3])
    test = layer([[6, 0]], [-0.7], test=True)
    assert ascii_rows(np.zeros((1, 3)), [train, test], regression=True) == ["* @"]


def test_ascii_shades_are_odd_plain_ascii_and_unlike_point_glyphs():
    assert len(ASCII_SHADES) % 2 == 1
    assert ASCII_SHADES[len(ASCII_SHADES) // 2] == " "
    assert ASCII_SHADES.isascii() and len(set(ASCII_SHADES)) == len(ASCII_SHADES)
    assert not set(ASCII_SHADES) & set("oxOX*@?")


# palettes


def every_colour(palette):
    return [*palette.shades, *palette.point_shades, palette.nan, palette.positive, palette.negative]


def test_there_is_one_palette_per_colour_system():
    assert tuple(PALETTES) == COLOR_SYSTEMS


@pytest.mark.parametrize("system", COLOR_SYSTEMS)
def test_every_palette_colour_parses_in_rich(system):
    for colour in every_colour(PALETTES[system]):
        Color.parse(colour)


@pytest.mark.parametrize("system", COLOR_SYSTEMS)
def test_palette_shades_are_odd_distinct_and_not_the_nan_grey(system):
    palette = PALETTES[system]
    assert len(palette.shades) % 2 == 1
    assert len(set(palette.shades)) == len(palette.shades)
    assert palette.nan not in palette.shades
    assert len(palette.point_shades) == len(palette.shades)


@pytest.mark.parametrize("system", ["truecolor", "256"])
def test_palette_runs_orange_to_blue_with_distinct_colours(system):
    palette = PALETTES[system]
    rgb = [Color.parse(c).get_truecolor() for c in palette.shades]
    middle = len(rgb) // 2
    assert len(set(rgb)) == len(rgb)
    assert all(r > b for r, _, b in rgb[:middle])
    assert all(b > r for r, _, b in rgb[middle + 1 :])
    positive = Color.parse(palette.positive).get_truecolor()
    negative = Color.parse(palette.negative).get_truecolor()
    assert positive.blue > positive.red and negative.red > negative.blue


def test_truecolor_shades_are_the_playground_heatmap_over_white():
    # #f59322, #e8eaeb and #0877bd composited over white at alpha 160/255.
    shades = PALETTES["truecolor"].shades
    assert (shades[0], shades[len(shades) // 2], shades[-1]) == ("#f9bb74", "#f1f2f2", "#64aad6")


def test_sixteen_colour_palette_uses_ansi_names_only():
    for colour in every_colour(PALETTES["16"]):
        assert Color.parse(colour).number < 16


def test_palette_rejects_an_even_number_of_shades():
    with pytest.raises(ValueError, match="odd"):
        Palette(shades=("a", "b"), nan="n", positive="p", negative="q")


# block_mean


def test_block_mean_takes_the_mean_of_each_block_of_each_grid():
    grids = np.arange(32.0).reshape(2, 4, 4)
    np.testing.assert_allclose(block_mean(grids, 2, 2)[0], [[2.5, 4.5], [10.5, 12.5]])
    assert block_mean(grids, 2, 2).shape == (2, 2, 2)


def test_block_mean_propagates_nan_to_its_block_only():
    grids = np.zeros((1, 4, 4))
    grids[0, 0, 0] = NAN
    result = block_mean(grids, 2, 2)[0]
    assert np.isnan(result[0, 0]) and not np.isnan(result.ravel()[1:]).any()


# hygiene


def test_render_imports_neither_rich_nor_textual():
    code = "import sys, tui_nn.draw.boundary; print(sorted({'rich', 'textual'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_boundary_frames_match_boundary_rows_and_reuse_unchanged_rows():
    from tui_nn.draw.boundary import BoundaryFrames

    rng = np.random.default_rng(3)
    palette = PALETTES["truecolor"]
    first, second = rng.uniform(-1, 1, (8, 6)), None
    second = first.copy()
    second[2:4] = -second[2:4]  # text row 1 changes; rows 0, 2 and 3 draw as before
    frames = BoundaryFrames(palette)
    a = frames.rows(first)
    b = frames.rows(second)
    assert a == [tuple(row) for row in boundary_rows(first, palette)]
    assert b == [tuple(row) for row in boundary_rows(second, palette)]
    assert [x is y for x, y in zip(a, b)] == [True, False, True, True]
