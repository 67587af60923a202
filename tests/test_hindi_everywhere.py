"""In Hindi, no screen shows English that has Hindi: every widget of every screen is read.

Every screen is first built in English, then the language is switched live (as a user
does in Settings); each screen, each tab of a child's profile, and each dialog is then
walked widget by widget: labels, buttons, group titles, tabs, every item of every
choice, placeholders, table headers and cells, window titles, menus. A visible text in Latin
letters only that is the English of a message the translation file gives Hindi for is a
screen that did not follow the language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import lru_cache

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
    QWizard,
)
from sqlalchemy.orm import Session

from desktop.services.cases.casework import add_guardian, log_visit, record_order
from desktop.services.cases.children import register_child
from desktop.services.core.context import unit_of_work
from desktop.services.flags.evaluate import evaluate_all
from desktop.views import i18n
from desktop.views.app_context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.start.setup_pages import LANGUAGE_NAMES
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")
TS = i18n.I18N_DIR / "clms_hi.ts"
DEVANAGARI = re.compile("[\u0900-\u097f]")
LATIN = re.compile("[A-Za-z]")


def _norm(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)  # rich text: the words only
    text = text.replace("&nbsp;", " ").replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


@lru_cache(maxsize=1)
def translated() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """English texts the .ts gives a Hindi translation for (exact, and {n} patterns)."""
    exact, patterns = set(), []
    for msg in ET.parse(TS).getroot().iter("message"):
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        hindi = (tr.text or "") if tr is not None else ""
        if not hindi or (tr is not None and tr.get("type")) or not DEVANAGARI.search(hindi):
            continue
        key = _norm(source)
        if not LATIN.search(key):
            continue
        if re.search(r"\{\d\}", key):
            literal = re.sub(r"\{\d\}", "", key)
            if len(LATIN.findall(literal)) >= 4:  # enough words of its own to recognise
                rx = re.escape(key)
                rx = re.sub(r"\\\{\d\\\}", ".+?", rx)
                patterns.append(re.compile(f"^{rx}$"))
        else:
            exact.add(key)
    return frozenset(exact), tuple(patterns)


def texts_of(top: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for every text a user can see in `top`."""
    yield "window title", top.windowTitle()
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            yield "menu", action.text()
            menu = action.menu()
            if menu is not None:
                for sub in menu.actions():
                    yield "menu item", sub.text()
        for w in top.statusBar().findChildren(QLabel):
            yield "status bar", w.text()
    if isinstance(top, QWizard):
        page = top.currentPage()
        if page is not None:
            yield "wizard title", page.title()
            yield "wizard subtitle", page.subTitle()
    for w in [top, *top.findChildren(QWidget)]:
        if w is not top and not w.isVisibleTo(top):
            continue
        name = type(w).__name__
        if isinstance(w, QLabel):
            yield name, w.text()
        elif isinstance(w, QAbstractButton):
            yield name, w.text()
            yield f"{name} tooltip", w.toolTip()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield "tab", w.tabText(i)
        elif isinstance(w, QComboBox):
            items = [w.itemText(i) for i in range(w.count())]
            if not set(items) & set(LANGUAGE_NAMES.values()):  # each language in its own words
                for text in items:
                    yield "choice", text
        elif isinstance(w, (QLineEdit, QPlainTextEdit)):
            yield f"{name} placeholder", w.placeholderText()
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            try:
                columns = m.columnCount(QModelIndex())
            except TypeError:  # a list model: no columns to name
                columns = 0
            for c in range(columns):
                yield "column", str(m.headerData(c, Qt.Orientation.Horizontal) or "")
            for r in range(min(m.rowCount(QModelIndex()), 30)):  # the cells' words too
                for c in range(max(columns, 1)):
                    yield "cell", str(m.data(m.index(r, c)) or "")


def english_left(top: QWidget, where: str) -> list[str]:
    """Texts of `top` still in English although the .ts has Hindi for them."""
    exact, patterns = translated()
    found = []
    for what, raw in texts_of(top):
        text = _norm(raw or "")
        if not text or DEVANAGARI.search(text) or not LATIN.search(text):
            continue
        if text in exact or any(p.match(text) for p in patterns):
            found.append(f"{where} / {what}: {text!r}")
    return found


