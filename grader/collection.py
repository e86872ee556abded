"""Hidden test modules loaded without a pytest session: the fast path of ``engine.collect``.

``pytest.main(["--collect-only", ...])`` costs about 0.4 s before the first check can run, most
of it starting a session that grading does not use. A hidden test module needs two things
from pytest: its asserts rewritten (so a failed comparison says what it compared) and its
``@points``/``@task`` marks, which are plain attributes of the function. This module does both
itself, with pytest's own assertion rewriter, and keeps the rewritten code in a cache keyed by
the source's hash (and pytest's version), so a second ``kata check`` only unmarshals it.

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
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any, Final

CACHE_ENV: Final = "PYKATA_CACHE"  # a folder for the rewritten code; "off" to disable


def _cache_dir() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pykata" / "hidden"


def _rewritten(path: Path, source: bytes) -> CodeType:
    """The module's code with pytest's assertion rewriting, from the cache when it can."""
    import pytest
    from _pytest.assertion.rewrite import rewrite_asserts

    key = hashlib.sha256(source + pytest.__version__.encode() + sys.version.encode()
                         + str(path).encode()).hexdigest()[:32]
    folder = _cache_dir()
    cached = folder / f"{path.stem}-{key}.bin" if folder is not None else None
    if cached is not None:
        try:
            code = marshal.loads(cached.read_bytes())
            if isinstance(code, CodeType):
                return code
        except (OSError, ValueError, EOFError, TypeError):
            pass
    tree = ast.parse(source, filename=str(path))
    rewrite_asserts(tree, source, str(path))
    code = compile(tree, str(path), "exec", dont_inherit=True)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(code))
            os.replace(partial, cached)
        except OSError:
            pass
    return code


def _module(path: Path) -> ModuleType:
    """Execute a hidden test module under a name of its own (two courses may both have a
    ``test_copying.py``), registered in sys.modules so that inspect can find its probes."""
    source = path.read_bytes()
    name = "pykata_hidden_" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12] \
        + "_" + path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        exec(_rewritten(path, source), module.__dict__)
    except BaseException:
        del sys.modules[name]
        raise
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
