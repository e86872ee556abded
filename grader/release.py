"""``kata release --out DIR``: the student pack, stubs and grader without solutions or hidden tests.

The pack is a course of its own (see ``grader.course``): ``course.toml`` (the shipped katas
only, marked as a pack: per kata, how many checks only the teacher runs and its points),
``meta/`` (their titles, tasks and hints), ``katas/`` (the stubs), ``grader/`` (this package
without any hidden test, plus ``grader/_stubs/`` so that ``kata reset`` works without git),
the course's **visible** checks (in the hidden folder, at the same place as in the course, with
its shared helper modules), a ``pyproject.toml`` that installs it and a README for learners.
In the pack, ``kata check`` grades the visible checks and says how many more the teacher runs.
It is built in a hidden folder next to DIR, searched for leaks (a hidden test's or probe's
name, a solution's function body), and only then renamed to DIR: a release that fails leaves
nothing behind.

Two teacher-side additions, each checked for leaks the same way before it is written:

- ``--github-classroom``: ``.github/workflows/classroom.yml`` in the pack (install the pack,
  fetch the course's checks, ``kata check --course ... --format github-classroom``, hand the
  payload to GitHub Classroom's grading reporter), and ``DIR.checks.zip`` beside the pack: the
  grading course (``course.toml``, ``meta/``, ``hidden/``), for the teacher to host where the
  workflow's secret URL points.
- ``--gradescope FILE.zip``: Gradescope's autograder zip: ``setup.sh``, ``run_autograder``,
  ``pykata-gradescope.json`` (the katas, feedback and visibility), ``pykata/`` (the pack) and
  ``course/`` (the grading course, with every hidden test of the released katas). Students
  never see this zip; it holds the hidden tests and never a solution.
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
from typing import Final

from grader import autograder, commands, engine
from grader.course import COURSE_FILE, PACKAGE_DIR, Course, Kata, to_toml
from grader.errors import UsageError
from grader.reporters import VISIBILITIES

SHIPPED: Final = ("katas", "grader", "pyproject.toml", "README.md", COURSE_FILE)
PRISTINE: Final = "grader/_stubs"  # the pack's stubs as shipped, for `kata reset`
# What copying this package leaves out: this repository's own course (hidden tests, the
# wheel's copy of the course) and what only a pack has.
PACKAGE_ONLY: Final = frozenset({"hidden", "_course", "_stubs", "_points.json", "scaffold.py"})
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
    visible: int = 0  # visible checks shipped
    hidden: int = 0  # checks only the teacher runs


# ---------------------------------------------------------------- command line


def run(*, course: Course, out: Path, katas: list[str] | None = None,
        gradescope: Path | None = None, github_classroom: bool = False,
        visibility: Sequence[str] = ()) -> int:
    """Write the student pack of the selected katas (default all) to ``out``, and the
    Gradescope zip or GitHub Classroom workflow when asked; print a summary."""
    if course.pack:
        raise UsageError("this course is a student pack itself: run kata release in the "
                         "teacher's course")
    selected = course.select(katas)
    default, rules = parse_visibility(visibility, course, selected)
    if visibility and gradescope is None:
        raise UsageError("--visibility is for the Gradescope zip: add --gradescope FILE.zip")
    if gradescope is not None:
        _check_zip_target(gradescope, out, course)
    checks = out.parent / f"{out.name}.checks.zip"
    if github_classroom:
        _check_zip_target(checks, out, course)
    done = build(out, course, selected, github_classroom=github_classroom)
    count = len(done.katas)
    print(f"Released {count} kata{'s' * (count != 1)} to {done.out}: katas/, grader/ "
          f"(with the stubs for kata reset), {done.visible} visible check"
          f"{'s' * (done.visible != 1)} (kata check grades them there), course.toml, "
          "pyproject.toml and a README for learners.")
    print(f"Left out: {', '.join(done.left_out)}.")
    for note in done.notes:
        print(f"Note: {note}")
    if github_classroom:
        write_checks_zip(checks, course, selected)
        print(f"GitHub Classroom: {done.out / WORKFLOW} grades each push, a score per check. "
              f"Host {checks} (the hidden tests: never in the students' repository) at an "
              f"address only the workflow knows, and set the organisation secret "
              f"{CHECKS_SECRET} to it.")
    if gradescope is not None:
        write_gradescope(gradescope, done.out, course, selected, default=default, rules=rules)
        print(f"Gradescope: upload {gradescope} as the autograder of a programming "
              f"assignment (Ubuntu base image). Visibility: {default}"
              + "".join(f", {name}: {level}" for name, level in rules.items()) + ".")
    print(f"Next: try it as a learner would (cd {done.out} && python3 -m venv .venv && "
          ".venv/bin/pip install -q . && .venv/bin/kata), then hand the folder out.")
    return 0


def parse_visibility(values: Sequence[str], course: Course, katas: Sequence[Kata]
                     ) -> tuple[str, dict[str, str]]:
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
        if "::" in name and name not in {check.id for check in engine.collect(
                course, [course.get(kata_name)])[kata_name]}:
            raise UsageError(f"--visibility {value}: {kata_name} has no check {name!r}")
        rules[name] = level
    return default, rules


def _protected(course: Course) -> tuple[Path, ...]:
    """Folders nothing may be written into: the grader and the course's own folders."""
    return (PACKAGE_DIR, course.katas_dir, course.hidden_dir, course.solutions_dir)


