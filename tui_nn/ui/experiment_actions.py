"""The app's experiment keys: restart, stop rule, compare, repeats, sweep and the run log.

A mixin of ``PlaygroundApp`` so its bindings and handlers stay out of ``app.py``. Experiments
start from a copy of the run's start that the training thread hands over (the UI never reads
the live Trainer); the main run pauses while one is open, and its rows go to the run log when
it closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from textual.binding import Binding
from textual.message import Message

from tui_nn.core.config import SettingError
from tui_nn.core.experiment import Experiment
from tui_nn.core.variants import ExperimentSnapshot, RunStart
from tui_nn.core.stopping import StopRule
from tui_nn.core.sweep import SweepResult
from tui_nn.ui.screens.compare import CompareScreen
from tui_nn.ui.screens.experiment_setup import ExperimentPlan, ExperimentSetupScreen
from tui_nn.ui.screens.run_log import RunLogScreen
from tui_nn.ui.screens.stop_rule import StopRuleScreen
from tui_nn.ui.screens.sweep import SweepScreen
from tui_nn.ui.training_commands import RequestRunStart, Restart, SetStopRule

EXPERIMENT_BINDINGS = [
    Binding("R", "restart", "Restart", show=False, tooltip="back to this run's initial weights and data, epoch 0 "
            "(r draws new weights): compare two settings from one start", id="restart"),
    Binding("T", "stop_rule", "Stop rule", show=False, tooltip="stop playing at an epoch or when the test loss falls "
            "below a target", id="stop-rule"),
    Binding("C", "compare", "Compare", show=False, tooltip="train 2 to 8 variants of this setup side by side, "
            "differing in one setting", id="compare"),
    Binding("A", "repeats", "Repeats", show=False, tooltip="this setup (or 2 settings) from N initial weights: "
            "mean, min and max test loss", id="repeats"),
    Binding("P", "sweep", "Sweep", show=False, tooltip="final test loss at every learning rate (t: batch size), "
            "with the regions too small, good, too large", id="sweep"),
    Binding("L", "run_log", "Run log", show=False, tooltip="one row per run: what changed, epoch, losses, best "
            "test loss (x exports CSV)", id="run-log"),
]
"""Added to ``PlaygroundApp.BINDINGS`` (so the help and the command palette list them)."""


_ALWAYS = {"quit", "help", "command_palette"}
"""App actions that stay on in an experiment's view."""


@dataclass
class RunStartDelivered(Message):
    """The training thread has copied the run's start for an experiment."""

    start: RunStart
    purpose: str
    """``compare``, ``repeats`` or ``sweep``."""


class ExperimentActions:
    """Handlers for ``EXPERIMENT_BINDINGS``; mixed into ``PlaygroundApp``."""

    loop: Any
    state: Any
    snapshot: Any
    status_bar: Any
    palette: Any
    post_message: Callable[[Message], bool]
    push_screen: Callable[..., Any]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While an experiment's view is open, the main run's keys are off (and gone from the footer)."""
        stack = self.screen_stack  # type: ignore[attr-defined]
        screen = stack[-1] if stack else None  # none before the app runs (the palette's list is built then in tests)
        if isinstance(screen, (CompareScreen, SweepScreen)) and action not in _ALWAYS:
            return False
        if action == "switch_panel" and isinstance(screen, (ExperimentSetupScreen, StopRuleScreen)):
            return False  # tab moves between the fields there, not between the main screen's panels
        return super().check_action(action, parameters)  # type: ignore[misc]

    def action_restart(self) -> None:
        self.loop.send(Restart())

    def action_stop_rule(self) -> None:
        self.push_screen(StopRuleScreen(self.loop.stop_rule), self._set_stop_rule)

    def _set_stop_rule(self, rule: StopRule | None) -> None:
        if rule is not None:
            self.loop.send(SetStopRule(rule))
            self.status_bar.say(rule.describe())

    def action_compare(self) -> None:
        self.loop.send(RequestRunStart(lambda start: self.post_message(RunStartDelivered(start, "compare"))))

    def action_repeats(self) -> None:
        self.loop.send(RequestRunStart(lambda start: self.post_message(RunStartDelivered(start, "repeats"))))

    def action_sweep(self) -> None:
        self.loop.send(RequestRunStart(lambda start: self.post_message(RunStartDelivered(start, "sweep"))))

    def on_run_start_delivered(self, message: RunStartDelivered) -> None:
        """Open the view the key asked for (a mixin's handler goes by name: ``@on`` needs the class's own body)."""
        # The training thread answers after the keys queued behind C, A or P: a quit among them has
        # taken the widgets down, and the setup screen crashed in its on_mount (NoMatches; found by
        # the fuzzer, intermittently). A quitting app opens no view.
        if self.return_code is not None:
            return
        start = message.start
        if message.purpose == "sweep":
            self.push_screen(SweepScreen(start, ascii=self.palette is None), self._sweep_closed)
            return
        repeats = message.purpose == "repeats"
        self.push_screen(ExperimentSetupScreen(start.config, repeats_mode=repeats),
                         lambda plan: self._open_experiment(start, plan, "repeat" if repeats else "compare"))

    def _open_experiment(self, start: RunStart, plan: ExperimentPlan | None, kind: str) -> None:
        if plan is None:
            return
        try:
            experiment = Experiment(start, plan.setting, plan.values, plan.repeats, plan.stop)
        except (SettingError, ValueError) as error:
            self.status_bar.say(f"cannot start that experiment: {error}", error=True)
            return
        screen = CompareScreen(experiment, self.palette, self.state.pace, self.state.fps)
        self.push_screen(screen, lambda snapshot: self._experiment_closed(kind, snapshot))

    def _experiment_closed(self, kind: str, snapshot: ExperimentSnapshot | None) -> None:
        if snapshot is not None and snapshot.epoch > 0:
            self.loop.run_log.add_experiment(kind, snapshot)
            self.status_bar.say(f"{len(snapshot.rows)} runs added to the run log (L)")

    def _sweep_closed(self, result: SweepResult | None) -> None:
        if result is not None:
            self._experiment_closed("sweep", result.snapshot)

    def action_run_log(self) -> None:
        log = self.loop.run_log
        current = log.current(self.loop.began, self.snapshot) if self.snapshot.epoch > 0 else None
        self.push_screen(RunLogScreen(log.rows(), current))
