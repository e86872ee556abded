"""Learner processes: where learner code runs, and the only place it runs.

A :class:`Sandbox` starts one zygote (``_zygote.py``, standard library only) and forks learner
processes from it, each working in a private copy of one submission (a :class:`Workspace`),
with resource limits, a scrubbed environment, its own process group and, when the grader runs
as root, the submission's own unprivileged uid and cgroup. Which katas share a process is the
engine's choice. Probes are sent as source code and come back as plain data; every time limit
is enforced from here, by killing the process from outside.
"""

from __future__ import annotations

import hmac
import importlib.util
import itertools
import json
import marshal
import os
import queue
import secrets
import random
import select
import shutil
import socket
import struct
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
import contextlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from grader import _zygote, cgroups, probes

ZYGOTE_SOURCE: Final = (Path(__file__).with_name("_zygote.py")).read_text(encoding="utf-8")
# The zygote's first line: run the runtime's source (argv[1]) in a namespace of its own, with a
# private copy of the builtins, binding no name in __main__.
BOOT: Final = ('exec(compile(__import__("sys").argv[1], "<pykata-runtime>", "exec"), '
               '{"__name__": "<pykata-runtime>", "__builtins__": dict(vars(__builtins__))})')
# What the learner must never read, where no private file system hides it: the grader's
# package (hidden tests included) and the project around it (solutions).
FORBIDDEN: Final = tuple(sorted({str(Path(__file__).resolve().parent),
                                 str(Path(__file__).resolve().parents[1])}))
PLAIN: Final = (type(None), bool, int, float, str)
SCALARS: Final = frozenset(PLAIN)
CONTAINERS: Final = frozenset((list, tuple, dict))
MAX_REPLY: Final = 4 * 1024 * 1024
HEADER: Final = struct.Struct(">I")  # a frame's length, before the frame
OUTPUT_KEEP: Final = 2000
PRELOAD_BATCH: Final = 32 * 1024  # characters of probe source per control message
PRELOAD_NAMES: Final = 400  # compiled probes named per control message


@contextmanager
def _passed(blob: bytes | None) -> Iterator[tuple[int, ...]]:
    """The fds to send with a control message: an unlinked file holding ``blob``, if any."""
    if blob is None:
        yield ()
        return
    with tempfile.TemporaryFile() as handle:
        handle.write(blob)
        handle.flush()
        handle.seek(0)
        yield (handle.fileno(),)


def _batches(sources: list[tuple[str, str, str]], size: int
             ) -> Iterator[list[tuple[str, str, str]]]:
    """Group (key, name, source) probes into messages that fit the zygote's 64 KiB datagrams."""
    batch: list[tuple[str, str, str]] = []
    used = 0
    for probe in sources:
        length = sum(map(len, probe))
        if batch and used + length > size:
            yield batch
            batch, used = [], 0
        batch.append(probe)
        used += length
    if batch:
        yield batch


@dataclass(frozen=True)
class Limits:
    """Per learner process limits; times in seconds, sizes in MiB."""

    probe_timeout: float = 3.0
    import_timeout: float = 5.0
    memory_mb: int = 768
    cpu_s: int = 60
    file_mb: int = 8
    open_files: int = 64
    processes: int = 16
    submission_memory_mb: int = 1536  # all learner processes of a submission, where cgroups work
    submission_processes: int = 48
    submission_s: float = 120.0  # wall-clock time for a whole submission, imports included
    disk_mb: int = 64  # the private copy's size, where it can be a tmpfs of its own
    disk_files: int = 2048  # and how many files and folders it may hold

    def rlimits(self, *, dropped: bool) -> dict[str, int]:
        limits = {
            "RLIMIT_AS": self.memory_mb * 1024 * 1024,
            "RLIMIT_CPU": self.cpu_s,
            "RLIMIT_FSIZE": self.file_mb * 1024 * 1024,
            "RLIMIT_NOFILE": self.open_files,
            "RLIMIT_CORE": 0,
        }
        if dropped:  # RLIMIT_NPROC counts per uid and does not bind root.
            limits["RLIMIT_NPROC"] = self.processes
        return limits


class LearnerError(Exception):
    """Base of what can go wrong in a learner process; each maps to a test status."""

    status: Literal["failed", "error", "timeout", "crashed", "tampered"] = "failed"


class ProbeRaised(LearnerError):
    """The learner's code raised an exception while a probe ran."""

    def __init__(self, type_name: str, message: str, where: str) -> None:
        self.type_name, self.message, self.where = type_name, message, where
        text = f"{type_name}: {message}" if message else type_name
        if type_name == "NotImplementedError":
            text = "not implemented yet (the stub still raises NotImplementedError)"
        super().__init__(f"{where}: {text}" if where else text)


class ImportFailed(LearnerError):
    """The kata module could not be imported (syntax error, exception, exit, hang)."""

    status = "error"


class ProbeTimeout(LearnerError):
    status = "timeout"


class ProbeCrashed(LearnerError):
    status = "crashed"


class BadData(LearnerError):
    """The learner process answered with something that is not plain data."""


