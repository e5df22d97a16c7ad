"""`tui-nn lesson`: run a lesson's checks headless and print each target with pass or fail and its figures.

For grading (a student's settings given with ``--with``) and for testing a new lesson
(``--solution`` and ``--wrong`` run the settings its file names). ``--list`` shows the bundled
lessons and an instructor's (``--lessons DIR``). No Textual.
"""

from __future__ import annotations

import argparse
import json

from tui_nn.core.lesson_targets import Outcome, run_lesson
from tui_nn.core.lessons import Lesson, LessonError, load_lessons


def add_lesson_command(commands: argparse._SubParsersAction) -> None:
    """The ``lesson`` subcommand and its options."""
    lesson = commands.add_parser(
        "lesson", allow_abbrev=False, help="check a lesson's targets headless (grading, testing a lesson)",
        description="Train a lesson's experiment headless and print each target with pass or fail and the figures. "
                    "Exit status 0 when every target is met, 1 when one is not.")
    lesson.add_argument("name", nargs="?", metavar="NAME", help="the lesson (its file name without .lesson)")
    lesson.add_argument("--list", action="store_true", help="list the bundled lessons and those of --lessons")
    lesson.add_argument("--lessons", action="append", default=[], metavar="DIR",
                        help="a directory of an instructor's .lesson files (may be repeated)")
    which = lesson.add_mutually_exclusive_group()
    which.add_argument("--with", dest="changes", default="", metavar="KEYS",
                       help="link keys put over the lesson's link, e.g. 'learningRate=0.03&networkShape=2'")
    which.add_argument("--solution", action="store_true", help="use the settings the lesson file names as its solution")
    which.add_argument("--wrong", action="store_true", help="use the settings the lesson file says must fail")
    lesson.add_argument("--json", action="store_true", help="print one JSON object instead of the report")


def run_lesson_command(args: argparse.Namespace) -> int:
    """The ``lesson`` command; raises ``LessonError`` (a ConfigError) for a bad file or name."""
    lessons = load_lessons(tuple(args.lessons))
    if args.list or not args.name:
        print(json.dumps([_listed(lesson) for lesson in lessons.values()], indent=2) if args.json else _list_text(lessons))
        return 0
    lesson = lessons.get(args.name)
    if lesson is None:
        raise LessonError(f"no lesson named {args.name!r}; tui-nn lesson --list shows them")
    changes = lesson.solution if args.solution else lesson.wrong if args.wrong else args.changes
    outcomes = run_lesson(lesson, changes)
    print(_json(lesson, changes, outcomes) if args.json else _text(lesson, changes, outcomes))
    return 0 if all(outcome.met for outcome in outcomes) else 1


def _listed(lesson: Lesson) -> dict[str, object]:
    return {"name": lesson.name, "title": lesson.title, "bundled": lesson.bundled, "file": str(lesson.path)}


def _list_text(lessons: dict[str, Lesson]) -> str:
    width = max((len(name) for name in lessons), default=4)
    lines = [f"{name:<{width}}  {lesson.title}{'' if lesson.bundled else f'  ({lesson.path})'}" for name, lesson in lessons.items()]
    return "\n".join(lines + ["", "Run one headless: tui-nn lesson NAME; open one in the app: a (lesson menu)."])


def _text(lesson: Lesson, changes: str, outcomes: tuple[Outcome, ...]) -> str:
    lines = [f"Lesson {lesson.name}: {lesson.title}", f"settings: {lesson.config(changes).to_link()}", ""]
    for outcome in outcomes:
        lines.append(f"{'PASS' if outcome.met else 'FAIL'}  {outcome.target.name}: {outcome.text}")
    met = sum(outcome.met for outcome in outcomes)
    lines += ["", f"{met} of {len(outcomes)} targets met"]
    return "\n".join(lines)


def _json(lesson: Lesson, changes: str, outcomes: tuple[Outcome, ...]) -> str:
    return json.dumps({
        "lesson": lesson.name, "title": lesson.title, "link": lesson.config(changes).to_link(),
        "passed": all(outcome.met for outcome in outcomes),
        "targets": [
            {"name": o.target.name, "goal": o.target.say, "passed": o.met, "state": o.state, "text": o.text,
             "value": o.value, "epoch": o.epoch}
            for o in outcomes
        ],
    }, indent=2)
