"""The zygote and the probe runtime: the only code of ours that shares a process with learner code.

Started as ``python -I -S -u -c BOOT <this source> CONFIG FD`` (see ``sandbox.BOOT``): the
bootstrap executes this source in a private namespace, so nothing of it sits in ``__main__``,
in ``sys.modules`` or under any importable name. It must import nothing outside the standard
library: every learner process is forked from it and inherits its memory. It holds no test, no
solution and no expected value: only what turns a fork into a learner process and serves probes.

What keeps a probe's observation honest, although learner code runs in the same interpreter
(see the README's threat model for what remains possible):

- The runtime defines no class and keeps its state in a namespace no learner name reaches; it
  binds every standard-library function it calls before any learner code runs, and talks over
  raw file descriptors with ``os.read``/``os.write`` and ``marshal`` (C code that writes exact
  builtin types only), so that patching ``json``, ``socket``, ``struct`` or ``builtins``
  changes nothing here.
- Probes run with a private copy of the builtins whose ``__import__`` returns snapshots of the
  modules taken in the zygote: ``inspect.isgenerator = ...`` in a learner module does not reach
  the ``inspect`` a probe imported.
- An audit hook (PEP 578; it cannot be removed), armed just before the learner's first import,
  catches what hands learner code our frames or objects, or rewrites code: frame access
  (``sys._getframe``, ``tb_frame``, ``gi_frame``...), ``gc`` walks, tracing and profiling,
  new audit hooks, ctypes, code and function objects made by hand, ``__code__`` or
  ``__defaults__`` set on a function that is not the learner's, and reading the grader's files.
  It writes the evidence to the grader at once, before the operation proceeds, then blocks it.
- What an audit hook cannot see (writes to module and class attributes) is verified: on
  request, every module, class and module-level dict loaded in the zygote is compared, by
  identity, with the snapshot taken before the fork.
- Every frame the learner process sends carries a nonce that only the grader and this runtime
  know, so bytes the learner writes to the channel cannot pass for an answer.

Control channel (the fd in the last argument, an AF_UNIX SOCK_SEQPACKET socket; the grader and
the zygote only, closed in every learner process), one JSON object per message:
  {"op": "probes", "sources": [[K, NAME, SOURCE], ...], "imports": [MODULE, ...]} -> {"ok": true}
    or "compiled": [[K, NAME], ...], "magic": M and one fd: a file of marshal({K: code}) that
    the grader compiled from the same sources (bytecode magic M), so no zygote start compiles
    them; the reply's "missing" lists the probes not defined (the grader then sends sources)
  {"op": "spawn", ...settings}  + one fd (the learner's end of a socketpair) -> {"pid": N}
  {"op": "kill", "pid": N} / {"op": "kill-uid", "uid": U}                   -> {"ok": true}
The zygote exits, killing every learner process it forked, when the channel closes.

Learner channel (the passed fd). Requests: a 4-byte big-endian length and a ``marshal`` body:
  {"seq": N, "op": "import", "module": NAME}                -> {"ok": true}
  {"seq": N, "op": "probe", "module": M, "key": K, "args": A} -> {"ok": true, "data": D}
    (K names a probe the zygote compiled; otherwise "name" and "source" carry its code)
  {"seq": N, "op": "verify"}                                 -> {"ok": true}
Frames back: a 4-byte length, the nonce (32 ASCII bytes), then a ``marshal`` body, a dict:
every reply holds "seq"; errors are {"ok": False, "kind": K, "type": T, "message": M,
"where": W}; a reply may add "printed". Evidence frames ({"evidence": [[RULE, MESSAGE], ...]})
may come at any time: the grader records them and keeps reading. Data is checked as plain
(``check_plain``) before it is marshalled, and again by the grader once it is unmarshalled;
the grader unmarshals nothing whose nonce does not match.
"""

import builtins
import gc
import io
import json
import marshal
import os
import signal
import socket
import sys

# Modules a learner may reasonably import; loaded here so that a learner process that can no
# longer read the interpreter's files after dropping privileges still finds them.
PRELOAD = (
    "abc", "array", "bisect", "collections", "collections.abc", "contextlib", "copy",
    "dataclasses", "datetime", "decimal", "enum", "fractions", "functools", "heapq",
    "importlib", "importlib.util", "inspect", "io", "itertools", "keyword", "math", "numbers",
    "operator", "pathlib", "random", "re", "resource", "runpy", "statistics", "string",
    "textwrap", "time", "traceback", "types", "typing", "warnings", "weakref",
)
MAX_MESSAGE = 4 * 1024 * 1024
PRINT_LIMIT = 2000
MAX_ITEMS = 100_000
MAX_DEPTH = 50
PR_SET_NO_NEW_PRIVS = 38
MAX_EVIDENCE = 20  # evidence frames per learner process; the first ones tell the story

