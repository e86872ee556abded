"""The one boundary where text a submission controls is made safe to write anywhere.

Learner code picks its file and folder names, its exception messages and what it prints; all of
that reaches our reports. Every writer (the reporters, the gradebook, grades.csv, the console)
passes such text through one of these functions, and none escapes anything on its own:

- :func:`text` for machine-readable outputs (JSON, SQLite, Markdown bodies): valid UTF-8 and
  I-JSON (RFC 7493): no NUL, no lone surrogate, no Unicode non-character.
- :func:`console` for what a person reads on a terminal or in XML: also no control character
  (escape sequences, bells, carriage returns) and no bidirectional override (Trojan Source).
- :func:`line` the same on one line, for ids and names; :func:`cell` for a CSV cell, which never
  starts a spreadsheet formula; :func:`data` for a whole JSON-like object, and
  :func:`escaped_json_is_safe` to tell from encoded JSON that it has nothing to change.
- :func:`stable` for messages: object reprs lose their ``at 0x7f...`` address, so that the
  same submission gives the same feedback in every run.

Whatever is removed is shown as a Python escape (``\\x1b``, ``\\udcff``), so nothing is lost
silently and the result is the same every time.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import os
import re
import threading
import warnings
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Final, Generic, TypeVar

# NUL, lone surrogates and the non-characters (U+FDD0..U+FDEF and the last two of each plane).
_NOT_IJSON: Final = re.compile(
    "[\x00\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
              for plane in range(17))
    + "]")
# The same characters as JSON shows them with every non-ASCII character escaped (json's
# default): a character beyond the BMP, its non-characters included, as a surrogate pair.
_ESCAPED_NOT_IJSON: Final = re.compile(r"\\u(?:0000|d[89a-f]|fd[de]|fff[ef])")
# C0 controls but tab and newline, DEL and C1 controls, and the bidirectional controls.
_NOT_PRINTABLE: Final = re.compile(
    "[\x01-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Spreadsheets read a cell that starts with one of these as a formula (OWASP's list).
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
# "<Account object at 0x7f16c2a0>", "<function f at 0x7f...>", "<... at 0X1A2B>".
_ADDRESS: Final = re.compile(r" at 0[xX][0-9a-fA-F]{4,}")
NAME_BYTES: Final = 200  # longest file name we make from an id, in UTF-8 bytes


def _escape(match: re.Match[str]) -> str:
    return ascii(match.group())[1:-1]


def text(value: object) -> str:
    """``value`` as I-JSON text: NUL, lone surrogates and non-characters shown as escapes."""
    value = value if isinstance(value, str) else str(value)
    # ASCII can hold only NUL of all that: most text takes this path, 25x faster than the
    # pattern (a gradebook row of a submission makes thousands of calls).
    if type(value) is str and value.isascii() and "\x00" not in value:
        return value
    return _NOT_IJSON.sub(_escape, value)


def console(value: object) -> str:
    """:func:`text` that is also safe on a terminal and in XML 1.0: controls shown as escapes.

    Tabs and newlines stay (``\\r\\n`` becomes ``\\n``); everything else that moves the
    cursor, changes colours, rings a bell or reorders what follows is shown, not obeyed.
    """
    return _NOT_PRINTABLE.sub(_escape, text(value).replace("\r\n", "\n"))


def line(value: object) -> str:
    """:func:`console` on one line (tabs and newlines shown as escapes): ids and names."""
    return console(value).replace("\t", "\\t").replace("\n", "\\n")


def cell(value: object) -> str:
    """:func:`line` as a CSV cell a spreadsheet shows as text, never runs as a formula.

    A leading quote is OWASP's advice; it also catches a formula hidden behind spaces.
    """
    shown = line(value)
    if shown.lstrip(" ").startswith(_FORMULA_START):
        return "'" + shown
    return shown


def stable(value: object) -> str:
    """:func:`text` without object addresses: ``<A object at 0x7f..>`` becomes ``<A object>``."""
    return _ADDRESS.sub("", text(value))


def escaped_json_is_safe(encoded: str) -> bool:
    """Whether JSON text written with non-ASCII escaped (``ensure_ascii``) holds no string
    that :func:`data` would change. True is never wrong; False may be (a backslash written out
    before a ``u`` looks like an escape), which costs only the slower path."""
    return _ESCAPED_NOT_IJSON.search(encoded) is None


def data(value: Any) -> Any:
    """A JSON-like object with every string (keys too) passed through :func:`text`."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, Mapping):
        return {text(key): data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [data(item) for item in value]
    return value


def name(raw: str | bytes) -> str:
    """A file system name as a safe id: undecodable bytes become ``\\udcXX`` escapes."""
    decoded = os.fsdecode(raw) if isinstance(raw, bytes) else raw
    return line(decoded)


def filename(ident: str) -> str:
    """A safe id as a file name: no slash, no leading dot, short enough for any file system.

    A long id keeps its start and gains a digest of the whole, so distinct ids stay distinct.
    """
    shown = line(ident).replace("/", "\\x2f")
    if shown.startswith("."):
        shown = "\\x2e" + shown[1:]
    if len(shown.encode("utf-8")) <= NAME_BYTES:
        return shown
    digest = hashlib.sha256(shown.encode("utf-8")).hexdigest()[:16]
    head = shown.encode("utf-8")[: NAME_BYTES - 17].decode("utf-8", "ignore")
    return f"{head}-{digest}"


_PARSING = threading.Lock()  # catch_warnings swaps process-wide filters: one parse at a time


def parse(source: str | bytes) -> ast.Module:
    """``ast.parse`` of learner source with Python's compile-time warnings silenced: a
    warning quotes the source (``invalid escape sequence '\\x1b'``, the raw byte on 3.12)
    on our stderr, where it would reach a teacher's terminal, and a warnings filter could turn
    it into an error. Raises what ``ast.parse`` raises."""
    with _PARSING, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source)


SHARED_TREE_BYTES: Final = 256 * 1024  # larger sources get a tree of their own each time


# A few trees at a time (one per grading thread): a tree is thousands of objects that the
# garbage collector walks for as long as it is kept, and it serves only while its file is read.
@functools.lru_cache(maxsize=4)
def _shared(source: bytes) -> ast.Module:
    return parse(source)


def tree(source: bytes) -> ast.Module:
    """:func:`parse` of ``source``, shared by the readers of one file while it is being
    graded (its tasks' check and the integrity scan parse it once): read it, never change it."""
    return _shared(source) if len(source) <= SHARED_TREE_BYTES else parse(source)


V = TypeVar("V")


class Memo(Generic[V]):
    """Results remembered by key (say a hash of the file they come from, not its bytes, which
    may be a MiB each), the oldest forgotten past ``size``; for any number of threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[Hashable, V] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value remembered for ``key``, else ``compute()``, remembered."""
        with self._lock:
            if key in self._kept:
                return self._kept[key]
        value = compute()
        with self._lock:
            if len(self._kept) >= self.size:  # forget the oldest
                del self._kept[next(iter(self._kept))]
            self._kept[key] = value
        return value
