"""A district office's staff (issue 17): the DCPO runs the office like its administrator, a
protection officer follows up the escalated flags, data entry takes in the CCIs' bundles
and types the CPMIS returns. Each logs in offline with the office's own district as their
area, every action is in the office's audit trail, and the services refuse what a role may
not do (called directly, as in tests/test_permissions.py)."""

from __future__ import annotations

import uuid as uuid_mod
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

import desktop.services.cpmis  # noqa: F401 (declares the CPMIS actions)
from central.projection import view_child
from central.reports.area import OutOfArea
from desktop.models import AuditEvent
from desktop.services.core.audit import verify_chain
from desktop.services.core.audit_chain import list_events
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.core.errors import PermissionDenied, ValidationError
from desktop.services.core.permissions import check_action
from desktop.services.install import users
from sync_client import reviews
from sync_client.district import identity as _identity  # noqa: F401  (registers its actions
from sync_client.district import mode as district_office
from tests.central_fill import fill

PW = "patna-dcpu-2026"
ROLES = ["dcpo", "protection_officer", "data_entry", "administrator"]
# What each office role may do (the issue): None marks a refusal.
EXPECTED: dict[str, set[str]] = {
    "import CCI bundles": {"dcpo", "data_entry", "administrator"},
    "review an escalated flag": {"dcpo", "protection_officer", "administrator"},
    "open a child's record": {"dcpo", "protection_officer", "administrator"},
    "add a protection officer": {"dcpo", "administrator"},
    "read the audit trail": {"dcpo", "administrator"},
    "type a CPMIS return": {"dcpo", "data_entry", "administrator"},
    "see the same-child candidates": {"dcpo", "protection_officer", "administrator"},
    "decide a same-child pair": {"dcpo", "protection_officer", "administrator"},
}


@pytest.fixture
def office(engine: Engine, data_dir: Path) -> dict[str, Any]:
    """A Patna (212) office whose view holds homes of Patna and of Gaya (196), with its
    administrator and one user of each office role."""
    with Session(engine) as s, s.begin():
        district_office.setup_office(
            s, data_dir=data_dir, name="Patna DCPU", district_code=212,
            passphrase="patna-office-key", state_code=10,
        )  # fmt: skip
    view = district_office.open_view(data_dir)
    fill(view, children=60, ccis=4, districts=(212, 196), as_of=date.today(), records=True)
    with view.connect() as c:
        mine = c.execute(select(view_child.c.record_uuid).where(view_child.c.district_code == 212))
        gaya = c.execute(select(view_child.c.record_uuid).where(view_child.c.district_code == 196))
        child, other = str(mine.scalars().first()), str(gaya.scalars().first())
    with unit_of_work(engine, SYSTEM) as s:
        users.create_user(s, username="meera", full_name="Meera Jha", role="administrator",
                          password=PW)  # fmt: skip
    admin = users.login(engine, username="meera", password=PW)
    with unit_of_work(engine, admin) as s:
        users.create_user(s, username="dcpo", full_name="Ravi Prasad", role="dcpo", password=PW)
    dcpo = users.login(engine, username="dcpo", password=PW)
    with unit_of_work(engine, dcpo) as s:  # the DCPO adds the office's staff
        users.create_user(s, username="po", full_name="Sita Devi", role="protection_officer",
                          password=PW)  # fmt: skip
        users.create_user(s, username="de", full_name="Amit Kumar", role="data_entry",
                          password=PW)  # fmt: skip
    yield {"engine": engine, "data_dir": data_dir, "view": view, "child": child, "other": other}
    view.dispose()


def _actor(engine: Engine, role: str) -> Actor:
    name = {"dcpo": "dcpo", "protection_officer": "po", "data_entry": "de"}.get(role, "meera")
    return users.login(engine, username=name, password=PW)


