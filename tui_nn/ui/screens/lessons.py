"""LessonMenu: the list of lessons (bundled and an instructor's); choosing one returns its name.

It only shows and picks; the app opens the chosen lesson's experiment and follows its targets.
"""

from __future__ import annotations

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_nn.core.lessons import Lesson

LEAVE = "\x00leave"
"""The option that closes the lesson panel (not a lesson name: a file name cannot hold NUL)."""


class LessonMenu(ModalScreen[str | None]):
    """Pick a lesson with ↑/↓ and enter; esc closes without changing anything.

    Args:
        lessons: The lessons by name, in menu order.
        current: The lesson open now (the cursor starts on the one after it); None: none.
        done: Whether the current lesson's targets are all met.
    """

    DEFAULT_CSS = """
    LessonMenu { align: center middle; }
    LessonMenu > #lesson-menu { width: 76; max-width: 100%; height: auto; max-height: 100%;
                                border: round $accent; padding: 0 1; }
    LessonMenu OptionList, LessonMenu OptionList:focus { height: auto; max-height: 14; border: none; padding: 0; }
    LessonMenu #lesson-menu-help { color: $text-muted; }
    LessonMenu #lesson-watch { height: 3; color: $text-muted; text-style: italic; }
    """
    BINDINGS = [Binding("escape,a", "close", "Close", tooltip="close the lesson menu")]

    options = getters.query_one(OptionList)

    def __init__(self, lessons: dict[str, Lesson], current: str | None = None, done: bool = False) -> None:
        super().__init__()
        self.lessons, self.current, self.done = lessons, current, done

    def compose(self) -> ComposeResult:
        with Vertical(id="lesson-menu"):
            yield Static("[b]Lessons[/b]: an experiment, what to watch, and targets checked as you train")
            yield OptionList(*self._options())
            yield Static("", id="lesson-watch")
            yield Static("↑/↓ choose · enter opens (U brings your run back) · esc closes",
                         id="lesson-menu-help")

    def _options(self) -> list[Option]:
        options = [
            Option(f"{lesson.title}{'' if lesson.bundled else '  (instructor)'}", id=name)
            for name, lesson in self.lessons.items()
        ]
        if self.current is not None:
            options.append(Option("Leave the lesson (close its panel; the run goes on)", id=LEAVE))
        return options

    def on_mount(self) -> None:
        names = list(self.lessons)
        if self.current in names:
            here = names.index(self.current)
            self.options.highlighted = min(here + 1, len(names) - 1) if self.done else here
        else:
            self.options.highlighted = 0
        self.options.focus()

    @on(OptionList.OptionHighlighted)
    def _previewed(self, event: OptionList.OptionHighlighted) -> None:
        lesson = self.lessons.get(event.option.id or "")
        self.query_one("#lesson-watch", Static).update(Text(lesson.watch if lesson else ""))  # plain: no markup

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
