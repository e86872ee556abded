# loses: test_settings_shared
# Returns a copy of the settings, so changes made by one caller are lost to the others.
"""Modules and third-party modules (使用模块、使用第三方模块).

A module is a ``.py`` file. Importing it the first time runs its top-level code once and
stores the module in ``sys.modules``; every later ``import`` (or ``importlib.import_module``)
hands back that same module object, so module-level state is created once per process.

``__name__`` is the module's name when it is imported and ``"__main__"`` when the file is run
as a script: code under ``if __name__ == "__main__":`` runs only then. ``__all__`` lists the
names ``from module import *`` copies; names starting with ``_`` are private by convention
(star-import skips them, but ``module._name`` still reaches them). ``importlib.import_module``
imports a module whose name is only known at run time, and an optional third-party package is
imported inside ``try``/``except ImportError`` with a fallback for when it is not installed.
"""

from __future__ import annotations

import importlib
import json
from types import ModuleType
from typing import Any

# The public API: what ``from modules import *`` copies (task 2).
__all__ = ["fast_json_dumps", "get_settings", "load_plugin", "main"]


def main() -> None:
    """Print exactly one line, ``modules: self-test ok``, and return None.

    Then make the file run ``main()`` when it is executed as a script (``python modules.py``)
    but not when it is imported: importing this module must print nothing.

    >>> main()
    modules: self-test ok
    """
    print("modules: self-test ok")


def _normalize(name: str) -> str:
    """Private helper: turn a plugin name into a module name (strip spaces, lower case,
    ``-`` becomes ``_``). Not exported by ``from modules import *``.

    >>> _normalize("  Fast-JSON ")
    'fast_json'
    """
    return name.strip().lower().replace("-", "_")


def load_plugin(name: str) -> ModuleType:
    """Import the plugin module called ``_normalize(name)`` and return it (dotted names too).

    A plugin that does not exist raises ``LookupError`` naming the plugin, chained to the
    original ImportError with ``raise ... from``. Any other error a plugin raises while it
    is being imported is not hidden: it propagates unchanged.

    >>> load_plugin("JSON") is json
    True
    >>> load_plugin("json.decoder").__name__
    'json.decoder'
    """
    module_name = _normalize(name)
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        raise LookupError(f"no plugin named {module_name!r}") from exc


def fast_json_dumps(obj: Any) -> str:
    """Serialize ``obj`` to compact JSON text with the optional ``orjson`` package if it can be
    imported, and with the standard ``json`` module (separators ``","`` and ``":"``, the same
    compact output) if it cannot. ``orjson.dumps`` returns bytes: return a ``str`` either way.

    >>> fast_json_dumps({"a": [1, 2], "b": None})
    '{"a":[1,2],"b":null}'
    """
    try:
        import orjson
    except ImportError:
        return json.dumps(obj, separators=(",", ":"))
    return orjson.dumps(obj).decode()


settings_builds = 0  # how many times the settings dict was built in this process
_settings: dict[str, Any] | None = None


def get_settings() -> dict[str, Any]:
    """Return the module's one settings dict, ``{"debug": False, "plugins": []}`` at first.

    Build it on the first call (adding 1 to the module's ``settings_builds``) and hand back
    that very same dict on every later call, so a change made by one caller is seen by all.
    Importing the module again must not build it again.

    >>> s = get_settings()
    >>> s is get_settings(), s
    (True, {'debug': False, 'plugins': []})
    """
    global _settings, settings_builds
    if _settings is None:
        settings_builds += 1
        _settings = {"debug": False, "plugins": []}
    return dict(_settings)


if __name__ == "__main__":
    main()
