"""Modules, written another way: orjson is detected with find_spec, state lives in a dict, and
load_plugin checks the missing module's name against the plugin and its packages."""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
from types import ModuleType
from typing import Any

__all__ = [name for name in ("fast_json_dumps", "get_settings", "import_from", "is_installed",
                             "load_plugin", "main")]


def main() -> None:
    """Print the self-test line."""
    print("modules:", "self-test", "ok")


def _normalize(name: str) -> str:
    """Module name of a plugin name."""
    return re.sub("-", "_", name.strip()).lower()


def load_plugin(name: str) -> ModuleType:
    """Import the plugin; only its own absence becomes a LookupError."""
    module_name = _normalize(name)
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        parts = module_name.split(".")
        prefixes = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        if exc.name in prefixes:
            raise LookupError(f"cannot find the plugin {name!r} ({module_name})") from exc
        raise


def fast_json_dumps(obj: Any) -> str:
    """orjson when find_spec finds it, json otherwise."""
    if importlib.util.find_spec("orjson") is None:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    orjson = importlib.import_module("orjson")
    return str(orjson.dumps(obj), "utf-8")


settings_builds = 0
_state: dict[str, dict[str, Any]] = {}


def get_settings() -> dict[str, Any]:
    """The one settings dict, built by the first call."""
    global settings_builds
    if "settings" not in _state:
        settings_builds += 1
        _state["settings"] = {"debug": False, "plugins": []}
    return _state["settings"]


def import_from(folder: str, dotted: str) -> ModuleType:
    """Put folder first on sys.path (once) and import dotted."""
    if sys.path.count(folder) == 0:
        sys.path.insert(0, folder)
    module = importlib.import_module(dotted)
    return module


def is_installed(name: str) -> bool:
    """Whether a finder knows the module."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


if __name__ == "__main__":
    main()
