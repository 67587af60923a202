"""What every screen of the window is given: the database, who is logged in, the date, events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.services.core.context import Actor


class AppEvents(QObject):
    """The one bridge from domain happenings to Qt signals; screens listen and refresh."""

    child_changed = Signal(int)  # a child's record was written (child id)
    data_changed = Signal()  # many children changed (import, sync merge, demo data)
    flags_changed = Signal(int)  # open flags after a rules run
    actor_changed = Signal()  # someone logged in, out, or the screen was locked
    language_changed = Signal(str)  # "en" or "hi"
    connection_checked = Signal(bool)  # central answered (True) or not (False) just now


@dataclass
class AppContext:
    """Shared by the main window and its pages; pages open their own Session per action."""

    engine: Engine
    data_dir: Path
    actor: Actor
    today: Callable[[], date] = date.today
    events: AppEvents = field(default_factory=AppEvents)
    language: str = "en"
    online: bool | None = None  # did central answer the last time it was asked (None: not yet)

    def reader(self) -> Callable[[], Session]:
        """Makes read sessions acting as the user logged in now (also in a background
        thread): lists, counts and searches then keep to that user's area."""
        engine, actor = self.engine, self.actor
        return lambda: Session(engine, info={"actor": actor})
