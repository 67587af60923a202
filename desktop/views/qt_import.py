"""PySide6's import hook, answered faster (issue 22: the window's start).

Once PySide6 is imported, its `__feature__` hook asks of every module imported after it
whether its source mentions "PySide6" (`shibokensupport.feature._mod_uses_pyside`, through
`inspect.getsource`, which looks the module up among every loaded one each time): about
0.07 s of processor time over the ORM, the models and the services the window imports
after its first paint. `quicker_feature_hook` asks the same question of the module's file
read as bytes; anything else (no file, not a .py, unreadable) goes to PySide6's own answer.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any


def quicker_feature_hook() -> bool:
    """Replace the hook's source test (once); False when this PySide6 has none to replace."""
    feature: Any = sys.modules.get("shibokensupport.feature")
    slow = getattr(feature, "_mod_uses_pyside", None)
    if slow is None:
        return False
    if getattr(slow, "_clms_quick", False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as fh:
                    return b"PySide6" in fh.read()
            except OSError:
                pass
        return bool(slow(module))

    uses_pyside._clms_quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
    return True
