"""The guardians and visits tab: guardians, a one-click visit log, a visits chart, history."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models import GuardianVisit
from desktop.models.enums import LifeStatus, Relation, VisitMode
from desktop.services.cases.casework import (
    add_guardian,
    delete_visit,
    guardian_by_uuid,
    log_visit,
    set_guardian_life_status,
)
from desktop.services.cases.edits import record_of
from desktop.services.cases.profile import Profile
from desktop.services.core.errors import ServiceError
from desktop.services.core.permissions import Permission, has
from desktop.views.forms import FieldSpec, add_calendar, nice, run_form, show_date, show_problem
from desktop.views.profile.editing import (
    correct_guardian,
    correct_visit,
)
from desktop.views.profile.tables import (
    ProfileHost,
    choices,
    fill_table,
    read_only_table,
    selected_row,
)
from desktop.views.reason_dialog import ReasonDialog

SOMEONE_ELSE = "__other__"
SOCIAL_WORKER = "__social_worker__"
NOBODY = ""
_ENGLISH_MONTHS = {date(2000, m, 1).strftime("%b"): m for m in range(1, 13)}


def _who(who: str) -> str:
    """ "Geeta Devi (mother)" as the service writes it, the relation in words."""
    m = re.fullmatch(r"(.*) \(([a-z_]+)\)", who)
    return f"{m.group(1)} ({nice(m.group(2))})" if m else who


def month_name(short: str, lang: str) -> str:
    """A short month name ("Mar", as the profile service gives it) in the window's language."""
    month = _ENGLISH_MONTHS.get(short)
    if month is None or lang != "hi":
        return short
    return QLocale(QLocale.Language.Hindi).standaloneMonthName(
        month, QLocale.FormatType.ShortFormat
    )