def _calls(o: dict[str, Any]) -> dict[str, Callable[[Session], object]]:
    view, folder = o["view"], o["data_dir"] / "stick"
    folder.mkdir(exist_ok=True)
    return {
        "import CCI bundles": lambda s: district_office.import_folder(
            view=view,
            keys=None,
            district_code=212,
            folder=folder,
            office=s,  # type: ignore[arg-type]
        ),
        "review an escalated flag": lambda s: reviews.record_review(
            s,
            flag_uuid=str(uuid_mod.uuid4()),
            institution_uuid=str(uuid_mod.uuid4()),
            action="acknowledged",
            reason="seen at the district office",
        ),  # fmt: skip
        "open a child's record": lambda s: district_office.office_child_record(
            view, s, district=212, state=10, child_uuid=o["child"]
        ),
        "add a protection officer": lambda s: users.create_user(
            s,
            username=f"po{uuid_mod.uuid4().hex[:6]}",
            full_name="New Officer",
            role="protection_officer",
            password=PW,
        ),  # fmt: skip
        "read the audit trail": lambda s: list_events(s),
        "type a CPMIS return": lambda s: check_action(s, "cpmis_save", None),
        "see the same-child candidates": lambda s: check_action(s, "district_identity_view", None),
        "decide a same-child pair": lambda s: check_action(s, "district_identity_decide", None),
    }


def _attempt(engine: Engine, actor: Actor, fn: Callable[[Session], object]) -> bool:
    with Session(engine, info={"actor": actor}) as s, s.begin():
        try:
            fn(s)
            return True
        except PermissionDenied:
            return False
        finally:
            s.rollback()


def test_office_staff_log_in_offline_with_the_offices_district(office: dict[str, Any]) -> None:
    """Each office role logs in on the office's own database (no network), acting in the
    office's district and state only; the logins and the accounts made are audited, and
    the chain holds."""
    engine = office["engine"]
    for role in ("dcpo", "protection_officer", "data_entry"):
        actor = _actor(engine, role)
        assert actor.role == role and actor.districts == (212,) and actor.state == 10
    with Session(engine) as s:
        events = list(s.scalars(select(AuditEvent.action, ).where(AuditEvent.action.in_(
            ("login", "create_user")))))  # fmt: skip
        assert events.count("create_user") == 4 and events.count("login") >= 5
        assert verify_chain(s)[1] is None


def test_an_office_role_is_refused_on_a_ccis_computer(inst_engine: Engine) -> None:
    """A CCI cannot make DCPO or data entry accounts: those roles belong to an office."""
    with unit_of_work(inst_engine, SYSTEM) as s:
        with pytest.raises(ValidationError) as exc:
            users.create_user(s, username="d", full_name="D", role="dcpo", password=PW)
        assert "district office" in exc.value.errors["role"]


@pytest.mark.parametrize("role", ROLES)
def test_office_permission_matrix(office: dict[str, Any], role: str) -> None:
    """Each office role may do exactly what the issue gives it, refused otherwise."""
    actor = _actor(office["engine"], role)
    got = {name: _attempt(office["engine"], actor, fn) for name, fn in _calls(office).items()}
    assert got == {name: role in allowed for name, allowed in EXPECTED.items()}


def test_another_districts_child_is_refused_and_audited(office: dict[str, Any]) -> None:
    """Opening a child of Gaya at the Patna office is refused, and the refusal is in the
    office's audit trail (who, which child) although the caller's transaction rolls back."""
    engine = office["engine"]
    actor = _actor(engine, "protection_officer")
    with pytest.raises(OutOfArea), unit_of_work(engine, actor) as s:
        district_office.office_child_record(
            office["view"], s, district=212, state=10, child_uuid=office["other"]
        )
    with Session(engine) as s:
        ev = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "district_child_view_refused")
        ).one()
        assert ev.child_uuid == office["other"] and ev.actor.startswith("po")
        assert verify_chain(s)[1] is None
        opened = s.scalars(select(AuditEvent).where(AuditEvent.action == "district_child_view"))
        assert opened.first() is None  # nothing was shown
