"""Who is acting, and the unit of work a view or command opens per user action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.db import writer
from desktop.services.core.errors import ServiceError


@dataclass(frozen=True)
class Actor:
    """The person (or process) on whose behalf the services write."""

    username: str
    role: str = "superintendent"
    full_name: str = ""
    # The area the actor may see and change (see desktop.services.core.permissions). The
    # defaults limit nothing: tests, imports and rule runs act install-wide.
    institution_id: int | None = None  # CCI staff: only this institution's children
    state: int | None = None  # LGD state code of a state or district official
    districts: tuple[int, ...] = ()  # LGD district codes of a district official

    @property
    def label(self) -> str:
        """How the actor appears in audit events and on paper."""
        return f"{self.username} ({self.full_name})" if self.full_name else self.username


SYSTEM = Actor("system", "administrator", "CLMS")


@contextmanager
def unit_of_work(
    engine: Engine,
    actor: Actor,
    *,
    rules: bool = True,
    as_of: date | None = None,
    immediate: bool = True,
) -> Iterator[Session]:
    """A Session in one transaction, acting as `actor`; commits on success, rolls back on error.

    `rules=False` skips re-evaluating the review flags after each change (bulk work that
    evaluates once at the end); `as_of` fixes the date those evaluations use. The
    transaction begins IMMEDIATE (it waits for another writer rather than failing);
    `immediate=False` only for work that reads long before it writes and runs again when
    another writer came first (the whole-database rules run).
    """
    info = {"actor": actor, "skip_flag_eval": not rules, "as_of": as_of}
    bind = writer(engine) if immediate else engine
    with Session(bind, info=info) as session, session.begin():
        yield session


def actor_of(session: Session) -> Actor:
    """The actor the session writes for; services refuse to write without one."""
    actor = session.info.get("actor")
    if not isinstance(actor, Actor):
        raise ServiceError("no actor on this session: open it with unit_of_work(engine, actor)")
    return actor