class EnterBox(QGroupBox):
    """A group of fields where Enter (in any of them) does the group's one action."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter or Return from a field inside (they pass it on) does the action."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            return
        super().keyPressEvent(event)


class VisitsTab(QWidget):
    """Guardians, a one-click visit log, the visits chart and the visit history."""

    def __init__(self, page: ProfileHost) -> None:
        super().__init__()
        self.page = page
        self.guardian_refs: list[str] = []
        self.guardian_names: list[tuple[str, str]] = []
        self.visit_refs: list[str] = []
        self.guardians = read_only_table()
        self.guardians.setMaximumHeight(150)
        self.guardians.activated.connect(lambda _i: self.correct_guardian())  # Enter, double-click
        self.add_guardian_button = QPushButton(self.tr("Add a parent or guardian…"))
        self.add_guardian_button.clicked.connect(self.add_guardian)
        self.edit_guardian_button = QPushButton(self.tr("Correct…"))
        self.edit_guardian_button.setToolTip(self.tr("Correct the selected parent or guardian"))
        self.edit_guardian_button.clicked.connect(self.correct_guardian)
        self.death_button = QPushButton(self.tr("Record a death…"))
        self.death_button.setToolTip(self.tr("Select a parent or guardian in the list first"))
        self.death_button.clicked.connect(self.record_death)

        self.who = QComboBox()
        self.who.setMinimumContentsLength(16)
        self.who.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mode = QComboBox()
        for text, value in choices(VisitMode, skip=(VisitMode.HOME_VISIT.value,)):
            self.mode.addItem(text, value)  # a home visit is the social worker's follow-up
        self.visit_date = QLineEdit()
        self.visit_date.setPlaceholderText("DD-MM-YYYY")
        self.visit_date.setMaximumWidth(160)
        add_calendar(self.visit_date)
        self.log_button = QPushButton(self.tr("Log this visit"))
        self.log_button.setToolTip(self.tr("Enter"))
        self.log_button.setDefault(True)
        self.log_button.clicked.connect(self.log_visit)
        log_box = EnterBox(self.tr("Log a visit or call"))
        log_box.entered.connect(self.log_visit)
        row = QHBoxLayout(log_box)
        for label, widget in (
            (self.tr("Who:"), self.who),
            (self.tr("How:"), self.mode),
            (self.tr("On:"), self.visit_date),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.log_button)
        row.addStretch(1)

        self.chart = QChart()
        self.chart.setTitle(self.tr("Parents' and guardians' visits and calls, last 12 months"))
        self.chart.legend().hide()
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)
        self.history = read_only_table()
        self.history.activated.connect(lambda _i: self.correct_visit())
        self.edit_visit_button = QPushButton(self.tr("Correct the visit…"))
        self.edit_visit_button.clicked.connect(self.correct_visit)
        self.remove_visit_button = QPushButton(self.tr("Remove…"))
        self.remove_visit_button.setToolTip(self.tr("Remove a visit entered by mistake"))
        self.remove_visit_button.clicked.connect(self.remove_visit)

        guardians_head = QHBoxLayout()
        guardians_head.addWidget(QLabel(self.tr("Parents and guardians")), 1)
        guardians_head.addWidget(self.edit_guardian_button)
        guardians_head.addWidget(self.death_button)
        guardians_head.addWidget(self.add_guardian_button)
        visit_buttons = QHBoxLayout()
        visit_buttons.addStretch(1)
        visit_buttons.addWidget(self.edit_visit_button)
        visit_buttons.addWidget(self.remove_visit_button)
        history_col = QVBoxLayout()
        history_col.addWidget(self.history, 1)
        history_col.addLayout(visit_buttons)
        self.log_box = log_box
        lower = QHBoxLayout()
        lower.addWidget(self.chart_view, 1)
        lower.addLayout(history_col, 1)  # who visited and how first, the names last
        layout = QVBoxLayout(self)
        layout.addLayout(guardians_head)
        layout.addWidget(self.guardians)
        layout.addWidget(log_box)
        layout.addLayout(lower, 1)

    def show_profile(self, p: Profile) -> None:
        """Fill guardians, the visit form's choices, the chart and the history."""
        r = p.record
        self.guardian_refs = [g["uuid"] for g in r["guardians"]]
        self.guardian_names = [
            (f"{g['name']} ({nice(g['relation'])})", g["uuid"]) for g in r["guardians"]
        ]
        self.visit_refs = [v.uuid for v in p.visits]
        can_edit = has(self.page.ctx.actor, Permission.EDIT_CASE)
        for w in (
            self.add_guardian_button,
            self.edit_guardian_button,
            self.death_button,
            self.edit_visit_button,
            self.remove_visit_button,
            self.log_box,
        ):
            w.setVisible(can_edit)
        fill_table(
            self.guardians,
            [self.tr("Name"), self.tr("Relation"), self.tr("Alive?"), self.tr("Phone")],
            [
                [
                    g["name"] + (f" / {g['name_local']}" if g["name_local"] else ""),
                    nice(g["relation"]),
                    nice(g["life_status"])
                    + (f" ({show_date(g['deceased_on'])})" if g.get("deceased_on") else ""),
                    g["phone"] or "",
                ]
                for g in r["guardians"]
            ],
        )
        self.who.clear()
        for g in r["guardians"]:
            if g["life_status"] != "deceased":
                self.who.addItem(f"{g['name']} ({nice(g['relation'])})", g["uuid"])
        self.who.addItem(self.tr("Social worker's follow-up with the family…"), SOCIAL_WORKER)
        self.who.addItem(self.tr("Someone else (not a listed parent or guardian)…"), SOMEONE_ELSE)
        self.visit_date.setText(show_date(self.page.ctx.today()))
        self._chart(p.visits_by_month)
        fill_table(
            self.history,
            [self.tr("Date"), self.tr("Visitor"), self.tr("How"), self.tr("Who")],
            [[show_date(v.on), nice(v.role), nice(v.mode), _who(v.who)] for v in p.visits],
        )

    def _chart(self, months: list[tuple[str, int]]) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        bars = QBarSet(self.tr("Visits"))
        for _label, n in months:
            bars.append(n)
        months = [(month_name(label, self.page.ctx.language), n) for label, n in months]
        series = QBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([label for label, _n in months])
        small = x.labelsFont()
        small.setPointSizeF(max(small.pointSizeF() * 0.8, 8))  # twelve month names must fit
        x.setLabelsFont(small)
        x.setTruncateLabels(False)  # "Mar", not "M…"
        x.setLabelsAngle(-45)
        y = QValueAxis()
        y.setRange(0, max(3, max((n for _l, n in months), default=0)))
        y.setLabelFormat("%d")
        y.setTickCount(min(y.max(), 6) + 1 if y.max() <= 6 else 5)
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self.bars = bars

    def log_visit(self) -> bool:
        """Record the visit as chosen (one click with the defaults: guardian, in person, today).

        Who it was is always said: a listed parent or guardian (the only visits the rules
        count), the social worker's follow-up with the family, or another visitor.
        """
        ref = self.who.currentData()
        mode = self.mode.currentData()
        on = self.visit_date.text()
        today = self.page.ctx.today()
        if ref == SOCIAL_WORKER:
            return self.log_followup(on, today)
        if ref == SOMEONE_ELSE:
            return run_form(
                self,
                title=self.tr("Who visited?"),
                intro=self.tr(
                    "Only a visit by a parent or guardian on the child's list counts as their "
                    "visit. A parent or guardian who is not on the list: add them first "
                    "(Add a parent or guardian…), then choose them."
                ),
                fields=[
                    FieldSpec("visitor_name", self.tr("Visitor's name *"), aliases=("guardian",)),
                    FieldSpec(
                        "visitor_role",
                        self.tr("Who are they to the child? *"),
                        "choice",
                        [
                            (self.tr("A relative (not a parent or guardian)"), "relative"),
                            (self.tr("A volunteer, NGO worker or sponsor"), "volunteer"),
                            (self.tr("Someone else"), "other"),
                        ],
                    ),
                ],
                submit=lambda v: self.page.write(
                    lambda s, c: log_visit(
                        s,
                        c,
                        visit_date=on,
                        visitor_role=v["visitor_role"],
                        visitor_name=v["visitor_name"],
                        mode=mode,
                        today=today,
                    )
                ),
            )
        return self.page.try_write(
            lambda s, c: log_visit(
                s, c, guardian=guardian_by_uuid(s, c, ref), visit_date=on, mode=mode, today=today
            )
        )

    def correct_guardian(self) -> bool:
        """Correct the selected parent or guardian (Enter or double-click on the line)."""
        row = selected_row(self.guardians)
        if row is None or row >= len(self.guardian_refs):
            show_problem(
                self, ServiceError(self.tr("First click a parent or guardian in the list."))
            )
            return False
        if not has(self.page.ctx.actor, Permission.EDIT_CASE):
            return False
        return correct_guardian(self.page, self, self.guardian_refs[row])

    def _selected_visit(self) -> str | None:
        row = selected_row(self.history)
        if row is None or row >= len(self.visit_refs):
            show_problem(self, ServiceError(self.tr("First click a visit in the list.")))
            return None
        return self.visit_refs[row]

    def correct_visit(self) -> bool:
        """Correct the selected visit: the day, who came, how (Enter or double-click)."""
        ref = self._selected_visit()
        if ref is None or not has(self.page.ctx.actor, Permission.EDIT_CASE):
            return False
        return correct_visit(self.page, self, ref, self.guardian_names)

    def remove_visit(self) -> bool:
        """Remove a visit entered by mistake, with the reason (kept in the audit trail)."""
        ref = self._selected_visit()
        if ref is None:
            return False
        reason = ReasonDialog.ask(
            self,
            self.tr("Remove a visit"),
            self.tr("Why is this visit removed? (For example: entered for the wrong child.)"),
        )
        if not reason:
            return False
        return self.page.try_write(
            lambda s, c: delete_visit(s, c, record_of(s, c, GuardianVisit, ref), reason=reason)
        )

    def log_followup(self, on: str, today: date) -> bool:
        """The social worker's follow-up with the family (a home visit or a call): it
        satisfies the 6-month follow-up, and is not a guardian's visit."""
        mode = self.mode.currentData()
        if mode == VisitMode.IN_PERSON.value:
            mode = VisitMode.HOME_VISIT.value  # the usual follow-up: at the family's home
        modes = [
            (nice(m.value), m.value)
            for m in (VisitMode.HOME_VISIT, VisitMode.PHONE, VisitMode.IN_PERSON, VisitMode.VIDEO)
        ]
        return run_form(
            self,
            title=self.tr("Social worker's follow-up with the family"),
            fields=[
                FieldSpec("visitor_name", self.tr("Social worker's name")),
                FieldSpec(
                    "guardian",
                    self.tr("Family member contacted"),
                    "choice",
                    [(self.tr("– not one of the listed –"), NOBODY), *self.guardian_names],
                ),
                FieldSpec("mode", self.tr("How"), "choice", modes, default=mode),
                FieldSpec("notes", self.tr("What was found"), "multiline"),
            ],
            submit=lambda v: self.page.write(
                lambda s, c: log_visit(
                    s,
                    c,
                    visit_date=on,
                    visitor_role="social_worker",
                    guardian=guardian_by_uuid(s, c, v["guardian"]) if v["guardian"] else None,
                    visitor_name=v["visitor_name"] or None,
                    mode=v["mode"],
                    notes=v["notes"] or None,
                    today=today,
                )
            ),
        )

    def add_guardian(self) -> bool:
        """Ask for a parent or guardian's details and add them."""
        today = self.page.ctx.today()
        return run_form(
            self,
            title=self.tr("Add a parent or guardian"),
            fields=[
                FieldSpec("name", self.tr("Name *")),
                FieldSpec("name_local", self.tr("Name in Hindi / local script")),
                FieldSpec("relation", self.tr("Relation *"), "choice", choices(Relation)),
                FieldSpec("life_status", self.tr("Alive?"), "choice", choices(LifeStatus)),
                FieldSpec("deceased_on", self.tr("Died on (if known)"), "date"),
                FieldSpec("phone", self.tr("Phone")),
                FieldSpec("address", self.tr("Address"), "multiline"),
            ],
            submit=lambda v: self.page.write(
                lambda s, c: add_guardian(
                    s, c, **{**v, "deceased_on": v["deceased_on"] or None}, today=today
                )
            ),
        )

    def record_death(self) -> bool:
        """Record that the selected parent or guardian has died, and when (if known)."""
        row = selected_row(self.guardians)
        if row is None or row >= len(self.guardian_refs):
            show_problem(
                self, ServiceError(self.tr("First click a parent or guardian in the list."))
            )
            return False
        ref = self.guardian_refs[row]
        today = self.page.ctx.today()
        return run_form(
            self,
            title=self.tr("Record a death"),
            intro=self.tr("Record the death of: {0}").format(self.guardian_names[row][0])
            + "\n"
            + self.tr(
                "The rules count the guardian as living until this date; leave it empty "
                "if it is not known."
            ),
            fields=[FieldSpec("deceased_on", self.tr("Died on"), "date")],
            submit=lambda v: self.page.write(
                lambda s, c: set_guardian_life_status(
                    s,
                    c,
                    guardian_by_uuid(s, c, ref),
                    life_status=LifeStatus.DECEASED.value,
                    deceased_on=v["deceased_on"] or None,
                    today=today,
                )
            ),
        )
