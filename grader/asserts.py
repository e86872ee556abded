"""What a rewritten assert calls when it fails, without importing pytest.

pytest's assertion rewriter turns ``assert got == want`` into code that, on failure, asks a
helper module (``@pytest_ar`` in the test module's namespace) for the pieces of its message:
a short repr of each value, the explanation's layout, the author's message. pytest's own
helpers live in ``_pytest.assertion.rewrite``, and importing it imports most of pytest (about
50 ms, as much as ``import pytest`` itself): a learner's ``kata check`` paid that on its first
failed assert. These helpers give the same text (``tests/test_asserts.py`` holds them to
pytest's, message for message); any helper a newer rewriter asks for that is not here is
pytest's own, imported then.

Where pytest is running in this process (a pytest session sets a comparison hook, which only
its assertion plugin can), its richer comparison is used, as pytest's helpers would.
"""

from __future__ import annotations

import reprlib
import sys
import types
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any, Final

REPR_LIMIT: Final = 240  # characters of one value's repr in a message, as in pytest
_FILL: Final = "..."


def _shortened(text: str, limit: int = REPR_LIMIT) -> str:
    """``text`` cut to ``limit`` characters by an ellipsis in its middle."""
    if len(text) <= limit:
        return text
    head = max(0, (limit - 3) // 2)
    tail = max(0, limit - 3 - head)
    return text[:head] + _FILL + text[len(text) - tail:]


def _repr_or_name(value: object) -> str:
    try:
        return repr(value)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:
        return f'{type(value).__name__}("{value}")'


def _broken_repr(exc: BaseException, value: object) -> str:
    """What stands for a value whose ``repr`` raised ``exc``."""
    try:
        what = _repr_or_name(exc)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as inner:
        what = f"unpresentable exception ({_repr_or_name(inner)})"
    return f"<[{what} raised in repr()] {type(value).__name__} object at 0x{id(value):x}>"


class _Short(reprlib.Repr):
    """reprlib's abbreviations (six items of a list, four of a dict...), strings and other
    objects up to the limit, a raising ``repr`` shown instead of raised, dicts in order."""

    def __init__(self) -> None:
        super().__init__()
        self.maxstring = REPR_LIMIT

    def repr(self, x: object) -> str:
        try:
            text = super().repr(x)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            text = _broken_repr(exc, x)
        return _shortened(text)

    def repr_instance(self, x: object, level: int) -> str:
        try:
            text = repr(x)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            text = _broken_repr(exc, x)
        return _shortened(text)

    def repr_dict(self, x: dict[object, object], level: int) -> str:
        if not x:
            return "{}"
        if level <= 0:
            return "{" + _FILL + "}"
        pieces = [f"{self.repr1(key, level - 1)}: {self.repr1(x[key], level - 1)}"
                  for key in islice(x, self.maxdict)]
        if len(x) > self.maxdict:
            pieces.append(_FILL)
        return "{" + ", ".join(pieces) + "}"


_SHORT: Final = _Short()


def _pytest_util() -> Any:
    """pytest's assertion utilities if pytest has loaded them (then a session may have set
    its hooks), else None: nothing is imported."""
    return sys.modules.get("_pytest.assertion.util")


def _saferepr(obj: object) -> str:
    """A value as a message shows it: short, never raising, newlines escaped (a newline is
    markup to :func:`_format_explanation`); a bound method by its name."""
    if isinstance(obj, types.MethodType):
        return obj.__name__
    return _SHORT.repr(obj).replace("\n", "\\n")


def _format_assertmsg(obj: object) -> str:
    """The author's message, its newlines kept as line breaks of the explanation."""
    replaces = [("\n", "\n~"), ("%", "%%")]
    if not isinstance(obj, str):
        obj = _saferepr(obj)
        replaces.append(("\\n", "\n~"))
    for old, new in replaces:
        obj = obj.replace(old, new)
    return obj


def _should_repr_global_name(obj: object) -> bool:
    """Whether a global name in an assert is shown by its value (not a function, class or
    module: they go by their name)."""
    if callable(obj):
        fixtures = sys.modules.get("_pytest.fixtures")  # a fixture exists only if it is loaded
        definition = getattr(fixtures, "FixtureFunctionDefinition", None)
        return definition is not None and isinstance(obj, definition)
    try:
        return not hasattr(obj, "__name__")
    except Exception:
        return True


def _format_boolop(explanations: Iterable[str], is_or: bool) -> str:
    return ("(" + (" or " if is_or else " and ").join(explanations) + ")").replace("%", "%%")


def _call_reprcompare(ops: Sequence[str], results: Sequence[bool], expls: Sequence[str],
                      each_obj: Sequence[object]) -> str:
    """The explanation of the first comparison of a chain that failed."""
    index = 0
    for index, result in enumerate(results):
        try:
            failed = not result
        except Exception:
            failed = True
        if failed:
            break
    util = _pytest_util()
    compare = getattr(util, "_reprcompare", None)
    if compare is not None:
        custom = compare(ops[index], each_obj[index], each_obj[index + 1])
        if custom is not None:
            return str(custom)
    return expls[index]


def _check_if_assertion_pass_impl() -> bool:
    return bool(getattr(_pytest_util(), "_assertion_pass", None))


def _call_assertion_pass(lineno: int, orig: str, expl: str) -> None:
    hook = getattr(_pytest_util(), "_assertion_pass", None)
    if hook is not None:
        hook(lineno, orig, expl)


def _format_explanation(explanation: str) -> str:
    """Lay out an explanation's markup: a line starting ``{`` opens a nested "where ..." (an
    "and ..." after the first at its level), ``}`` closes it onto the line that opened it,
    ``~`` continues at the current indent and ``>`` one level out; any other newline is
    shown escaped."""
    raw = (explanation or "").split("\n")
    lines = [raw[0]]
    for line in raw[1:]:
        if line and line[0] in "{}~>":
            lines.append(line)
        else:
            lines[-1] += "\\n" + line
    result = lines[:1]
    opened = [0]  # for each open level: the index of the line it continues
    counts = [0]  # for each open level: how many nested explanations it has had
    for line in lines[1:]:
        if line[0] == "{":
            word = "and   " if counts[-1] else "where "
            opened.append(len(result))
            counts[-1] += 1
            counts.append(0)
            result.append(" +" + "  " * (len(opened) - 1) + word + line[1:])
        elif line[0] == "}":
            opened.pop()
            counts.pop()
            result[opened[-1]] += line[1:]
        else:
            opened[-1] += 1
            indent = len(opened) if line[0] == "~" else len(opened) - 1
            result.append("  " * indent + line[1:])
    return "\n".join(result)


def __getattr__(name: str) -> Any:
    """A helper of a newer rewriter that this module does not have: pytest's own."""
    if name.startswith("__"):
        raise AttributeError(name)
    from _pytest.assertion import rewrite

    return getattr(rewrite, name)
