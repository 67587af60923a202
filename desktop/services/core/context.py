"""Who is acting, and the unit of work a view or command opens per user action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.core.actor import SYSTEM, Actor
from desktop.db import writer
from desktop.services.core.errors import ServiceError

__all__ = ["SYSTEM", "Actor", "actor_of", "unit_of_work"]


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
