"""Merging two records of one child (issue 20): choose the other record, then each field.

`ChooseRecordDialog` lists the home's records that may be the same child (the duplicate
check run on this child's record, with scores and reasons) or takes a code typed in;
`MergeDialog` shows the two records side by side, one row a field, and the
superintendent picks whose value stays (Tab moves from row to row, the arrow keys or
K / G pick in a row). The kept record takes the history of both; the other record then
only points to it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.cases.children import get_child
from desktop.services.cases.merge import (
    MERGE_FIELDS,
    FieldRow,
    history_counts,
    merge_children,
    merge_rows,
    same_child_candidates,
)
from desktop.services.cases.profile import child_by_id
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.views.app_context import AppContext
from desktop.views.forms import add_save_shortcut, nice, show_problem
from desktop.views.geometry import place_window
from desktop.views.messages import duplicate_reason

translate = QCoreApplication.translate  # the name pyside6-lupdate looks for


def field_labels() -> dict[str, str]:
    """The merge fields in the window's language (read when a dialog is built)."""
    return {
        "first_name": translate("MergeDialog", "First name"),
        "last_name": translate("MergeDialog", "Last name"),
        "name_local": translate("MergeDialog", "Name (Hindi)"),
        "gender": translate("MergeDialog", "Gender"),
        "dob": translate("MergeDialog", "Date of birth"),
        "aadhaar": translate("MergeDialog", "Aadhaar"),
        "photo_hash": translate("MergeDialog", "Photo"),
        "identification_marks": translate("MergeDialog", "Identification marks"),
        "disability": translate("MergeDialog", "Disability"),
        "languages": translate("MergeDialog", "Languages"),
        "admission_date": translate("MergeDialog", "Admission date"),
        "referral": translate("MergeDialog", "Brought by"),
        "admission_order_no": translate("MergeDialog", "Admission order no."),
        "produced_before_cwc_on": translate("MergeDialog", "Produced before the CWC on"),
        "medical_exam_on": translate("MergeDialog", "Medical examination on"),
    }


def record_words() -> dict[str, str]:
    """The kinds of records that move, in the window's language."""
    return {
        "guardian": translate("MergeDialog", "guardians"),
        "guardian_visit": translate("MergeDialog", "visits"),
        "category_change": translate("MergeDialog", "category changes"),
        "document_item": translate("MergeDialog", "documents"),
        "cwc_order": translate("MergeDialog", "CWC orders"),
        "social_investigation": translate("MergeDialog", "social investigations"),
        "care_plan": translate("MergeDialog", "care plans"),
        "case_note": translate("MergeDialog", "notes"),
        "adoption_stage": translate("MergeDialog", "adoption stages"),
        "transfer": translate("MergeDialog", "transfers"),
        "flag": translate("MergeDialog", "flags"),
        "approval_request": translate("MergeDialog", "requests"),
        "clts_case": translate("MergeDialog", "child-labour cases"),
    }


