"""The views one key away from the main screen: links, gradient, hidden space, loss valley, classes.

``ViewActions`` is mixed into ``PlaygroundApp``: its keys open a view or switch a drawing on and off,
and ``show_open_view`` hands each new snapshot to the view on top, so a closed view costs nothing.
"""

from __future__ import annotations

from typing import Any, Callable

from textual.binding import Binding

from tui_nn.core.trainer import Snapshot
from tui_nn.ui.commands import key_name
from tui_nn.ui.screens.confusion import ConfusionScreen
from tui_nn.ui.screens.hidden_space import HiddenSpaceScreen
from tui_nn.ui.screens.loss_valley import LossValleyScreen

VIEW_BINDINGS = [
    Binding("m", "confusion", "Confusion", show=False, tooltip="accuracy and the confusion matrices (train and test), updated while training", id="confusion"),
    Binding("n", "next_class", "Class", show=False, tooltip="many classes: which class's probability the output thumbnail shows", id="next-class"),
    Binding("w", "toggle_links", "Links", show=False, tooltip="draw the weighted links in the network view: colour = sign, dim/normal/bold thick = |w| < 0.5 / < 2 / >= 2", id="links"),
    Binding("i", "hidden_space", "Hidden space", show=False, tooltip="the hidden space: the plane and the data as two neurons of a hidden layer see them", id="hidden-space"),
    Binding("v", "loss_valley", "Loss valley", show=False, tooltip="the loss valley around the current weights, with the descent path and the last step", id="loss-valley"),
    Binding("u", "toggle_gradient", "Gradient", show=False, tooltip="show the last update's gradient beside each weight in the inspector", id="gradient"),
]
"""Added to ``PlaygroundApp.BINDINGS`` (so the footer, the help and the command palette list them)."""


def view_keys() -> list[tuple[str, str]]:
    """The keys inside the views, for the help screen."""
    views = [*HiddenSpaceScreen.BINDINGS, *LossValleyScreen.BINDINGS]
    return [(key_name(b.key), b.tooltip) for b in views if b.tooltip]


class ViewActions:
    """Handlers for ``VIEW_BINDINGS``; mixed into ``PlaygroundApp``."""

    snapshot: Any
    playing: Any
    palette: Any
    screen: Any
    status_bar: Any
    network_view: Any
    push_screen: Callable[..., Any]

    def show_open_view(self, snapshot: Snapshot) -> None:
        """Draw ``snapshot`` in the view on top, if one is open (the others are closed and cost nothing)."""
        screen = self.screen
        if isinstance(screen, LossValleyScreen):
            screen.show(snapshot, self.playing)
        elif isinstance(screen, (HiddenSpaceScreen, ConfusionScreen)):
            screen.show(snapshot)

    def action_confusion(self) -> None:
        if self.snapshot.config.problem == "regression":
            self.status_bar.say("regression has no classes, so no confusion matrix")
            return
        self.push_screen(ConfusionScreen(self.snapshot))

    def action_next_class(self) -> None:
        config = self.snapshot.config
        if config.problem != "multiclass":
            self.status_bar.say("one output only: n picks a class of a multi-class run")
            return
        shown = self.network_view.next_output_class()
        self.status_bar.say(f"output thumbnail: probability of {self.snapshot.data.class_names[shown]}")

    def action_toggle_links(self) -> None:
        self.network_view.show_links(not self.network_view.links)

    def action_toggle_gradient(self) -> None:
        self.network_view.show_gradient(not self.network_view.gradient)

    def action_hidden_space(self) -> None:
        self.push_screen(HiddenSpaceScreen(self.snapshot, self.palette))

    def action_loss_valley(self) -> None:
        self.push_screen(LossValleyScreen(self.snapshot, self.palette))
