"""The district office's review of escalated flags, round trip over a USB stick: a CCI's
flag escalated to the district reaches the office's review queue; an official acknowledges
it there (with a reason, audited); the receipt of the CCI's next bundle carries it back,
signed; the CCI shows "District acknowledged on ..." and sends it up with the flag, so the
office's (and central's) view of the flag shows the district's action."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from central.projection import view_flag
from desktop.db import open_database
from desktop.models import AuditEvent, DistrictReview, Flag
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import ValidationError
from desktop.views.app_context import AppContext
from desktop.views.district.queue import DistrictQueuePage
from desktop.views.reason_dialog import ReasonDialog
from desktop.views.review.queue import ReviewQueuePage
from sync_client import reviews
from sync_client.district import mode as district_office
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from sync_client.exchange.usb import export_outbox, import_receipts
from tests.conftest import TODAY
from tests.helpers import child_input

PW = "office passphrase"
OFFICIAL = Actor("meera", "administrator", "Meera Jha")


class Trip:
    """A CCI and a district office that exchange a USB stick."""

    def __init__(self, cci: Engine, cci_dir: Path, actor: Actor, tmp: Path) -> None:
        self.cci, self.cci_dir, self.actor = cci, cci_dir, actor
        self.office_dir = tmp / "office"
        self.office_dir.mkdir()
        self.office = open_database(self.office_dir)
        with unit_of_work(self.office, OFFICIAL) as s:
            stored = district_office.setup_office(
                s,
                data_dir=self.office_dir,
                name="Patna DCPU",
                district_code=212,
                passphrase=PW,
                state_code=10,
            )
        self.keys = stored.keys
        key_files.write_public_key_file(tmp / "district.pub", stored.keys.public())
        key_files.write_public_key_file(
            tmp / "central.pub", key_files.generate_keys(role="central", name="State").public()
        )
        with unit_of_work(cci, actor) as s:
            sync_outbox.create_own_keys(
                s, data_dir=cci_dir, name="Home", passphrase="cci passphrase"
            )
            sync_outbox.import_public_key(s, path=tmp / "central.pub")
            sync_outbox.import_public_key(s, path=tmp / "district.pub")
        self.stick = tmp / "stick"
        self.stick.mkdir()
        self.view = district_office.open_view(self.office_dir)

    def cci_sends(self) -> None:
        """The CCI puts its changes on the stick."""
        with unit_of_work(self.cci, self.actor) as s:
            sync_outbox.build_next_bundle(
                s,
                signer=sync_outbox.load_own_keys(
                    s, data_dir=self.cci_dir, passphrase="cci passphrase"
                ),
            )
            export_outbox(s, folder=self.stick, institution=institution_info(s))

    def office_takes_in(self) -> district_office.DistrictImport:
        """The office imports the stick (new CCIs trusted) and writes the receipts."""
        with unit_of_work(self.office, OFFICIAL, rules=False) as office:
            return district_office.import_folder(
                view=self.view,
                keys=self.keys,
                district_code=212,
                folder=self.stick,
                trust_new=lambda _p, _i: True,
                office=office,
            )

    def cci_reads_receipts(self) -> None:
        """The CCI takes the receipts off the stick."""
        with unit_of_work(self.cci, self.actor) as s:
            uuid = str(institution_info(s)["uuid"])
            import_receipts(s, folder=self.stick, institution_uuid=uuid)


@pytest.fixture
def trip(inst_engine: Engine, data_dir: Path, actor: Actor, tmp_path: Path) -> Trip:
    """A CCI with one child whose flag is escalated to the district, taken in once."""
    t = Trip(inst_engine, data_dir, actor, tmp_path)
    with unit_of_work(inst_engine, actor) as s:
        register_child(s, child_input(first_name="Meena"), today=TODAY)
    with Session(inst_engine) as s:  # the rules, weeks past the due dates, escalated them
        assert s.scalars(select(Flag).where(Flag.escalation_level >= 1)).first() is not None
    t.cci_sends()
    assert len(t.office_takes_in().applied) == 1
    return t


def test_an_acknowledgement_goes_back_to_the_cci_and_up_again(
    qtbot, trip: Trip, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Acknowledged at the office (button, reason), the action rides the next receipt to
    the CCI, shows in its review queue, and comes back up with the flag."""
    page = DistrictQueuePage(AppContext(trip.office, trip.office_dir, OFFICIAL))
    qtbot.addWidget(page)
    assert page.model.rows and all(r.child_name.startswith("Meena") for r in page.model.rows)
    flag_uuid = page.model.rows[0].flag_uuid
    asked: list[str] = []

    def answer(_parent, _title: str, prompt: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(prompt)
        return "DCPO spoke to the superintendent; visit fixed"

    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)  # nothing chosen yet
    assert "Choose a flag" in page.action_message.text()
    page.table.selectRow(0)
    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(answer))
    qtbot.mouseClick(page.ack_button, Qt.MouseButton.LeftButton)
    assert asked and "Meena" in asked[-1]
    mine = next(r for r in page.model.rows if r.flag_uuid == flag_uuid)
    assert "goes to the CCI with its next receipt" in page.model.text(mine, 6)
    with Session(trip.office) as s:
        row = s.scalars(select(DistrictReview)).one()
        assert (row.action, row.by_name, row.sent_bundle_id) == ("acknowledged", "Meera Jha", None)
        assert s.scalars(select(AuditEvent).where(AuditEvent.action == "district_review")).one()

    with unit_of_work(trip.cci, trip.actor) as s:  # the home works on; its next bundle
        register_child(s, child_input(first_name="Sita"), today=TODAY)
    trip.cci_sends()
    res = trip.office_takes_in()
    assert res.reviews_sent == 1
    receipt = sorted(trip.stick.glob("CLMS/receipts/*/*.receipt"))[-1]
    body = json.loads(receipt.read_bytes())["receipt"]
    assert [r["flag_uuid"] for r in body["reviews"]] == [flag_uuid]
    with Session(trip.office) as s:
        assert s.scalars(select(DistrictReview)).one().sent_bundle_id == body["bundle_id"]

    trip.cci_reads_receipts()
    with Session(trip.cci) as s:
        flag = s.scalars(select(Flag).where(Flag.uuid == _uuid(flag_uuid))).one()
        assert flag.district_action == "acknowledged"
        assert flag.district_action_at == date.today()
        assert flag.district_action_by == "Meera Jha"
        assert flag.district_action_reason == "DCPO spoke to the superintendent; visit fixed"
        flag_id = flag.id
    cci_page = ReviewQueuePage(AppContext(trip.cci, trip.cci_dir, trip.actor))
    qtbot.addWidget(cci_page)
    with qtbot.waitSignal(cci_page.loaded, timeout=10000):
        cci_page.show()
    row = next(i for i, r in enumerate(cci_page.model.rows) if r.id == flag_id)
    cci_page.table.selectRow(row)
    assert "District acknowledged on" in cci_page.detail.text()
    assert "Meera Jha" in cci_page.detail.text()

    trip.cci_sends()  # the flag goes up again, with the district's action on it
    assert trip.office_takes_in().reviews_sent == 0  # nothing new to send back
    with trip.view.connect() as c:
        got = c.execute(
            select(view_flag.c.district_action, view_flag.c.district_action_on).where(
                view_flag.c.record_uuid == flag_uuid
            )
        ).one()
    assert tuple(got) == ("acknowledged", date.today())
    page.refresh()
    first = next(r for r in page.model.rows if r.flag_uuid == flag_uuid)
    assert first.district_action == "acknowledged"
    assert page.model.text(first, 6).startswith("District acknowledged on")  # sent now