def _check_zip_target(path: Path, out: Path, course: Course) -> None:
    if path.exists() and not path.is_file():
        raise UsageError(f"{path}: exists and is not a file; name the zip to write")
    if path.resolve() == out.resolve() or out.resolve() in path.resolve().parents:
        raise UsageError(f"{path}: is inside the student pack {out}; write it elsewhere")
    for source in _protected(course):
        if source in path.resolve().parents:
            raise UsageError(f"{path}: is inside {source}; write it somewhere else")


# ---------------------------------------------------------------- building


def hidden_place(course: Course) -> str:
    """Where the hidden folder sits in a pack: where it sits in the course (``grader/hidden``
    here), or ``hidden`` when the course keeps it elsewhere."""
    try:
        return course.hidden_dir.relative_to(course.root).as_posix()
    except ValueError:
        return "hidden"


def build(out: Path, course: Course, katas: Sequence[Kata], *,
          github_classroom: bool = False) -> Release:
    """Write the pack of ``katas`` to ``out`` (new or empty) all at once, or raise UsageError."""
    _check_out(out, course)
    checks = _collect(course, katas)
    stubs, notes = _stubs(course, katas)
    visible = {kata.name: visible_checks(kata, course) for kata in katas}
    work = out.parent / f".{out.name}.release-{secrets.token_hex(4)}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work.mkdir()
    except OSError as exc:
        raise UsageError(f"{out}: cannot write there: {exc.strerror}") from None
    try:
        _write(work, course, katas, stubs, checks, visible)
        if github_classroom:
            (work / WORKFLOW).parent.mkdir(parents=True)
            (work / WORKFLOW).write_text(classroom_workflow(katas), encoding="utf-8")
        verify(work, course)
        if out.exists():
            out.rmdir()  # empty, checked above
        os.rename(work, out)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise UsageError(f"{out}: the pack could not be written: {exc}") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    shown = sum(len(kata.visible) for kata in katas)
    total = sum(len(found) for found in checks.values())
    left_out = [f"the solutions ({course.solutions_dir.name}/)",
                f"{total - shown} hidden checks of {hidden_place(course)}/"]
    others = [kata.name for kata in course.katas if kata not in katas]
    if others:
        left_out.append(f"the katas {', '.join(others)}")
    return Release(out, tuple(katas), tuple(left_out), tuple(notes), shown, total - shown)


def _collect(course: Course, katas: Sequence[Kata]) -> dict[str, list[engine.Check]]:
    try:
        return engine.collect(course, katas)
    except engine.NoHiddenTests:
        raise UsageError("this course has no hidden tests: run kata release in the "
                         "teacher's course") from None


def _check_out(out: Path, course: Course) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file; name a new or empty folder for the pack")
    if out.is_dir() and any(out.iterdir()):
        raise UsageError(f"{out}: is not empty; name a new or empty folder for the pack")
    target = out.resolve()
    for source in _protected(course):
        if target == source or source in target.parents:
            raise UsageError(f"{out}: is inside {source}; write the pack somewhere else")


def _stubs(course: Course, katas: Sequence[Kata]) -> tuple[dict[str, bytes], list[str]]:
    """Each kata's stub from the course's katas/, refused when it differs from the
    committed one."""
    stubs: dict[str, bytes] = {}
    unchecked = False
    for kata in katas:
        path = course.katas_dir / kata.filename
        try:
            stubs[kata.name] = path.read_bytes()
        except OSError:
            raise UsageError(f"{path}: not found; every kata of the course needs its stub "
                             "(see kata dev check)") from None
        try:
            pristine = commands.pristine_stub(kata, course.katas_dir, course)
        except UsageError:  # no git history to compare with: ship the files as they are
            unchecked = True
            continue
        if pristine != stubs[kata.name]:
            raise UsageError(f"{path}: differs from its committed stub; commit it, or "
                             f"`kata reset {kata.name}`, before releasing")
    notes = ["katas/ copied as is: no git history to check the stubs against"] if unchecked else []
    return stubs, notes