class Tampered(LearnerError):
    """The learner's code was caught changing what the grader observes (the audit hook or the
    verification of the standard library); ``evidence`` holds (rule, message) pairs."""

    status = "tampered"

    def __init__(self, evidence: list[tuple[str, str]]) -> None:
        self.evidence = evidence
        super().__init__("caught tampering with the grader: " + "; ".join(
            message for _, message in evidence[:3]))


def _walk_plain(value: Any, budget: float) -> float:
    """Check plain data as ``_zygote.check_plain`` does (same types, depth and count: every
    value counts one, a dict's keys and values each), where no learner code can run. It goes
    level by level, so that a level of scalars (a vector, a matrix's rows once split) is one
    set operation, and counts each level before building it. Returns what is left of
    ``budget``; TypeError (with the reason) for anything else."""
    kind = type(value)
    if kind in SCALARS:
        return budget - 1
    if (kind is list or kind is tuple) and SCALARS.issuperset(map(type, value)):
        budget -= 1 + len(value)
        if budget < 0:
            raise TypeError("the result is too large")
        return budget
    level = [value]
    depth = 0
    budget -= 1
    while True:
        kinds = set(map(type, level))
        if kinds <= SCALARS:
            return budget
        odd = kinds - SCALARS - CONTAINERS
        if odd:
            kind = min(odd, key=lambda kind: kind.__qualname__)
            raise TypeError(f"got an object of type {kind.__qualname__} where plain data (None, "
                            "bool, int, float, str, list, tuple, dict) was expected")
        containers = level if kinds <= CONTAINERS else \
            [item for item in level if type(item) not in SCALARS]
        size = sum(map(len, containers))
        if dict in kinds:
            size += sum(len(item) for item in containers if type(item) is dict)
        budget -= size
        if budget < 0:
            raise TypeError("the result is too large")
        if not size:
            return budget
        if depth >= _zygote.MAX_DEPTH:
            raise TypeError("the result is nested too deeply")
        if dict in kinds:
            level = []
            for item in containers:
                if type(item) is dict:
                    level.extend(item.keys())
                    level.extend(item.values())
                else:
                    level.extend(item)
        else:
            level = list(itertools.chain.from_iterable(containers))
        depth += 1


def plain(value: Any) -> Any:
    """``value`` itself if it is plain data, checked as the runtime checked it before sending
    (exact types, bounded depth and size); :class:`BadData` if not."""
    try:
        _walk_plain(value, _zygote.MAX_ITEMS)
    except TypeError as exc:
        raise BadData(f"the learner process sent malformed data ({exc})") from None
    return value


def _text(value: Any) -> str:
    """A string field of a learner process's frame ('' for anything that is not a string)."""
    return value if type(value) is str else ""


def _check_plain(value: Any) -> None:
    """Probe arguments travel by marshal: plain data of exact types only."""
    try:
        _walk_plain(value, float("inf"))
    except TypeError as exc:
        raise TypeError(f"probe arguments must be plain data: {exc}") from None


Outcome = tuple[Any, "LearnerError | None", str]  # data, or the error instead; what it printed


def _outcome(reply: dict[str, Any]) -> Outcome:
    """What one probe reply means: its data, or the learner error it stands for."""
    printed = _text(reply.get("printed"))[:_zygote.PRINT_LIMIT]
    if reply.get("ok"):
        try:
            return plain(reply.get("data")), None, printed
        except BadData as exc:
            return None, exc, printed
    if _text(reply.get("kind")) == "data":
        return None, BadData(_text(reply.get("message"))), printed
    return None, ProbeRaised(_text(reply.get("type")), _text(reply.get("message"))[:500],
                             _text(reply.get("where"))), printed


def _world_readable(path: Path) -> bool:
    """True when a process with no special rights can read ``path`` (every parent searchable)."""
    try:
        if not path.stat().st_mode & 0o004:
            return False
        return all(parent.stat().st_mode & 0o001 for parent in path.parents)
    except OSError:
        return False


def learner_interpreter() -> str:
    """The Python that learner processes run: ours, unless an unprivileged uid cannot read it."""
    if os.getuid() != 0 or _world_readable(Path(sysconfig.get_paths()["stdlib"]) / "os.py"):
        return sys.executable
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"):
        if os.access(candidate, os.X_OK) and _world_readable(Path(candidate).resolve()):
            return candidate
    return sys.executable  # the zygote preloads the common modules before the drop


SITE_IN_SANDBOX: Final = "/opt/pykata-site"
# Submodules worth importing once in the zygote rather than in every learner process.
SUBMODULES: Final = {"numpy": ("numpy.random", "numpy.linalg")}
# Numerical libraries start one thread per core unless told otherwise; the process limit
# counts threads, and a grader runs many learner processes side by side.
ONE_THREAD: Final = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                             "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")}


