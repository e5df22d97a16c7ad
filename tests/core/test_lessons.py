"""Lessons: every bundled lesson loads, meets its targets with its intended settings and misses them
with the wrong ones; malformed files are refused in one line naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_nn.core.lesson_targets import LessonProgress, run_lesson
from tui_nn.core.lessons import BUNDLED_DIR, LessonError, load_lesson, load_lessons, merge_links

BUNDLED = load_lessons()

GOOD = """\
# a comment
[lesson]
title = My lesson
link = dataset=circle&seed=0.42&learningRate=0.03   ; inline comment
watch = Watch the loss.
  Second line.
epochs = 50

[target fast]
say = get below 0.3
measure = test_loss
below = 0.3
"""


def write(tmp_path: Path, text: str, name: str = "mine.lesson") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_every_experiment_of_the_lecture_and_the_public_exercises_is_bundled():
    expected = {"lr-too-small", "lr-moderate", "lr-too-large", "batch-and-epochs", "parameters-and-hyperparameters",
                "depth-circle", "depth-spiral", "features-not-depth", "noise-overfitting", "xor-smallest",
                "initialisation-spread", "spiral-sine", "l1-versus-l2"}
    assert expected <= set(BUNDLED)


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_bundled_lesson_meets_its_targets_with_its_solution(name):
    lesson = BUNDLED[name]
    outcomes = run_lesson(lesson, lesson.solution)
    assert all(outcome.met for outcome in outcomes), [outcome.text for outcome in outcomes]


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_bundled_lesson_misses_a_target_with_the_wrong_settings(name):
    lesson = BUNDLED[name]
    assert not all(outcome.met for outcome in run_lesson(lesson, lesson.wrong))


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_bundled_lesson_opens_with_its_own_tutorial_name(name):
    assert BUNDLED[name].config().tutorial == name


def test_bundled_lessons_say_what_to_watch_in_two_or_three_lines():
    for lesson in BUNDLED.values():
        assert 40 <= len(lesson.watch) <= 330, lesson.name


def test_the_learning_rate_target_says_what_happened_in_numbers():
    lesson = BUNDLED["lr-too-small"]
    (outcome,) = run_lesson(lesson, lesson.solution)
    assert outcome.text == "test loss fell below 0.05 at epoch 101: target met"


def test_the_xor_exercise_names_the_network_size():
    lesson = BUNDLED["xor-smallest"]
    (outcome,) = run_lesson(lesson, lesson.solution)
    assert "with 3 neurons: target met" in outcome.text


def test_a_low_loss_with_too_big_a_network_is_not_met_and_says_why():
    lesson = BUNDLED["xor-smallest"]
    (outcome,) = run_lesson(lesson, "networkShape=4")
    assert not outcome.met and "the target needs at most 3 neurons" in outcome.text


def test_a_target_over_several_runs_reports_their_spread():
    lesson = BUNDLED["initialisation-spread"]
    (outcome,) = run_lesson(lesson, lesson.solution)
    assert "over 5 runs (spread" in outcome.text


def test_progress_keeps_a_met_target_met_after_the_run_restarts():
    lesson = BUNDLED["lr-too-small"]
    from tui_nn.core.trainer import Trainer
    trainer = Trainer(lesson.config(lesson.solution))
    progress = LessonProgress(lesson)
    trainer.step(120)
    assert progress.update(trainer.config, trainer.epoch, trainer.history.arrays())[0].met
    trainer.reset()
    assert progress.update(trainer.config, trainer.epoch, trainer.history.arrays())[0].met
    assert progress.done


def test_an_open_target_says_the_goal_and_the_current_figure():
    lesson = BUNDLED["lr-too-small"]
    from tui_nn.core.trainer import Trainer
    trainer = Trainer(lesson.config())
    trainer.step(10)
    (outcome,) = LessonProgress(lesson).update(trainer.config, trainer.epoch, trainer.history.arrays())
    assert outcome.state == "open" and outcome.text.startswith("test loss 0.501 at epoch 10; raise the learning rate")


def test_a_lecturer_lesson_loads_from_a_directory(tmp_path):
    write(tmp_path, GOOD)
    lessons = load_lessons((tmp_path,))
    mine = lessons["mine"]
    assert (mine.title, mine.watch, mine.bundled) == ("My lesson", "Watch the loss. Second line.", False)
    assert all(outcome.met for outcome in run_lesson(mine))


def test_a_lecturer_lesson_replaces_a_bundled_one_of_the_same_name(tmp_path):
    write(tmp_path, GOOD, "xor-smallest.lesson")
    assert load_lessons((tmp_path,))["xor-smallest"].title == "My lesson"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("below = 0.3", "below = low"), "[target fast] below: 'low' is not a number"),
        (("measure = test_loss", "measure = test_los"), "[target fast] measure: 'test_los' is not one of"),
        (("epochs = 50", "epochs = many"), "[lesson] epochs: 'many' is not a whole number"),
        (("title = My lesson\n", ""), "[lesson] title: missing"),
        (("link = dataset=circle", "link = dataset=circles"), "[lesson] link:"),
        (("say = get below 0.3", "say = x\ncolour = red"), "[target fast] colour: unknown field"),
        (("below = 0.3", "below = 0.3\nabove = 0.1"), "[target fast] below: give exactly one of below and above"),
        (("below = 0.3", "below = 0.3\nby_epoch = 90"), "[lesson] epochs: 50 is less than epoch 90"),
        (("[target fast]", "[targets fast]"), "[targets fast]: unknown section"),
        (("say = get below 0.3", "say = x\nwith_features = sine"), "[target fast] with_features: 'sine' is not a feature"),
    ],
)
def test_a_malformed_lesson_is_refused_naming_the_file_and_the_field(tmp_path, change, where):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and where in message and "\n" not in message


def test_a_file_that_is_not_ini_is_refused_in_one_line(tmp_path):
    path = write(tmp_path, "title = no section\n")
    with pytest.raises(LessonError, match="not in the lesson format"):
        load_lesson(path)


def test_a_lesson_without_targets_is_refused(tmp_path):
    path = write(tmp_path, GOOD.split("[target")[0])
    with pytest.raises(LessonError, match=r"mine.lesson: no \[target NAME\] section"):
        load_lesson(path)


def test_a_missing_lessons_directory_is_named(tmp_path):
    with pytest.raises(LessonError, match="--lessons: .* is not a directory"):
        load_lessons((tmp_path / "nowhere",))


def test_changes_go_over_the_link():
    assert merge_links("a=1&b=2", "b=3&c=4") == "a=1&b=3&c=4"


def test_bundled_lessons_ship_inside_the_package():
    assert BUNDLED_DIR.parent.name == "tui_nn" and any(BUNDLED_DIR.glob("*.lesson"))


def test_the_readme_example_lesson_loads_and_checks_both_ways(tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    start = readme.index("```ini\n# course/overshoot.lesson") + len("```ini\n")
    write(tmp_path, readme[start:readme.index("```", start)], "overshoot.lesson")
    lesson = load_lessons((tmp_path,))["overshoot"]
    assert all(outcome.met for outcome in run_lesson(lesson, lesson.solution))
    assert not any(outcome.met for outcome in run_lesson(lesson, lesson.wrong))