def visible_checks(kata: Kata, course: Course) -> str | None:
    """The source of ``kata``'s hidden test module with only its visible checks and what
    they use (imports, probes, helpers); None when it has no visible check."""
    if not kata.visible:
        return None
    path = course.hidden_file(kata)
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    defined: dict[str, ast.stmt] = {}
    for node in tree.body:
        for name in _defines(node):
            defined.setdefault(name, node)
    missing = [name for name in kata.visible if name not in defined]
    if missing:
        raise UsageError(f"{path}: has no check {missing[0]} (listed as visible in "
                         f"{course.meta_dir.name}/{kata.name}.toml)")
    needed: set[int] = set()
    todo = [defined[name] for name in kata.visible]
    while todo:
        node = todo.pop()
        if id(node) in needed:
            continue
        needed.add(id(node))
        todo += [defined[n.id] for n in ast.walk(node)
                 if isinstance(n, ast.Name) and n.id in defined and n.id not in kata.visible
                 and not n.id.startswith("test_")]
    body = [node for node in tree.body if id(node) in needed
            or isinstance(node, (ast.Import, ast.ImportFrom))]  # not the docstring: it may
    # describe the hidden checks
    return (f'"""The visible checks of the {kata.name} kata (the teacher\'s grading runs '
            'more)."""\n\n' + ast.unparse(ast.Module(body=body, type_ignores=[])) + "\n")


def _defines(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)]
    return []


def _ignore(folder: str, names: list[str]) -> set[str]:
    """What copying grader/ leaves out: bytecode, the hidden tests and pack-only files."""
    skip = {name for name in names if name == "__pycache__" or name.endswith((".pyc", ".pyo"))}
    if Path(folder).resolve() == PACKAGE_DIR:
        skip |= PACKAGE_ONLY & set(names)
    return skip


def _shared(course: Course) -> list[Path]:
    """The hidden folder's modules that are no kata's test (``__init__``, conftest, helpers)."""
    return sorted(path for path in course.hidden_dir.glob("*.py")
                  if not path.name.startswith("test_"))


def _write(work: Path, course: Course, katas: Sequence[Kata], stubs: dict[str, bytes],
           checks: dict[str, list[engine.Check]], visible: dict[str, str | None]) -> None:
    shutil.copytree(PACKAGE_DIR, work / "grader", ignore=_ignore)
    for folder in (work / "katas", work / PRISTINE):
        folder.mkdir()
        for kata in katas:
            (folder / kata.filename).write_bytes(stubs[kata.name])
    meta = work / "meta"
    meta.mkdir()
    for kata in katas:
        shutil.copyfile(course.meta_dir / f"{kata.name}.toml", meta / f"{kata.name}.toml")
    hidden = work / hidden_place(course)
    hidden.mkdir(parents=True, exist_ok=True)
    for path in _shared(course):
        shutil.copyfile(path, hidden / path.name)
    for kata in katas:
        if visible[kata.name] is not None:
            (hidden / f"test_{kata.name}.py").write_text(str(visible[kata.name]),
                                                         encoding="utf-8")
    pack = {kata.name: (len(checks[kata.name]) - len(kata.visible),
                        sum(check.points for check in checks[kata.name])) for kata in katas}
    folders = {"katas": "katas", "meta": "meta", "hidden": hidden_place(course),
               "pristine": PRISTINE}
    (work / COURSE_FILE).write_text(to_toml(
        course, katas, folders=folders, pack=pack,
        header="A student pack, written by `kata release`: the katas below, their visible\n"
               "checks (kata check grades them here), and no solution or hidden test."),
        encoding="utf-8")
    (work / "pyproject.toml").write_text(_pack_pyproject() + _pack_course_files(course),
                                         encoding="utf-8")
    points = {name: worth for name, (_, worth) in pack.items()}
    (work / "README.md").write_text(readme(course, katas, points), encoding="utf-8")


