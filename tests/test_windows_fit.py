"""Every window and dialog fits an office PC's screen at its default size, buttons in view.

For a 1366x768 and a 1024x768 screen (a 40 px taskbar, and the title bar and borders the
system draws round a window), each top-level window is given its default size for that
screen (`geometry.fitted_size` of its preferred size, or its own size hint for a small
dialog) and must then be no bigger (its layout's minimum fits), with every visible
button wholly inside it and not squeezed below its text. In English and in Hindi, whose
words are often longer. Size and position are remembered for next time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QScrollArea,
    QSplitter,
    QTabBar,
    QWidget,
    QWizard,
)
from sqlalchemy.orm import Session

from desktop.services.cases.casework import add_guardian
from desktop.services.cases.children import register_child
from desktop.services.core.context import unit_of_work
from desktop.services.flags.evaluate import evaluate_all
from desktop.views import i18n
from desktop.views.app_context import AppContext
from desktop.views.geometry import FRAME, fitted_size, place_window
from desktop.views.main_window import MainWindow
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")

SCREENS = {"1366x768": QRect(0, 0, 1366, 728), "1024x768": QRect(0, 0, 1024, 728)}


@pytest.fixture(autouse=True)
def big_text(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The window's text size as CLMS starts it (12 points: big plain text)."""
    before = qapp.font()
    font = qapp.font()
    font.setPointSize(max(font.pointSize(), 12))
    qapp.setFont(font)
    yield
    qapp.setFont(before)


