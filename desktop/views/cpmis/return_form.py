"""A monthly CPMIS return as a form: one tab a sub-sector, one table a group of indicators
counted the same way (rows: indicators; columns: their subgroups, as on the CPMIS form).

Figures counted from the case records are filled in, shaded blue and cannot be typed over
(fix the case record and count again); figures carried from last month are shaded yellow
(check them); the rest is typed. The checks' findings are listed under the form: an error
jumps to its cell, a question asks for a remark. Nothing is lost: the draft is saved on
Save, before checking or submitting, and when the window closes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import active_catalogue
from desktop.services.cpmis.checks import Finding
from desktop.views.app_context import AppContext
from desktop.views.cpmis.group_table import GroupTable, number_text
from desktop.views.reason_dialog import ReasonDialog
from reporting.cpmis.catalogue import Catalogue, Indicator
from reporting.cpmis.periods import month_name

COMPUTED = QColor("#dbeafe")
CARRIED = QColor("#fef9c3")
WRONG = QColor("#fecaca")
OFFERED = QColor("#dcfce7")
KEY = Qt.ItemDataRole.UserRole
SHOWN = Qt.ItemDataRole.UserRole + 1  # the text as loaded: an edit is a change from it


class ReturnForm(QWidget):
    """One return (a draft to type into, or a locked one to read)."""

    changed = Signal()  # saved, submitted or corrected: lists showing returns refresh

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.uuid: str | None = None
        self.data: dict[str, Any] | None = None
        self._painting = False  # the form colours cells: not an edit
        self.editable = False
        self.dirty = False
        self.tables: list[GroupTable] = []
        self.cells: dict[tuple[str, str], QTableWidgetItem] = {}
        self.offers: dict[str, dict[str, float]] = {}
        self.signer_factory: Any = None  # set by the page: () -> Signer | None (may ask)

        self.title = QLabel()
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.title.setFont(f)
        self.title.setWordWrap(True)  # a long month line must not widen a 1024-pixel screen
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.tabs = QTabWidget()
        self.findings = QListWidget()
        self.findings.setMaximumHeight(110)
        self.findings.setWordWrap(True)
        self.save_button = QPushButton()
        self.count_button = QPushButton()
        self.check_button = QPushButton()
        self.offer_button = QPushButton()
        self.submit_button = QPushButton()
        self.correct_button = QPushButton()
        # Two rows of three: six buttons side by side do not fit a 1024-pixel screen.
        row = QVBoxLayout()
        for group in (
            (self.save_button, self.count_button, self.offer_button),
            (self.check_button, self.submit_button, self.correct_button),
        ):
            line = QHBoxLayout()
            for b in group:
                b.setMinimumHeight(32)
                line.addWidget(b)
            line.addStretch(1)
            row.addLayout(line)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.legend)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.findings)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.count_button.clicked.connect(self.count_again)
        self.check_button.clicked.connect(self.run_checks)
        self.offer_button.clicked.connect(self.use_offers)
        self.submit_button.clicked.connect(self.submit)
        self.correct_button.clicked.connect(self.correct)
        self.findings.itemActivated.connect(self._finding_chosen)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        """Every fixed text in the language chosen (the figures' names come from the catalogue)."""
        self.legend.setText(
            self.tr(
                "Blue: counted from the case records. Yellow: carried from last month "
                "(check it). White: type the figure (blank = not reported)."
            )
        )
        self.save_button.setText(self.tr("Save"))
        self.count_button.setText(self.tr("Count again from case records"))
        self.check_button.setText(self.tr("Check"))
        self.offer_button.setText(self.tr("Use the CCIs' figures"))
        self.submit_button.setText(self.tr("Submit…"))
        self.correct_button.setText(self.tr("Correct…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """The language changed: texts again, and the return shown in the new language."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.uuid is not None:
                self.load(self.uuid)
            elif self.data is not None and self.tables:
                self.show_received(dict(self.data))
        super().changeEvent(event)

    # -- showing -----------------------------------------------------------------------

    def clear(self, text: str = "") -> None:
        """No return on show."""
        self.uuid = None
        self.title.setText(text or self.tr("No return chosen"))
        self.state.setText("")
        self.tabs.clear()
        self.tables, self.cells = [], {}
        self.findings.clear()
        self.findings.setVisible(False)
        for b in (
            self.save_button,
            self.count_button,
            self.check_button,
            self.submit_button,
            self.correct_button,
            self.offer_button,
        ):
            b.setEnabled(False)

    def load(self, uuid: str) -> None:
        """Show a return of this install's database."""
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            cat = active_catalogue(s)
            ret = rt.get_return(s, uuid)
            data = {
                c: getattr(ret, c)
                for c in (
                    "body_type",
                    "body_name",
                    "cci_type",
                    "month",
                    "version_no",
                    "status",
                    "figures",
                    "origins",
                    "remarks",
                    "review_reason",
                    "correction_reason",
                    "submitted_by",
                    "submitted_at",
                    "computed_on",
                )
            }
            findings = rt.check_return(s, cat, ret) if ret.status == "draft" else []
        same = self.uuid == uuid  # saved again: keep the cursor where it was
        tab, cell = self.tabs.currentIndex(), self.current_cell()
        self.uuid = uuid
        self._show(cat, data, editable=data["status"] == "draft")
        self._show_findings(findings)
        if same:
            self.tabs.setCurrentIndex(tab)
            if cell is not None:
                self.focus_cell(cell)

    def show_received(self, data: dict[str, Any]) -> None:
        """Show, read only, a return received from a CCI (the district's review)."""
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            cat = active_catalogue(s)
        self.uuid = None
        self._show(cat, data, editable=False)
        self.findings.clear()

    def _show(self, cat: Catalogue, data: dict[str, Any], *, editable: bool) -> None:
        lang = self.ctx.language
        self.cat, self.data, self.editable, self.dirty = cat, data, editable, False
        body, cci_type = data["body_type"], data.get("cci_type")
        self.title.setText(
            self.tr("{body}: return for {month} (version {v})").format(
                body=data["body_name"], month=month_name(data["month"], lang), v=data["version_no"]
            )
        )
        bits = [self.tr("State: {s}").format(s=self._status_text(data["status"]))]
        if data.get("submitted_by"):
            bits.append(self.tr("submitted by {who}").format(who=data["submitted_by"]))
        if data.get("review_reason"):
            bits.append(self.tr("the district says: {why}").format(why=data["review_reason"]))
        if data.get("correction_reason"):
            bits.append(self.tr("correction: {why}").format(why=data["correction_reason"]))
        self.state.setText("; ".join(bits))
        self.tabs.clear()
        self.tables, self.cells = [], {}
        figures, origins = data.get("figures") or {}, data.get("origins") or {}
        by_class: dict[str, list[Indicator]] = {}
        for ind in cat.for_body(body, cci_type):
            if ind.is_base:
                by_class.setdefault(ind.klass(lang), []).append(ind)
        for klass, inds in by_class.items():
            page = QWidget()
            v = QVBoxLayout(page)
            groups: list[tuple[str, list[Indicator]]] = []
            for ind in inds:
                sid = ind.set_for(cci_type)
                if groups and groups[-1][0] == sid:
                    groups[-1][1].append(ind)
                else:
                    groups.append((sid, [ind]))
            for sid, members_inds in groups:
                table = GroupTable(members_inds, cat.sets[sid].members, cat, lang)
                table.blockSignals(True)
                for r, ind in enumerate(members_inds):
                    name = QTableWidgetItem(ind.name(lang))
                    name.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    name.setToolTip(self._ref(ind))
                    name.setBackground(QBrush(QColor("#f3f4f6")))
                    table.setItem(2 * r, 0, name)
                    origin = origins.get(ind.id, "entered" if ind.kind == "entered" else "")
                    for c, sg in enumerate(cat.sets[sid].members):
                        text = number_text(figures.get(ind.id, {}).get(sg))
                        item = QTableWidgetItem(text)
                        item.setData(KEY, (ind.id, sg))
                        item.setData(SHOWN, text)
                        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                        if ind.kind == "case":
                            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                            item.setBackground(QBrush(COMPUTED))
                            item.setToolTip(self.tr("Counted from the case records"))
                        else:
                            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                            if editable:
                                flags |= Qt.ItemFlag.ItemIsEditable
                            item.setFlags(flags)
                            if origin == "carried":
                                item.setBackground(QBrush(CARRIED))
                                item.setToolTip(self.tr("Carried from last month: check it"))
                        table.setItem(2 * r + 1, c, item)
                        self.cells[(ind.id, sg)] = item
                table.blockSignals(False)
                table.itemChanged.connect(self._edited)
                table.fit_height()
                v.addWidget(table)
                self.tables.append(table)
            v.addStretch(1)
            scroll = QScrollArea()
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tables in it
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, klass)
        self.save_button.setEnabled(editable)
        self.check_button.setEnabled(editable)
        self.submit_button.setEnabled(editable)
        self.count_button.setEnabled(editable and body == "cci")
        self.correct_button.setEnabled(
            self.uuid is not None and not editable and data["status"] != "superseded"
        )
        self.offer_button.setVisible(body == "cwc")
        self.count_button.setVisible(body == "cci")
        for b in (self.save_button, self.check_button, self.submit_button, self.correct_button):
            b.setVisible(self.uuid is not None)  # a return received from a CCI is only read
        self.offer_button.setEnabled(editable and bool(self.offers))
        for t in self.tables:
            t.fit_height()
        self._tab_order()

    def _tab_order(self) -> None:
        """Tab goes from the sub-sector tabs through the tables (cell by cell), then to the
        findings and the buttons, as a form is read (the tables are made after the buttons)."""
        chain: list[QWidget] = [self.tabs.tabBar(), *self.tables, self.findings]
        chain += [
            self.save_button,
            self.count_button,
            self.offer_button,
            self.check_button,
            self.submit_button,
            self.correct_button,
        ]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def current_cell(self) -> tuple[str, str] | None:
        """The (indicator, subgroup) of the cell the cursor is in, if any."""
        for t in self.tables:
            item = t.currentItem()
            if t.hasFocus() and item is not None and item.data(KEY):
                return tuple(item.data(KEY))
        return None

    def focus_cell(self, key: tuple[str, str] | None = None) -> bool:
        """Put the cursor in a cell (by default the first one to type in) on its tab."""
        item = self.cells.get(key) if key is not None else None
        if item is None:
            item = next(
                (i for i in self.cells.values() if i.flags() & Qt.ItemFlag.ItemIsEditable),
                None,
            )
        if item is None:
            return False
        table = item.tableWidget()
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if page is not None and page.isAncestorOf(table):
                self.tabs.setCurrentIndex(i)
        table.setCurrentItem(item)
        table.setFocus()
        return True

    def _ref(self, ind: Indicator) -> str:
        ref = ind.form_ref or {}
        where = " ".join(str(ref.get(k, "")) for k in ("form", "item", "label") if ref.get(k))
        return f"{ind.id}\n{where}\n{ind.notes}".strip()

    def _status_text(self, status: str) -> str:
        return {
            "draft": self.tr("draft"),
            "submitted": self.tr("submitted (locked)"),
            "accepted": self.tr("accepted by the district"),
            "returned": self.tr("returned by the district"),
            "consolidated": self.tr("consolidated"),
            "superseded": self.tr("replaced by a correction"),
        }.get(status, status)

    # -- typing and saving ----------------------------------------------------------------

    def _edited(self, item: QTableWidgetItem) -> None:
        """A figure typed (not a colour set by the form itself) makes the draft unsaved."""
        if item.data(KEY) and item.text() != item.data(SHOWN) and not self._painting:
            self.dirty = True
            self._painting = True
            item.setBackground(QBrush(Qt.GlobalColor.white))
            self._painting = False

    def entries(self) -> dict[str, dict[str, str]]:
        """What is typed in the cells of entered indicators."""
        out: dict[str, dict[str, str]] = {}
        for (ind_id, sg), item in self.cells.items():
            if self.cat.indicators[ind_id].kind == "entered":
                out.setdefault(ind_id, {})[sg] = item.text()
        return out

    def save(self, *, remarks: dict[str, str] | None = None) -> bool:
        """Write the typed figures into the draft; wrong cells are marked and named."""
        if self.uuid is None or not self.editable:
            return False
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                rt.save_entries(
                    s,
                    active_catalogue(s),
                    rt.get_return(s, self.uuid),
                    entries=self.entries(),
                    remarks=remarks,
                )
        except ValidationError as exc:
            self._mark_wrong(exc.errors)
            return False
        self.dirty = False
        self.load(self.uuid)
        self.changed.emit()
        return True

    def save_draft_now(self) -> None:
        """Called when the window closes: keep what was typed."""
        if self.dirty:
            self.save()

    def _mark_wrong(self, errors: dict[str, str]) -> None:
        self.findings.clear()
        self.findings.setVisible(True)
        for key, msg in errors.items():
            ind_id, _, sg = key.partition("|")
            item = self.cells.get((ind_id, sg))
            if item is not None:
                self._painting = True
                item.setBackground(QBrush(WRONG))
                item.setToolTip(msg)
                self._painting = False
            name = (
                self.cat.indicators[ind_id].name(self.ctx.language)
                if ind_id in self.cat.indicators
                else ind_id
            )
            li = QListWidgetItem(f"✗ {name} ({sg or '-'}): {msg}")
            li.setData(KEY, ("error", key))
            li.setForeground(QBrush(QColor("#b91c1c")))
            self.findings.addItem(li)

    def count_again(self) -> None:
        """Count the case-record figures again (after records were corrected)."""
        if self.uuid is None:
            return
        if self.dirty and not self.save():
            return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            rt.fill_computed(
                s, active_catalogue(s), rt.get_return(s, self.uuid), today=self.ctx.today()
            )
        self.load(self.uuid)
        self.changed.emit()

    def use_offers(self) -> None:
        """Put the figures the CCIs' records know into the CWC return's cells (green)."""
        for ind_id, row in self.offers.items():
            for sg, v in row.items():
                item = self.cells.get((ind_id, sg))
                if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                    item.setText(number_text(v))
                    item.setBackground(QBrush(OFFERED))
                    item.setToolTip(self.tr("From the CCIs' records (district view)"))
        self.dirty = True

    # -- checks, submission, corrections -----------------------------------------------

    def _show_findings(self, findings: list[Finding]) -> None:
        self.findings.clear()
        self.findings.setVisible(bool(findings))
        remarks = (self.data or {}).get("remarks") or {}
        lang = self.ctx.language
        for f in findings:
            answered = f.level == "question" and remarks.get(f.key)
            mark = {"error": "✗", "question": "?", "note": "i"}[f.level]
            text = f"{mark} {f.text(lang)}"
            if answered:
                text += "  " + self.tr("Remark: {r}").format(r=remarks[f.key])
            li = QListWidgetItem(text)
            li.setData(KEY, (f.level, f.key))
            color = {"error": "#b91c1c", "question": "#92400e", "note": "#374151"}[f.level]
            li.setForeground(QBrush(QColor("#15803d" if answered else color)))
            self.findings.addItem(li)
            ind_id, _, sg = f.key.partition("|")
            cell = self.cells.get((f.indicator or ind_id, f.subgroup or sg))
            if f.level == "error" and cell is not None:
                self._painting = True
                cell.setBackground(QBrush(WRONG))
                cell.setToolTip(f.text(lang))
                self._painting = False

    def run_checks(self) -> None:
        """Save, then list what the checks find."""
        if self.save():
            self.findings.setFocus()

    def _finding_chosen(self, li: QListWidgetItem) -> None:
        level, key = li.data(KEY)
        ind_id, _, sg = key.partition("|")
        if level == "question":
            why = ReasonDialog.ask(
                self, self.tr("Remark"), self.tr("Say why this figure is right:") + "\n" + li.text()
            )
            if why:
                self.save(remarks={key: why})
            return
        item = self.cells.get((ind_id, sg))
        if item is not None:
            table = item.tableWidget()
            for i in range(self.tabs.count()):
                scroll = self.tabs.widget(i)
                inner = scroll.widget() if isinstance(scroll, QScrollArea) else None
                if (
                    isinstance(scroll, QScrollArea)
                    and inner is not None
                    and inner.isAncestorOf(table)
                ):
                    self.tabs.setCurrentIndex(i)
                    scroll.ensureWidgetVisible(table)
            table.setCurrentItem(item)
            table.setFocus()

    def submit(self) -> None:
        """Save, check, confirm, sign and submit."""
        from PySide6.QtWidgets import QMessageBox

        if self.uuid is None or not self.save():
            return
        answer = QMessageBox.question(
            self,
            self.tr("Submit the return"),
            self.tr(
                "Once submitted the return is locked and goes to the district with the next "
                "sync. Submit it now?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        signer = self.signer_factory() if self.signer_factory else None
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                rt.submit_return(
                    s,
                    active_catalogue(s),
                    rt.get_return(s, self.uuid),
                    today=self.ctx.today(),
                    signer=signer,
                )
        except ValidationError as exc:
            self._mark_wrong(exc.errors)
            self.findings.insertItem(
                0, self.tr("Not submitted: fix the cells below or give a remark on the questions.")
            )
            return
        except ServiceError as exc:
            self.findings.clear()
            self.findings.addItem(str(exc))
            self.findings.setVisible(True)
            return
        self.load(self.uuid)
        self.state.setText(
            self.state.text()
            + " — "
            + (
                self.tr("signed and submitted")
                if signer
                else self.tr("submitted (not signed: no key)")
            )
        )
        self.changed.emit()

    def correct(self) -> None:
        """Open a correction (a new version) with its reason."""
        if self.uuid is None:
            return
        why = ReasonDialog.ask(
            self,
            self.tr("Correct the return"),
            self.tr("Why is the return corrected? (kept in the audit trail)"),
        )
        if not why:
            return
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                new = rt.correct_return(s, rt.get_return(s, self.uuid), reason=why)
                uuid = str(new.uuid)
        except ServiceError as exc:
            self.findings.clear()
            self.findings.addItem(str(exc))
            self.findings.setVisible(True)
            return
        self.load(uuid)
        self.changed.emit()