@pytest.fixture
def hindi_ctx(ctx: AppContext, monkeypatch) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    """A home with children, guardians, visits, orders and open flags (English first)."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    with unit_of_work(ctx.engine, ctx.actor, as_of=TODAY) as s:
        c = register_child(s, child_input(admission_date="2026-06-01"), today=TODAY)
        g = add_guardian(s, c, name="Sunita Devi", relation="mother")
        log_visit(s, c, guardian=g, visit_date="2026-07-01", mode="in_person", today=TODAY)
        record_order(
            s, c, order_no="CWC/1", order_date="2026-06-02", order_type="admission", today=TODAY
        )
        register_child(s, child_input(first_name="Ravi", gender="male"), today=TODAY)
    with Session(ctx.engine) as s, s.begin():
        s.info["actor"] = ctx.actor
        evaluate_all(s, as_of=TODAY)
    yield ctx
    i18n.install_language("en")


def test_every_screen_switched_to_hindi_shows_no_english_that_has_hindi(
    qtbot, hindi_ctx: AppContext
) -> None:
    """Built in English, switched to Hindi: every screen, the profile's tabs and the
    status bar show Hindi wherever the translation has it."""
    w = MainWindow(hindi_ctx)
    qtbot.addWidget(w)
    w.show()
    for spec in w.specs:  # every screen exists in English before the switch
        w.show_page(spec.key)
    w.open_child(1)
    qtbot.wait(200)
    i18n.set_language(hindi_ctx, "hi")
    qtbot.wait(300)
    left: list[str] = []
    profile = w.profile
    assert profile is not None
    for i in range(profile.tabs.count()):
        profile.tabs.setCurrentIndex(i)
        left += english_left(w, f"profile tab {i}")
    for spec in w.specs:
        w.show_page(spec.key)
        qtbot.wait(100)
        left += english_left(w, spec.key)
    assert left == [], "\n".join(left)


def test_every_dialog_in_hindi_shows_no_english_that_has_hindi(
    qtbot, hindi_ctx: AppContext, monkeypatch
) -> None:
    """Registration (with its messages after a failed Save), the small forms, the reason
    dialog, login, keyboard shortcuts, print preview and the set-up assistant."""
    from desktop.documents.printing import render
    from desktop.views.children.registration import RegistrationDialog
    from desktop.views.forms import FormDialog
    from desktop.views.printing import PreviewDialog
    from desktop.views.profile.page import ProfilePage
    from desktop.views.reason_dialog import ReasonDialog
    from desktop.views.shortcuts_dialog import ShortcutsDialog
    from desktop.views.start.login import LoginDialog
    from desktop.views.start.wizard import SetupWizard

    i18n.set_language(hindi_ctx, "hi")
    left: list[str] = []
    reg = RegistrationDialog(hindi_ctx)
    qtbot.addWidget(reg)
    reg.show()
    reg.save()  # nothing typed: every message under its field, in Hindi
    left += english_left(reg, "registration")
    profile = ProfilePage(hindi_ctx, 1)
    qtbot.addWidget(profile)
    shown: list[FormDialog] = []
    monkeypatch.setattr(FormDialog, "exec", lambda self: shown.append(self) or 0)
    profile.visits.add_guardian()
    profile.documents.change_category()
    profile.history.add_order()
    monkeypatch.undo()
    for d in shown:
        d.show()
        d.form.show_errors({"name": "is required", "order_date": "cannot be in the future"})
        left += english_left(d, d.windowTitle())
    with unit_of_work(hindi_ctx.engine, hindi_ctx.actor, rules=False) as s:
        pdf = render(
            s, kind="summary", child_ids=[1], lang="hi", actor=hindi_ctx.actor, as_of=TODAY
        )
    from desktop.views.admin.users_page import AddUserDialog, ResetPasswordDialog
    from desktop.views.start.login import ChangePasswordDialog

    for dialog in (
        ReasonDialog("x", "y"),
        AddUserDialog(hindi_ctx),
        ResetPasswordDialog(hindi_ctx, "asha"),
        ChangePasswordDialog(hindi_ctx.engine, "asha", first=True),
        LoginDialog(hindi_ctx.engine),
        LoginDialog(hindi_ctx.engine, locked=True),
        ShortcutsDialog(),
        PreviewDialog(hindi_ctx, pdf, kind="summary", child_ids=[1], lang="hi"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        left += english_left(dialog, type(dialog).__name__)
    wiz = SetupWizard(hindi_ctx.engine, hindi_ctx.data_dir)
    qtbot.addWidget(wiz)
    for page_id in (SetupWizard.CHOICE, SetupWizard.INSTITUTION, SetupWizard.ACCOUNT):
        wiz.setStartId(page_id)
        wiz.restart()
        wiz.show()
        left += english_left(wiz, f"assistant page {page_id}")
    assert left == [], "\n".join(left)


def test_choosing_hindi_in_the_assistant_turns_it_hindi_at_once(qtbot, engine, data_dir) -> None:
    """The language is chosen on the assistant's first page; every page follows at once,
    and it is remembered for the main window."""
    from desktop.views import prefs
    from desktop.views.start.wizard import SetupWizard

    wiz = SetupWizard(engine, data_dir)
    qtbot.addWidget(wiz)
    wiz.show()
    assert wiz.choice_page.title() == "Welcome to CLMS Desktop"
    box = wiz.choice_page.language_box
    box.setCurrentIndex(box.findData("hi"))
    try:
        qtbot.waitUntil(lambda: bool(DEVANAGARI.search(wiz.choice_page.title())))
        assert english_left(wiz, "first page") == []
        assert prefs.saved_language() == "hi" and i18n.current_language() == "hi"
        wiz.setStartId(SetupWizard.INSTITUTION)
        wiz.restart()
        assert english_left(wiz, "institution page") == []
    finally:
        i18n.install_language("en")


def test_choosing_hindi_at_login_turns_the_login_hindi(qtbot, engine) -> None:
    """The login window has the language too, for the person about to log in."""
    from desktop.views.start.login import LoginDialog

    dialog = LoginDialog(engine)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.login_button.text() == "Log in"
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("hi"))
    try:
        qtbot.waitUntil(lambda: bool(DEVANAGARI.search(dialog.login_button.text())))
        assert english_left(dialog, "login") == []
    finally:
        i18n.install_language("en")
