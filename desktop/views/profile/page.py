"""A child's profile: a header and tabs for every part of the case; writes through services."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.services.cases.casework import set_photo
from desktop.services.cases.profile import Profile, attachment_store, child_by_id, load_profile
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.services.core.permissions import Permission, has
from desktop.views.app_context import AppContext
from desktop.views.forms import nice, show_date, show_problem
from desktop.views.profile.clts_tab import CltsTab
from desktop.views.profile.documents_tab import DocumentsTab
from desktop.views.profile.flags_panel import FlagsPanel
from desktop.views.profile.history_tabs import AdoptionTab, ExitTab, HistoryTab
from desktop.views.profile.visits_tab import VisitsTab

log = logging.getLogger(__name__)


def length_of_stay(days: int) -> str:
    """Days in care as years, months and days a person reads at a glance (in the window's
    language)."""
    translate = QCoreApplication.translate
    years, rest = divmod(days, 365)
    months = rest * 12 // 365  # never "12 months": 364 days are 11 months and some days
    parts = []
    if years:
        parts.append(
            translate("ProfilePage", "1 year")
            if years == 1
            else translate("ProfilePage", "{0} years").format(years)
        )
    if months:
        parts.append(
            translate("ProfilePage", "1 month")
            if months == 1
            else translate("ProfilePage", "{0} months").format(months)
        )
    if not parts:
        return (
            translate("ProfilePage", "1 day")
            if days == 1
            else translate("ProfilePage", "{0} days").format(days)
        )
    return " ".join(parts) + " (" + translate("ProfilePage", "{0} days").format(days) + ")"


class ProfilePage(QWidget):
    """Everything about one child; every tab reloads after any write to this child."""

    back_requested = Signal()
    open_child = Signal(int)  # another child's profile (the kept record of a merge)

    def __init__(self, ctx: AppContext, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.child_id = child_id
        self.profile: Profile | None = None
        self.back_button = QPushButton(self.tr("← Back to the list"))
        self.back_button.setToolTip(self.tr("Esc or Alt+Left"))
        self.back_button.clicked.connect(self.back_requested.emit)
        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence.StandardKey.Back):
            back = QShortcut(keys, self)
            back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            back.activated.connect(self.back_requested.emit)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        # A record merged into another: the way to the kept record (hidden otherwise).
        self.merged_button = QPushButton()
        self.merged_button.hide()
        self.merged_button.clicked.connect(self._open_kept)
        self.kept_id: int | None = None
        # ... and, for the superintendent, the way back: undo the merge (issue 20).
        self.undo_merge_button = QPushButton(self.tr("Undo the merge…"))
        self.undo_merge_button.setToolTip(
            self.tr("Not the same child after all: this record becomes a child of its own again")
        )
        self.undo_merge_button.hide()
        self.undo_merge_button.clicked.connect(lambda: self.undo_merge() and None)
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.merged_button)
        head.addWidget(self.undo_merge_button)

        self.overview = OverviewTab(self)
        self.visits = VisitsTab(self)
        self.documents = DocumentsTab(self)
        self.history = HistoryTab(self)
        self.adoption = AdoptionTab(self)
        self.exit = ExitTab(self)
        self.clts = CltsTab(self)
        self.tabs = QTabWidget()
        for tab, title in (
            (self.overview, self.tr("Overview")),
            (self.visits, self.tr("Guardians and visits")),
            (self.documents, self.tr("Category and documents")),
            (self.history, self.tr("Orders and history")),
            (self.adoption, self.tr("Adoption")),
            (self.exit, self.tr("Exit and transfer")),
            (self.clts, self.tr("Child labour")),
        ):
            self.tabs.addTab(tab, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

        self.reload(opened=True)
        ctx.events.child_changed.connect(self._child_changed)
        ctx.events.flags_changed.connect(lambda _n: self.reload())  # a rules run, a resolve
        ctx.events.actor_changed.connect(self.reload)  # what a screen offers follows the role

    # -- data -----------------------------------------------------------------------------

    def reload(self, *, opened: bool = False) -> None:
        """Read the child's record again and show it on every tab."""
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                self.profile = load_profile(
                    s,
                    self.child_id,
                    today=self.ctx.today(),
                    lang=self.ctx.language,
                    opened=opened,  # the audit trail records each opening of a profile
                )
        except ServiceError as exc:
            self.title.setText(str(exc))
            return
        p = self.profile
        r = p.record
        local = f"  ·  {r['name_local']}" if r["name_local"] else ""
        self.title.setText(f"{r['name']}{local}")
        self.subtitle.setText(f"{r['code']}  ·  {nice(r['status'])}")
        kept = r.get("merged_into")
        self.kept_id = p.merged_into_id
        if kept:
            where = self.tr("Merged into {0}").format(kept)
            self.subtitle.setText(f"{r['code']}  ·  {where}")
            self.merged_button.setText(self.tr("Open {0}").format(kept))
        self.merged_button.setVisible(bool(kept) and self.kept_id is not None)
        self.undo_merge_button.setVisible(
            bool(kept) and p.merged_into_id is not None and has(self.ctx.actor, Permission.APPROVE)
        )
        # A merged-away record has no history of its own left: only its overview opens.
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, not kept)
        for tab in (
            self.overview,
            self.visits,
            self.documents,
            self.history,
            self.adoption,
            self.exit,
            self.clts,
        ):
            tab.show_profile(p)

    def _open_kept(self) -> None:
        if self.kept_id is not None:
            self.open_child.emit(self.kept_id)

    def undo_merge(self, reason: str | None = None) -> bool:
        """Undo the merge of this merged-away record (asking why, unless given); True when
        undone. The kept record's profile refreshes too."""
        from desktop.services.cases.merge import undo_merge

        asked = reason is None
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Undo the merge"),
                self.tr("Why are these not the same child? (kept in the audit trail)"),
            )
            if not ok:
                return False
        kept = self.kept_id
        done: list[str] = []

        def run(s: Session, c: Child) -> None:
            done.append(undo_merge(s, c, reason=reason, today=self.ctx.today()).summary())

        if not self.try_write(run):
            return False
        if kept is not None:
            self.ctx.events.child_changed.emit(kept)
        if asked and done:
            QMessageBox.information(self, self.tr("Undo the merge"), done[0])
        return True

    def merge_with(self, other_id: int | None = None) -> bool:
        """Choose the other record of this child (unless given), compare, merge; True when
        merged."""
        from desktop.views.profile.merge_dialog import ChooseRecordDialog, MergeDialog

        if other_id is None:
            choose = ChooseRecordDialog(self.ctx, self.child_id, self)
            if choose.exec() != QDialog.DialogCode.Accepted or choose.chosen_id is None:
                return False
            other_id = choose.chosen_id
        dlg = MergeDialog(self.ctx, self.child_id, other_id, self)
        dlg.exec()
        if not dlg.merged:
            return False
        if dlg.keep_id != self.child_id:
            self.open_child.emit(dlg.keep_id)
        else:
            self.reload()
        return True

    def show_tab(self, key: str) -> None:
        """Bring a tab to the front ("clts" for the child-labour tab)."""
        tab = {"clts": self.clts}.get(key)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)

    def guardian_choices(self) -> list[tuple[str, str]]:
        """The child's guardians as (words, uuid) pairs, for a 'who came' choice."""
        if self.profile is None:
            return []
        return [
            (f"{g['name']} ({nice(g['relation'])})", g["uuid"])
            for g in self.profile.record["guardians"]
        ]

    def _child_changed(self, child_id: int) -> None:
        if child_id == self.child_id:
            self.reload()

    def write(self, fn: Callable[[Session, Child], Any]) -> Any:
        """Run one change to this child in its own transaction; then every screen refreshes.

        Raises the service's error (ValidationError, NotAllowed...) for the caller to show.
        """
        with unit_of_work(self.ctx.engine, self.ctx.actor, as_of=self.ctx.today()) as s:
            result = fn(s, child_by_id(s, self.child_id))
        self.ctx.events.child_changed.emit(self.child_id)
        return result

    def read(self, fn: Callable[[Session, Child], Any]) -> Any:
        """Read something about this child as the user logged in (nothing is written)."""
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            return fn(s, child_by_id(s, self.child_id))

    def try_write(self, fn: Callable[[Session, Child], Any]) -> bool:
        """`write`, telling the user in plain words if it was refused; True when done."""
        try:
            self.write(fn)
        except ServiceError as exc:
            show_problem(self, exc)
            return False
        return True


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class OverviewTab(QWidget):
    """Photo, code, age, length of stay, category, and the open flags explained."""

    def __init__(self, page: ProfilePage) -> None:
        super().__init__()
        self.page = page
        self.photo = QLabel(self.tr("No photo"))
        self.photo.setFixedSize(180, 220)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("border: 1px solid #999; background: #f4f4f4;")
        self.photo_button = QPushButton(self.tr("Change photo…"))
        self.photo_button.clicked.connect(self.choose_photo)
        self.edit_button = QPushButton(self.tr("Correct the details…"))
        self.edit_button.setToolTip(
            self.tr("Name, date of birth, Aadhaar, gender, admission details")
        )
        self.edit_button.clicked.connect(lambda: self.edit_details() and None)
        self.merge_button = QPushButton(self.tr("Merge with another record…"))
        self.merge_button.setToolTip(
            self.tr("The same child registered twice in this home: keep one record")
        )
        self.merge_button.clicked.connect(lambda: page.merge_with() and None)
        # The duplicate warning: another record of this home likely the same child.
        self.same_child = QLabel()
        self.same_child.setWordWrap(True)
        self.same_child.setStyleSheet("color: #8a4b00;")
        self.same_child_button = QPushButton(self.tr("Compare and merge…"))
        self.same_child_button.clicked.connect(self._merge_same_child)
        self.same_child_id: int | None = None
        warn = QHBoxLayout()
        warn.addWidget(self.same_child, 1)
        warn.addWidget(self.same_child_button)
        self.same_child_box = QWidget()
        self.same_child_box.setLayout(warn)
        warn.setContentsMargins(0, 0, 0, 0)
        self.requests = QLabel()
        self.requests.setTextFormat(Qt.TextFormat.RichText)
        self.requests.setWordWrap(True)
        # One "Withdraw" button for each request the person logged in asked and still waits.
        self.withdraw_box = QWidget()
        self.withdraw_row = QHBoxLayout(self.withdraw_box)
        self.withdraw_row.setContentsMargins(0, 0, 0, 0)
        self.withdraw_buttons: list[QPushButton] = []
        self.facts = QLabel()
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.facts.setWordWrap(True)
        self.flags = FlagsPanel(page)  # each open flag, to acknowledge or resolve here

        left = QVBoxLayout()
        left.addWidget(self.photo)
        left.addWidget(self.photo_button)
        left.addWidget(self.edit_button)
        left.addWidget(self.merge_button)
        left.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left)
        top.addWidget(self.facts, 1)
        body = QWidget()
        col = QVBoxLayout(body)
        col.addLayout(top)
        col.addWidget(self.same_child_box)
        col.addWidget(self.requests)
        col.addWidget(self.withdraw_box)
        col.addWidget(self.flags)
        col.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_scroll(body))

    def edit_dialog(self) -> QDialog:
        """The dialog that corrects the child's own details (not yet shown)."""
        from desktop.views.profile.child_edit import ChildEditDialog

        return ChildEditDialog(self.page, self)

    def edit_details(self) -> bool:
        """Correct the child's details; True when something was saved."""
        dialog = self.edit_dialog()
        return bool(dialog.exec())

    def _show_same_child(self, p: Profile) -> None:
        from desktop.views.messages import duplicate_reason

        self.same_child_box.setVisible(bool(p.same_child))
        if not p.same_child:
            self.same_child_id = None
            return
        best = p.same_child[0]
        self.same_child_id = best.child_id
        why = "; ".join(duplicate_reason(r) for r in best.reasons)
        self.same_child.setText(
            self.tr("This child may be registered twice: {0} {1} ({2}%: {3}).").format(
                best.code, best.name, f"{best.score:.0f}", why
            )
        )
        self.same_child_button.setVisible(has(self.page.ctx.actor, Permission.APPROVE))

    def _merge_same_child(self) -> None:
        if self.same_child_id is not None:
            self.page.merge_with(self.same_child_id)

    def _show_requests(self, p: Profile) -> None:
        from desktop.views.admin.approval_words import details_words, kind_words, status_words

        self._withdraw_buttons(p)
        if not p.requests:
            self.requests.hide()
            return
        items = "".join(
            f"<li><b>{html.escape(kind_words(q.kind))}</b>: "
            f"{html.escape(details_words(q.kind, q.details, self.page.ctx.language))}<br>"
            f"<i>{html.escape(status_words(q))}</i></li>"
            for q in p.requests
        )
        heading = self.tr("Requests for the superintendent's approval")
        self.requests.setText(f"<h3>{html.escape(heading)}</h3><ul>{items}</ul>")
        self.requests.show()

    def _withdraw_buttons(self, p: Profile) -> None:
        from desktop.services.cases.approvals import PENDING, asked_by
        from desktop.views.admin.approval_words import kind_words

        while (item := self.withdraw_row.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().deleteLater()
        self.withdraw_buttons = []
        actor = self.page.ctx.actor
        mine = [q for q in p.requests if q.status == PENDING and asked_by(actor, q.requested_by)]
        for q in mine:
            b = QPushButton(self.tr("Withdraw my request: {0}…").format(kind_words(q.kind)))
            b.setToolTip(self.tr("Take the request back before the superintendent decides"))
            b.clicked.connect(lambda _c=False, q=q: self.withdraw(q) and None)
            self.withdraw_row.addWidget(b)
            self.withdraw_buttons.append(b)
        self.withdraw_row.addStretch(1)
        self.withdraw_box.setVisible(bool(mine))

    def withdraw(self, q: Any) -> bool:
        """Take back one of one's own waiting requests (after Yes); True when withdrawn."""
        from desktop.services.cases.approvals import request_by_id, withdraw_request
        from desktop.views.admin.approval_words import details_words, kind_words

        question = self.tr("Withdraw your request?") + "\n\n"
        question += (
            f"{kind_words(q.kind)}: {details_words(q.kind, q.details, self.page.ctx.language)}"
        )
        answer = QMessageBox.question(
            self,
            self.tr("Withdraw the request"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.page.try_write(lambda s, _c: withdraw_request(s, request_by_id(s, q.id)))

    def show_profile(self, p: Profile) -> None:
        """Fill in the overview."""
        r = p.record
        can_edit = has(self.page.ctx.actor, Permission.EDIT_CASE)
        can_edit = can_edit and r["status"] != "merged"  # only a pointer to the kept record
        self.photo_button.setVisible(can_edit)
        self.edit_button.setVisible(can_edit)
        self.merge_button.setVisible(
            has(self.page.ctx.actor, Permission.APPROVE) and r["status"] != "merged"
        )
        self._show_same_child(p)
        self._show_requests(p)
        self._show_photo(p.photo_hash)
        today, dob = self.page.ctx.today(), r["dob"]
        years = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
        age = self.tr("{0} years").format(years)
        if r["dob_estimated"]:
            age += " " + self.tr("(estimated)")
        cat = r["category"]
        hindi = self.page.ctx.language == "hi"
        rows = [
            (self.tr("Child code"), r["code"]),
            (self.tr("Name"), r["name"] + (f" / {r['name_local']}" if r["name_local"] else "")),
            (self.tr("Gender"), nice(r["gender"])),
            (self.tr("Age"), self.tr("{0}, born {1}").format(age, show_date(r["dob"]))),
            (self.tr("Admitted"), show_date(r["admission_date"])),
            (self.tr("In care for"), length_of_stay(r["days_in_care"])),
            (self.tr("Status"), nice(r["status"])),
            (
                self.tr("Category"),
                f"{cat['code']} · {cat['name_hi'] if hindi else cat['name']}"
                if cat
                else self.tr("not decided yet"),
            ),
            (self.tr("Brought by"), nice(r["referral"])),
            (self.tr("Aadhaar"), r["aadhaar"] or "–"),
            (self.tr("Identification marks"), r["identification_marks"] or "–"),
            (self.tr("Last visit"), show_date(r["visits"]["last"])),
        ]
        cells = "".join(
            f"<tr><td style='padding:3px 18px 3px 0; color:#444'>{html.escape(k)}</td>"
            f"<td style='padding:3px 0'><b>{html.escape(str(v))}</b></td></tr>"
            for k, v in rows
        )
        self.facts.setText(f"<table>{cells}</table>")
        self.flags.show_flags(p.flags)

    def _show_photo(self, digest: str | None) -> None:
        self.photo.setPixmap(QPixmap())
        self.photo.setText(self.tr("No photo"))
        if not digest:
            return
        try:
            data = attachment_store(self.page.ctx.data_dir).get(digest)
        except (OSError, ValueError):
            log.warning("photo %s is missing or damaged", digest[:12])
            self.photo.setText(self.tr("Photo missing"))
            return
        pix = QPixmap()
        pix.loadFromData(data)
        self.photo.setPixmap(
            pix.scaled(
                self.photo.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def choose_photo(self) -> None:
        """Pick a new photo; it is scaled and kept by hash like at registration."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the child's photo"), "", self.tr("Images (*.jpg *.jpeg *.png)")
        )
        if path:
            self.set_photo_file(path)

    def set_photo_file(self, path: str) -> bool:
        """Store the photo at `path` (scaled) as the child's photo."""
        from desktop.views.children.registration_fields import scaled_jpeg

        data = scaled_jpeg(path)
        if data is None:
            show_problem(self, ServiceError("This file is not a picture CLMS can read."))
            return False
        store = attachment_store(self.page.ctx.data_dir)
        today = self.page.ctx.today()
        return self.page.try_write(
            lambda s, c: set_photo(s, c, data=data, store=store, today=today)
        )
