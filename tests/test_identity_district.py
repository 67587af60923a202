"""The district office's screen for the same child in two homes: planted twins in the
district view are listed with reasons, confirmed or dismissed from the keyboard (kept in
the view and the office's audit trail), absconded children found again; it fits 1024x768."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from central.identity_tables import IdentityDecision
from central.projection import view_child
from desktop.models import AuditEvent
from desktop.services.core.context import Actor
from desktop.views.app_context import AppContext
from desktop.views.district.identity import DistrictIdentityPage
from sync_client.district import mode as district_office
from tests.identity_fixture import plant
from tests.test_windows_fit import SCREENS, check_fits

ADMIN = Actor("meera", "administrator", "Meera Jha")


def _office(engine: Engine, data_dir: Path) -> tuple[Engine, list[tuple[str, str, str]]]:
    with Session(engine) as s, s.begin():
        district_office.setup_office(
            s,
            data_dir=data_dir,
            name="Patna DCPU",
            district_code=212,
            passphrase="patna-office-key",
            state_code=10,
        )
    view = district_office.open_view(data_dir)
    planted = plant(view, children=300, homes=4, twins=6, districts=(212,), seed=3)
    # One original absconded just after it was admitted: its twin came later elsewhere.
    orig = planted.pairs[0][0]
    left = planted.rows[orig]["admission_date"] + timedelta(days=3)
    with Session(view) as s, s.begin():
        s.execute(
            update(view_child)
            .where(view_child.c.record_uuid == orig)
            .values(status="absconded", exit_date=left, bundle_id="b9")
        )
    return view, planted.pairs


def test_the_district_confirms_and_dismisses_pairs_from_the_keyboard(
    qtbot,  # type: ignore[no-untyped-def]
    engine: Engine,
    data_dir: Path,
) -> None:
    view, pairs = _office(engine, data_dir)
    page = DistrictIdentityPage(AppContext(engine, data_dir, ADMIN))
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: page.pair_table.rowCount() > 0)
    listed = {frozenset((p.a.uuid, p.b.uuid)) for p in page.pairs}
    assert sum(frozenset(x[:2]) in listed for x in pairs) >= 5  # of 6 planted
    assert "%" in page.pair_table.item(0, 0).text()
    assert page.pair_table.item(0, 3).text()  # the reasons
    assert page.alert_table.rowCount() >= 1
    assert pairs[0][1] in {a.found.get("record_uuid") for a in page.alerts}
    for screen in SCREENS:
        check_fits(qtbot, page, screen, "district identity")

    first = page.pairs[0]
    page.pair_table.setFocus()
    page.pair_table.selectRow(0)
    qtbot.keyClick(page.pair_table, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert "Linked as one child" in page.message.text()
    before = len(page.pairs)
    second = page.pairs[0]
    page.pair_table.selectRow(0)
    qtbot.keyClick(page.pair_table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert len(page.pairs) == before - 1
    qtbot.keyClick(page.pair_table, Qt.Key.Key_F5)
    shown = {frozenset((p.a.uuid, p.b.uuid)) for p in page.pairs}
    assert frozenset((first.a.uuid, first.b.uuid)) not in shown
    assert frozenset((second.a.uuid, second.b.uuid)) not in shown
    with Session(view) as s:
        got = {(d.decision, d.decided_by) for d in s.scalars(select(IdentityDecision))}
    assert got == {("confirmed", "meera (Meera Jha)"), ("dismissed", "meera (Meera Jha)")}
    with Session(engine) as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "district_identity_decide")
        ).all()
    assert len(events) == 2
    view.dispose()