# ---------------------------------------------------------------- bound before learner code
# Everything below calls only these names (and builtins from the private copy this namespace
# was given), so a learner who patches the modules they came from changes nothing here.

import _thread
from _frozen_importlib_external import MAGIC_NUMBER

_write, _read, _exit, _getcwd = os.write, os.read, os._exit, os.getcwd
_fsdecode, _get_ident = os.fsdecode, _thread.get_ident
_loads, _dumps = marshal.loads, marshal.dumps
_getframe = sys._getframe
_addaudithook = sys.addaudithook
_sys = sys
_sep = os.sep
_int_from = int.from_bytes
NOT_PLAIN = ["not plain data"]  # the marker of the TypeError that check_plain raises
BUILTINS_FOR_PROBES = dict(vars(builtins))
STDLIB = os.path.dirname(os.__file__) + _sep
_str, _type, _len, _repr = str, type, len, repr
_keys, _values = dict.keys, dict.values


def check_plain(value):
    """Refuse anything but plain data: exact builtin types (None, bool, int, float, str, and
    lists, tuples and dicts of them), nested at most MAX_DEPTH deep, MAX_ITEMS values in all
    (TypeError with NOT_PLAIN as its first argument). Types are compared by identity and
    containers read with the builtin types' own methods, so no learner code runs meanwhile.
    The grader runs the same check on what it receives."""
    _plain(value, 0, [MAX_ITEMS])


def _plain(value, depth, budget):
    kind = _type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        budget[0] -= 1
        if budget[0] < 0:
            raise TypeError(NOT_PLAIN, "the result is too large")
        return
    if kind is list or kind is tuple:
        parts = (value,)
    elif kind is dict:
        parts = (_keys(value), _values(value))
    else:
        raise TypeError(NOT_PLAIN, "got an object of type %s where plain data (None, bool, "
                        "int, float, str, list, tuple, dict) was expected" % _type_name(kind))
    size = _len(value) * _len(parts)
    budget[0] -= 1 + size
    if budget[0] < 0:
        raise TypeError(NOT_PLAIN, "the result is too large")
    if size and depth >= MAX_DEPTH:
        raise TypeError(NOT_PLAIN, "the result is nested too deeply")
    for part in parts:
        for item in part:
            kind = _type(item)
            if kind is str or kind is int or kind is float or kind is bool or item is None:
                continue
            budget[0] += 1  # counted above, and again by the call
            _plain(item, depth + 1, budget)


def _type_name(kind):
    name = type.__dict__["__qualname__"].__get__(kind)
    return name if _type(name) is str else "?"


def _text(value, limit):
    """A learner-supplied string as plain ``str``, never raising."""
    try:
        text = _str(value)
        if _type(text) is not str:
            text = "<unprintable>"
    except BaseException:
        text = "<unprintable>"
    return str.__getitem__(text, slice(0, limit))


def send(fd, nonce, reply):
    """Send one frame: the nonce (bytes), then ``reply``, a dict of plain data, marshalled."""
    try:
        body = _dumps(reply)
    except BaseException:  # a learner's thread changed the data after it was checked
        body = _dumps({"seq": reply.get("seq"), "ok": False, "kind": "data",
                       "type": "TypeError", "message": "the result changed while it was sent",
                       "where": ""})
    data = int.to_bytes(_len(nonce) + _len(body), 4, "big") + nonce + body
    while data:
        sent = _write(fd, data)
        data = data[sent:]


def receive(fd):
    header = _read_exact(fd, 4)
    length = _int_from(header, "big")
    if length > MAX_MESSAGE:
        raise EOFError
    return _loads(_read_exact(fd, length))


def _read_exact(fd, n):
    chunks = []
    while n:
        chunk = _read(fd, min(n, 1 << 16))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= _len(chunk)
    return b"".join(chunks)


CAPTURE_SOURCE = """
class Capture(TextIOBase):
    def __init__(self):
        self.parts, self.size = [], 0
    def writable(self):
        return True
    def write(self, text):
        text = text if type(text) is str else str(text)
        room = LIMIT - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(len(text), room)
        return len(text)
    def text(self):
        return "".join(self.parts)
"""


