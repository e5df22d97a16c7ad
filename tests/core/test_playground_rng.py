"""Reference tests for the seedrandom ARC4 port and the Playground helpers built on it."""

import math
import re
import time

import numpy as np
import pytest

from tui_nn.core.datasets import playground_data
from tui_nn.core.playground_rng import PlaygroundRandom, format_seed, random_seed

DEFAULT_SEED = "0.59704"
# x,y -> 4,2 -> 1: 2*4 + 4*2 + 2*1 links, each drawn as random() - 0.5 (nn.ts:L161).
DEFAULT_NETWORK_WEIGHTS = 2 * 4 + 4 * 2 + 2 * 1


def draws(seed: str, count: int) -> list[float]:
    rng = PlaygroundRandom(seed)
    return [rng.random() for _ in range(count)]


def test_first_double_of_hello_matches_seedrandom():
    assert PlaygroundRandom("hello.").random() == 0.9282578795792454


def test_seed_is_kept():
    assert PlaygroundRandom("abc").seed == "abc"


def test_same_seed_gives_same_stream():
    assert draws("0.12345", 500) == draws("0.12345", 500)


def test_different_seeds_give_different_streams():
    assert draws("0.12345", 5) != draws("0.12346", 5)


def test_empty_seed_gives_a_valid_stream():
    values = draws("", 100)
    assert values[0] == 0.23144008215179881  # seedrandom.js under node
    assert all(0 <= v < 1 for v in values)


def test_empty_seed_is_keyed_as_a_single_zero():
    # ARC4 treats the empty key as [0]; mixkey("\0") also gives [0].
    assert draws("", 20) == draws("\0", 20)


def test_non_ascii_seed_is_keyed_by_utf16_code_units():
    # Reference values from seedrandom.js under node; U+1F600 is two UTF-16 code units.
    assert draws("😀é", 2) == [0.6949681783265058, 0.29780199200147184]
    assert draws("😀", 1) == [0.5698095144192531]
    assert draws("😀", 5) == draws("\ud83d\ude00", 5)


def test_doubles_lie_in_unit_interval():
    values = draws("range", 5000)
    assert all(0 <= v < 1 for v in values)
    assert len(set(values)) == len(values)


def test_long_seed_wraps_the_key():
    assert draws("a" * 300, 3) != draws("a" * 256, 3)


def test_ten_thousand_doubles_are_fast():
    rng = PlaygroundRandom("speed")
    start = time.perf_counter()
    for _ in range(10_000):
        rng.random()
    assert time.perf_counter() - start < 0.5


def test_uniform_is_the_playground_expression():
    a, b = PlaygroundRandom("u"), PlaygroundRandom("u")
    for _ in range(100):
        assert a.uniform(-6, 6) == b.random() * (6 - -6) + -6


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.59704, "0.59704"),
        (1 / 64, "0.01563"),  # exactly 0.015625: a tie, toFixed takes the larger n
        (0.999999, "1.00000"),
        (0.0, "0.00000"),
        (-0.0, "0.00000"),
        (0.000005, "0.00001"),  # the double is slightly above 5e-6
        (0.123455, "0.12345"),  # the double is slightly below 0.123455
        (1e-7, "0.00000"),
        (0.5, "0.50000"),
    ],
)
def test_format_seed_matches_to_fixed_5(value, expected):
    assert format_seed(value) == expected


def test_random_seed_looks_like_a_playground_seed():
    assert re.fullmatch(r"[01]\.\d{5}", random_seed())


def test_new_seed_formats_the_next_draw():
    a, b = PlaygroundRandom("s"), PlaygroundRandom("s")
    assert a.new_seed() == format_seed(b.random())


def test_shuffle_is_a_deterministic_permutation():
    items_a = list(range(50))
    items_b = list(range(50))
    PlaygroundRandom("shuffle").shuffle(items_a)
    PlaygroundRandom("shuffle").shuffle(items_b)
    assert items_a == items_b
    assert sorted(items_a) == list(range(50))
    assert items_a != list(range(50))


def test_shuffle_uses_one_draw_per_item_in_fisher_yates_order():
    rng, reference = PlaygroundRandom("fy"), PlaygroundRandom("fy")
    items = list("abcdefg")
    rng.shuffle(items)
    expected = list("abcdefg")
    for counter in range(len(expected), 0, -1):
        index = math.floor(reference.random() * counter)
        expected[counter - 1], expected[index] = expected[index], expected[counter - 1]
    assert items == expected
    assert rng.random() == reference.random()


def test_normal_takes_variance_not_std():
    rng = PlaygroundRandom("normal")
    values = np.array([rng.normal(1.0, 4.0) for _ in range(20_000)])
    assert abs(values.mean() - 1.0) < 0.05
    assert abs(values.std() - 2.0) < 0.05


def test_golden_first_train_point_of_default_link():
    data = playground_data("circle", 0, 50, PlaygroundRandom(DEFAULT_SEED))
    expected = [0.24014491222149606, 0.46035893207186385]
    assert data.train_points[0] == pytest.approx(expected, abs=1e-15)
    assert data.train_labels[0] == 1


def test_golden_initial_weights_follow_the_data_draws():
    rng = PlaygroundRandom(DEFAULT_SEED)
    playground_data("circle", 0, 50, rng)
    first, second = rng.random() - 0.5, rng.random() - 0.5
    assert first == pytest.approx(0.013961340352000695, abs=1e-15)
    assert second == pytest.approx(0.43302599830780975, abs=1e-15)


def test_golden_regenerate_seed_after_default_weights():
    rng = PlaygroundRandom(DEFAULT_SEED)
    playground_data("circle", 0, 50, rng)
    for _ in range(DEFAULT_NETWORK_WEIGHTS):
        rng.random()
    assert rng.new_seed() == "0.92005"
