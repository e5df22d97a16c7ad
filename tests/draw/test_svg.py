"""The boundary figure: valid standalone SVG, one circle per point, the plane's colours and axes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np

from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer
from tui_nn.draw.boundary import PointLayer
from tui_nn.draw.exports import boundary_figure, export_path, loss_csv
from tui_nn.draw.palettes import PALETTES
from tui_nn.draw.svg import boundary_svg

SVG = "{http://www.w3.org/2000/svg}"


def circles(root: ET.Element, kind: str) -> list[ET.Element]:
    return [c for c in root.iter(f"{SVG}circle") if c.get("class") == kind]


def test_figure_parses_and_has_one_circle_per_point():
    run = Trainer(Config(seed="0.5", show_test_data=True))
    root = ET.fromstring(boundary_figure(run.snapshot()))
    assert root.tag == f"{SVG}svg"
    assert len(circles(root, "train")) == len(run.data.train_labels)
    assert len(circles(root, "test")) == len(run.data.test_labels)


def test_test_points_are_left_out_unless_shown():
    root = ET.fromstring(boundary_figure(Trainer(Config(seed="0.5")).snapshot()))
    assert circles(root, "test") == []


def test_cells_of_equal_shade_in_a_row_are_one_rectangle():
    # Left half -1, right half +1, a NaN cell: three runs in each row, in the palette's end colours.
    values = np.array([[-1.0, -1.0, 1.0, np.nan]] * 2)
    root = ET.fromstring(boundary_svg(values, []))
    rects = list(root.find(f"{SVG}g[@id='boundary']"))
    palette = PALETTES["truecolor"]
    assert [r.get("fill") for r in rects] == [palette.shades[0], palette.shades[-1], palette.nan] * 2
    assert [r.get("width") for r in rects[:3]] == ["200.00", "100.00", "100.00"]


def test_points_sit_where_the_plane_puts_them_and_take_their_class_colour():
    layer = PointLayer(np.array([[-6.0, 6.0], [6.0, -6.0]]), np.array([1.0, -1.0]), test=False)
    root = ET.fromstring(boundary_svg(np.zeros((2, 2)), [layer]))
    first, second = circles(root, "train")
    assert (first.get("cx"), first.get("cy"), second.get("cx"), second.get("cy")) == ("0.00", "0.00", "400.00", "400.00")
    assert (first.get("fill"), second.get("fill")) == (PALETTES["truecolor"].positive, PALETTES["truecolor"].negative)


def test_axes_label_every_second_unit():
    root = ET.fromstring(boundary_svg(np.zeros((2, 2)), []))
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert labels == [str(v) for v in range(-6, 7, 2) for _ in (0, 1)]


def test_loss_csv_has_a_row_per_recorded_epoch():
    run = Trainer(Config(seed="0.5"))
    run.step(3)
    lines = loss_csv(run.snapshot()).splitlines()
    assert lines[0] == "epoch,train_loss,test_loss" and len(lines) == 5
    assert lines[-1] == f"3,{run.train_loss!r},{run.test_loss!r}"


def test_exports_are_named_after_the_run():
    assert export_path("runs/lab3.npz", "boundary").as_posix() == "runs/lab3-boundary.svg"
    assert export_path("lab3", "weights").as_posix() == "lab3-weights.npz"
