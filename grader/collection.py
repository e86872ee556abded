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


Plans = dict[str, list[tuple[str, tuple[Any, ...]]]]  # test name -> its (probe name, args)


def plans_of(tree: ast.Module) -> Plans:
    """Each test's ``learner.run(probe_x, <literals>)`` calls, in source order: what it will
    ask the learner process, known before it runs, so that a kata's probes can be sent in one
    request. A call with computed arguments is left out (it runs when the test asks)."""
    plans: Plans = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_") \
                or not node.args.args:
            continue
        param = node.args.args[0].arg
        calls = []
        for sub in ast.walk(node):
            if not (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)
                    and sub.func.attr == "run" and isinstance(sub.func.value, ast.Name)
                    and sub.func.value.id == param and sub.args and not sub.keywords
                    and isinstance(sub.args[0], ast.Name)):
                continue
            try:
                args = tuple(ast.literal_eval(arg) for arg in sub.args[1:])
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue
            calls.append(((sub.lineno, sub.col_offset), sub.args[0].id, args))
        plans[node.name] = [(name, args) for _, name, args in sorted(calls, key=lambda c: c[0])]
    return plans


def _rewritten(path: Path, source: bytes) -> tuple[CodeType, Plans]:
    """The module's code with pytest's assertion rewriting, and its tests' plans; from the
    cache when it can."""
    import pytest
    from _pytest.assertion.rewrite import rewrite_asserts

    key = hashlib.sha256(source + pytest.__version__.encode() + sys.version.encode()
                         + str(path).encode()).hexdigest()[:32]
    folder = _cache_dir()
    cached = folder / f"{path.stem}-{key}.bin" if folder is not None else None
    if cached is not None:
        try:
            code, plans = marshal.loads(cached.read_bytes())
            if isinstance(code, CodeType) and isinstance(plans, dict):
                return code, plans
        except (OSError, ValueError, EOFError, TypeError):
            pass
    tree = ast.parse(source, filename=str(path))
    plans = plans_of(tree)
    rewrite_asserts(tree, source, str(path))
    code = compile(tree, str(path), "exec", dont_inherit=True)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps((code, plans)))
            os.replace(partial, cached)
        except (OSError, ValueError):
            pass
    return code, plans


def _module(path: Path) -> tuple[ModuleType, Plans]:
    """Execute a hidden test module under a name of its own (two courses may both have a
    ``test_copying.py``), registered in sys.modules so that inspect can find its probes."""
    source = path.read_bytes()
    name = "pykata_hidden_" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12] \
        + "_" + path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    code, plans = _rewritten(path, source)
    try:
        exec(code, module.__dict__)
    except BaseException:
        del sys.modules[name]
        raise
    return module, plans


def _marks(function: Any) -> dict[str, tuple[Any, ...]] | None:
    """``{"points": (2,), "task": (1,)}`` from a test's marks; None for marks we cannot honour."""
    found: dict[str, tuple[Any, ...]] = {}
    for mark in getattr(function, "pytestmark", []):
        if mark.name not in ("points", "task") or mark.name in found:
            return None
        found[mark.name] = tuple(mark.args)
    return found


Plan = tuple[tuple[Any, tuple[Any, ...]], ...]  # (probe function, args) in the order asked


def load(path: Path) -> list[tuple[str, Any, dict[str, tuple[Any, ...]], Plan]] | None:
    """The tests of one hidden module, in file order: (name, function, marks, plan); or None
    when the module needs a pytest session to be read faithfully."""
    module, plans = _module(path)
    tests = []
    for name, value in vars(module).items():
        if not name.startswith("test_") or not inspect.isfunction(value):
            continue
        marks = _marks(value)
        if marks is None or list(inspect.signature(value).parameters) != ["learner"]:
            return None
        plan = tuple((vars(module)[probe], args) for probe, args in plans.get(name, ())
                     if inspect.isfunction(vars(module).get(probe)))
        tests.append((name, value, marks, plan))
    return tests