def _capture_class():
    """What learner code prints during a probe, up to PRINT_LIMIT characters. The learner can
    reach this class (it is sys.stdout), so it lives in a namespace of its own that leads
    nowhere: changing it changes only the printed text shown with a failing check."""
    namespace = {"__builtins__": {"str": str, "type": type, "len": len, "min": min,
                                  "__build_class__": builtins.__build_class__},
                 "TextIOBase": io.TextIOBase, "LIMIT": PRINT_LIMIT, "__name__": "capture"}
    exec(CAPTURE_SOURCE, namespace)
    return namespace["Capture"]


_Capture = _capture_class()
_captured = _Capture.text


def where(exc, workdir):
    """'copying.py line 12' for the innermost frame in the submission, or ''."""
    prefix = workdir + _sep
    if isinstance(exc, SyntaxError):
        filename = exc.filename
        if _type(filename) is str and filename.startswith(prefix):
            return "%s line %s" % (filename[_len(prefix):], _text(exc.lineno, 20))
        return ""
    found = ""
    tb = BaseException.__dict__["__traceback__"].__get__(exc)
    steps = 0
    while tb is not None and steps < 1000:
        code = tb.tb_frame.f_code
        if code.co_filename.startswith(prefix):
            found = "%s line %s" % (code.co_filename[_len(prefix):], tb.tb_lineno)
        tb, steps = tb.tb_next, steps + 1
    return found


def failure(kind, exc, workdir):
    """The fields of an error reply for an exception the learner's code raised."""
    message = exc.msg if isinstance(exc, SyntaxError) else exc
    return {"ok": False, "kind": kind, "type": _type_name(_type(exc)),
            "message": _text(message, 2000), "where": _text(where(exc, workdir), 300)}


# ---------------------------------------------------------------- probe definitions


PROBES: dict = {}  # probe key -> function, defined once here and inherited by every fork
VIEWS: dict = {}  # module name -> a copy of the module as it was in the zygote, for probes


def probe_import(name, globals=None, locals=None, fromlist=(), level=0):
    """``__import__`` for probes: for a module the zygote loaded, its snapshot, whatever the
    learner did to sys.modules or to the module since; any other (the learner's own) for real."""
    view = VIEWS.get(name)
    if view is None or level:
        return __import__(name, globals, locals, fromlist, level)
    return view if fromlist else VIEWS[name.partition(".")[0]]


BUILTINS_FOR_PROBES["__import__"] = probe_import

VIEW_SOURCE = """
class View(ModuleType):
    def __setattr__(self, name, value):
        ModuleType.__setattr__(self, name, value)
        setattr(REAL[ModuleType.__getattribute__(self, "__name__")], name, value)

    def __delattr__(self, name):
        ModuleType.__delattr__(self, name)
        delattr(REAL[ModuleType.__getattribute__(self, "__name__")], name)
"""


def _view_class():
    """The class of module snapshots. Reads come from the snapshot; writes (a probe that
    instruments ``builtins.map`` for the learner's code to call) go through to the real
    module too. Learner code can find this class, so it lives in a namespace that leads
    nowhere but to the real modules, which it can reach anyway."""
    namespace = {"__builtins__": {"setattr": setattr, "delattr": delattr,
                                  "__build_class__": builtins.__build_class__},
                 "ModuleType": _type(sys), "REAL": {}, "__name__": "view"}
    exec(VIEW_SOURCE, namespace)
    return namespace["View"], namespace["REAL"]


_View, _REAL = _view_class()


def _snapshot_views():
    """A module object per loaded module, holding a copy of its namespace (submodules as
    their own copies), so that later writes to the real modules do not reach probes."""
    ModuleType = _type(sys)
    real = {name: module for name, module in list(sys.modules.items())
            if _type(module) is ModuleType and name != "__main__"}
    views = {}
    for name in real:
        views[name] = VIEWS.get(name) or _View(name)
    by_id = {id(module): views[name] for name, module in real.items()}
    for name, module in real.items():
        namespace = vars(views[name])
        namespace.clear()
        for key, value in list(vars(module).items()):
            namespace[key] = by_id.get(id(value), value) if _type(value) is ModuleType else value
    _REAL.update(real)
    VIEWS.update(views)


def define(source, name):
    """The probe function ``name`` defined by ``source``, in a namespace of its own."""
    return define_compiled(compile(source, "<probe>", "exec"), name)


def define_compiled(code, name):
    """The probe function ``name`` defined by ``code`` (its source, compiled), likewise."""
    namespace = {"__builtins__": BUILTINS_FOR_PROBES, "__name__": "probe"}
    exec(code, namespace)
    return namespace[name]


def read_all(fd):
    parts = []
    while chunk := os.read(fd, 1 << 20):
        parts.append(chunk)
    return b"".join(parts)


# ---------------------------------------------------------------- what is verified

