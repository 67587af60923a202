"""CLMS Desktop."""

from desktop.import_hook import quiet_feature_hook

quiet_feature_hook()  # PySide6 loaded first (a tool, a test): its hook keeps no sources
