"""CLMS Desktop."""

from desktop import import_hook

import_hook.install()  # PySide6's import hook keeps no module's source, whenever it loads
