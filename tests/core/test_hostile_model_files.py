"""Hostile model files: each is refused with one line naming the file and the fault, without
allocating what its headers declare, and a save killed mid-write leaves the previous file intact."""

from __future__ import annotations

import io
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest
from numpy.lib import format as npy_format

from tui_nn.core.atomic_file import temporary_files
from tui_nn.core.model_file import ModelFileError, load_model
from tui_nn.core.npz_members import MAX_ARCHIVE_BYTES
from tui_nn.core.trainer import Trainer

MiB = 2**20


@pytest.fixture
def saved(tmp_path, tiny_config) -> Path:
    trainer = Trainer(tiny_config)
    trainer.step(2)
    path = tmp_path / "model.npz"
    trainer.save(str(path))
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_members(path: Path, entries: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> None:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def npy_bytes(array: np.ndarray) -> bytes:
    stream = io.BytesIO()
    np.save(stream, array, allow_pickle=True)
    return stream.getvalue()


def npy_header_only(shape: tuple[int, ...], descr: str = "<f8", body: bytes = b"\0" * 64) -> bytes:
    """A .npy member whose header declares ``shape`` but whose data is only ``body``."""
    stream = io.BytesIO()
    npy_format.write_array_header_1_0(stream, {"descr": descr, "fortran_order": False, "shape": shape})
    return stream.getvalue() + body


def replace_member(path: Path, name: str, data: bytes) -> None:
    entries = members(path)
    entries[name] = data
    write_members(path, entries)


def refusal(path: Path) -> str:
    """The one-line message for ``path``, checked to name the file."""
    with pytest.raises(ModelFileError) as error:
        load_model(path)
    message = str(error.value)
    prefix, found, fault = message.partition(f"{path}: ")
    assert (prefix, found) == ("", f"{path}: "), message
    assert "\n" not in message
    return fault  # without the path, which must not match a test's words by accident


def peak_bytes_while_refusing(path: Path) -> int:
    tracemalloc.start()
    try:
        refusal(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_truncated_file_is_refused(saved):
    data = saved.read_bytes()
    saved.write_bytes(data[: len(data) // 2])
    assert "not a tui-nn model file" in refusal(saved)


def test_flipped_bytes_in_the_weights_are_refused_as_corrupt(saved):
    data = bytearray(saved.read_bytes())
    start = data.index(b"W0.npy") + 200  # inside W0's stored (uncompressed) data
    data[start : start + 16] = bytes(255 - b for b in data[start : start + 16])
    saved.write_bytes(bytes(data))
    assert "corrupt" in refusal(saved)


def test_a_pickle_renamed_to_npz_is_refused_without_unpickling(tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(pickle.dumps({"W0": np.zeros(3)}))
    assert "pickle" in refusal(path)


@pytest.mark.parametrize("key", ["W0.npy", "config.npy"])
def test_an_object_array_member_is_refused_without_unpickling(saved, key):
    replace_member(saved, key, npy_bytes(np.array([{"x": 1}], dtype=object)))
    assert "Python objects" in refusal(saved)


def test_nan_weights_are_refused(saved):
    replace_member(saved, "W0.npy", npy_bytes(np.full((2, 2), np.nan)))
    assert "NaN or infinite" in refusal(saved)


def test_infinite_bias_is_refused(saved):
    replace_member(saved, "b1.npy", npy_bytes(np.array([np.inf])))
    assert "NaN or infinite" in refusal(saved)


def test_text_weights_are_refused(saved):
    replace_member(saved, "W0.npy", npy_bytes(np.full((2, 2), "a")))
    assert "'W0'" in refusal(saved)


def test_dead_mask_of_other_values_is_refused(saved):
    replace_member(saved, "dead0.npy", npy_bytes(np.full((2, 2), 7)))
    assert "'dead0'" in refusal(saved)


def test_negative_epoch_is_refused(saved):
    replace_member(saved, "epoch.npy", npy_bytes(np.array(-5)))
    assert "'epoch'" in refusal(saved)


@pytest.mark.parametrize(
    ("key", "shape"),
    [("W0.npy", (10**12,)), ("W0.npy", (25_000_000,)), ("epoch.npy", (10**9,)), ("format.npy", (10**9,))],
)
def test_a_huge_declared_array_is_refused_without_allocating_it(saved, key, shape):
    replace_member(saved, key, npy_header_only(shape))
    assert peak_bytes_while_refusing(saved) < 4 * MiB


def test_a_huge_declared_config_string_is_refused_without_allocating_it(saved):
    replace_member(saved, "config.npy", npy_header_only((), descr="<U50000000"))
    assert peak_bytes_while_refusing(saved) < 4 * MiB


def test_a_member_that_unpacks_to_far_more_than_it_declares_is_refused(saved):
    entries = members(saved)
    entries["W0.npy"] = npy_bytes(np.zeros((2, 2))) + b"\0" * (64 * MiB)  # a zip bomb: ~64 KiB deflated
    write_members(saved, entries, zipfile.ZIP_DEFLATED)
    assert saved.stat().st_size < MiB
    assert peak_bytes_while_refusing(saved) < 4 * MiB


@pytest.mark.parametrize(
    "config_json",
    ["[1, 2, 3]", '{"learning_rate": ' + "9" * 400 + "}", '{"hidden_layers": [[[[1]]]]}', "[" * 10_000 + "]" * 10_000,
     '{"batch_size": "ten"}', '{"colour": "red"}', '{"learning_rate": 1e999}'],
    ids=["list", "huge-number", "nested", "deep", "wrong-type", "unknown-key", "infinite"],
)
def test_embedded_settings_of_the_wrong_shape_are_refused(saved, config_json):
    replace_member(saved, "config.npy", npy_bytes(np.array(config_json)))
    assert "config is invalid" in refusal(saved)


def test_a_directory_is_refused(tmp_path):
    assert refusal(tmp_path) == "not a tui-nn model file (not a regular file)"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.npz"
    with open(path, "wb") as stream:
        stream.truncate(MAX_ARCHIVE_BYTES + 1)  # sparse: nothing is written
    assert "limit" in refusal(path)


SLOW_SAVE = textwrap.dedent(
    """
    import sys, time
    from numpy.lib import format
    from tui_nn.core.config import Config
    from tui_nn.core.trainer import Trainer

    write_array = format.write_array

    def slow_write_array(stream, array, **options):
        write_array(stream, array, **options)
        if array.ndim == 2:  # a weight matrix is being written: the archive is half done
            stream.flush()
            print("writing", flush=True)
            time.sleep(60)

    format.write_array = slow_write_array
    trainer = Trainer(Config(hidden_layers=(8, 8, 8), seed="0.999"))
    trainer.step(3)
    trainer.save(sys.argv[1])
    """
)


def test_a_save_killed_mid_write_leaves_the_previous_file_intact(saved, tmp_path):
    before = saved.read_bytes()
    child = subprocess.Popen([sys.executable, "-c", SLOW_SAVE, str(saved)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "writing\n"
        assert any(name.endswith(".tmp") for name in os.listdir(tmp_path))  # the new bytes went elsewhere
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    assert saved.read_bytes() == before
    assert load_model(saved).config.hidden_layers == (2,)
    assert temporary_files(saved)  # the killed save's leftover, until the next save of that file
    Trainer(load_model(saved).config).save(str(saved))
    assert temporary_files(saved) == [] and load_model(saved).epoch == 0
