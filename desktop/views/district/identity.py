"""District office: children who may be the same child in two of the district's homes,
and absconded or missing children who may have been admitted again elsewhere.

Found by central's own code over the district view (`sync_client.district.identity`), scored and
explained like the registration check. The officer confirms (the records are linked as
one child with several stays; each home keeps its own) or dismisses (not proposed
again). Keyboard: arrows choose a pair, Alt+S confirms, Alt+N dismisses, F5 looks again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from central.identity.search import Found, found_dict
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.views.app_context import AppContext
from desktop.views.messages import duplicate_reason
from desktop.views.vocab import word
from sync_client.district import identity
from sync_client.district import mode as district_office

_RANK_LIMIT = 500


def _day(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return f"{text[8:10]}-{text[5:7]}-{text[0:4]}" if len(text) >= 10 else text


class DistrictIdentityPage(QWidget):
    """Two lists (possible same child; absconded and registered again), with decisions."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = district_office.open_view(ctx.data_dir)
        with Session(ctx.engine) as s:
            self.district = district_office.office_district(s)
            self.state = district_office.office_state(s)
        self.pairs: list[Found] = []
        self.alerts: list[identity.Alert] = []

        title = QLabel(self.tr("Same child in other homes"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        title.setFont(f)
        intro = QLabel(
            self.tr(
                "Children of two different homes of the district who may be the same child "
                "(names in Hindi or English, date of birth, gender, guardians). Confirm: the "
                "two records are linked as one child with two stays. Not the same: the pair is "
                "not shown again."
            )
        )
        intro.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.pair_table = self._table(
            [
                self.tr("Score"),
                self.tr("Child in one home"),
                self.tr("Child in the other home"),
                self.tr("Why"),
            ]
        )
        self.alert_table = self._table(
            [
                self.tr("Score"),
                self.tr("Absconded or missing from"),
                self.tr("Admitted later at"),
                self.tr("Why"),
            ]
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.pair_table, self.tr("Possible same child"))
        self.tabs.addTab(self.alert_table, self.tr("Absconded, admitted again"))

        self.confirm_button = QPushButton(self.tr("Same child (Alt+S)"))
        self.dismiss_button = QPushButton(self.tr("Not the same (Alt+N)"))
        self.again_button = QPushButton(self.tr("Look again (F5)"))
        row = QHBoxLayout()
        for b in (self.confirm_button, self.dismiss_button, self.again_button):
            b.setMinimumHeight(34)
            row.addWidget(b)
        row.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)

        self.confirm_button.clicked.connect(lambda: self.decide("confirmed"))
        self.dismiss_button.clicked.connect(lambda: self.decide("dismissed"))
        self.again_button.clicked.connect(self.refresh)
        keys = (
            ("F5", self.refresh),
            ("Alt+S", lambda: self.decide("confirmed")),
            ("Alt+N", lambda: self.decide("dismissed")),
        )
        for key, slot in keys:
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self._loaded = False

    def _table(self, headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.verticalHeader().setVisible(False)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        t.setWordWrap(True)
        head = t.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            t.setColumnWidth(col, 260)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        return t

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        """The lists are worked out the first time the screen shows (F5 again later)."""
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def _who(self, side: dict[str, object]) -> str:
        name = str(side.get("name") or side.get("name_local") or "?")
        local = side.get("name_local")
        if local and local != name:
            name += f" / {local}"
        gender = word(str(side.get("gender") or "")) or "?"
        born = _day(side.get("dob"))
        return f"{name}\n{side.get('code') or '?'} · {gender} · {born}\n{side.get('home') or ''}"

    def _why(self, reasons: list[str]) -> str:
        return "\n".join(duplicate_reason(r) for r in reasons)

    def refresh(self) -> None:
        """Work the lists out again from the district view."""
        if self.district is None:
            self.summary.setText(self.tr("This computer is not set up as a district office."))
            return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            self.pairs = identity.candidates(
                self.view, s, district=self.district, state=self.state, limit=_RANK_LIMIT
            )
            self.alerts = identity.absconded_alerts(
                self.view, s, district=self.district, state=self.state
            )
        self.pair_table.setRowCount(len(self.pairs))
        for r, p in enumerate(self.pairs):
            d = found_dict(p)
            self._fill(self.pair_table, r, p.score, self._who(d["a"]), self._who(d["b"]), p.reasons)
        self.alert_table.setRowCount(len(self.alerts))
        for r, a in enumerate(self.alerts):
            gone = (
                self._who(a.missing)
                + "\n"
                + self.tr("left on {0}").format(_day(a.missing.get("left")))
            )
            found = (
                self._who(a.found)
                + "\n"
                + self.tr("admitted on {0}").format(_day(a.found.get("admitted")))
            )
            self._fill(self.alert_table, r, a.score, gone, found, a.reasons)
        self.summary.setText(
            self.tr(
                "{0} pair(s) may be the same child; {1} absconded or missing child(ren) may have "
                "been admitted again."
            ).format(len(self.pairs), len(self.alerts))
        )
        for t in (self.pair_table, self.alert_table):
            t.resizeRowsToContents()
            if t.rowCount():
                t.selectRow(0)
        has = bool(self.pairs or self.alerts)
        self.confirm_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)

    def _fill(
        self, t: QTableWidget, r: int, score: float, one: str, two: str, reasons: list[str]
    ) -> None:
        cells = (f"{score:.0f}%", one, two, self._why(reasons))
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            t.setItem(r, col, item)

    def decide(self, decision: str) -> None:
        """Confirm or dismiss the chosen pair (or alert), then show the lists again."""
        on_alerts = self.tabs.currentIndex() == 1
        table = self.alert_table if on_alerts else self.pair_table
        row = table.currentRow()
        items = self.alerts if on_alerts else self.pairs
        if not 0 <= row < len(items):
            self.message.setText(self.tr("Choose a pair in the list first."))
            return
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                if on_alerts:
                    identity.close(self.view, s, self.alerts[row].id, decision=decision)
                else:
                    assert self.district is not None
                    identity.decide_pair(
                        self.view, s, self.pairs[row], decision=decision, district=self.district
                    )
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(
            self.tr("Linked as one child with two stays.")
            if decision == "confirmed"
            else self.tr("Not the same child: this pair will not be shown again.")
        )
        self.refresh()
        table.setFocus()