SNAPSHOT: list = []  # (namespace, its keys, its values) as they were before the fork
VOLATILE = {"sys", "__main__"}  # sys.stdout and friends change by design
VOLATILE_ENTRIES = {"_frozen_importlib_external._NamespacePath._epoch"}  # a counter


def take_snapshot():
    """Remember, by identity, every module namespace, every class defined in one and every
    dict held at module level, as they are now."""
    del SNAPSHOT[:]
    ModuleType, seen = _type(sys), set()
    for name, module in list(sys.modules.items()):
        if _type(module) is not ModuleType or name in VOLATILE:
            continue
        namespace = vars(module)
        SNAPSHOT.append((name, namespace, tuple(namespace), tuple(namespace.values())))
        for key, value in namespace.items():
            if id(value) in seen:
                continue
            if isinstance(value, type) and value.__flags__ & (1 << 9):  # a class made in Python
                seen.add(id(value))
                SNAPSHOT.append(("%s.%s" % (name, key), value.__dict__,
                                 tuple(value.__dict__), tuple(value.__dict__.values())))
            elif _type(value) is dict and key != "__builtins__" and not _cache_like(key):
                seen.add(id(value))
                SNAPSHOT.append(("%s.%s" % (name, key), value, tuple(value),
                                 tuple(value.values())))
    SNAPSHOT.append(("the probes' builtins", BUILTINS_FOR_PROBES, tuple(BUILTINS_FOR_PROBES),
                     tuple(BUILTINS_FOR_PROBES.values())))
    for key, probe in PROBES.items():
        namespace = probe.__globals__
        SNAPSHOT.append(("probe " + key, namespace, tuple(namespace), tuple(namespace.values())))
    seen.clear()


def _cache_like(name):
    """Module-level dicts that change by design (caches, registries of live things)."""
    lowered = name.lower()
    return any(word in lowered for word in CACHE_WORDS)


CACHE_WORDS = ("cache", "_active", "_limbo", "lock", "_blocking_on", "bymodname", "byfile",
               "_dangling", "registry", "_handlers", "_shutdown", "_counter", "environ")


def changed_namespaces():
    """The names of snapshotted namespaces whose entries are no longer the same objects.
    A submodule that appears as a package attribute (``import email.mime``) is not a change."""
    ModuleType, found = _type(sys), []
    for name, namespace, keys, values in SNAPSHOT:
        if _len(namespace) == _len(keys):
            now = tuple(namespace.values())
            if _len(now) == _len(values) and all(map(_is, now, values)) and \
                    tuple(namespace) == keys:
                continue
        old = dict(zip(keys, values))
        for key, value in list(namespace.items()):
            if _type(key) is str and _cache_like(key):  # platform._uname_cache and the like
                continue
            if key in old:
                if old[key] is not value and "%s.%s" % (name, key) not in VOLATILE_ENTRIES:
                    found.append("%s.%s" % (name, key))
            elif _type(value) is not ModuleType:
                found.append("%s.%s (added)" % (name, key))
        found.extend("%s.%s (deleted)" % (name, key) for key in old if key not in namespace)
    return found


def _is(a, b):
    return a is b


# ---------------------------------------------------------------- the audit hook

# Standard-library code that asks for frames for its own use and gives none away.
FRAME_USERS = ("collections/__init__.py", "enum.py", "typing.py", "logging/__init__.py",
               "warnings.py", "dataclasses.py", "abc.py", "functools.py", "linecache.py",
               "traceback.py")
FRAME_GIVERS = {"<lambda>", "currentframe", "walk_tb", "walk_stack"}
FRAME_ATTRS = {"tb_frame", "gi_frame", "cr_frame", "ag_frame", "gi_code", "cr_code", "ag_code"}
CODE_ATTRS = {"__code__", "__defaults__", "__kwdefaults__"}
LOW_LEVEL = {"ctypes", "_ctypes", "_testcapi", "_testinternalcapi", "_testmultiphase",
             "_xxsubinterpreters", "_xxinterpchannels", "_posixshmem"}
ALWAYS = {
    "gc.get_objects": ("gc-introspection", "walked the garbage collector's objects"),
    "gc.get_referrers": ("gc-introspection", "asked the garbage collector for referrers"),
    "gc.get_referents": ("gc-introspection", "asked the garbage collector for referents"),
    "sys.settrace": ("tracing", "installed a trace function"),
    "sys.setprofile": ("tracing", "installed a profile function"),
    "sys._current_frames": ("frame-access", "took every thread's frame"),
    "sys._current_exceptions": ("frame-access", "took every thread's exception"),
    "sys.addaudithook": ("tracing", "installed an audit hook of its own"),
    "code.__new__": ("code-objects", "built a code object by hand"),
    "function.__new__": ("code-objects", "built a function object by hand"),
}
FILE_EVENTS = {"open", "os.listdir", "os.scandir", "os.chdir", "shutil.copyfile",
               "os.rename", "os.remove", "os.symlink", "os.link", "os.truncate"}


