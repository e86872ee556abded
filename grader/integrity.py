"""Integrity scan of learner source: flags what a teacher should look at, never a score.

The scan reads the source as Python would (encoding cookie, BOM) and walks its AST; it never
runs the code and never raises. Names are resolved through the file's imports and simple
assignments (``import os as o``, ``from os import _exit as q``, ``from os import *``,
``e = sys.exit``), so an alias flags like the original.

What is flagged is data: the tables below, one per kind of match. File access is flagged when
a path argument is absolute, contains ``..`` or is computed at run time; a plain relative
literal such as ``open("notes.txt")`` is not flagged, because the learner process runs inside
a private copy of the submission, where such a name cannot leave it.
"""

from __future__ import annotations

import ast
import codecs
import functools
import hashlib
import io
import re
import tokenize
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, Generic, TypeVar

from grader import safe
from grader.results import IntegrityFinding

MAX_SOURCE_BYTES: Final = 2 * 1024 * 1024
MAX_PER_RULE: Final = 20  # findings of one rule per file; then one line says how many more
MAX_NAME_DEPTH: Final = 32  # longest dotted name resolved; deeper chains are nobody's API
MAX_EXEC_DEPTH: Final = 3  # how deep string literals passed to exec()/eval() are scanned
PLAIN_ENCODINGS: Final = frozenset({"utf-8", "utf-8-sig", "ascii"})  # what a reader sees
COOKIE: Final = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")  # PEP 263

# Rule id -> what the flagged construct does; completes a sentence such as "Calling `x()` ...".
RULES: Final[dict[str, str]] = {
    "process-exit": "can end the learner process instead of returning an answer",
    "introspection": "reaches into interpreter frames or internals, where grader data can be read",
    "native-code": "gives access to native code, which bypasses every Python-level safeguard",
    "signals": "can interfere with the signals the grader uses for time limits",
    "threads": "starts concurrent work that can outlive or race a check",
    "subprocess": "starts another process outside the kata's code",
    "file-access": "may reach files outside the submission",
    "builtins-tamper": "changes the interpreter or the test machinery for code that runs later",
    "dynamic-code": "loads or runs code that is not written out in the file",
    "network": "uses the network, which no kata needs",
    "rule-evasion": "reaches a builtin without naming it where it is used, which gets round a "
                    "task that forbids calling it",
}
# Builtins a task may forbid ("without int()"); captured in a default argument, the real one
# escapes the instrumented one a probe installs while the learner's function runs.
FORBIDDABLE: Final = frozenset({"int", "float", "str", "map", "filter", "sorted", "sum", "len",
                                "reversed", "max", "min"})
SOURCE_RULES: Final = ("odd-encoding", "unparsable", "oversize")  # about the file as a whole

# Importing one of these modules, or using anything inside it, is flagged.
MODULES: Final[dict[str, str]] = {
    "ctypes": "native-code", "_ctypes": "native-code", "cffi": "native-code",
    "mmap": "native-code",
    "signal": "signals",
    "threading": "threads", "_thread": "threads", "concurrent": "threads",
    "multiprocessing": "threads",
    "subprocess": "subprocess", "pty": "subprocess", "asyncio.subprocess": "subprocess",
    "builtins": "builtins-tamper", "_pytest": "builtins-tamper",
    "socket": "network", "ssl": "network", "urllib": "network", "urllib3": "network",
    "http": "network", "requests": "network", "httpx": "network", "aiohttp": "network",
    "ftplib": "network", "smtplib": "network", "socketserver": "network", "xmlrpc": "network",
}

