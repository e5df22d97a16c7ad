"""Reading CSV files in bounded memory: two input columns and a label column from any CSV file with a header.

Reading is streamed in blocks and vectorised per block, so memory stays bounded however large the
file: above ``MAX_DATA_ROWS`` rows a file is refused unless a seeded random sample is asked for.
Every fault is a ``ValueError`` naming the file, the line and the fault, on one line; nothing here
guesses silently. Shuffles and samples use NumPy generators seeded from the run's seed string,
never global NumPy state and never the Playground's stream (whose draws stay the initial weights').
"""

from __future__ import annotations

import csv
import hashlib
import os
import stat
from dataclasses import dataclass
from os import PathLike
from typing import Iterator, TextIO

import numpy as np

from tui_nn.core.datasets import Array
from tui_nn.core.problems import MAX_CLASSES

MAX_DATA_ROWS = 100_000
"""Most data rows loaded (DESIGN.md: 100,000 rows load in under a second); more need a sample."""
MAX_DATA_BYTES = 16 * 2**20
"""Largest file read whole: 100,000 rows of full-precision numbers fit several times over."""
MAX_LINE_CHARS = 1024
BLOCK_LINES = 8192
"""Lines parsed per block: big enough to vectorise, small enough to keep memory flat."""
SAMPLE_HINT = f"take a seeded random sample with --sample N (N up to {MAX_DATA_ROWS:,})"


@dataclass(frozen=True)
class Columns:
    """The columns a run uses, each a name or 1-based position; None takes the default."""

    x: str | None = None
    """Default: the first numeric column (other than the label's)."""
    y: str | None = None
    """Default: the second numeric column."""
    label: str | None = None
    """Default: the last column."""


@dataclass(frozen=True)
class Table:
    """The chosen columns of a file, as read (before labels are interpreted)."""

    points: Array
    """Raw inputs `(n, 2)`."""
    numbers: Array | None
    """Labels as numbers `(n,)`, or None when some label is not a number."""
    codes: np.ndarray | None
    """Otherwise, labels as indices into ``names`` `(n,)`."""
    names: tuple[str, ...]
    """Distinct label texts in order of first appearance (only when ``codes`` is set)."""
    columns: tuple[str, str, str]
    """Header names of the x, y and label columns."""
    rows: int
    """Data rows in the file (more than ``len(points)`` when sampled)."""


def read_table(path: str | PathLike[str], columns: Columns = Columns(), sample: int | None = None,
               seed: str = "") -> Table:
    """Read three columns of a CSV file in bounded memory.

    Args:
        path: The file (UTF-8, a header row; blank lines are skipped).
        columns: Which columns to read.
        sample: Keep a random sample of this many rows (seeded by ``seed``); the file may then
            be of any size. None: every row, up to ``MAX_DATA_ROWS`` and ``MAX_DATA_BYTES``.
        seed: The run's seed string (for the sample).

    Raises:
        ValueError: The file is malformed or too large; one line naming the file (and line).
        OSError: The file cannot be read.
    """
    name = str(path)
    _check_size(name, os.stat(path), sample)
    reader = _Reader(name, columns, sample, seed)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader.read(_bounded_chunks(name, handle, limit=sample is None))
    except UnicodeDecodeError as error:
        raise ValueError(f"{name}: not UTF-8 text ({error.reason})") from None
    return reader.table()


