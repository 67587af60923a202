"""A district office install: the set-up wizard's "district office" choice (key, district,
administrator), the window's district screens instead of a CCI's, the CCIs not heard from
in red, and the district review queue read from the district view."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.reports.area import Area
from central.reports.queue import QueueFilter, queue_count
from desktop.models import Institution, User
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.install.users import login
from desktop.views.app_context import AppContext
from desktop.views.district.page import DistrictPage
from desktop.views.district.queue import DistrictQueuePage
from desktop.views.main_window import MainWindow
from desktop.views.start.wizard import SetupWizard
from sync_client.district import mode as district_office
from sync_client.exchange import outbox as sync_outbox
from tests.central_fill import fill

ADMIN = Actor("meera", "administrator", "Meera Jha")


def _press(qtbot, w: SetupWizard, which: QWizard.WizardButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(w.button(which), Qt.MouseButton.LeftButton)


def _finish(qtbot, w: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    """Finish the account page; for a new (encrypted) install the recovery key page comes
    next, finished once the key is marked as written down."""
    if w.button(QWizard.WizardButton.FinishButton).isVisible():
        _press(qtbot, w, QWizard.WizardButton.FinishButton)
        return
    _press(qtbot, w, QWizard.WizardButton.NextButton)
    if w.currentId() != SetupWizard.RECOVERY:
        return  # refused: the account page shows why
    box = w.recovery_page.view.written
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    _press(qtbot, w, QWizard.WizardButton.FinishButton)


def _office(qtbot, engine, data_dir: Path) -> SetupWizard:  # type: ignore[no-untyped-def]
    """The wizard taken through the district office branch by typing, as a user does."""
    w = SetupWizard(engine, data_dir)
    qtbot.addWidget(w)
    w.show()
    w.choice_page.district.setChecked(True)
    _press(qtbot, w, QWizard.WizardButton.NextButton)
    assert w.currentId() == SetupWizard.OFFICE
    page = w.office_page
    _press(qtbot, w, QWizard.WizardButton.NextButton)  # nothing typed yet
    assert w.currentId() == SetupWizard.OFFICE
    assert "Name of the office" in page.error.text() and "Passphrase" in page.error.text()
    qtbot.keyClicks(page.name, "Patna DCPU")
    qtbot.keyClicks(page.passphrase, "patna-office-key")
    qtbot.keyClicks(page.repeat, "patna-office-kex")
    _press(qtbot, w, QWizard.WizardButton.NextButton)
    assert "Passphrase again" in page.error.text()
    page.repeat.clear()
    qtbot.keyClicks(page.repeat, "patna-office-key")
    _press(qtbot, w, QWizard.WizardButton.NextButton)
    assert w.currentId() == SetupWizard.ACCOUNT
    assert "administrator" in w.account_page.subTitle()
    return w


def test_the_wizard_sets_up_a_district_office_and_its_administrator(
    qtbot,
    engine,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Choosing "district office" makes the office's key and district, and an administrator
    who can log in; a refused password leaves neither key nor account behind."""
    w = _office(qtbot, engine, data_dir)
    account = w.account_page.form
    account.set_values(
        {"full_name": "Meera Jha", "username": "meera", "password": "meera", "repeat": "meera"}
    )
    _finish(qtbot, w)
    assert not account.errors["password"].isHidden()
    with Session(engine) as s:
        assert district_office.office_district(s) is None
        assert sync_outbox.own_key_row(s, role="district") is None
    account.set_values({"password": "patna-dcpu-2026", "repeat": "patna-dcpu-2026"})
    _finish(qtbot, w)
    assert w.result() == QWizard.DialogCode.Accepted
    with Session(engine) as s:
        assert district_office.office_district(s) == 212
        assert district_office.office_state(s) == 10
        row = sync_outbox.own_key_row(s, role="district")
        assert row is not None and row.name == "Patna DCPU"
        assert s.scalars(select(Institution)).first() is None  # an office is not a CCI
        user = s.scalars(select(User)).one()
        assert (user.username, user.role) == ("meera", "administrator")
        keys = sync_outbox.load_own_keys(
            s, data_dir=data_dir, role="district", passphrase="patna-office-key"
        )
        assert keys.public().role == "district"
    assert login(engine, username="meera", password="patna-dcpu-2026").role == "administrator"


