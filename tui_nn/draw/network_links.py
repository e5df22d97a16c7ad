"""Weighted links of the network diagram: which cells between the columns get which glyph and grade.

Like the Playground's links, each is a line from a node to a neuron of the next layer whose colour
is the weight's sign and whose weight shows in its grade: faint (|w| < 0.5, drawn dim), normal
(|w| < 2) and strong (|w| >= 2, two dots thick and bold). Lines are braille dots (2 x 4 per cell);
in ASCII the strongest link into each neuron (and every link of the selected node) is a row of
`+` or `-`. Dead (L1-removed) links are not drawn. It knows nothing of Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tui_nn.core.network import Network
from tui_nn.draw.network_inspector import bar_colours
from tui_nn.draw.network_layout import COLUMN_GAP, DiagramLayout, compute_layout
from tui_nn.draw.palettes import Palette

GRADE_LIMITS = (0.5, 2.0)
"""|w| from which a link is normal, then strong."""
MIN_LINK_CELLS = 3
"""Free cells between two columns below which only the selected node's links are drawn."""

_BRAILLE = 0x2800
_DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""Braille bit of the dot at (row 0-3, column 0-1) of a cell."""


@dataclass(frozen=True)
class LinkCell:
    """One cell of drawn links: its glyph and the link that owns its colour."""

    x: int
    y: int
    char: str
    positive: bool
    """The owning link's weight is > 0 (blue) or < 0 (orange)."""
    grade: int
    """0 faint, 1 normal, 2 strong."""
    selected: bool
    """The owning link touches the selected node."""


@dataclass(frozen=True)
class _Link:
    source: tuple[int, int]
    """`(column, node)` in the diagram (inputs in `FEATURES` order)."""
    target: tuple[int, int]
    weight: float


def link_ink(palette: Palette | None, positive: bool) -> str | None:
    """A link's colour: the inspector's blue for positive weights, orange for negative; None in ASCII."""
    return None if palette is None else bar_colours(palette)[not positive]


def link_grade(weight: float) -> int:
    """0 faint, 1 normal or 2 strong, by |weight| against ``GRADE_LIMITS``."""
    size = abs(weight)
    return int(size >= GRADE_LIMITS[0]) + int(size >= GRADE_LIMITS[1])


def network_links(network: Network, features: tuple[str, ...], feature_keys: tuple[str, ...]) -> list[_Link]:
    """Every live link, from diagram node to diagram node (inactive features have none)."""
    inputs = [feature_keys.index(key) for key in features]
    links = []
    last = len(network.weights) - 1
    for layer, (W, dead) in enumerate(zip(network.weights, network.dead_views())):
        # The diagram has one output node: with many classes, the links into the first class's unit.
        for j in range(1 if layer == last else W.shape[0]):
            for i in range(W.shape[1] - 1):
                if not dead[j, i] and np.isfinite(W[j, i]):
                    source = inputs[i] if layer == 0 else i
                    links.append(_Link((layer, source), (layer + 1, j), float(W[j, i])))
    return links


def _span(layout: DiagramLayout, column: int) -> tuple[int, int]:
    """First and last free cell between ``column``'s thumbnails and the next column's (markers kept)."""
    left, right = layout.columns[column], layout.columns[column + 1]
    return left.thumb_x + layout.thumb_cols + 1, right.thumb_x - 2


def _centre(layout: DiagramLayout, node: tuple[int, int], per_row: int) -> int:
    top = layout.columns[node[0]].node_ys[node[1]]
    return top * per_row + (layout.thumb_rows * per_row - 1) // 2


