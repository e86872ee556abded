"""The zygote: a clean, pre-started process that forks learner processes.

This file is executed on its own with ``python -I -S -c <this source>``; it must not import
the grader, pytest or anything outside the standard library, because every learner process
is forked from it and inherits its memory. It holds no test, no solution and no expected
value: only the code that turns a fork into a learner process and serves probes.

Control channel (the fd named by the last argument, an AF_UNIX SOCK_SEQPACKET socket), one JSON object per message:
  {"op": "spawn", ...settings}  + one fd (the learner's end of a socketpair) -> {"pid": N}
  {"op": "kill", "pid": N}                                                   -> {"ok": true}
The zygote exits, killing every learner process it forked, when the channel closes.

Learner channel (the passed fd), framed as a 4-byte big-endian length and a JSON body:
  {"seq": N, "op": "import", "module": NAME}             -> {"seq": N, "ok": true} or error
  {"seq": N, "op": "probe", "key": K, "name": F, "args": A}  -> {"seq": N, "ok": true, "data": D}
    (K names a probe the zygote compiled beforehand; otherwise "source" carries its code)
Errors are {"seq": N, "ok": false, "kind": K, "type": T, "message": M, "where": W}.
"""

import builtins
import gc
import io
import json
import os
import signal
import socket
import struct
import sys
import traceback

# Modules a learner may reasonably import; loaded here so that a learner process that can no
# longer read the interpreter's files after dropping privileges still finds them.
PRELOAD = (
    "abc", "array", "bisect", "collections", "collections.abc", "contextlib", "copy",
    "dataclasses", "datetime", "decimal", "enum", "fractions", "functools", "heapq",
    "importlib", "importlib.util", "inspect", "io", "itertools", "keyword", "math", "numbers",
    "operator", "pathlib", "random", "re", "resource", "runpy", "statistics", "string",
    "textwrap", "time", "types", "typing", "warnings", "weakref",
)
MAX_MESSAGE = 4 * 1024 * 1024
PRINT_LIMIT = 2000
PROBES: dict = {}  # probe key -> function, defined once here and inherited by every fork
MAX_ITEMS = 100_000
MAX_DEPTH = 50


def preload(config):
    """Import what learner processes may need before they fork: the common standard library
    and the course's allowed packages (found in ``config["site"]``, one thread each)."""
    os.environ.update(config.get("env", {}))
    if config.get("site"):
        sys.path.append(config["site"])
    for name in PRELOAD + tuple(config.get("preload", ())):
        try:
            __import__(name)
        except Exception:
            pass
    # Keep what is loaded out of the collector's sight, so that forks do not copy every page
    # the first time a collection walks it.
    gc.freeze()


# ---------------------------------------------------------------- learner side


class NotPlainData(Exception):
    pass


def encode(value, depth=0, budget=None):
    """Tag plain data for JSON; refuse anything but exact builtin types."""
    if budget is None:
        budget = [MAX_ITEMS]
    budget[0] -= 1
    if budget[0] < 0:
        raise NotPlainData("the result is too large")
    if depth > MAX_DEPTH:
        raise NotPlainData("the result is nested too deeply")
    kind = type(value)
    if value is None:
        return ["n"]
    if kind is bool:
        return ["b", value]
    if kind is int:
        return ["i", str(value)]
    if kind is float:
        return ["f", value.hex()]
    if kind is str:
        return ["s", value]
    if kind is list or kind is tuple:
        tag = "l" if kind is list else "t"
        return [tag, [encode(item, depth + 1, budget) for item in value]]
    if kind is dict:
        return ["d", [[encode(k, depth + 1, budget), encode(v, depth + 1, budget)]
                      for k, v in value.items()]]
    raise NotPlainData(
        "got an object of type %s where plain data (None, bool, int, float, str, list, "
        "tuple, dict) was expected" % getattr(kind, "__qualname__", "?")
    )


def decode(tagged):
    """Rebuild plain data from its tagged form; ValueError for anything malformed."""
    if type(tagged) is not list or not tagged or type(tagged[0]) is not str:
        raise ValueError("malformed data")
    tag, value = tagged[0], (tagged[1] if len(tagged) > 1 else None)
    if tag == "n":
        return None
    if tag == "b" and type(value) is bool:
        return value
    if tag == "i" and type(value) is str:
        return int(value)
    if tag == "f" and type(value) is str:
        return float.fromhex(value)
    if tag == "s" and type(value) is str:
        return value
    if tag in ("l", "t") and type(value) is list:
        items = [decode(item) for item in value]
        return items if tag == "l" else tuple(items)
    if tag == "d" and type(value) is list:
        result = {}
        for pair in value:
            if type(pair) is not list or len(pair) != 2:
                raise ValueError("malformed dict")
            try:
                result[decode(pair[0])] = decode(pair[1])
            except TypeError:
                raise ValueError("unhashable dict key") from None
        return result
    raise ValueError("malformed data")