def _absolute(path):
    """``path`` made absolute and free of '.' and '..', by string operations only (calling
    os.path from the hook would run code the learner may have patched)."""
    if not path.startswith("/"):
        path = _getcwd() + "/" + path
    parts = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/" + "/".join(parts)


def install_hook(state):
    """Install the audit hook; it acts only once ``state["armed"]`` is set (in the learner
    process, just before its first import), and never for trusted runs.

    The hook's own look at the stack raises audit events too: one level of nesting is judged
    (a learner's signal handler may run inside the hook), deeper ones are ours and ignored."""
    depth = {}
    sent = [0]

    def report(rule, message):
        if sent[0] >= MAX_EVIDENCE:
            return
        sent[0] += 1
        state["caught"].append((rule, message))
        try:
            send(state["fd"], state["nonce"], {"evidence": [[rule, message]]})
        except BaseException:
            pass

    def ours(code):
        filename = code.co_filename
        return filename == "<probe>" or filename == "<pykata-runtime>"

    def learners(code):
        return code.co_filename.startswith(state["prefix"])

    def frame_user(caller):
        """Did our code, or standard-library code that keeps frames to itself, ask?"""
        code = caller.f_code
        if ours(code):
            return True
        filename = code.co_filename
        if not filename.startswith(STDLIB) or not filename.endswith(FRAME_USERS):
            return False
        if code.co_name in FRAME_GIVERS:  # hands frames to its caller: who is that?
            consumer = caller.f_back
            return consumer is not None and consumer.f_code.co_filename.startswith(STDLIB)
        return True

    def hook(event, args):
        if not state["armed"]:
            return
        thread = _get_ident()
        level = depth.get(thread, 0)
        if level >= 2:
            return
        depth[thread] = level + 1
        try:
            if level == 1 and ours(_getframe(1).f_code):
                return
            verdict = judge(event, args)
        except BaseException:
            verdict = None
        finally:
            depth[thread] = level
        if verdict is not None:
            report(*verdict)
            raise RuntimeError("pykata: %s is not allowed while grading" % verdict[1])

    def judge(event, args):
        if event == "object.__getattr__":
            name = args[1]
            if name not in FRAME_ATTRS:
                return None
            obj = args[0]
            if name[0] == "t":  # a traceback's frame
                return None if frame_user(_getframe(2)) else (
                    "frame-access", "took a frame from a traceback (tb_frame)")
            code = getattr(obj, name[:2] + "_code")
            running = getattr(obj, name[:2] + "_running", False)
            if ours(code) or running and not frame_user(_getframe(2)):
                return ("frame-access", "took the frame or code of a generator it did not "
                                        "write (%s)" % name)
            return None
        if event == "sys._getframe":
            if frame_user(_getframe(2)):
                return None
            return ("frame-access", "took a frame (sys._getframe or inspect.currentframe)")
        if event == "object.__setattr__":
            target, name = args[0], args[1]
            if name in CODE_ATTRS and _type(target) is _FunctionType:
                if not learners(target.__code__) and not ours(_getframe(2).f_code):
                    return ("code-swap", "set %s of %s, a function it did not write"
                            % (name, _text(getattr(target, "__qualname__", "?"), 80)))
            return None
        if event in ALWAYS:
            if ours(_getframe(2).f_code) or event == "sys.settrace" and state["trusted"]:
                return None
            return ALWAYS[event]
        if event.startswith("ctypes."):
            return ("ctypes", "used ctypes (%s)" % event)
        if event == "import":
            if args[0] in LOW_LEVEL:
                return ("ctypes", "imported %s, which can rewrite the interpreter's memory"
                        % args[0])
            return None
        if event in FILE_EVENTS and args and _type(args[0]) in (str, bytes):
            path = _absolute(args[0] if _type(args[0]) is str else _fsdecode(args[0]))
            for root in state["forbidden"]:
                if path == root or path.startswith(root + "/"):
                    return ("grader-files", "touched the grader's files (%s)" % path)
        return None

    _addaudithook(hook)


_FunctionType = _type(install_hook)

# ---------------------------------------------------------------- namespaces and mounts

CLONE_NEWNS, CLONE_NEWNET = 0x00020000, 0x40000000
MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 4096, 16384, 1 << 18
MNT_DETACH = 2
SHARED_PLACES = ("/tmp", "/var/tmp", "/dev/shm")  # world-writable: where two learners could meet
LIBC: dict = {}  # "unshare", "mount", "umount2": bound in the zygote, before any learner code


