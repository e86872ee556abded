"""``kata dev mutate [KATA...]``: mutation testing of the reference solutions.

cosmic-ray's mutation operators (its ``core`` provider: arithmetic, comparison, unary and
boolean operators, numbers, ``break``/``continue``, exception handlers, decorators, empty
``for`` loops) turn each solution into mutants, one change each. Every mutant is then graded
like a learner's submission, by :func:`grader.engine.grade` in one sandbox with one
collection of the hidden tests, so it runs inside a learner process exactly as a learner's
code does. A mutant is *killed* when some check fails on it, and *survives* when it scores
full marks: a content author then adds a check that kills it, or lists it in the kata's
equivalents file with the reason no check can (the mutated program behaves the same).

Equivalents file, ``grader/hidden/mutation/<kata>.toml``, one table per mutant::

    [[equivalent]]
    operator = "ReplaceComparisonOperator_Lt_NotEq"  # cosmic-ray's operator name
    line = "for i in range(n):"                      # the solution's line, stripped
    mutated = "for i in range(n - 1):"               # the mutated line, stripped
    occurrence = 2                                   # optional: the n-th identical mutant
    reason = "why no program can tell them apart"

A mutant is named by its operator and the text of its line before and after, not by a line
number, so that editing another part of the solution keeps the entry; ``occurrence`` (default
1) tells apart identical mutants of identical lines, counted in file order.

Stamp, ``grader/hidden/mutation/<kata>.stamp.json``, written by every run of a kata: the
fingerprint of what decides the result (solution, hidden tests, equivalents, the tool's
version) and the figures, so that a test can re-run only the katas that changed since.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from grader import engine
from grader.course import PACKAGE_DIR, Course, Kata
from grader.errors import UsageError
from grader.results import SubmissionResult
from grader.sandbox import Limits, Sandbox
from grader.submission import Submission

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# Mutants graded at once, by threads of one process: twice the CPUs hides their waits.
JOBS: Final = 2 * (os.cpu_count() or 1)
# This repository's course, the defaults of the library functions; `kata dev mutate` takes
# the folders of the course it runs in.
SOLUTIONS_DIR: Final = PACKAGE_DIR.parent / "solutions"
HIDDEN_DIR: Final = PACKAGE_DIR / "hidden"
MUTATION_DIR: Final = HIDDEN_DIR / "mutation"
MUTATION: Final = "mutation"  # the folder of equivalents and stamps, in the hidden tests
TOOL: Final = "cosmic-ray"
PROVIDER: Final = "core/"  # cosmic-ray's own operators: a fixed set, whatever else is installed
# The solutions answer every probe in milliseconds; a mutant that loops forever should cost
# a second per check, not the three seconds a learner is given.
LIMITS: Final = Limits(probe_timeout=1.0, import_timeout=2.0)
STAMP_FORMAT: Final = 1  # bump when what a stamp's fingerprint covers changes
MISSING_TOOL: Final = ("kata dev mutate needs cosmic-ray, a course author's tool: "
                       "pip install 'pykata[test]' (or pip install cosmic-ray)")


@dataclass(frozen=True)
class Mutant:
    """One change to a solution: which operator made it, where, and the mutated module."""

    operator: str  # cosmic-ray's name without the provider, e.g. ReplaceBinaryOperator_Add_Sub
    line: int  # 1-based, in the solution as it is now (shown, never used to identify)
    before: str  # the changed line(s) of the solution, stripped
    after: str  # the same line(s) in the mutant, stripped ("" when removed)
    occurrence: int  # 1-based among mutants with the same operator, before and after
    source: str = field(repr=False)

    @property
    def key(self) -> tuple[str, str, str, int]:
        """What identifies the mutant across unrelated edits of the solution."""
        return (self.operator, self.before, self.after, self.occurrence)

    def describe(self) -> str:
        """One line a content author can act on: where, which operator, what changed."""
        nth = f" (occurrence {self.occurrence})" if self.occurrence > 1 else ""
        after = self.after or "(line removed)"
        return f"line {self.line}, {self.operator}{nth}: {self.before}  ->  {after}"


@dataclass(frozen=True)
class Equivalent:
    """An entry of an equivalents file: a mutant no check can kill, and why."""

    operator: str
    line: str
    mutated: str
    occurrence: int
    reason: str

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.operator, self.line, self.mutated, self.occurrence)


@dataclass(frozen=True)
class KataReport:
    """The outcome of mutating one kata's solution; ``error`` when it could not be run."""

    kata: str
    equivalents_file: Path
    mutants: int = 0
    killed: int = 0
    equivalent: int = 0
    survivors: tuple[Mutant, ...] = ()
    unmatched: tuple[Equivalent, ...] = ()  # entries of the equivalents file matching no mutant
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and not self.survivors and not self.unmatched


