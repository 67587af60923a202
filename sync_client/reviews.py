"""The district office's review of escalated flags, carried back to the CCI in receipts.

At the office: `record_review` keeps what an official did about an escalated flag
(acknowledged, or resolved with a reason), audited; `pending_for` gives the reviews not yet
sent to a CCI, which `district.import_folder` puts into the receipt of that CCI's next
bundle (signed with the office's key), then `mark_sent`.

At the CCI: `apply_reviews` (called by `outbox.acknowledge` for a verified district
receipt) writes the district's action on the CCI's own flag, audited, so the home sees
"district acknowledged on ..." and the flag carries it up to central with its next bundle.
A review is applied only to a flag of the receipt's own institution; applying the same
review twice changes nothing.
"""

from __future__ import annotations

import uuid as uuid_mod
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, DistrictReview, Flag
from desktop.services.core.audit import append_event, audited
from desktop.services.core.context import actor_of
from desktop.services.core.errors import ValidationError
from desktop.services.core.permissions import Permission, check_action, register_action

ACTIONS = ("acknowledged", "resolved")
MIN_REASON = 5
MAX_REASON = 2000

register_action("district_review", Permission.FLAG_ACK)  # at the office
register_action("receive_district_review", None)  # at the CCI, from a verified receipt
register_action("district_child_view", Permission.VIEW)  # a child's record at the office


def record_review(
    session: Session,
    *,
    flag_uuid: str,
    institution_uuid: str,
    action: str,
    reason: str,
) -> DistrictReview:
    """Keep an official's action on an escalated flag (audited); ValidationError naming the
    field when the action or the reason is not acceptable."""
    reason = reason.strip()
    errors: dict[str, str] = {}
    if action not in ACTIONS:
        errors["action"] = "must be acknowledged or resolved"
    if len(reason) < MIN_REASON:
        errors["reason"] = f"say why, in at least {MIN_REASON} letters"
    elif len(reason) > MAX_REASON:
        errors["reason"] = f"at most {MAX_REASON} letters"
    try:
        uuid_mod.UUID(flag_uuid)
        uuid_mod.UUID(institution_uuid)
    except ValueError:
        errors["flag"] = "is not a flag of the district view"
    if errors:
        raise ValidationError(errors)
    check_action(session, "district_review", None)
    actor = actor_of(session)
    row = DistrictReview(
        flag_uuid=flag_uuid,
        institution_uuid=institution_uuid,
        action=action,
        reason=reason,
        by_name=actor.full_name or actor.username,
        at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    append_event(
        session,
        action="district_review",
        changes=[
            {
                "type": "district_review",
                "flag_uuid": flag_uuid,
                "institution_uuid": institution_uuid,
                "action": action,
                "reason": reason,
            }
        ],
        child_uuid=None,
    )
    return row


def latest_by_flag(session: Session, flag_uuids: Sequence[str]) -> dict[str, DistrictReview]:
    """The office's latest review of each of these flags (sent or not)."""
    out: dict[str, DistrictReview] = {}
    if not flag_uuids:
        return out
    rows = session.scalars(
        select(DistrictReview)
        .where(DistrictReview.flag_uuid.in_(list(flag_uuids)))
        .order_by(DistrictReview.id)
    )
    for r in rows:
        out[r.flag_uuid] = r
    return out


def pending_for(session: Session, institution_uuid: str) -> list[DistrictReview]:
    """The reviews of one CCI's flags not yet sent back to it, oldest first."""
    return list(
        session.scalars(
            select(DistrictReview)
            .where(
                DistrictReview.institution_uuid == institution_uuid,
                DistrictReview.sent_bundle_id.is_(None),
            )
            .order_by(DistrictReview.id)
        )
    )


def as_receipt_items(rows: Sequence[DistrictReview]) -> list[dict[str, Any]]:
    """The reviews as the receipt carries them (plain JSON)."""
    return [
        {
            "flag_uuid": r.flag_uuid,
            "action": r.action,
            "reason": r.reason,
            "by": r.by_name,
            "on": _local_day(r.at).isoformat(),
        }
        for r in rows
    ]


def _local_day(at: datetime) -> date:
    """The office's own calendar day of a moment (stored in UTC)."""
    return (at if at.tzinfo is not None else at.replace(tzinfo=UTC)).astimezone().date()


def mark_sent(session: Session, rows: Sequence[DistrictReview], bundle_id: str) -> None:
    """These reviews went out in the receipt of this bundle."""
    for r in rows:
        r.sent_bundle_id = bundle_id


def apply_reviews(session: Session, reviews: Any) -> int:
    """Write a verified district receipt's reviews on this CCI's flags; how many changed.

    Anything malformed, or naming a flag this database does not hold, is passed over.
    """
    if not isinstance(reviews, list):
        return 0
    changed = 0
    for item in reviews:
        if not isinstance(item, dict) or item.get("action") not in ACTIONS:
            continue
        try:
            flag_uuid = uuid_mod.UUID(str(item.get("flag_uuid")))
            on = date.fromisoformat(str(item.get("on")))
        except ValueError:
            continue
        flag = session.scalars(select(Flag).where(Flag.uuid == flag_uuid)).first()
        if flag is None:
            continue
        values = {
            "district_action": str(item["action"]),
            "district_action_at": on,
            "district_action_by": str(item.get("by") or "")[:200] or None,
            "district_action_reason": str(item.get("reason") or "")[:MAX_REASON] or None,
        }
        if all(getattr(flag, k) == v for k, v in values.items()):
            continue
        child = session.get(Child, flag.child_id)
        with audited(session, "receive_district_review", child=child):
            for k, v in values.items():
                setattr(flag, k, v)
        changed += 1
    return changed
