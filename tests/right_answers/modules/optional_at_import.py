"""Modules, written another way: orjson is looked up once at import time, the settings are
built by a cached function, and load_plugin asks importlib.util.find_spec first."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import sys
from types import ModuleType
from typing import Any

try:
    import orjson as _orjson
except ImportError:
    _orjson = None

__all__ = ("main", "load_plugin", "fast_json_dumps", "get_settings", "import_from", "is_installed")


def main() -> None:
    """Write the self-test line."""
    sys.stdout.write("modules: self-test ok\n")


def _normalize(name: str) -> str:
    """Module name of a plugin name."""
    return "_".join(name.strip().lower().split("-"))


def load_plugin(name: str) -> ModuleType:
    """Find the plugin's spec first; only then import it."""
    module_name = _normalize(name)
    try:
        spec = importlib.util.find_spec(module_name)
    except ModuleNotFoundError as exc:  # a package above the plugin is missing
        raise LookupError(f"plugin {module_name} is not installed") from exc
    if spec is None:
        missing = ModuleNotFoundError(f"No module named {module_name!r}", name=module_name)
        raise LookupError(f"plugin {module_name} is not installed") from missing
    return importlib.import_module(module_name)


def fast_json_dumps(obj: Any) -> str:
    """orjson when it was importable when this module was loaded, json otherwise."""
    if _orjson is None:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return _orjson.dumps(obj).decode("utf-8")


settings_builds = 0


@functools.lru_cache(maxsize=None)
def _build_settings() -> dict[str, Any]:
    global settings_builds
    settings_builds += 1
    return {"debug": False, "plugins": []}


def get_settings() -> dict[str, Any]:
    """The one settings dict, built by the first call."""
    return _build_settings()


def import_from(folder: str, dotted: str) -> ModuleType:
    """Put folder first on sys.path (once) and import dotted."""
    if folder not in sys.path:
        sys.path[:0] = [folder]
    __import__(dotted)
    return sys.modules[dotted]


def is_installed(name: str) -> bool:
    """Already imported, or findable."""
    if name in sys.modules:
        return sys.modules[name] is not None
    return importlib.util.find_spec(name) is not None


if "__main__" == __name__:
    main()
