"""Hidden tests for the `modules` kata: __name__, __all__, private names, importlib, optional
dependencies, module state, packages and sys.path."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: main and __main__


def probe_import_quietly(m):
    import contextlib
    import importlib.util
    import io

    # names that sort before and after "__main__": only == "__main__" tells them all apart
    with contextlib.redirect_stdout(io.StringIO()) as on_import:
        for name in ("__kata_quiet_copy", m.__name__ + "_quiet_copy"):
            spec = importlib.util.spec_from_file_location(name, m.__file__)
            twin = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(twin)
    with contextlib.redirect_stdout(io.StringIO()) as on_call:
        returned = twin.main()
    return {"import": on_import.getvalue(), "call": on_call.getvalue(),
            "returned_none": returned is None}


def probe_run_as_script(m):
    import contextlib
    import io
    import runpy

    main_name = "".join(["__main", "__"])  # equal to "__main__", but not the same object
    with contextlib.redirect_stdout(io.StringIO()) as out:
        runpy.run_path(m.__file__, run_name=main_name)
    if not out.getvalue():
        with contextlib.redirect_stdout(io.StringIO()):
            m.main()  # the stub's main() still raises NotImplementedError: nothing to run yet
    return out.getvalue()


@task(1)
def test_main_prints_line(learner):
    """main() prints exactly the line "modules: self-test ok" and returns None."""
    got = learner.run(probe_import_quietly)
    assert got["call"] == "modules: self-test ok\n", f"main() printed {got['call']!r}"
    assert got["returned_none"], "main() should print the line, not return it"


@points(2)
@task(1)
def test_import_is_quiet(learner):
    """Importing the module prints nothing: main() runs only when it is called."""
    got = learner.run(probe_import_quietly)
    assert got["import"] == "", f"importing printed {got['import']!r}: guard the call to main()"
    assert got["call"] == "modules: self-test ok\n"


@points(2)
@task(1)
def test_runs_as_script(learner):
    """Running the file as a script (__name__ == "__main__") prints the self-test line once."""
    got = learner.run(probe_run_as_script)
    assert got == "modules: self-test ok\n", (
        f"run as a script it printed {got!r}: what is __name__ then?")


# ---------------------------------------------------------------- task 2: __all__


def probe_star_import(m):
    if not hasattr(m, "__all__"):
        raise NotImplementedError("the module defines no __all__ yet")
    namespace = {}
    exec(f"from {m.__name__} import *", namespace)
    return sorted(name for name in namespace if name != "__builtins__")


def probe_dunder_all(m):
    names = getattr(m, "__all__", None)
    if names is None:
        raise NotImplementedError("the module defines no __all__ yet")
    return {
        "type": type(names).__name__,
        "all_str": all(type(name) is str for name in names),
        "missing": sorted(str(n) for n in names if not hasattr(m, str(n))),
        "private": sorted(str(n) for n in names if str(n).startswith("_")),
    }


@points(2)
@task(2)
def test_star_import_exports_api(learner):
    """from modules import * gives exactly the six public functions the stub names."""
    got = learner.run(probe_star_import)
    assert got == ["fast_json_dumps", "get_settings", "import_from", "is_installed",
                   "load_plugin", "main"], f"star-import gave {got}"


@task(2)
def test_star_import_no_leaks(learner):
    """Star-import does not leak what the module itself imported (json, importlib, Any...)."""
    got = learner.run(probe_star_import)
    leaked = sorted(set(got) & {"json", "importlib", "annotations", "Any", "ModuleType", "sys",
                                "settings_builds"})
    assert not leaked, f"star-import also copies {leaked}: list the public API in __all__"


@task(2)
def test_dunder_all_well_formed(learner):
    """__all__ is a list of names that exist in the module, none of them private."""
    got = learner.run(probe_dunder_all)
    assert got["type"] in ("list", "tuple") and got["all_str"], "__all__ should be a list of str"
    assert not got["missing"], f"__all__ names {got['missing']}, which the module does not define"
    assert not got["private"], f"__all__ exports private names {got['private']}"


# ---------------------------------------------------------------- task 3: _normalize


def probe_normalize(m):
    namespace = {}
    exec(f"from {m.__name__} import *", namespace)
    helper = getattr(m, "_normalize", None)
    return {
        "values": [helper(s) for s in ("  Fast-JSON ", "json", "My-Cool-Plugin")],
        "star_exported": "_normalize" in namespace,
        "in_all": "_normalize" in list(getattr(m, "__all__", [])),
    }


@task(3)
def test_normalize_values(learner):
    """_normalize strips spaces, lower-cases and turns "-" into "_"."""
    got = learner.run(probe_normalize)
    assert got["values"] == ["fast_json", "json", "my_cool_plugin"], f"got {got['values']}"


@points(2)
@task(3)
def test_normalize_stays_private(learner):
    """_normalize is reachable as modules._normalize but not exported by star-import."""
    got = learner.run(probe_normalize)
    assert not got["star_exported"] and not got["in_all"], (
        "a private helper should not be exported by from modules import *")


# ---------------------------------------------------------------- task 4: load_plugin


def probe_load_stdlib(m, name):
    import sys

    module = m.load_plugin(name)
    return {"name": getattr(module, "__name__", None),
            "same_object": module is sys.modules.get(getattr(module, "__name__", ""))}


def probe_load_written(m, requested, stem, body):
    import importlib
    import os
    import sys

    with open(os.path.join(os.getcwd(), stem + ".py"), "w", encoding="utf-8") as handle:
        handle.write(body)
    importlib.invalidate_caches()
    sys.modules.pop(stem, None)
    try:
        module = m.load_plugin(requested)
    except NotImplementedError:
        raise
    except Exception as exc:
        missing = exc.name if isinstance(exc, ModuleNotFoundError) else None
        return {"raised": type(exc).__name__, "message": str(exc), "missing": missing}
    return {"raised": None, "name": getattr(module, "__name__", None),
            "value": getattr(module, "VALUE", None),
            "same_object": module is sys.modules.get(stem)}


def probe_load_missing(m, name):
    try:
        m.load_plugin(name)
    except LookupError as exc:
        cause = exc.__cause__
        return {"raised": "LookupError", "message": str(exc),
                "cause": type(cause).__name__ if cause is not None else None,
                "cause_is_import_error": isinstance(cause, ImportError)}
    except NotImplementedError:
        raise
    except Exception as exc:
        return {"raised": type(exc).__name__, "message": str(exc)}
    return {"raised": None}


@task(4)
def test_load_plugin_stdlib(learner):
    """load_plugin("json") returns the json module itself (the one in sys.modules)."""
    got = learner.run(probe_load_stdlib, "json")
    assert got == {"name": "json", "same_object": True}


@task(4)
def test_load_plugin_dotted(learner):
    """load_plugin("json.decoder") returns the submodule json.decoder, not the package json."""
    got = learner.run(probe_load_stdlib, "json.decoder")
    assert got["name"] == "json.decoder", (
        f"got the module {got['name']!r}: __import__ returns the top package")
    assert got["same_object"]


@points(2)
@task(4)
def test_load_plugin_from_folder(learner):
    """A plugin file next to the module is found by its (normalized) name at run time."""
    body = "VALUE = 42\n"
    got = learner.run(probe_load_written, "kata_plugin_alpha", "kata_plugin_alpha", body)
    assert got.get("raised") is None, f"{got.get('raised')}: {got.get('message')}"
    assert got == {"raised": None, "name": "kata_plugin_alpha", "value": 42, "same_object": True}
    got = learner.run(probe_load_written, " Kata-Plugin-Beta ", "kata_plugin_beta", body)
    assert got.get("name") == "kata_plugin_beta", "load_plugin should use _normalize(name)"


@points(2)
@task(4)
def test_load_plugin_missing(learner):
    """A missing plugin raises LookupError naming it, chained (from) to the ImportError."""
    got = learner.run(probe_load_missing, "kata_no_such_plugin")
    assert got["raised"] == "LookupError", f"got {got['raised']} instead of LookupError"
    assert "kata_no_such_plugin" in got["message"], "the error message should name the plugin"
    assert got["cause_is_import_error"], (
        f"__cause__ is {got['cause']}: use raise ... from the ImportError")


@task(4)
def test_load_plugin_missing_dotted(learner):
    """A dotted plugin whose package or module is missing raises LookupError too."""
    for name in ("kata_no_such_package.tools", "json.kata_no_such_part"):
        got = learner.run(probe_load_missing, name)
        assert got["raised"] == "LookupError", (
            f"load_plugin({name!r}) raised {got['raised']}: the missing module may be a "
            "package above the plugin")


@points(2)
@task(4)
def test_load_plugin_missing_dependency_propagates(learner):
    """A plugin that exists but imports a missing module raises that ModuleNotFoundError."""
    body = "import kata_needy\n"  # missing, and its name is a prefix of the plugin's
    got = learner.run(probe_load_written, "kata_needy_plugin", "kata_needy_plugin", body)
    assert got["raised"] == "ModuleNotFoundError", (
        f"got {got['raised']}: the plugin is installed, a module it imports is not; "
        "the error's name says which module is missing")
    assert got["missing"] == "kata_needy"


@task(4)
def test_load_plugin_broken_propagates(learner):
    """A plugin that exists but fails while importing raises its own error, not LookupError."""
    body = "raise ValueError('kata plugin is broken')\n"
    got = learner.run(probe_load_written, "kata_plugin_broken", "kata_plugin_broken", body)
    assert got["raised"] == "ValueError", (
        f"got {got['raised']}: catch only ImportError, so real bugs in a plugin stay visible")


# ---------------------------------------------------------------- task 5: fast_json_dumps


def probe_json(m, fake_installed, payload):
    import importlib.machinery
    import runpy
    import sys
    import types

    data = {"plain": {"a": [1, 2], "b": None}, "text": {"名": "é", "a": "ü"},
            "int_keys": {1: "one"}}[payload]
    calls = []
    saved = sys.modules.get("orjson", "absent")
    if fake_installed:
        fake = types.ModuleType("orjson")
        fake.__spec__ = importlib.machinery.ModuleSpec("orjson", None)  # as an import sets it

        def dumps(obj):
            calls.append(obj)
            if any(type(key) is not str for key in obj):
                raise TypeError("Dict key must be str")  # what orjson does
            return b'{"from":"orjson"}'

        fake.dumps = dumps
        sys.modules["orjson"] = fake
    else:
        sys.modules["orjson"] = None  # makes "import orjson" raise ImportError
    try:
        fresh = runpy.run_path(m.__file__, run_name=m.__name__ + "_json_copy")
        try:
            result = fresh["fast_json_dumps"](data)
        except NotImplementedError:
            raise
        except Exception as exc:
            return {"raised": type(exc).__name__, "calls": len(calls)}
    finally:
        if saved == "absent":
            sys.modules.pop("orjson", None)
        else:
            sys.modules["orjson"] = saved
    return {"raised": None, "type": type(result).__name__,
            "text": result if isinstance(result, str) else repr(result), "calls": len(calls)}


@points(2)
@task(5)
def test_json_without_orjson(learner):
    """Without orjson installed, fast_json_dumps falls back to json with compact output."""
    got = learner.run(probe_json, False, "plain")
    assert got["raised"] is None, f"the fallback raised {got['raised']}"
    assert got["type"] == "str"
    assert got["text"] == '{"a":[1,2],"b":null}', f"got {got['text']!r}"


@task(5)
def test_json_fallback_keeps_unicode(learner):
    """Like orjson, the json fallback writes non-ASCII text as it is, not as \\u escapes."""
    got = learner.run(probe_json, False, "text")
    assert got["raised"] is None, f"the fallback raised {got['raised']}"
    assert got["text"].replace(" ", "") == '{"名":"é","a":"ü"}', (
        f"got {got['text']!r}: json escapes non-ASCII letters unless told otherwise")


@points(2)
@task(5)
def test_json_with_orjson(learner):
    """With orjson installed, fast_json_dumps uses orjson.dumps and returns a str."""
    got = learner.run(probe_json, True, "plain")
    assert got["calls"] == 1, "orjson is importable but orjson.dumps was not called"
    assert got["raised"] is None, f"fast_json_dumps raised {got['raised']}"
    assert got["type"] == "str", f"returned {got['type']}: orjson.dumps gives bytes, decode them"
    assert got["text"] == '{"from":"orjson"}'


@task(5)
def test_json_orjson_errors_not_hidden(learner):
    """When orjson is installed and refuses the data (a non-str key), its TypeError propagates."""
    got = learner.run(probe_json, True, "int_keys")
    assert got["calls"] == 1, "orjson is importable but orjson.dumps was not called"
    assert got["raised"] == "TypeError", (
        "orjson's error was hidden: only a failed import should lead to the fallback")


# ---------------------------------------------------------------- task 6: get_settings


def probe_settings_fresh(m):
    import importlib.util

    spec = importlib.util.spec_from_file_location(m.__name__ + "_settings_copy", m.__file__)
    twin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(twin)
    at_import = twin.settings_builds
    first = twin.get_settings()
    for _ in range(3):
        twin.get_settings()
    return {"at_import": at_import, "after_calls": twin.settings_builds, "value": first}


def probe_settings_shared(m):
    first = m.get_settings()
    second = m.get_settings()
    first["kata_probe"] = "seen"
    try:
        seen = m.get_settings().get("kata_probe")
    finally:
        first.pop("kata_probe", None)
    kept = dict(first)
    first.clear()  # an empty dict is falsy, and still the one settings dict
    try:
        after_clear = m.get_settings() is first
    finally:
        first.update(kept)
    return {"same": first is second, "seen": seen, "after_clear": after_clear}


def probe_settings_reimport(m):
    import importlib
    import sys

    settings = m.get_settings()
    before = m.settings_builds
    again = importlib.import_module(m.__name__)
    plain = __import__(m.__name__)
    return {
        "same_module": again is m and plain is m and sys.modules[m.__name__] is m,
        "builds_before": before,
        "builds_after": again.settings_builds,
        "keys": sorted(settings),
    }


@points(2)
@task(6)
def test_settings_built_once(learner):
    """get_settings() builds the settings on its first call only: settings_builds goes 0 -> 1."""
    got = learner.run(probe_settings_fresh)
    assert got["value"] == {"debug": False, "plugins": []}, f"first settings: {got['value']}"
    assert got["at_import"] == 0, "the settings were built at import time, not on the first call"
    assert got["after_calls"] == 1, (
        f"settings_builds went {got['at_import']} -> {got['after_calls']} over 4 calls")


@points(2)
@task(6)
def test_settings_shared(learner):
    """Every call returns the very same dict: a change made by one caller is seen by all."""
    got = learner.run(probe_settings_shared)
    assert (got["same"], got["seen"]) == (True, "seen"), "get_settings() handed out different dicts"
    assert got["after_clear"], (
        "once a caller emptied the settings, a new dict was built: test for None, not falsiness")


@task(6)
def test_settings_survive_reimport(learner):
    """Importing the module again returns the same module and does not rebuild its state."""
    got = learner.run(probe_settings_reimport)
    assert got["same_module"]
    assert got["keys"] == ["debug", "plugins"]
    assert got["builds_after"] == got["builds_before"] >= 1, "importing again rebuilt the settings"


# ---------------------------------------------------------------- task 7: import_from


def probe_import_from_package(m, package):
    import os
    import sys

    # a folder of its own in the private copy (tempfile would change tempfile's own state)
    folder = os.path.join(os.getcwd(), "kata_packages_" + package)
    os.makedirs(os.path.join(folder, package), exist_ok=True)
    files = {"__init__.py": "INIT_RAN = True\n", "prices.py": "TAX = 0.25\n",
             "cart.py": "from . import prices\n\n\ndef total(amount):\n"
                        "    return amount * (1 + prices.TAX)\n"}
    for filename, body in files.items():
        with open(os.path.join(folder, package, filename), "w", encoding="utf-8") as handle:
            handle.write(body)
    saved = list(sys.path)
    try:
        cart = m.import_from(folder, package + ".cart")
        top = m.import_from(folder, package)
    finally:
        sys.path[:] = saved
    found = sys.modules.get(package)
    return {"name": getattr(cart, "__name__", None), "total": cart.total(8),
            "same_object": cart is sys.modules.get(package + ".cart"),
            "package": top is found and hasattr(found, "__path__"),
            "init_ran": getattr(found, "INIT_RAN", False) is True}


def probe_import_from_path(m, stem):
    import os
    import sys

    folders = [os.path.join(os.getcwd(), "kata_path_" + name) for name in (stem, stem + "_late")]
    for folder, name in zip(folders, (stem, stem + "_late")):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name + ".py"), "w", encoding="utf-8") as handle:
            handle.write("VALUE = 7\n")
    new, late = folders
    saved = list(sys.path)
    try:
        value = m.import_from(new, stem).VALUE
        after_first = list(sys.path)
        m.import_from(new, stem)
        after_second = list(sys.path)
        sys.path[:] = saved + [late]  # a folder already on sys.path, at its end
        m.import_from(late, stem + "_late")
        late_kept = sys.path == saved + [late]
    finally:
        sys.path[:] = saved
    return {"value": value, "front": after_first[:1] == [new],
            "added_once": after_first == [new] + saved, "second_kept": after_second == after_first,
            "late_kept": late_kept}


@points(2)
@task(7)
def test_import_from_package(learner):
    """import_from(folder, "pkg.cart") imports the submodule as part of its package."""
    got = learner.run(probe_import_from_package, "kata_shop_alpha")
    assert got["name"] == "kata_shop_alpha.cart", f"got the module {got['name']!r}"
    assert got["total"] == 10.0 and got["same_object"]
    assert got["package"] and got["init_ran"], (
        "the package itself was not imported: its __init__.py should run first")


@points(2)
@task(7)
def test_import_from_sys_path_once(learner):
    """import_from puts the folder at the front of sys.path once, and leaves a listed one alone."""
    got = learner.run(probe_import_from_path, "kata_path_module")
    assert got["value"] == 7
    assert got["front"], "the folder should go at the front of sys.path (index 0)"
    assert got["added_once"], "sys.path should gain the folder and nothing else"
    assert got["second_kept"], "a second call added the folder again: check whether it is there"
    assert got["late_kept"], "a folder already on sys.path was added again or moved"


# ---------------------------------------------------------------- task 8: is_installed


def probe_is_installed(m, stem):
    import importlib
    import os
    import sys

    blocked = stem + "_blocked"
    for name in (stem, blocked):
        with open(os.path.join(os.getcwd(), name + ".py"), "w", encoding="utf-8") as handle:
            handle.write("IMPORTED = True\n")
    importlib.invalidate_caches()
    sys.modules[blocked] = None  # installed, but blocked: "import" raises ImportError
    try:
        answers = {key: m.is_installed(name) for key, name in (
            ("json", "json"), ("file", stem), ("missing", "kata_no_such_module"),
            ("blocked", blocked))}
    finally:
        if sys.modules.get(blocked, 0) is None:
            del sys.modules[blocked]
    return {"answers": {k: v if type(v) is bool else type(v).__name__ for k, v in answers.items()},
            "imported": stem in sys.modules}


@points(2)
@task(8)
def test_is_installed_answers(learner):
    """is_installed is True for json and a module file on the path, False for a missing one."""
    got = learner.run(probe_is_installed, "kata_optional_alpha")["answers"]
    assert got["json"] is True and got["file"] is True, (
        f"got {got}: a module not imported yet can still be installed")
    assert got["missing"] is False, f"got {got['missing']!r} for a module that does not exist"
    assert got["blocked"] is False, (
        f"got {got['blocked']!r} for a module that sys.modules maps to None")


@task(8)
def test_is_installed_does_not_import(learner):
    """is_installed answers without importing the module (its code does not run)."""
    got = learner.run(probe_is_installed, "kata_optional_beta")
    assert not got["imported"], "is_installed imported the module to find out"