def bind_libc():
    """ctypes' view of unshare(2), mount(2), umount2(2) and prctl(2), for the zygote's own use
    (``close_ctypes`` then shuts ctypes for everyone else)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        LIBC.update(unshare=libc.unshare, mount=libc.mount, umount2=libc.umount2,
                    prctl=libc.prctl)
    except Exception:
        pass


# What ctypes offers that writes memory or calls C without an audit event (memmove and its
# kin are plain function pointers): gone from the ctypes modules once the zygote is done
# with them, so that neither ``numpy._core._internal.ctypes`` nor a class found through
# ``object.__subclasses__()`` (whose methods see the ctypes namespace) leads to them.
CTYPES_DOORS = ("memmove", "memset", "string_at", "wstring_at", "cast", "_cast",
                "_memmove_addr", "_memset_addr", "_string_at_addr", "_wstring_at_addr",
                "_cast_addr", "pythonapi", "CDLL", "PyDLL", "cdll", "pydll", "LibraryLoader",
                "_dlopen", "dlopen", "dlclose", "dlsym", "CFUNCTYPE", "PYFUNCTYPE",
                "_CFuncPtr", "_c_functype_cache", "call_function", "call_cdeclfunction",
                "SetPointerType", "DllCanUnloadNow", "DllGetClassObject")


def close_ctypes():
    """Remove ctypes' doors from every ctypes module loaded (by numpy, or by bind_libc), and
    the modules from sys.modules: a learner's ``import ctypes`` is then a fresh (and caught)
    import, and what numpy keeps of ctypes cannot write memory."""
    for name in [name for name in sys.modules if name.split(".")[0] in ("ctypes", "_ctypes")]:
        module = sys.modules.pop(name)
        namespace = getattr(module, "__dict__", {})
        for door in CTYPES_DOORS:
            namespace.pop(door, None)


def _mount(source, target, kind, flags, options):
    return LIBC["mount"](source and os.fsencode(source), os.fsencode(target),
                         kind and os.fsencode(kind), flags, options and os.fsencode(options))


def mount_workspace(path, stage, size, inodes, uid):
    """A tmpfs of ``size`` bytes and ``inodes`` files at ``path``, holding a copy of
    ``stage``: the learner's private copy, bounded in bytes and in files."""
    os.makedirs(path, exist_ok=True)
    options = "size=%d,nr_inodes=%d,mode=0700" % (size, inodes)
    if uid is not None:
        options += ",uid=%d,gid=%d" % (uid, uid)
    if _mount("pykata", path, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0:
        return False
    for folder, _dirs, files in os.walk(stage):
        target = os.path.join(path, os.path.relpath(folder, stage))
        os.makedirs(target, exist_ok=True)
        for name in files:
            with open(os.path.join(folder, name), "rb") as source, \
                    open(os.path.join(target, name), "wb") as copy:
                copy.write(source.read())
        if uid is not None:
            os.chown(target, uid, uid)
            for name in files:
                os.chown(os.path.join(target, name), uid, uid)
    return True


def private_places(keep):
    """In a learner process, as root: a network namespace and a mount namespace of its own,
    with fresh small tmpfs over the world-writable places. The folders in ``keep`` (the work
    root, the allowed packages), which may live under /tmp, are bound back. Two learners can
    then share no socket and no file."""
    if "unshare" not in LIBC or LIBC["unshare"](CLONE_NEWNET | CLONE_NEWNS) != 0:
        return False
    if _mount("none", "/", None, MS_REC | MS_PRIVATE, None) != 0:
        return False
    held = []
    for folder in keep:
        if any(folder.startswith(place + "/") for place in SHARED_PLACES):
            held.append((folder, os.open(folder, os.O_RDONLY | os.O_DIRECTORY)))
    for place in SHARED_PLACES:
        if os.path.isdir(place) and not os.path.islink(place):
            _mount("pykata", place, "tmpfs", MS_NOSUID | MS_NODEV,
                   "size=16m,nr_inodes=1024,mode=1777")
    for folder, fd in held:
        os.makedirs(folder, exist_ok=True)
        _mount("/proc/self/fd/%d" % fd, folder, None, MS_BIND | MS_REC, None)
        os.close(fd)
    return True


KEEP: list = []  # real folders of the allowed packages, found in the zygote (site holds links)


# ---------------------------------------------------------------- the learner process


def serve(fd, state, coverage):
    workdir, nonce = state["workdir"], state["nonce"]
    modules = {}
    while True:
        try:
            request = receive(fd)
            seq = request["seq"]
        except BaseException:
            _exit(0)
        op = request.get("op")
        if op == "import":
            name = request["module"]
            state["armed"] = not state["trusted"]
            try:
                modules[name] = __import__(name)
                reply = {"ok": True}
            except BaseException as exc:
                reply = failure("import", exc, workdir)
        elif op == "verify":
            # Trusted runs (coverage of the solutions) load coverage after the snapshot.
            changed = [] if state["trusted"] else changed_namespaces()
            if changed:
                shown = ", ".join(changed[:8]) + (" and %d more" % (_len(changed) - 8)
                                                  if _len(changed) > 8 else "")
                reply = {"ok": False, "kind": "tampered",
                         "message": "changed the standard library or builtins the grader "
                                    "relies on: " + shown}
            else:
                reply = {"ok": True}
        else:
            reply = run_probe(request, modules, workdir)
        reply["seq"] = seq
        if coverage is not None:
            coverage.stop()
            coverage.save()
            coverage.start()
        try:
            send(fd, nonce, reply)
        except BaseException:
            _exit(0)


def run_probe(request, modules, workdir):
    capture, saved = _Capture(), (_sys.stdout, _sys.stderr)
    _sys.stdout = _sys.stderr = capture
    try:
        probe = PROBES.get(request.get("key"))
        if probe is None:
            probe = define(request["source"], request["name"])
        result = probe(modules[request["module"]], *request.get("args", ()))
        check_plain(result)
        reply = {"ok": True, "data": result}
    except TypeError as exc:
        if exc.args and exc.args[0] is NOT_PLAIN:
            reply = {"ok": False, "kind": "data", "type": "TypeError",
                     "message": exc.args[1], "where": ""}
        else:
            reply = failure("probe", exc, workdir)
    except BaseException as exc:
        reply = failure("probe", exc, workdir)
    finally:
        _sys.stdout, _sys.stderr = saved
    try:
        printed = _text(_captured(capture), PRINT_LIMIT)
    except BaseException:
        printed = ""
    if printed:
        reply["printed"] = printed
    return reply


def become_learner(sock, settings, state):
    """In the forked child: isolate, limit, drop privileges, then serve probes forever."""
    import resource

    os.setsid()
    fd = os.dup(sock.fileno())
    sock.close()
    os.closerange(3, fd)
    os.closerange(fd + 1, 1 << 16)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    output = os.open(settings["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(devnull)
    os.close(output)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    workdir = settings["workdir"]
    uid, gid = settings.get("uid"), settings.get("gid")
    if uid is not None and os.getuid() == 0:
        os.chown(settings["output"], uid, gid)
    if settings.get("private_places") and \
            not private_places([os.path.dirname(workdir), *KEEP]):
        os._exit(71)  # promised to the grader, not to be had: never run without it
    os.chdir(workdir)

    coverage = None
    if settings.get("coverage"):
        sys.path.extend(settings["coverage"]["sys_path"])
        import coverage as coverage_module
        coverage = coverage_module.Coverage(
            data_file=settings["coverage"]["data_file"], data_suffix=True, branch=True,
            include=[os.path.join(workdir, "*")], config_file=False,
        )

    limits = settings["limits"]
    for name, value in limits.items():
        which = getattr(resource, name)
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            soft, hard = resource.getrlimit(which)
            if hard == resource.RLIM_INFINITY or value < hard:
                try:
                    resource.setrlimit(which, (value, hard))
                except (ValueError, OSError):
                    pass

    if uid is not None and os.getuid() == 0:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    if "prctl" in LIBC:  # no set-user-ID program makes learner code root again (bwrap's too)
        LIBC["prctl"](PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)

    os.environ.clear()
    os.environ.update(settings["env"])
    sys.path[:] = [workdir] + [p for p in sys.path if p and not p.startswith(workdir)]
    sys.argv[:] = [""]
    sys.dont_write_bytecode = True
    state.update(fd=fd, nonce=str.encode(settings["nonce"], "ascii"), workdir=workdir,
                 prefix=workdir + os.sep,
                 forbidden=tuple(settings.get("forbidden", ())),
                 trusted=bool(settings.get("coverage")))
    settings.clear()
    if coverage is not None:
        coverage.start()
    serve(fd, state, coverage)


# ---------------------------------------------------------------- the zygote


def preload(config):
    """Import what learner processes may need before they fork: the common standard library
    and the course's allowed packages (found in ``config["site"]``, one thread each)."""
    os.environ.update(config.get("env", {}))
    if config.get("site"):
        sys.path.append(config["site"])
        if os.path.isdir(config["site"]):
            KEEP.extend(os.path.realpath(os.path.join(config["site"], name))
                        for name in sorted(os.listdir(config["site"])))
    for name in PRELOAD + tuple(config.get("preload", ())):
        try:
            __import__(name)
        except Exception:
            pass


def reap(children):
    """Collect exited learner processes, and forget them: their pids may be reused."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        children.discard(pid)


def kill(pid):
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
        except OSError:
            pass
    try:
        os.waitpid(pid, 0)
    except OSError:
        pass


def kill_uid(uid):
    """Kill every process running as ``uid``: a learner's escaped descendants included."""
    if os.getuid() != 0 or uid in (None, 0):
        return
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setuid(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def can_isolate():
    """Can a learner process get namespaces of its own here? Tried once, in a child."""
    if "unshare" not in LIBC or os.getuid() != 0:
        return False
    pid = os.fork()
    if pid == 0:
        try:
            os._exit(0 if private_places([os.getcwd()]) else 1)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _freeze():
    """Snapshot what is loaded, as the learner processes forked from now on will inherit it,
    and keep it out of the collector's sight, so that forks do not copy every page the first
    time a collection walks it. True: the snapshots are up to date."""
    _snapshot_views()
    take_snapshot()
    gc.freeze()
    return True


def main(config, control_fd):
    preload(config)
    bind_libc()
    close_ctypes()
    control = socket.socket(fileno=control_fd)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    children = set()
    state = {"armed": False, "caught": [], "trusted": True, "forbidden": ()}
    install_hook(state)
    fresh = False  # are the snapshots up to date with what is loaded?
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 65536, 4)
        except OSError:
            message, fds = b"", []
        if not message:
            for pid in children:
                kill(pid)
            os._exit(0)
        request = json.loads(message)
        if request["op"] == "probes":
            for name in request.get("imports", ()):
                try:
                    __import__(name)
                except Exception:
                    pass
            for key, name, source in request.get("sources", ()):
                try:
                    PROBES[key] = define(source, name)
                except Exception:
                    pass
            if request.get("compiled") and fds:
                try:  # bytecode of another Python version is not ours to run
                    ours = request.get("magic") == MAGIC_NUMBER.hex()
                    codes = _loads(read_all(fds[0])) if ours else {}
                except Exception:
                    codes = {}
                for key, name in request["compiled"]:
                    try:
                        PROBES[key] = define_compiled(codes[key], name)
                    except Exception:
                        pass
            for fd in fds:
                os.close(fd)
            fresh = False
            # The grader sends the source of what is missing with each request that needs it.
            wanted = [key for key, *_ in request.get("sources", ())] + \
                [key for key, _ in request.get("compiled", ())]
            control.send(json.dumps({"ok": True, "missing": [key for key in wanted
                                                               if key not in PROBES]}).encode())
            fresh = _freeze()  # now, while the grader goes on, rather than at the first fork
        elif request["op"] == "spawn":
            if not fresh:
                fresh = _freeze()
            learner = socket.socket(fileno=fds[0])
            pid = os.fork()
            if pid == 0:
                try:
                    control.close()
                    become_learner(learner, request, state)
                except BaseException:
                    pass
                os._exit(70)
            learner.close()
            children.add(pid)
            # A pidfd lets the grader see the exit even while the learner's own children
            # keep its socket open.
            try:
                pidfds = [os.pidfd_open(pid)]
            except (AttributeError, OSError):
                pidfds = []
            socket.send_fds(control, [json.dumps({"pid": pid}).encode()], pidfds)
            for fd in pidfds:
                os.close(fd)
        elif request["op"] == "hello":
            control.send(json.dumps({"private_places": can_isolate(),
                                     "mount": "mount" in LIBC and os.getuid() == 0}).encode())
        elif request["op"] == "mount":
            done = mount_workspace(request["path"], request["stage"], request["size"],
                                   request["inodes"], request.get("uid"))
            control.send(json.dumps({"ok": done}).encode())
        elif request["op"] == "unmount":
            LIBC["umount2"](os.fsencode(request["path"]), MNT_DETACH) if "umount2" in LIBC else 0
            control.send(b'{"ok": true}')
        elif request["op"] == "kill":
            kill(request["pid"])
            children.discard(request["pid"])
            control.send(b'{"ok": true}')
        elif request["op"] == "kill-uid":
            kill_uid(request["uid"])
            control.send(b'{"ok": true}')
        reap(children)


if __name__ == "<pykata-runtime>":
    main(json.loads(sys.argv[-2]) if len(sys.argv) > 2 else {}, int(sys.argv[-1]))
