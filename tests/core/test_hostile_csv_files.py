"""Hostile CSV data files: each is refused with one line naming the file and the fault, and even a
file of millions of rows is refused (or a long line cut short) in bounded memory."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from tui_nn.core.config import ConfigError
from tui_nn.core.csv_data import MAX_DATA_BYTES, MAX_DATA_ROWS, MAX_LINE_CHARS, load_csv, read_data_file

MiB = 2**20
HEADER = b"x1,x2,label\n"


def refusal(path: Path) -> str:
    """``read_data_file``'s one-line message for ``path``, checked to name the file."""
    with pytest.raises(ConfigError) as error:
        read_data_file(str(path))
    message = str(error.value)
    prefix, found, fault = message.partition(f"{path}: ")
    assert (prefix, found) == ("", f"{path}: "), message
    assert "\n" not in message and len(fault) < 200, message  # short, whatever the path
    return fault  # without the path, which must not match a test's words by accident


def written(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "data.csv"
    path.write_bytes(data)
    return path


def peak_bytes_while_refusing(path: Path) -> tuple[int, str]:
    tracemalloc.start()
    try:
        message = refusal(path)
        return tracemalloc.get_traced_memory()[1], message
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("data", "fault"),
    [
        (b"", "an empty file"),
        (HEADER, "got 0"),
        (b"\x00\x01\x02\x03junk\x00" * 100, "missing header"),
        (HEADER + b"1,\x00,1\n2,2,1\n", "not a number"),
        (HEADER + b"1,2,1\n2,2,1\xff\xfe\n", "not UTF-8"),
        (b"\xff\xfe" + "x1,x2,label\n".encode("utf-16-le"), "not UTF-8"),
        (HEADER + b"1,2,1\n1,2\n", "expected 3 columns"),
        (HEADER + b"1,2,1\n1,2,1,4,5\n", "expected 3 columns"),
        (HEADER + b"nan,2,1\n1,2,1\n", "must be finite"),
        (HEADER + b"1,-inf,1\n1,2,1\n", "must be finite"),
        (HEADER + b"1,1e999,1\n1,2,1\n", "must be finite"),
        # A label that is not a number is a class name now (issue 8), so the junk goes in x2.
        (HEADER + b"1,2,1\n1," + b"9" * 900 + b"x,1\n", "not a number"),
    ],
    ids=["empty", "header-only", "binary", "nul", "latin-1", "utf-16", "too-few", "too-many", "nan", "inf",
         "overflow", "junk-number"],
)
def test_bad_files_are_refused_in_one_line(tmp_path, data, fault):
    assert fault in refusal(written(tmp_path, data))


def test_a_directory_is_refused(tmp_path):
    assert "not a regular file" in refusal(tmp_path)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_is_refused_unread():
    assert "not a regular file" in refusal(Path("/dev/zero"))


def test_a_file_of_millions_of_rows_is_refused_unread_naming_the_limit(tmp_path):
    path = written(tmp_path, HEADER + b"0.5,-0.25,1\n" * 3_000_000)
    assert path.stat().st_size > MAX_DATA_BYTES
    peak, message = peak_bytes_while_refusing(path)
    assert f"{MAX_DATA_BYTES // MiB} MiB limit" in message
    assert peak < MiB


def test_rows_past_the_limit_are_refused_in_bounded_memory(tmp_path):
    path = written(tmp_path, HEADER + b"1,2,1\n" * 2_000_000)
    assert path.stat().st_size < MAX_DATA_BYTES
    peak, message = peak_bytes_while_refusing(path)
    assert f"more than {MAX_DATA_ROWS:,} data rows" in message
    assert peak < 8 * MiB  # the 100,000 rows read so far are 2.4 MB of floats


def test_a_line_without_end_is_refused_in_bounded_memory(tmp_path):
    path = written(tmp_path, HEADER + b"1," * (5 * MiB))
    peak, message = peak_bytes_while_refusing(path)
    assert f"longer than {MAX_LINE_CHARS} characters" in message
    assert peak < MiB


def test_exactly_the_row_limit_loads(tmp_path):
    path = written(tmp_path, HEADER + b"1,2,1\n-1,-2,-1\n" * (MAX_DATA_ROWS // 2))
    points, labels, problem = load_csv(path)
    assert points.shape == (MAX_DATA_ROWS, 2) and problem == "classification"
    np.testing.assert_array_equal(labels[:2], [1, -1])
