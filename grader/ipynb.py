"""Reading a Jupyter notebook submission: each code cell that names a kata becomes ``<kata>.py``.

Used by ``grader.submission`` for ``kata check --path FILE.ipynb`` (the export is in
``grader.notebook``). A cell names its kata by, in this order: its metadata
``{"pykata": {"kata": "copying"}}``, a ``pykata:<kata>`` tag, or (for notebooks made by other
tools) a first line ``# kata: <kata>``. A cell naming no kata right below a kata's cell (or
below such a cell) that defines a function or class is part of that kata: Jupyter does not
always copy the tag when a cell is split. Other cells naming no kata are scratch and ignored;
several cells of the same kata are joined in order with a blank line between them.

``from __future__ import annotations`` must open a Python file, so an exported notebook holds
it once, in its first code cell, and each kata cell keeps a comment in its place; reading puts
it back into each module. IPython magics and shell escapes are commented out in place, so the
module imports and line numbers stay those of the cell. Nothing here imports or runs learner
code.
"""

from __future__ import annotations

import ast
import json
import keyword
import os
import re
import stat
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from grader import safe
from grader.course import Kata
from grader.errors import UsageError

MAX_NOTEBOOK: Final = 16 * 1024 * 1024
TAG_PREFIX: Final = "pykata:"
MAGIC_MARK: Final = "# [pykata: magic removed] "
FUTURE_IMPORT: Final = "from __future__ import annotations"
FUTURE_MARK: Final = "# (from __future__ import annotations: in the notebook's first code cell)"
_COMPOUND: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For,
                    ast.AsyncFor, ast.While, ast.Try, ast.With, ast.AsyncWith, ast.Match)
# Cell magics whose body IPython runs as Python: only their first line is removed.
PYTHON_CELL_MAGICS: Final = frozenset({"time", "timeit", "capture", "prun", "debug"})

_KATA_COMMENT: Final = re.compile(r"#\s*kata:\s*([A-Za-z_]\w*)(?:\.py)?\s*$")
_MAGIC_LINE: Final = re.compile(
    r"\s*(?:[%!?]"  # %line magic, !shell, ?help
    r"|[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[%!]"  # x = !ls, t = %time f()
    r"|[A-Za-z_][\w.]*\?\??\s*$)"  # obj? and obj??
)

def read(path: Path, katas: Sequence[Kata], *, max_file: int, max_files: int
         ) -> tuple[dict[str, bytes], dict[str, str]]:
    """Read a notebook submission: (``<kata>.py`` -> its source, ``<kata>.py`` -> why it is
    unusable); each module at most ``max_file`` bytes, at most ``max_files`` of them."""
    cells = _notebook_cells(path, _read_text(path))
    parts: dict[str, list[str]] = {}
    problems: dict[str, str] = {}
    above: str | None = None  # the kata of the cell just above, when it is part of one
    future = False  # a cell so far imported annotations from __future__: later cells have it
    postponed: set[str] = set()  # the katas whose cells come after such a cell
    for number, cell in enumerate(cells, start=1):
        name = _cell_kata(cell) or (above if _defines_something(cell) else None)
        above = name
        if future and name is not None:
            postponed.add(name)
        future = future or _imports_future(cell)
        if name is None:
            continue
        filename = f"{name}.py"
        parts.setdefault(name, [])
        source = cell.get("source")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            source = "".join(source)
        if not isinstance(source, str):
            problems[filename] = (f"{filename}: cell {number} of {path.name} has no usable "
                                  "source (it must be text)")
            continue
        parts[name].append(strip_magics(source))
    if not parts:
        raise UsageError(f"{path}: no kata cells in this notebook; a kata's code cell carries "
                         "the tag pykata:<kata> (see `kata notebook`) or starts with "
                         "'# kata: <kata>'")
    files: dict[str, bytes] = {}
    for name, chunks in parts.items():
        filename = f"{name}.py"
        if filename in problems:
            continue
        try:
            module = "\n".join(chunk + "\n" for chunk in chunks)
            data = (with_future(module) if name in postponed else module).encode("utf-8")
        except UnicodeEncodeError:
            problems[filename] = f"{filename}: a cell in {path.name} holds an invalid character"
            continue
        if len(data) > max_file:
            problems[filename] = (f"{filename} is {len(data) // 1024} KiB; the limit is "
                                  f"{max_file // 1024} KiB")
        elif len(files) >= max_files:
            problems[filename] = f"{filename} not read: the notebook has too many kata cells"
        else:
            files[filename] = data
    for kata in katas:
        if kata.filename not in files and kata.filename not in problems:
            problems[kata.filename] = (f"{kata.filename}: no code cell in {path.name} is "
                                       f"tagged {TAG_PREFIX}{kata.name}")
    return files, problems