def test_an_office_window_shows_the_district_screens(
    qtbot,
    engine,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """After set-up the window offers the district's screens (CCIs, review queue, users,
    audit), never a CCI's children list or registration."""
    w = _office(qtbot, engine, data_dir)
    w.account_page.form.set_values(
        {
            "full_name": "Meera Jha",
            "username": "meera",
            "password": "patna-dcpu-2026",
            "repeat": "patna-dcpu-2026",
        }
    )
    _finish(qtbot, w)
    assert w.actor is not None
    win = MainWindow(AppContext(engine, data_dir, w.actor))
    qtbot.addWidget(win)
    names = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert names == [
        "CCIs of the district",
        "Review queue",
        "District dashboard",
        "One child, two homes",
        "CPMIS (district)",
        "Users",
        "Audit trail",
    ]
    assert win.current_key() == "district"
    assert isinstance(win.pages["district"], DistrictPage)
    assert "Patna DCPU" in win.windowTitle()
    assert not win.register_action.isEnabled()
    win.nav.setCurrentRow(1)
    assert isinstance(win.pages["district_queue"], DistrictQueuePage)


def _filled_office(engine, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """An office of Patna (212) whose district view holds CCIs of Patna and of Gaya."""
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
    fill(view, children=300, ccis=4, districts=(212, 196), as_of=date.today(), silent_share=0.5)
    view.dispose()


def test_the_queue_lists_the_districts_escalated_flags_only(
    qtbot,
    engine,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The district review queue holds every open flag at district level and above of this
    district's CCIs, none of another district's, soonest due first, past due in red; the
    CCI filter narrows it to one home."""
    _filled_office(engine, data_dir)
    page = DistrictQueuePage(AppContext(engine, data_dir, ADMIN))
    qtbot.addWidget(page)
    view = district_office.open_view(data_dir)
    with Session(view) as s:
        expected = queue_count(s, Area(10, 212), QueueFilter(min_level=1), as_of=date.today())
        gaya = queue_count(s, Area(10, 196), QueueFilter(min_level=1), as_of=date.today())
    assert expected > 0 and gaya > 0
    rows = page.model.rows
    assert len(rows) == min(expected, 500)
    assert f"{expected} flag(s)" in page.summary.text()
    with Session(view) as s:
        late_all = queue_count(
            s, Area(10, 212), QueueFilter(min_level=1, overdue_only=True), as_of=date.today()
        )
    assert f"; {late_all} past due" in page.summary.text()
    assert page.model.text(rows[0], 3) != rows[0].rule_id  # the rule's words, not its id
    assert {r.district for r in rows} == {212} and all(r.level >= 1 for r in rows)
    dues = [r.due_on for r in rows if r.due_on is not None]
    assert dues == sorted(dues)
    late = next(i for i, r in enumerate(rows) if r.overdue(date.today()))
    brush = page.model.data(page.model.index(late, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color().name() == "#fdecec"
    one = page.cci.itemData(1)
    page.cci.setCurrentIndex(1)
    assert page.model.rows and {r.institution_uuid for r in page.model.rows} == {one}
    view.dispose()


def _back(page: DistrictPage, row: int) -> str | None:
    brush = page.cci_model.data(page.cci_model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else str(brush.color().name())


def test_ccis_not_heard_from_are_red(qtbot, engine, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The CCIs screen shows the days since each home's last bundle, and the homes silent
    for more than the policy's period (30 days) in red, with a line counting them."""
    _filled_office(engine, data_dir)
    page = DistrictPage(AppContext(engine, data_dir, ADMIN))
    qtbot.addWidget(page)
    rows = page.rows
    silent = [i for i, c in enumerate(rows) if c.silent(30)]
    heard = [i for i, c in enumerate(rows) if not c.silent(30)]
    assert silent and heard
    for i in silent:
        assert _back(page, i) == "#fdecec"
    for i in heard:
        assert _back(page, i) != "#fdecec"
        assert int(page.cci_model.text(i, 6)) <= 30
    assert f"{len(silent)} CCI(s) not heard from for more than 30 days" in page.silent_label.text()


def test_the_queue_speaks_hindi_when_chosen(qtbot, engine, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """Choosing Hindi re-words the open district queue: title, headings, buttons and the
    rules' and severities' words; English comes back."""
    from desktop.views.i18n import set_language

    _filled_office(engine, data_dir)
    ctx = AppContext(engine, data_dir, ADMIN)
    page = DistrictQueuePage(ctx)
    qtbot.addWidget(page)
    english = page.model.text(page.model.rows[0], 3)
    try:
        set_language(ctx, "hi")
        assert page.title.text() == "जिला समीक्षा सूची"
        assert page.model.headerData(3, Qt.Orientation.Horizontal) == "नियम"
        assert page.resolve_button.text() == "कारण सहित निपटाएँ…"
        hindi = page.model.text(page.model.rows[0], 3)
        assert hindi != english and any("\u0900" <= ch <= "\u097f" for ch in hindi)
    finally:
        set_language(ctx, "en")
    assert page.title.text() == "District review queue"


def test_every_table_saves_as_excel_with_the_districts_totals(
    qtbot,
    engine,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """The CCIs screen saves one workbook (openpyxl opens it): the CCIs sheet lists this
    district's homes only with the children in care of the screen, and the queue sheet
    holds every flag of the district review queue."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    _filled_office(engine, data_dir)
    page = DistrictPage(AppContext(engine, data_dir, ADMIN))
    qtbot.addWidget(page)
    target = tmp_path / "district.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    assert "Saved" in page.message.text()
    wb = load_workbook(target, read_only=True)
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    wb.close()
    ccis = sheets["CCIs of the district"]
    head = ccis[2]
    body = ccis[3:-1]
    mine = {c.name: c for c in district_office.summary(page.view, district=212)}
    assert {r[0] for r in body} == set(mine)  # none of Gaya's homes
    col = head.index("In care")
    for r in body:
        assert r[col] == mine[r[0]].in_care
    assert ccis[-1][col] == sum(c.in_care for c in mine.values())
    view = district_office.open_view(data_dir)
    with Session(view) as s:
        total = queue_count(s, Area(10, 212), QueueFilter(min_level=1), as_of=date.today())
    view.dispose()
    assert len(sheets["Review queue"]) - 3 == total


def test_a_childs_record_opens_read_only_audited_and_without_aadhaar(
    qtbot,
    engine,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Double-clicking a queue row shows that child's record as the CCI sent it (name,
    code, flags), never an Aadhaar digit; the opening is in the office's audit trail; a
    child of another district cannot be opened."""
    from central.projection import view_child
    from central.reports.area import OutOfArea
    from desktop.models import AuditEvent

    _filled_office(engine, data_dir)
    page = DistrictQueuePage(AppContext(engine, data_dir, ADMIN))
    qtbot.addWidget(page)
    page.table.selectRow(0)
    row = page.model.rows[0]
    dialog = page.open_child()
    assert dialog is not None
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert row.child_code is not None and row.child_code in text
    assert row.child_name.split()[0] in text and row.institution in text
    view = district_office.open_view(data_dir)
    with view.connect() as c:
        last4 = c.execute(
            select(view_child.c.aadhaar_last4).where(view_child.c.record_uuid == row.child_uuid)
        ).scalar()
        gaya = c.execute(
            select(view_child.c.record_uuid).where(view_child.c.district_code == 196)
        ).scalar()
    assert "Aadhaar" not in text and (not last4 or last4 not in text.replace(row.child_code, ""))
    with Session(engine) as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "district_child_view")).one()
        assert ev.child_uuid == row.child_uuid and ev.actor
    with unit_of_work(engine, ADMIN) as s:
        with pytest.raises(OutOfArea):
            district_office.office_child_record(
                view, s, district=212, state=10, child_uuid=str(gaya)
            )
    view.dispose()


def test_the_ccis_screen_lists_only_the_offices_district(qtbot, engine, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The view holds homes of Patna and of Gaya; the Patna office's CCIs screen lists
    Patna's homes only (issue 17)."""
    _filled_office(engine, data_dir)
    page = DistrictPage(AppContext(engine, data_dir, ADMIN))
    qtbot.addWidget(page)
    everyone = district_office.summary(page.view)
    assert {c.district_code for c in everyone} == {212, 196}
    shown = page.cci_model.rows
    assert shown and {c.district_code for c in shown} == {212}
    assert {c.uuid for c in shown} == {c.uuid for c in everyone if c.district_code == 212}


def test_a_big_ccis_children_and_flags_are_read_a_page_at_a_time(  # type: ignore[no-untyped-def]
    qtbot, engine, data_dir: Path
) -> None:
    """A home of 700 children: the tables are models over paged queries (issue 22), never
    one item per cell; the first page is read, more as the table scrolls, in the same
    order as a whole read, and the flags tab counts every open flag."""
    from PySide6.QtWidgets import QTableView

    from sync_client.district import lists as district_lists

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
    fill(view, children=700, ccis=1, districts=(212,), as_of=date.today(), records=True)
    view.dispose()
    page = DistrictPage(AppContext(engine, data_dir, ADMIN))
    qtbot.addWidget(page)
    assert isinstance(page.children_table, QTableView)
    m = page.children_model
    assert m.total == 700 and m.rowCount() == district_lists.PAGE
    assert m.canFetchMore(QModelIndex())
    while m.canFetchMore(QModelIndex()):
        m.fetchMore(QModelIndex())
    assert m.rowCount() == 700
    uuid = page.cci_model.rows[0].uuid
    whole = district_lists.children_page(page.view, institution_uuid=uuid, limit=10_000)
    assert [k.uuid for k in m.rows] == [k.uuid for k in whole]
    assert len({k.uuid for k in m.rows}) == 700
    flags = district_lists.open_flags_count(page.view, institution_uuid=uuid)
    assert flags == page.cci_model.rows[0].open_flags > district_lists.PAGE
    assert page.flags_model.rowCount() == district_lists.PAGE
    assert page.tabs.tabText(1) == f"Open flags ({flags})"
    assert page.flags_model.text(0, 4) == "Invented flag for a test."


def test_the_offices_screen_starts_without_the_merge_keys_or_http() -> None:
    """The CCIs screen (an office's first screen) imports neither the merge, the bundle
    cryptography, the keys nor HTTP (issue 17: start-up); the view's Aadhaar field names
    are bundle_format.aadhaar's."""
    import subprocess
    import sys

    from bundle_format import aadhaar
    from sync_client.district import view as district_view

    assert (district_view.FIELD_LAST4, district_view.FIELD_SEALED) == (
        aadhaar.FIELD_LAST4,
        aadhaar.FIELD_SEALED,
    )
    code = (
        "import sys; import desktop.views.district.page; "
        "print(sorted(n for n in sys.modules if n in ('requests', 'keyring', "
        "'central.service', 'central.merge', 'bundle_format.aadhaar', "
        "'sync_client.exchange.outbox', 'sync_client.district.mode', "
        "'sync_client.exchange.upload')))"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout


def _cut_entries(win: MainWindow) -> list[str]:
    """The navigation entries whose words do not fit inside their row (less its padding)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    nav, cut = win.nav, []
    metrics = QFontMetrics(nav.font())
    for i in range(nav.count()):
        item = nav.item(i)
        rect = nav.visualItemRect(item)
        width = min(rect.width(), nav.viewport().width())  # a row wider than the list is cut
        room = QRect(0, 0, width - 24, 10_000)  # the 12 px padding either side
        need = metrics.boundingRect(room, int(Qt.TextFlag.TextWordWrap), item.text())
        if need.width() > room.width() or need.height() > rect.height() - 20 + 2:
            cut.append(item.text())
    return cut


@pytest.mark.parametrize("language", ["en", "hi"])
def test_every_navigation_entry_shows_whole_at_1366(
    qtbot,
    engine,
    data_dir: Path,
    language: str,  # type: ignore[no-untyped-def]
) -> None:
    """No name in the office's navigation is cut ("One child, two hon", seen under Xvfb): a
    long one wraps onto a second line, in English and in Hindi, at 1366x768, also with text
    a third larger (Windows' 125-150% text scaling, or a wider font than the test's)."""
    from desktop.views.i18n import set_language

    _filled_office(engine, data_dir)
    ctx = AppContext(engine, data_dir, ADMIN)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    try:
        set_language(ctx, language)
        font = win.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        win.nav.setFont(font)
        qtbot.wait(50)
        assert win.nav.count() == 7
        assert _cut_entries(win) == []
    finally:
        set_language(ctx, "en")
