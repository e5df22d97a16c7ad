"""Every CSV rule of issue 8: any header, columns by name or position, labels as ±1, integers or
names, the problem inferred or overridden, rescaling, the row limit and the seeded sample."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from tui_nn.core.config import Config, ConfigError
from tui_nn.core.csv_data import MAX_DATA_ROWS, Columns, file_data, inspect_file, load_csv, read_data_file
from tui_nn.core.trainer import Trainer


def write(tmp_path: Path, text: str, name: str = "data.csv") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def refused(path: str, **settings) -> str:
    with pytest.raises(ConfigError) as error:
        Trainer(Config(data_file=path, seed="1", **settings))
    message = str(error.value)
    assert message.startswith(path) and "\n" not in message, message
    return message


PETS = "name,weight,height,colour,kind\nrex,1.5,2,red,dog\ntom,0.5,1,blue,cat\nmia,0.7,1.2,red,cat\nbo,2,2.5,red,dog\n"


def test_any_header_defaults_to_the_first_two_numeric_columns_and_the_last(tmp_path):
    points, labels, problem = load_csv(write(tmp_path, PETS))
    np.testing.assert_array_equal(points, [[1.5, 2], [0.5, 1], [0.7, 1.2], [2, 2.5]])
    assert problem == "classification"
    np.testing.assert_array_equal(labels, [1, -1, -1, 1])  # classes in name order: cat -1, dog +1


def test_columns_are_chosen_by_name_or_position(tmp_path):
    path = write(tmp_path, PETS)
    by_name, _, _ = load_csv(path, Columns(x="height", y="WEIGHT", label="kind"))
    by_position, _, _ = load_csv(path, Columns(x="3", y="2", label="5"))
    np.testing.assert_array_equal(by_name, by_position)
    np.testing.assert_array_equal(by_name[0], [2, 1.5])


def test_an_unknown_column_is_refused_naming_the_columns(tmp_path):
    message = refused(write(tmp_path, PETS), x_column="size")
    assert "no column 'size' for x" in message and "name, weight, height, colour, kind" in message


def test_a_text_column_chosen_as_input_is_refused_at_its_line(tmp_path):
    assert "line 2: colour is not a number: 'red'" in refused(write(tmp_path, PETS), x_column="colour")


@pytest.mark.parametrize(
    ("labels", "problem", "expected"),
    [
        (["1", "-1", "1", "-1"], "classification", [1, -1, 1, -1]),
        (["0", "1", "1", "0"], "classification", [-1, 1, 1, -1]),
        (["0", "2", "1", "2"], "multiclass", [0, 2, 1, 2]),
        (["b", "a", "c", "a"], "multiclass", [1, 0, 2, 0]),
        (["0.5", "1.25", "-3", "2"], "regression", [0.5, 1.25, -3, 2]),
        ([str(k) for k in range(12)], "regression", list(range(12))),  # more than 8 values: a quantity
    ],
    ids=["plus-minus-one", "zero-one", "integers", "names", "reals", "many-integers"],
)
def test_labels_set_the_problem(tmp_path, labels, problem, expected):
    rows = "".join(f"{i},{i % 3},{label}\n" for i, label in enumerate(labels))
    _, got, found = load_csv(write(tmp_path, "a,b,c\n" + rows))
    assert found == problem
    np.testing.assert_array_equal(got, expected)


def test_the_problem_can_be_overridden(tmp_path):
    path = write(tmp_path, "a,b,c\n1,2,0\n2,3,1\n3,1,2\n4,4,1\n")
    assert load_csv(path, problem="regression")[2] == "regression"
    config = inspect_file(Config(data_file=path, problem="regression"), infer=False)
    assert config.problem == "regression"


def test_two_classes_may_be_learned_with_a_softmax(tmp_path):
    trainer = Trainer(Config(data_file=write(tmp_path, PETS), problem="multiclass", seed="1", train_percent=50))
    assert trainer.config.classes == 2 and trainer.network.layer_sizes[-1] == 2
    assert trainer.data.class_names == ("cat", "dog")


def test_a_multiclass_file_sets_the_number_of_classes(tmp_path):
    rows = "".join(f"{i},{i * 2},{'abcde'[i % 5]}\n" for i in range(20))
    path = write(tmp_path, "a,b,c\n" + rows)
    assert inspect_file(Config(data_file=path)).classes == 5
    trainer = Trainer(Config(data_file=path, problem="multiclass", seed="1"))  # classes=3 given: the file's 5 win
    assert trainer.config.classes == 5 and trainer.network.layer_sizes[-1] == 5


def test_three_classes_are_not_two_class_classification(tmp_path):
    path = write(tmp_path, "a,b,c\n1,2,x\n2,3,y\n3,1,z\n")
    assert "3 classes in c (x, y, z)" in refused(path, problem="classification")


def test_names_are_not_a_regression_target(tmp_path):
    assert "class names" in refused(write(tmp_path, PETS), problem="regression")


def test_one_class_only_is_refused_with_that_reason(tmp_path):
    message = refused(write(tmp_path, "a,b,c\n1,2,cat\n2,3,cat\n3,1,cat\n"), problem="multiclass")
    assert "one class only" in message
    with pytest.raises(ConfigError, match="one class only"):
        inspect_file(Config(data_file=write(tmp_path, "a,b,c\n1,2,1\n2,3,1\n", "ones.csv")))


def test_more_than_eight_classes_are_refused(tmp_path):
    rows = "".join(f"{i},{i},{'abcdefghij'[i]}\n" for i in range(10))
    message = refused(write(tmp_path, "a,b,c\n" + rows), problem="multiclass")
    assert "more than 8 classes" in message and "--label" in message and "line 10" in message


def test_an_unnamed_index_column_is_allowed(tmp_path):
    # pandas' to_csv writes its index under an empty name
    points, labels, problem = load_csv(write(tmp_path, ",a,b,kind\n0,1.5,2,x\n1,2.5,3,y\n"))  # not the index
    np.testing.assert_array_equal(points, [[1.5, 2], [2.5, 3]])
    assert problem == "classification"


def test_a_headerless_file_is_refused(tmp_path):
    assert "line 1: missing header" in refused(write(tmp_path, "1,2,3\n4,5,6\n"))


def test_a_quoted_field_may_not_span_lines(tmp_path):
    assert "spans lines" in refused(write(tmp_path, 'a,b,c\n1,2,"x\ny"\n3,4,z\n'))


def test_points_are_rescaled_into_the_plane_and_the_scale_kept(tmp_path):
    rows = "".join(f"{100 + 10 * i},{-0.01 * i},{'ab'[i % 2]}\n" for i in range(11))
    split = file_data(write(tmp_path, "big,small,c\n" + rows), "classification", 50, "1", rescale=True)
    points = np.concatenate([split.train_points, split.test_points])
    np.testing.assert_allclose(points.min(axis=0), [-5, -5])
    np.testing.assert_allclose(points.max(axis=0), [5, 5])
    x, y = split.scales
    assert (x.name, y.name) == ("big", "small")
    assert x.value_at(-5) == pytest.approx(100) and y.value_at(-5) == pytest.approx(-0.1)


def test_no_rescale_keeps_the_raw_values(tmp_path):
    path = write(tmp_path, "a,b,c\n100,1,x\n200,2,y\n")
    trainer = Trainer(Config(data_file=path, rescale=False, seed="1"))
    assert trainer.data.scales is None
    assert np.abs(np.concatenate([trainer.data.train_points, trainer.data.test_points])).max() == 200


def test_a_regression_label_is_rescaled_to_the_playground_range(tmp_path):
    rows = "".join(f"{i},{i},{100 + i * i}\n" for i in range(20))
    trainer = Trainer(Config(data_file=write(tmp_path, "a,b,y\n" + rows), problem="regression", seed="1"))
    labels = np.concatenate([trainer.data.train_labels, trainer.data.test_labels])
    assert labels.min() == pytest.approx(-1) and labels.max() == pytest.approx(1)


def big_file(tmp_path: Path, rows: int) -> str:
    path = tmp_path / "big.csv"
    block = "".join(f"{i % 97},{i % 89},{'xyz'[i % 3]}\n" for i in range(1000))
    with path.open("w") as handle:
        handle.write("a,b,kind\n")
        for _ in range(rows // 1000):
            handle.write(block)
    return str(path)


def test_more_rows_than_the_limit_are_refused_naming_the_limit_and_the_sample_option(tmp_path):
    message = refused(big_file(tmp_path, MAX_DATA_ROWS + 1000))
    assert f"more than {MAX_DATA_ROWS:,} data rows" in message and "--sample N" in message


def test_a_sample_reads_a_file_of_any_size_in_bounded_memory(tmp_path):
    # Rule changed (issue 8): a file past the limit loads when a seeded sample is asked for.
    path = big_file(tmp_path, 400_000)
    tracemalloc.start()
    try:
        table = read_data_file(path, sample=5000, seed="s")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert table.points.shape == (5000, 2) and table.rows == 400_000
    assert peak < 24 * 2**20  # a block of lines and the sample, never the file


def test_the_sample_depends_on_the_seed_only(tmp_path):
    path = big_file(tmp_path, 20_000)
    first = read_data_file(path, sample=100, seed="a").points
    np.testing.assert_array_equal(first, read_data_file(path, sample=100, seed="a").points.copy())
    assert not np.array_equal(first, read_data_file(path, sample=100, seed="b").points)


def test_a_sample_larger_than_the_file_takes_every_row(tmp_path):
    path = write(tmp_path, PETS)
    assert read_data_file(path, sample=1000, seed="a").points.shape == (4, 2)


def test_a_sampled_run_trains(tmp_path):
    trainer = Trainer(Config(data_file=big_file(tmp_path, 150_000), problem="multiclass", sample=600, seed="2"))
    assert len(trainer.data.train_labels) + len(trainer.data.test_labels) == 600
    trainer.step(2)
    assert trainer.epoch == 2
