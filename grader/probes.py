"""The hidden tests' probes as the zygote is given them: each probe's source, a key that names
it (a hash of that source), the modules it imports, and all of them compiled.

Reading a probe's source off its code and its imports off its bytecode costs about 20 ms for
a course's 240 probes, on the critical path of every ``kata check``. So what was read is kept
per hidden test file, by the file's content (and this Python's version), in the folder of the
rewritten hidden tests: the next check reads it back, and can hand the zygote the probes of
its files before it has even collected them (:func:`known`), while the zygote is starting.
An entry is used only for a function of the same name, line and compiled code.
"""

from __future__ import annotations

import dis
import hashlib
import importlib.util
import inspect
import linecache
import marshal
import sys
import textwrap
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import CodeType
from typing import Any, Final, NamedTuple

from grader import collection

IMPORT_NAME: Final = dis.opmap["IMPORT_NAME"]
LOAD_CONST: Final = dis.opmap["LOAD_CONST"]
_STAMP: Final = (sys.version + importlib.util.MAGIC_NUMBER.hex()).encode()


class Probe(NamedTuple):
    """What the zygote needs of one probe."""

    key: str  # names the probe in a request: a hash of its source
    name: str
    source: str
    imports: tuple[str, ...]  # the modules it imports, loaded by the zygote before any fork


_Where = tuple[str, int, bytes]  # a function's name, first line and a hash of its code


class _Table:
    """What was read of the probes of one hidden test file, as it is now."""

    def __init__(self, path: str) -> None:
        self.cached: Path | None = None
        self.entries: dict[_Where, Probe] = {}
        self.dirty = False
        try:
            data = Path(path).read_bytes()
        except OSError:
            return
        folder = collection.cache_dir()
        if folder is None:
            return
        self.cached = folder / f"probes-of-{hashlib.sha256(data + _STAMP).hexdigest()[:32]}.bin"
        try:
            entries = marshal.loads(self.cached.read_bytes())
            self.entries = {(name, line, code): Probe(key, probe_name, source, tuple(imports))
                            for (name, line, code), (key, probe_name, source, imports) in entries}
        except (OSError, ValueError, EOFError, TypeError):
            self.entries = {}

    def save(self) -> None:
        if self.dirty and self.cached is not None:
            collection.keep(self.cached, marshal.dumps(
                [(list(where), list(probe)) for where, probe in self.entries.items()]))
        self.dirty = False


_tables: dict[str, _Table] = {}  # hidden test file -> its table
_known: dict[Any, Probe] = {}  # probe function -> its facts, by identity
_lock = threading.Lock()


def _table(path: str) -> _Table:
    table = _tables.get(path)
    if table is None:
        table = _tables[path] = _Table(path)
    return table


def _where(code: CodeType, name: str) -> _Where:
    return name, code.co_firstlineno, hashlib.sha256(marshal.dumps(code)).digest()[:16]


def of(probe: Callable[..., Any]) -> Probe:
    """The facts of a probe function: read from the cache of its file, else from its code."""
    known = _known.get(probe)
    if known is not None:
        return known
    with _lock:
        code = probe.__code__
        table = _table(code.co_filename)
        where = _where(code, probe.__qualname__)
        known = table.entries.get(where)
        if known is None:
            source = _source(probe) or textwrap.dedent(inspect.getsource(code))
            known = Probe(hashlib.sha256(source.encode()).hexdigest()[:24], probe.__name__,
                          source, tuple(sorted(imports_in(probe))))
            table.entries[where] = known
            table.dirty = True
        _known[probe] = known
        return known


def save() -> None:
    """Keep what was read of the probes for the next run (a cache: failing is only slower)."""
    with _lock:
        for table in _tables.values():
            table.save()


def known(files: Iterable[Path]) -> list[Probe]:
    """The probes last read from these hidden test files, as they are now; none where a file
    has not been read before (then the probes go to the zygote once collected)."""
    found: list[Probe] = []
    with _lock:
        for path in files:
            table = _table(str(path))
            if not table.entries:
                return []
            found.extend(table.entries.values())
    return found


def _source(probe: Callable[..., Any]) -> str | None:
    """A function's definition, from its first line to the last line that any instruction of
    it (or of its nested code) spans: inspect.getsource without tokenizing the file. None
    where that does not give a definition of the function (Python 3.10 has no positions)."""
    code = probe.__code__
    last, stack = code.co_firstlineno, [code]
    while stack:
        inner = stack.pop()
        positions = getattr(inner, "co_positions", None)
        if positions is None:
            return None
        last = max([last, *(end for _, end, _, _ in positions() if end is not None)])
        stack.extend(const for const in inner.co_consts if isinstance(const, CodeType))
    lines = linecache.getlines(code.co_filename)[code.co_firstlineno - 1:last]
    source = textwrap.dedent("".join(lines))
    return source if source.startswith(f"def {probe.__name__}(") else None


def imports_in(probe: Callable[..., Any]) -> set[str]:
    """The modules a probe imports (absolute imports), read from its bytecode, so that the
    zygote loads them before the fork."""
    found: set[str] = set()
    stack = [probe.__code__]
    while stack:
        code = stack.pop()
        recent: list[tuple[int, int]] = []  # the instructions so far, caches left out
        extended = 0
        for op, arg in zip(code.co_code[::2], code.co_code[1::2]):
            arg |= extended
            extended = arg << 8 if op == dis.EXTENDED_ARG else 0
            if op == IMPORT_NAME and not (len(recent) >= 2 and recent[-2][0] == LOAD_CONST
                                          and code.co_consts[recent[-2][1]]):
                found.add(code.co_names[arg])
            if op and op != dis.EXTENDED_ARG:
                recent.append((op, arg))
        stack.extend(const for const in code.co_consts if isinstance(const, CodeType))
    return found


def compiled(probes: list[Probe]) -> bytes:
    """marshal({key: code}) of these probes, compiled as the zygote would compile each
    source, and cached by their keys and this interpreter's version."""
    stamp = _STAMP + "".join(probe.key for probe in probes).encode()
    folder = collection.cache_dir()
    cached = folder / f"probes-{hashlib.sha256(stamp).hexdigest()[:32]}.bin" \
        if folder is not None else None
    if cached is not None:
        try:
            return cached.read_bytes()
        except OSError:
            pass
    blob = marshal.dumps({probe.key: compile(probe.source, "<probe>", "exec", dont_inherit=True)
                          for probe in probes})
    if cached is not None:
        collection.keep(cached, blob)
    return blob
