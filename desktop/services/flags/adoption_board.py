"""The adoption board: children by adoption-pipeline stage, days in stage, deadline passed.

A child's stage is its latest stage entry on or before the date (the same choice as the
rules' facts). Children in care who are in a pipeline stage appear in that stage's lane;
children adopted within the last `adopted_within_days` appear in the "adopted" lane;
withdrawn children do not appear. Each stage's time limit comes from the policy
(`[rules.adoption_stage_stuck.stage_days]`); a stage is overdue the day after its limit
ends, the same day the rule raises its flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.models.enums import AdoptionStage
from desktop.rules.policy import Policy, load_policy
from desktop.services.core.permissions import scope_sql

# The lanes, in pipeline order ("withdrawn" is not a lane: the child left the pipeline).
LANES: tuple[str, ...] = tuple(s.value for s in AdoptionStage if s is not AdoptionStage.WITHDRAWN)

_SQL = """
SELECT c.id, c.code, c.first_name, c.last_name, c.name_local, c.status, a.stage, a.entered_on
  FROM adoption_stage a
  JOIN child c ON c.id = a.child_id
 WHERE a.id = (SELECT a2.id FROM adoption_stage a2
                WHERE a2.child_id = a.child_id AND a2.entered_on <= :as_of
                ORDER BY a2.entered_on DESC, a2.id DESC LIMIT 1)
"""


@dataclass(frozen=True)
class Card:
    """One child on the board."""

    child_id: int
    code: str
    name: str
    name_local: str | None
    stage: str
    entered_on: date
    days_in_stage: int
    limit_days: int | None  # None: the stage has no time limit (e.g. adopted)
    deadline: date | None

    @property
    def overdue(self) -> bool:
        """Whether the stage's time limit has ended (the day after its last day)."""
        return self.deadline is not None and self.days_in_stage > (self.limit_days or 0)

    @property
    def days_over(self) -> int:
        """Days past the stage's limit (0 when not overdue)."""
        return self.days_in_stage - self.limit_days if self.overdue and self.limit_days else 0


def stage_limits(policy: Policy) -> dict[str, int]:
    """Days each stage may last, from the policy (stages with no limit are absent)."""
    rule = policy.rules.get("adoption_stage_stuck")
    if rule is None:
        return {}
    return {str(k): int(v) for k, v in rule.params.get("stage_days", {}).items()}


def adoption_board(
    session: Session,
    *,
    as_of: date,
    policy: Policy | None = None,
    adopted_within_days: int = 365,
) -> dict[str, list[Card]]:
    """Cards per lane (every lane present, maybe empty), longest in the stage first."""
    policy = policy or load_policy()
    limits = stage_limits(policy)
    active = set(policy.active_statuses)
    lanes: dict[str, list[Card]] = {lane: [] for lane in LANES}
    adopted_since = as_of - timedelta(days=adopted_within_days)
    scope = scope_sql(session, "c.institution_id")  # the actor's area ("" on a CCI's own)
    rows = session.execute(
        text(_SQL + (f" AND {scope}" if scope else "")), {"as_of": as_of.isoformat()}
    )
    for cid, code, first, last, local, status, stage, entered in rows:
        entered_on = date.fromisoformat(entered) if isinstance(entered, str) else entered
        if stage == AdoptionStage.ADOPTED.value:
            if entered_on < adopted_since:
                continue
        elif stage not in lanes or status not in active:
            continue  # withdrawn, or no longer in care (restored, transferred...)
        limit = limits.get(stage)
        lanes[stage].append(
            Card(
                child_id=cid,
                code=code,
                name=" ".join(p for p in (first, last) if p),
                name_local=local,
                stage=stage,
                entered_on=entered_on,
                days_in_stage=(as_of - entered_on).days,
                limit_days=limit,
                deadline=entered_on + timedelta(days=limit) if limit is not None else None,
            )
        )
    for cards in lanes.values():
        cards.sort(key=lambda c: (-c.days_in_stage, c.code))
    return lanes
