"""What every screen of the window is given: the database, who is logged in, the date, events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.core.actor import Actor

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from desktop.vault.sqlite import Connection


class AppEvents(QObject):
    """The one bridge from domain happenings to Qt signals; screens listen and refresh."""

    child_changed = Signal(int)  # a child's record was written (child id)
    data_changed = Signal()  # many children changed (import, sync merge, demo data)
    flags_changed = Signal(int)  # open flags after a rules run
    actor_changed = Signal()  # someone logged in, out, or the screen was locked
    language_changed = Signal(str)  # "en" or "hi"
    connection_checked = Signal(bool)  # central answered (True) or not (False) just now
    # The window's start showed it before SQLAlchemy, the models and the services were
    # imported (issue 22): they are now, and `AppContext.engine` is open.
    loaded = Signal()


class AppContext:
    """Shared by the main window and its pages; pages open their own Session per action.

    The window's start (`desktop.__main__`) gives no engine but `connect`, which imports
    the ORM and the services and makes it, and `start_db`, a raw connection the window's
    first paint reads through (`desktop.core.first_page`). The first use of `engine` (the
    start calls `load` just after the first paint; a screen asking sooner waits for it)
    connects, closes `start_db` and emits `events.loaded`.
    """

    def __init__(
        self,
        engine: Engine | None,
        data_dir: Path,
        actor: Actor,
        today: Callable[[], date] = date.today,
        events: AppEvents | None = None,
        language: str = "en",
        online: bool | None = None,  # did central answer the last time it was asked
        *,
        connect: Callable[[], Engine] | None = None,
        start_db: Connection | None = None,
    ) -> None:
        if engine is None and connect is None:
            raise ValueError("an AppContext needs an engine or a way to connect")
        self._engine = engine
        self._connect = connect
        self.start_db = start_db if engine is None else None
        self.data_dir = data_dir
        self.actor = actor
        self.today = today
        self.events = events if events is not None else AppEvents()
        self.language = language
        self.online = online
        self.start_facts: Any = None  # what the start read raw (desktop.core.first_page)

    @property
    def loaded(self) -> bool:
        """Whether the engine is open (always, unless the start has not finished loading)."""
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        """The database's engine; connects first if the start has not yet (`load`)."""
        if self._engine is None:
            self.load()
        assert self._engine is not None
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine = engine

    def load(self) -> None:
        """Import the ORM and the services and open the engine (once), then say so."""
        if self._engine is not None or self._connect is None:
            return
        connect, self._connect = self._connect, None
        try:
            self._engine = connect()
        except BaseException:
            self._connect = connect  # asked again at the next use
            raise
        if self.start_db is not None:
            self.start_db.close()
            self.start_db = None
        self.events.loaded.emit()

    def reader(self) -> Callable[[], Session]:
        """Makes read sessions acting as the user logged in now (also in a background
        thread): lists, counts and searches then keep to that user's area."""
        from sqlalchemy.orm import Session

        engine, actor = self.engine, self.actor
        return lambda: Session(engine, info={"actor": actor})
