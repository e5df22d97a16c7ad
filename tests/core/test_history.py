"""LossHistory: every epoch until the limit, then an evenly thinned outline that keeps epoch 0."""

from __future__ import annotations

import numpy as np
import pytest

from tui_nn.core.history import LossHistory


def filled(limit: int, epochs: int) -> LossHistory:
    """Epochs 0..epochs-1 recorded with train loss = epoch and test loss = -epoch."""
    history = LossHistory(limit)
    for epoch in range(epochs):
        history.record(epoch, float(epoch), -float(epoch))
    return history


def test_keeps_every_epoch_up_to_the_limit():
    epochs, _, _ = filled(10, 10).arrays()
    assert epochs.tolist() == list(range(10))


@pytest.mark.parametrize("epochs", [11, 37, 100, 1000])
def test_never_holds_more_than_the_limit(epochs):
    assert len(filled(10, epochs)) <= 10


@pytest.mark.parametrize("epochs", [11, 37, 100, 1000])
def test_thinning_keeps_epoch_zero(epochs):
    assert filled(10, epochs).arrays()[0][0] == 0


@pytest.mark.parametrize("epochs", [11, 37, 100, 1000])
def test_thinning_keeps_evenly_spaced_epochs(epochs):
    gaps = np.diff(filled(10, epochs).arrays()[0])
    assert len(set(gaps.tolist())) == 1


@pytest.mark.parametrize("epochs", [37, 1000])
def test_thinning_keeps_at_least_half_the_limit(epochs):
    assert len(filled(10, epochs)) >= 5


def test_losses_stay_paired_with_their_epochs():
    epochs, train, test = filled(10, 100).arrays()
    np.testing.assert_array_equal(train, epochs)
    np.testing.assert_array_equal(test, -epochs)


def test_clear_empties_and_restarts_every_epoch():
    history = filled(10, 100)
    history.clear()
    for epoch in range(3):
        history.record(epoch, 0.0, 0.0)
    assert history.arrays()[0].tolist() == [0, 1, 2]


def test_arrays_are_copies():
    history = filled(10, 5)
    epochs, train, _ = history.arrays()
    epochs[0], train[0] = 99.0, 99.0
    assert history.arrays()[0][0] == 0 and history.arrays()[1][0] == 0


def test_rows_are_json_ready():
    assert filled(10, 2).rows() == [
        {"epoch": 0, "train_loss": 0.0, "test_loss": -0.0},
        {"epoch": 1, "train_loss": 1.0, "test_loss": -1.0},
    ]


def test_limit_below_two_is_rejected():
    with pytest.raises(ValueError):
        LossHistory(1)


@pytest.mark.parametrize("epochs", [11, 37, 100, 1001])
def test_latest_epoch_ends_the_curve_after_thinning(epochs):
    got, train, test = filled(10, epochs).arrays(latest=True)
    assert got[0] == 0 and got[-1] == epochs - 1
    assert train[-1] == epochs - 1 and test[-1] == -(epochs - 1)
    assert len(got) <= 11 and np.all(np.diff(got) > 0)


def test_latest_is_not_repeated_when_the_outline_ends_on_it():
    history = filled(10, 11)  # thinned to 0, 2, ..., 10: the outline already ends on epoch 10
    assert history.arrays(latest=True)[0].tolist() == history.arrays()[0].tolist() == [0, 2, 4, 6, 8, 10]


def test_rows_end_on_the_latest_epoch():
    assert filled(10, 100).rows(latest=True)[-1] == {"epoch": 99, "train_loss": 99.0, "test_loss": -99.0}


def test_outline_starts_at_the_first_recorded_epoch_even_when_it_is_not_zero():
    history = LossHistory(10)
    for epoch in range(37, 137):  # a run resumed from a model file at epoch 37
        history.record(epoch, float(epoch), 0.0)
    epochs = history.arrays(latest=True)[0]
    assert epochs[0] == 37 and epochs[-1] == 136
    assert len(set(np.diff(history.arrays()[0]).tolist())) == 1


def test_a_hundred_thousand_points_stay_in_a_few_megabytes():
    import tracemalloc

    tracemalloc.start()
    history = filled(100_001, 100_001)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(history) == 100_001 and size < 4_000_000
