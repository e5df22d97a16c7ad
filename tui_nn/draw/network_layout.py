"""Geometry of the network diagram: thumbnail size, column positions and the inspector's box.

It decides where things go for a given widget size and network shape; it draws nothing and
knows nothing of Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

THUMB_SIZES = ((6, 3), (4, 2), (2, 1))
"""Thumbnail `(columns, rows)` of text cells, largest first; in half-blocks each is square."""

MIN_INSPECTOR_ROWS = 4
"""Inspector rows wanted before bigger thumbnails win: a title, two links and the bias."""

BESIDE_MIN_WIDTH = 30
"""Columns the inspector needs to sit beside the diagram instead of under it."""

COLUMN_GAP = 2
"""Cells between columns: one for each neighbour's selection marker."""


@dataclass(frozen=True)
class Column:
    """One column of nodes: the inputs, a hidden layer or the output."""

    header: str
    x: int
    """Left edge of the column's slot (header and thumbnails are centred in it)."""
    width: int
    thumb_x: int
    """Left edge of the thumbnails."""
    node_ys: tuple[int, ...]
    """Top row of each node's thumbnail."""


@dataclass(frozen=True)
class DiagramLayout:
    """Where every part of the diagram goes, in cells relative to the widget."""

    thumb_cols: int
    thumb_rows: int
    gap: int
    """Blank rows wanted between stacked thumbnails (columns with room may still use one)."""
    label_width: int
    """Cells for the input labels, left of the input thumbnails."""
    columns: tuple[Column, ...]
    width: int
    """Cells the columns take, including the last selection marker."""
    height: int
    """Rows the header and columns take."""
    inspector: tuple[int, int, int, int]
    """`(x, y, width, rows)` of the inspector; `rows` is 0 when there is no room."""
    rule_y: int | None
    """Row of the rule between diagram and an inspector below it, if any."""

    def node_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The node drawn at a cell, for mouse clicks.

        Args:
            x: Cell column in the widget.
            y: Cell row in the widget.

        Returns:
            `(column, node)` whose thumbnail, markers or label cover the cell, or None.
        """
        for c, column in enumerate(self.columns):
            left = 0 if c == 0 else column.thumb_x - 1
            if not left <= x <= column.thumb_x + self.thumb_cols:
                continue
            for n, top in enumerate(column.node_ys):
                if top <= y < top + self.thumb_rows:
                    return c, n
        return None


def _headers(form: int, hidden: Sequence[int], ascii: bool) -> list[str]:
    """Column headers, from the longest (`form` 0) to the most compact (`form` 3)."""
    dot = ":" if ascii else " ·"
    names = []
    for number, size in enumerate(hidden, 1):
        plural = "neuron" if size == 1 else "neurons"
        names.append(
            (f"Layer {number}{dot} {size} {plural}", f"L{number}{dot} {size} {plural}",
             f"L{number}{dot} {size}", f"L{number} {size}")[form]
        )
    return ["Features" if form < 3 else "In", *names, "Output" if form < 3 else "Out"]


def _columns(
    headers: list[str], counts: Sequence[int], label_width: int, thumb: tuple[int, int], body: int,
    spacing: int = COLUMN_GAP,
) -> tuple[list[Column], int]:
    """Columns placed left to right with nodes centred vertically in `body` rows, and total width."""
    cols, rows = thumb
    placed, x = [], 0
    for c, (header, count) in enumerate(zip(headers, counts)):
        base = label_width + 1 if c == 0 else 0
        width = max(base + cols, len(header))
        thumb_x = x + base + (width - base - cols) // 2
        gap = 1 if count * (rows + 1) - 1 <= body else 0
        used = count * (rows + gap) - gap
        top = 1 + (body - used) // 2 if c else 1
        ys = tuple(top + n * (rows + gap) for n in range(count))
        placed.append(Column(header, x, width, thumb_x, ys))
        x += width + spacing
    return placed, x - spacing + 1


def _attempt(
    size: tuple[int, int], counts: Sequence[int], label_width: int, thumb: tuple[int, int], gap: int, ascii: bool,
    spacing: int = COLUMN_GAP,
) -> DiagramLayout:
    width, height = size
    body = max(counts) * (thumb[1] + gap) - gap
    for form in range(4):
        columns, used = _columns(_headers(form, counts[1:-1], ascii), counts, label_width, thumb, body, spacing)
        if used <= width:
            break
    if width - used - 2 >= BESIDE_MIN_WIDTH:
        inspector, rule = (used + 2, 0, width - used - 2, height), None
    else:
        rule = 1 + body
        inspector = (0, rule + 1, width, max(height - rule - 1, 0))
    return DiagramLayout(thumb[0], thumb[1], gap, label_width, tuple(columns), used, 1 + body, inspector, rule)


@lru_cache(maxsize=32)
def compute_layout(
    width: int, height: int, counts: tuple[int, ...], label_width: int, ascii: bool = False, spacing: int = COLUMN_GAP
) -> DiagramLayout:
    """The best layout for a widget of `width` x `height` cells.

    Thumbnails shrink until every column fits with at least `MIN_INSPECTOR_ROWS` for the
    inspector; failing that, the inspector gets fewer rows (the smallest thumbnails, a mere
    2 x 2 pixels, come only after the inspector has given up its rows); failing all, the
    smallest thumbnails are used and whatever does not fit is clipped.

    Args:
        width: Widget width in cells.
        height: Widget height in rows.
        counts: Nodes per column: inputs (all features), each hidden layer, the output.
        label_width: Cells for the input labels.
        ascii: Use ASCII-only headers.
        spacing: Cells between columns (more leaves room for the links).

    Returns:
        The chosen layout.
    """
    for min_rows, sizes in ((MIN_INSPECTOR_ROWS, THUMB_SIZES[:-1]), (3, THUMB_SIZES[:-1]), (0, THUMB_SIZES)):
        for thumb in sizes:
            for gap in (1, 0):
                layout = _attempt((width, height), counts, label_width, thumb, gap, ascii, spacing)
                if layout.width <= width and layout.height <= height and layout.inspector[3] >= min_rows:
                    return layout
    return _attempt((width, height), counts, label_width, THUMB_SIZES[-1], 0, ascii, spacing)
