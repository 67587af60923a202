"""English and Hindi: the live switch on real screens, remembered across a restart; the .qm."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.models import AuditEvent
from desktop.services.cases.casework import move_adoption_stage
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.install.users import DEFAULT_IDLE_MINUTES, idle_lock_minutes
from desktop.views import i18n, prefs
from desktop.views.admin.settings_page import SettingsPage
from desktop.views.app_context import AppContext
from desktop.views.overview.adoption_board import AdoptionBoardPage
from desktop.views.overview.dashboard import DashboardPage
from desktop.views.review.queue import RULE, ReviewQueuePage
from tests.conftest import TODAY
from tests.helpers import child_input

TS = Path(i18n.I18N_DIR) / "clms_hi.ts"
# A fresh program started the real way (`python -m desktop`): once the main window shows,
# report its language and the Settings screen's words, and quit.
RESTART = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([sys.argv[0]])
def look():
    for w in app.topLevelWidgets():
        if isinstance(w, QMainWindow) and w.isVisible():
            page = w.show_page("settings")
            print(w.ctx.language, page.title.text(), page.language_box.currentData())
            app.quit()
            return
timer = QTimer()
timer.timeout.connect(look)
timer.start(20)
from desktop.__main__ import main
main(["--data-dir", sys.argv[1]])
"""
MY_CONTEXTS = {
    "AdoptionBoardPage",
    "CardsModel",
    "DashboardPage",
    "FlagsModel",
    "ReasonDialog",
    "ReviewQueuePage",
    "SettingsPage",
    "Vocab",
}


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Preferences in a temporary folder; English again after each test."""
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))  # for a restarted process
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    i18n.install_language("en")


def _messages() -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            out.append((ctx.findtext("name"), m.findtext("source"), tr.text, tr.get("type")))
    return out


def test_switching_to_hindi_changes_the_live_screens(
    qtbot: QtBot, inst_engine: Engine, actor: Actor, data_dir: Path
) -> None:
    """Choosing Hindi in Settings re-words open screens, data included; English comes back."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        child = register_child(s, child_input(admission_date="2026-11-10"), today=TODAY)
        move_adoption_stage(s, child, stage="recommended", entered_on="2026-11-20", today=TODAY)
    ctx = AppContext(engine=inst_engine, data_dir=data_dir, actor=actor, today=lambda: TODAY)
    settings, queue, dash = SettingsPage(ctx), ReviewQueuePage(ctx), DashboardPage(ctx)
    board = AdoptionBoardPage(ctx)
    for w in (settings, queue, dash, board):
        qtbot.addWidget(w)
    with qtbot.waitSignals([queue.loaded, dash.loaded, board.loaded], timeout=10000):
        queue.show()
        dash.show()
        board.show()
    card = board.lanes["recommended"].model.index(0)
    assert card.data().startswith("Priya Kumari\n")
    assert queue.title.text() == "Review queue"
    assert "Medical examination" in [
        queue.model.data(queue.model.index(r, RULE)) for r in range(queue.model.rowCount())
    ]
    heard: list[str] = []
    ctx.events.language_changed.connect(heard.append)
    with qtbot.waitSignal(queue.loaded, timeout=10000):
        settings.language_box.setCurrentIndex(settings.language_box.findData("hi"))
    assert heard == ["hi"] and ctx.language == "hi"
    assert queue.title.text() == "समीक्षा सूची"
    assert queue.resolve_button.text() == "निपटाएँ…"
    assert queue.rule_box.itemText(0) == "सभी नियम"
    assert dash.title.text() == "डैशबोर्ड"
    assert dash.tiles["in_care"].caption.text() == "देखरेख में बच्चे"
    assert settings.title.text() == "सेटिंग्स"
    assert board.lanes["recommended"].title.text().startswith("अनुशंसित")
    assert card.data().startswith("प्रिया कुमारी\n")  # the name as written in Devanagari
    assert "इस चरण में दिन: 3" in card.data()
    rules = [queue.model.data(queue.model.index(r, RULE)) for r in range(queue.model.rowCount())]
    assert "चिकित्सा परीक्षण" in " ".join(rules)  # rule titles from the engine, in Hindi
    assert "प्रवेश" in queue.detail.text()  # the flag's own Hindi explanation
    with qtbot.waitSignal(queue.loaded, timeout=10000):
        settings.language_box.setCurrentIndex(settings.language_box.findData("en"))
    assert queue.title.text() == "Review queue" and dash.title.text() == "Dashboard"