@pytest.fixture(params=["en", "hi"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each test in English and in Hindi."""
    assert i18n.install_language(request.param)
    yield request.param
    i18n.install_language("en")


@pytest.fixture
def full_ctx(ctx: AppContext, lang: str) -> AppContext:
    """Two children with guardians, visits due and flags, in the chosen language."""
    with unit_of_work(ctx.engine, ctx.actor, as_of=TODAY) as s:
        c = register_child(s, child_input(admission_date="2026-06-01"), today=TODAY)
        add_guardian(s, c, name="Sunita Devi", relation="mother", phone="9876543210")
        register_child(s, child_input(first_name="Ravi", gender="male"), today=TODAY)
    with Session(ctx.engine) as s, s.begin():
        s.info["actor"] = ctx.actor
        evaluate_all(s, as_of=TODAY)
    ctx.language = lang
    return ctx


def default_size(w: QWidget, area: QRect) -> QSize:
    """The size the window opens at on a screen with this free area."""
    preferred = w.property("preferred_size")
    if isinstance(preferred, QSize):
        return fitted_size(preferred, area)
    return fitted_size(w.sizeHint().expandedTo(w.minimumSizeHint()), area)


def squeezed_or_outside(w: QWidget) -> list[str]:
    """Visible buttons that stick out of the window or are narrower than their text."""
    bad = []
    inside = w.rect()
    for b in w.findChildren(QAbstractButton):
        if not b.isVisibleTo(w) or _scrolled(b, w) or isinstance(b.parentWidget(), QTabBar):
            continue  # (a tab bar's own arrows scroll its tabs)
        r = QRect(b.mapTo(w, QPoint(0, 0)), b.size())
        if not inside.contains(r):
            bad.append(f"{b.text() or b.objectName() or type(b).__name__} at {r} outside {inside}")
        elif b.width() < b.minimumSizeHint().width() - 2:
            bad.append(f"{b.text()!r} squeezed to {b.width()} < {b.minimumSizeHint().width()}")
    return bad


def _scrolled(b: QWidget, top: QWidget) -> bool:
    """Inside a scrolling area (reached by scrolling, which is fine for a long form)."""
    p = b.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QScrollArea):
            return True
        p = p.parentWidget()
    return False


def check_fits(qtbot, w: QWidget, screen: str, what: str) -> None:  # type: ignore[no-untyped-def]
    """The window at its default size for `screen`: no bigger, every button in view."""
    area = SCREENS[screen]
    size = default_size(w, area)
    w.resize(size)
    if not w.isVisible():
        w.show()
    QApplication.processEvents()
    limit = QSize(area.width() - FRAME.width(), area.height() - FRAME.height())
    assert w.width() <= limit.width() and w.height() <= limit.height(), (
        f"{what} at {screen}: {w.width()}x{w.height()} does not fit {limit.width()}x"
        f"{limit.height()} (its minimum is {w.minimumSizeHint().width()}x"
        f"{w.minimumSizeHint().height()})"
    )
    assert squeezed_or_outside(w) == [], f"{what} at {screen}"


def test_main_window_and_every_screen_fit(qtbot, full_ctx: AppContext) -> None:
    """The main window, each screen of its navigation and each tab of a profile fit, with
    the status bar and every list button in view."""
    w = MainWindow(full_ctx)
    qtbot.addWidget(w)
    for spec in w.specs:
        w.show_page(spec.key)
        for screen in SCREENS:
            check_fits(qtbot, w, screen, spec.key)
    assert w.statusBar().isVisible()
    with Session(full_ctx.engine) as s:
        from desktop.models import Child

        first = s.scalars(Child.__table__.select().limit(1)).first()
    w.open_child(first)
    profile = w.profile
    assert profile is not None
    for i in range(profile.tabs.count()):
        profile.tabs.setCurrentIndex(i)
        for screen in SCREENS:
            check_fits(qtbot, w, screen, f"profile tab {profile.tabs.tabText(i)}")


def _registration(ctx: AppContext) -> QWidget:
    from desktop.views.children.registration import RegistrationDialog

    return RegistrationDialog(ctx)


def _preview(ctx: AppContext) -> QWidget:
    from desktop.documents.printing import render
    from desktop.views.printing import PreviewDialog

    with unit_of_work(ctx.engine, ctx.actor, rules=False) as s:
        pdf = render(
            s, kind="summary", child_ids=[1], lang=ctx.language, actor=ctx.actor, as_of=TODAY
        )
    return PreviewDialog(ctx, pdf, kind="summary", child_ids=[1], lang=ctx.language)


def _form(ctx: AppContext) -> QWidget:
    from desktop.views.forms import FormDialog
    from desktop.views.profile.page import ProfilePage

    profile = ProfilePage(ctx, 1)
    dialogs: list[QDialog] = []
    mp = pytest.MonkeyPatch()
    mp.setattr(FormDialog, "exec", lambda self: dialogs.append(self) or 0)
    try:
        profile.visits.add_guardian()  # the longest of the small forms
    finally:
        mp.undo()
    return dialogs[0]


def _reason(ctx: AppContext) -> QWidget:
    from desktop.views.reason_dialog import ReasonDialog

    return ReasonDialog("Resolve the flag", "Priya Kumari (10-212-…): Medical examination\n\n" * 2)


def _login(ctx: AppContext) -> QWidget:
    from desktop.views.start.login import LoginDialog

    return LoginDialog(ctx.engine, locked=True)


def _password(ctx: AppContext) -> QWidget:
    from desktop.views.start.login import ChangePasswordDialog

    return ChangePasswordDialog(ctx.engine, "asha", first=True)


def _add_user(ctx: AppContext) -> QWidget:
    from desktop.views.admin.users_page import AddUserDialog

    return AddUserDialog(ctx)


def _reset_password(ctx: AppContext) -> QWidget:
    from desktop.views.admin.users_page import ResetPasswordDialog

    return ResetPasswordDialog(ctx, "asha")


def _child_edit(ctx: AppContext) -> QWidget:
    from desktop.views.profile.child_edit import ChildEditDialog
    from desktop.views.profile.page import ProfilePage

    return ChildEditDialog(ProfilePage(ctx, 1))


def _restore(ctx: AppContext) -> QWidget:
    from desktop.views.admin.backup_views import RestoreDialog

    return RestoreDialog(ctx, ctx.data_dir / "backups")


def _shortcuts(ctx: AppContext) -> QWidget:
    from desktop.views.shortcuts_dialog import ShortcutsDialog

    return ShortcutsDialog()


def _passphrase(ctx: AppContext) -> QWidget:
    from desktop.views.start.vault_dialogs import PassphraseDialog

    return PassphraseDialog("This computer keeps the data key under a passphrase.", new=True)


def _recover(ctx: AppContext) -> QWidget:
    from desktop.views.start.vault_dialogs import RecoverDialog

    return RecoverDialog(ctx.data_dir, "The data key file is missing: enter the recovery key.")


def _recovery_key(ctx: AppContext) -> QWidget:
    from desktop.views.start.vault_dialogs import RecoveryKeyDialog

    return RecoveryKeyDialog(ctx.data_dir, engine=ctx.engine, actor=ctx.actor)


def _clts_report(ctx: AppContext) -> QWidget:
    from desktop.views.clts.cases_page import ReportDialog

    return ReportDialog(None, ctx.today(), district_office=True)  # type: ignore[arg-type]


def _district_child(ctx: AppContext) -> QWidget:
    from datetime import date

    from central.reports.profile import ChildRecord
    from desktop.views.district.child import ChildRecordDialog

    record = ChildRecord(
        uuid="00000000-0000-4000-8000-000000000001",
        institution_uuid="00000000-0000-4000-8000-000000000002",
        institution="Asha Kiran Children's Home",
        state=10,
        district=212,
        code="10-212-0007-2026-00001-0",
        name="Priya Kumari",
        name_local="प्रिया कुमारी",
        gender="female",
        dob=date(2016, 4, 10),
        dob_estimated=False,
        status="in_care",
        admission_date=date(2026, 1, 5),
        referral="police",
        exit_date=None,
        category_code=9,
        guardians=[{"name": "Sunita Devi", "relation": "mother", "life_status": "alive"}],
    )
    return ChildRecordDialog(ctx, record)


def _merge(ctx: AppContext) -> QWidget:
    from desktop.views.profile.merge_dialog import MergeDialog

    return MergeDialog(ctx, 1, 2)


def _merge_choose(ctx: AppContext) -> QWidget:
    from desktop.views.profile.merge_dialog import ChooseRecordDialog

    return ChooseRecordDialog(ctx, 1)


DIALOGS: dict[str, Callable[[AppContext], QWidget]] = {
    "MergeDialog": _merge,
    "ChooseRecordDialog": _merge_choose,
    "RegistrationDialog": _registration,
    "PreviewDialog": _preview,
    "FormDialog": _form,
    "ReasonDialog": _reason,
    "LoginDialog": _login,
    "ChangePasswordDialog": _password,
    "AddUserDialog": _add_user,
    "ResetPasswordDialog": _reset_password,
    "ShortcutsDialog": _shortcuts,
    "ChildEditDialog": _child_edit,
    "RestoreDialog": _restore,
    "PassphraseDialog": _passphrase,
    "RecoverDialog": _recover,
    "RecoveryKeyDialog": _recovery_key,
    "ReportDialog": _clts_report,
    "ChildRecordDialog": _district_child,
}


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits(qtbot, full_ctx: AppContext, name: str, monkeypatch) -> None:
    """Each dialog at its default size fits the screen with Save, Cancel, Print... in view."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    w = DIALOGS[name](full_ctx)
    qtbot.addWidget(w)
    for screen in SCREENS:
        check_fits(qtbot, w, screen, name)


def test_the_set_up_assistant_fits_on_every_page(qtbot, engine, data_dir, lang) -> None:
    """Each page of the first-start assistant fits, with Back, Next and Finish in view."""
    from desktop.views.start.wizard import SetupWizard

    wiz = SetupWizard(engine, data_dir)
    qtbot.addWidget(wiz)
    for page_id in (SetupWizard.CHOICE, SetupWizard.INSTITUTION, SetupWizard.ACCOUNT):
        wiz.setStartId(page_id)
        wiz.restart()
        for screen in SCREENS:
            check_fits(qtbot, wiz, screen, f"assistant page {page_id}")
        last = wiz.page(page_id).nextId() == -1  # (the recovery key may follow the account)
        button = QWizard.WizardButton.FinishButton if last else QWizard.WizardButton.NextButton
        assert wiz.button(button).isVisible()


def test_every_dialog_of_the_window_is_checked() -> None:
    """A new dialog class in desktop/views must be added to DIALOGS above."""
    import importlib
    import inspect
    import pkgutil

    import desktop.views as views

    found = set()
    for mod in pkgutil.walk_packages(views.__path__, "desktop.views."):
        module = importlib.import_module(mod.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, QDialog)
                and cls.__module__ == module.__name__
                and not name.startswith("_")
                and not issubclass(cls, QWizard)
            ):
                found.add(name)
    assert found <= set(DIALOGS), f"not checked for small screens: {found - set(DIALOGS)}"


def test_size_position_and_splitters_are_remembered(qtbot, ctx: AppContext) -> None:
    """A window moved and resized, and a splitter dragged, come back so next time."""
    from desktop.views.shortcuts_dialog import ShortcutsDialog

    d = ShortcutsDialog()
    qtbot.addWidget(d)
    d.show()
    d.resize(610, 470)
    d.move(40, 30)
    d.close()
    d2 = ShortcutsDialog()
    qtbot.addWidget(d2)
    assert d2.size() == QSize(610, 470)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    queue = w.show_page("review")
    splitter = queue.findChild(QSplitter)
    splitter.setSizes([200, 250])
    splitter.splitterMoved.emit(200, 1)  # as a drag does
    sizes = splitter.sizes()
    w.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    queue2 = again.show_page("review")
    assert queue2.findChild(QSplitter).sizes() == sizes
    # a size saved on a bigger screen is not forced on a smaller one
    big = QWidget()
    qtbot.addWidget(big)
    place_window(big, QSize(1280, 800), "test_small", area=QRect(0, 0, 1366, 728))
    big.resize(1300, 700)
    big.close()
    small = QWidget()
    qtbot.addWidget(small)
    place_window(small, QSize(1280, 800), "test_small", area=QRect(0, 0, 1024, 728))
    assert small.width() <= 1024 - FRAME.width()
