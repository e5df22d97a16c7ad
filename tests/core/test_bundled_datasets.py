"""The bundled real datasets (issue 8): each loads, and a small network reaches the accuracy that
``datasets/README.md`` states, headless, with the settings it states."""

from __future__ import annotations

import numpy as np
import pytest

from tui_nn.core.config import Config
from tui_nn.core.datasets import BUNDLED_DIR, DATASETS
from tui_nn.core.settings import dataset_changes
from tui_nn.core.trainer import Trainer

BUNDLED = [name for name, info in DATASETS.items() if info.bundled]
SEED = "0.5"
EPOCHS = 200


def run(name: str) -> Trainer:
    """The README's run: the default network (4,2 tanh, learning rate 0.03, batch 10), seed 0.5."""
    trainer = Trainer(Config(seed=SEED).replace(**dataset_changes(name)))
    trainer.step(EPOCHS)
    return trainer


def test_the_real_datasets_are_bundled():
    assert {"iris", "penguins", "diabetes"} <= set(BUNDLED)
    assert (BUNDLED_DIR / "README.md").is_file()


@pytest.mark.parametrize("name", BUNDLED)
def test_each_bundled_dataset_loads_with_its_classes(name):
    info = DATASETS[name]
    trainer = Trainer(Config(seed="1").replace(**dataset_changes(name)))
    data = trainer.data
    assert len(data.train_labels) + len(data.test_labels) > 100
    assert data.scales[0].name == info.bundled.x and data.scales[1].name == info.bundled.y
    if info.problem == "multiclass":
        assert len(data.class_names) == info.classes == trainer.network.layer_sizes[-1]


def test_iris_reaches_the_stated_accuracy():
    trainer = run("iris")
    assert trainer.data.class_names == ("setosa", "versicolor", "virginica")
    assert trainer.test_accuracy >= 0.94


def test_penguins_reach_the_stated_accuracy():
    trainer = run("penguins")
    assert trainer.data.class_names == ("Adelie", "Chinstrap", "Gentoo")
    assert trainer.test_accuracy >= 0.95


def test_diabetes_explains_the_stated_share_of_the_variance():
    trainer = run("diabetes")
    labels = trainer.data.test_labels
    baseline = 0.5 * np.mean((labels - labels.mean()) ** 2)
    assert 1 - trainer.test_loss / baseline >= 0.4  # R^2 on the test points