def _uuid(text: str):  # type: ignore[no-untyped-def]
    import uuid

    return uuid.UUID(text)


def test_a_review_needs_a_reason_and_a_known_action(trip: Trip) -> None:
    """The office cannot save a review without a reason or with another action; nothing is
    written then."""
    with unit_of_work(trip.office, OFFICIAL) as s:
        with pytest.raises(ValidationError) as e:
            reviews.record_review(
                s,
                flag_uuid="00000000-0000-4000-8000-000000000001",
                institution_uuid="00000000-0000-4000-8000-000000000002",
                action="deleted",
                reason="ok",
            )
    assert set(e.value.errors) == {"action", "reason"}
    with Session(trip.office) as s:
        assert s.scalars(select(DistrictReview)).first() is None


def test_a_receipt_review_for_a_flag_the_cci_does_not_hold_changes_nothing(trip: Trip) -> None:
    """Reviews naming unknown flags, or malformed, are passed over; a repeat is a no-op."""
    with unit_of_work(trip.cci, trip.actor) as s:
        flag = s.scalars(select(Flag).where(Flag.status == "escalated")).first()
        assert flag is not None
        good = {
            "flag_uuid": str(flag.uuid),
            "action": "resolved",
            "reason": "Order received",
            "by": "DCPO",
            "on": "2026-11-30",
        }
        bad = [
            {**good, "flag_uuid": "00000000-0000-4000-8000-00000000dead"},
            {**good, "action": "deleted"},
            {**good, "on": "yesterday"},
            "not a dict",
        ]
        assert reviews.apply_reviews(s, bad) == 0
        assert reviews.apply_reviews(s, [good]) == 1
        assert reviews.apply_reviews(s, [good]) == 0
        assert flag.district_action == "resolved" and flag.district_action_at == date(2026, 11, 30)
