"""Guards installed in every process that runs snippets: the page's child process and the
notebook kernel (and any Python process a snippet starts).

The workspace (workspace.py) copies this file as `_dlmd_sandbox.py` beside a `sitecustomize.py`
on PYTHONPATH, so Python installs it before any snippet runs (standard library only). Settings
come from environment variables:

- DLMD_SNIPPETS_EVENTS: a file to which one JSON object per line is appended:
  {"network": "https://host/path"} for each blocked network access,
  {"offline_file": "mnist/mnist.npz", "sha256": "..."} for each offline file served,
  {"stdin": true} for each attempt to read stdin.
- DLMD_SNIPPETS_OFFLINE_DIR: offline mode. The network is blocked (DNS lookups and connections
  to anything but loopback, and urllib requests, naming the URL), and known dataset downloads
  are served from this folder instead: for now MNIST's mnist.npz, to Keras (whose `get_file`
  checks a fixed hash of the original download, so the fetch itself is replaced for that one
  origin) and to a plain urllib download of the same URL (the PyTorch code's).

stdin is always replaced: a snippet that waits for a reader's typing would hang a check. The
file system is not sandboxed: relative and `~` paths stay in the fresh temporary folders, but a
snippet that writes an absolute path writes it.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import ipaddress
import json
import os
import socket
import sys
import urllib.parse
import urllib.request
from typing import Any

ENV_EVENTS = "DLMD_SNIPPETS_EVENTS"
ENV_OFFLINE = "DLMD_SNIPPETS_OFFLINE_DIR"
KERAS_STORAGE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
# Download URL -> path inside the offline folder (checked against its SHA256SUMS).
OFFLINE_FILES = {KERAS_STORAGE + "mnist.npz": "mnist/mnist.npz"}

network_attempts: list[str] = []
stdin_reads = 0
_offline_dir: str | None = None
_verified: dict[str, str] = {}


def _event(**data: Any) -> None:
    path = os.environ.get(ENV_EVENTS)
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(data) + "\n")


class NetworkBlocked(ConnectionRefusedError):
    """Raised for any network access in offline mode; the message names what was reached for."""

    def __init__(self, target: str) -> None:
        super().__init__(f"this snippet needs the network: {target}")
        self.target = target


class StdinRead(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "snippet reads from stdin (input() or sys.stdin): a check has no reader to type; "
            "give the value in the code instead"
        )


def _blocked(target: str) -> NetworkBlocked:
    network_attempts.append(target)
    _event(network=target)
    return NetworkBlocked(target)


def _is_local(host: object) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    text = str(host).strip("[]")
    if text in ("", "localhost", "localhost.localdomain") or text.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _install_network_block() -> None:
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    real_open = urllib.request.OpenerDirector.open

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_local(host):
            raise _blocked(f"{host}:{port}")
        return real_getaddrinfo(host, port, *args, **kwargs)

    def _check(sock: socket.socket, address: Any) -> None:
        internet = sock.family in (socket.AF_INET, socket.AF_INET6)
        if internet and isinstance(address, tuple) and not _is_local(address[0]):
            raise _blocked(f"{address[0]}:{address[1]}")

    def connect(self: socket.socket, address: Any) -> None:
        _check(self, address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        _check(self, address)
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> int:
        _check(self, args[-1])
        return real_sendto(self, data, *args)

    def open_url(self: Any, fullurl: Any, *args: Any, **kwargs: Any) -> Any:
        url = fullurl if isinstance(fullurl, str) else fullurl.full_url
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("http", "https", "ftp") and not _is_local(parts.hostname):
            local = offline_path(url)  # a known download fetched with urllib itself
            if local is None:
                raise _blocked(url)
            return real_open(self, "file://" + urllib.request.pathname2url(local), *args, **kwargs)
        return real_open(self, fullurl, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign,assignment]
    urllib.request.OpenerDirector.open = open_url  # type: ignore[method-assign]


def offline_path(url: str) -> str | None:
    """The verified local copy of a known download, or None when there is none."""
    relative = OFFLINE_FILES.get(url)
    if relative is None or _offline_dir is None:
        return None
    path = os.path.join(_offline_dir, relative)
    if not os.path.isfile(path):
        return None
    if relative not in _verified:
        sums = os.path.join(os.path.dirname(path), "SHA256SUMS")
        expected = None
        with open(sums, encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) == 2 and parts[1].lstrip("*") == os.path.basename(path):
                    expected = parts[0]
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != expected:
            raise RuntimeError(f"offline copy {path} does not match its SHA256SUMS entry")
        _verified[relative] = digest.hexdigest()
    _event(offline_file=relative, sha256=_verified[relative])
    return path


class SeamMoved(RuntimeError):
    """A library moved what a patch replaces; the message names the library version."""


def _version(distribution: str) -> str:
    import importlib.metadata  # only on the error path: every snippet process imports this file

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _patch_keras_mnist(module: Any) -> None:
    """Serve MNIST from the offline copy: replace the `get_file` that `load_data` calls.

    Keras checks a fixed SHA-256 of the original download and the offline copy holds the same
    arrays in different bytes, so its cache cannot be pre-filled: the fetch itself is replaced.
    If an upgrade moves the function, fail loudly here instead of reaching for the network.
    """
    load_data = getattr(module, "load_data", None)
    calls = getattr(getattr(load_data, "__code__", None), "co_names", ())
    if not callable(getattr(module, "get_file", None)) or "get_file" not in calls:
        raise SeamMoved(
            f"the snippet check's offline MNIST seam expects {module.__name__}.load_data to call "
            f"a get_file defined in that module, which Keras {_version('keras')} no longer "
            "does; update _patch_keras_mnist in scripts/dlmd/snippetcheck/sandbox.py for it"
        )
    real_get_file = module.get_file

    def get_file(fname: Any = None, origin: Any = None, *args: Any, **kwargs: Any) -> Any:
        local = offline_path(origin) if isinstance(origin, str) else None
        if local is not None:
            return local
        return real_get_file(fname, origin, *args, **kwargs)

    module.get_file = get_file


# Patches applied right after a module is imported, so pages that never import TensorFlow do
# not pay for importing it.
_AFTER_IMPORT = {"keras.src.datasets.mnist": _patch_keras_mnist}


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader: Any, patch: Any) -> None:
        self.loader = loader
        self.patch = patch

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.loader.exec_module(module)
        self.patch(module)


class _AfterImportFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        patch = _AFTER_IMPORT.get(name)
        if patch is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _PatchingLoader(spec.loader, patch)
        return spec


class _NoStdin:
    """sys.stdin for snippets: any read fails with a clear message instead of hanging."""

    encoding = "utf-8"
    errors = "strict"
    closed = False

    def _refuse(self, *_args: Any, **_kwargs: Any) -> Any:
        global stdin_reads
        stdin_reads += 1
        _event(stdin=True)
        raise StdinRead()

    read = readline = readlines = __next__ = _refuse

    def __iter__(self) -> _NoStdin:
        return self

    def isatty(self) -> bool:
        return False

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 0

    def close(self) -> None:
        pass


def install(offline_dir: str | None) -> None:
    global _offline_dir
    sys.stdin = _NoStdin()  # type: ignore[assignment]
    if offline_dir:
        _offline_dir = offline_dir
        _install_network_block()
        sys.meta_path.insert(0, _AfterImportFinder())


def install_from_environment() -> None:
    install(os.environ.get(ENV_OFFLINE) or None)
