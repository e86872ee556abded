"""Modules and third-party modules (使用模块、使用第三方模块).

A module is a ``.py`` file. Importing it the first time runs its top-level code once and
stores the module in ``sys.modules``; every later ``import`` (or ``importlib.import_module``)
hands back that same module object, so module-level state is created once per process.

``__name__`` is the module's name when it is imported and ``"__main__"`` when the file is run
as a script: code under ``if __name__ == "__main__":`` runs only then. Names starting with
``_`` are private by convention: ``module._name`` still reaches them, and without ``__all__``
``from module import *`` skips them while copying every other global (imported modules too).
``__all__`` replaces that rule: star-import then copies exactly the names it lists.

A *package* is a folder of modules with an ``__init__.py``; ``import shop.cart`` runs
``shop/__init__.py`` and then ``shop/cart.py``. Python looks for top-level names along the
folders of ``sys.path``. ``importlib.import_module`` imports a module whose name is only known
at run time; ``importlib.util.find_spec`` tells whether one could be imported, without running
it. An optional third-party package is imported inside ``try``/``except ImportError`` with a
fallback for when it is not installed.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check modules``.
"""

from __future__ import annotations

import importlib  # noqa: F401  (you will want it)
import importlib.util  # noqa: F401
import json  # noqa: F401
import sys  # noqa: F401
from types import ModuleType
from typing import Any

# Task 2: define __all__ here, the list of public names that ``from modules import *`` copies:
# fast_json_dumps, get_settings, import_from, is_installed, load_plugin and main.


def main() -> None:
    """Print exactly one line, ``modules: self-test ok``, and return None.

    Then make the file run ``main()`` when it is executed as a script (``python modules.py``)
    but not when it is imported: importing this module must print nothing.

    >>> main()
    modules: self-test ok
    """
    raise NotImplementedError


def _normalize(name: str) -> str:
    """Private helper: turn a plugin name into a module name (strip spaces, lower case,
    ``-`` becomes ``_``). Not exported by ``from modules import *``.

    >>> _normalize("  Fast-JSON ")
    'fast_json'
    """
    raise NotImplementedError


def load_plugin(name: str) -> ModuleType:
    """Import the plugin module called ``_normalize(name)`` and return it (dotted names too).

    A plugin that does not exist raises ``LookupError`` naming the plugin, chained with
    ``raise ... from`` to the ``ModuleNotFoundError`` that says so: the one whose ``name`` is
    the plugin's module, or a package above it for a dotted name (``"shop"`` for
    ``"shop.cart"``). Any other error is not hidden: it propagates unchanged. That includes a
    ``ModuleNotFoundError`` for a module the plugin itself imports: an installed plugin whose
    own dependency is missing is not a missing plugin.

    >>> load_plugin("JSON") is json
    True
    >>> load_plugin("json.decoder").__name__
    'json.decoder'
    """
    raise NotImplementedError


def fast_json_dumps(obj: Any) -> str:
    """Serialize ``obj`` to compact JSON text with the optional ``orjson`` package if it can be
    imported, and with the standard ``json`` module if it cannot. ``orjson.dumps`` returns
    bytes: return a ``str`` either way. An error orjson raises is not hidden by the fallback.

    For str keys and finite numbers the fallback writes what orjson writes: no spaces
    (separators ``","`` and ``":"``) and non-ASCII text as it is, not as ``\\u`` escapes
    (``ensure_ascii=False``). Elsewhere they differ, so keep to such data: orjson writes NaN
    as ``null`` and refuses a non-str key with a TypeError, where json writes ``NaN`` and
    turns the key ``1`` into ``"1"``.

    >>> fast_json_dumps({"a": [1, 2], "b": None, "名": "é"})
    '{"a":[1,2],"b":null,"名":"é"}'
    """
    raise NotImplementedError


settings_builds = 0  # how many times the settings dict was built in this process
_settings: dict[str, Any] | None = None


def get_settings() -> dict[str, Any]:
    """Return the module's one settings dict, ``{"debug": False, "plugins": []}`` at first.

    Build it on the first call, not at import time (adding 1 to the module's
    ``settings_builds``), and hand back that very same dict on every later call, even after a
    caller has emptied it, so a change made by one caller is seen by all. Importing the module
    again must not build it again.

    >>> s = get_settings()
    >>> s is get_settings(), s
    (True, {'debug': False, 'plugins': []})
    """
    raise NotImplementedError


def import_from(folder: str, dotted: str) -> ModuleType:
    """Import the module ``dotted`` (``"shop"``, ``"shop.cart"``...) from ``folder``, a folder of
    packages that is not on ``sys.path`` yet, and return it.

    Put ``folder`` at the front of ``sys.path`` (index 0, so that it wins over same-named
    modules further down), but only once: when it is already on ``sys.path``, leave the list
    alone. Then import ``dotted`` the normal way, as part of its package, so that the
    package's ``__init__.py`` runs first and relative imports (``from . import prices``) work.

    >>> cart = import_from("/srv/plugins", "shop.cart")  # /srv/plugins/shop/__init__.py, cart.py
    >>> cart.__name__, sys.path[0]
    ('shop.cart', '/srv/plugins')
    """
    raise NotImplementedError


def is_installed(name: str) -> bool:
    """Tell whether the top-level module ``name`` could be imported, without importing it.

    Importing runs the module's code, which may be slow or have side effects; ask the import
    system where the module would be loaded from instead (its spec), which is None when there
    is no such module. A module already imported counts as installed; one that
    ``sys.modules`` maps to None (how Python blocks an import) does not.

    >>> is_installed("json"), is_installed("kata_no_such_module")
    (True, False)
    """
    raise NotImplementedError