def test_the_choice_is_remembered_across_a_restart(
    qtbot: QtBot, inst_engine: Engine, actor: Actor, data_dir: Path, own_settings: Path
) -> None:
    """After choosing Hindi, a freshly started program starts in Hindi."""
    ctx = AppContext(engine=inst_engine, data_dir=data_dir, actor=actor)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert prefs.saved_language() == "en"
    page.language_box.setCurrentIndex(page.language_box.findData("hi"))
    assert prefs.saved_language() == "hi"
    from desktop.vault.store import mark_recovery_shown

    mark_recovery_shown(data_dir)  # else the window first shows the recovery key, once
    env = {**os.environ, "XDG_CONFIG_HOME": str(own_settings), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", RESTART, str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert out.stdout.split() == ["hi", "सेटिंग्स", "hi"], out.stderr[-2000:]


def test_idle_lock_minutes_are_kept(
    qtbot: QtBot, inst_engine: Engine, actor: Actor, data_dir: Path
) -> None:
    """The idle-lock time set here is the install's setting (audited); a caseworker may not."""
    ctx = AppContext(engine=inst_engine, data_dir=data_dir, actor=actor)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.idle_spin.value() == DEFAULT_IDLE_MINUTES
    assert str(data_dir) in page.folder.text()
    page.idle_spin.setValue(25)
    qtbot.waitUntil(lambda: page.saved.text().startswith("Saved"), timeout=3000)
    with Session(inst_engine) as s:
        assert idle_lock_minutes(s) == 25
        assert "set_idle_lock_minutes" in s.scalars(select(AuditEvent.action)).all()
    clerk = AppContext(engine=inst_engine, data_dir=data_dir, actor=Actor("ravi", "caseworker"))
    other = SettingsPage(clerk)
    qtbot.addWidget(other)
    other.idle_spin.setValue(5)
    qtbot.waitUntil(lambda: "superintendent" in other.saved.text(), timeout=3000)
    assert other.idle_spin.value() == 25
    with Session(inst_engine) as s:
        assert idle_lock_minutes(s) == 25


def test_the_qm_file_matches_the_ts_file() -> None:
    """Every finished translation in clms_hi.ts is what the committed clms_hi.qm gives."""
    translator = QTranslator()
    assert translator.load(str(i18n.qm_path("hi")))
    finished = [(c, s, t) for c, s, t, kind in _messages() if t and kind is None]
    assert len(finished) > 150
    wrong = [(c, s) for c, s, t in finished if translator.translate(c, s) != t]
    assert wrong == []


def test_every_string_of_these_screens_has_hindi() -> None:
    """The review queue, adoption board, dashboard, settings and vocabulary are all translated."""
    mine = [(c, s) for c, s, t, kind in _messages() if c in MY_CONTEXTS]
    assert len(mine) > 100
    assert [(c, s) for c, s, t, kind in _messages() if c in MY_CONTEXTS and (not t or kind)] == []


def test_devanagari_font_is_registered_when_bundled(qtbot: QtBot) -> None:
    """With the bundled Noto font present, Qt gets a Devanagari family for Hindi text."""
    if not (i18n.FONTS_DIR / i18n.DEVANAGARI_FONTS[0]).exists():
        pytest.skip("the printing area's fonts are not in this checkout")
    assert "Devanagari" in (i18n.register_devanagari_font() or "")


def test_qt_own_buttons_and_screen_names_are_in_hindi(qtbot: QtBot) -> None:
    """Message boxes say Yes/No/OK in Hindi (Qt ships no Hindi); screen names are there too."""
    assert i18n.install_language("hi")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "?",
        "?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Ok,
    )
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "हाँ (&Y)"
    assert box.button(QMessageBox.StandardButton.No).text() == "नहीं (&N)"
    assert box.button(QMessageBox.StandardButton.Ok).text() == "ठीक है"
    # The main window names its screens from a table: those names are in the file too.
    assert QCoreApplication.translate("MainWindow", "Review queue") == "समीक्षा सूची"


def test_main_window_menus_status_bar_and_profile_follow_the_language(
    qtbot: QtBot, inst_engine: Engine, actor: Actor, data_dir: Path
) -> None:
    """After a switch to Hindi the menus, the status bar and a child's overview are Hindi."""
    from desktop.views.main_window import MainWindow
    from desktop.views.profile.page import ProfilePage

    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        child_id = register_child(s, child_input(admission_date="2026-11-10"), today=TODAY).id
    ctx = AppContext(engine=inst_engine, data_dir=data_dir, actor=actor, today=lambda: TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    profile = ProfilePage(ctx, child_id)
    qtbot.addWidget(profile)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Go to", "&Help"]
    assert window.user_label.text().startswith("User: ")
    qtbot.waitUntil(lambda: "Female" in profile.overview.facts.text(), timeout=10000)
    assert i18n.install_language("hi")
    ctx.events.language_changed.emit("hi")
    hindi = [a.text() for a in window.menuBar().actions()]
    assert hindi != menus and all(any("\u0900" <= ch <= "\u097f" for ch in t) for t in hindi)
    assert not window.user_label.text().startswith("User: ")
    assert window.register_action.text() != "&Register a new child…"
    profile.reload()
    qtbot.waitUntil(
        lambda: "महिला" in profile.overview.facts.text() or "लड़की" in profile.overview.facts.text(),
        timeout=10000,
    )
    facts = profile.overview.facts.text()
    assert "Child code" not in facts and "आयु" in facts


def test_no_words_are_filed_under_a_mixin() -> None:
    """`self.tr` in a mixin looks its words up under the concrete widget's class, so words
    filed under the mixin's own name would never show in Hindi (the CLTS tab's actions did
    this): every translation context naming one of our classes names a QObject."""
    import importlib
    import inspect
    import pkgutil

    from PySide6.QtCore import QObject

    import desktop.views

    ours: dict[str, type] = {}
    for mod in pkgutil.walk_packages(desktop.views.__path__, "desktop.views."):
        for name, obj in inspect.getmembers(importlib.import_module(mod.name), inspect.isclass):
            if obj.__module__.startswith("desktop."):
                ours[name] = obj
    contexts = {c for c, _s, _t, _kind in _messages()}
    under_mixins = sorted(c for c in contexts if c in ours and not issubclass(ours[c], QObject))
    assert len(contexts & set(ours)) > 30
    assert under_mixins == []