class _Reader:
    """Accumulates parsed blocks: all rows, or a seeded reservoir of ``sample`` rows."""

    def __init__(self, name: str, columns: Columns, sample: int | None, seed: str) -> None:
        self.name, self.columns, self.sample = name, columns, sample
        self.rng = seeded_generator(seed + "/sample")
        self.header: list[str] = []
        self.unnamed: set[int] = set()
        self.picks: tuple[int, int, int] = (0, 1, 2)
        self.names: dict[str, int] = {}
        self.numeric = True
        self.parts: list[tuple[Array, Array, Array, Array]] = []  # (keys, x, y, label)
        self.kept = 0
        self.rows = 0

    def read(self, chunks: Iterator[tuple[int, list[str]]]) -> None:
        block: list[tuple[int, str]] = []
        for first, lines in chunks:
            if not self.header and lines:
                self._set_header(first, lines[0])
                first, lines = first + 1, lines[1:]
            block += [(first + i, line) for i, line in enumerate(lines) if line.strip()]
            while len(block) >= BLOCK_LINES:
                self._add_block(block[:BLOCK_LINES])
                block = block[BLOCK_LINES:]
        if not self.header:
            raise ValueError(f"{self.name}: line 1: missing header (column names), got an empty file")
        if block:
            self._add_block(block)

    def _set_header(self, number: int, line: str) -> None:
        """Column names; an unnamed column (pandas writes its index so) is called ``column N``."""
        cells = [cell.strip() for cell in _split(self.name, number, [line])[0]]
        if len(cells) < 3:
            raise ValueError(f"{self.name}: line {number}: missing header: needs 3 or more column names "
                             f"(two inputs and a label), got {line.strip()[:40]!r}")
        if all(_is_number(cell) for cell in cells):
            raise ValueError(f"{self.name}: line {number}: missing header: the first line holds numbers, "
                             "not column names")
        self.header = [cell or f"column {i + 1}" for i, cell in enumerate(cells)]
        self.unnamed = {i for i, cell in enumerate(cells) if not cell}

    def _choose(self, number: int, first: list[str]) -> None:
        """Resolve the columns on the first data row (the defaults need to see which are numeric)."""
        label = _column(self.name, self.header, self.columns.label, "label") if self.columns.label else len(self.header) - 1
        others = [i for i in range(len(first)) if i != label]
        # Named numeric columns first (an unnamed one is usually an index), then the rest, so a
        # junk cell is reported where it is.
        numeric = [i for i in others if _is_number(first[i])]
        candidates = ([i for i in numeric if i not in self.unnamed] + [i for i in numeric if i in self.unnamed]
                      + [i for i in others if i not in numeric])
        picks: list[int] = []
        for which, chosen in (("x", self.columns.x), ("y", self.columns.y)):
            picks.append(_column(self.name, self.header, chosen, which) if chosen is not None
                         else next(i for i in candidates if i not in picks))
        self.picks = (picks[0], picks[1], label)

    def _add_block(self, block: list[tuple[int, str]]) -> None:
        rows = _split(self.name, block[0][0], [line for _, line in block])
        if not self.rows:
            self._choose(block[0][0], rows[0])
        self.rows += len(rows)
        if self.sample is None and self.rows > MAX_DATA_ROWS:
            raise ValueError(f"{self.name}: more than {MAX_DATA_ROWS:,} data rows, the limit; {SAMPLE_HINT}")
        width = len(self.header)
        lengths = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
        if (lengths != width).any():
            at = int(np.argmax(lengths != width))
            raise ValueError(f"{self.name}: line {block[at][0]}: expected {width} columns (as the header), got {lengths[at]}")
        ix, iy, il = self.picks
        x = self._numbers(block, [row[ix] for row in rows], self.header[ix])
        y = self._numbers(block, [row[iy] for row in rows], self.header[iy])
        label = self._labels(block, [row[il] for row in rows])
        keys = self.rng.random(len(rows)) if self.sample is not None else np.empty(0)
        self.parts.append((keys, x, y, label))
        self.kept += len(rows)
        if self.sample is not None and self.kept > 2 * self.sample:
            self._shrink()

    def _numbers(self, block: list[tuple[int, str]], texts: list[str], column: str) -> Array:
        try:
            values = np.array(texts, dtype=np.float64)
        except ValueError:
            at = next((i for i, text in enumerate(texts) if not _is_number(text)), 0)
            raise ValueError(f"{self.name}: line {block[at][0]}: {column} is not a number: {texts[at].strip()[:40]!r}") from None
        if not np.isfinite(values).all():
            at = int(np.argmax(~np.isfinite(values)))
            raise ValueError(f"{self.name}: line {block[at][0]}: {column} must be finite, got {texts[at].strip()[:40]!r}")
        return values

    def _labels(self, block: list[tuple[int, str]], texts: list[str]) -> Array:
        """Numbers while every label so far is one; from the first that is not, indices of names."""
        if self.numeric:
            try:
                values = np.array(texts, dtype=np.float64)
            except ValueError:
                self._switch_to_names()
            else:
                if not np.isfinite(values).all():
                    at = int(np.argmax(~np.isfinite(values)))
                    raise ValueError(f"{self.name}: line {block[at][0]}: {self.header[self.picks[2]]} must be finite, "
                                     f"got {texts[at].strip()[:40]!r}")
                return values
        distinct, inverse = np.unique(np.array(texts), return_inverse=True)
        codes = np.array([self.names.setdefault(str(text).strip(), len(self.names)) for text in distinct])
        if len(self.names) > MAX_CLASSES:
            at = int(np.argmax(codes[inverse] >= MAX_CLASSES))
            shown = ", ".join(list(self.names)[: MAX_CLASSES + 1])
            raise ValueError(f"{self.name}: line {block[at][0]}: more than {MAX_CLASSES} classes in "
                             f"{self.header[self.picks[2]]} ({shown}); at most {MAX_CLASSES}, or choose "
                             "another label column with --label"[:400])
        return codes[inverse].astype(np.float64)

    def _switch_to_names(self) -> None:
        """Some label is a name: the numbers read so far become names too (as ``%g`` writes them)."""
        self.numeric = False
        for index, (keys, x, y, label) in enumerate(self.parts):
            texts = [f"{value:g}" for value in label]
            codes = np.array([self.names.setdefault(text, len(self.names)) for text in texts], dtype=np.float64)
            self.parts[index] = (keys, x, y, codes)
        if len(self.names) > MAX_CLASSES:
            raise ValueError(f"{self.name}: more than {MAX_CLASSES} classes in {self.header[self.picks[2]]}; "
                             f"at most {MAX_CLASSES}, or choose another label column with --label")

    def _shrink(self) -> None:
        """Keep the ``sample`` rows with the smallest random keys: a uniform sample, in bounded memory."""
        keys, x, y, label = (np.concatenate(part) for part in zip(*self.parts))
        keep = np.sort(np.argpartition(keys, self.sample)[: self.sample])
        self.parts = [(keys[keep], x[keep], y[keep], label[keep])]
        self.kept = len(keep)

    def table(self) -> Table:
        if self.rows < 2:
            raise ValueError(f"{self.name}: needs at least 2 data rows after the header, got {self.rows}")
        if self.sample is not None and self.kept > self.sample:
            self._shrink()
        _, x, y, label = (np.concatenate(part) for part in zip(*self.parts))
        columns = tuple(self.header[i] for i in self.picks)
        points = np.column_stack((x, y))
        if self.numeric:
            return Table(points, label, None, (), columns, self.rows)  # type: ignore[arg-type]
        return Table(points, None, label.astype(np.intp), tuple(self.names), columns, self.rows)  # type: ignore[arg-type]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _split(name: str, first_line: int, lines: list[str]) -> list[list[str]]:
    """CSV cells of each line; a quoted field may not span lines (each line is one row)."""
    try:
        rows = list(csv.reader(lines))
    except csv.Error as error:
        raise ValueError(f"{name}: line {first_line}: not CSV text ({error})") from None
    if len(rows) != len(lines):
        raise ValueError(f"{name}: line {first_line}: a quoted field spans lines; each row must be one line")
    return rows


