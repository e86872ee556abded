"""Courses: the katas a grader grades, read from a folder with a ``course.toml``.

A course is data, not code. Its ``course.toml`` names its tracks (each an ordered list of
katas), its folders (stubs, solutions, hidden tests, per-kata metadata, a wrong-answer corpus)
and its runtime (third-party packages per track, learner-process limits); each kata's title,
topic, tasks and hints are in ``<meta>/<kata>.toml``. The grader receives a :class:`Course`
as a value and never looks the katas up anywhere else.

``kata`` finds its course the way git finds its repository (:func:`discover`): ``--course
DIR``, else the nearest ``course.toml`` in the working folder or above it, else the course
packaged with the grader. A task's number is its 1-based position in ``Kata.tasks``; hidden
tests refer to it with ``@task(N)``. Points live on the hidden tests (``@points(N)``).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from grader.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PACKAGE_DIR: Final = Path(__file__).resolve().parent
COURSE_FILE: Final = "course.toml"
PACKAGED: Final = (PACKAGE_DIR / "_course", PACKAGE_DIR.parent)  # a wheel's, a checkout's
FOLDERS: Final = {"katas": "katas", "solutions": "solutions", "hidden": "hidden",
                  "meta": "meta", "wrong_answers": "wrong_answers"}
# Optional: a folder of the stubs exactly as shipped, which `kata reset` restores from (a
# student pack has one); without it, the stubs committed in git. A wheel's katas/ is one.
PRISTINE: Final = "pristine"
LIMIT_NAMES: Final = ("probe_timeout", "import_timeout", "memory_mb", "cpu_s", "file_mb",
                      "open_files", "processes", "submission_memory_mb",
                      "submission_processes", "submission_s", "disk_mb", "disk_files")


class CourseError(UsageError):
    """A course that cannot be read: one line naming the file and what is wrong."""


@dataclass(frozen=True)
class Task:
    name: str  # the function or class the learner writes
    summary: str  # one line: what the task asks
    hints: tuple[str, ...]  # from a nudge to a near-answer; never the answer itself


@dataclass(frozen=True)
class Kata:
    name: str  # module name: katas/<name>.py, solutions/<name>.py, hidden/test_<name>.py
    title: str
    topic: str
    topic_zh: str  # the study guide's heading (or any second-language topic name)
    tasks: tuple[Task, ...]
    # Integrity rules (grader.integrity) that this kata's own lessons use, so not flagged here.
    permits: tuple[str, ...] = ()
    track: str = ""  # the name of the course track the kata belongs to
    position: int = 0  # 1-based place in the course's order (tracks in order)
    # Checks (hidden test function names) that are public: a student pack ships them, so
    # that `kata check` in the pack grades them locally.
    visible: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.py"

    def task(self, number: int) -> Task:
        if not 1 <= number <= len(self.tasks):
            raise UsageError(f"{self.name} has tasks 1 to {len(self.tasks)}, not {number}")
        return self.tasks[number - 1]

    def task_name(self, number: int) -> str:
        """The name of task ``number``, or the number itself when the kata has no such task."""
        return self.tasks[number - 1].name if 1 <= number <= len(self.tasks) else str(number)


@dataclass(frozen=True)
class Track:
    name: str
    title: str
    katas: tuple[str, ...]
    packages: tuple[str, ...] = ()  # third-party packages its learner code may import


@dataclass(frozen=True)
class Course:
    """A course as the grader uses it; every path absolute."""

    root: Path
    title: str
    tracks: tuple[Track, ...]
    katas: tuple[Kata, ...]  # in course order
    katas_dir: Path
    solutions_dir: Path
    hidden_dir: Path
    meta_dir: Path
    wrong_answers_dir: Path
    pristine_dir: Path | None = None  # the stubs as shipped, where the course keeps a copy
    limits: Mapping[str, float] = field(default_factory=dict)  # overrides of sandbox.Limits
    # A student pack (``kata release``): the hidden folder holds only the visible checks, and
    # ``hidden_checks`` says per kata how many checks only the teacher runs, and the points
    # of all its checks.
    pack: bool = False
    hidden_checks: Mapping[str, tuple[int, float]] = field(default_factory=dict)

    @property
    def by_name(self) -> dict[str, Kata]:
        return {kata.name: kata for kata in self.katas}

    def get(self, name: str) -> Kata:
        """The kata called ``name``; a :class:`UsageError` that suggests a near miss otherwise."""
        name = name.removesuffix(".py")
        found = self.by_name.get(name)
        if found is None:
            close = difflib.get_close_matches(name, self.by_name, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; see `kata list`"
            raise UsageError(f"unknown kata {name!r}{hint}")
        return found

    def select(self, names: Iterable[str] | None) -> tuple[Kata, ...]:
        """The katas named (in course order), or all of them."""
        names = list(names or ())
        if not names:
            return self.katas
        wanted = {self.get(name).name for name in names}
        return tuple(kata for kata in self.katas if kata.name in wanted)

    @property
    def track_titles(self) -> dict[str, str]:
        """Each track's title by its name."""
        return {track.name: track.title for track in self.tracks}

    def packages_for(self, katas: Iterable[Kata]) -> tuple[str, ...]:
        """The packages learner processes need for ``katas``, in a stable order."""
        per_track = {track.name: track.packages for track in self.tracks}
        return tuple(sorted({name for kata in katas for name in per_track.get(kata.track, ())}))

    def hidden_file(self, kata: Kata) -> Path:
        return self.hidden_dir / f"test_{kata.name}.py"

    def narrowed(self, katas: Iterable[Kata]) -> Course:
        """This course with only ``katas`` (as a student pack of them ships it)."""
        keep = {kata.name for kata in katas}
        tracks = tuple(dataclasses.replace(t, katas=tuple(n for n in t.katas if n in keep))
                       for t in self.tracks)
        return _numbered(dataclasses.replace(
            self, tracks=tuple(t for t in tracks if t.katas),
            katas=tuple(kata for kata in self.katas if kata.name in keep)))


