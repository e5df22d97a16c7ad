"""LessonControl: the app's part in lessons: the menu, the panel, ``tutorial=`` links, following targets.

A mixin of ``PlaygroundApp`` (kept apart so the app module stays about keys and views): the
lessons themselves are read and judged by ``tui_nn.core.lessons`` and ``lesson_targets``; this
opens them, feeds each new frame to ``LessonProgress`` and hands the outcomes to ``LessonPanel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the lesson machinery is imported on first use: it costs start-up time otherwise
    from tui_nn.core.config import Config
    from tui_nn.core.lesson_targets import LessonProgress
    from tui_nn.core.lessons import Lesson
    from tui_nn.core.trainer import Snapshot
    from tui_nn.ui.widgets.lesson_panel import LessonPanel
    from tui_nn.ui.widgets.status_bar import StatusBar


class LessonControl:
    """Lesson handling for ``PlaygroundApp`` (see the module docstring)."""

    _lessons: dict[str, Lesson] | None
    lesson: LessonProgress | None
    """The open lesson's targets, followed frame by frame; None: no lesson open."""

    if TYPE_CHECKING:
        snapshot: Snapshot
        status_bar: StatusBar
        lesson_panel: LessonPanel
        push_screen: Callable[..., object]

        def _open_config(self, config: Config, said: str) -> bool: ...

        def _relayout(self, width: int | None = None, height: int | None = None) -> None: ...

    @property
    def lessons(self) -> dict[str, Lesson]:
        """The lesson menu's lessons, read on first use (the bundled ones unless given)."""
        if self._lessons is None:
            from tui_nn.core.lessons import load_lessons

            self._lessons = load_lessons()
        return self._lessons

    def action_lessons(self) -> None:
        from tui_nn.ui.screens.lessons import LessonMenu

        current = self.lesson.lesson.name if self.lesson else None
        self.push_screen(LessonMenu(self.lessons, current, bool(self.lesson and self.lesson.done)), self._lesson_chosen)

    def _lesson_chosen(self, name: str | None) -> None:
        from tui_nn.ui.screens.lessons import LEAVE

        if name == LEAVE:
            self._show_lesson(None)
            self.status_bar.say("left the lesson; the run goes on")
        elif name is not None:
            lesson = self.lessons[name]
            if self._open_config(lesson.config(), f"lesson: {lesson.title}: press space to train"):
                self._show_lesson(lesson)

    def _open_tutorial(self, name: str | None) -> None:
        """A classroom link's ``tutorial=`` names a lesson: open its panel on the link's own run."""
        if name is None:
            return
        lesson = self.lessons.get(name)
        if lesson is None:
            self.status_bar.say(f"this link names tutorial {name!r}, which is not a lesson here (a lists them)")
            return
        self._show_lesson(lesson)

    def _show_lesson(self, lesson: Lesson | None) -> None:
        from tui_nn.core.lesson_targets import LessonProgress

        self.lesson = None if lesson is None else LessonProgress(lesson)
        self.lesson_panel.open(lesson)
        if self.lesson is not None:
            self._follow_lesson(self.snapshot)
        self._relayout()

    def _follow_lesson(self, snapshot: Snapshot) -> None:
        """Check the open lesson's targets against the newest frame and show where they stand."""
        assert self.lesson is not None
        was_done = self.lesson.done
        self.lesson_panel.show(self.lesson.update(snapshot.config, snapshot.epoch, snapshot.history, snapshot.diverged_at))
        if self.lesson.done and not was_done:
            self.status_bar.say("every target met: a opens the lesson menu for the next one")
        self._relayout()