def _column(name: str, header: list[str], chosen: str, which: str) -> int:
    """The index of a column given by name (case-insensitive) or 1-based position."""
    lowered = [cell.lower() for cell in header]
    if chosen.strip().lower() in lowered:
        return lowered.index(chosen.strip().lower())
    if chosen.strip().isdigit() and 1 <= int(chosen) <= len(header):
        return int(chosen) - 1
    raise ValueError(f"{name}: line 1: no column {chosen!r} for {which}; the columns are {', '.join(header)}"[:290])


def _check_size(name: str, info: os.stat_result, sample: int | None) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{name}: not a regular file")
    if sample is None and info.st_size > MAX_DATA_BYTES:
        raise ValueError(f"{name}: {info.st_size:,} bytes, more than the {MAX_DATA_BYTES // 2**20} MiB limit for a "
                         f"data file; {SAMPLE_HINT}")


CHUNK_CHARS = 64 * 1024
"""Characters read at a time: lines are split out of chunks, so a line without end costs no more."""


def _bounded_chunks(name: str, handle: TextIO, limit: bool) -> Iterator[tuple[int, list[str]]]:
    """``(number of the first line, lines)`` per chunk read; a line over ``MAX_LINE_CHARS``, or (if
    ``limit``) a file grown past ``MAX_DATA_BYTES``, is refused."""
    total, number, rest = 0, 1, ""
    while chunk := handle.read(CHUNK_CHARS):
        total += len(chunk)
        if limit and total > MAX_DATA_BYTES:
            raise ValueError(f"{name}: more than the {MAX_DATA_BYTES // 2**20} MiB limit for a data file; {SAMPLE_HINT}")
        lines = (rest + chunk).split("\n")
        rest = lines.pop()
        if len(rest) > MAX_LINE_CHARS or any(len(line) > MAX_LINE_CHARS for line in lines):
            at = next((i for i, line in enumerate(lines) if len(line) > MAX_LINE_CHARS), len(lines))
            raise ValueError(f"{name}: line {number + at}: longer than {MAX_LINE_CHARS} characters; a point needs a few numbers")
        yield number, lines
        number += len(lines)
    if rest:
        yield number, [rest]


def seeded_generator(seed: str) -> np.random.Generator:
    """A NumPy generator determined by a seed string (the first 8 bytes of its SHA-256)."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))
