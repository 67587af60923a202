"""The audit trail screen: who did what and when, filtered by user, child and date; chain check."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop.models import Child
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.views import vocab
from desktop.views.app_context import AppContext
from desktop.views.ops import BackgroundOp

OK_STYLE = "color: #1b5e20; font-weight: bold;"
BAD_STYLE = "color: #b00020; font-weight: bold;"
LIMIT = 500


def _when(at: str) -> str:
    """An event's UTC time as local date and time, the way forms write dates."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


class AuditPage(QWidget):
    """Audit events newest first; a superintendent filters them and checks the chain."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("AuditPage", "When"),
        QT_TRANSLATE_NOOP("AuditPage", "Who"),
        QT_TRANSLATE_NOOP("AuditPage", "What was done"),
        QT_TRANSLATE_NOOP("AuditPage", "Child"),
        QT_TRANSLATE_NOOP("AuditPage", "Details"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict[str, Any]] = []
        col = QVBoxLayout(self)
        title = QLabel(self.tr("Audit trail"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        col.addWidget(title)
        intro = QLabel(
            self.tr(
                "Every change and every opened, printed or exported record is listed here "
                "with who did it. Nobody can change this list without it being noticed."
            )
        )
        intro.setWordWrap(True)
        col.addWidget(intro)

        bar = QHBoxLayout()
        self.user_box = QComboBox()
        self.user_box.setObjectName("user_filter")
        self.user_box.setMinimumWidth(180)
        self.child_box = QLineEdit()
        self.child_box.setObjectName("child_filter")
        self.child_box.setPlaceholderText(self.tr("Child code"))
        self.child_box.returnPressed.connect(self.refresh)
        self.from_on = QCheckBox(self.tr("From"))
        self.from_date = self._date_edit()
        self.to_on = QCheckBox(self.tr("To"))
        self.to_date = self._date_edit()
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.refresh)
        for w in (
            QLabel(self.tr("Who")),
            self.user_box,
            QLabel(self.tr("Child")),
            self.child_box,
            self.from_on,
            self.from_date,
            self.to_on,
            self.to_date,
            self.show_button,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        col.addLayout(bar)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for i in range(len(self.COLUMNS) - 1):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        col.addWidget(self.table, 1)

        foot = QHBoxLayout()
        self.count_label = QLabel()
        self.check_button = QPushButton(self.tr("Check that nothing was tampered with"))
        self.check_button.clicked.connect(self.check)
        self.check_label = QLabel()
        self.check_label.setObjectName("check_result")
        self.check_label.setWordWrap(True)
        foot.addWidget(self.count_label)
        foot.addStretch(1)
        foot.addWidget(self.check_label, 2)
        foot.addWidget(self.check_button)
        col.addLayout(foot)

        self._fill_users()
        self.refresh()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd-MM-yyyy")
        today = self.ctx.today()
        edit.setDate(QDate(today.year, today.month, today.day))
        return edit

    def _fill_users(self) -> None:
        from desktop.services.install.users import list_users

        self.user_box.addItem(self.tr("Everyone"), "")
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            for u in list_users(s):
                self.user_box.addItem(f"{u.full_name} ({u.username})", u.username)
        self.user_box.addItem(self.tr("The program itself (system)"), "system")

    @staticmethod
    def _py(d: QDateEdit) -> date:
        q = d.date()
        return date(q.year(), q.month(), q.day())

    def filters(self) -> dict[str, Any]:
        """The filters as chosen on the screen."""
        return {
            "user": self.user_box.currentData() or None,
            "child_code": self.child_box.text().strip() or None,
            "since": self._py(self.from_date) if self.from_on.isChecked() else None,
            "until": self._py(self.to_date) if self.to_on.isChecked() else None,
        }

    def refresh(self) -> None:
        """Read the events for the current filters (newest first, at most LIMIT)."""
        from desktop.services.core.audit_chain import describe, list_events

        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                events = list_events(s, limit=LIMIT, **self.filters())
                uuids = [uuid_mod.UUID(u) for u in {e.child_uuid for e in events if e.child_uuid}]
                codes = {
                    str(k): code
                    for k, code in s.execute(
                        select(Child.uuid, Child.code).where(Child.uuid.in_(uuids))
                    )
                }
                self.rows = [
                    {
                        "id": e.id,
                        "when": _when(e.at),
                        "who": e.actor,
                        "action": vocab.audit_action(e.action, self.ctx.language),
                        "child": codes.get(e.child_uuid or "", ""),
                        "details": describe(e),
                    }
                    for e in events
                ]
        except ServiceError as exc:
            self.rows = []
            self.count_label.setText(str(exc))
            self.table.setRowCount(0)
            return
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, key in enumerate(("when", "who", "action", "child", "details")):
                item = QTableWidgetItem(str(row[key]))
                item.setToolTip(str(row[key]))
                self.table.setItem(r, c, item)
        more = self.tr(" (the newest {0}; narrow the filters to see older ones)").format(LIMIT)
        self.count_label.setText(
            self.tr("{0} events").format(len(self.rows)) + (more if len(self.rows) >= LIMIT else "")
        )

    def check(self) -> None:
        """Check the whole chain in the background and say the result in plain words."""
        from desktop.services.core.audit_chain import check_chain

        engine, actor = self.ctx.engine, self.ctx.actor
        self.check_button.setEnabled(False)
        self.check_label.setText(self.tr("Checking…"))
        self.check_label.setStyleSheet("")

        def work(progress: Any) -> Any:
            with unit_of_work(engine, actor, rules=False) as s:
                return check_chain(s)

        def done(result: Any) -> None:
            self.check_button.setEnabled(True)
            if result.ok:
                self.check_label.setStyleSheet(OK_STYLE)
                self.check_label.setText(
                    self.tr("All {0} events are intact.").format(result.checked)
                )
            else:
                self.check_label.setStyleSheet(BAD_STYLE)
                self.check_label.setText(
                    self.tr("Tampering found: {0}. Tell the district office.").format(
                        result.problem
                    )
                )

        def failed(exc: BaseException) -> None:
            self.check_button.setEnabled(True)
            self.check_label.setStyleSheet(BAD_STYLE)
            self.check_label.setText(str(exc))

        BackgroundOp(self, work).success(done).failure(failed).run_in_background()