def package_dirs(packages: Iterable[str]) -> list[Path]:
    """The installed folders of third-party ``packages`` (and their vendored ``<name>.libs``);
    a package that is not installed is left out, so importing it fails as usual."""
    found: list[Path] = []
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(list(spec.submodule_search_locations)[0]).resolve()
        found.append(folder)
        libs = folder.with_name(f"{folder.name}.libs")
        if libs.is_dir():
            found.append(libs)
    return found


def _bwrap_prefix(workroot: Path, interpreter: str, packages: list[Path]) -> list[str] | None:
    """A bubblewrap command line that shows the learner only the system and its workroot
    (whether it works on this machine is for the caller to try)."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return None
    prefix = [bwrap, "--die-with-parent", "--clearenv", "--new-session"]
    if os.getuid() == 0:  # keep the real root, so the learner can be dropped to any uid
        prefix += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                   "--unshare-cgroup-try"]
    else:
        prefix += ["--unshare-all"]
    for path in ("/usr", "/lib", "/lib64", "/bin", "/etc/alternatives", "/etc/ld.so.cache"):
        if os.path.exists(path):
            prefix += ["--ro-bind", path, path]
    real = Path(interpreter).resolve()
    prefix_dir = Path(sys.base_prefix) if not str(real).startswith("/usr/") else None
    if prefix_dir is not None:
        prefix += ["--ro-bind", str(prefix_dir), str(prefix_dir)]
    if packages:  # folders bwrap creates are root's and 0700 unless told otherwise
        prefix += ["--perms", "0755", "--dir", str(Path(SITE_IN_SANDBOX).parent),
                   "--perms", "0755", "--dir", SITE_IN_SANDBOX]
    for folder in packages:  # read-only, and nothing else of the grader's environment
        prefix += ["--ro-bind", str(folder), f"{SITE_IN_SANDBOX}/{folder.name}"]
    return prefix + ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                     "--bind", str(workroot), str(workroot), "--chdir", str(workroot)]


def _unshare_prefix(interpreter: str) -> list[str] | None:
    """util-linux's unshare: PID, network, IPC and UTS namespaces, without a private file
    system. The next best thing where bubblewrap is missing; needs root."""
    unshare = shutil.which("unshare")
    if unshare is None or os.getuid() != 0:
        return None
    prefix = [unshare, "--pid", "--fork", "--kill-child", "--mount-proc", "--net", "--ipc",
              "--uts"]
    return prefix if _works(prefix, interpreter) else None


def _try(prefix: list[str], interpreter: str) -> subprocess.Popen[bytes] | None:
    """Start ``interpreter`` under this command prefix, to see whether it starts here."""
    try:
        return subprocess.Popen(prefix + [interpreter, "-I", "-S", "-c", "pass"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return None


def _passed_trial(trial: subprocess.Popen[bytes] | None) -> bool:
    if trial is None:
        return False
    try:
        return trial.wait(timeout=10) == 0
    except subprocess.TimeoutExpired:
        trial.kill()
        trial.wait()
        return False


def _works(prefix: list[str], interpreter: str) -> bool:
    """Does ``interpreter`` start under this command prefix, on this machine?"""
    return _passed_trial(_try(prefix, interpreter))


def _sweep_stale_workroots() -> None:
    """Remove work roots left by graders that were killed (their pid no longer runs)."""
    for stale in Path(tempfile.gettempdir()).glob("pykata-*-*"):
        owner = stale.name.split("-")[1]
        if not owner.isdigit() or stale.is_symlink() or not stale.is_dir():
            continue
        try:
            os.kill(int(owner), 0)
        except ProcessLookupError:
            shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            pass


class Zygote:
    """The pre-started process that learner processes are forked from; restarted if it dies."""

    def __init__(self, command: list[str]) -> None:
        self._command = command
        self._probes: list[tuple[str, str, str]] = []  # (key, name, source), resent on restart
        self._compiled: bytes | None = None  # marshal({key: code}) of them, while it takes that
        self._imports: list[str] = []  # the modules they import
        self.preloaded: set[str] = set()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None

    def boot(self) -> None:
        """Start the process now, without waiting for it to be ready."""
        with self._lock:
            if self._process is None:
                self._start()

    def _start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fd = theirs.fileno()
        self._process = subprocess.Popen(
            [*self._command, str(fd)],
            pass_fds=(fd,),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
            start_new_session=True,
        )
        theirs.close()
        self._control = ours

    def _ask(self, request: dict[str, Any], fds: tuple[int, ...] = ()
             ) -> tuple[dict[str, Any], list[int]]:
        """Send one request (with fds); return the reply and any fds that came with it."""
        with self._lock:
            for _ in range(2):  # one retry with a fresh zygote
                if self._control is None or self._process is None or self._process.poll() is not None:
                    self.close_locked()
                    self._start()
                    if request.get("op") != "probes":
                        for message, blob in self._probe_messages():
                            with _passed(blob) as passed:
                                self._send_locked(message, passed)
                try:
                    reply, received = self._send_locked(request, fds)
                    if reply:
                        return json.loads(reply), received
                except (OSError, ValueError):
                    pass
                self.close_locked()
            raise ProbeCrashed("the learner process could not be started")

    def _send_locked(self, request: dict[str, Any], fds: tuple[int, ...]) -> tuple[bytes, list[int]]:
        assert self._control is not None
        socket.send_fds(self._control, [json.dumps(request).encode()], list(fds))
        self._control.settimeout(30)
        reply, received, _flags, _addr = socket.recv_fds(self._control, 1 << 16, 1)
        return reply, received

    def _probe_messages(self) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        """The messages that preload the probes, each with the bytes of a file to pass."""
        if self._compiled is not None:
            names = [[key, name] for key, name, _ in self._probes]
            for start in range(0, max(len(names), 1), PRELOAD_NAMES):
                yield ({"op": "probes", "compiled": names[start:start + PRELOAD_NAMES],
                        "magic": importlib.util.MAGIC_NUMBER.hex(), "imports": self._imports},
                       self._compiled)
            return
        for batch in _batches(self._probes, PRELOAD_BATCH):
            yield {"op": "probes", "sources": batch, "imports": self._imports}, None

    def preload(self, found: list[probes.Probe]) -> None:
        """Define probes once in the zygote, so that every learner process inherits them, and
        import the modules they import. They go compiled (and cached, see
        :func:`probes.compiled`), so that starting a zygote compiles none; a zygote of another
        Python version refuses the bytecode and gets the sources."""
        self._probes = sorted({(probe.key, probe.name, probe.source) for probe in found})
        self._imports = sorted({name for probe in found for name in probe.imports})
        self._compiled = probes.compiled(sorted(set(found))) if found else None
        missing = self._send_probes()
        if missing and self._compiled is not None:
            self._compiled = None
            missing = self._send_probes()
        self.preloaded = {key for key, _, _ in self._probes} - missing

    def _send_probes(self) -> set[str]:
        """Preload the probes; the keys of those the zygote could not define."""
        missing: set[str] = set()
        for message, blob in self._probe_messages():
            with _passed(blob) as passed:
                reply, _ = self._ask(message, passed)
            missing.update(key for key in reply.get("missing", ()) if type(key) is str)
        return missing

    def spawn(self, settings: dict[str, Any]) -> tuple[int, socket.socket, int | None]:
        """Fork a learner process: its pid, our end of its channel, and a pidfd if any."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            reply, fds = self._ask({"op": "spawn", **settings}, (theirs.fileno(),))
        finally:
            theirs.close()
        return int(reply["pid"]), ours, (fds[0] if fds else None)

    def hello(self) -> dict[str, Any]:
        """What the zygote can do on this machine (private namespaces, mounts)."""
        return self._ask({"op": "hello"})[0]

    def mount(self, path: Path, stage: Path, size: int, inodes: int, uid: int | None) -> bool:
        return bool(self._ask({"op": "mount", "path": str(path), "stage": str(stage),
                               "size": size, "inodes": inodes, "uid": uid})[0].get("ok"))

    def unmount(self, path: Path) -> None:
        self._ask({"op": "unmount", "path": str(path)})

    def kill(self, pid: int) -> None:
        self._ask({"op": "kill", "pid": pid})

    def kill_uid(self, uid: int) -> None:
        self._ask({"op": "kill-uid", "uid": uid})

    def close_locked(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        if self._process is not None:
            try:
                os.killpg(self._process.pid, 9)
            except OSError:
                pass
            self._process.wait()
            self._process = None

    def close(self) -> None:
        with self._lock:
            self.close_locked()


@dataclass
class Sandbox:
    """Owns the zygote and a private work root; hands out one :class:`Workspace` per submission."""

    limits: Limits = field(default_factory=Limits)
    # "auto": the strongest layer the machine offers; or exactly "bubblewrap", "unshare" or
    # "basic" (no namespaces), falling back to basic when the asked one is not available.
    isolation: str = "auto"
    coverage: dict[str, Any] | None = None
    # Third-party packages learner code may import (the course runtime's, e.g. numpy): bound
    # read-only into the sandbox and imported by the zygote, so every learner process forks
    # with them loaded.
    packages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _sweep_stale_workroots()
        self.workroot = Path(tempfile.mkdtemp(prefix=f"pykata-{os.getpid()}-")).resolve()
        os.chmod(self.workroot, 0o711)
        # Coverage of trusted solutions needs the coverage package: our own interpreter, no
        # namespaces, no uid drop. Learner submissions are never graded this way.
        self._trusted = self.coverage is not None
        self._interpreter = sys.executable if self._trusted else learner_interpreter()
        self._folders = package_dirs(self.packages)
        self.root = os.getuid() == 0 and not self._trusted
        self._groups = cgroups.Groups(f"pykata-{os.getpid()}-{random.randrange(1 << 30)}") \
            if self.root else None
        self._launch_lock = threading.Lock()
        self._trial: subprocess.Popen[bytes] | None = None  # bubblewrap, on trial: see _settled
        bwrap = _bwrap_prefix(self.workroot, self._interpreter, self._folders) \
            if not self._trusted and self.isolation in ("auto", "bubblewrap") else None
        if bwrap is not None:
            # Whether bubblewrap works on this machine is tried while its zygote starts
            # (rather than before): nothing reaches the zygote until the trial has passed.
            self._trial = _try(bwrap, self._interpreter)
        if self._trial is not None:
            self._launch(bwrap, "bubblewrap namespaces")
        else:
            self._launch_without_bwrap()
        self._able: dict[str, Any] | None = None
        self._able_lock = threading.Lock()
        self._early: threading.Thread | None = None  # see preload_known
        self._early_sent: list[probes.Probe] = []
        self._uids = itertools.count(random.randrange(200_000, 2_000_000_000, 1000))
        # Workspaces are removed behind the grading, by one thread (see _tear_down); a few
        # may wait their turn, more hold the next submission back.
        self._leftovers: queue.Queue[Callable[[], None] | None] = queue.Queue(maxsize=8)
        self._reaper: threading.Thread | None = None
        self._reaper_lock = threading.Lock()

    def _launch(self, prefix: list[str] | None, namespaces: str) -> None:
        """Start the zygote, under ``prefix`` if any (the namespaces it gives)."""
        # With bubblewrap the grader's files are not there to read; elsewhere the audit hook
        # treats touching them as tampering.
        bwrap = namespaces.startswith("bubblewrap")
        self._forbidden: tuple[str, ...] = () if bwrap else FORBIDDEN
        site = SITE_IN_SANDBOX if bwrap else str(self._link_site(self._folders))
        preload = [name for package in self.packages
                   for name in (package, *SUBMODULES.get(package, ()))]
        config = {"site": site, "preload": preload, "env": ONE_THREAD}
        command = [self._interpreter, "-I", "-S", "-u", "-c", BOOT, ZYGOTE_SOURCE,
                   json.dumps(config)]
        layers = ["resource limits", "private copy", "scrubbed environment", "process group"]
        if self.root:
            layers.append("unprivileged uid")
        if self._groups is not None and self._groups.available:
            layers.append("cgroup per submission")
        if prefix is not None:
            layers.append(namespaces)
            command = prefix + command
        self._layers = tuple(layers)
        self._zygote_ = Zygote(command)
        self._zygote_.boot()  # it starts while the caller goes on (collecting the checks)

    def _launch_without_bwrap(self) -> None:
        prefix = _unshare_prefix(self._interpreter) \
            if not self._trusted and self.isolation in ("auto", "unshare") else None
        self._launch(prefix, "unshare namespaces (no private files)")

    def _settled(self) -> None:
        """Wait for bubblewrap's trial, if it is still on; where it failed, the zygote started
        under it is stopped and one with the next layer down starts instead."""
        with self._launch_lock:
            trial, self._trial = self._trial, None
            if trial is not None and not _passed_trial(trial):
                self._zygote_.close()
                self._launch_without_bwrap()

    @property
    def _zygote(self) -> Zygote:
        if self._trial is not None:
            self._settled()
        return self._zygote_

    @property
    def forbidden(self) -> tuple[str, ...]:
        """Paths the learner's audit hook must treat as the grader's (none under bubblewrap,
        where they are not there to read)."""
        if self._trial is not None:
            self._settled()
        return self._forbidden

    def _abilities(self) -> dict[str, Any]:
        """What the zygote can do here (asked once, when first needed)."""
        with self._able_lock:
            if self._able is None:
                self._able = self._zygote.hello() if self.root else {}
            return self._able

    @property
    def private_places(self) -> bool:
        """Each learner process gets its own network and /tmp."""
        return bool(self._abilities().get("private_places"))

    @property
    def mounts(self) -> bool:
        """Each private copy is a tmpfs of its own."""
        return bool(self._abilities().get("mount"))

    @property
    def layers(self) -> tuple[str, ...]:
        """The isolation layers in force, as reported with every result."""
        if self._trial is not None:
            self._settled()
        extra = (["own network and /tmp per process"] if self.private_places else []) + \
            ([f"tmpfs copy of {self.limits.disk_mb} MiB"] if self.mounts else [])
        return self._layers + tuple(extra)

    def _link_site(self, folders: list[Path]) -> Path:
        """Without a private file system: a folder of links to the allowed packages only."""
        site = self.workroot / "site"
        site.mkdir(mode=0o755)
        for folder in folders:
            (site / folder.name).symlink_to(folder, target_is_directory=True)
        return site

    def preload(self, functions: Iterable[Callable[..., Any]]) -> None:
        """Hand the zygote the probes about to be run; a speed-up only, never required."""
        found = sorted({probes.of(function) for function in functions})
        probes.save()
        early, self._early = self._early, None
        if early is not None:
            early.join()
            if self._early_sent == found:
                return
        self._zygote.preload(found)

    def preload_known(self, files: Iterable[Path]) -> None:
        """Hand the zygote, on a thread of its own, the probes last seen in these hidden test
        files, before they are collected: it defines them while it starts, rather than after
        (:meth:`preload` then sends only what differs)."""
        found = sorted(set(probes.known(files)))

        def send() -> None:
            try:
                self._zygote.preload(found)
            except Exception:  # the zygote failed to start: preload() meets it again
                return
            self._early_sent = found

        if found and self._early is None:
            self._early = threading.Thread(target=send, name="pykata-preload", daemon=True)
            self._early.start()

    def close(self) -> None:
        if self._early is not None:
            self._early.join()
        with self._reaper_lock:
            reaper, self._reaper = self._reaper, None
        if reaper is not None:  # every workspace removed before the zygote goes
            self._leftovers.put(None)
            reaper.join()
        with self._launch_lock:
            trial, self._trial = self._trial, None
        if trial is not None:
            trial.kill()
            trial.wait()
        self._zygote_.close()
        if self._groups is not None:
            self._groups.close()
        shutil.rmtree(self.workroot, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def workspace(self, files: Mapping[str, bytes]) -> Iterator[Workspace]:
        """A private copy of one submission (relative path -> bytes), removed afterwards."""
        uid = next(self._uids) if self.root else None
        workdir = Path(tempfile.mkdtemp(dir=self.workroot, prefix="sub-"))
        # Where it can, the zygote copies the files onto a tmpfs of their own (bounded in
        # bytes and files); the stage (and the learner processes' output files) stays ours.
        stage = Path(tempfile.mkdtemp(dir=self.workroot, prefix="stage-")) if self.mounts \
            else workdir
        group = None
        if self._groups is not None:
            group = self._groups.create(memory_bytes=self.limits.submission_memory_mb << 20,
                                        processes=self.limits.submission_processes)
        mounted = False
        try:
            for relative, data in files.items():
                target = stage / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            if self.mounts:
                mounted = self._zygote.mount(workdir, stage, self.limits.disk_mb << 20,
                                             self.limits.disk_files, uid)
                if not mounted:  # as good as it gets: a plain folder
                    shutil.copytree(stage, workdir, dirs_exist_ok=True)
            if uid is not None and not mounted:
                for path in [workdir, *workdir.rglob("*")]:
                    os.chown(path, uid, uid)
            os.chmod(workdir, 0o700)
            yield Workspace(self, workdir, uid, group, stage)
        finally:
            if group is not None:
                group.kill()  # at once: nothing of this submission runs on
            self._behind(lambda: self._tear_down(workdir, stage, uid, group, mounted))

    def _tear_down(self, workdir: Path, stage: Path, uid: int | None,
                   group: cgroups.Group | None, mounted: bool) -> None:
        """Remove what a workspace leaves: its cgroup once every process in it is gone, any
        process still running as its uid (one that left the group: a set-user-ID program run
        by learner code could make it root, and root can leave a group, but its real uid is
        still the learner's, so the uid-wide kill reaches it), its tmpfs and its folders."""
        if group is not None:
            group.destroy()
        if uid is not None:
            self._zygote.kill_uid(uid)
        if mounted:
            self._zygote.unmount(workdir)
        shutil.rmtree(workdir, ignore_errors=True)
        if stage != workdir:
            shutil.rmtree(stage, ignore_errors=True)

    def _behind(self, task: Callable[[], None]) -> None:
        """Run ``task`` on the reaper thread, off the grading's path (a group takes a few
        milliseconds to empty, during which the next submission is already being graded)."""
        with self._reaper_lock:
            if self._reaper is None:
                self._reaper = threading.Thread(target=self._reap, name="pykata-reaper",
                                                daemon=True)
                self._reaper.start()
        self._leftovers.put(task)

    def _reap(self) -> None:
        while (task := self._leftovers.get()) is not None:
            try:
                task()
            except Exception:  # a leftover is removed by the next grader's sweep
                pass


@dataclass
class Workspace:
    sandbox: Sandbox
    workdir: Path  # the learner's private copy (on a tmpfs where the machine allows)
    uid: int | None
    group: cgroups.Group | None = None
    stage: Path | None = None  # ours: the files as handed in, and the processes' output

    def __post_init__(self) -> None:
        if self.stage is None:
            self.stage = self.workdir

    def learner(self, module: str) -> LearnerProcess:
        return LearnerProcess(self, module)


class LearnerProcess:
    """A learner process that imports kata modules on demand; a fresh one after any crash.

    ``module`` is the module it serves by default (and names its output file); others can be
    loaded into the same process with ``load(name)`` and probed with ``run(..., module=name)``.
    """

    def __init__(self, workspace: Workspace, module: str) -> None:
        self.workspace = workspace
        self.module = module
        self._loaded: set[str] = set()  # modules imported in the current process
        self._pid: int | None = None
        self._sock: socket.socket | None = None
        self._pidfd: int | None = None
        self._watched: list[Any] = []  # what _fill waits on: the channel, and the pidfd
        self._buffer = bytearray()  # bytes received and not yet consumed
        self._seq = 0
        self._nonce = b""
        self.output = ""
        self.printed = ""  # what the learner's code printed during the last probe
        self.evidence: list[tuple[str, str]] = []  # tampering caught in the current process
        self.generation = 0  # how many processes have served so far (a new one after a crash)
        self._starting: threading.Thread | None = None  # see start()
        self._start_error: Exception | None = None

    # -- life cycle

    def _output_path(self) -> Path:
        assert self.workspace.stage is not None
        return self.workspace.stage / f".{self.module}.out"

    def _spawn(self) -> None:
        space, limits = self.workspace, self.workspace.sandbox.limits
        settings: dict[str, Any] = {
            "workdir": str(space.workdir),
            "output": str(self._output_path()),
            "uid": space.uid,
            "gid": space.uid,
            "limits": limits.rlimits(dropped=space.uid is not None),
            "env": {"PATH": "/usr/bin:/bin", "HOME": str(space.workdir), "LANG": "C.UTF-8",
                    "PYTHONIOENCODING": "utf-8", **ONE_THREAD},
            "coverage": space.sandbox.coverage,
            "nonce": secrets.token_hex(16),
            "private_places": space.sandbox.private_places,
            "forbidden": space.sandbox.forbidden,
        }
        self._nonce = settings["nonce"].encode("ascii")
        self.generation += 1
        self._pid, self._sock, self._pidfd = space.sandbox._zygote.spawn(settings)
        self._sock.setblocking(False)  # waited on with select: one system call per read
        self._watched = [self._sock] + ([self._pidfd] if self._pidfd is not None else [])
        self._buffer.clear()
        self.evidence = []
        # Into the submission's group before its first request, so before any learner code;
        # a process that cannot be placed there runs none (it would escape the group's caps).
        if space.group is not None and not space.group.add(cgroups.real_pid(self._pidfd,
                                                                            self._pid)):
            self._kill()
            raise ProbeCrashed("the learner process could not join its submission's cgroup")

    def start(self) -> None:
        """Start the process now, on a thread of its own, while the caller goes on: its fork
        and its move into the cgroup (milliseconds spent waiting on the kernel) overlap the
        caller's work. The first request waits for it, and meets any error it met."""
        if self._sock is None and self._starting is None:
            self._starting = threading.Thread(target=self._start, name="pykata-spawn",
                                              daemon=True)
            self._starting.start()

    def _start(self) -> None:
        try:
            self._spawn()
        except Exception as exc:  # raised by the first request, as if it had spawned it
            self._start_error = exc

    def _started(self) -> None:
        """Wait for a start() under way, raising what it met."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None
            error, self._start_error = self._start_error, None
            if error is not None:
                raise error

    @property
    def alive(self) -> bool:
        """A process is serving (it may have run learner code)."""
        self._started_quietly()
        return self._sock is not None

    def _started_quietly(self) -> None:
        try:
            self._started()
        except Exception:
            pass  # no process: what the next request finds out again

    def _kill(self) -> None:
        self._loaded.clear()
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None
        if self._pid is not None:
            self._collect_output()
            try:
                self.workspace.sandbox._zygote.kill(self._pid)
            except LearnerError:
                pass
            self._pid = None

    def _collect_output(self) -> None:
        try:
            with open(self._output_path(), "rb") as handle:
                self.output = handle.read(OUTPUT_KEEP).decode("utf-8", "replace")
        except OSError:
            pass

    def close(self) -> None:
        """Done with this process. A healthy one exits by itself when its channel closes;
        as root, the workspace's teardown (its cgroup and a uid-wide kill) sweeps up anything
        it left behind."""
        self._started_quietly()
        if self.workspace.uid is not None and self._sock is not None:
            self._sock.close()
            self._sock = None
            if self._pidfd is not None:
                os.close(self._pidfd)
                self._pidfd = None
            self._pid = None
            return
        self._kill()

    def __enter__(self) -> LearnerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the channel

    def _exchange(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send one request and return its reply; evidence frames that come first are kept in
        ``self.evidence``, and any of them ends the process and raises :class:`Tampered`."""
        self._started()
        if self._sock is None:
            self._spawn()
        assert self._sock is not None
        self._seq += 1
        request["seq"] = self._seq
        body = marshal.dumps(request)
        deadline = time.monotonic() + timeout
        caught = len(self.evidence)
        problem: LearnerError | None = None
        crashed = False
        try:
            self._send(HEADER.pack(len(body)) + body, deadline)
            while True:
                reply = self._frame(deadline)
                if "evidence" not in reply:
                    break
                self.evidence.extend(
                    (_text(rule), _text(message)) for rule, message in reply["evidence"])
        except socket.timeout:
            problem = ProbeTimeout(f"stopped after the {timeout:g} s limit: an endless loop, "
                                   "a blocking call or a very slow algorithm?")
        except (OSError, EOFError):
            crashed = True  # its message quotes the output that _kill collects
        except (ValueError, TypeError, KeyError, struct.error):
            problem = ProbeCrashed("the learner process wrote garbage on the grader's channel")
        except BadData:
            self._kill()
            raise
        # Evidence explains whatever happened next (a blocked operation, a dead process).
        if len(self.evidence) > caught:
            evidence = self.evidence[caught:]
            self._kill()
            raise Tampered(evidence)
        if problem is not None or crashed:
            self._kill()
            raise problem or ProbeCrashed(self._crash_message())
        if reply.get("seq") != self._seq:
            self._kill()
            raise BadData("the learner process answered out of turn")
        return reply

    def _frame(self, deadline: float) -> dict[str, Any]:
        """One frame from the learner process: its nonce, then a marshalled dict. Nothing is
        unmarshalled before the nonce matched, so what marshal reads came from the runtime."""
        buffer = self._buffer
        while len(buffer) < HEADER.size:
            self._fill(deadline)
        (length,) = HEADER.unpack_from(buffer)
        if length > MAX_REPLY:
            raise BadData(f"the answer is larger than {MAX_REPLY // 1024 // 1024} MiB")
        end = HEADER.size + length
        while len(buffer) < end:
            self._fill(deadline)
        body = bytes(buffer[HEADER.size:end])
        del buffer[:end]
        size = len(self._nonce)
        if not hmac.compare_digest(body[:size], self._nonce):
            raise ValueError("a frame without the nonce")
        try:
            frame = marshal.loads(memoryview(body)[size:])
        except (EOFError, ValueError, TypeError) as exc:
            raise ValueError(f"a malformed frame ({exc})") from None
        if type(frame) is not dict:
            raise ValueError("a frame that is not a dict")
        return frame

    def _crash_message(self) -> str:
        message = "the learner process ended abruptly (an exit call, os._exit, a crash or a limit)"
        return message + (f"; its last output: {self.output[-300:].strip()}" if self.output.strip() else "")

    def _fill(self, deadline: float) -> None:
        """Read what the learner process has sent, waiting until ``deadline`` at most;
        EOFError as soon as the process is gone."""
        assert self._sock is not None
        left = deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout
        ready, _, _ = select.select(self._watched, [], [], left)
        if self._sock in ready or (ready and select.select([self._sock], [], [], 0)[0]):
            try:
                chunk = self._sock.recv(1 << 16)
            except BlockingIOError:  # woken for nothing: wait again
                return
            if not chunk:
                raise EOFError
            self._buffer += chunk
        elif ready:  # only the pidfd: the process exited with nothing more to say
            raise EOFError

    def _send(self, data: bytes, deadline: float) -> None:
        """Send all of ``data`` before ``deadline`` (a request larger than the socket's
        buffer goes as the learner process reads it)."""
        assert self._sock is not None
        view = memoryview(data)
        while view:
            try:
                view = view[self._sock.send(view):]
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise socket.timeout from None
                select.select([], [self._sock], [], left)

    def load(self, module: str | None = None) -> None:
        """Import a kata module; raise :class:`ImportFailed` with where and what."""
        module = module or self.module
        limit = self.workspace.sandbox.limits.import_timeout
        # Each kata starts with an empty output file, so that one kata's printing cannot use up
        # the file size limit of the next (the learner process writes in append mode).
        with contextlib.suppress(OSError):
            os.truncate(self._output_path(), 0)
        try:
            reply = self._exchange({"op": "import", "module": module}, limit)
        except ProbeTimeout:
            raise ImportFailed(f"importing {module}.py did not finish within {limit:g} s "
                               "(is there an endless loop or input() at module level?)") from None
        except Tampered:
            raise
        except LearnerError as exc:
            raise ImportFailed(f"importing {module}.py ended the process: {exc}") from None
        if not reply.get("ok"):
            where = _text(reply.get("where")) or f"{module}.py"
            kind = _text(reply.get("type"))
            message = f"{kind}: {_text(reply.get('message'))}".rstrip(": ")
            if kind == "SystemExit":
                message += " (code at module level exits; move it under if __name__ == '__main__':)"
            raise ImportFailed(f"{where}: {message}")
        self._loaded.add(module)

    def run(self, probe: Callable[..., Any], *args: Any, timeout: float | None = None,
            module: str | None = None) -> Any:
        """Run ``probe(module, *args)`` in the learner process and return its plain data."""
        module = module or self.module
        limit = timeout if timeout is not None else self.workspace.sandbox.limits.probe_timeout
        if self._sock is None or module not in self._loaded:
            self.load(module)
        key, name, source, _ = probes.of(probe)
        _check_plain(args)
        request = {"op": "probe", "module": module, "key": key, "args": args}
        if key not in self.workspace.sandbox._zygote.preloaded:
            request.update(name=name, source=source)
        self.printed = ""
        reply = self._exchange(request, limit)
        data, error, self.printed = _outcome(reply)
        if error is not None:
            raise error
        return data

    def verify(self) -> None:
        """Ask the learner process whether the standard library, the builtins and the probes
        are still what the zygote had; :class:`Tampered` if not. Nothing to do before the
        first import or after the process ended (a fresh one has run no learner code)."""
        if self._sock is None or not self._loaded:
            return
        limit = self.workspace.sandbox.limits.probe_timeout
        reply = self._exchange({"op": "verify"}, limit)
        if not reply.get("ok"):
            self._kill()
            raise Tampered([("tampered", _text(reply.get("message")))])
