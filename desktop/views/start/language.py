"""The language choice the set-up assistant and the login screen share (light: the login
shows before SQLAlchemy, the models and the services are imported, issue 22)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

# Each language named in its own script, so anyone can find theirs.
LANGUAGE_NAMES = {"en": "English", "hi": "हिन्दी (Hindi)"}


def language_box(current: str) -> QComboBox:
    """A choice of the window's language (English or Hindi), at `current`."""
    box = QComboBox()
    for code, name in LANGUAGE_NAMES.items():
        box.addItem(name, code)
    box.setCurrentIndex(max(box.findData(current), 0))
    return box


def switch_language(lang: str) -> None:
    """Show every window in `lang` now and remember it for the next start (before there
    is a main window: the set-up assistant and the login)."""
    from desktop.views import i18n, prefs

    if i18n.install_language(lang):
        prefs.save_language(lang)