# Calling or referring to one of these names is flagged; a trailing "*" matches any suffix.
NAMES: Final[dict[str, str]] = {
    "exit": "process-exit", "quit": "process-exit", "sys.exit": "process-exit",
    "os._exit": "process-exit", "os.abort": "process-exit", "os.kill": "process-exit",
    "os.killpg": "process-exit",
    "sys._getframe": "introspection", "sys._current_frames": "introspection",
    "inspect.currentframe": "introspection", "inspect.stack": "introspection",
    "inspect.getouterframes": "introspection", "inspect.trace": "introspection",
    "traceback.walk_stack": "introspection", "gc.get_objects": "introspection",
    "gc.get_referrers": "introspection", "gc.get_referents": "introspection",
    "__builtins__": "introspection",
    "os.system": "subprocess", "os.popen": "subprocess", "os.fork": "subprocess",
    "os.forkpty": "subprocess", "os.exec*": "subprocess", "os.spawn*": "subprocess",
    "os.posix_spawn*": "subprocess", "asyncio.create_subprocess_*": "subprocess",
    "os.chdir": "file-access", "os.fchdir": "file-access", "os.chroot": "file-access",
    "pathlib.Path.home": "file-access",
    "importlib.reload": "builtins-tamper", "atexit.register": "builtins-tamper",
    "sys.settrace": "builtins-tamper", "sys.setprofile": "builtins-tamper",
    "sys.addaudithook": "builtins-tamper",
    "eval": "dynamic-code", "exec": "dynamic-code", "compile": "dynamic-code",
}

# Attributes flagged on any object ("introspection"): frames, code, globals, class graphs.
ATTRIBUTES: Final = frozenset({
    "f_back", "f_globals", "f_locals", "f_builtins", "gi_frame", "cr_frame", "ag_frame",
    "tb_frame", "__subclasses__", "__globals__", "__code__", "__builtins__",
})

# file-access when a path argument leaves the submission: name -> leading positional path
# arguments (keywords in PATH_KEYWORDS count too).
PATH_CALLS: Final[dict[str, int]] = {
    "open": 1, "io.open": 1, "os.open": 1, "codecs.open": 1,
    "os.remove": 1, "os.unlink": 1, "os.rmdir": 1, "os.removedirs": 1, "os.mkdir": 1,
    "os.makedirs": 1, "os.listdir": 1, "os.scandir": 1, "os.walk": 1, "os.truncate": 1,
    "os.chmod": 1, "glob.glob": 1, "glob.iglob": 1,
    "os.rename": 2, "os.renames": 2, "os.replace": 2, "os.link": 2, "os.symlink": 2,
    "shutil.*": 2,
}
PATH_KEYWORDS: Final = frozenset({"file", "path", "src", "dst", "top", "pathname", "name"})
PATH_CLASSES: Final = frozenset({
    "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath",
    "pathlib.PurePosixPath", "pathlib.PureWindowsPath",
})
PATH_METHODS: Final = frozenset({
    "read_text", "read_bytes", "write_text", "write_bytes", "open", "unlink", "rmdir",
    "rename", "replace", "iterdir",
})

DYNAMIC_IMPORTS: Final = frozenset({"__import__", "importlib.import_module"})
# Writing into these (assignment, del, setattr, a mutating method) is "builtins-tamper".
TAMPERED: Final = ("builtins", "__builtins__", "sys.modules", "sys.meta_path",
                   "sys.path_hooks", "sys.path", "pytest", "_pytest")
MUTATORS: Final = frozenset({
    "update", "setdefault", "pop", "popitem", "clear", "insert", "append", "extend",
    "remove", "__setitem__", "__delitem__",
})
RAISED: Final[dict[str, str]] = {"SystemExit": "process-exit"}

Found = tuple[int, str, str]  # line, rule, message
T = TypeVar("T")


def scan(kata: str, source: bytes) -> list[IntegrityFinding]:
    """Flag what a teacher should look at in ``source``, sorted by line, at most
    MAX_PER_RULE findings per rule and then one "and N more"; never raises."""
    return list(_SCANNED.get((kata, hashlib.sha256(source).digest()),
                             lambda: _capped(kata, _scan_all(kata, source))))


# A class hands in many copies of the same file (untouched stubs): each is scanned once,
# remembered by its hash (not its bytes, which may be a MiB each).
_SCANNED: Final[safe.Memo[tuple[IntegrityFinding, ...]]] = safe.Memo(4096)


def _capped(kata: str, found: list[IntegrityFinding]) -> tuple[IntegrityFinding, ...]:
    """At most MAX_PER_RULE findings of each rule, then one that says how many more."""
    kept: list[IntegrityFinding] = []
    counts: dict[str, int] = {}
    for finding in found:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
        if counts[finding.rule] <= MAX_PER_RULE:
            kept.append(finding)
    for rule, count in counts.items():
        if count > MAX_PER_RULE:
            last = max(k.line for k in kept if k.rule == rule)
            kept.append(IntegrityFinding(kata, last, rule,
                                         f"... and {count - MAX_PER_RULE:,} more like these."))
    return tuple(kept)


