"""This computer's preferences for the window (the language, the language documents are
printed in, window sizes), kept in QSettings.

They belong to the person at this computer, not to the case data: they are not synced
and not audited. (The idle-lock time is a setting of the install, kept in the database
by `desktop.services.install.users`.) Tests point QSettings at a temporary folder
(`QSettings.setPath`).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION, APPLICATION = "CLMS", "CLMS Desktop"
LANGUAGES = ("en", "hi")


def app_settings() -> QSettings:
    """The preferences store (an INI file in the user's settings folder)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def saved_language() -> str:
    """The language chosen last time ("en" until someone chooses)."""
    value = str(app_settings().value("ui/language", "en"))
    return value if value in LANGUAGES else "en"


def save_language(lang: str) -> None:
    """Remember the language for the next start."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    s = app_settings()
    s.setValue("ui/language", lang)
    s.sync()


def saved_print_language(default: str) -> str:
    """The language last chosen for printed documents (`default` until one is chosen)."""
    value = str(app_settings().value("print/language", default))
    return value if value in LANGUAGES else default


def save_print_language(lang: str) -> None:
    """Remember the language documents are printed in (also for printing from the list)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    s = app_settings()
    s.setValue("print/language", lang)
    s.sync()
