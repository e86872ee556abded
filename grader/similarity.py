"""How alike submissions are: their attempted kata files' digests, as written and normalised.

``kata batch`` groups the submissions whose attempted kata files are the same (identical) or
the same once comments, layout, docstrings and variable names are set aside (near-identical).
A class's worker processes make each file's normalised form while grading, right after the
integrity scan read its syntax tree (``safe.tree``), so that no file is parsed twice; the batch
makes them itself for a submission graded in its own process.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

from grader import safe
from grader.course import Course
from grader.submission import Submission


def digest(parts: Iterable[bytes]) -> str:
    """sha256 of ``parts``, each preceded by its length (so no two sequences run together)."""
    found = hashlib.sha256()
    for part in parts:
        found.update(len(part).to_bytes(8, "big"))
        found.update(part)
    return found.hexdigest()


def utf8(text: str) -> bytes:
    """``text`` as UTF-8, lone surrogates (from undecodable file names) kept as they are."""
    return text.encode("utf-8", "surrogatepass")


_BUILTINS: Final = frozenset(dir(builtins))


def _docstring(node: ast.AST) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str))


def normalised(source: bytes) -> bytes:
    """Source without comments, layout, docstrings and its own variable names: its syntax
    tree written out in one pass, every variable and parameter named by its order of first
    appearance (builtins keep theirs), a docstring written as ``pass``."""
    try:
        tree = safe.tree(source)  # read only: shared with the task check and the scan
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return b" ".join(source.split())
    names: dict[str, str] = {}
    parts: list[str] = []
    emit = parts.append

    def rename(name: str) -> str:
        if name in _BUILTINS:
            return name
        return names.setdefault(name, f"v{len(names)}")

    def write(node: ast.AST) -> None:
        kind = type(node)
        emit(kind.__name__)
        emit("(")
        for field in node._fields:
            value = getattr(node, field, None)
            if (kind is ast.Name and field == "id") or (kind is ast.arg and field == "arg"):
                emit(rename(str(value)))
            elif isinstance(value, ast.AST):
                write(value)
            elif isinstance(value, list):
                emit("[")
                for index, item in enumerate(value):
                    if index == 0 and field == "body" and _docstring(item):
                        emit("Pass()")
                    elif isinstance(item, ast.AST):
                        write(item)
                    else:
                        emit(repr(item))
                    emit(",")
                emit("]")
            else:
                emit(repr(value))
            emit(",")
        emit(")")

    try:
        write(tree)
    except RecursionError:
        return b" ".join(source.split())
    return utf8("".join(parts))


@functools.cache
def _stub(folder: Path, filename: str) -> tuple[bytes, bytes] | None:
    """The course's stub ``filename`` and its normalised source, if it can be found."""
    with contextlib.suppress(OSError):
        data = (folder / filename).read_bytes()
        return data, normalised(data)
    return None


def attempted(found: Submission | None, course: Course,
              known: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """The kata files of ``found`` that are not the shipped stub (comments and layout aside),
    by name, each with its normalised form (from ``known`` where it has one)."""
    if found is None:
        return {}
    folder = course.pristine_dir or course.katas_dir
    names = {kata.filename for kata in course.katas}
    forms: dict[str, bytes] = {}
    for name in sorted(found.files):
        stub = _stub(folder, name) if name in names else None
        if name not in names or (stub is not None and found.files[name] == stub[0]):
            continue  # not a kata file, or the stub itself: nothing to parse
        form = known[name] if known and name in known else normalised(found.files[name])
        if stub is None or form != stub[1]:
            forms[name] = form
    return forms


def similarity(found: Submission | None, course: Course, known: Mapping[str, bytes] | None = None
               ) -> tuple[str | None, str | None]:
    """(digest of the attempted kata files, digest of them normalised); None when none is.
    ``known`` holds forms already made (file name -> :func:`normalised`).

    A kata file still the stub is left out, so that untouched katas do not make everyone
    look alike.
    """
    files = attempted(found, course, known)
    if found is None or not files:
        return None, None
    raw = digest(utf8(name) + b"\0" + found.files[name] for name in files)
    normal = digest(utf8(name) + b"\0" + form for name, form in files.items())
    return raw, normal
