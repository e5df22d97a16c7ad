"""The decision boundary with its points as a standalone SVG: a clean figure for slides.

It draws the plane's heatmap (the Playground's colours, one rectangle per run of equal cells in
a row), one circle per data point, and the axes with ticks; no terminal chrome. Plain strings
from arrays: no Textual, no files.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import numpy as np

from tui_nn.core.plane import EXTENT
from tui_nn.draw.boundary import Array, PointLayer, quantize
from tui_nn.draw.palettes import PALETTES

PLANE_PIXELS = 400
"""Width and height of the plane in the figure (SVG user units)."""
MARGIN = 36
"""Room left of and below the plane for the axes' labels."""
POINT_RADIUS = 4


def boundary_svg(values: Array, layers: Sequence[PointLayer], regression: bool = False, title: str = "") -> str:
    """The plane as an SVG document.

    Args:
        values: The network's output over the plane, `(rows, cols)`, row 0 at the top (y = +6).
        layers: Point sets drawn in order (test points hollow-ringed in black, training in white).
        regression: Colour points by their value rather than by class.
        title: Written in the document's ``<title>`` (for screen readers and file browsers).

    Returns:
        The SVG text, starting with its XML declaration.
    """
    size, margin = PLANE_PIXELS, MARGIN
    width, height = size + margin + 16, size + margin + 8
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
        f"<title>{escape(title or 'decision boundary', quote=False)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<g id="boundary" transform="translate({margin},8)" shape-rendering="crispEdges">',
        *_heatmap(values, size),
        "</g>",
        f'<g id="points" transform="translate({margin},8)">',
        *(circle for layer in layers for circle in _points(layer, size, regression)),
        "</g>",
        *_axes(size, margin),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _heatmap(values: Array, size: int) -> list[str]:
    """One rectangle per run of equal shades in each row; NaN cells grey."""
    palette = PALETTES["truecolor"]
    colours = [*palette.shades, palette.nan]
    shades = quantize(values, len(palette.shades)).astype(np.intp)
    shades[shades < 0] = len(palette.shades)
    rows, cols = shades.shape
    cell_w, cell_h = size / cols, size / rows
    rects = []
    for r in range(rows):
        row = shades[r]
        starts = np.flatnonzero(np.diff(row, prepend=-1))
        ends = [*starts[1:], cols]
        for start, end in zip(starts, ends):
            rects.append(
                f'<rect x="{start * cell_w:.2f}" y="{r * cell_h:.2f}" width="{(end - start) * cell_w:.2f}" '
                f'height="{cell_h:.2f}" fill="{colours[row[start]]}"/>'
            )
    return rects


def _to_pixels(points: Array, size: int) -> tuple[Array, Array]:
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    x = (points[:, 0] + EXTENT) / (2 * EXTENT) * size
    y = (EXTENT - points[:, 1]) / (2 * EXTENT) * size
    return x, y


def _points(layer: PointLayer, size: int, regression: bool) -> list[str]:
    palette = PALETTES["truecolor"]
    x, y = _to_pixels(layer.points, size)
    labels = np.asarray(layer.labels, dtype=np.float64)
    if regression:
        shades = quantize(labels, len(palette.point_shades))
        fills = [palette.point_shades[max(int(k), 0)] for k in shades]
    else:
        fills = [palette.positive if label > 0 else palette.negative for label in labels]
    kind, stroke = ("test", "#000000") if layer.test else ("train", "#ffffff")
    return [
        f'<circle class="{kind}" cx="{cx:.2f}" cy="{cy:.2f}" r="{POINT_RADIUS}" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="1"/>'
        for cx, cy, fill in zip(x, y, fills)
    ]


def _axes(size: int, margin: int) -> list[str]:
    """The x axis under the plane and the y axis left of it, a tick every 1, a label every 2."""
    top, bottom = 8, 8 + size
    parts = [
        f'<g id="axes" stroke="#555555" stroke-width="1" shape-rendering="crispEdges">',
        f'<line x1="{margin}" y1="{bottom}" x2="{margin + size}" y2="{bottom}"/>',
        f'<line x1="{margin}" y1="{top}" x2="{margin}" y2="{bottom}"/>',
    ]
    labels = []
    for value in range(-int(EXTENT), int(EXTENT) + 1):
        offset = (value + EXTENT) / (2 * EXTENT) * size
        long = 5 if value % 2 == 0 else 3
        x, y = margin + offset, bottom - offset
        parts.append(f'<line x1="{x:.2f}" y1="{bottom}" x2="{x:.2f}" y2="{bottom + long}"/>')
        parts.append(f'<line x1="{margin - long}" y1="{y:.2f}" x2="{margin}" y2="{y:.2f}"/>')
        if value % 2 == 0:
            labels.append(f'<text x="{x:.2f}" y="{bottom + 17}" text-anchor="middle">{value}</text>')
            labels.append(f'<text x="{margin - 8}" y="{y + 4:.2f}" text-anchor="end">{value}</text>')
    return [*parts, "</g>", '<g id="labels" fill="#333333">', *labels, "</g>"]
