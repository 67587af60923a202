"""What the review queue needs besides `flags.list_flags` and `count_flags`: a cut-off, a flag."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import Flag
from desktop.services.core.errors import NotFound
from desktop.services.core.permissions import flag_scope
from desktop.services.flags.store import OPEN, count_flags

__all__ = ["count_flags", "flag_by_id", "queue_cutoff", "queue_summary"]


def flag_by_id(session: Session, flag_id: int) -> Flag:
    """The flag with this id, or NotFound in plain words."""
    flag = session.get(Flag, flag_id)
    if flag is None:
        raise NotFound("this flag no longer exists; reload the review queue")
    return flag


def queue_cutoff(
    session: Session,
    *,
    n: int,
    statuses: tuple[str, ...] = OPEN,
    rule_id: str | None = None,
    level: int | None = None,
) -> date | None:
    """The due date of the n-th flag in queue order (None if there are fewer than n).

    The first n flags of the queue all fall due on or before it, so `list_flags(...,
    due_on_or_before=cutoff, limit=n)` reads only those, not a million open flags. With
    no rule or level chosen this is answered from the (status, due_on) index alone.
    """
    q = select(Flag.due_on).where(Flag.status.in_(statuses), flag_scope(session))
    if rule_id is not None:
        q = q.where(Flag.rule_id == rule_id)
    if level is not None:
        q = q.where(Flag.escalation_level == level)
    return session.execute(q.order_by(Flag.due_on).offset(n - 1).limit(1)).scalar()


def queue_summary(
    session: Session,
    *,
    statuses: tuple[str, ...] = OPEN,
    rule_id: str | None = None,
    level: int | None = None,
) -> tuple[dict[str, int], int]:
    """How many flags of each severity the queue holds, and for how many children
    (in the actor's area, with the same filters as the queue)."""
    where = [Flag.status.in_(statuses), flag_scope(session)]
    if rule_id is not None:
        where.append(Flag.rule_id == rule_id)
    if level is not None:
        where.append(Flag.escalation_level == level)
    by_severity = {
        str(sev): int(n)
        for sev, n in session.execute(
            select(Flag.severity, func.count()).where(*where).group_by(Flag.severity)
        )
    }
    children = session.execute(select(func.count(func.distinct(Flag.child_id))).where(*where))
    return by_severity, int(children.scalar_one())
