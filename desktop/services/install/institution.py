"""Setting up this install's institution and its first users."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Institution, Setting
from desktop.models.enums import InstitutionType
from desktop.services.core import lgd
from desktop.services.core.audit import append_event, audited
from desktop.services.core.errors import NotFound, ServiceError
from desktop.services.core.validation import Collector, clean_choice, clean_text


def setup_institution(
    session: Session,
    *,
    name: str,
    type: str,
    state: int,
    district: int,
    registration_no: str,
    code: int = 1,
    name_local: str | None = None,
    capacity_boys: int = 0,
    capacity_girls: int = 0,
) -> tuple[Institution, str | None]:
    """Create this install's institution; returns it and a warning (or None)."""
    if local_institution_or_none(session) is not None:
        raise ServiceError("this data folder is already set up for an institution")
    c = Collector()
    name_v = c.check("name", clean_text, name, required=True, max_len=200)
    type_v = c.check("type", clean_choice, type, InstitutionType)
    reg = c.check("registration_no", clean_text, registration_no, required=True, max_len=80)
    warning = c.check("district", lgd.check_area, state, district)
    if not 1 <= code <= 9999:
        c.fail("code", "institution number must be between 1 and 9999")
    for field, cap in (("capacity_boys", capacity_boys), ("capacity_girls", capacity_girls)):
        if not 0 <= cap <= 5000:
            c.fail(field, "capacity must be between 0 and 5000")
    c.raise_if_any()
    inst = Institution(
        name=name_v,
        name_local=name_local,
        registration_no=reg,
        type=type_v,
        state_code=state,
        district_code=district,
        code=code,
        capacity_boys=capacity_boys,
        capacity_girls=capacity_girls,
        is_local=True,
    )
    with audited(session, "setup_institution"):
        session.add(inst)
    return inst, warning


def local_institution_or_none(session: Session) -> Institution | None:
    """This install's own institution, if set up."""
    return session.scalars(select(Institution).where(Institution.is_local.is_(True))).first()


def local_institution(session: Session) -> Institution:
    """This install's own institution, or NotFound telling how to set it up."""
    inst = local_institution_or_none(session)
    if inst is None:
        raise NotFound("no institution is set up yet: run 'clms init' or the set-up wizard")
    return inst


def note_recovery_key_shown(session: Session, *, where: str) -> None:
    """Audit that the data's recovery key was shown (who saw it, and where: "set-up",
    "after the upgrade", "command line"); the key itself is never written down here."""
    append_event(
        session,
        action="recovery_key_shown",
        changes=[{"recovery_key": "shown", "where": where}],
        child_uuid=None,
    )
    session.flush()


PURPOSE_KEY = "data_purpose"


def is_training_folder(session: Session) -> bool:
    """Whether this data folder was marked as training data (it holds demo children)."""
    row = session.get(Setting, PURPOSE_KEY)
    return row is not None and row.value == "training"
