"""PlaygroundApp: composes the widgets, maps keys to settings and commands, hosts the training worker.

The app holds what the user controls (a ``UiState``) and the newest snapshot; the worker thread
owns the Trainer. Keys become new Configs or commands on the loop's queue; snapshots come back as
``TrainingTicked`` messages and are handed to the widgets, which redraw only what changed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from textual import events, getters, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from tui_nn.core.config import Config
from tui_nn.core.nodes import Node
from tui_nn.draw.palettes import CLASS_PALETTES, PALETTES, Palette
from tui_nn.core.trainer import Snapshot, Trainer
from tui_nn.ui.snapshot_views import FramePacing, SnapshotViews
from tui_nn.ui.screen_layout import LAYOUT_CSS, MIN_HEIGHT, ScreenLayout, plan_layout
from tui_nn.ui.plotext_module import plotext
from tui_nn.ui.screens.edit_parameter import EditParameterScreen
from tui_nn.ui.screens.help import HelpScreen
from tui_nn.ui.commands import OnceDismissedPalette, key_help, palette_commands
from tui_nn.ui.lesson_control import LessonControl
from tui_nn.core.settings import BUTTONS, SETTING
from tui_nn.ui.state import PANEL_ROW, PANEL_ROWS, TRAINING_ROWS, PanelRow, UiState, allowed_rows, resize_layer, step_setting
from tui_nn.ui.training_commands import (
    ApplyConfig, EditParameter, Play, Regenerate, Replay, Reset, SetFps, SetPace, Step, Stop, Undo,
)
from tui_nn.ui.limits import IdleClock, cap_pace, capped_message, idle_message
from tui_nn.ui.screens.training_settings import TrainingSettingsScreen
from tui_nn.ui.experiment_actions import EXPERIMENT_BINDINGS, ExperimentActions
from tui_nn.ui.file_actions import FILE_BINDINGS, FileActions
from tui_nn.ui.view_actions import VIEW_BINDINGS, ViewActions, view_keys
from tui_nn.ui.training_loop import TrainingLoop
from tui_nn.ui.widgets.boundary_view import BoundaryView
from tui_nn.ui.widgets.key_footer import KeyFooter
from tui_nn.ui.widgets.lesson_panel import LessonPanel
from tui_nn.ui.widgets.settings_panel import SettingsPanel
from tui_nn.ui.widgets.loss_chart import LossChart
from tui_nn.ui.widgets.network_view import NetworkView
from tui_nn.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui_nn.core.lesson_targets import LessonProgress
    from tui_nn.core.lessons import Lesson

_COLOR_SYSTEM_PALETTE = {"truecolor": "truecolor", "256": "256", "standard": "16", "windows": "16"}
PLAYGROUND_URL = "https://playground.tensorflow.org/#"
_CONTROL_OF_ACTION = {"learning_rate": SETTING["learning_rate"].hide_id, "regularize": SETTING["regularization"].hide_id, **dict(zip(("toggle_play", "step", "reset"), BUTTONS))}
"""Which classroom-hidable control each app action drives (BUTTONS lists play, step, reset in that order)."""
_FOOTER_DROP_ORDER = ("lr-down", "lr-up", "share", "reset", "step", "play")
"""Footer keys left out first when a narrow terminal cannot show them all (? lists every key)."""


class PlaygroundApp(SnapshotViews, LessonControl, ExperimentActions, ViewActions, FileActions, App[None]):
    """The terminal playground.

    Args:
        trainer: The run to start from (handed to the training thread).
        state: Pace and frame rate; its config is the trainer's.
        ascii_mode: Draw with plain ASCII and no colour.
        save_path: Where ctrl+s writes the model.
        max_speed: Most epochs per second, set by an administrator; "max" becomes this cap.
        idle_pause: Seconds without a key press or click after which training pauses.
        run_path: Where S saves the run; exports are written beside it.
        lessons: The lesson menu's lessons by name; None: the bundled ones, read when first needed.
    """

    CSS_PATH = "app.tcss"
    CSS = LAYOUT_CSS  # loaded after CSS_PATH
    TITLE = "tui-nn"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("space", "toggle_play", "Play/pause", tooltip="play or pause training (one epoch = one pass over the training points)", id="play"),
        Binding("s", "step", "Step", tooltip="train exactly one epoch, then pause", id="step"),
        Binding("r", "reset", "Reset", tooltip="new initial weights, same data, back to epoch 0 (pauses, as in the Playground)", id="reset"),
        Binding("U", "undo", "Undo", show=False, tooltip="undo: bring back the last run a reset, a rebuilding change, a lesson or a link discarded (U again swaps back)", id="undo"),
        Binding("b", "replay", "Replay", show=False, tooltip="replay the run's past while paused: ←/→ step through the epochs, esc returns", id="replay"),
        Binding("left", "replay_step(-1)", "Back", show=False, priority=True, tooltip="in replay: one frame back", id="replay-back"),
        Binding("right", "replay_step(1)", "On", show=False, priority=True, tooltip="in replay: one frame on", id="replay-on"),
        Binding("escape", "replay_end", "Live", show=False, priority=True, tooltip="in replay: back to the run as it is", id="replay-end"),
        Binding("g", "regenerate", "New data", show=False, tooltip="new data from a new seed; the trained network is kept", id="regenerate"),
        Binding("left_square_bracket", "learning_rate(-1)", "LR−", tooltip="learning rate down one step (applies live, no reset)", id="lr-down"),
        Binding("right_square_bracket", "learning_rate(1)", "LR+", tooltip="learning rate up one step (applies live, no reset)", id="lr-up"),
        Binding("2", "regularize", "L2", show=False, tooltip="the coach's fix for overfitting: L2 regularization, or its rate one step up (resets the network)", id="regularize"),
        Binding("z", "loss_from_zero", "Loss from 0", show=False, tooltip="start the loss chart's y-axis at 0 (a crawl then looks as flat as it is), or at the lowest loss", id="loss-from-zero"),
        Binding("comma", "pace(-1)", "Slower", show=False, tooltip="train fewer epochs per second", id="slower"),
        Binding("full_stop", "pace(1)", "Faster", show=False, tooltip="train more epochs per second (up to max: flat out)", id="faster"),
        Binding("t", "toggle('show_test_data')", "Test pts", show=False, tooltip="show or hide the test points (never trained on)", id="test-data"),
        Binding("d", "toggle('discretize')", "Discretize", show=False, tooltip="draw outputs as -1/+1 only", id="discretize"),
        Binding("e", "edit", "Edit weights", show=False, tooltip="edit the weights and bias into the selected neuron", id="edit"),
        Binding("a", "lessons", "Lessons", show=False, tooltip="the lesson menu: guided experiments of the lecture, with targets checked as you train", id="lessons"),
        Binding("x", "toggle_loss", "Loss", show=False, tooltip="two classes: square loss with a tanh output (the Playground's) or cross-entropy with a sigmoid output", id="loss"),
        Binding("O", "training_settings", "Training settings", show=False, tooltip="optimizer (momentum, RMSProp, Adam), reshuffle and learning-rate decay", id="training-settings"),
        *VIEW_BINDINGS,
        *FILE_BINDINGS,
        Binding("tab,shift+tab", "switch_panel", "Panel", show=False, priority=True, tooltip="switch between the settings and the network view", id="panel"),
        *EXPERIMENT_BINDINGS,
        Binding("question_mark", "help", "Help", tooltip="this help", id="help"),
        Binding("q", "quit", "Quit", tooltip="quit", id="quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, tooltip="quit", id="interrupt"),
    ]

    state: var[UiState] = var(UiState(Config()))
    """What the user controls; the settings panel and the status bar are bound to it."""
    snapshot: var[Snapshot] = var(None, always_update=True)  # type: ignore[arg-type]
    """The newest frame from the trainer; every view draws it (see ``watch_snapshot``)."""
    details: var[Snapshot] = var(None, always_update=True)  # type: ignore[arg-type]
    """The snapshot the status bar shows: ``snapshot`` at most every ``DETAILS_INTERVAL`` while training (`SnapshotViews`)."""
    playing: var[bool] = var(False)
    """Whether the training loop is running (it pauses by itself when a run diverges)."""
    replaying: var[bool] = var(False)
    """Whether the snapshot shown is a frame of the run's past (arrow keys then step through it)."""

    status_bar = getters.query_one(StatusBar)
    settings_panel = getters.query_one(SettingsPanel)
    network_view = getters.query_one(NetworkView)
    boundary_view = getters.query_one(BoundaryView)
    loss_chart = getters.query_one(LossChart)
    lesson_panel = getters.query_one(LessonPanel)
    too_small_notice = getters.query_one("#too-small", Static)
    right_column = getters.query_one("#right", Vertical)

    def __init__(
        self, trainer: Trainer, state: UiState | None = None, ascii_mode: bool = False, save_path: str | None = None,
        max_speed: float | None = None, idle_pause: float | None = None, run_path: str | None = None,
        lessons: dict[str, Lesson] | None = None,
    ) -> None:
        super().__init__()
        self._lessons = lessons
        self.lesson: LessonProgress | None = None
        self.max_speed = max_speed
        self.idle = IdleClock(idle_pause) if idle_pause else None
        initial = cap_pace(replace(state or UiState(trainer.config), config=trainer.config.replace(seed=None)), max_speed)
        self.set_reactive(PlaygroundApp.state, initial)
        self.set_reactive(PlaygroundApp.snapshot, trainer.snapshot())
        self.set_reactive(PlaygroundApp.details, self.snapshot)
        self.ascii_mode = ascii_mode
        self.save_path = save_path or "tui-nn-model.npz"
        self.run_path = run_path or "tui-nn-run.npz"
        self.loop = TrainingLoop(trainer, self._publish, self._report, self.state.pace, self.state.fps, restored=self._restored)
        self.layout_plan: ScreenLayout | None = None
        self._laid_out: tuple[int, int, int] = (0, 0, 0)
        self.pacing = FramePacing()

    @property
    def selected(self) -> Node:
        """The node chosen in the network view, read from the view itself: keys queued behind an
        arrow key (a slow link delivers them together) act on the node the arrow moved to."""
        return self.network_view.selected

    @property
    def palette(self) -> Palette | None:
        """The palette for this terminal's colours; None draws pure ASCII."""
        if self.ascii_mode:
            return None
        return PALETTES[self._colour_system()]

    def _colour_system(self) -> str:
        return _COLOR_SYSTEM_PALETTE.get(self.console.color_system or "", "truecolor")

    def compose(self) -> ComposeResult:
        palette = self.palette
        binding = {"snapshot": PlaygroundApp.details, "playing": PlaygroundApp.playing, "state": PlaygroundApp.state}
        yield StatusBar(ascii_mode=palette is None, id="status").data_bind(**binding)
        with Horizontal(id="main"):
            panel = SettingsPanel(palette, id="settings")
            panel.class_palette = None if palette is None else CLASS_PALETTES[self._colour_system()]
            yield panel.data_bind(PlaygroundApp.state)
            yield NetworkView(palette, id="network")
            with Vertical(id="right"):
                boundary = BoundaryView(palette, id="boundary")
                boundary.class_palette = None if palette is None else CLASS_PALETTES[self._colour_system()]
                yield boundary
                yield LossChart(ascii=palette is None, id="chart")
        yield Static("", id="too-small")
        yield LessonPanel(ascii_mode=palette is None, id="lesson")
        yield KeyFooter(drop_order=_FOOTER_DROP_ORDER)

    def on_mount(self) -> None:
        self.screen.set_class(self.ascii_mode, "ascii")
        self.settings_panel.focus()
        self._train()
        self._show_views(self.snapshot)
        self.call_after_refresh(self.run_worker, plotext, thread=True, group="warm-up")  # the charts' first draw need not wait for it
        self._open_tutorial(self.snapshot.config.tutorial)
        if self.idle is not None:
            self.set_timer(self.idle.seconds, self._check_idle)

    async def on_event(self, event: events.Event) -> None:
        if self.idle is not None and isinstance(event, (events.Key, events.MouseDown)):
            self.idle.touch()
        await super().on_event(event)

    def _check_idle(self) -> None:
        """Pause training once the idle time has passed without input; one timer, re-armed for the rest."""
        assert self.idle is not None
        remaining = self.idle.remaining()
        if remaining <= 0:
            if self.playing:
                self.loop.send(Play(False))
                self.status_bar.say(idle_message(self.idle.seconds))
            remaining = self.idle.seconds
        self.set_timer(remaining, self._check_idle)

    @work(thread=True, exclusive=True, group="training")
    def _train(self) -> None:
        """Own the Trainer; talk to the UI only through messages."""
        worker = get_current_worker()
        self.loop.run(lambda: worker.is_cancelled)

    # Settings.

    def watch_state(self, state: UiState) -> None:
        self.refresh_bindings()  # a link may hide or show controls: the footer follows
        if self.is_running:
            self.loss_chart.set_from_zero(state.loss_from_zero)

    def _set_state(self, wanted: UiState) -> None:
        state = cap_pace(wanted, self.max_speed)
        if state.pace != wanted.pace:
            self.status_bar.say(capped_message(state.pace))
        old, self.state = self.state, state
        if state.config != old.config:
            self.loop.send(ApplyConfig(state.config))
        if state.pace != old.pace:
            self.loop.send(SetPace(state.pace))
        if state.fps != old.fps:
            self.loop.send(SetFps(state.fps))

    @on(SettingsPanel.Stepped)
    def _setting_stepped(self, message: SettingsPanel.Stepped) -> None:
        self._set_state(step_setting(message.row, self.state, message.delta))

    @on(SettingsPanel.NotApplying)
    def _setting_not_applying(self, message: SettingsPanel.NotApplying) -> None:
        self.status_bar.say(f"{message.label} does not apply to this data (a file or a real dataset)")

    @on(NetworkView.Selected)
    def _neuron_selected(self, message: NetworkView.Selected) -> None:
        self.pacing.boundary.restart()  # another neuron may change where the last did not
        self.boundary_view.show(self.snapshot, self.selected)

    @on(NetworkView.FeatureToggled)
    def _feature_toggled(self, message: NetworkView.FeatureToggled) -> None:
        if message.key in self.state.config.hidden_controls:
            self.status_bar.say(f"this classroom link hides {message.key}")
            return
        features = set(self.state.config.features) ^ {message.key}
        self._set_state(replace(self.state, config=self.state.config.replace(features=tuple(features))))

    @on(NetworkView.NeuronsChanged)
    def _neurons_changed(self, message: NetworkView.NeuronsChanged) -> None:
        config = resize_layer(self.state.config, message.layer, message.delta)
        self._set_state(replace(self.state, config=config))

    @on(NetworkView.EditRequested)
    def _edit_requested(self, message: NetworkView.EditRequested) -> None:
        self._open_editor(message.node)

    def _open_editor(self, node: Node) -> None:
        if node.weight_row(self.snapshot.config) is None:
            self.status_bar.say("inputs have no weights: select a neuron (tab to the network)")
            return
        self.push_screen(EditParameterScreen(self.snapshot, node), self._apply_edit)

    def _apply_edit(self, edit: tuple[int, int, int | None, float] | None) -> None:
        if edit is not None:
            self.loop.send(EditParameter(*edit))

    # Actions (keys, footer and command palette).

    def action_toggle_play(self) -> None:
        self.loop.send(Play())

    def action_step(self) -> None:
        self.loop.send(Step())

    def action_reset(self) -> None:
        self.loop.send(Reset())

    def action_undo(self) -> None:
        self.loop.send(Undo())

    def action_replay(self) -> None:
        self.loop.send(Replay(None if self.replaying else 0))

    def action_replay_step(self, step: int) -> None:
        self.loop.send(Replay(step))

    def action_replay_end(self) -> None:
        self.loop.send(Replay(None))

    def action_regenerate(self) -> None:
        self.loop.send(Regenerate())

    def action_learning_rate(self, delta: int) -> None:
        self._set_state(step_setting(PANEL_ROW["learning_rate"], self.state, delta))

    def action_pace(self, delta: int) -> None:
        self._set_state(step_setting(PANEL_ROW["pace"], self.state, delta))

    def action_toggle(self, key: str) -> None:
        self._set_state(step_setting(PANEL_ROW[key], self.state, 1))

    def action_regularize(self) -> None:
        config = self.state.config
        if config.regularization != "L2":
            changed = replace(self.state, config=config.replace(regularization="L2", regularization_rate=max(config.regularization_rate, 0.03)))
        else:
            changed = step_setting(PANEL_ROW["regularization_rate"], self.state, 1)
        self._set_state(changed)
        self.status_bar.say(f"L2 regularization at rate {changed.config.regularization_rate:g} (2 again raises it)")

    def action_loss_from_zero(self) -> None:
        self._set_state(replace(self.state, loss_from_zero=not self.state.loss_from_zero))
        self.status_bar.say("loss chart from 0" if self.state.loss_from_zero else "loss chart fitted to the losses")

    def action_edit(self) -> None:
        self._open_editor(self.selected)

    def action_toggle_loss(self) -> None:
        if self.state.config.problem != "classification":
            self.status_bar.say("x chooses the loss of two classes; many classes always use cross-entropy")
            return
        self._set_state(step_setting(PANEL_ROW["loss"], self.state, 1, wrap=True))  # a key that toggles, not an arrow past an end

    def action_training_settings(self) -> None:
        self.push_screen(TrainingSettingsScreen(self.state, self.palette))

    def action_switch_panel(self) -> None:
        settings, network = self.settings_panel, self.network_view
        target = network if settings.has_focus else settings
        self.screen.set_class(target is network, "show-network")
        target.focus()

    def action_command_palette(self) -> None:
        """Textual's own, with a palette that a key queued behind its chosen command cannot dismiss twice."""
        if self.use_command_palette and not OnceDismissedPalette.is_open(self):
            self.push_screen(OnceDismissedPalette(id="--command-palette"))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.key_help()))

    async def action_quit(self) -> None:
        self.loop.send(Stop())
        self.exit()

    def key_help(self) -> list[tuple[str, str]]:
        """Every key with what it does, for the help screen, and which controls this link hides."""
        keys = key_help(self.BINDINGS, NetworkView.BINDINGS) + view_keys()
        hidden = self.state.config.hidden_controls
        if hidden:
            keys.append(("hidden", f"this classroom link hides {', '.join(hidden)}: their rows and keys do nothing"))
        return keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Refuse the keys of controls a classroom link hides (the footer then leaves them out)."""
        if action in ("replay_step", "replay_end"):
            return True if self.replaying else None  # None: listed but not run, so the arrows and esc reach the focused view
        control = _CONTROL_OF_ACTION.get(action)
        if action == "toggle" and parameters:
            control = SETTING[str(parameters[0])].hide_id
        if control and control in self.state.config.hidden_controls:
            return False
        return super().check_action(action, parameters)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette_commands(self, self.BINDINGS, self._change_setting, allowed_rows(self.state, PANEL_ROWS + TRAINING_ROWS))
        yield from self.export_commands()

    def _change_setting(self, setting: PanelRow, delta: int) -> None:
        self._set_state(step_setting(setting, self.state, delta))

    # ScreenLayout.

    def on_resize(self, event: events.Resize) -> None:
        # App stores the new size only after this handler runs: read it from the event.
        self._relayout(event.size.width, event.size.height)

    def _relayout(self, width: int | None = None, height: int | None = None) -> None:
        """Share the screen at this size, less the rows the lesson panel takes."""
        width, height = width or self.size.width, height or self.size.height
        lesson_rows = self.lesson_panel.rows(width, most=height - MIN_HEIGHT)  # never makes the screen too small
        if self.layout_plan is not None and (width, height, lesson_rows) == self._laid_out:
            return
        self._laid_out = (width, height, lesson_rows)
        self.lesson_panel.styles.height = lesson_rows
        self.layout_plan = plan = plan_layout(width, height - lesson_rows)
        screen = self.default_screen  # the main screen, even while a menu is open over it
        screen.set_class(plan.too_small, "too-small")
        screen.set_class(plan.narrow, "narrow")
        screen.set_class(plan.short, "short")
        self.too_small_notice.update(plan.message)
        self.right_column.styles.width = plan.right_width
