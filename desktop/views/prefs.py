"""This computer's preferences for the window (language, idle lock), kept in QSettings.

They belong to the person at this computer, not to the case data: they are not synced
and not audited. Tests point QSettings at a temporary folder (`QSettings.setPath`).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION, APPLICATION = "CLMS", "CLMS Desktop"
LANGUAGES = ("en", "hi")
DEFAULT_IDLE_LOCK_MINUTES = 10
IDLE_LOCK_RANGE = (1, 120)


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


def idle_lock_minutes() -> int:
    """Minutes without use after which the screen locks."""
    try:
        value = int(str(app_settings().value("security/idle_lock_minutes", "")))
    except ValueError:
        return DEFAULT_IDLE_LOCK_MINUTES
    low, high = IDLE_LOCK_RANGE
    return min(max(value, low), high)


def save_idle_lock_minutes(minutes: int) -> None:
    """Remember the idle-lock time (kept within the allowed range)."""
    low, high = IDLE_LOCK_RANGE
    s = app_settings()
    s.setValue("security/idle_lock_minutes", min(max(int(minutes), low), high))
    s.sync()
