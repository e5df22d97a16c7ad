"""Lessons: plain-text files that set up an experiment, say what to watch, and name numeric targets.

A lesson file is INI text (Python's ``configparser``: ``#`` and ``;`` start comments, an indented
line continues a value), so a lecturer writes one without Python. This module reads and checks
them, one line per mistake naming the file, the section and the field; ``lesson_targets`` checks
the targets against a run. The format is documented in the README ("Writing a lesson").
"""

from __future__ import annotations

import configparser
import warnings
from dataclasses import dataclass
from pathlib import Path

from tui_nn.core.config import Config, ConfigError

LESSON_SUFFIX = ".lesson"
BUNDLED_DIR = Path(__file__).resolve().parent.parent / "lessons"
"""The lessons shipped with the package (``tui_nn/lessons/*.lesson``, package data)."""

MEASURES = ("train_loss", "test_loss")
"""What a target compares: the losses the Playground shows (mean 0.5 * (output - label)^2)."""
REGULARIZATIONS = ("none", "L1", "L2")

_LESSON_FIELDS = {"title", "link", "watch", "epochs", "order", "solution", "wrong"}
_TARGET_FIELDS = {
    "say", "measure", "below", "above", "by_epoch", "at_epoch", "runs", "max_neurons", "max_layers",
    "min_learning_rate", "max_learning_rate", "with_features", "without_features", "regularization",
}


class LessonError(ConfigError):
    """A lesson file cannot be used; the message names the file, the section and the field."""


@dataclass(frozen=True)
class Target:
    """One number the student is to reach, and under which settings it counts."""

    name: str
    """The section's name after ``target``, e.g. ``fast`` for ``[target fast]``."""
    say: str
    """The goal in one line, in the lecture's words (shown before it is met)."""
    measure: str
    """``train_loss`` or ``test_loss``."""
    below: float | None = None
    """Met when the measure falls below this (exactly one of ``below`` and ``above`` is set)."""
    above: float | None = None
    by_epoch: int | None = None
    """The crossing counts only at or before this epoch; None: at any epoch."""
    at_epoch: int | None = None
    """Judge the value at this epoch instead of the first crossing ("still above 0.2 at epoch 200")."""
    runs: int = 1
    """More than 1: rerun from new initial weights (reset) this many times and judge the spread
    (largest minus smallest) of the measure at ``at_epoch`` across the runs."""
    max_neurons: int | None = None
    """Counts only with at most this many hidden neurons in all."""
    max_layers: int | None = None
    min_learning_rate: float | None = None
    max_learning_rate: float | None = None
    with_features: tuple[str, ...] = ()
    """Inputs the network must be given (link names such as ``sinX``)."""
    without_features: tuple[str, ...] = ()
    regularization: str | None = None
    """``none``, ``L1`` or ``L2``: the penalty the run must use; None: any."""

    @property
    def threshold(self) -> float:
        return self.below if self.below is not None else float(self.above)  # type: ignore[arg-type]

    def passes(self, value: float) -> bool:
        """Whether ``value`` is on the target's side (a NaN, from a diverged run, counts as above)."""
        if self.below is not None:
            return value < self.below
        return not value <= float(self.above)  # type: ignore[arg-type]

    @property
    def horizon(self) -> int:
        """The last epoch the target needs to be judged, if it names one (else 0)."""
        return max(self.by_epoch or 0, self.at_epoch or 0)


