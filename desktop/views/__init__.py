"""The window's screens (Qt)."""

from desktop.import_hook import quiet_feature_hook

quiet_feature_hook()  # PySide6's import hook keeps no module's source (issue 22)
