"""Reading a submission (a folder, a .zip or a notebook) into bytes, without trusting it.

Nothing here imports or runs learner code. What is read is limited in count and size; links,
odd paths and oversize files become a per-file problem (that kata scores 0 with the reason),
and an unusable submission as a whole becomes one :class:`UsageError`.
"""

from __future__ import annotations

import ast
import hashlib
import stat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Final

from grader import safe
from grader.course import Kata
from grader.errors import UsageError

MAX_FILE: Final = 1024 * 1024
MAX_FILES: Final = 200
MAX_TOTAL: Final = 16 * 1024 * 1024


@dataclass(frozen=True)
class Submission:
    name: str
    files: dict[str, bytes]  # relative posix path -> content, only regular files that passed
    problems: dict[str, str] = field(default_factory=dict)  # kata filename -> why it is unusable
    # For grading: a kata file that is empty or defines none of its kata's tasks is that
    # kata's one problem. Decided when first asked (in the grading process, where the file's
    # tree is then at hand for the integrity scan), and remembered in ``problems``.
    need_tasks: bool = False
    _asked: set[str] = field(default_factory=set, compare=False, repr=False)

    def problem(self, kata: Kata) -> str | None:
        if self.need_tasks and kata.filename in self.files and kata.filename not in self._asked:
            self._asked.add(kata.filename)
            if kata.filename not in self.problems:
                problem = taskless(kata, self.files[kata.filename])
                if problem is not None:
                    self.problems[kata.filename] = problem
        if kata.filename in self.problems:
            return self.problems[kata.filename]
        if kata.filename not in self.files:
            return f"{kata.filename} is missing from the submission"
        return None


def load(path: Path, katas: Sequence[Kata], *, need_tasks: bool = True) -> Submission:
    """Read the submission at ``path``: a folder of kata modules, a .zip of one, or a .ipynb.

    With ``need_tasks`` (for grading), a kata file that is empty or defines none of its
    kata's tasks becomes that kata's one problem: one line in the report, instead of every
    check failing on a missing name (see :meth:`Submission.problem`).
    """
    if not path.exists() and not path.is_symlink():
        raise UsageError(f"{path}: no such file or folder")
    if path.is_dir():
        found = _from_folder(path, katas)
    elif path.suffix == ".zip":
        found = _from_zip(path, katas)
    elif path.suffix == ".ipynb":
        from grader import ipynb  # nbformat loads only where a notebook is involved

        files, problems = ipynb.read(path, katas, max_file=MAX_FILE, max_files=MAX_FILES)
        found = Submission(name=path.stem, files=files, problems=problems)
    else:
        raise UsageError(f"{path}: expected a folder of kata modules, a .zip or a .ipynb")
    return replace(found, need_tasks=need_tasks)