def _read_text(path: Path) -> str:
    """The notebook's text: a regular file, not a link, at most 16 MiB, UTF-8."""
    if path.is_symlink():
        raise UsageError(f"{path}: is a symbolic link; submit the notebook file itself")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read: {exc.strerror}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise UsageError(f"{path}: not a notebook file")
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > MAX_NOTEBOOK:
            raise UsageError(f"{path}: {info.st_size / 2**20:.1f} MiB is too large for a "
                             f"submission; the limit is {MAX_NOTEBOOK // 2**20} MiB")
        try:
            data = handle.read(MAX_NOTEBOOK + 1)
        except OSError as exc:
            raise UsageError(f"{path}: cannot be read: {exc.strerror}") from None
    if len(data) > MAX_NOTEBOOK:
        raise UsageError(f"{path}: too large for a submission; the limit is "
                         f"{MAX_NOTEBOOK // 2**20} MiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                         f"{exc.start}); a notebook is a UTF-8 JSON file") from None


def _notebook_cells(path: Path, text: str) -> list[Any]:
    """The cells of a v4 notebook (older formats upgraded); lenient about harmless details."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not a Jupyter notebook: invalid JSON at line {exc.lineno} "
                         f"column {exc.colno} ({exc.msg})") from None
    except RecursionError:
        raise UsageError(f"{path}: not a Jupyter notebook: JSON nested too deeply") from None
    except ValueError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "unreadable"
        raise UsageError(f"{path}: not a Jupyter notebook: invalid JSON ({reason})") from None
    if not isinstance(data, dict) or "nbformat" not in data:
        raise UsageError(f"{path}: not a Jupyter notebook (no 'nbformat' field)")
    version = data["nbformat"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise UsageError(f"{path}: not a Jupyter notebook ('nbformat' is not a version number)")
    if version > 4:
        raise UsageError(f"{path}: notebook format {version} is newer than this grader reads; "
                         "save it from Jupyter as format 4")
    if version < 4:
        data = _upgrade(path, text, version)
    cells = data.get("cells")
    if not isinstance(cells, list):
        raise UsageError(f"{path}: not a Jupyter notebook ('cells' is not a list)")
    return cells


def _upgrade(path: Path, text: str, version: int) -> Any:
    """An old-format notebook converted to v4 by nbformat, or one UsageError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import nbformat

            return json.loads(nbformat.writes(nbformat.reads(text, as_version=4)))
    except Exception as exc:  # nbformat's conversion of untrusted input may raise anything
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"{path}: a format {version} notebook that cannot be converted to "
                         f"format 4 ({reason})") from None


def _cell_kata(cell: Any) -> str | None:
    """The kata a code cell names: metadata, then a pykata: tag, then a '# kata:' first line."""
    if not isinstance(cell, dict) or cell.get("cell_type") != "code":
        return None
    metadata = cell.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    candidates: list[Any] = []
    own = metadata.get("pykata")
    candidates.append(own.get("kata") if isinstance(own, dict) else own)
    tags = metadata.get("tags")
    if isinstance(tags, list):
        candidates += [tag[len(TAG_PREFIX):] for tag in tags
                       if isinstance(tag, str) and tag.startswith(TAG_PREFIX)]
    source = cell.get("source")
    if isinstance(source, list):
        source = "".join(part for part in source if isinstance(part, str))
    if isinstance(source, str):
        first = source.lstrip("\r\n").split("\n", 1)[0]
        match = _KATA_COMMENT.fullmatch(first.strip())
        if match:
            candidates.append(match.group(1))
    return next((name for name in candidates if _is_module_name(name)), None)


def _code(cell: Any) -> str | None:
    """A code cell's source as one string; None for other cells and unusable sources."""
    if not isinstance(cell, dict) or cell.get("cell_type") != "code":
        return None
    source = cell.get("source")
    if isinstance(source, list):
        source = "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else None


def _body(source: str) -> list[ast.stmt] | None:
    try:
        return safe.parse(strip_magics(source)).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _defines_something(cell: Any) -> bool:
    """Whether an untagged code cell defines a function or class at its top level: the second
    half of a kata cell split in Jupyter (which does not always copy the tag), not scratch."""
    source = _code(cell)
    if source is None:
        return False
    body = _body(source)
    if body is None:
        return bool(re.search(r"^(?:async\s+def|def|class)\s", source, re.MULTILINE))
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
               for node in body)