class Capture(io.TextIOBase):
    """What the learner's code prints during one probe, kept up to PRINT_LIMIT characters."""

    def __init__(self):
        super().__init__()
        self.parts, self.size = [], 0

    def writable(self):
        return True

    def write(self, text):
        text = text if type(text) is str else str(text)
        room = PRINT_LIMIT - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(len(text), room)
        return len(text)

    def text(self):
        return "".join(self.parts)


def define(source, name):
    """The probe function ``name`` defined by ``source``, in a namespace of its own."""
    namespace = {"__builtins__": builtins, "__name__": "probe"}
    exec(compile(source, "<probe>", "exec"), namespace)
    return namespace[name]


def send(sock, obj):
    body = json.dumps(obj).encode()
    sock.sendall(struct.pack(">I", len(body)) + body)


def recv_exact(sock, n):
    chunks = []
    while n:
        chunk = sock.recv(min(n, 65536))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def receive(sock):
    (length,) = struct.unpack(">I", recv_exact(sock, 4))
    if length > MAX_MESSAGE:
        raise EOFError
    return json.loads(recv_exact(sock, length))


def where(exc, workdir):
    """'copying.py line 12' for the innermost frame in the submission, or ''."""
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith(workdir):
        return "%s line %s" % (os.path.relpath(exc.filename, workdir), exc.lineno)
    found = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(workdir + os.sep):
            found = "%s line %s" % (os.path.relpath(frame.filename, workdir), frame.lineno)
    return found


def failure(seq, kind, exc, workdir):
    if isinstance(exc, SyntaxError):
        message = exc.msg
    else:
        try:
            message = str(exc)
        except BaseException:
            message = "<unprintable>"
    return {
        "seq": seq, "ok": False, "kind": kind, "type": type(exc).__name__,
        "message": message[:2000], "where": where(exc, workdir),
    }


def serve(sock, workdir, coverage):
    modules = {}
    while True:
        try:
            request = receive(sock)
        except (EOFError, OSError, ValueError):
            os._exit(0)
        seq = request.get("seq")
        if request.get("op") == "import":
            name = request["module"]
            try:
                modules[name] = __import__(name)
                reply = {"seq": seq, "ok": True}
            except BaseException as exc:
                reply = failure(seq, "import", exc, workdir)
        else:
            capture, saved = Capture(), (sys.stdout, sys.stderr)
            sys.stdout = sys.stderr = capture
            try:
                probe = PROBES.get(request.get("key"))
                if probe is None:
                    probe = define(request["source"], request["name"])
                module = modules[request["module"]]
                args = decode(request.get("args", ["l", []]))
                result = probe(module, *args)
                reply = {"seq": seq, "ok": True, "data": encode(result)}
            except NotPlainData as exc:
                reply = {"seq": seq, "ok": False, "kind": "data", "type": "TypeError",
                         "message": str(exc), "where": ""}
            except BaseException as exc:
                reply = failure(seq, "probe", exc, workdir)
            finally:
                sys.stdout, sys.stderr = saved
            try:
                printed = capture.text()
            except BaseException:
                printed = ""
            if printed:
                reply["printed"] = printed
        if coverage is not None:
            coverage.stop()
            coverage.save()
            coverage.start()
        try:
            send(sock, reply)
        except BaseException:
            os._exit(0)


def become_learner(sock, settings):
    """In the forked child: isolate, limit, drop privileges, then serve probes forever."""
    import resource

    os.setsid()
    fd = sock.fileno()
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

    os.environ.clear()
    os.environ.update(settings["env"])
    sys.path[:] = [workdir] + [p for p in sys.path if p and not p.startswith(workdir)]
    sys.argv[:] = [""]
    sys.dont_write_bytecode = True
    if coverage is not None:
        coverage.start()
    serve(sock, workdir, coverage)


# ---------------------------------------------------------------- zygote side


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


def main():
    preload(json.loads(sys.argv[-2]) if len(sys.argv) > 2 else {})
    control = socket.socket(fileno=int(sys.argv[-1]))
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    children = set()
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
            for key, name, source in request["sources"]:
                try:
                    PROBES[key] = define(source, name)
                except Exception:
                    pass
            control.send(b'{"ok": true}')
        elif request["op"] == "spawn":
            learner = socket.socket(fileno=fds[0])
            pid = os.fork()
            if pid == 0:
                try:
                    control.close()
                    become_learner(learner, request)
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
        elif request["op"] == "kill":
            kill(request["pid"])
            children.discard(request["pid"])
            control.send(b'{"ok": true}')
        elif request["op"] == "kill-uid":
            kill_uid(request["uid"])
            control.send(b'{"ok": true}')
        reap(children)


if __name__ == "__main__":
    main()