def _numbered(course: Course) -> Course:
    katas = tuple(dataclasses.replace(kata, position=number)
                  for number, kata in enumerate(course.katas, start=1))
    return dataclasses.replace(course, katas=katas)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except OSError as exc:
        raise CourseError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise CourseError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise CourseError(f"{path}: not UTF-8 (byte {exc.start}); TOML files are UTF-8") from None


class _Reader:
    """Typed access to one TOML table, each mistake one line naming the file and the key."""

    def __init__(self, path: Path, table: Mapping[str, Any], where: str = "") -> None:
        self.path, self.table, self.where = path, table, where

    def fail(self, key: str, what: str) -> CourseError:
        return CourseError(f"{self.path}: {self.where}{key}: {what}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.fail(key, "expected a non-empty string" if value is not None else "missing")
        return value

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.table.get(key, None if required else [])
        if value is None:
            raise self.fail(key, "missing")
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(key, "expected a list of non-empty strings")
        return tuple(value)

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, f"expected [[{key}]] tables")
        return value

    def unknown(self, known: Iterable[str]) -> None:
        extra = sorted(set(self.table) - set(known))
        if extra:
            raise self.fail(extra[0], f"unknown key (known: {', '.join(sorted(known))})")


def _module_name(name: str) -> bool:
    return name.isidentifier() and not name.startswith("_")


def _identifier(reader: _Reader, key: str) -> str:
    name = reader.text(key)
    if not _module_name(name):
        raise reader.fail(key, f"{name!r} is not a module name (letters, digits, _; no leading _)")
    return name


def load(root: Path) -> Course:
    """The course whose ``course.toml`` is in ``root``."""
    root = root.resolve()
    path = root / COURSE_FILE
    if not path.is_file():
        raise CourseError(f"{root}: no {COURSE_FILE} here (see `kata dev new`)")
    data = _read_toml(path)
    top = _Reader(path, data)
    top.unknown(("title", "folders", "track", "runtime", "pack"))
    folders = _Reader(path, data.get("folders", {}), "folders.")
    if not isinstance(folders.table, dict):
        raise top.fail("folders", "expected a [folders] table")
    folders.unknown((*FOLDERS, PRISTINE))
    paths = {key: root / folders.text(key, default) for key, default in FOLDERS.items()}
    pristine = root / folders.text(PRISTINE) if PRISTINE in folders.table else None
    if (pristine is None or not pristine.is_dir()) and root == PACKAGED[0].resolve():
        pristine = paths["katas"]  # nobody edits the copy installed with the grader
    meta_dir = paths["meta"]

    tracks: list[Track] = []
    katas: list[Kata] = []
    for number, table in enumerate(top.tables("track"), start=1):
        reader = _Reader(path, table, f"track {number}: ")
        reader.unknown(("name", "title", "katas", "packages"))
        track = Track(name=_identifier(reader, "name"), title=reader.text("title", ""),
                      katas=reader.texts("katas", required=True),
                      packages=reader.texts("packages"))
        if any(t.name == track.name for t in tracks):
            raise reader.fail("name", f"track {track.name!r} is defined twice")
        tracks.append(dataclasses.replace(track, title=track.title or track.name))
        for name in track.katas:
            if not _module_name(name):
                raise reader.fail("katas", f"{name!r} is not a module name")
            if any(kata.name == name for kata in katas):
                raise reader.fail("katas", f"{name!r} is listed twice (module names are unique "
                                           "across a course's tracks)")
            katas.append(_load_kata(meta_dir / f"{name}.toml", name, track.name))
    if not tracks:
        raise top.fail("track", "a course needs at least one [[track]] with its katas")

    runtime = _Reader(path, data.get("runtime", {}), "runtime.")
    runtime.unknown(LIMIT_NAMES)
    limits: dict[str, float] = {}
    for key, value in runtime.table.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise runtime.fail(key, "expected a positive number")
        limits[key] = value

    pack = data.get("pack")
    hidden_checks: dict[str, tuple[int, float]] = {}
    if pack is not None:
        for name, value in pack.items() if isinstance(pack, dict) else ():
            entry = _Reader(path, value if isinstance(value, dict) else {}, f"pack.{name}.")
            hidden, points = entry.table.get("hidden_checks"), entry.table.get("points")
            if (not isinstance(hidden, int) or isinstance(hidden, bool)
                    or not isinstance(points, (int, float)) or isinstance(points, bool)):
                raise entry.fail("hidden_checks", "expected hidden_checks = N and points = P")
            hidden_checks[name] = (hidden, float(points))

    return _numbered(Course(
        root=root, title=top.text("title", root.name) or root.name, tracks=tuple(tracks),
        katas=tuple(katas), katas_dir=paths["katas"], solutions_dir=paths["solutions"],
        hidden_dir=paths["hidden"], meta_dir=meta_dir, wrong_answers_dir=paths["wrong_answers"],
        pristine_dir=pristine,
        limits=limits, pack=pack is not None, hidden_checks=hidden_checks))


