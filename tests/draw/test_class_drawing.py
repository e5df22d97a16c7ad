"""Class maps, glyphs, palettes, legend and confusion text (issue 8), as exact strings on tiny grids."""

from __future__ import annotations

import numpy as np
import pytest

from tui_nn.draw.boundary import PointLayer
from tui_nn.draw.classes import (
    GLYPHS, HOLLOW, class_ascii_rows, class_rows, confusion_lines, legend, winners,
)
from tui_nn.draw.palettes import CLASS_PALETTES, COLOR_SYSTEMS


def probabilities() -> np.ndarray:
    """A 2x3 grid of 3 classes: sure of A, unsure, sure of C; then B fairly sure, a tie, NaN."""
    p = np.array([
        [[0.98, 0.40, 0.01], [0.10, 1 / 3, np.nan]],
        [[0.01, 0.35, 0.01], [0.75, 1 / 3, np.nan]],
        [[0.01, 0.25, 0.98], [0.15, 1 / 3, np.nan]],
    ])
    return p


def test_winners_and_levels():
    winner, level = winners(probabilities())
    np.testing.assert_array_equal(winner[0], [0, 0, 2])
    np.testing.assert_array_equal(level, [[2, 0, 2], [1, 0, -1]])


def test_ascii_class_map_with_points():
    points = PointLayer(np.array([[-5.0, 5.0]]), np.array([2.0]), test=False)
    tests = PointLayer(np.array([[5.0, -5.0]]), np.array([1.0]), test=True)
    assert class_ascii_rows(probabilities(), [points, tests]) == ["C c", "b 2"]


@pytest.mark.parametrize("system", COLOR_SYSTEMS)
def test_every_palette_has_eight_distinct_classes(system):
    palette = CLASS_PALETTES[system]
    assert len(palette.tints) == len(palette.inks) == 8
    strongest = [tints[-1] for tints in palette.tints]
    assert len(set(strongest)) == 8
    if system != "16":  # 16 colours share the bright variant between the two lower levels
        flat = [tint for tints in palette.tints for tint in tints]
        assert len(set(flat)) == len(flat)
        assert len(set(palette.inks)) == 8


def test_half_block_rows_draw_glyphs_by_class_and_test_points_hollow():
    palette = CLASS_PALETTES["truecolor"]
    layers = [PointLayer(np.array([[-5.0, 5.0]]), np.array([1.0]), test=False),
              PointLayer(np.array([[5.0, 5.0]]), np.array([2.0]), test=True)]
    row = class_rows(probabilities(), palette, layers)[0]
    text = "".join(segment[0] for segment in row)
    assert text == GLYPHS[1] + " " + HOLLOW[2]  # the middle cell: class A faintly, above and below
    assert row[0][1] == palette.inks[1] and row[0][2] == palette.tints[0][2]


def test_legend_names_each_class_after_its_glyph():
    assert legend(["cat", "dog"], None) == [("A=cat B=dog", None, None)]
    palette = CLASS_PALETTES["256"]
    assert legend(["cat"], palette) == [(GLYPHS[0], palette.inks[0], palette.tints[0][-1]), (" cat  ", None, None)]


def test_confusion_text_lines_up_counts_under_the_class_names():
    lines = confusion_lines(np.array([[2, 1], [0, 3]]), ["cat", "dog"], width=6)
    assert [line.split() for line in lines] == [
        ["actual", "\\", "predicted", "cat", "dog", "right"],
        ["cat", "2", "1", "66.7%"],
        ["dog", "0", "3", "100.0%"],
    ]
    header = lines[0]
    for name, count in (("cat", "2"), ("dog", "1")):
        assert lines[1][header.index(name) + len(name) - 1] == count
