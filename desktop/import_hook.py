"""PySide6's import hook without the source it keeps: memory bounded at start (issue 22).

Once PySide6 is imported, its `__feature__` hook asks of every module imported after it
whether the module's source names PySide6 (`shibokensupport.feature._mod_uses_pyside`),
through `inspect.getsource`: that puts the whole source of each module into `linecache`,
for good. With SQLAlchemy, the central schema and the screens imported after PySide6, that
is about 8 MB of text held as ~200,000 line strings, 15-20 MB of RSS that never goes back
(freeing the cache later leaves the arenas fragmented). `quiet_feature_hook()` gives the
hook the same answer read through the module's loader, which caches nothing.

No Qt is imported here, so domain code may call `install()` (`desktop/__init__.py` does):
it patches the hook now if PySide6 is loaded, else on the first import after PySide6 has
loaded (a finder at the head of `sys.meta_path` that looks, answers nothing, and leaves
once it has patched), whatever the order of imports (a tool, a test, the window).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType


def _mod_uses_pyside(module: ModuleType) -> bool:
    """True if the module's source names PySide6 (the hook's own test, without linecache).

    A .py file is read as bytes (no decoding, no lookup among the loaded modules: the
    quickest form of the question, which the window's start asks of every module it imports
    after its first paint); anything else asks the module's loader for its source."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as fh:
                return b"PySide6" in fh.read()
        except OSError:
            pass
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
    vars(feature)["_mod_uses_pyside"] = _mod_uses_pyside  # the hook looks it up by name
    return True


class _PatchOnceLoaded:
    """A meta path finder that patches PySide6's hook as soon as PySide6 is loaded."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        """Never finds anything; patches the hook once it can, then leaves."""
        if quiet_feature_hook():
            # A new list: the import running now goes on over the old one.
            sys.meta_path = [f for f in sys.meta_path if not isinstance(f, _PatchOnceLoaded)]
        return None


def install() -> None:
    """Patch PySide6's import hook now, or as soon as PySide6 is imported."""
    if quiet_feature_hook():
        return
    if not any(isinstance(f, _PatchOnceLoaded) for f in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnceLoaded())
