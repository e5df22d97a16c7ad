"""NetworkView: the Playground's network diagram for the keyboard, with a weight inspector.

It draws every input feature and neuron as a small heatmap thumbnail, keeps a selection cursor and
posts messages for the app to act on; it never changes a Config or a network. Geometry lives in
`network_layout`, thumbnails in `thumbnails`, the inspector's text in `network_inspector`; a node is
a `tui_nn.core.nodes.Node`, which alone knows how the diagram, the network and the weights number it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from rich.segment import Segment as RichSegment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tui_nn.draw.palettes import Palette
from tui_nn.core.trainer import Snapshot
from tui_nn.ui.strips import StyleCache
from tui_nn.core.features import FEATURES
from tui_nn.core.nodes import Node, diagram_counts
from tui_nn.draw.network_inspector import bar_colours, feature_label, inspector_lines
from tui_nn.draw.network_layout import DiagramLayout, compute_layout
from tui_nn.draw.network_links import link_cells, link_ink, links_layout
from tui_nn.draw.thumbnails import Shape, Thumbnails

Cell = tuple[str, Style]
_LABEL_WIDTH = 1 + max(len(feature_label(key, False)) for key in FEATURES)  # a mark, then the label


def _changed_span(old: list[Cell], new: list[Cell]) -> tuple[int, int]:
    """From the first to just past the last cell that differs, in two unequal rows of one width."""
    start = next(i for i, (a, b) in enumerate(zip(old, new)) if a != b)
    end = len(new)
    while old[end - 1] == new[end - 1]:
        end -= 1
    return start, end


class NetworkView(Widget, can_focus=True):
    """Inputs, hidden layers and output as columns of thumbnails, a cursor, and an inspector.

    Args:
        palette: Colours for the thumbnails, or None for pure ASCII.
        name: Widget name.
        id: Widget id.
        classes: CSS classes.
    """

    DEFAULT_CSS = """
    NetworkView { width: 1fr; height: 1fr; }
    NetworkView > .network-view--cursor { color: $text-muted; text-style: bold; }
    NetworkView:focus > .network-view--cursor { color: $text; text-style: bold; }
    NetworkView > .network-view--dim { color: $text-disabled; }
    NetworkView > .network-view--header { color: $text-muted; }
    NetworkView > .network-view--title { text-style: bold; }
    """
    COMPONENT_CLASSES = {"network-view--cursor", "network-view--dim", "network-view--header", "network-view--title"}
    BINDINGS = [
        Binding("left", "move(-1, 0)", "Previous layer", show=False, id="network.left"),
        Binding("right", "move(1, 0)", "Next layer", show=False, id="network.right"),
        Binding("up", "move(0, -1)", "Previous node", show=False, id="network.up"),
        Binding("down", "move(0, 1)", "Next node", show=False, id="network.down"),
        Binding("enter", "toggle_feature", "Toggle feature", id="network.toggle"),
        Binding("enter", "edit_neuron", "Edit weights", id="network.edit"),
        Binding("plus,equals_sign", "change_neurons(1)", "Add neuron", key_display="+", id="network.add"),
        Binding("minus", "change_neurons(-1)", "Remove neuron", key_display="-", id="network.remove"),
        Binding("pageup", "scroll_inspector(-1)", "Scroll inspector up", show=False),
        Binding("pagedown", "scroll_inspector(1)", "Scroll inspector down", show=False),
    ]

    class _Posted(Message):
        def __init__(self, network_view: NetworkView) -> None:
            super().__init__()
            self.network_view = network_view

        @property
        def control(self) -> NetworkView:
            return self.network_view

    class Selected(_Posted):
        """The cursor moved to another node; the app shows that node in the big plot."""

        def __init__(self, network_view: NetworkView, node: Node) -> None:
            super().__init__(network_view)
            self.node = node

    class FeatureToggled(_Posted):
        """The user asked to turn an input feature on or off."""

        def __init__(self, network_view: NetworkView, key: str) -> None:
            super().__init__(network_view)
            self.key = key
            """The feature's key in `FEATURES`, e.g. `"xSquared"`."""

    class EditRequested(_Posted):
        """The user asked to edit a neuron's incoming weights and bias."""

        def __init__(self, network_view: NetworkView, node: Node) -> None:
            super().__init__(network_view)
            self.node = node
            """A hidden neuron or the output."""

    class NeuronsChanged(_Posted):
        """The user asked for one neuron more or fewer in a hidden layer (the app enforces limits)."""

        def __init__(self, network_view: NetworkView, layer: int, delta: int) -> None:
            super().__init__(network_view)
            self.layer = layer
            """Index into `Config.hidden_layers` (0 for the first hidden layer)."""
            self.delta = delta
            """+1 or -1."""

    def __init__(
        self, palette: Palette | None, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.palette = palette
        self._snapshot: Snapshot | None = None
        self._node = Node.output()
        self._unseen: Snapshot | None = None
        """The newest snapshot that arrived while hidden, drawn when shown."""
        self._scroll = 0
        self._colours = StyleCache()
        self._styles: dict[object, Style] = {}
        self._thumbnails = Thumbnails(palette)
        self._layout: DiagramLayout | None = None
        self._rows: list[list[Cell]] | None = None
        self._strips: dict[int, Strip] = {}
        self.links = False
        """Whether the weighted links are drawn (`show_links`)."""
        self.gradient = False
        """Whether the inspector shows the last update's steps (`show_gradient`)."""

    def show_gradient(self, on: bool) -> None:
        """Show the last update's step and slope beside each weight in the inspector, or the bars."""
        self.gradient = on
        self._redraw()

    def show_links(self, on: bool) -> None:
        """Draw the weighted links between the columns, or not (the layout makes room for them)."""
        self.links = on
        self._rows, self._strips = None, {}
        self.refresh()

    @property
    def selected(self) -> Node:
        """The node under the cursor; the app reads it here, so keys queued together agree on it."""
        return self._node

    def select(self, node: Node) -> None:
        """Move the cursor to a node (clamped to the network), posting `Selected` if it moved."""
        if self._move_to(node):
            self._redraw()

    def show(self, snapshot: Snapshot) -> bool:
        """Draw a snapshot; one that would draw the same as the last costs a comparison, no repaint.

        While hidden (a narrow terminal showing the settings) it only keeps the snapshot, and draws
        it when shown again: thumbnails nobody sees cost CPU a shared server needs.

        Returns:
            Whether anything on screen changed.
        """
        if not self.display:
            self._unseen = snapshot
            return False
        self._unseen = None
        if not self._thumbnails.adopt(snapshot):
            return False
        first, counts = self._snapshot is None, self._counts()
        self._snapshot = snapshot
        if not self._move_to(self._node) and (first or counts != self._counts()):
            self.refresh_bindings()
        return self._redraw()

    def next_output_class(self) -> int:
        """Show the next class's probability in the output thumbnail; returns that class."""
        classes = self._snapshot.config.classes if self._snapshot else 1
        self._thumbnails.show_class((self._thumbnails.output_class + 1) % max(classes, 1))
        self._redraw()
        return self._thumbnails.output_class

    def _hidden_layers(self) -> tuple[int, ...]:
        return self._snapshot.config.hidden_layers if self._snapshot else ()

    def _counts(self) -> list[int]:
        """Nodes per column: all features, each hidden layer, the output."""
        return diagram_counts(self._hidden_layers())

    def _move_to(self, node: Node) -> bool:
        """Clamp and take a selection; post `Selected` and return True if the node changed."""
        hidden = self._hidden_layers()
        node = Node.at(*node.diagram_position(hidden), hidden)
        if node == self._node:
            return False
        self._node, self._scroll = node, 0
        self.post_message(self.Selected(self, node))
        self.refresh_bindings()
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer enter, + and - only where they mean something, so the footer shows what applies."""
        kind, ready = self._node.kind, self._snapshot is not None
        if action == "toggle_feature":
            return ready and kind == "feature"
        if action == "edit_neuron":
            return ready and kind != "feature"
        if action == "change_neurons":
            return kind == "hidden"
        return True

    def action_move(self, columns: int, nodes: int) -> None:
        hidden = self._hidden_layers()
        column, row = self._node.diagram_position(hidden)
        self.select(Node.at(column + columns, row + nodes, hidden))

    def action_toggle_feature(self) -> None:
        self.post_message(self.FeatureToggled(self, self._node.key))

    def action_edit_neuron(self) -> None:
        self.post_message(self.EditRequested(self, self._node))

    def action_change_neurons(self, delta: int) -> None:
        self.post_message(self.NeuronsChanged(self, self._node.layer - 1, delta))

    def action_scroll_inspector(self, pages: int) -> None:
        rows = self._layout.inspector[3] if self._layout else 0
        self._scroll = max(self._scroll + pages * max(rows - 2, 1), 0)
        self._redraw()

    def on_click(self, event: events.Click) -> None:
        hit = self._layout.node_at(event.x, event.y) if self._layout else None
        if hit is not None:
            self.select(Node.at(*hit, self._hidden_layers()))

    def on_resize(self, event: events.Resize) -> None:
        self._rows, self._strips = None, {}
        self.refresh()

    def on_show(self, event: events.Show) -> None:
        if self._unseen is not None:
            self.show(self._unseen)

    def notify_style_update(self) -> None:
        """Forget styled rows when CSS changes (focus moving, a new theme)."""
        super().notify_style_update()
        self._styles, self._rows, self._strips = {}, None, {}

    def _redraw(self) -> bool:
        """Rebuild the rows now and repaint only those that changed; returns whether any did."""
        if not self.is_mounted or self._rows is None:
            self._rows = None
            self.refresh()
            return True
        old, self._rows = self._rows, self._build()
        if [len(row) for row in old] != [len(row) for row in self._rows]:  # resized since
            self._strips = {}
            self.refresh()
            return True
        spans = [(y, _changed_span(a, b)) for y, (a, b) in enumerate(zip(old, self._rows)) if a != b]
        for y, _ in spans:
            self._strips.pop(y, None)
        if spans:
            self.refresh(*(Region(start, y, end - start, 1) for y, (start, end) in spans))
        return bool(spans)

    def render_line(self, y: int) -> Strip:
        if self._rows is None:
            self._rows, self._strips = self._build(), {}
        strip = self._strips.get(y)
        if strip is None:
            if y >= len(self._rows):
                return Strip.blank(self.size.width, self.rich_style)
            runs = groupby(self._rows[y], lambda cell: cell[1])
            strip = self._strips[y] = Strip([RichSegment("".join(c for c, _ in cells), style) for style, cells in runs])
        return strip

    def _style(self, role: str | tuple[str | None, str | None]) -> Style:
        """A role (`text`, `dim`, `cursor`, ...) or an `(fg, bg)` pair as a Style over the widget's."""
        style = self._styles.get(role)
        if style is None:
            if isinstance(role, tuple) and role[0] == "link":
                style = self._link_style(*role[1:])
            elif isinstance(role, tuple):
                style = self.rich_style + self._colours.get(*role)
            elif role in ("positive", "negative") and self.palette is not None:
                style = self.rich_style + Style(color=bar_colours(self.palette)[role == "negative"])
            elif role in ("cursor", "dim", "header", "title"):
                style = self.get_component_rich_style(f"network-view--{role}")
            else:
                style = self.rich_style
            self._styles[role] = style
        return style

    def _build(self) -> list[list[Cell]]:
        width, height = self.size
        rows = [[(" ", self._style("text"))] * width for _ in range(height)]
        if self._snapshot is None or width <= 0 or height <= 0:
            return rows
        self._layout = (links_layout if self.links else compute_layout)(
            width, height, tuple(self._counts()), _LABEL_WIDTH, self.palette is None
        )
        if self.links:
            self._draw_links(rows, self._layout, self._snapshot)
        self._draw_columns(rows, self._layout, self._snapshot)
        self._draw_inspector(rows, self._layout, self._snapshot)
        return rows

    def _put(self, rows: list[list[Cell]], x: int, y: int, runs: Iterable[tuple[str, Style]]) -> None:
        """Write `(text, style)` runs one after another from cell `(x, y)`, clipped to the widget."""
        if 0 <= y < len(rows):
            row = rows[y]
            for text, style in runs:
                for i, char in enumerate(text[: max(len(row) - x, 0)], x):
                    if i >= 0:
                        row[i] = (char, style)
                x += len(text)

    def _draw_columns(self, rows: list[list[Cell]], layout: DiagramLayout, snapshot: Snapshot) -> None:
        ascii = self.palette is None
        shape = Shape.for_layout(layout, ascii)
        hidden = snapshot.config.hidden_layers
        selected_column = self._node.diagram_position(hidden)[0]
        left, right = ("[", "]") if ascii else ("▐", "▌")
        for c, column in enumerate(layout.columns):
            header_x = column.x + (column.width - len(column.header)) // 2
            self._put(rows, header_x, 0, [(column.header, self._style("title" if c == selected_column else "header"))])
            for n, top in enumerate(column.node_ys):
                node = Node.at(c, n, hidden)
                for dy, line in enumerate(self._thumbnails.of(node, shape)):
                    self._put(rows, column.thumb_x, top + dy, [(text, self._style((fg, bg))) for text, fg, bg in line])
                if node.kind == "feature":
                    label_y = top + (layout.thumb_rows - 1) // 2
                    self._put(rows, 0, label_y, [self._label(node.key, node == self._node, snapshot)])
                if node == self._node:
                    for y in range(top, top + layout.thumb_rows):
                        self._put(rows, column.thumb_x - 1, y, [(left, self._style("cursor"))])
                        self._put(rows, column.thumb_x + layout.thumb_cols, y, [(right, self._style("cursor"))])

    def _label(self, key: str, cursor: bool, snapshot: Snapshot) -> tuple[str, Style]:
        """Feature `key`'s label after a mark for on (`●`, `*`) or off (`○`, blank), styled."""
        ascii = self.palette is None
        active = key in snapshot.config.features
        mark = ("*" if active else " ") if ascii else ("●" if active else "○")
        return mark + feature_label(key, ascii), self._style("cursor" if cursor else "text" if active else "dim")

    def _draw_inspector(self, rows: list[list[Cell]], layout: DiagramLayout, snapshot: Snapshot) -> None:
        x, y, width, height = layout.inspector
        ascii = self.palette is None
        if layout.rule_y is not None and height:
            self._put(rows, 0, layout.rule_y, [(("-" if ascii else "─") * width, self._style("dim"))])
        visible, self._scroll = inspector_lines(snapshot, self._node, (width, height), self._scroll, ascii, self.gradient)
        for dy, line in enumerate(visible):
            self._put(rows, x, y + dy, [(text, self._style(role)) for text, role in line])

    def _draw_links(self, rows: list[list[Cell]], layout: DiagramLayout, snapshot: Snapshot) -> None:
        features, ascii = snapshot.config.features, self.palette is None
        selected = self._node.diagram_position(snapshot.config.hidden_layers)
        for cell in link_cells(layout, snapshot.network, features, tuple(FEATURES), selected, ascii):
            if 0 <= cell.y < len(rows) and 0 <= cell.x < len(rows[cell.y]):
                rows[cell.y][cell.x] = (cell.char, self._style(("link", cell.positive, cell.grade, cell.selected)))

    def _link_style(self, positive: bool, grade: int, selected: bool) -> Style:
        """Sign as colour (none in ASCII); faint links dim, strong and selected ones bold."""
        return self.rich_style + Style(color=link_ink(self.palette, positive), dim=grade == 0 and not selected, bold=grade == 2 or selected)
