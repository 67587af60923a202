"""The main window: navigation on the left, one screen at a time, menus and a status bar."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)
from shiboken6 import isValid

from desktop.views.app_context import AppContext
from desktop.views.geometry import WrappedRows, place_window
from desktop.views.ops import BackgroundOp
from desktop.views.pages import DISTRICT_PAGES, PAGES, PageSpec
from desktop.views.window_parts import not_set_up_text, office_name, page_shortcut

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from desktop.views.sync.status import SyncWatcher

log = logging.getLogger(__name__)

APP_TITLE = "CLMS Desktop"
COUNT_LATEST_MS = 500  # the status bar's counts start at the first paint, or after this
# A window whose start read its first page raw (`AppContext.start_db`, issue 22) imports the
# ORM and the services this long after its first paint: the frame is out first.
LOAD_AFTER_PAINT_MS = 15


class MainWindow(QMainWindow):
    """Navigation to every screen, built lazily; the child profile opens in the same place."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data_dir = ctx.data_dir
        facts = ctx.start_facts  # read raw by the start (desktop.core.first_page.StartFacts)
        if facts is not None and (facts.institution_name is not None or not facts.office):
            self.institution_name, self.office_name = facts.institution_name, None
        else:
            from sqlalchemy.orm import Session

            from desktop.services.install.institution import local_institution_or_none

            with Session(ctx.engine) as s:
                inst = local_institution_or_none(s)
                self.institution_name = inst.name if inst is not None else None
                self.office_name = None if inst is not None else office_name(s)
        self.page_list = PAGES if self.office_name is None else DISTRICT_PAGES
        self.home_key = "children" if self.office_name is None else "district"
        if self.office_name is not None:
            self.institution_name = self.office_name  # set up: the district's screens
        self.setWindowTitle(
            f"{APP_TITLE} — {self.institution_name}"
            if self.institution_name
            else f"{APP_TITLE} — not set up"
        )
        place_window(self, QSize(1280, 800), "main")
        self.pages: dict[str, QWidget] = {}  # built so far, by key
        self.specs = [p for p in self.page_list if self._allowed(p)]
        self.profile: QWidget | None = None
        self._flag_generation = 0
        self._open_flags: int | None = None
        self._menu_texts: list[tuple[QMenu | QAction, str]] = []
        self._badges: dict[str, int] = {}  # numbers shown beside screen names
        self._badge_generation = 0
        self._sync_watcher: SyncWatcher | None = None  # made at first use (`sync_watcher`)

        self._build_status_bar()
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        if self.institution_name is None and self.office_name is None:
            self._build_not_set_up()
        else:
            self._build_navigation()
        self._add_menus()
        ctx.events.flags_changed.connect(self.show_open_flags)
        ctx.events.child_changed.connect(lambda _id: self.refresh_flag_count())
        ctx.events.actor_changed.connect(self.actor_changed)
        ctx.events.child_changed.connect(lambda _id: self.refresh_badges())
        ctx.events.data_changed.connect(self.refresh_badges)
        ctx.events.language_changed.connect(lambda _lang: self.retranslate())
        ctx.events.loaded.connect(self._count_after_shown)
        self._load_asked = False
        if self.institution_name is not None:
            self.show_page(self.home_key)
        # The status bar's counts and the navigation's badges are read once the window has
        # painted: their threads would share the interpreter with the window's building and
        # first paint (issue 22), and the first screen's own rows come first. (A window
        # never shown, as in a test, counts after COUNT_LATEST_MS.)
        self._counted = False
        QTimer.singleShot(COUNT_LATEST_MS, self, self._count_after_shown)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """The first paint starts the status bar's counts (just after it)."""
        super().paintEvent(event)
        if not self.ctx.loaded:  # the start's window: the ORM next, then the counts
            if not self._load_asked:
                self._load_asked = True
                QTimer.singleShot(LOAD_AFTER_PAINT_MS, self, self.ctx.load)
        elif not self._counted:
            QTimer.singleShot(0, self, self._count_after_shown)

    @property
    def engine(self) -> Engine:
        """The database's engine (`AppContext.engine`)."""
        return self.ctx.engine

    @property
    def sync_watcher(self) -> SyncWatcher:
        """The status bar's sync line, made at its first use (it needs the ORM)."""
        if self._sync_watcher is None:
            from desktop.views.sync.status import SyncWatcher

            self._sync_watcher = SyncWatcher(self.ctx, self)
            self._sync_watcher.changed.connect(self.sync_label.setText)
        return self._sync_watcher

    def _count_after_shown(self) -> None:
        if self._counted:
            return
        if not self.ctx.loaded:
            if not self.isVisible():  # a window never shown (a test): load and count now
                self.ctx.load()
            return  # else its paint loads, and the load counts (`events.loaded`)
        self._counted = True
        self.show_last_sync()
        if self.institution_name is not None:
            self.refresh_flag_count()
            self.refresh_badges()

    # -- building -------------------------------------------------------------------------

    def _allowed(self, spec: PageSpec) -> bool:
        return not spec.roles or self.ctx.actor.role in spec.roles

    def _build_status_bar(self) -> None:
        self.location_label = QLabel(self.tr("Data: {0}").format(self.ctx.data_dir))
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location_label.setToolTip(str(self.ctx.data_dir))
        # a long folder name is cut at the right rather than widen the window
        self.location_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.location_label.setMinimumWidth(80)
        self.user_label = QLabel()
        self.sync_label = QLabel()
        self.flags_label = QLabel()
        for label in (self.user_label, self.sync_label, self.flags_label):
            label.setContentsMargins(12, 0, 12, 0)
        bar = self.statusBar()
        bar.addWidget(self.location_label, 1)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.flags_label)
        self._show_user()
        if not self.institution_name:
            self.sync_label.setText(self.tr("Never synced"))
        elif self.ctx.loaded:  # (else once loaded: `show_last_sync`)
            self.sync_label.setText(self.sync_watcher.text())

    def _build_not_set_up(self) -> None:
        self.message = QLabel(not_set_up_text(self.ctx.data_dir))
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setContentsMargins(24, 24, 24, 24)
        scroll = QScrollArea()  # scroll rather than widen the window for a long path
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.message)
        self.setCentralWidget(scroll)

    def _build_navigation(self) -> None:
        nav = self.nav
        nav.setIconSize(QSize(0, 0))
        nav.setFixedWidth(176)  # leaves a 1024 screen room for every screen
        nav.setSpacing(2)
        WrappedRows.install(nav, padding=2 * 12)  # "One child, two homes" on two lines
        font = nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        nav.setFont(font)
        nav.setStyleSheet("QListWidget::item { padding: 10px 12px; }")
        self._fill_nav()
        nav.currentRowChanged.connect(self._nav_changed)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(box)

    def _fill_nav(self) -> None:
        """One navigation entry per screen the user's role may see."""
        self.nav.clear()
        for i, spec in enumerate(self.specs):
            item = QListWidgetItem(self._nav_text(spec))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            key = page_shortcut(i)
            if key:
                item.setToolTip(key)
            self.nav.addItem(item)

    def _nav_text(self, spec: PageSpec) -> str:
        """A screen's name, with the number waiting there ("Approvals (3)")."""
        n = self._badges.get(spec.key, 0)
        return f"{self.tr(spec.title)} ({n})" if n else self.tr(spec.title)

    def _fill_go_menu(self) -> None:
        """The Go to menu: one entry (with Ctrl+number) per screen in the navigation."""
        for a in self.page_actions:
            self.go_menu.removeAction(a)
            self.removeAction(a)
            a.deleteLater()
        self.page_actions = []
        for i, spec in enumerate(self.specs):
            a = self._action(
                self.tr(spec.title),
                page_shortcut(i),
                lambda _c=False, k=spec.key: self.show_page(k),
            )
            self.go_menu.addAction(a)
            self.page_actions.append(a)

    def actor_changed(self) -> None:
        """Someone else logged in (at the lock screen): show only what their role offers.

        Screens the new user may not see leave the navigation and are closed; the screen on
        show stays if allowed, else the Children list is shown.
        """
        self._show_user()
        if self.institution_name is None:
            return
        current = self.current_key()
        self.specs = [p for p in self.page_list if self._allowed(p)]
        allowed = {p.key for p in self.specs}
        for key in [k for k in self.pages if k not in allowed]:
            widget = self.pages.pop(key)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.nav.blockSignals(True)
        self._fill_nav()
        self.nav.blockSignals(False)
        self._fill_go_menu()
        if current == "profile" and self.profile is not None:
            row = next((i for i, p in enumerate(self.specs) if p.key == "children"), -1)
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        else:
            self.show_page(current if current in allowed else self.home_key)
        self.refresh_badges()

    def refresh_badges(self) -> None:
        """Count the requests waiting for approval (off the GUI thread) for the navigation."""
        if self.institution_name is None or not any(s.key == "approvals" for s in self.specs):
            self._badges.pop("approvals", None)
            return
        from desktop.services.cases.approvals import count_pending

        session = self.ctx.reader()
        self._badge_generation += 1
        generation = self._badge_generation  # a count started earlier is out of date

        def work(_progress: object) -> int:
            with session() as s:
                return count_pending(s)

        def done(n: int) -> None:
            if isValid(self) and generation == self._badge_generation:
                self.show_badge("approvals", n)

        BackgroundOp(self, work).success(done).run_in_background()

    def show_badge(self, key: str, n: int) -> None:
        """Show `n` beside a screen's name in the navigation (nothing when 0)."""
        self._badges[key] = n
        for i, spec in enumerate(self.specs):
            item = self.nav.item(i)
            if spec.key == key and item is not None:
                item.setText(self._nav_text(spec))

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _add_menus(self) -> None:
        ready = self.institution_name is not None
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.register_action = self._action(
            self.tr("&Register a new child…"), "Ctrl+N", self.register_child
        )
        self.find_action = self._action(self.tr("&Find a child"), "Ctrl+F", self.focus_search)
        self.reload_action = self._action(self.tr("Re&load"), "F5", self.reload)
        self.lock_action = self._action(self.tr("&Lock the screen"), "Ctrl+L", self.lock)
        self.quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", self.close)
        for a in (self.register_action, self.find_action, self.reload_action):
            a.setEnabled(ready and (a is self.reload_action or self.office_name is None))
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.quit_action)
        go_menu = self.go_menu = self.menuBar().addMenu(self.tr("&Go to"))
        self.page_actions: list[QAction] = []
        self._fill_go_menu()
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts
        )
        help_menu.addAction(self.shortcuts_action)
        about = self._action(self.tr("&About CLMS Desktop"), None, self._about)
        help_menu.addAction(about)
        # Source texts (found by lupdate in the tr() calls above), for a language switch.
        self._menu_texts = [
            (file_menu, "&File"),
            (go_menu, "&Go to"),
            (help_menu, "&Help"),
            (self.register_action, "&Register a new child…"),
            (self.find_action, "&Find a child"),
            (self.reload_action, "Re&load"),
            (self.lock_action, "&Lock the screen"),
            (self.quit_action, "&Quit"),
            (about, "&About CLMS Desktop"),
            (self.shortcuts_action, "&Keyboard shortcuts"),
        ]

    def retranslate(self) -> None:
        """Menus, screen names and the status bar again in the language just chosen."""
        for obj, source in self._menu_texts:
            if isinstance(obj, QMenu):
                obj.setTitle(self.tr(source))
            else:
                obj.setText(self.tr(source))
        self.location_label.setText(self.tr("Data: {0}").format(self.ctx.data_dir))
        self._show_user()
        if self.ctx.loaded:
            self.sync_label.setText(self.sync_watcher.text())
        if self._open_flags is not None:
            self._show_flag_count(self._open_flags)
        for i, spec in enumerate(self.specs):
            item = self.nav.item(i)
            if item is not None:
                item.setText(self._nav_text(spec))
            if i < len(self.page_actions):
                self.page_actions[i].setText(self.tr(spec.title))
        self._rebuild_untranslatable()

    def _rebuild_untranslatable(self) -> None:
        """Screens that cannot set their words again are built afresh in the new language:
        the one on show at once, the others when next shown; an open profile reopens on
        the same tab. (A screen busy with work, such as a send under way, is left.)"""
        current = self.stack.currentWidget()
        for key, widget in list(self.pages.items()):
            if hasattr(widget, "retranslate") or getattr(widget, "_busy", False):
                continue
            self.stack.removeWidget(widget)
            widget.deleteLater()
            del self.pages[key]
            if widget is current:
                self.show_page(key)
        if self.profile is not None:
            if self.profile is current:
                tab = self.profile.tabs.currentIndex()
                self.open_child(self.profile.child_id)
                self.profile.tabs.setCurrentIndex(tab)
            else:
                self.stack.removeWidget(self.profile)
                self.profile.deleteLater()
                self.profile = None

    # -- pages ----------------------------------------------------------------------------

    def page(self, key: str) -> QWidget | None:
        """The screen for `key`, built on first use; None if it is not available."""
        if key in self.pages:
            return self.pages[key]
        spec = next((p for p in self.specs if p.key == key), None)
        if spec is None:
            return None
        # A screen that is missing from the install is a broken build: fail loudly.
        cls = getattr(importlib.import_module(spec.module), spec.cls)
        try:
            widget: QWidget = cls(self.ctx, self.stack)
        except Exception:  # a screen failing on its data must not take the whole window down
            log.exception("screen %r could not be built", spec.title)
            widget = QLabel(self.tr("This screen could not be opened. See the log for details."))
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._connect_page(widget)
        self.pages[key] = widget
        self.stack.addWidget(widget)
        return widget

    def _connect_page(self, widget: QWidget) -> None:
        """Wire the signals screens may offer: open a child, register a child."""
        for name, slot in (
            ("open_child", self.open_child),
            ("open_child_tab", self.open_child_tab),
            ("register_requested", self.register_child),
            ("show_children", self.show_children),
            ("show_flags", self.show_flags),
        ):
            signal = getattr(widget, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)

    def show_page(self, key: str) -> QWidget | None:
        """Show a screen (building it the first time) and select it in the navigation."""
        widget = self.page(key)
        if widget is None:
            return None
        self.stack.setCurrentWidget(widget)
        row = next((i for i, p in enumerate(self.specs) if p.key == key), -1)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        return widget

    def current_key(self) -> str | None:
        """Key of the screen on show ("profile" for a child's profile)."""
        w = self.stack.currentWidget()
        if w is not None and w is self.profile:
            return "profile"
        return next((k for k, p in self.pages.items() if p is w), None)

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.show_page(self.specs[row].key)

    def open_child_tab(self, child_id: int, tab: str) -> None:
        """Show the child's profile at one of its tabs ("clts")."""
        self.open_child(child_id)
        show = getattr(self.profile, "show_tab", None)
        if show is not None:
            show(tab)

    def open_child(self, child_id: int) -> None:
        """Show the child's profile in place of the current screen."""
        from desktop.views.profile.page import ProfilePage

        if self.profile is not None:
            self.stack.removeWidget(self.profile)
            self.profile.deleteLater()
        self.profile = ProfilePage(self.ctx, child_id, self.stack)
        self.profile.back_requested.connect(lambda: self.show_page("children"))
        self.profile.open_child.connect(self.open_child)
        self.stack.addWidget(self.profile)
        self.stack.setCurrentWidget(self.profile)
        row = next((i for i, p in enumerate(self.specs) if p.key == "children"), -1)
        self.nav.blockSignals(True)  # a profile belongs to the Children screen
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)

    def show_children(self, filters: dict[str, object]) -> None:
        """The children list narrowed to what a dashboard bar counts."""
        page = self.show_page("children")
        apply = getattr(page, "apply_filter", None)
        if callable(apply):
            apply(filters)

    def show_flags(self, rule_id: str | None) -> None:
        """The review queue showing one rule's flags."""
        page = self.show_page("review")
        set_rule = getattr(page, "set_rule", None)
        if callable(set_rule):
            set_rule(rule_id)

    # -- actions --------------------------------------------------------------------------

    def register_child(self) -> None:
        """Open the registration form; show the new child's profile once saved."""
        if self.institution_name is None:
            return
        from desktop.views.children.registration import RegistrationDialog

        dialog = RegistrationDialog(self.ctx, self)
        dialog.exec()
        chosen = dialog.child_id or dialog.existing_child_id  # new, or "Open that record"
        if chosen is not None:
            self.open_child(chosen)

    def focus_search(self) -> None:
        """Go to the children list with the cursor in the search box."""
        page = self.show_page("children")
        box = getattr(page, "search_box", None)
        if box is not None:
            box.setFocus()
            box.selectAll()

    def reload(self) -> None:
        """Read everything again from the database (after changes made elsewhere)."""
        self.ctx.events.data_changed.emit()
        self.refresh_flag_count()
        self.sync_watcher.check_connection()

    def lock(self) -> None:
        """Hide the case data until the user logs in again (when logins are installed)."""
        from desktop.views.start.login import lock_window

        lock_window(self, self.ctx)

    def show_shortcuts(self) -> QWidget:
        """Help → Keyboard shortcuts: the keys and what they do (not modal: try them)."""
        from desktop.views.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.show()
        self.shortcuts_dialog = dialog
        return dialog

    def _about(self) -> None:
        QMessageBox.about(
            self,
            APP_TITLE,
            self.tr(
                "CLMS Desktop: case records of children in care under the Juvenile Justice "
                "(Care and Protection of Children) Act, 2015."
            ),
        )

    # -- status bar -----------------------------------------------------------------------

    def _show_user(self) -> None:
        a = self.ctx.actor
        self.user_label.setText(self.tr("User: {0}").format(a.full_name or a.username))

    def show_last_sync(self) -> None:
        """Sync in one line: online or offline, changes waiting, when last sent (counted
        and asked in the background; the label changes when the answers come)."""
        if self.institution_name is None:
            self.sync_label.setText(self.tr("Never synced"))
            return
        self.sync_label.setText(self.sync_watcher.text())
        self.sync_watcher.start()

    def show_open_flags(self, n: int) -> None:
        """Show the number of open review flags (after a rules run)."""
        self._flag_generation += 1  # a count started before this news is out of date
        self._show_flag_count(n)

    def _show_flag_count(self, n: int) -> None:
        self._open_flags = n
        self.flags_label.setText(
            self.tr("1 open flag") if n == 1 else self.tr("{0} open flags").format(n)
        )

    def refresh_flag_count(self) -> None:
        """Count open flags off the GUI thread and show the number."""
        if self.institution_name is None or self.office_name is not None:
            return
        from desktop.services.flags.store import count_open_flags

        session = self.ctx.reader()
        self._flag_generation += 1
        generation = self._flag_generation

        def work(_progress: object) -> int:
            with session() as s:
                return count_open_flags(s)

        def done(n: int) -> None:
            if isValid(self) and generation == self._flag_generation:
                self.show_open_flags(n)

        BackgroundOp(self, work).success(done).run_in_background()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Let open forms keep their drafts before the window goes."""
        for w in self.findChildren(QWidget):
            save = getattr(w, "save_draft_now", None)
            if callable(save):
                save()
        super().closeEvent(event)
