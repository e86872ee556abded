"""``kata release --out DIR``: the student pack, stubs and grader without solutions or hidden tests.

The pack is a project of its own: ``katas/`` (the stubs), ``grader/`` (this package without
``grader/hidden/``, plus ``grader/_stubs/`` so that ``kata reset`` works without git and
``grader/_points.json`` so that ``kata list`` shows points), a ``pyproject.toml`` that installs
it and a README for learners. It is built in a hidden folder next to DIR, searched for leaks
(a hidden test's or probe's name, a solution's function body), and only then renamed to DIR:
a release that fails leaves nothing behind.

Two teacher-side additions, each checked for leaks the same way before it is written:

- ``--github-classroom``: ``.github/workflows/classroom.yml`` in the pack (install the pack,
  fetch the course's checks, ``kata check --format github-classroom``, hand the payload to
  GitHub Classroom's grading reporter), and ``DIR.checks.zip`` beside the pack: the hidden
  tests, for the teacher to host where the workflow's secret URL points.
- ``--gradescope FILE.zip``: Gradescope's autograder zip: ``setup.sh``, ``run_autograder``,
  ``pykata-gradescope.json`` (the katas, feedback and visibility) and ``pykata/``, the pack
  with ``grader/hidden/``. Students never see this zip; it holds the hidden tests and never a
  solution.
"""

from __future__ import annotations

