"""Exact-text renders of the views inside the network: links, the hidden space, the loss valley, steps."""

from __future__ import annotations

import numpy as np

from tui_nn.core.hidden_space import HiddenSpace
from tui_nn.core.loss_landscape import LossSlice
from tui_nn.core.network import Network
from tui_nn.draw.hidden_space import hidden_space_rows
from tui_nn.draw.loss_valley import legend, valley_rows
from tui_nn.draw.network_inspector import step_run
from tui_nn.draw.network_layout import Column, DiagramLayout
from tui_nn.draw.network_links import link_cells, link_grade, link_ink
from tui_nn.draw.palettes import PALETTES

KEYS = ("a", "b")


def layout(target_x: int = 6, target_y: int = 1, second_y: int = 2) -> DiagramLayout:
    """Two 1x1 inputs at rows 0 and ``second_y``, one output at ``target_y``; links run over x 2..target_x-2."""
    columns = (Column("In", 0, 1, 0, (0, second_y)), Column("Out", target_x, 1, target_x, (target_y,)))
    return DiagramLayout(1, 1, 1, 0, columns, target_x + 2, 3, (0, 4, 8, 0), None)


def network(a: float, b: float, dead_b: bool = False) -> Network:
    net = Network((2, 1), "tanh", "tanh")
    net.weights[0][0, :2] = [a, b]
    if dead_b:
        net.dead = np.array([False, True, False])
    return net


def one_input(weight: float) -> Network:
    net = Network((1, 1), "tanh", "tanh")
    net.weights[0][0, 0] = weight
    return net


def grid(cells, width: int = 8, height: int = 3) -> list[str]:
    rows = [[" "] * width for _ in range(height)]
    for cell in cells:
        rows[cell.y][cell.x] = cell.char
    return ["".join(row).rstrip() for row in rows]


def test_link_colours_are_the_signs_colours_in_each_palette():
    assert (link_ink(PALETTES["16"], True), link_ink(PALETTES["16"], False)) == ("blue", "red")
    assert (link_ink(PALETTES["256"], True), link_ink(PALETTES["256"], False)) == ("color(25)", "color(166)")
    assert link_ink(PALETTES["truecolor"], True) != link_ink(PALETTES["truecolor"], False)
    assert link_ink(None, True) is None


def test_link_grades_by_size():
    assert [link_grade(w) for w in (0.0, -0.49, 0.5, -1.99, 2.0, -7.0)] == [0, 0, 1, 1, 2, 2]


def test_ascii_links_show_signs_and_the_stronger_link_owns_a_shared_cell():
    cells = link_cells(layout(), network(0.3, -2.5), KEYS, KEYS, (1, 0), ascii=True)
    assert grid(cells) == ["  ++", "   --", "  --"]
    assert {(c.positive, c.grade, c.selected) for c in cells} == {(True, 0, True), (False, 2, True)}


def test_the_selected_nodes_links_are_drawn_on_top():
    cells = link_cells(layout(), network(0.3, -2.5), KEYS, KEYS, (0, 0), ascii=True)
    assert grid(cells) == ["  ++", "   ++", "  --"]
    assert [c.selected for c in cells if c.char == "+"] == [True] * 4


def test_braille_links_are_one_dot_row_thin_or_two_thick_by_grade():
    straight = layout(target_y=0)
    thin = link_cells(straight, one_input(0.3), ("a",), KEYS, (1, 0))
    thick = link_cells(straight, one_input(-2.5), ("a",), KEYS, (1, 0))
    assert grid(thin) == ["  ⠒⠒⠒", "", ""] and all(c.positive for c in thin)
    assert grid(thick) == ["  ⠶⠶⠶", "", ""] and not any(c.positive for c in thick)


def test_dead_and_inactive_links_are_not_drawn():
    assert grid(link_cells(layout(), network(0.3, -2.5, dead_b=True), KEYS, KEYS, (1, 0), ascii=True)) == ["  ++", "   ++", ""]
    only_b = link_cells(layout(), one_input(-2.5), ("b",), KEYS, (1, 0), ascii=True)
    assert grid(only_b) == ["", "   --", "  --"]


def test_narrow_gaps_draw_only_the_selected_nodes_links():
    narrow = layout(target_x=5)
    assert grid(link_cells(narrow, network(0.3, -2.5), KEYS, KEYS, (0, 0), ascii=True)) == ["  ++", "   +", ""]


def piece() -> LossSlice:
    losses = np.array([[4.0, 2.0, 4.0], [2.0, 1.0, 2.0], [4.0, 2.0, 4.0]])
    axis = np.array([-1.0, 0.0, 1.0])
    return LossSlice(losses, axis, axis, np.array([[-1.0, 1.0], [0.0, 0.0]]), "trajectory", 1.0)


def test_valley_ascii_bands_with_the_path_and_the_current_point():
    rows = valley_rows(piece(), 3, 3, None)
    assert ["".join(text for text, _, _ in row) for row in rows] == ["o=%", "=X=", "%=%"]


def test_valley_strides_longer_than_a_cell_are_dotted():
    jumping = LossSlice(piece().losses, piece().alphas, piece().betas, np.array([[-1.0, 1.0], [1.0, 1.0]]), "trajectory", 1.0)
    rows = valley_rows(jumping, 5, 3, None)
    assert ["".join(text for text, _, _ in row) for row in rows] == ["o'''o", "==X==", "%%=%%"]


def test_valley_legend_lists_log_spaced_contour_levels():
    text = "".join(chunk for chunk, _, _ in legend(piece(), None))
    assert text.startswith("contours ' '1 '.'1.167 ':'1.361 ") and text.endswith("'%'3.429 ")


def test_hidden_space_ascii_lines_and_points():
    space = HiddenSpace(1, (0, 1), np.array([[[0.0, 0.0], [1.0, 1.0]]]), np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([1.0, -1.0]), 1)
    rows = hidden_space_rows(space, 3, 3, None)
    assert ["".join(text for text, _, _ in row) for row in rows] == ["o .", " . ", ". X"]


def test_step_in_the_lectures_words():
    assert step_run(0.003, 0.03, False) == ("▼0.003 slope +0.10", "negative")
    assert step_run(-0.0012, 0.03, True) == ("^0.0012 slope -0.040", "positive")


def test_valley_marks_keep_the_upper_pixels_colour_when_several_share_a_cell():
    crowded = LossSlice(piece().losses, piece().alphas, piece().betas, np.zeros((3, 2)), "trajectory", 1.0)
    rows = valley_rows(crowded, 3, 1, PALETTES["16"])
    # The 1-row map samples the slice's rows 2 and 0; the centre column's loss 2 is in the middle (white) band.
    assert [segment for segment in rows[0] if segment[0] == "◆"] == [("◆", "black", "white")]
