"""The TensorFlow Playground's seeded generator: seedrandom 2.4.x ARC4, bit for bit.

This module owns seed-exact reproduction of `Math.random()` after `Math.seedrandom(seed)` and the
Playground's helpers built on it (uniform, normal, shuffle, new seeds). It must not touch
`random` or `np.random` global state.
"""

from __future__ import annotations

import math
import random as _random
from decimal import ROUND_HALF_UP, Context, Decimal

_WIDTH = 256
_MASK = _WIDTH - 1
_CHUNKS = 6
_START_DENOM = _WIDTH**_CHUNKS  # 2**48
_SIGNIFICANCE = 2**52
_OVERFLOW = 2**53
_SEED_QUANTUM = Decimal("0.00001")
_FIXED_CONTEXT = Context(prec=40)  # enough digits for any |value| < 1e21, toFixed's own limit


def _utf16_units(text: str) -> list[int]:
    """The string's UTF-16 code units, as JavaScript's `charCodeAt` sees them."""
    data = text.encode("utf-16-le", "surrogatepass")
    return [data[k] | (data[k + 1] << 8) for k in range(0, len(data), 2)]


def _mixkey(seed: str) -> list[int]:
    """seedrandom's `mixkey`: fold the seed's code units into an RC4 key of at most 256 bytes."""
    key: list[int] = []
    smear = 0
    for j, unit in enumerate(_utf16_units(seed)):
        slot = j & _MASK
        if slot < len(key):
            smear ^= key[slot] * 19
            key[slot] = (smear + unit) & _MASK
        else:
            # A missing entry is `undefined * 19`, i.e. NaN, which `^=` treats as 0.
            key.append((smear + unit) & _MASK)
    return key


class PlaygroundRandom:
    """`Math.random()` as the Playground sees it after `Math.seedrandom(seed)`.

    The stream is seedrandom's ARC4 (RC4-drop[256]) turned into doubles with 53 random bits.
    """

    def __init__(self, seed: str) -> None:
        """Seed the generator exactly as `Math.seedrandom(seed)` does.

        Args:
            seed: The seed string, e.g. `"0.59704"`; any string, including `""`, is accepted.
        """
        self.seed: str = seed
        """The seed string the generator was created from."""
        key = _mixkey(seed) or [0]
        keylen = len(key)
        S = list(range(_WIDTH))
        j = 0
        for i in range(_WIDTH):
            t = S[i]
            j = (j + key[i % keylen] + t) & _MASK
            S[i] = S[j]
            S[j] = t
        self._S = S
        self._i = 0
        self._j = 0
        self._bytes(_WIDTH)  # RC4-drop[256]

    def _bytes(self, count: int) -> int:
        """seedrandom's `g(count)`: the next `count` RC4 bytes as one big-endian integer."""
        S = self._S
        i = self._i
        j = self._j
        r = 0
        for _ in range(count):
            i = (i + 1) & 255
            t = S[i]
            j = (j + t) & 255
            S[i] = S[j]
            S[j] = t
            r = (r << 8) | S[(S[i] + t) & 255]
        self._i = i
        self._j = j
        return r

    def getstate(self) -> tuple[list[int], int, int]:
        """The ARC4 state (permutation, i, j), so a saved run continues the stream exactly."""
        return list(self._S), self._i, self._j

    def setstate(self, state: tuple[list[int], int, int]) -> None:
        """Continue from a ``getstate`` result.

        Raises:
            ValueError: It is not a permutation of 0..255 with two indices in 0..255.
        """
        S, i, j = state
        S = [int(value) for value in S]
        if sorted(S) != list(range(_WIDTH)) or not (0 <= int(i) < _WIDTH and 0 <= int(j) < _WIDTH):
            raise ValueError("not an ARC4 generator state")
        self._S, self._i, self._j = S, int(i), int(j)

    def random(self) -> float:
        """The next double in `[0, 1)`, identical to the browser's `Math.random()`.

        Returns:
            A float with 53 random bits.
        """
        n = self._bytes(_CHUNKS)
        d = _START_DENOM
        x = 0
        while n < _SIGNIFICANCE:
            n = (n + x) * _WIDTH
            d *= _WIDTH
            x = self._bytes(1)
        while n >= _OVERFLOW:
            n >>= 1
            d >>= 1
            x >>= 1
        # n + x < 2**53 and d is a power of two, so int true-division is exact, as in JS.
        return (n + x) / d

    def uniform(self, low: float, high: float) -> float:
        """The Playground's `randUniform(low, high)`.

        Args:
            low: Lower bound (inclusive).
            high: Upper bound (exclusive, up to rounding).

        Returns:
            `random() * (high - low) + low`, evaluated in that order.
        """
        return self.random() * (high - low) + low

    def normal(self, mean: float = 0.0, variance: float = 1.0) -> float:
        """The Playground's `normalRandom`: Marsaglia's polar method, keeping only `v1`.

        Args:
            mean: Mean of the distribution.
            variance: Variance (not the standard deviation) of the distribution.

        Returns:
            `mean + sqrt(variance) * sqrt(-2 * log(s) / s) * v1`.
        """
        while True:
            v1 = 2 * self.random() - 1
            v2 = 2 * self.random() - 1
            s = v1 * v1 + v2 * v2
            if s <= 1:
                break
        # s == 0 would give NaN in the browser too (0 * inf); it has probability 2**-106.
        result = math.sqrt(-2 * math.log(s) / s) * v1 if s > 0 else math.nan
        return mean + math.sqrt(variance) * result

    def shuffle(self, items: list) -> None:
        """Shuffle `items` in place with the Playground's Fisher-Yates loop.

        Args:
            items: The list to permute; it is modified in place.
        """
        counter = len(items)
        while counter > 0:
            index = math.floor(self.random() * counter)
            counter -= 1
            items[counter], items[index] = items[index], items[counter]

    def new_seed(self) -> str:
        """Draw the next seed the way Regenerate does: `Math.random().toFixed(5)`.

        Returns:
            A seed string such as `"0.92005"`.
        """
        return format_seed(self.random())


def format_seed(value: float) -> str:
    """Format a number as JavaScript's `value.toFixed(5)` does.

    Args:
        value: A finite number with `abs(value) < 1e21` (beyond that `toFixed` switches to
            exponent notation); seeds come from `[0, 1)`.

    Returns:
        The exact decimal value of `value` rounded to 5 places, ties to the larger
        magnitude, e.g. `1/64` gives `"0.01563"`.
    """
    exact = Decimal(value + 0.0)  # + 0.0 turns -0.0 into 0.0, which JS prints unsigned
    return str(exact.quantize(_SEED_QUANTUM, rounding=ROUND_HALF_UP, context=_FIXED_CONTEXT))


def random_seed() -> str:
    """A fresh seed drawn the way the Playground picks one when the URL has none.

    Returns:
        `toFixed(5)` of a draw from the operating system's unseeded randomness.
    """
    return format_seed(_random.SystemRandom().random())