def _pack_course_files(course: Course) -> str:
    """The pyproject section that puts the pack's course into its wheel (``grader/_course``),
    so that an installed pack grades from any folder."""
    place = hidden_place(course)
    return ("\n# The pack's course, in the wheel: found when no course.toml is near.\n"
            "[tool.hatch.build.targets.wheel.force-include]\n"
            '"course.toml" = "grader/_course/course.toml"\n'
            f'"meta" = "grader/_course/meta"\n"{PRISTINE}" = "grader/_course/katas"\n'
            f'"{place}" = "grader/_course/{place}"\n')


def _pack_pyproject() -> str:
    """The pack's pyproject.toml: pykata's own, without the sections a pack does not need."""
    own = PACKAGE_DIR.parent / "pyproject.toml"
    if own.is_file():
        return pack_pyproject(own.read_text(encoding="utf-8"))
    from importlib import metadata

    needs = [req for req in metadata.requires("pykata") or [] if "extra ==" not in req]
    return ('[build-system]\nrequires = ["hatchling>=1.18"]\nbuild-backend = "hatchling.build"\n\n'
            f'[project]\nname = "pykata"\nversion = "{metadata.version("pykata")}"\n'
            'requires-python = ">=3.10"\ndependencies = [\n'
            + "".join(f"    {json.dumps(req)},\n" for req in needs)
            + ']\n\n[project.scripts]\nkata = "grader.cli:main"\n\n'
            '[tool.hatch.build.targets.wheel]\npackages = ["grader"]\n')


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

    The hidden tests are not in the students' repository: the workflow downloads the grading
    course (``checks.zip``) from the address in the ``PYKATA_CHECKS_URL`` secret and grades
    with ``--course``. Without it, the payload says so instead of a score.
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
            python -m zipfile -e "$RUNNER_TEMP/checks.zip" "$RUNNER_TEMP/course"
          fi
      - name: Grade
        id: {RUNNER_ID}
        run: |
          course="$RUNNER_TEMP/course"
          kata check {names} --course "$course" --path katas || true
          status=0
          kata check {names} --course "$course" --path katas --format github-classroom \\
            --output payload.json || status=$?
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


def _hidden_files(course: Course, katas: Sequence[Kata]) -> list[Path]:
    """The hidden test files grading ``katas`` needs: their tests and every module of the
    hidden folder that is not another kata's test (``__init__``, ``conftest``, helpers)."""
    return _shared(course) + [course.hidden_file(kata) for kata in katas]


def grading_course(course: Course, katas: Sequence[Kata], prefix: str = "") -> dict[str, bytes]:
    """The files of a course that grades ``katas`` with every hidden test: ``course.toml``,
    ``meta/`` and ``hidden/`` (graded with ``kata check --course``; the learner's katas
    come with ``--path``)."""
    text = to_toml(course, katas, folders={"katas": "katas", "meta": "meta", "hidden": "hidden"},
                   header="The grading course of a release: every hidden test of its katas.")
    files = {f"{prefix}{COURSE_FILE}": text.encode()}
    for kata in katas:
        files[f"{prefix}meta/{kata.name}.toml"] = (course.meta_dir / f"{kata.name}.toml").read_bytes()
    for file in _hidden_files(course, katas):
        files[f"{prefix}hidden/{file.name}"] = file.read_bytes()
    return files


def write_checks_zip(path: Path, course: Course, katas: Sequence[Kata]) -> None:
    """The grading course of ``katas``: what the Classroom workflow fetches."""
    files = grading_course(course, katas)
    _verify_files(files, course, hidden=True)
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
    --config {autograder.SOURCE}/{autograder.CONFIG} --course {autograder.SOURCE}/{autograder.COURSE}
status=$?
if [ ! -s "$results" ]; then
  echo "run_autograder: the grader exited with status $status and wrote no results"
  printf '%s\\n' '{fallback}' > "$results"
