"""Hidden test modules loaded without a pytest session: the fast path of ``engine.collect``.

``pytest.main(["--collect-only", ...])`` costs about 0.4 s before the first check can run, most
of it starting a session that grading does not use. A hidden test module needs two things
from pytest: its asserts rewritten (so a failed comparison says what it compared) and its
``@points``/``@task`` marks, which are plain attributes of the function. This module does both
itself, with pytest's own assertion rewriter, and keeps the rewritten code in a cache keyed by
the source's hash (and the rewriter's file), so a second ``kata check`` only unmarshals it.

Once cached, nothing of pytest is imported (about 0.2 s of a cold ``kata check``): the marks
are read from stand-ins of ``grader.markers`` while a module loads, and the helpers that a
rewritten assert calls when it fails are ``grader.asserts``, which give pytest's text.

A module it cannot read this way (a parametrized test, a fixture other than ``learner``) makes
:func:`load` return None, and the engine collects with pytest as before.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import inspect
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any, Final, NamedTuple

from grader import asserts

CACHE_ENV: Final = "PYKATA_CACHE"  # a folder for the rewritten code; "off" to disable


def cache_dir() -> Path | None:
    """Where rewritten hidden tests and compiled probes are kept (None: nowhere)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pykata" / "hidden"


HELPERS: Final = "@pytest_ar"  # the name a rewritten module gives pytest's rewrite helpers


def _rewriter_stamp() -> bytes:
    """What identifies pytest's rewriter without importing pytest: its file, size and time."""
    spec = importlib.util.find_spec("_pytest")
    if spec is None or spec.origin is None:
        return b"no pytest"
    rewriter = Path(spec.origin).parent / "assertion" / "rewrite.py"
    try:
        info = rewriter.stat()
    except OSError:
        return b"no rewriter"
    return f"{rewriter}:{info.st_size}:{info.st_mtime_ns}".encode()


def _rewritten(path: Path, source: bytes) -> CodeType:
    """The module's code with pytest's assertion rewriting, from the cache when it can. The
    rewritten code expects its helpers under HELPERS rather than importing them itself."""
    key = hashlib.sha256(source + _rewriter_stamp() + sys.version.encode()
                         + str(path).encode()).hexdigest()[:32]
    folder = cache_dir()
    cached = folder / f"{path.stem}-{key}.bin" if folder is not None else None
    if cached is not None:
        try:
            code = marshal.loads(cached.read_bytes())
            if isinstance(code, CodeType):
                return code
        except (OSError, ValueError, EOFError, TypeError):
            pass
    from _pytest.assertion.rewrite import rewrite_asserts

    tree = ast.parse(source, filename=str(path))
    rewrite_asserts(tree, source, str(path))
    tree.body = [node for node in tree.body if not (
        isinstance(node, ast.Import) and [alias.asname for alias in node.names] == [HELPERS])]
    code = compile(tree, str(path), "exec", dont_inherit=True)
    if cached is not None:
        keep(cached, marshal.dumps(code))
    return code


def keep(cached: Path, data: bytes) -> None:
    """Write ``data`` to the cache file ``cached`` whole or not at all (a reader never sees
    half a file); a cache that cannot be written is only slower."""
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, cached)
    except OSError:
        pass


class _Mark(NamedTuple):
    """What ``collection`` reads of a pytest mark."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


def _stand_in(name: str) -> Callable[..., Any]:
    """``points``/``task`` as ``grader.markers`` has them, storing a :class:`_Mark` instead."""
    def mark(*args: Any, **kwargs: Any) -> Any:
        if len(args) == 1 and callable(args[0]) and not kwargs:  # used bare: @points
            return _store(args[0], _Mark(name, (), {}))
        return lambda function: _store(function, _Mark(name, args, kwargs))
    return mark


def _store(function: Any, mark: _Mark) -> Any:
    function.pytestmark = [*getattr(function, "pytestmark", []), mark]
    return function


def _markers() -> ModuleType:
    module = ModuleType("grader.markers", "Stand-ins of the hidden tests' marks.")
    module.points = _stand_in("points")  # type: ignore[attr-defined]
    module.task = _stand_in("task")  # type: ignore[attr-defined]
    return module


def _module(path: Path) -> ModuleType:
    """Execute a hidden test module under a name of its own (two courses may both have a
    ``test_copying.py``), registered in sys.modules so that inspect can find its probes.
    Where ``grader.markers`` (and so pytest) is not loaded yet, the module gets stand-ins."""
    source = path.read_bytes()
    name = "pykata_hidden_" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12] \
        + "_" + path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__dict__[HELPERS] = asserts
    code = _rewritten(path, source)
    stand_in = _markers() if "grader.markers" not in sys.modules else None
    sys.modules[name] = module
    if stand_in is not None:
        sys.modules["grader.markers"] = stand_in
    try:
        exec(code, module.__dict__)
    except BaseException:
        del sys.modules[name]
        raise
    finally:
        if stand_in is not None and sys.modules.get("grader.markers") is stand_in:
            del sys.modules["grader.markers"]
    return module


def _marks(function: Any) -> dict[str, tuple[Any, ...]] | None:
    """``{"points": (2,), "task": (1,)}`` from a test's marks; None for marks we cannot honour."""
    found: dict[str, tuple[Any, ...]] = {}
    for mark in getattr(function, "pytestmark", []):
        if mark.name not in ("points", "task") or mark.name in found:
            return None
        found[mark.name] = tuple(mark.args)
    return found


def load(path: Path) -> list[tuple[str, Any, dict[str, tuple[Any, ...]]]] | None:
    """The tests of one hidden module, in file order: (name, function, marks); or None when
    the module needs a pytest session to be read faithfully."""
    module = _module(path)
    tests = []
    for name, value in vars(module).items():
        if not name.startswith("test_") or not inspect.isfunction(value):
            continue
        marks = _marks(value)
        if marks is None or list(inspect.signature(value).parameters) != ["learner"]:
            return None
        tests.append((name, value, marks))
    return tests
