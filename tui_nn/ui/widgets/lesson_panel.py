"""LessonPanel: the open lesson's title, what to watch, and each target's state in numbers.

It shows what the app hands it (a lesson and the latest outcomes from ``LessonProgress``); it
checks nothing itself. Hidden while no lesson is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget

if TYPE_CHECKING:  # imported when a lesson opens, not at start-up
    from tui_nn.core.lesson_targets import Outcome
    from tui_nn.core.lessons import Lesson

MAX_ROWS = 8
"""Most rows the panel takes: the title, what to watch (wrapped) and one row per target."""
_MARKS = {False: {"met": "✓", "missed": "✗"}, True: {"met": "[x]", "missed": "[!]"}}
"""By ``Outcome.state``; an open target gets ``·`` (ASCII ``[ ]``)."""


class LessonPanel(Widget):
    """The lesson panel, above the footer."""

    DEFAULT_CSS = """
    LessonPanel { height: auto; max-height: 8; padding: 0 1; border-top: hkey $accent; display: none; }
    LessonPanel.open { display: block; }
    LessonPanel.ascii { border-top: ascii $accent; }
    """

    def __init__(self, ascii_mode: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii_mode = ascii_mode
        self.set_class(ascii_mode, "ascii")
        self.lesson: Lesson | None = None
        self.outcomes: tuple[Outcome, ...] = ()
        self.compact = False
        """Short of room: targets first, what to watch after them (cut to fit)."""

    def open(self, lesson: Lesson | None) -> None:
        """Show ``lesson`` (None closes the panel)."""
        self.lesson, self.outcomes = lesson, ()
        self.set_class(lesson is not None, "open")
        self.refresh(layout=True)

    def show(self, outcomes: tuple[Outcome, ...]) -> None:
        """Show the targets' latest states; redraws only when a line changed."""
        if [o.text for o in outcomes] != [o.text for o in self.outcomes]:
            self.outcomes = outcomes
            self.refresh(layout=True)

    def rows(self, width: int, most: int = MAX_ROWS) -> int:
        """Rows the panel takes at ``width`` columns, at most ``most`` (its top border included); 0 while closed.

        Short of room (as at 80x24) the targets come before what to watch, which is then cut; the
        lesson menu shows it in full.
        """
        if self.lesson is None or most < 2:
            self.compact = False
            return 0
        needed = len(self._text(False).wrap(self.app.console, max(10, width - 2))) + 1
        self.compact = needed > min(most, MAX_ROWS)
        return min(needed, most, MAX_ROWS)

    def _text(self, compact: bool) -> Text:
        lesson = self.lesson
        if lesson is None:
            return Text("")
        text = Text()
        text.append(f"Lesson: {lesson.title}", style="bold")
        text.append("  (a: lessons)", style="dim")
        watch = Text(f"\n{lesson.watch}", style="italic")
        if not compact:
            text.append_text(watch)
        marks = _MARKS[self.ascii_mode]
        open_mark = "[ ]" if self.ascii_mode else "·"
        for target in lesson.targets:
            outcome = next((o for o in self.outcomes if o.target is target), None)
            state = outcome.state if outcome else None
            line = outcome.text if outcome else target.say
            text.append(f"\n{marks.get(state or '', open_mark)} ", style="bold green" if state == "met" else "bold")
            text.append(line, style="green" if state == "met" else "red" if state == "missed" else "")
        if compact:
            text.append_text(watch)
        return text

    def render(self) -> Text:
        return self._text(self.compact)