import ast
import json
import os
import re
import secrets
import shutil
import stat
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from grader import autograder, catalog, commands, engine
from grader.catalog import BY_NAME, HIDDEN_DIR, PACKAGE_DIR, Kata
from grader.errors import UsageError
from grader.reporters.gradescope import VISIBILITIES

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
WORKFLOW: Final = Path(".github/workflows/classroom.yml")
RUNNER_ID: Final = "pykata"  # the step id the reporter reads, as PYKATA_RESULTS
CHECKS_SECRET: Final = "PYKATA_CHECKS_URL"
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
    """Register ``release [KATA...] --out DIR [--gradescope FILE.zip] [--github-classroom]``."""
    parser = subparsers.add_parser(
        "release", help="the student pack: stubs and grader, no solutions, no hidden tests")
    parser.add_argument("katas", nargs="*", metavar="KATA", help="katas to ship (default: all)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="a new or empty folder to write the pack to")
    parser.add_argument("--gradescope", type=Path, metavar="FILE.zip",
                        help="also write Gradescope's autograder zip (holds the hidden tests: "
                             "for Gradescope only, never for students)")
    parser.add_argument("--github-classroom", action="store_true",
                        help="add a GitHub Classroom workflow to the pack, and write "
                             "DIR.checks.zip (the hidden tests) for the teacher to host")
    parser.add_argument("--visibility", action="append", default=[], metavar="[NAME=]LEVEL",
                        help="Gradescope visibility of the results (LEVEL) or of one kata's "
                             "or check's tests (NAME=LEVEL); LEVEL is one of "
                             f"{', '.join(VISIBILITIES)}; repeatable")


def run(*, out: Path, katas: list[str] | None = None, gradescope: Path | None = None,
        github_classroom: bool = False, visibility: Sequence[str] = ()) -> int:
    """Write the student pack of the selected katas (default all) to ``out``, and the
    Gradescope zip or GitHub Classroom workflow when asked; print a summary."""
    selected = catalog.select(katas)
    default, rules = parse_visibility(visibility, selected)
    if visibility and gradescope is None:
        raise UsageError("--visibility is for the Gradescope zip: add --gradescope FILE.zip")
    if gradescope is not None:
        _check_zip_target(gradescope, out)
    checks = out.parent / f"{out.name}.checks.zip"
    if github_classroom:
        _check_zip_target(checks, out)
    done = build(out, selected, github_classroom=github_classroom)
    count = len(done.katas)
    print(f"Released {count} kata{'s' * (count != 1)} to {done.out}: katas/, grader/ "
          "(with the stubs for kata reset), pyproject.toml and a README for learners.")
    print(f"Left out: {', '.join(done.left_out)}.")
    for note in done.notes:
        print(f"Note: {note}")
    if github_classroom:
        write_checks_zip(checks, selected)
        print(f"GitHub Classroom: {done.out / WORKFLOW} grades each push, a score per check. "
              f"Host {checks} (the hidden tests: never in the students' repository) at an "
              f"address only the workflow knows, and set the organisation secret "
              f"{CHECKS_SECRET} to it.")
    if gradescope is not None:
        write_gradescope(gradescope, done.out, selected, default=default, rules=rules)
        print(f"Gradescope: upload {gradescope} as the autograder of a programming "
              f"assignment (Ubuntu base image). Visibility: {default}"
              + "".join(f", {name}: {level}" for name, level in rules.items()) + ".")
    print(f"Next: try it as a learner would (cd {done.out} && python3 -m venv .venv && "
          ".venv/bin/pip install -q . && .venv/bin/kata), then hand the folder out.")
    return 0


def parse_visibility(values: Sequence[str], katas: Sequence[Kata]) -> tuple[str, dict[str, str]]:
    """``--visibility`` values as (the course's level, {kata name or check id: level})."""
    default, rules = "visible", {}
    names = {kata.name for kata in katas}
    for value in values:
        name, equals, level = value.rpartition("=")
        if level not in VISIBILITIES:
            raise UsageError(f"--visibility {value}: the level is one of "
                             f"{', '.join(VISIBILITIES)}")
        if not equals:
            default = level
            continue
        kata_name = name.partition("::")[0]
        if kata_name not in names:
            raise UsageError(f"--visibility {value}: {kata_name!r} is not a released kata")
        if "::" in name and name not in {check.id for check in
                                         engine.collect(katas=[BY_NAME[kata_name]])[kata_name]}:
            raise UsageError(f"--visibility {value}: {kata_name} has no check {name!r}")
        rules[name] = level
    return default, rules


def _check_zip_target(path: Path, out: Path) -> None:
    if path.exists() and not path.is_file():
        raise UsageError(f"{path}: exists and is not a file; name the zip to write")
    if path.resolve() == out.resolve() or out.resolve() in path.resolve().parents:
        raise UsageError(f"{path}: is inside the student pack {out}; write it elsewhere")
    for source in (PACKAGE_DIR, KATAS_DIR):
        if source in path.resolve().parents:
            raise UsageError(f"{path}: is inside {source}; write it somewhere else")


# ---------------------------------------------------------------- building


def build(out: Path, katas: Sequence[Kata], *, github_classroom: bool = False) -> Release:
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
        if github_classroom:
            (work / WORKFLOW).parent.mkdir(parents=True)
            (work / WORKFLOW).write_text(classroom_workflow(katas), encoding="utf-8")
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


# ---------------------------------------------------------------- teacher-side files


def classroom_workflow(katas: Sequence[Kata]) -> str:
    """The pack's ``.github/workflows/classroom.yml``: grade ``katas`` on each push, a score
    per check.

    The hidden tests are not in the students' repository: the workflow downloads them from
    the address in the ``PYKATA_CHECKS_URL`` secret into the installed grader. Without it,
    the payload says so instead of a score.
    """
    names = " ".join(kata.name for kata in katas)
    return f"""\
# GitHub Classroom autograding with pykata: every check scores its own points.
# Written by `kata release --github-classroom`. The hidden tests are fetched at run time
# from the address in the secret {CHECKS_SECRET} (a copy of the teacher's checks.zip).
name: Autograding Tests
on:
  push:
  workflow_dispatch:
  repository_dispatch:
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    timeout-minutes: 15
    steps:
      - name: Check out the learner's work
        uses: actions/checkout@v4
      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install pykata (from this repository) and bubblewrap (its sandbox)
        run: |
          sudo apt-get update -qq && sudo apt-get install -y -qq bubblewrap
          # Ubuntu 24.04 keeps unprivileged user namespaces from bubblewrap by default
          sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 || true
          python -m pip install -q .
      - name: Fetch the course's checks
        env:
          CHECKS_URL: ${{{{ secrets.{CHECKS_SECRET} }}}}
        run: |
          # a failure here is reported by the Grade step's payload, not by a failed job
          if [ -z "$CHECKS_URL" ]; then
            echo "::error::the secret {CHECKS_SECRET} is not set: nothing to grade with"
          elif ! curl -fsSL --retry 3 "$CHECKS_URL" -o "$RUNNER_TEMP/checks.zip"; then
            echo "::error::could not download the checks from the {CHECKS_SECRET} address"
          else
            grader=$(python -c 'import grader, os; print(os.path.dirname(grader.__file__))')
            python -m zipfile -e "$RUNNER_TEMP/checks.zip" "$grader"
          fi
      - name: Grade
        id: {RUNNER_ID}
        run: |
          kata check {names} --path katas || true
          status=0
          kata check {names} --path katas --format github-classroom --output payload.json \\
            || status=$?
          if [ "$status" -gt 1 ] || [ ! -s payload.json ]; then
            printf '%s\\n' '{{"version": 1, "status": "error", "max_score": 0, "tests": [{{"name": "pykata", "status": "error", "score": 0, "message": "pykata could not grade this repository: see the Grade step of this run", "test_code": "", "filename": "", "line_no": 0, "duration": 0}}]}}' > payload.json
          fi
          echo "result=$(base64 -w0 payload.json)" >> "$GITHUB_OUTPUT"
      - name: Autograding Reporter
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
          {RUNNER_ID.upper()}_RESULTS: "${{{{ steps.{RUNNER_ID}.outputs.result }}}}"
        with:
          runners: {RUNNER_ID}
"""


def _hidden_files(katas: Sequence[Kata]) -> list[Path]:
    """The hidden test files grading ``katas`` needs: their tests and every module of the
    hidden package that is not another kata's test (``__init__``, ``conftest``, helpers)."""
    shared = sorted(path for path in HIDDEN_DIR.glob("*.py") if not path.name.startswith("test_"))
    return shared + [HIDDEN_DIR / f"test_{kata.name}.py" for kata in katas]


def write_checks_zip(path: Path, katas: Sequence[Kata]) -> None:
    """``hidden/`` with the hidden tests of ``katas``: what the Classroom workflow fetches."""
    files = {f"hidden/{file.name}": file.read_bytes() for file in _hidden_files(katas)}
    _verify_files(files, hidden=True)
    _write_zip(path, files, executable=())


def setup_script() -> str:
    """Gradescope's ``setup.sh``: run once, as root, on its Ubuntu image."""
    return f"""\
#!/usr/bin/env bash
# Gradescope runs this once, as root, to build the autograder image (network allowed).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends python3 python3-venv python3-pip bubblewrap
python3 -m venv {autograder.VENV}
{autograder.VENV}/bin/pip install -q --upgrade pip
{autograder.VENV}/bin/pip install -q {autograder.SOURCE}/pykata
{autograder.VENV}/bin/kata --version
"""


def run_script() -> str:
    """Gradescope's ``run_autograder``: grade /autograder/submission, always leave a result."""
    fallback = json.dumps({
        "score": 0, "stdout_visibility": "hidden", "tests": [],
        "output": "The autograder could not start, so nothing was graded. Your submission "
                  "was received: please tell your teacher."})
    return f"""\
#!/usr/bin/env bash
# Gradescope runs this for every submission. It always leaves results.json behind.
results={autograder.RESULTS}
mkdir -p "$(dirname "$results")"
python={autograder.VENV}/bin/python
[ -x "$python" ] || python=python3
cd {autograder.SOURCE}
PYTHONPATH={autograder.SOURCE}/pykata "$python" -m grader.autograder \\
    --submission {autograder.SUBMISSION} --results "$results" \\
    --config {autograder.SOURCE}/{autograder.CONFIG}
status=$?
if [ ! -s "$results" ]; then
  echo "run_autograder: the grader exited with status $status and wrote no results"
  printf '%s\\n' '{fallback}' > "$results"
fi
exit 0
"""


def write_gradescope(path: Path, pack: Path, katas: Sequence[Kata], *, default: str,
                     rules: dict[str, str]) -> None:
    """Gradescope's autograder zip for ``katas``: scripts and config at its root, and
    ``pykata/``: the student pack ``pack`` with the hidden tests of ``katas``."""
    files: dict[str, bytes] = {
        "setup.sh": setup_script().encode(),
        "run_autograder": run_script().encode(),
        autograder.CONFIG: (json.dumps(autograder.config(katas, visibility=default, rules=rules),
                                       indent=2) + "\n").encode(),
    }
    for file in sorted(pack.rglob("*")):
        if file.is_file():
            files[f"pykata/{file.relative_to(pack).as_posix()}"] = file.read_bytes()
    for file in _hidden_files(katas):
        files[f"pykata/grader/hidden/{file.name}"] = file.read_bytes()
    _verify_files(files, hidden=True)
    _write_zip(path, files, executable=("setup.sh", "run_autograder"))


def _write_zip(path: Path, files: dict[str, bytes], *, executable: Sequence[str]) -> None:
    """``files`` as a zip at ``path``, written whole or not at all."""
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                mode = 0o755 if name in executable else 0o644
                info.external_attr = (stat.S_IFREG | mode) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, files[name])
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot write the zip: {exc.strerror}") from None


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
    files = {path.relative_to(pack).as_posix(): path.read_bytes()
             for path in sorted(pack.rglob("*")) if path.is_file()}
    for path in sorted(pack.rglob("*")):
        if path.name == "solutions":
            raise UsageError(f"release refused: the pack would hold {path.relative_to(pack)}")
    _verify_files(files, hidden=False)


def _verify_files(files: dict[str, bytes], *, hidden: bool) -> None:
    """The leak check over ``files`` (path: bytes). With ``hidden`` (a teacher-side zip) the
    hidden tests are allowed, in ``hidden/`` folders only; a solution's body never is, except
    inside the hidden tests themselves (which may state a reference answer)."""
    names = secret_names()
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b"
                         if names else r"(?!)")
    bodies = secret_bodies()
    for where, data in sorted(files.items()):
        parts = where.split("/")
        in_hidden = hidden and len(parts) > 1 and parts[-2] == HIDDEN_DIR.name
        if "solutions" in parts or (parts[-1].startswith("test_") and parts[-1].endswith(".py")
                                    and not in_hidden):
            raise UsageError(f"release refused: the pack would hold {where}")
        text = data.decode("utf-8", "replace")
        found = None if hidden else pattern.search(text)
        if found:
            raise UsageError(f"release refused: {where} holds {found.group(0)!r}, "
                             "a name from the hidden tests")
        if in_hidden:
            continue
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