def _imports_future(cell: Any) -> bool:
    """Whether a code cell imports annotations from __future__, which Jupyter then applies
    to every cell run after it."""
    source = _code(cell)
    body = _body(source) if source is not None and "__future__" in source else None
    return any(isinstance(node, ast.ImportFrom) and node.module == "__future__"
               and any(alias.name == "annotations" for alias in node.names)
               for node in body or ())


# ---------------------------------------------------------------- from __future__


def future_to_mark(source: str) -> str:
    """A module's ``from __future__ import annotations`` line turned into :data:`FUTURE_MARK`:
    the notebook's first code cell holds the import once, for every cell (a script made by
    nbconvert refuses the import anywhere but at its top)."""
    return re.sub(rf"^{re.escape(FUTURE_IMPORT)}[ \t]*$", FUTURE_MARK, source, count=1,
                  flags=re.MULTILINE)


def with_future(source: str) -> str:
    """A kata module from a notebook with ``from __future__ import annotations`` back, as in
    the file it was exported from, and with the same line numbers where possible. Used for
    the katas whose cells come after a cell with that import (as Jupyter runs them).

    :data:`FUTURE_MARK` becomes the import again; a module with neither gets it at the start
    of its first line (``from __future__ import annotations; ...``), or on a line of its own
    when that line opens a block. A module that does not parse is left as it is.
    """
    try:
        tree = safe.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source
    if _imports_future({"cell_type": "code", "source": source}):
        return source
    candidates = [re.sub(rf"^{re.escape(FUTURE_MARK)}[ \t]*$", FUTURE_IMPORT, source, count=1,
                         flags=re.MULTILINE)]
    first = tree.body[0] if tree.body else None
    simple = first is None or first.lineno > 1 or not isinstance(first, _COMPOUND)
    candidates.append(f"{FUTURE_IMPORT};{source}" if simple else f"{FUTURE_IMPORT}\n{source}")
    for candidate in candidates:
        if candidate == source:
            continue
        try:
            safe.parse(candidate)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        return candidate
    return source


def _is_module_name(name: Any) -> bool:
    return isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)


# ---------------------------------------------------------------- magics


def strip_magics(source: str) -> str:
    """``source`` with IPython magics and shell escapes commented out, line for line.

    ``%%name`` on a cell's first line is a cell magic: for those that run their body as Python
    (``%%time``, ``%%capture`` ...) only that line goes, for the others (``%%bash`` ...) the
    whole cell. ``%magic``, ``!cmd``, ``x = !cmd``, ``x = %magic`` and ``obj?`` lines go when
    they start a statement; a line inside a string or continuing an expression is kept.
    """
    lines = source.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        words = lines[first].strip()[2:].split()
        if not words or words[0] not in PYTHON_CELL_MAGICS:
            return "".join(_comment(line) if line.strip() else line for line in lines)
        lines[first] = _comment(lines[first])
    quote: str | None = None  # the delimiter of a string still open at the line's end
    depth = 0  # open brackets
    continued = False  # the previous line ended with a backslash
    for i, line in enumerate(lines):
        if quote is None and depth == 0 and not continued and _MAGIC_LINE.match(line):
            lines[i] = _comment(line)
        else:
            quote, depth, continued = _scan(line, quote, depth)
    return "".join(lines)


def _comment(line: str) -> str:
    body = line.rstrip("\r\n")
    indent = body[: len(body) - len(body.lstrip())]
    return f"{indent}{MAGIC_MARK}{body.lstrip()}{line[len(body):]}"


def _scan(line: str, quote: str | None, depth: int) -> tuple[str | None, int, bool]:
    """Lexical state after ``line``: the open string, the bracket depth, a continuation.

    Just enough of Python's lexer to tell a statement's first line from a string's or an
    expression's inner lines; it never fails, whatever the text.
    """
    body = line.rstrip("\r\n")
    j = 0
    while j < len(body):
        char = body[j]
        if quote is not None:
            if char == "\\":
                j += 2
            elif body.startswith(quote, j):
                j, quote = j + len(quote), None
            else:
                j += 1
            continue
        if char == "#":
            return None, depth, False
        if char in "'\"":
            quote = body[j:j + 3] if body[j:j + 3] in ('"""', "'''") else char
            j += len(quote)
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        j += 1
    if quote is not None:
        string_goes_on = len(quote) == 3 or j > len(body)  # triple quotes, or ends with \
        return (quote if string_goes_on else None), depth, False
    return None, depth, body.endswith("\\")
