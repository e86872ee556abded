"""``kata release --out DIR``: the student pack, stubs and grader without solutions or hidden tests.

The pack is a project of its own: ``katas/`` (the stubs), ``grader/`` (this package without
``grader/hidden/``, plus ``grader/_stubs/`` so that ``kata reset`` works without git and
``grader/_points.json`` so that ``kata list`` shows points), a ``pyproject.toml`` that installs
it and a README for learners. It is built in a hidden folder next to DIR, searched for leaks
(a hidden test's or probe's name, a solution's function body), and only then renamed to DIR:
a release that fails leaves nothing behind.
"""

from __future__ import annotations

import ast
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from grader import catalog, commands, engine
from grader.catalog import HIDDEN_DIR, PACKAGE_DIR, Kata
from grader.errors import UsageError

ROOT: Final = PACKAGE_DIR.parent  # the course checkout: katas/, solutions/, pyproject.toml
KATAS_DIR: Final = ROOT / "katas"
SOLUTIONS_DIR: Final = ROOT / "solutions"
SHIPPED: Final = ("katas", "grader", "pyproject.toml", "README.md")
# A pack's pyproject.toml does without these: its stubs are already in grader/_stubs (taking
# them from katas/ at install time would package a learner's answers), and it has no tests.
DROPPED_SECTIONS: Final = frozenset({"tool.hatch.build.targets.wheel.force-include",
                                     "tool.pytest.ini_options"})