def _cosmic_ray() -> Any:
    """The cosmic_ray package with the parts used here imported, or a UsageError saying how to
    install it."""
    try:
        import cosmic_ray.ast
        import cosmic_ray.mutating
        import cosmic_ray.plugins
    except ImportError:
        raise UsageError(MISSING_TOOL) from None
    return cosmic_ray


def tool_version() -> str:
    """``cosmic-ray X.Y.Z``: part of every fingerprint, since its operators decide the mutants."""
    try:
        import importlib.metadata

        return f"{TOOL} {importlib.metadata.version(TOOL)}"
    except importlib.metadata.PackageNotFoundError:
        raise UsageError(MISSING_TOOL) from None


def _changed(original: list[str], mutated: list[str]) -> tuple[str, str] | None:
    """The text of the lines that differ, before and after, stripped and joined by a space
    (None: no difference)."""
    def joined(lines: list[str]) -> str:
        return " ".join(line.strip() for line in lines if line.strip())

    matcher = difflib.SequenceMatcher(a=original, b=mutated, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            return joined(original[i1:i2]), joined(mutated[j1:j2])
    return None


def _annotations(nodes: Iterable[Any]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The spans of the type annotations among parso ``nodes`` (parameters, returns, variables)."""
    found = []
    for node in nodes:
        if node.type in ("param", "funcdef"):
            annotation = node.annotation
        elif node.type == "annassign":
            annotation = node.children[1]
        else:
            continue
        if annotation is not None:
            found.append((annotation.start_pos, annotation.end_pos))
    return found


def mutants(source: str) -> list[Mutant]:
    """Every mutant cosmic-ray's core operators make of ``source``, ordered by line.

    Type annotations are left alone: under ``from __future__ import annotations`` they are
    never evaluated, so a mutant there changes no behaviour a check could see.
    """
    cr = _cosmic_ray()
    tree = cr.ast.get_ast(source)
    nodes = list(cr.ast.ast_nodes(tree))
    annotations = _annotations(nodes)
    original = source.splitlines()
    found: list[Mutant] = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for name in sorted(cr.plugins.operator_names()):
        if not name.startswith(PROVIDER):
            continue
        kind = cr.plugins.get_operator(name)
        if kind.arguments():  # operators that need configuring (variable replacers) are skipped
            continue
        operator = kind()
        positions = [start for node in nodes for start, _ in operator.mutation_positions(node)]
        for occurrence, position in enumerate(positions):
            if any(begin <= position < end for begin, end in annotations):
                continue
            code = cr.mutating.mutate_code(source, operator, occurrence)
            change = _changed(original, code.splitlines()) if code is not None else None
            if change is None:
                continue
            before, after = change
            short = name.removeprefix(PROVIDER)
            seen[(short, before, after)] += 1
            nth = seen[(short, before, after)]
            found.append(Mutant(short, position[0], before, after, nth, code))
    return sorted(found, key=lambda m: (m.line, m.operator, m.occurrence))


def mutation_dir_of(course: Course) -> Path:
    """Where ``course`` keeps its equivalents and stamps: ``<hidden>/mutation``. This
    repository's is read from :data:`MUTATION_DIR` at call time (a test points it elsewhere)."""
    return MUTATION_DIR if course.hidden_dir == HIDDEN_DIR else course.hidden_dir / MUTATION


def equivalents_file(kata: Kata, mutation_dir: Path = MUTATION_DIR) -> Path:
    return mutation_dir / f"{kata.name}.toml"


def stamp_file(kata: Kata, mutation_dir: Path = MUTATION_DIR) -> Path:
    return mutation_dir / f"{kata.name}.stamp.json"


def load_equivalents(path: Path) -> list[Equivalent]:
    """The entries of an equivalents file (none when it does not exist), checked."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read it: {exc}") from None
    entries = data.get("equivalent", [])
    if not isinstance(entries, list) or set(data) - {"equivalent"}:
        raise UsageError(f"{path}: expected only [[equivalent]] tables")
    fields = ("operator", "line", "mutated", "reason")
    found: list[Equivalent] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: [[equivalent]] number {number}"
        if not isinstance(entry, dict):
            raise UsageError(f"{where}: expected a table")
        unknown = sorted(set(entry) - {*fields, "occurrence"})
        if unknown:
            raise UsageError(f"{where}: unknown field {unknown[0]}")
        texts = {name: entry.get(name) for name in fields}
        for name, value in texts.items():  # only `mutated` may be empty: a removed line
            if not isinstance(value, str) or (name != "mutated" and not value.strip()):
                raise UsageError(f"{where}: {name} must be a non-empty string")
        occurrence = entry.get("occurrence", 1)
        if type(occurrence) is not int or occurrence < 1:
            raise UsageError(f"{where}: occurrence must be a whole number from 1")
        operator, line, mutated, reason = (str(texts[name]).strip() for name in fields)
        found.append(Equivalent(operator, line, mutated, occurrence, reason))
    duplicates = [key for key, n in Counter(entry.key for entry in found).items() if n > 1]
    if duplicates:
        operator, line = duplicates[0][:2]
        raise UsageError(f"{path}: the mutant {operator} of {line!r} is listed twice")
    return found


def fingerprint(kata: Kata, *, solutions_dir: Path = SOLUTIONS_DIR, hidden_dir: Path = HIDDEN_DIR,
                mutation_dir: Path = MUTATION_DIR) -> str:
    """sha256 of everything a kata's mutation result depends on: its solution, its hidden
    tests, the hidden folder's shared files (conftest, helpers), its equivalents and the tool."""
    digest = hashlib.sha256(f"stamp {STAMP_FORMAT}\0{tool_version()}\0".encode())
    shared = sorted(p for p in hidden_dir.glob("*.py") if not p.name.startswith("test_"))
    parts = [solutions_dir / kata.filename, hidden_dir / f"test_{kata.name}.py", *shared,
             equivalents_file(kata, mutation_dir)]
    for path in parts:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b"\0missing"
        digest.update(f"{path.name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def mutate_kata(kata: Kata, *, box: Sandbox, checks: dict[str, list[engine.Check]],
                solutions_dir: Path = SOLUTIONS_DIR, mutation_dir: Path = MUTATION_DIR,
                jobs: int = JOBS) -> KataReport:
    """Mutate one kata's solution and grade every mutant not listed as equivalent."""
    listed = equivalents_file(kata, mutation_dir)
    path = solutions_dir / kata.filename
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return KataReport(kata.name, listed, error=f"cannot read {path}: {exc}")

    def grade(code: str) -> SubmissionResult:
        """Grade ``code`` as the kata's module of a submission: in a learner process."""
        files = {kata.filename: code.encode("utf-8")}
        return engine.grade(Submission(kata.name, files), sandbox_=box, checks=checks,
                            katas=(kata,))

    baseline = grade(source)
    if not baseline.passed:
        got = baseline.katas[0]
        return KataReport(kata.name, listed, error=f"the solution scores {got.score:g} of "
                          f"{got.max_score:g}; mutation testing needs it at full marks")
    equivalents = {entry.key: entry for entry in load_equivalents(listed)}
    made = mutants(source)
    judged = [mutant for mutant in made if mutant.key not in equivalents]
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        survived = [mutant for mutant, full in
                    zip(judged, pool.map(lambda m: grade(m.source).passed, judged)) if full]
    keys = {mutant.key for mutant in made}
    return KataReport(
        kata=kata.name, equivalents_file=listed, mutants=len(made),
        killed=len(judged) - len(survived), equivalent=len(made) - len(judged),
        survivors=tuple(survived),
        unmatched=tuple(entry for key, entry in equivalents.items() if key not in keys),
    )


def run_katas(katas: Sequence[Kata], course: Course, *, jobs: int = JOBS,
              checks: dict[str, list[engine.Check]] | None = None) -> Iterator[KataReport]:
    """Mutate each kata of ``course`` in turn, with one collection of the hidden tests and
    one sandbox."""
    _cosmic_ray()
    checks = checks if checks is not None else engine.collect(course, katas)
    solutions_dir = course.solutions_dir
    mutation_dir = mutation_dir_of(course)
    with Sandbox(limits=LIMITS, packages=course.packages_for(katas)) as box:
        box.preload(engine.probes_of({kata.name: checks[kata.name] for kata in katas}))
        for kata in katas:
            yield mutate_kata(kata, box=box, checks=checks, solutions_dir=solutions_dir,
                              mutation_dir=mutation_dir, jobs=jobs)


# ---------------------------------------------------------------- output


def _shown(path: Path) -> str:
    """A path as a user reads it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def render(report: KataReport) -> list[str]:
    """The summary line of one kata, then one indented line per survivor or stale entry."""
    if report.error is not None:
        return [f"mutation {report.kata}: not run: {report.error}"]
    lines = [f"mutation {report.kata}: killed {report.killed} of {report.mutants}, "
             f"equivalent {report.equivalent} (listed in {_shown(report.equivalents_file)}), "
             f"survived {len(report.survivors)}"]
    lines += [f"  {mutant.describe()}" for mutant in report.survivors]
    lines += [f"  listed as equivalent but no such mutant: {entry.operator}: {entry.line}  ->  "
              f"{entry.mutated or '(line removed)'}" for entry in report.unmatched]
    return lines


# ---------------------------------------------------------------- stamps


def stamp(report: KataReport, digest: str) -> dict[str, Any]:
    """What a stamp file holds: no time of day and no duration, so that a re-run of an
    unchanged kata writes the same bytes."""
    return {"kata": report.kata, "fingerprint": digest, "tool": tool_version(),
            "mutants": report.mutants, "killed": report.killed,
            "equivalent": report.equivalent, "survived": len(report.survivors),
            "survivors": [mutant.describe() for mutant in report.survivors],
            "unmatched": [f"{entry.operator}: {entry.line}  ->  {entry.mutated}"
                          for entry in report.unmatched]}


def write_stamp(report: KataReport, digest: str, path: Path) -> None:
    """Record a kata's figures beside its hidden tests (an error report records nothing)."""
    if report.error is not None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stamp(report, digest), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    except OSError as exc:
        print(f"kata: warning: cannot write {path}: {exc.strerror}", file=sys.stderr)


def read_stamp(path: Path) -> dict[str, Any] | None:
    """A stamp file's content, or None when missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def stale(katas: Iterable[Kata], *, solutions_dir: Path = SOLUTIONS_DIR,
          hidden_dir: Path = HIDDEN_DIR, mutation_dir: Path = MUTATION_DIR) -> list[Kata]:
    """The katas whose stamp is missing or records another fingerprint than their files'."""
    return [kata for kata in katas
            if (read_stamp(stamp_file(kata, mutation_dir)) or {}).get("fingerprint")
            != fingerprint(kata, solutions_dir=solutions_dir, hidden_dir=hidden_dir,
                           mutation_dir=mutation_dir)]


# ---------------------------------------------------------------- command line


def run(*, course: Course, names: list[str], jobs: int | None = None) -> int:
    """Mutate the named katas (default all), ``jobs`` mutants at a time (default: JOBS), print
    each kata's figures and survivors, stamp them; exit 0 when no mutant survived, else 1."""
    katas = course.select(names)
    _cosmic_ray()
    solutions, hidden = course.solutions_dir, course.hidden_dir
    stamps = mutation_dir_of(course)
    if not solutions.is_dir():
        raise UsageError(f"{solutions} not found: kata dev mutate runs in a course "
                         "checkout that has the solutions")
    # Fingerprints of the files as they are before the run reads them.
    digests = {kata.name: fingerprint(kata, solutions_dir=solutions, hidden_dir=hidden,
                                      mutation_dir=stamps) for kata in katas}
    passed = True
    for report in run_katas(katas, course, jobs=JOBS if jobs is None else jobs):
        for line in render(report):
            print(line, flush=True)
        write_stamp(report, digests[report.kata], stamp_file(course.get(report.kata), stamps))
        passed = passed and report.passed
    return 0 if passed else 1