def _load_kata(path: Path, name: str, track: str) -> Kata:
    if not path.is_file():
        raise CourseError(f"{path}: missing: every kata listed in {COURSE_FILE} needs its "
                          "metadata file (title, topic, tasks and their hints)")
    data = _read_toml(path)
    reader = _Reader(path, data)
    reader.unknown(("title", "topic", "topic_zh", "permits", "visible", "task"))
    tasks = []
    for number, table in enumerate(reader.tables("task"), start=1):
        task = _Reader(path, table, f"task {number}: ")
        task.unknown(("name", "summary", "hints"))
        if not task.text("name").isidentifier():
            raise task.fail("name", "expected the name of the function or class to write")
        tasks.append(Task(name=task.text("name"), summary=task.text("summary"),
                          hints=task.texts("hints", required=True)))
    if not tasks:
        raise reader.fail("task", "a kata needs at least one [[task]]")
    return Kata(name=name, title=reader.text("title"), topic=reader.text("topic"),
                topic_zh=reader.text("topic_zh", ""), tasks=tuple(tasks),
                permits=reader.texts("permits"), track=track, visible=reader.texts("visible"))


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``course.toml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / COURSE_FILE).is_file():
            return folder
    return None


def packaged_root() -> Path | None:
    """The course installed with the grader: a wheel's copy, else the checkout it lives in."""
    return next((folder for folder in PACKAGED if (folder / COURSE_FILE).is_file()), None)


def discover(explicit: Path | None = None, start: Path | None = None) -> Course:
    """The course ``kata`` works on: ``--course DIR``, else the nearest ``course.toml`` from
    ``start`` (the working folder) upwards, else the course packaged with the grader."""
    if explicit is not None:
        if not explicit.is_dir():
            raise CourseError(f"{explicit}: no such folder (--course takes a course's folder)")
        return load(explicit)
    root = find_root(start or Path.cwd()) or packaged_root()
    if root is None:
        raise CourseError(f"no {COURSE_FILE} in this folder or above it, and no course is "
                          "installed with the grader; pass --course DIR")
    return load(root)


@functools.cache
def default() -> Course:
    """The packaged course, read once: for library callers that name no course."""
    root = packaged_root()
    if root is None:
        raise CourseError("no course is installed with the grader; pass --course DIR")
    return load(root)


def _string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _strings(items: Iterable[str]) -> str:
    return "[" + ", ".join(_string(item) for item in items) + "]"


def to_toml(course: Course, katas: Iterable[Kata], *, folders: Mapping[str, str],
            pack: Mapping[str, tuple[int, float]] | None = None, header: str = "") -> str:
    """A ``course.toml`` for ``katas`` of ``course`` (a student pack's, a grading zip's):
    its tracks narrowed to them, ``folders`` as given, the runtime kept, and, for a pack,
    the ``[pack]`` table (per kata: checks only the teacher runs, and all its points)."""
    narrowed = course.narrowed(katas)
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += [f"title = {_string(course.title)}", "", "[folders]"]
    lines += [f"{key} = {_string(value)}" for key, value in folders.items()]
    for track in narrowed.tracks:
        lines += ["", "[[track]]", f"name = {_string(track.name)}",
                  f"title = {_string(track.title)}"]
        if track.packages:
            lines.append(f"packages = {_strings(track.packages)}")
        lines.append(f"katas = {_strings(track.katas)}")
    if course.limits:
        lines += ["", "[runtime]", *(f"{key} = {value!r}" for key, value in course.limits.items())]
    for name, (hidden, points) in (pack or {}).items():
        shown = int(points) if float(points).is_integer() else points
        lines += ["", f"[pack.{name}]", f"hidden_checks = {hidden}", f"points = {shown}"]
    if pack is not None and not pack:
        lines += ["", "[pack]"]
    return "\n".join(lines) + "\n"