def _scan_all(kata: str, source: bytes) -> list[IntegrityFinding]:
    try:
        found = list(_scan_source(source))
    except Exception as exc:  # a bug here must not cost a grade: say so instead
        found = [(1, "unparsable", f"The scan failed on this file ({type(exc).__name__}); "
                                   "look at it by hand.")]
    first: dict[tuple[str, int], str] = {}
    for line, rule, message in found:
        first.setdefault((rule, line), message)
    ordered = sorted(first.items(), key=lambda item: (item[0][1], item[0][0]))
    return [IntegrityFinding(kata, line, rule, message) for (rule, line), message in ordered]


def _scan_source(source: bytes) -> Iterator[Found]:
    """Decode as Python would, parse, flag an odd encoding, then scan the AST."""
    if len(source) > MAX_SOURCE_BYTES:
        yield (1, "oversize", f"The file is {len(source):,} bytes, over the "
                              f"{MAX_SOURCE_BYTES:,}-byte limit, so it was not scanned.")
        return
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError as exc:
        yield (1, "unparsable", f"Python cannot tell how this file is encoded ({exc.msg}).")
        return
    try:
        text = source.decode(encoding)
    except UnicodeDecodeError as exc:
        plain = codecs.lookup(encoding).name in PLAIN_ENCODINGS  # else bytes are not lines
        line = source[:exc.start].count(b"\n") + 1 if plain else 1
        yield (line, "unparsable", f"The file is not valid {encoding} ({exc.reason}), "
                                   "so Python would not run it.")
        return
    except LookupError as exc:  # a bytes-to-bytes codec such as "hex"
        yield (1, "unparsable", f"Python cannot decode this file as {encoding} ({exc}).")
        return
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        yield (line, "unparsable", "The file contains a NUL character, so Python would not "
                                   "run it.")
        return
    try:
        tree = safe.tree(source)  # decoded as text is: shared with the tasks' check
    except SyntaxError as exc:
        reason = exc.msg if exc.msg.endswith((".", "?", "!")) else f"{exc.msg}."
        yield (exc.lineno or 1, "unparsable", f"Python cannot parse this file: {reason}")
        return
    except (ValueError, RecursionError, MemoryError) as exc:
        yield (1, "unparsable", f"Python cannot parse this file ({type(exc).__name__}): "
                                "it is nested too deeply or too large.")
        return
    if codecs.lookup(encoding).name not in PLAIN_ENCODINGS:
        line, declared = _cookie(source, encoding)
        yield (line, "odd-encoding",
               f"The source declares encoding {declared}; Python decodes it before running, "
               "which can hide code from a reader.")
    yield from _Scanner(tree).scan()


def _cookie(source: bytes, encoding: str) -> tuple[int, str]:
    """The line (1 or 2, per PEP 263) of the encoding declaration, and the name it gives."""
    for number, line in enumerate(source.split(b"\n", 2)[:2], start=1):
        match = COOKIE.match(line)
        if match:
            return number, match.group(1).decode("ascii")
    return 1, encoding


class _Patterns(Generic[T]):
    """A name table whose keys may end in "*", which matches any suffix."""

    def __init__(self, table: dict[str, T]) -> None:
        self.exact = {key: value for key, value in table.items() if not key.endswith("*")}
        self.prefixes = [(key[:-1], value) for key, value in table.items() if key.endswith("*")]
        self._seen: dict[str, T | None] = {}  # names looked up before (a file repeats them)

    def get(self, name: str) -> T | None:
        if name in self.exact:
            return self.exact[name]
        if name in self._seen:
            return self._seen[name]
        found = next((value for prefix, value in self.prefixes if name.startswith(prefix)), None)
        if len(self._seen) < MEMO:
            self._seen[name] = found
        return found


_NAMES: Final = _Patterns(NAMES)
_PATH_CALLS: Final = _Patterns(PATH_CALLS)


MEMO: Final = 8192  # names whose rule is remembered (any name a file uses is one of them)