# Solution bodies shorter than this (``return self``, ``self.name = name``) are too common to
# mean anything when found in the pack; every longer one is a leak.
MIN_BODY: Final = 24
_HEADER: Final = re.compile(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


@dataclass(frozen=True)
class Release:
    """What a release wrote and what it left out, for the summary."""

    out: Path
    katas: tuple[Kata, ...]
    left_out: tuple[str, ...]
    notes: tuple[str, ...]


# ---------------------------------------------------------------- command line


def add_parser(subparsers: Any) -> None:
    """Register ``release [KATA...] --out DIR`` on the CLI's subparsers."""
    parser = subparsers.add_parser(
        "release", help="the student pack: stubs and grader, no solutions, no hidden tests")
    parser.add_argument("katas", nargs="*", metavar="KATA", help="katas to ship (default: all)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="a new or empty folder to write the pack to")


def run(*, out: Path, katas: list[str] | None = None) -> int:
    """Write the student pack of the selected katas (default all) to ``out``; print a summary."""
    done = build(out, catalog.select(katas))
    count = len(done.katas)
    print(f"Released {count} kata{'s' * (count != 1)} to {done.out}: katas/, grader/ "
          "(with the stubs for kata reset), pyproject.toml and a README for learners.")
    print(f"Left out: {', '.join(done.left_out)}.")
    for note in done.notes:
        print(f"Note: {note}")
    print(f"Next: try it as a learner would (cd {done.out} && python3 -m venv .venv && "
          ".venv/bin/pip install -q . && .venv/bin/kata), then hand the folder out.")
    return 0


# ---------------------------------------------------------------- building


def build(out: Path, katas: Sequence[Kata]) -> Release:
    """Write the pack of ``katas`` to ``out`` (new or empty) all at once, or raise UsageError."""
    _check_out(out)
    points = _points(katas)  # first: it also tells a course checkout from a student pack
    stubs, notes = _stubs(katas)
    work = out.parent / f".{out.name}.release-{secrets.token_hex(4)}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work.mkdir()
    except OSError as exc:
        raise UsageError(f"{out}: cannot write there: {exc.strerror}") from None
    try:
        _write(work, katas, stubs, points)
        verify(work)
        if out.exists():
            out.rmdir()  # empty, checked above
        os.rename(work, out)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise UsageError(f"{out}: the pack could not be written: {exc}") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    left_out = [f"{name}/" if (ROOT / name).is_dir() else name
                for name in sorted(p.name for p in ROOT.iterdir()) if name not in SHIPPED]
    hidden = len(list(HIDDEN_DIR.glob("test_*.py")))
    left_out.insert(0, f"grader/hidden/ ({hidden} hidden test files)")
    others = [kata.name for kata in catalog.CATALOG if kata not in katas]
    if others:
        left_out.append(f"the katas {', '.join(others)}")
    return Release(out, tuple(katas), tuple(left_out), tuple(notes))


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file; name a new or empty folder for the pack")
    if out.is_dir() and any(out.iterdir()):
        raise UsageError(f"{out}: is not empty; name a new or empty folder for the pack")
    target = out.resolve()
    for source in (PACKAGE_DIR, KATAS_DIR):
        if target == source or source in target.parents:
            raise UsageError(f"{out}: is inside {source}; write the pack somewhere else")


def _stubs(katas: Sequence[Kata]) -> tuple[dict[str, bytes], list[str]]:
    """Each kata's stub from katas/, refused when it differs from the committed one."""
    stubs: dict[str, bytes] = {}
    unchecked = False
    for kata in katas:
        path = KATAS_DIR / kata.filename
        try:
            stubs[kata.name] = path.read_bytes()
        except OSError:
            raise UsageError(f"{path}: not found; run kata release in a course checkout "
                             "(katas/ next to grader/)") from None
        try:
            pristine = commands.pristine_stub(kata, KATAS_DIR)
        except UsageError:  # no git history to compare with: ship the files as they are
            unchecked = True
            continue
        if pristine != stubs[kata.name]:
            raise UsageError(f"{path}: differs from its committed stub; commit it, or "
                             f"`kata reset {kata.name}`, before releasing")
    notes = ["katas/ copied as is: no git history to check the stubs against"] if unchecked else []
    return stubs, notes


def _points(katas: Sequence[Kata]) -> dict[str, float]:
    """Each kata's points, from its hidden tests: the table ``kata list`` reads in the pack."""
    try:
        checks = engine.collect(katas=katas)
    except engine.NoHiddenTests:
        raise UsageError("this grader has no hidden tests (it is a student pack itself); "
                         "run kata release in the course checkout") from None
    totals = {kata.name: sum(check.points for check in checks[kata.name]) for kata in katas}
    return {name: int(total) if float(total).is_integer() else total
            for name, total in totals.items()}


def _ignore(folder: str, names: list[str]) -> set[str]:
    """What copying grader/ leaves out: bytecode, and the hidden tests and pack-only files."""
    skip = {name for name in names if name == "__pycache__" or name.endswith((".pyc", ".pyo"))}
    if Path(folder).resolve() == PACKAGE_DIR:
        pack_only = {HIDDEN_DIR.name, commands.STUBS_PACKAGE.name, commands.POINTS_FILE.name}
        skip |= pack_only & set(names)
    return skip


def _write(work: Path, katas: Sequence[Kata], stubs: dict[str, bytes],
           points: dict[str, float]) -> None:
    shutil.copytree(PACKAGE_DIR, work / "grader", ignore=_ignore)
    packaged = work / "grader" / commands.STUBS_PACKAGE.relative_to(PACKAGE_DIR)
    for folder in (work / "katas", packaged):
        folder.mkdir()
        for kata in katas:
            (folder / kata.filename).write_bytes(stubs[kata.name])
    (work / "grader" / commands.POINTS_FILE.relative_to(PACKAGE_DIR)).write_text(
        json.dumps(points, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (work / "pyproject.toml").write_text(
        pack_pyproject((ROOT / "pyproject.toml").read_text(encoding="utf-8")), encoding="utf-8")
    (work / "README.md").write_text(readme(katas, points), encoding="utf-8")


def pack_pyproject(text: str) -> str:
    """The course's pyproject.toml without the sections in :data:`DROPPED_SECTIONS`."""
    kept: list[str] = []
    dropping = False
    for line in text.splitlines(keepends=True):
        header = _HEADER.match(line)
        if header:
            dropping = header.group(1) in DROPPED_SECTIONS
        if not dropping:
            kept.append(line)
    return "".join(kept).rstrip() + "\n"


# ---------------------------------------------------------------- leaks


def _functions(source: str) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _bodies(source: str) -> set[str]:
    """Each function's body without its docstring, whitespace squeezed."""
    found = set()
    for node in _functions(source):
        body = node.body[1:] if ast.get_docstring(node, clean=False) is not None else node.body
        found.add(" ".join(_squeeze(ast.get_source_segment(source, stmt) or "") for stmt in body))
    return found


def secret_names(hidden_dir: Path = HIDDEN_DIR) -> set[str]:
    """The names of every hidden test and probe function."""
    return {node.name for path in hidden_dir.glob("test_*.py")
            for node in _functions(path.read_text(encoding="utf-8"))
            if node.name.startswith(("test_", "probe_"))}


def secret_bodies(katas: Iterable[Kata] = catalog.CATALOG) -> set[str]:
    """Solution function bodies that the stubs do not give away already, squeezed."""
    found: set[str] = set()
    for kata in katas:
        try:
            solution = (SOLUTIONS_DIR / kata.filename).read_text(encoding="utf-8")
            stub = (KATAS_DIR / kata.filename).read_text(encoding="utf-8")
        except OSError:
            continue
        found |= {body for body in _bodies(solution) - _bodies(stub) if len(body) >= MIN_BODY}
    return found


def verify(pack: Path) -> None:
    """Raise UsageError naming the first file of ``pack`` that is a hidden test or holds a
    hidden test's or probe's name or a solution's function body."""
    names = secret_names()
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b"
                         if names else r"(?!)")
    bodies = secret_bodies()
    for path in sorted(pack.rglob("*")):
        where = path.relative_to(pack)
        if path.name == "solutions" or (path.name.startswith("test_") and path.suffix == ".py"):
            raise UsageError(f"release refused: the pack would hold {where}")
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        found = pattern.search(text)
        if found:
            raise UsageError(f"release refused: {where} holds {found.group(0)!r}, "
                             "a name from the hidden tests")
        squeezed = _squeeze(text)
        leaked = next((body for body in bodies if body in squeezed), None)
        if leaked is not None:
            raise UsageError(f"release refused: {where} holds a solution's code: {leaked[:60]!r}")


# ---------------------------------------------------------------- the learner's README


def readme(katas: Sequence[Kata], points: dict[str, float]) -> str:
    """The pack's README.md: what it is, how to set it up, work and hand in."""
    first = katas[0].name
    some = "" if len(katas) == len(catalog.CATALOG) else " ".join(k.name for k in katas) + " "
    rows = "\n".join(
        f"| {number} | `{kata.name}` | {kata.topic} ({kata.topic_zh}) | {len(kata.tasks)} | "
        f"{points[kata.name]:g} |" for number, kata in enumerate(katas, start=1))
    uses = (("kata list", "every kata: topic, tasks, points"),
            (f"kata hint {first}", "hints, one level more each time you ask"),
            (f"kata hint {first} --task 3", "the hints of task 3"),
            (f"kata reset {first}", "start a kata over (your file is kept in katas/.kata-backup/)"),
            (f"kata notebook {some}--out katas.ipynb", "every kata in one Jupyter notebook, if "
                                                       "you prefer"))
    width = max(len(command) for command, _ in uses) + 2
    usage = "\n".join(f"    {command:<{width}}{what}" for command, what in uses)
    return f"""\
# pykata: Python katas

{len(katas)} short exercises ("katas") on Python fundamentals that you solve in your editor,
and the `kata` tool that lists them, gives hints and lets you start one over. Your teacher
grades what you hand in with checks that are not in this folder: they test the idea behind
each task, not only the examples.

## Set up

Python 3.10 or newer. In this folder:

    python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/kata

Run `source .venv/bin/activate` (Windows: `.venv\\Scripts\\activate`) to type `kata` alone.

## Work

Each kata is one file in `katas/`. Open it, read its docstring (it teaches the idea in a few
lines), and replace each `raise NotImplementedError` with your code. The examples in the
docstrings are a first check of your work: `python3 -m doctest katas/{first}.py` says
nothing when they all pass.

| # | kata | topic | tasks | points |
|---|---|---|---|---|
{rows}

{usage}

## Hand in

Zip your `katas` folder (`python3 -m zipfile -c katas.zip katas`) and hand in `katas.zip`,
or hand in your notebook if you worked in one. Your teacher grades every learner's work with
`kata batch` and gives you the feedback of each check.
"""