def definitions(source: bytes) -> dict[str, int] | None:
    """The names the module binds at its top level (also inside ``if``/``try``/``with``
    blocks) and the line of each; None when that cannot be told from the text: the file does
    not parse, or it star-imports or defines ``__getattr__`` (names may come from elsewhere)."""
    try:
        tree = safe.tree(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    names: dict[str, int] = {}
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.setdefault(node.name, node.lineno)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name == "*":
                    return None
                names.setdefault(alias.asname or alias.name.split(".")[0], node.lineno)
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            pending[:0] = [child for child in ast.iter_child_nodes(node)
                           if isinstance(child, ast.stmt)]
            for handler in getattr(node, "handlers", ()):
                pending[:0] = list(handler.body)
        else:
            for child in ast.walk(node):
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                    names.setdefault(child.id, node.lineno)
    return None if "__getattr__" in names else names


def _inert(body: Sequence[ast.stmt]) -> bool:
    """Whether running these statements only binds names: no call, import, loop, decorator,
    base class or raise that could do something worth grading (or reporting) at import."""
    def calls(node: ast.AST) -> bool:
        return any(isinstance(child, (ast.Call, ast.Await)) for child in ast.walk(node))

    for node in body:
        if isinstance(node, ast.Pass) or (isinstance(node, ast.Expr)
                                          and isinstance(node.value, ast.Constant)):
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and not calls(node):
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.decorator_list \
                and not calls(node.args) and not (node.returns and calls(node.returns)):
            continue
        if isinstance(node, ast.ClassDef) and not (node.decorator_list or node.bases
                                                   or node.keywords) and _inert(node.body):
            continue
        return False
    return True


def taskless(kata: Kata, source: bytes) -> str | None:
    """Why the kata cannot be graded yet when its file is empty or only defines names, none
    of them its tasks; None otherwise. A file that does anything more at import (imports,
    calls, loops) is graded as usual, so that what it does is seen and reported."""
    key = (kata.filename, tuple(task.name for task in kata.tasks), hashlib.sha256(source).digest())
    return _DECIDED.get(key, lambda: _taskless(kata, source))


# A class hands in many copies of the same file (untouched stubs): each is parsed once for
# this, remembered by its hash, as the integrity scan remembers its findings.
_DECIDED: Final[safe.Memo[str | None]] = safe.Memo(4096)


def _taskless(kata: Kata, source: bytes) -> str | None:
    names = definitions(source)
    if names is None or any(task.name in names for task in kata.tasks):
        return None
    if not _inert(safe.tree(source).body):
        return None
    again = f"`kata reset {kata.name}` brings the stub back"
    if not source.decode("utf-8", "replace").lstrip("\ufeff").strip():
        return f"{kata.filename} is empty; {again}"
    listed = ", ".join(task.name for task in kata.tasks[:2]) + (", …" if len(kata.tasks) > 2 else "")
    return f"{kata.filename} has none of the kata's tasks ({listed}); check their names, or {again}"


def _refusal(relative: str, link: bool, size: int, count: int, total: int) -> str | None:
    """Why a file of a submission is not read, or None: links, oversize, too many files."""
    if link:
        return f"{relative} is a symbolic link; submit the file itself"
    if size > MAX_FILE:
        return f"{relative} is {size // 1024} KiB; the limit is {MAX_FILE // 1024} KiB"
    if count >= MAX_FILES or total + size > MAX_TOTAL:
        return f"{relative} not read: the submission has too many files"
    return None


def kata_root(folder: Path, katas: Sequence[Kata]) -> Path:
    """The folder holding the kata modules: the folder itself or its ``katas/``."""
    inner = folder / "katas"
    if inner.is_dir() and not inner.is_symlink():
        if not any((folder / kata.filename).exists() for kata in katas):
            return inner
    return folder


def _from_folder(folder: Path, katas: Sequence[Kata]) -> Submission:
    root = kata_root(folder, katas)
    files: dict[str, bytes] = {}
    problems: dict[str, str] = {}
    total = 0
    for entry in sorted(root.rglob("*")):
        relative = entry.relative_to(root).as_posix()
        if any(part.startswith(".") or part == "__pycache__" for part in entry.relative_to(root).parts):
            continue
        if entry.suffix != ".py" and not entry.is_dir():
            continue
        try:
            info = entry.lstat()
        except OSError as exc:
            problems[relative] = f"{relative} cannot be read: {exc.strerror}"
            continue
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISLNK(info.st_mode):
            continue
        problem = _refusal(relative, stat.S_ISLNK(info.st_mode), info.st_size, len(files), total)
        if problem:
            problems[relative] = problem
            continue
        try:
            files[relative] = entry.read_bytes()
        except OSError as exc:
            problems[relative] = f"{relative} cannot be read: {exc.strerror}"
            continue
        total += info.st_size
    return Submission(name=folder.resolve().name, files=files, problems=problems)  # "." too


def _from_zip(path: Path, katas: Sequence[Kata]) -> Submission:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UsageError(f"{path}: not a readable zip file ({exc})") from None
    names = {kata.filename for kata in katas}
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        # Kata modules may sit at the top, under one folder, or under katas/.
        prefixes = sorted({str(PurePosixPath(info.filename).parent) for info in members
                           if PurePosixPath(info.filename).name in names}, key=len)
        prefix = prefixes[0] if prefixes else "."
        files: dict[str, bytes] = {}
        problems: dict[str, str] = {}
        total = 0
        for info in members:
            pure = PurePosixPath(info.filename)
            if pure.is_absolute() or ".." in pure.parts:
                continue
            if prefix != "." and not str(pure).startswith(prefix + "/"):
                continue
            relative = str(pure.relative_to(prefix)) if prefix != "." else str(pure)
            if not relative.endswith(".py") or any(p.startswith(".") or p == "__pycache__"
                                                   for p in PurePosixPath(relative).parts):
                continue
            problem = _refusal(relative, stat.S_ISLNK(info.external_attr >> 16), info.file_size,
                               len(files), total)
            if problem:
                problems[relative] = problem
                continue
            try:
                with archive.open(info) as member:
                    data = member.read(MAX_FILE + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                problems[relative] = f"{relative} cannot be extracted: {exc}"
                continue
            if len(data) > MAX_FILE:
                problems[relative] = f"{relative} is larger than {MAX_FILE // 1024} KiB"
                continue
            files[relative] = data
            total += len(data)
    return Submission(name=path.stem, files=files, problems=problems)
