"""PySide6's import hook without the source it keeps: memory bounded at start (issue 22).

Once PySide6 is imported, its `__feature__` hook asks of every module imported after it
whether the module's source names PySide6 (`shibokensupport.feature._mod_uses_pyside`),
through `inspect.getsource`: that puts the whole source of each module into `linecache`,
for good. With SQLAlchemy, the central schema and the screens imported after PySide6, that
is about 8 MB of text held as ~200,000 line strings, 15-20 MB of RSS that never goes back
(freeing the cache later leaves the arenas fragmented). `quiet_feature_hook()` gives the
hook the same answer read through the module's loader, which caches nothing.

No Qt is imported here: the patch applies only if PySide6 is already loaded, so domain code
may call it (`desktop/__init__.py` does, for modules imported after PySide6).
"""

from __future__ import annotations

import sys
from types import ModuleType


def _mod_uses_pyside(module: ModuleType) -> bool:
    """True if the module's source names PySide6 (the hook's own test, without linecache)."""
    try:
        spec = getattr(module, "__spec__", None)
        loader = getattr(spec, "loader", None)
        get_source = getattr(loader, "get_source", None)
        source = get_source(module.__name__) if get_source is not None else None
    except (ImportError, OSError, SyntaxError, TypeError, UnicodeDecodeError):
        return False
    return isinstance(source, str) and "PySide6" in source


def quiet_feature_hook() -> bool:
    """Make PySide6's import hook stop caching module sources; True if it is patched now."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        return False
    feature._mod_uses_pyside = _mod_uses_pyside
    return True
