"""Plain forms for the case screens: labelled fields, errors shown under the field at fault."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.dates import DATE_HINT
from desktop.rules.dates import show_date as _show_date
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.views.messages import field_message, field_name, problem_text

ERROR_STYLE = "color: #b00020; font-weight: bold;"


def nice(value: str | None) -> str:
    """A stored code as words in the current language ('presented_to_cwc' -> 'Presented
    to CWC' or its Hindi); a code with no words of its own is made readable."""
    if not value:
        return ""
    from desktop.views.vocab import word  # imports the rules: only when first needed

    return word(value) or value.replace("_", " ").replace("-", " ").capitalize()


def show_date(d: date | None) -> str:
    """A date the way Indian forms write it (23-11-2026), or a dash."""
    return _show_date(d, none="–")


def add_calendar(line: QLineEdit) -> None:
    """A calendar button at the end of a date box (also F4): the day picked is typed in.

    The box stays text (DD-MM-YYYY) so a date can still be typed, pasted or corrected.
    """
    action = line.addAction(_calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
    action.setToolTip(QCoreApplication.translate("forms", "Pick the date from a calendar (F4)"))
    action.triggered.connect(lambda: open_calendar(line))
    key = QShortcut(QKeySequence(Qt.Key.Key_F4), line)
    key.setContext(Qt.ShortcutContext.WidgetShortcut)
    key.activated.connect(lambda: open_calendar(line))


def open_calendar(line: QLineEdit) -> QCalendarWidget:
    """Show the calendar under the box, on the box's date if it holds one."""
    from desktop.services.core.validation import parse_date

    cal = QCalendarWidget(line)
    cal.setWindowFlags(Qt.WindowType.Popup)
    cal.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    cal.setGridVisible(True)
    cal.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    try:
        day = parse_date(line.text())
    except ValueError:
        day = None
    if day is not None:
        cal.setSelectedDate(QDate(day.year, day.month, day.day))

    def pick(chosen: QDate) -> None:
        line.setText(chosen.toString("dd-MM-yyyy"))
        cal.close()
        line.setFocus()

    cal.clicked.connect(pick)
    cal.activated.connect(pick)  # Enter on a day
    cal.move(line.mapToGlobal(QPoint(0, line.height())))
    cal.show()
    cal.setFocus()
    return cal


def _calendar_icon() -> QIcon:
    """A small drawn calendar (no image files to ship)."""
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setPen(QColor("#455a64"))
    p.setBrush(QColor("white"))
    p.drawRect(QRect(1, 2, 13, 12))
    p.fillRect(QRect(2, 3, 12, 3), QColor("#c62828"))
    for x in (4, 7, 10):
        for y in (8, 11):
            p.fillRect(QRect(x, y, 2, 2), QColor("#455a64"))
    p.end()
    return QIcon(pix)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form; `name` matches the service's keyword and its error key."""

    name: str
    label: str
    kind: str = "text"  # text, multiline, date, choice, multi (several of the choices)
    choices: Sequence[tuple[str, str]] = ()  # (shown text, value) for kind="choice"
    default: str = ""
    placeholder: str = ""
    aliases: tuple[str, ...] = field(default=())  # other error keys shown under this field


class FormWidget(QWidget):
    """Fields in a column with an error line under each; values come back as text."""

    changed = Signal()

    def __init__(self, fields: Sequence[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = list(fields)
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setVerticalSpacing(4)
        form.setHorizontalSpacing(16)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for spec in self.specs:
            widget = self._input(spec)
            self.inputs[spec.name] = widget
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            self.errors[spec.name] = error
            box = QWidget()
            # a row never grows taller than its field: spare height goes below the form
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 6)
            col.setSpacing(2)
            col.addWidget(widget)
            col.addWidget(error)
            form.addRow(spec.label, box)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        form.addRow(self.general_error)

    def _input(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "multi":
            box = QListWidget()
            chosen = {c.strip() for c in spec.default.split(",") if c.strip()}
            for text, value in spec.choices:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if value in chosen else Qt.CheckState.Unchecked
                )
                box.addItem(item)
            box.setFixedHeight(min(22 * len(spec.choices) + 6, 130))
            box.itemChanged.connect(lambda _i: self.changed.emit())
            return box
        if spec.kind == "choice":
            box = QComboBox()
            # long choices (category names) must not widen the whole form
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(12)  # two columns of fields fit a 1024 screen
            for text, value in spec.choices:
                box.addItem(text, value)
            i = box.findData(spec.default)
            box.setCurrentIndex(max(i, 0))
            box.currentIndexChanged.connect(lambda _i, n=spec.name: self._edited(n))
            return box
        if spec.kind == "multiline":
            edit = QPlainTextEdit()
            edit.setPlainText(spec.default)
            edit.setPlaceholderText(spec.placeholder)
            edit.setFixedHeight(90)
            edit.setTabChangesFocus(True)  # Tab goes to the next field, as everywhere else
            edit.textChanged.connect(lambda n=spec.name: self._edited(n))
            return edit
        line = QLineEdit(spec.default)
        line.setPlaceholderText(spec.placeholder or (DATE_HINT if spec.kind == "date" else ""))
        line.setMinimumWidth(170)  # two columns of fields fit a 1024 screen
        if spec.kind == "date":
            add_calendar(line)
        line.textChanged.connect(lambda _t, n=spec.name: self._edited(n))
        return line

    def _edited(self, name: str) -> None:
        """A field changed: its old error no longer holds (a check may show a new one)."""
        error = self.errors.get(name)
        if error is not None and not error.isHidden():
            error.hide()
        self.changed.emit()

    def relabel(self, fields: Sequence[FieldSpec]) -> None:
        """New labels and choice texts for the same fields (after a language switch); what
        was typed or chosen stays."""
        form = self.layout()
        assert isinstance(form, QFormLayout)
        by_name = {spec.name: spec for spec in fields}
        for i, spec in enumerate(self.specs):
            new = by_name.get(spec.name)
            if new is None:
                continue
            self.specs[i] = new
            box = self.inputs[spec.name].parentWidget()
            label = form.labelForField(box) if box is not None else None
            if isinstance(label, QLabel):
                label.setText(new.label)
            w = self.inputs[spec.name]
            if isinstance(w, QComboBox) and new.choices:
                for j, (text, _value) in enumerate(new.choices):
                    if j < w.count():
                        w.setItemText(j, text)
            elif isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.setPlaceholderText(new.placeholder or (DATE_HINT if new.kind == "date" else ""))

    def values(self) -> dict[str, str]:
        """Every field's current value as text (choices give their value)."""
        out: dict[str, str] = {}
        for name, w in self.inputs.items():
            if isinstance(w, QListWidget):
                out[name] = ", ".join(
                    str(w.item(i).data(Qt.ItemDataRole.UserRole))
                    for i in range(w.count())
                    if w.item(i).checkState() == Qt.CheckState.Checked
                )
            elif isinstance(w, QComboBox):
                out[name] = str(w.currentData() or "")
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
            elif isinstance(w, QLineEdit):
                out[name] = w.text()
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill fields from a dict (unknown keys ignored)."""
        for name, value in values.items():
            w = self.inputs.get(name)
            text = "" if value is None else str(value)
            if isinstance(w, QListWidget):
                chosen = set(value) if isinstance(value, list | tuple) else set(text.split(", "))
                for i in range(w.count()):
                    item = w.item(i)
                    on = item.data(Qt.ItemDataRole.UserRole) in chosen
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(max(w.findData(text), 0))
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(text)
            elif isinstance(w, QLineEdit):
                w.setText(text)

    def clear_errors(self) -> None:
        """Hide every error line."""
        for label in (*self.errors.values(), self.general_error):
            label.clear()
            label.hide()

    def show_errors(
        self, errors: dict[str, str], *, claim_all: bool = True, focus: bool = True
    ) -> None:
        """Show each message under its field; messages for no field go at the bottom
        (or are left to another form on the same screen when `claim_all` is False).

        `focus` puts the cursor in the first field at fault: right after Save, never
        while the user is typing (checks made as they type pass False).
        """
        self.clear_errors()
        rest = []
        for key, message in errors.items():
            spec = next((s for s in self.specs if key == s.name or key in s.aliases), None)
            if spec is None:
                if claim_all:
                    rest.append(f"{field_name(key)}: {field_message(message)}")
                continue
            label = self.errors[spec.name]
            label.setText(field_message(message))  # the field's own label is beside it
            label.show()
            # a wrapped message in a form row is not given its height by the layout:
            # reserve the lines it needs at the field's width so none is clipped
            width = max(self.inputs[spec.name].width(), 200)
            label.setMinimumHeight(label.heightForWidth(width))
        if rest:
            self.general_error.setText("\n".join(rest))
            self.general_error.show()
        first = next((s.name for s in self.specs if not self.errors[s.name].isHidden()), None)
        if focus and first is not None:
            self.inputs[first].setFocus()

    def attempt(self, action: Callable[[], object]) -> bool:
        """Run a service call; on a refusal show why under the fields and return False."""
        try:
            action()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except ServiceError as exc:
            self.show_general_error(str(exc))
            return False
        return True

    def show_general_error(self, message: str) -> None:
        """A message about the whole form (not one field)."""
        self.general_error.setText(message)
        self.general_error.show()


class FormDialog(QDialog):
    """A small form; OK calls `submit(values)` and stays open while it raises."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        fields: Sequence[FieldSpec],
        submit: Callable[[dict[str, str]], object],
        intro: str = "",
        ok_text: str = "Save",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.result_value: object = None
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        self.form = FormWidget(fields, self)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr(ok_text))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(lambda: self.try_submit() and None)  # slots return nothing
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        add_save_shortcut(self, lambda: self.try_submit() and None)

    def try_submit(self) -> bool:
        """Call submit; on a refusal show why and keep the dialog open."""

        def call() -> None:
            self.result_value = self.submit(self.form.values())

        if not self.form.attempt(call):
            return False
        self.accept()
        return True


def run_form(
    parent: QWidget | None,
    *,
    title: str,
    fields: Sequence[FieldSpec],
    submit: Callable[[dict[str, str]], object],
    intro: str = "",
    ok_text: str = "Save",
) -> bool:
    """Show a FormDialog; True when it was saved."""
    dialog = FormDialog(
        parent, title=title, fields=fields, submit=submit, intro=intro, ok_text=ok_text
    )
    return bool(dialog.exec())


def add_save_shortcut(dialog: QWidget, save: Callable[[], None]) -> None:
    """Ctrl+Enter saves the dialog from any field (Enter alone adds a line in notes)."""
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut = QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | key), dialog)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(save)


def show_problem(parent: QWidget | None, exc: Exception) -> None:
    """Tell the user in plain words why something was refused."""
    if isinstance(exc, ValidationError):
        text = problem_text(exc.errors)
    else:
        text = str(exc)
    QMessageBox.warning(parent, "CLMS Desktop", text)
