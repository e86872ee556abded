"""The grader's modules import each other without a cycle (imports inside functions count),
and `kata check` imports only what it uses."""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "grader"


def imports(path: Path) -> set[str]:
    """The grader modules ``path`` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("grader"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("grader")}
    return found


def test_no_import_cycle_among_the_grader_modules():
    modules = {".".join(("grader", *path.relative_to(PACKAGE).with_suffix("").parts))
               .removesuffix(".__init__"): path
               for path in PACKAGE.rglob("*.py") if "hidden" not in path.parts}
    graph = {name: {other for other in imports(path) if other in modules and other != name
                    and other != "grader"} for name, path in modules.items()}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_kata_check_imports_nothing_of_the_other_commands():
    """``kata check`` loads neither the class tools (batch and its gradebook, release, dev
    mutate) nor nbformat: a learner's check waits for none of them."""
    code = ("import sys; from grader import cli; cli.main(['check', 'copying', '--path', "
            "'katas']); print(); print(' '.join(sorted(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parent, capture_output=True,
                         text=True, timeout=120)
    loaded = set(run.stdout.splitlines()[-1].split())
    assert "grader.engine" in loaded, run.stderr[-2000:]
    unused = {"grader.batch", "grader.gradebook", "grader.release", "grader.mutate",
              "grader.autograder", "sqlite3", "nbformat"}
    assert not loaded & unused, f"kata check imported {sorted(loaded & unused)}"