@functools.lru_cache(maxsize=MEMO)
def _module_rule(name: str, *, inside: bool = False) -> str | None:
    """The MODULES rule for ``name`` (or, with ``inside``, only for names within a module)."""
    parts = name.split(".")
    for end in range(1, len(parts) + (not inside)):
        rule = MODULES.get(".".join(parts[:end]))
        if rule is not None:
            return rule
    return None


def _within(name: str, roots: Iterable[str]) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


def _plain(name: str) -> str:
    """``builtins.eval`` and ``__builtins__.eval`` are just ``eval``."""
    for prefix in ("builtins.", "__builtins__."):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _literal_str(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        value = node.value
        return value.decode("latin-1") if isinstance(value, bytes) else value
    return None


def _path_problem(node: ast.expr) -> str | None:
    """Why a path argument may leave the submission, or None if it stays inside."""
    if isinstance(node, ast.Constant) and not isinstance(node.value, (str, bytes)):
        return None  # a file descriptor, None, a flag: not a path
    path = _literal_str(node)
    if path is None:
        return "with a path computed at run time"
    if path.startswith(("/", "\\", "~")) or re.match(r"[A-Za-z]:", path):
        return "with an absolute path"
    if ".." in re.split(r"[\\/]", path):
        return "with a path containing '..'"
    return None


def _walk(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree``, parents first; iterative, so deep trees cannot overflow the
    stack, and without the Load/Store markers (the ``ctx`` of names, attributes and the
    like), which are most of a tree and say nothing."""
    nodes: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        nodes.append(node)
        kind = type(node)
        fields = _FIELDS.get(kind)
        if fields is None:
            fields = _FIELDS[kind] = tuple(name for name in kind._fields if name != "ctx")
        for field in fields:
            value = getattr(node, field, None)
            if type(value) is list:  # of nodes, but of names in `global a, b`
                if value:
                    stack.extend([item for item in reversed(value) if isinstance(item, ast.AST)])
            elif isinstance(value, ast.AST):
                stack.append(value)
    return nodes


_FIELDS: dict[type, tuple[str, ...]] = {}  # a node class's fields, but its ctx
_DEFINITIONS: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class _Scanner:
    """One pass over one module's AST with its own import aliases."""

    def __init__(self, tree: ast.Module, *, line: int | None = None,
                 aliases: dict[str, str] | None = None, depth: int = 0) -> None:
        self.nodes = _walk(tree)
        self.line = line  # every finding's line, when scanning a string passed to exec()
        self.depth = depth
        self.aliases: dict[str, str] = dict(aliases or {})
        self.star_modules: list[str] = []
        self.bound: set[str] = set()  # names the learner defines, which shadow builtins
        self.called = {id(node.func) for node in self.nodes if type(node) is ast.Call}
        self._collect_names()

    def _collect_names(self) -> None:
        """Map imported and simply assigned names to qualified names, for the whole file."""
        assigns: list[ast.Assign] = []
        for node in self.nodes:  # the commonest kinds first
            if isinstance(node, ast.Name):
                if type(node.ctx) is not ast.Load:
                    self.bound.add(node.id)
            elif isinstance(node, ast.arg):
                self.bound.add(node.arg)
            elif isinstance(node, ast.Assign):
                assigns.append(node)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        root = alias.name.split(".")[0]
                        self.aliases[root] = root
            elif isinstance(node, ast.ImportFrom):
                if node.module and not node.level:
                    for alias in node.names:
                        if alias.name == "*":
                            self.star_modules.append(node.module)
                        else:
                            self.aliases[alias.asname or alias.name] = \
                                f"{node.module}.{alias.name}"
            elif isinstance(node, _DEFINITIONS):
                self.bound.add(node.name)
        modules = set(self.aliases.values())
        for node in sorted(assigns, key=lambda n: (n.lineno, n.col_offset)):
            if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = self._qualname(node.value)
                if name and name != node.targets[0].id and (name in modules or self._known(name)):
                    self.aliases[node.targets[0].id] = name

    def _known(self, name: str) -> bool:
        plain = _plain(name)
        return (_NAMES.get(plain) is not None or _PATH_CALLS.get(plain) is not None
                or _module_rule(name) is not None or plain in DYNAMIC_IMPORTS
                or plain in PATH_CLASSES or _within(name, TAMPERED))

    def _resolve(self, name: str) -> str | None:
        if name in self.aliases:
            return self.aliases[name]
        if name in self.bound:
            return None  # the learner's own function or variable
        for module in self.star_modules:
            if self._known(f"{module}.{name}"):
                return f"{module}.{name}"
        return name

    def _qualname(self, node: ast.expr, depth: int = 0) -> str | None:
        """The dotted name an expression refers to, through aliases, or None."""
        attrs: list[str] = []
        while isinstance(node, ast.Attribute) and len(attrs) < MAX_NAME_DEPTH:
            attrs.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name):
            root = self._resolve(node.id)
        elif isinstance(node, ast.Call) and depth < MAX_NAME_DEPTH:
            root = self._call_result(node, depth + 1)
        else:
            return None
        return None if root is None else ".".join([root, *reversed(attrs)])

    def _call_result(self, call: ast.Call, depth: int) -> str | None:
        """What ``__import__("os")``, ``import_module("os")``, ``getattr(os, "x")`` yield."""
        func = self._qualname(call.func, depth)
        func = func and _plain(func)
        args = call.args
        if func in DYNAMIC_IMPORTS and args:
            return _literal_str(args[0])
        if func == "getattr" and len(args) >= 2:
            owner, attr = self._qualname(args[0], depth), _literal_str(args[1])
            return f"{owner}.{attr}" if owner and attr else None
        return None

    def scan(self) -> Iterator[Found]:
        checks: dict[type[ast.AST], Callable[[Any], Iterator[Found]]] = {
            ast.Import: self._import_stmt, ast.ImportFrom: self._import_stmt,
            ast.Call: self._call, ast.Attribute: self._reference, ast.Name: self._reference,
            ast.Assign: self._assign, ast.AugAssign: self._assign,
            ast.AnnAssign: self._assign, ast.Delete: self._assign, ast.Raise: self._raise,
            ast.FunctionDef: self._defaults, ast.AsyncFunctionDef: self._defaults,
            ast.Lambda: self._defaults,
        }
        aliases, bound = self.aliases, self.bound
        for node in self.nodes:
            if isinstance(node, ast.Name) and node.id in bound and node.id not in aliases:
                continue  # the learner's own name, in any role: nothing to judge
            check = checks.get(type(node))
            if check is not None:
                yield from check(node)

    def _import_stmt(self, node: ast.Import | ast.ImportFrom) -> Iterator[Found]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from self._import(node, alias.name)
        elif node.module and not node.level:
            yield from self._import(node, node.module)
            for alias in node.names:
                if alias.name != "*" and _module_rule(f"{node.module}.{alias.name}"):
                    yield from self._import(node, f"{node.module}.{alias.name}")

    def _assign(self, node: ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete,
                ) -> Iterator[Found]:
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            yield from self._write(target)

    def _raise(self, node: ast.Raise) -> Iterator[Found]:
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        name = exc and self._qualname(exc)
        if name and _plain(name) in RAISED:
            yield self._found(node, RAISED[_plain(name)], f"Raising `{_plain(name)}`")

    def _defaults(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
                  ) -> Iterator[Found]:
        for default in [*node.args.defaults, *filter(None, node.args.kw_defaults)]:
            if isinstance(default, ast.Name) and default.id in FORBIDDABLE:
                yield self._found(default, "rule-evasion",
                                  f"Capturing `{default.id}` in a default argument")

    def _found(self, node: ast.AST, rule: str, subject: str) -> Found:
        """A finding whose message reads "<subject> <what the rule means>."."""
        return (self.line or int(getattr(node, "lineno", 1)), rule, f"{subject} {RULES[rule]}.")

    def _import(self, node: ast.AST, module: str) -> Iterator[Found]:
        rule = _module_rule(module)
        if rule:
            yield self._found(node, rule, f"Importing `{module}`")

    def _reference(self, node: ast.Attribute | ast.Name) -> Iterator[Found]:
        if not isinstance(node.ctx, ast.Load):
            return  # writes are judged in _write
        if isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
            yield self._found(node, "introspection", f"Reading `.{node.attr}`")
        if id(node) in self.called:
            return  # judged with its arguments in _call
        name = self._qualname(node)
        if name is None:
            return
        rule = _NAMES.get(_plain(name)) or _module_rule(_plain(name), inside=True)
        if rule:
            yield self._found(node, rule, f"Using `{_plain(name)}`")

    def _call(self, call: ast.Call) -> Iterator[Found]:
        name = self._qualname(call.func)
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in MUTATORS and self._tampered(func.value):
            yield self._found(call, "builtins-tamper", f"Calling `.{func.attr}()` on "
                                                        f"`{self._qualname(func.value)}`")
        if isinstance(func, ast.Attribute) and func.attr in PATH_METHODS \
                and isinstance(func.value, ast.Call) \
                and self._qualname(func.value.func) in PATH_CLASSES:
            problem = next(filter(None, map(_path_problem, func.value.args)), None)
            if problem:
                yield self._found(call, "file-access", f"Calling `Path.{func.attr}()` {problem}")
        if name is None:
            return
        plain = _plain(name)
        rule = _NAMES.get(plain) or _module_rule(plain, inside=True)
        if rule:
            yield self._found(call, rule, f"Calling `{plain}()`")
        if plain == "type" and len(call.args) == 1 and isinstance(call.args[0], ast.Constant):
            yield self._found(call, "rule-evasion", f"Calling `type({call.args[0].value!r})`")
        if plain in ("eval", "exec", "compile") and call.args:
            yield from self._nested(call, _literal_str(call.args[0]))
        if plain in DYNAMIC_IMPORTS and call.args:
            module = _literal_str(call.args[0])
            if module is None:
                yield self._found(call, "dynamic-code", f"Calling `{plain}()` with a module "
                                                        "name computed at run time")
            else:
                yield from self._import(call, module)
        if plain == "getattr" and len(call.args) >= 2 and _literal_str(call.args[1]) is None:
            owner = self._qualname(call.args[0])
            if owner and owner.split(".")[0] in self.aliases.values():
                yield self._found(call, "dynamic-code", f"Calling `getattr()` on `{owner}` "
                                                        "with a name computed at run time")
        if plain in ("setattr", "delattr") and call.args and self._tampered(call.args[0]):
            yield self._found(call, "builtins-tamper", f"Calling `{plain}()` on "
                                                        f"`{self._qualname(call.args[0])}`")
        yield from self._file_access(call, plain)

    def _file_access(self, call: ast.Call, name: str) -> Iterator[Found]:
        if name in PATH_CLASSES:  # constructing a path is flagged only for a telling literal
            paths = [arg for arg in call.args if _literal_str(arg) is not None]
        else:
            count = _PATH_CALLS.get(name)
            if count is None:
                return
            paths = call.args[:count] + [kw.value for kw in call.keywords
                                         if kw.arg in PATH_KEYWORDS]
        problem = next(filter(None, map(_path_problem, paths)), None)
        if problem:
            yield self._found(call, "file-access", f"Calling `{name}()` {problem}")

    def _nested(self, call: ast.Call, code: str | None) -> Iterator[Found]:
        """Scan a string literal handed to exec()/eval()/compile() as the code it is."""
        if code is None or self.depth >= MAX_EXEC_DEPTH:
            return
        try:
            tree = safe.parse(code)
        except Exception:
            return
        line = self.line or call.lineno
        yield from _Scanner(tree, line=line, aliases=self.aliases, depth=self.depth + 1).scan()

    def _tampered(self, node: ast.expr) -> bool:
        """Whether ``node`` is, or lies inside, builtins, sys.modules, pytest and the like."""
        for _ in range(MAX_NAME_DEPTH):
            if isinstance(node, (ast.Attribute, ast.Name)):
                name = self._qualname(node)
                if name and _within(name, TAMPERED):
                    return True
            if not isinstance(node, (ast.Attribute, ast.Subscript)):
                return False
            node = node.value
        return False

    def _write(self, target: ast.expr) -> Iterator[Found]:
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                yield from self._write(element)
        elif isinstance(target, ast.Starred):
            yield from self._write(target.value)
        elif (isinstance(target, ast.Name) and target.id == "__builtins__") or (
                isinstance(target, (ast.Attribute, ast.Subscript)) and self._tampered(target)):
            shown = ast.unparse(target)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            yield self._found(target, "builtins-tamper", f"Writing to `{shown}`")