def _trace(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """Points of a line from (x0, y0) to (x1, y1), x0 <= x1, with no vertical gaps."""
    if x1 == x0:
        return [(x0, y) for y in range(min(y0, y1), max(y0, y1) + 1)]
    xs = np.arange(x0, x1 + 1)
    ys = y0 + (y1 - y0) * (xs - x0 + 0.0) / (x1 - x0)
    points = []
    for k, x in enumerate(xs):
        here = round(ys[k])
        ahead = round((ys[k] + ys[k + 1]) / 2) if k + 1 < len(xs) else here
        behind = round((ys[k] + ys[k - 1]) / 2) if k else here
        low, high = min(here, ahead, behind), max(here, ahead, behind)
        points += [(int(x), y) for y in range(low, high + 1)]
    return points


def link_cells(
    layout: DiagramLayout, network: Network, features: tuple[str, ...], feature_keys: tuple[str, ...],
    selected: tuple[int, int], ascii: bool = False,
) -> list[LinkCell]:
    """The cells the links cover, each with its glyph and owning link, in row-major order.

    Args:
        layout: Where the columns and nodes are.
        network: The weights (dead links are skipped).
        features: The active input features, in the network's input order.
        feature_keys: All features, in the diagram's input order.
        selected: The selected node as `(column, node)`; its links are drawn on top.
        ascii: Rows of `+` and `-` for the strongest links instead of braille lines.

    Returns:
        One `LinkCell` per covered cell.
    """
    owners: dict[tuple[int, int], tuple[tuple[bool, float], _Link]] = {}
    dots: dict[tuple[int, int], int] = {}
    links = network_links(network, features, feature_keys)
    strongest = _strongest_into(links)
    for link in links:
        chosen = selected in (link.source, link.target)
        first, last = _span(layout, link.source[0])
        if last < first or (last - first + 1 < MIN_LINK_CELLS and not chosen):
            continue
        if ascii and not (chosen or strongest[link.target] is link):
            continue
        for cell, bit in _dots(layout, link, (first, last), ascii):
            if cell not in owners or owners[cell][0] < (chosen, abs(link.weight)):
                owners[cell] = ((chosen, abs(link.weight)), link)
            dots[cell] = dots.get(cell, 0) | bit
    cells = []
    for (x, y), ((chosen, _), link) in sorted(owners.items(), key=lambda item: (item[0][1], item[0][0])):
        char = ("+" if link.weight > 0 else "-") if ascii else chr(_BRAILLE + dots[(x, y)])
        cells.append(LinkCell(x, y, char, link.weight > 0, link_grade(link.weight), chosen))
    return cells


def _dots(layout: DiagramLayout, link: _Link, span: tuple[int, int], ascii: bool) -> list[tuple[tuple[int, int], int]]:
    """`((x, y) cell, braille bit)` of each dot of ``link`` across the cells of ``span`` (bit 0 in ASCII).

    A strong link (grade 2) is two dot rows thick.
    """
    per_x, per_y = (1, 1) if ascii else (2, 4)
    x0, x1 = span[0] * per_x, span[1] * per_x + per_x - 1
    y0, y1 = _centre(layout, link.source, per_y), _centre(layout, link.target, per_y)
    rows = (0, 1) if not ascii and link_grade(link.weight) == 2 else (0,)
    return [
        ((x // per_x, (y + dy) // per_y), 0 if ascii else _DOT_BITS[(y + dy) % 4][x % 2])
        for x, y in _trace(x0, y0, x1, y1)
        for dy in rows
    ]


def _strongest_into(links: list[_Link]) -> dict[tuple[int, int], _Link]:
    """The link of largest |w| into each neuron."""
    best: dict[tuple[int, int], _Link] = {}
    for link in links:
        if link.target not in best or abs(link.weight) > abs(best[link.target].weight):
            best[link.target] = link
    return best


LINK_SPACINGS = (8, 6, 4, 3, 2)
"""Extra cells between columns tried for the links, widest first."""


def links_layout(width: int, height: int, counts: tuple[int, ...], label_width: int, ascii: bool = False) -> DiagramLayout:
    """The diagram's layout with room for links: the widest spacing that keeps 4-cell thumbnails,
    else the widest that fits with smaller ones, else the plain layout (only the selected node's
    links then fit, if any)."""
    fits = []
    for extra in LINK_SPACINGS:
        layout = compute_layout(width, height, counts, label_width, ascii, COLUMN_GAP + extra)
        if layout.width <= width and layout.height <= height:
            if layout.thumb_cols >= 4:
                return layout
            fits.append(layout)
    return fits[0] if fits else compute_layout(width, height, counts, label_width, ascii)
