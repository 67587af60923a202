"""The CCI's CPMIS screen: the monthly returns (one a month, with its state), the form of
the one chosen, and the quarter they make (with its factsheet and DevInfo spreadsheet)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import BodyRef, active_catalogue, cci_body
from desktop.services.cpmis.report import save_body_quarter
from desktop.services.install.institution import local_institution
from desktop.views.app_context import AppContext
from desktop.views.cpmis.quarter_view import (
    QuarterBar,
    figures_headers,
    figures_table,
    fill_table,
    signer_for,
)
from desktop.views.cpmis.return_form import ReturnForm
from reporting.cpmis.periods import month_name, month_of, previous_month
from sync_client import cpmis as sync_cpmis

MONTHS_SHOWN = 15


class MonthList(QWidget):
    """The months of a body with the state of their return; start, open."""

    def __init__(self, ctx: AppContext, form: ReturnForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.form = ctx, form
        self.body: BodyRef | None = None
        self.list = QListWidget()
        self.list.setFixedWidth(215)
        self.start_button = QPushButton()
        self.start_button.setMinimumHeight(32)
        self.message = QLabel()
        self.message.setWordWrap(True)
        v = self.box = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        v.addWidget(self.heading)
        v.addWidget(self.list, 1)
        v.addWidget(self.start_button)
        v.addWidget(self.message)
        self.list.currentItemChanged.connect(lambda *_: self.open_current())
        self.start_button.clicked.connect(self.start)
        form.changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the language chosen."""
        self.heading.setText(self.tr("Monthly returns"))
        self.start_button.setText(self.tr("Start this month's return"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """The language changed: texts and the months' names again."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(event)

    def set_body(self, body: BodyRef | None) -> None:
        """List another body's months."""
        self.body = body
        self.refresh()

    def refresh(self) -> None:
        """Read the months' states again (keeping the one chosen)."""
        keep = self.current_month()
        self.list.blockSignals(True)
        self.list.clear()
        if self.body is not None:
            for m, text in self.month_items(self.body.code):
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m)
                self.list.addItem(item)
                if m == keep:
                    self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(1 if self.list.count() > 1 else 0)  # last month, due now
        self.open_current()

    def month_items(self, body_code: str) -> list[tuple[str, str]]:
        """(month, text) for the months to list: this one and the 14 before, newest first."""
        ctx = self.ctx
        m = month_of(ctx.today())
        out = []
        with unit_of_work(ctx.engine, ctx.actor, rules=False) as s:
            for _ in range(MONTHS_SHOWN):
                ret = rt.latest(s, body_code=body_code, month=m)
                if ret is None:
                    state = self.tr("not started")
                else:
                    state = {
                        "draft": self.tr("draft"),
                        "submitted": self.tr("submitted"),
                        "accepted": self.tr("accepted"),
                        "returned": self.tr("returned: correct it"),
                        "consolidated": self.tr("consolidated"),
                        "superseded": self.tr("replaced"),
                    }.get(ret.status, ret.status)
                    if ret.version_no > 1:
                        state += f" (v{ret.version_no})"
                out.append((m, f"{month_name(m, ctx.language)} — {state}"))
                m = previous_month(m)
        return out

    def current_month(self) -> str | None:
        """The month chosen."""
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def open_current(self) -> None:
        """Show the chosen month's newest return (or offer to start it)."""
        m = self.current_month()
        if self.body is None or m is None:
            self.form.clear()
            return
        if self.form.dirty:
            self.form.save()
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            ret = rt.latest(s, body_code=self.body.code, month=m)
            uuid = str(ret.uuid) if ret is not None else None
        self.start_button.setEnabled(uuid is None)
        if uuid is None:
            self.form.clear(
                self.tr("{m}: no return yet. Start it with the button on the left.").format(
                    m=month_name(m, self.ctx.language)
                )
            )
        else:
            self.form.load(uuid)

    def start(self) -> None:
        """Start the chosen month's return (the case figures are counted now)."""
        m = self.current_month()
        if self.body is None or m is None:
            return
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                rt.start_return(s, active_catalogue(s), self.body, month=m, today=self.ctx.today())
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        self.refresh()
        self.form.focus_cell()  # type the first figure straight away


class CpmisPage(QWidget):
    """CPMIS returns of this CCI."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        with unit_of_work(ctx.engine, ctx.actor, rules=False) as s:
            self.body = cci_body(active_catalogue(s), local_institution(s))
        self.title = title = QLabel()
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        title.setFont(f)
        self.form = ReturnForm(ctx)
        self.form.signer_factory = signer_for(ctx, self, "institution")
        self.months = MonthList(ctx, self.form)
        self.decisions_button = QPushButton()
        self.months.box.addWidget(self.decisions_button)
        monthly = QWidget()
        h = QHBoxLayout(monthly)
        h.addWidget(self.months)
        h.addWidget(self.form, 1)
        self.quarter_bar = QuarterBar(ctx)
        self.quarter_bar.area_id = self.body.area.id
        self.quarter_table = figures_table(self)
        self.save_quarter_button = QPushButton()
        quarterly = QWidget()
        qv = QVBoxLayout(quarterly)
        qv.addWidget(self.quarter_bar)
        qv.addWidget(self.save_quarter_button)
        qv.addWidget(self.quarter_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(monthly, "")
        self.tabs.addTab(quarterly, "")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.decisions_button.clicked.connect(self.read_decisions)
        self.save_quarter_button.clicked.connect(self.make_quarter)
        self.quarter_bar.quarter.currentIndexChanged.connect(lambda _i: self.make_quarter())
        self.months.set_body(self.body)
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the language chosen."""
        self.title.setText(self.tr("CPMIS quarterly returns"))
        self.decisions_button.setText(self.tr("District's decisions (USB)…"))
        self.save_quarter_button.setText(self.tr("Make the quarter from its returns"))
        self.tabs.setTabText(0, self.tr("Monthly returns"))
        self.tabs.setTabText(1, self.tr("Quarter"))
        figures_headers(self.quarter_table, self)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """The language changed."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        """The months' states again each time the screen is opened."""
        super().showEvent(event)
        self.months.refresh()

    def make_quarter(self) -> None:
        """Make the chosen quarter from the returns that count and show it."""
        q = self.quarter_bar.current()
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            cat = active_catalogue(s)
            table = save_body_quarter(s, cat, self.body, q)
        fill_table(self.quarter_table, cat, table, self.ctx.language, "cci")

    def read_decisions(self, folder: str | None = None) -> None:
        """Record the district's signed decisions found on the stick."""
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("Choose the USB stick"))
        if not folder:
            return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            inst_uuid = str(local_institution(s).uuid)
            out = sync_cpmis.import_notices(s, folder=Path(folder), institution_uuid=inst_uuid)
        lines = [self.tr("{n} decision(s) of the district recorded.").format(n=len(out.applied))]
        lines += [f"{name}: {why}" for name, why in out.refused]
        self.months.message.setText("\n".join(lines))
        self.months.refresh()
