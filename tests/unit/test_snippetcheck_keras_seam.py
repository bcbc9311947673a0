"""The offline MNIST seam: the child serves MNIST by replacing the fetch inside Keras' loader.

Keras checks a fixed SHA-256 of the original download, and the offline copy holds the same
arrays in different bytes, so the seam replaces `keras.src.datasets.mnist.get_file` right after
that module is imported (snippetcheck/sandbox.py). An upgrade that moves it must fail loudly.
"""

from __future__ import annotations

import ast
import importlib.util
import types
from pathlib import Path

import pytest
from dlmd.snippetcheck import sandbox


def test_the_keras_seam_fails_loudly_when_its_target_moves() -> None:
    version = sandbox._version("keras")
    assert version != "unknown"  # the message names the version a maintainer must adapt to
    moved = types.ModuleType("keras.src.datasets.mnist")
    with pytest.raises(sandbox.SeamMoved) as caught:
        sandbox._patch_keras_mnist(moved)
    message = str(caught.value)
    assert f"Keras {version}" in message
    assert "keras.src.datasets.mnist.load_data to call" in message and "get_file" in message
    assert "_patch_keras_mnist in scripts/dlmd/snippetcheck/sandbox.py" in message

    # load_data that fetches through some other function is just as moved.
    exec("def get_file(*a, **k): pass\ndef load_data(): return fetch()", moved.__dict__)
    with pytest.raises(sandbox.SeamMoved):
        sandbox._patch_keras_mnist(moved)


def test_the_keras_seam_replaces_the_fetch_that_load_data_calls() -> None:
    module = types.ModuleType("keras.src.datasets.mnist")
    exec(
        "def get_file(fname=None, origin=None): return 'downloaded ' + origin\n"
        "def load_data(): return get_file('mnist.npz', origin='https://example.org/x')",
        module.__dict__,
    )
    sandbox._patch_keras_mnist(module)
    # Not an offline file: the patched fetch hands the call on to the real one.
    assert module.load_data() == "downloaded https://example.org/x"
    assert module.get_file.__qualname__.startswith("_patch_keras_mnist")


def test_the_installed_keras_still_has_the_seams_target() -> None:
    # Read the source instead of importing it: importing Keras starts TensorFlow (seconds).
    spec = importlib.util.find_spec("keras")
    assert spec is not None and spec.origin is not None
    source = Path(spec.origin).with_name("src") / "datasets" / "mnist.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    (load_data,) = [
        n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "load_data"
    ]
    called = {
        n.func.id
        for n in ast.walk(load_data)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert "get_file" in imported and "get_file" in called, (
        f"Keras {sandbox._version('keras')} moved the fetch the offline seam replaces"
    )