@dataclass(frozen=True)
class Lesson:
    """A lesson file, read and checked."""

    name: str
    """The file's name without ``.lesson``: what ``tui-nn lesson NAME`` and ``tutorial=NAME`` use."""
    path: Path
    title: str
    link: str
    """The experiment: a share link (may hide controls with ``<key>_hide=true``)."""
    watch: str
    """Two or three lines on what to watch, in the lecture's words."""
    epochs: int
    """How long a headless check trains (``tui-nn lesson``), at least every target's epoch."""
    targets: tuple[Target, ...]
    order: int = 1000
    """Position in the menu, smallest first; ties go by name."""
    solution: str = ""
    """Link keys changed from ``link`` that meet every target (used by the tests and ``--solution``)."""
    wrong: str = ""
    """Link keys changed from ``link`` that must miss a target; empty: the link as it opens."""
    bundled: bool = True

    def config(self, changes: str = "") -> Config:
        """The lesson's experiment, with ``changes`` (link keys) applied over its link."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Config.from_link(merge_links(self.link, changes)).replace(tutorial=self.name)


def merge_links(base: str, changes: str) -> str:
    """``base`` with the ``key=value`` pairs of ``changes`` put over it (later keys win)."""
    pairs: dict[str, str] = {}
    for text in (base, changes):
        text = "".join(text.split()).split("#", 1)[-1]
        for part in filter(None, text.split("&")):
            key, _, value = part.partition("=")
            pairs[key] = value
    return "&".join(f"{key}={value}" for key, value in pairs.items())


def load_lesson(path: Path, bundled: bool = False) -> Lesson:
    """Read and check one lesson file.

    Raises:
        LessonError: The file cannot be read or a field is missing, unknown or bad; the message
            names the file, the section and the field.
    """
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=("#", ";"))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  (field names are case-sensitive)
    try:
        parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    except (OSError, UnicodeDecodeError) as error:
        raise LessonError(f"{path}: cannot read it: {error}") from None
    except configparser.Error as error:
        raise LessonError(f"{path}: not in the lesson format: {' '.join(str(error).split())}") from None
    return _Reader(path, parser).lesson(bundled)


class _Reader:
    """Reads the sections of one parsed file, failing with the file, section and field named."""

    def __init__(self, path: Path, parser: configparser.ConfigParser) -> None:
        self.path, self.parser = path, parser

    def fail(self, section: str, field: str | None, problem: str) -> LessonError:
        where = f"[{section}] {field}" if field else f"[{section}]"
        return LessonError(f"{self.path}: {where}: {problem}")

    def lesson(self, bundled: bool) -> Lesson:
        sections = self.parser.sections()
        if "lesson" not in sections:
            raise LessonError(f"{self.path}: [lesson]: missing (every lesson file starts with a [lesson] section)")
        for name in sections:
            if name != "lesson" and not name.startswith("target "):
                raise self.fail(name, None, "unknown section: use [lesson] and [target NAME]")
        section = self.parser["lesson"]
        self.known("lesson", _LESSON_FIELDS)
        targets = tuple(self.target(name) for name in sections if name.startswith("target "))
        if not targets:
            raise LessonError(f"{self.path}: no [target NAME] section: a lesson needs at least one target")
        epochs = self.number("lesson", "epochs", int, minimum=1)
        need = max(t.horizon for t in targets)
        if epochs < need:
            raise self.fail("lesson", "epochs", f"{epochs} is less than epoch {need} that a target needs")
        lesson = Lesson(
            name=self.path.name.removesuffix(LESSON_SUFFIX), path=self.path, title=self.text("lesson", "title"),
            link=self.text("lesson", "link"), watch=" ".join(self.text("lesson", "watch").split()), epochs=epochs,
            targets=targets, order=self.number("lesson", "order", int, default=1000),
            solution=section.get("solution", ""), wrong=section.get("wrong", ""), bundled=bundled,
        )
        for field in ("link", "solution", "wrong"):
            try:
                lesson.config(getattr(lesson, field) if field != "link" else "")
            except ConfigError as error:
                raise self.fail("lesson", field, str(error)) from None
        return lesson

    def target(self, section_name: str) -> Target:
        self.known(section_name, _TARGET_FIELDS)
        name = section_name.removeprefix("target ").strip()
        measure = self.text(section_name, "measure")
        if measure not in MEASURES:
            raise self.fail(section_name, "measure", f"{measure!r} is not one of {', '.join(MEASURES)}")
        below = self.number(section_name, "below", float)
        above = self.number(section_name, "above", float)
        if (below is None) == (above is None):
            raise self.fail(section_name, "below", "give exactly one of below and above")
        get = lambda field, kind, minimum=None: self.number(section_name, field, kind, minimum=minimum)  # noqa: E731
        target = Target(
            name=name, say=self.text(section_name, "say"), measure=measure, below=below, above=above,
            by_epoch=get("by_epoch", int, 1), at_epoch=get("at_epoch", int, 1), runs=get("runs", int, 1) or 1,
            max_neurons=get("max_neurons", int, 0), max_layers=get("max_layers", int, 0),
            min_learning_rate=get("min_learning_rate", float), max_learning_rate=get("max_learning_rate", float),
            with_features=self.features(section_name, "with_features"),
            without_features=self.features(section_name, "without_features"),
            regularization=self.choice(section_name, "regularization", REGULARIZATIONS),
        )
        if target.by_epoch and target.at_epoch:
            raise self.fail(section_name, "at_epoch", "give by_epoch or at_epoch, not both")
        if target.runs > 1 and not target.at_epoch:
            raise self.fail(section_name, "runs", "a target over several runs needs at_epoch (when to compare them)")
        return target

    def known(self, section: str, fields: set[str]) -> None:
        for field in self.parser[section]:
            if field not in fields:
                raise self.fail(section, field, f"unknown field; known: {', '.join(sorted(fields))}")

    def text(self, section: str, field: str) -> str:
        value = self.parser[section].get(field, "").strip()
        if not value:
            raise self.fail(section, field, "missing")
        return value

    def number(self, section: str, field: str, kind: type, minimum: float | None = None, default=None):
        raw = self.parser[section].get(field)
        if raw is None or not raw.strip():
            return default
        try:
            value = kind(raw.strip())
        except ValueError:
            word = "a whole number" if kind is int else "a number"
            raise self.fail(section, field, f"{raw.strip()!r} is not {word}") from None
        if minimum is not None and value < minimum:
            raise self.fail(section, field, f"{value} is below {minimum}")
        return value

    def features(self, section: str, field: str) -> tuple[str, ...]:
        from tui_nn.core.features import FEATURES

        raw = self.parser[section].get(field, "")
        names = tuple(n.strip() for n in raw.split(",") if n.strip())
        for name in names:
            if name not in FEATURES:
                raise self.fail(section, field, f"{name!r} is not a feature; choose from {', '.join(FEATURES)}")
        return names

    def choice(self, section: str, field: str, allowed: tuple[str, ...]) -> str | None:
        raw = self.parser[section].get(field)
        if raw is None:
            return None
        if raw.strip() not in allowed:
            raise self.fail(section, field, f"{raw.strip()!r} is not one of {', '.join(allowed)}")
        return raw.strip()


def load_lessons(extra_dirs: tuple[str | Path, ...] = ()) -> dict[str, Lesson]:
    """The bundled lessons, then each directory's (an instructor's lesson replaces a bundled one of its name).

    Raises:
        LessonError: A directory is missing, or one of its files is malformed (named with its field).
    """
    found = {lesson.name: lesson for lesson in _read_dir(BUNDLED_DIR, bundled=True)}
    for directory in extra_dirs:
        path = Path(directory)
        if not path.is_dir():
            raise LessonError(f"--lessons: {directory} is not a directory")
        found.update((lesson.name, lesson) for lesson in _read_dir(path, bundled=False))
    return dict(sorted(found.items(), key=lambda item: (item[1].order, item[0])))


def _read_dir(directory: Path, bundled: bool) -> list[Lesson]:
    return [load_lesson(path, bundled) for path in sorted(directory.glob(f"*{LESSON_SUFFIX}"))]