fi
exit 0
"""


def write_gradescope(path: Path, pack: Path, course: Course, katas: Sequence[Kata], *,
                     default: str, rules: dict[str, str]) -> None:
    """Gradescope's autograder zip for ``katas``: scripts and config at its root,
    ``pykata/`` (the student pack ``pack``: the grader it installs) and ``course/`` (the
    grading course, with the hidden tests of ``katas``)."""
    files: dict[str, bytes] = {
        "setup.sh": setup_script().encode(),
        "run_autograder": run_script().encode(),
        autograder.CONFIG: (json.dumps(autograder.config(katas, visibility=default, rules=rules),
                                       indent=2) + "\n").encode(),
    }
    for file in sorted(pack.rglob("*")):
        if file.is_file():
            files[f"pykata/{file.relative_to(pack).as_posix()}"] = file.read_bytes()
    files.update(grading_course(course, katas, prefix=f"{autograder.COURSE}/"))
    _verify_files(files, course, hidden=True)
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


def secret_names(course: Course, public: Iterable[str] = ()) -> set[str]:
    """The names of every hidden test and probe function, but the ``public`` ones (those of
    the visible checks a pack ships)."""
    return {node.name for path in course.hidden_dir.glob("test_*.py")
            for node in _functions(path.read_text(encoding="utf-8"))
            if node.name.startswith(("test_", "probe_"))} - set(public)


def secret_bodies(course: Course) -> set[str]:
    """Solution function bodies that the stubs do not give away already, squeezed."""
    found: set[str] = set()
    for kata in course.katas:
        try:
            solution = (course.solutions_dir / kata.filename).read_text(encoding="utf-8")
            stub = (course.katas_dir / kata.filename).read_text(encoding="utf-8")
        except OSError:
            continue
        found |= {body for body in _bodies(solution) - _bodies(stub) if len(body) >= MIN_BODY}
    return found


def verify(pack: Path, course: Course) -> None:
    """Raise UsageError naming the first file of ``pack`` that is a hidden test or holds a
    hidden test's or probe's name or a solution's function body. The visible checks the pack
    ships (test modules in its hidden folder) may hold their own names, and no other."""
    files = {path.relative_to(pack).as_posix(): path.read_bytes()
             for path in sorted(pack.rglob("*")) if path.is_file()}
    for path in sorted(pack.rglob("*")):
        if path.name == "solutions":
            raise UsageError(f"release refused: the pack would hold {path.relative_to(pack)}")
    place = hidden_place(course)
    shipped = {where: data for where, data in files.items()
               if where.rpartition("/")[0] == place and where.rpartition("/")[2].startswith("test_")}
    public = {node.name for data in shipped.values()
              for node in _functions(data.decode("utf-8", "replace"))}
    _verify_files(files, course, hidden=False, public=public, allowed=set(shipped))


def _verify_files(files: dict[str, bytes], course: Course, *, hidden: bool,
                  public: Iterable[str] = (), allowed: Iterable[str] = ()) -> None:
    """The leak check over ``files`` (path: bytes). With ``hidden`` (a teacher-side zip) the
    hidden tests are allowed, in ``hidden/`` folders only; a solution's body never is, except
    inside the hidden tests themselves (which may state a reference answer). ``allowed``
    test modules (a pack's visible checks) are shipped, and may hold the ``public`` names."""
    names = secret_names(course, public)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b"
                         if names else r"(?!)")
    bodies = secret_bodies(course)
    allowed = set(allowed)
    hidden_name = course.hidden_dir.name
    for where, data in sorted(files.items()):
        parts = where.split("/")
        in_hidden = hidden and len(parts) > 1 and parts[-2] in (hidden_name, "hidden")
        if "solutions" in parts or (parts[-1].startswith("test_") and parts[-1].endswith(".py")
                                    and not in_hidden and where not in allowed):
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


def readme(course: Course, katas: Sequence[Kata], points: dict[str, float]) -> str:
    """The pack's README.md: what it is, how to set it up, work and hand in."""
    first = katas[0].name
    some = "" if len(katas) == len(course.katas) else " ".join(k.name for k in katas) + " "
    rows = "\n".join(
        f"| {number} | `{kata.name}` | {kata.topic} ({kata.topic_zh}) | {len(kata.tasks)} | "
        f"{points[kata.name]:g} |" for number, kata in enumerate(katas, start=1))
    uses = (("kata list", "every kata: topic, tasks, points"),
            (f"kata check {first}", "grade a kata with its visible checks, here and now"),
            ("kata watch", "grade again on every save: the next thing to fix, and a hint"),
            (f"kata hint {first}", "hints, one level more each time you ask"),
            (f"kata hint {first} --task 3", "the hints of task 3"),
            (f"kata reset {first}", "start a kata over (your file is kept in katas/.kata-backup/)"),
            (f"kata notebook {some}--out katas.ipynb", "every kata in one Jupyter notebook, if "
                                                       "you prefer"))
    width = max(len(command) for command, _ in uses) + 2
    usage = "\n".join(f"    {command:<{width}}{what}" for command, what in uses)
    return f"""\
# {course.title}

{len(katas)} short exercises ("katas") that you solve in your editor, and the `kata` tool
that lists them, checks your work, gives hints and lets you start one over. `kata check`
grades each kata with its visible checks; your teacher grades what you hand in with more
checks that are not in this folder: they test the idea behind each task, not only the
examples.

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