class ChooseRecordDialog(QDialog):
    """Which other record is the same child: a likely duplicate, or a code typed in."""

    def __init__(self, ctx: AppContext, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.child_id = child_id
        self.chosen_id: int | None = None
        self.setWindowTitle(self.tr("Merge with another record of the same child"))
        with unit_of_work(ctx.engine, ctx.actor, rules=False) as s:
            me = child_by_id(s, child_id)
            title = f"{me.code}  {me.full_name}"
            found = same_child_candidates(s, me)
        intro = QLabel(
            self.tr(
                "Records of this home that may be the same child as {0}. Choose one, or "
                "type its child code."
            ).format(title)
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for c in found:
            why = "; ".join(duplicate_reason(r) for r in c.reasons)
            item = QListWidgetItem(f"{c.score:.0f}%  {c.code}  {c.name}  ({why})")
            item.setData(Qt.ItemDataRole.UserRole, c.child_id)
            self.list.addItem(item)
        if not found:
            self.list.addItem(self.tr("No other record looks like this child."))
            self.list.setEnabled(False)
        else:
            self.list.setCurrentRow(0)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("or the other record's child code"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Compare the records…")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.choose)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _i: self.choose())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.code)
        layout.addWidget(self.buttons)
        place_window(self, QSize(760, 440), "merge_choose")

    def choose(self) -> None:
        """Take the typed code if any, else the chosen line."""
        text = self.code.text().strip()
        if text:
            try:
                with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                    self.chosen_id = get_child(s, text).id
            except ServiceError as exc:
                show_problem(self, exc)
                return
        else:
            item = self.list.currentItem()
            value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            if value is None:
                return
            self.chosen_id = int(value)
        if self.chosen_id == self.child_id:
            self.chosen_id = None
            return
        self.accept()


class MergeDialog(QDialog):
    """The two records side by side: one row a field, the kept record's value or the other's."""

    def __init__(
        self, ctx: AppContext, keep_id: int, gone_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.keep_id, self.gone_id = keep_id, gone_id
        self.groups: dict[str, QButtonGroup] = {}
        self.merged = False
        self.setWindowTitle(self.tr("Merge two records of the same child"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.swap_button = QPushButton(self.tr("&Keep the other record instead"))
        self.swap_button.clicked.connect(self.swap)
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setHorizontalSpacing(14)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.StyledPanel)
        area.setWidget(self.grid_box)
        self.moves = QLabel()
        self.moves.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            self.tr("Why these are the same child (for example: same father, same CWC order)")
        )
        self.reason.textChanged.connect(self._ready)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Merge"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.do_merge)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.swap_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(area, 1)
        layout.addWidget(self.moves)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        add_save_shortcut(self, self._merge_if_ready)
        self.fill()
        place_window(self, QSize(980, 700), "merge")

    # -- the two records ------------------------------------------------------------------

    def fill(self) -> None:
        """Read both records and lay the rows out again (after a swap, too)."""
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            keep, gone = child_by_id(s, self.keep_id), child_by_id(s, self.gone_id)
            rows = merge_rows(keep, gone)
            heads = (f"{keep.code}\n{keep.full_name}", f"{gone.code}\n{gone.full_name}")
            moving = history_counts(s, gone)
            codes = keep.code, gone.code
        while self.grid.count():
            item = self.grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.groups = {}
        self.intro.setText(
            self.tr(
                "{0} is kept; {1} is merged into it: its guardians, visits, orders, "
                "documents, notes and flags move to {0}, and {1} then only points to {0}. "
                "Choose whose value stays for each line (Tab: next line; arrows, K or G: "
                "choose)."
            ).format(*codes)
        )
        bold = "font-weight: bold;"
        for col, text in enumerate(
            (
                self.tr("Field"),
                self.tr("Keep: {0}").format(heads[0]),
                self.tr("Merge away: {0}").format(heads[1]),
            )
        ):
            head = QLabel(text)
            head.setStyleSheet(bold)
            self.grid.addWidget(head, 0, col)
        labels = field_labels()
        for i, row in enumerate(rows, start=1):
            self._add_row(i, row, labels.get(row.field, row.label))
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.grid.setRowStretch(len(rows) + 1, 1)
        words = record_words()
        moved = ", ".join(f"{n} {words.get(t, t)}" for t, n in sorted(moving.items()))
        self.moves.setText(
            self.tr("Moves to {0}: {1}.").format(codes[0], moved or self.tr("nothing"))
        )

    def _add_row(self, i: int, row: FieldRow, label: str) -> None:
        self.grid.addWidget(QLabel(label), i, 0)
        group = QButtonGroup(self)
        worded = row.field in ("gender", "referral")  # stored codes, shown as words
        keep = QRadioButton(nice(row.keep_text) if worded else row.keep_text)
        gone = QRadioButton(nice(row.gone_text) if worded else row.gone_text)
        group.addButton(keep, 0)
        group.addButton(gone, 1)
        (gone if row.default == "gone" else keep).setChecked(True)
        if row.same:
            gone.setEnabled(False)
            keep.setToolTip(self.tr("The same in both records"))
        for b in (keep, gone):
            b.setProperty("merge_field", row.field)
            b.installEventFilter(self)  # K / G on a line choose its side
        self.grid.addWidget(keep, i, 1)
        self.grid.addWidget(gone, i, 2)
        self.groups[row.field] = group

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """K or G on a line: choose the kept or the other record's value there."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            side = {Qt.Key.Key_K: 0, Qt.Key.Key_G: 1}.get(Qt.Key(event.key()))
            f = watched.property("merge_field")
            if side is not None and isinstance(f, str) and f in self.groups:
                b = self.groups[f].button(side)
                if b is not None and b.isEnabled():
                    b.setChecked(True)
                    b.setFocus()
                return True
        return super().eventFilter(watched, event)

    def choices(self) -> dict[str, str]:
        """{field: "keep"|"gone"} as chosen on the screen."""
        return {
            f: ("gone" if self.groups[f].checkedId() == 1 else "keep")
            for f in MERGE_FIELDS
            if f in self.groups
        }

    def choose(self, field: str, side: str) -> None:
        """Pick a side for one field (as a click would)."""
        b = self.groups[field].button(0 if side == "keep" else 1)
        if b is not None:
            b.setChecked(True)

    def swap(self) -> None:
        """Keep the other record instead (the choices start again from the defaults)."""
        self.keep_id, self.gone_id = self.gone_id, self.keep_id
        self.fill()

    # -- merging --------------------------------------------------------------------------

    def _ready(self) -> None:
        self.ok.setEnabled(bool(self.reason.text().strip()))

    def _merge_if_ready(self) -> None:
        if self.ok.isEnabled():
            self.do_merge()

    def do_merge(self) -> None:
        """Merge as chosen; the dialog closes when it is done, or says why not."""
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, as_of=self.ctx.today()) as s:
                keep, gone = child_by_id(s, self.keep_id), child_by_id(s, self.gone_id)
                merge_children(
                    s,
                    keep,
                    gone,
                    take=self.choices(),
                    reason=self.reason.text(),
                    today=self.ctx.today(),
                )
        except ServiceError as exc:
            show_problem(self, exc)
            return
        self.merged = True
        self.ctx.events.child_changed.emit(self.keep_id)
        self.ctx.events.child_changed.emit(self.gone_id)
        self.ctx.events.data_changed.emit()
        self.accept()
