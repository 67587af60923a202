"""Profile tabs for the life of the case: orders and timeline, adoption, exit and transfer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.enums import AdoptionStage, ChildStatus, OrderType
from desktop.services.cases.approvals import (
    request_adoption_stage,
    request_exit,
    request_transfer,
)
from desktop.services.cases.casework import (
    STAGE_ORDER,
    add_note,
    move_adoption_stage,
    record_icp,
    record_order,
    record_sir,
)
from desktop.services.cases.children import discharge, transfer_out
from desktop.services.cases.profile import Profile
from desktop.services.core.errors import ServiceError
from desktop.services.core.permissions import Permission, has
from desktop.views.admin.approval_words import details_words, status_words
from desktop.views.forms import FieldSpec, FormWidget, nice, run_form, show_date, show_problem
from desktop.views.messages import timeline_text
from desktop.views.profile import editing
from desktop.views.profile.tables import (
    ProfileHost,
    choices,
    fill_table,
    read_only_table,
    selected_row,
)


def _waiting(p: Profile, kinds: tuple[str, ...], lang: str) -> str:
    """The requests of these kinds still waiting for the superintendent, one a line."""
    return "\n".join(
        f"{status_words(q)}: {details_words(q.kind, q.details, lang)}"
        for q in p.requests
        if q.kind in kinds and q.status == "pending"
    )


class HistoryTab(QWidget):
    """Buttons to add CWC orders, SIRs, care plans and notes; one timeline of everything."""

    def __init__(self, page: ProfileHost) -> None:
        super().__init__()
        self.page = page
        self.order_button = QPushButton(self.tr("Add a CWC order…"))
        self.sir_button = QPushButton(self.tr("Add a social investigation report…"))
        self.icp_button = QPushButton(self.tr("Add a care plan (ICP)…"))
        self.note_button = QPushButton(self.tr("Add a note…"))
        self.order_button.clicked.connect(self.add_order)
        self.sir_button.clicked.connect(self.add_sir)
        self.icp_button.clicked.connect(self.add_icp)
        self.note_button.clicked.connect(self.add_note)
        self.timeline = read_only_table()
        self.timeline.setWordWrap(True)
        self.timeline.activated.connect(lambda _i: self.correct())  # Enter or double-click
        self.lines: list[tuple[str, str | None]] = []  # (kind, record uuid) of each line
        self.correct_button = QPushButton(self.tr("Correct the selected line…"))
        self.correct_button.clicked.connect(self.correct)
        buttons = QGridLayout()  # two rows of two: four long names do not fit a 1024 screen
        for i, b in enumerate(
            (self.order_button, self.sir_button, self.icp_button, self.note_button)
        ):
            buttons.addWidget(b, i // 2, i % 2)
        buttons.setColumnStretch(2, 1)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Everything on the case, newest first")), 1)
        head.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(head)
        layout.addWidget(self.timeline, 1)

    def correct(self) -> bool:
        """Correct the record behind the selected line: an order, SIR, care plan, note,
        visit, adoption stage, or the admission (the child's details)."""
        row = selected_row(self.timeline)
        if row is None or row >= len(self.lines):
            show_problem(self, ServiceError(self.tr("First click a line of the list.")))
            return False
        if not has(self.page.ctx.actor, Permission.EDIT_CASE):
            return False
        kind, ref = self.lines[row]
        host = self.page
        if kind == "admission":
            return bool(editing.ChildEditDialog(host, self).exec())
        if ref is None or kind not in ("order", "sir", "icp", "note", "visit", "adoption"):
            show_problem(
                self,
                ServiceError(
                    self.tr(
                        "This line is corrected by a new entry: a category change by a new "
                        "change, an exit or transfer by the superintendent."
                    )
                ),
            )
            return False
        if kind == "visit":
            names = getattr(self.page, "guardian_choices", lambda: [])()
            return editing.correct_visit(host, self, ref, names)
        return {
            "order": editing.correct_order,
            "sir": editing.correct_sir,
            "icp": editing.correct_icp,
            "note": editing.correct_note,
            "adoption": editing.correct_stage,
        }[kind](host, self, ref)

    def show_profile(self, p: Profile) -> None:
        """Fill the timeline."""
        from desktop.views.vocab import timeline_kinds

        kinds = timeline_kinds()
        self.lines = [(e.kind, e.ref) for e in p.timeline]
        can_edit = has(self.page.ctx.actor, Permission.EDIT_CASE)
        for b in (
            self.order_button,
            self.sir_button,
            self.icp_button,
            self.note_button,
            self.correct_button,
        ):
            b.setVisible(can_edit)
        fill_table(
            self.timeline,
            [self.tr("Date"), self.tr("What"), self.tr("Details")],
            [
                [
                    show_date(e.on),
                    kinds.get(e.kind) or nice(e.kind),
                    timeline_text(e.text, self.page.ctx.language),
                ]
                for e in p.timeline
            ],
        )

    def _form(self, title: str, fields: list[FieldSpec], action) -> bool:  # type: ignore[no-untyped-def]
        today = self.page.ctx.today()
        return run_form(
            self,
            title=title,
            fields=fields,
            submit=lambda v: self.page.write(lambda s, c: action(s, c, today=today, **v)),
        )

    def add_order(self) -> bool:
        """Record a CWC order."""
        today = show_date(self.page.ctx.today())
        return self._form(
            self.tr("Add a CWC order"),
            [
                FieldSpec("order_no", self.tr("Order number *")),
                FieldSpec("order_date", self.tr("Order date *"), "date", default=today),
                FieldSpec("order_type", self.tr("Kind of order *"), "choice", choices(OrderType)),
                FieldSpec("summary", self.tr("What the order says"), "multiline"),
                FieldSpec("next_review_on", self.tr("Next review on"), "date"),
            ],
            record_order,
        )

    def add_sir(self) -> bool:
        """Record a social investigation report (asked for and/or submitted)."""
        return self._form(
            self.tr("Add a social investigation report"),
            [
                FieldSpec("requested_on", self.tr("Asked for on"), "date"),
                FieldSpec("completed_on", self.tr("Submitted on"), "date"),
                FieldSpec("officer", self.tr("Officer")),
                FieldSpec("summary", self.tr("Summary"), "multiline"),
            ],
            record_sir,
        )

    def add_icp(self) -> bool:
        """Record an individual care plan."""
        today = show_date(self.page.ctx.today())
        return self._form(
            self.tr("Add an individual care plan"),
            [
                FieldSpec("prepared_on", self.tr("Prepared on *"), "date", default=today),
                FieldSpec("review_due_on", self.tr("Review due on"), "date"),
                FieldSpec("summary", self.tr("Summary"), "multiline"),
            ],
            record_icp,
        )

    def add_note(self) -> bool:
        """Add a dated case note."""
        today = show_date(self.page.ctx.today())
        return self._form(
            self.tr("Add a note"),
            [
                FieldSpec("text", self.tr("Note *"), "multiline"),
                FieldSpec("note_date", self.tr("Date"), "date", default=today),
            ],
            add_note,
        )


class AdoptionTab(QWidget):
    """The adoption stages so far and a form to move to the next one."""

    def __init__(self, page: ProfileHost) -> None:
        super().__init__()
        self.page = page
        self.current = QLabel()
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("color: #a65e00;")
        self.stage_refs: list[str] = []
        self.stages = read_only_table()
        self.stages.activated.connect(lambda _i: self.correct())
        self.form = FormWidget(
            [
                FieldSpec("stage", self.tr("Move to stage"), "choice", choices(AdoptionStage)),
                FieldSpec("entered_on", self.tr("On"), "date"),
                FieldSpec("note", self.tr("Note (needed to withdraw)"), "multiline"),
            ]
        )
        self.move_button = QPushButton(self.tr("Move to this stage"))
        self.move_button.clicked.connect(self.move)
        self.correct_button = QPushButton(self.tr("Correct the selected stage…"))
        self.correct_button.clicked.connect(self.correct)
        self.box = box = QGroupBox(self.tr("Next step"))
        col = QVBoxLayout(box)
        col.addWidget(self.form)
        col.addWidget(self.move_button)
        head = QHBoxLayout()
        head.addWidget(self.current, 1)
        head.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.waiting)
        layout.addWidget(self.stages, 1)
        layout.addWidget(box)

    def correct(self) -> bool:
        """Correct the selected stage's date or note (the superintendent's)."""
        row = selected_row(self.stages)
        if row is None or row >= len(self.stage_refs):
            show_problem(self, ServiceError(self.tr("First click a stage in the list.")))
            return False
        return editing.correct_stage(self.page, self, self.stage_refs[row])

    def show_profile(self, p: Profile) -> None:
        """Fill the stages and suggest the next one."""
        stages = p.record["adoption_stages"]
        self.stage_refs = [a["uuid"] for a in stages]
        actor = self.page.ctx.actor
        self.box.setVisible(has(actor, Permission.EDIT_CASE))
        self.correct_button.setVisible(has(actor, Permission.APPROVE))
        ask = not has(actor, Permission.APPROVE)
        self.move_button.setText(
            self.tr("Ask the superintendent to approve this step")
            if ask
            else self.tr("Move to this stage")
        )
        waiting = _waiting(p, ("adoption_stage",), self.page.ctx.language)
        self.waiting.setText(waiting)
        self.waiting.setVisible(bool(waiting))
        fill_table(
            self.stages,
            [self.tr("Stage"), self.tr("Since"), self.tr("Note")],
            [[nice(a["stage"]), show_date(a["entered_on"]), a["note"] or ""] for a in stages],
        )
        last = stages[-1]["stage"] if stages else None
        self.current.setText(
            self.tr("Current stage: {0}").format(nice(last))
            if last
            else self.tr("This child is not in the adoption process.")
        )
        if last in STAGE_ORDER and STAGE_ORDER.index(last) + 1 < len(STAGE_ORDER):
            suggested = STAGE_ORDER[STAGE_ORDER.index(last) + 1]
        else:
            suggested = STAGE_ORDER[0]
        self.form.set_values(
            {"stage": suggested, "entered_on": show_date(self.page.ctx.today()), "note": ""}
        )
        self.form.clear_errors()

    def move(self) -> bool:
        """Move the child to the chosen stage (a caseworker asks the superintendent)."""
        v = self.form.values()
        today = self.page.ctx.today()
        ask = not has(self.page.ctx.actor, Permission.APPROVE)
        action = request_adoption_stage if ask else move_adoption_stage
        try:
            self.page.write(lambda s, c: action(s, c, today=today, **v))
        except ServiceError as exc:
            errors = getattr(exc, "errors", None)
            if errors:
                self.form.show_errors(errors)
            else:
                self.form.show_general_error(str(exc))
            return False
        return True


def exit_choices() -> list[tuple[str, str]]:
    """How a child may leave care, in the window's language (read when a tab is built)."""
    return [
        (nice(s.value), s.value)
        for s in ChildStatus
        if s not in (ChildStatus.IN_CARE, ChildStatus.TRANSFERRED, ChildStatus.MERGED)
    ]


EXIT_CHOICES = exit_choices()  # (in English; the tab reads `exit_choices()` itself)


class ExitTab(QWidget):
    """Closing the case here: leaving care, or a transfer to another CCI."""

    def __init__(self, page: ProfileHost) -> None:
        super().__init__()
        self.page = page
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("color: #a65e00;")
        self.exit_form = FormWidget(
            [
                FieldSpec("status", self.tr("How the child left *"), "choice", exit_choices()),
                FieldSpec("exit_date", self.tr("Date *"), "date"),
                FieldSpec("reason", self.tr("Reason / details *"), "multiline"),
                FieldSpec("order_no", self.tr("CWC order number")),
            ]
        )
        self.exit_button = QPushButton(self.tr("Record that the child left care"))
        self.exit_button.clicked.connect(self.record_exit)
        self.transfer_form = FormWidget(
            [
                # A CCI of the directory (the record goes with the child), or a home
                # outside the system named in the next field.
                FieldSpec(
                    "to_uuid",
                    self.tr("Receiving CCI *"),
                    "choice",
                    [(self.tr("A home outside the system (name it below)"), "")],
                ),
                FieldSpec("to_institution", self.tr("Home outside the system")),
                FieldSpec("transfer_date", self.tr("Date *"), "date"),
                FieldSpec("order_no", self.tr("Transfer order number *")),
                FieldSpec("reason", self.tr("Reason"), "multiline"),
            ]
        )
        self.transfer_button = QPushButton(self.tr("Record the transfer"))
        self.transfer_button.clicked.connect(self.record_transfer)
        to_box = self.transfer_form.inputs["to_uuid"]
        assert isinstance(to_box, QComboBox)
        # The free-text name only for a home outside the system.
        to_box.currentIndexChanged.connect(
            lambda i: self.transfer_form.inputs["to_institution"].setEnabled(i == 0)
        )
        # After the case closed: the superintendent corrects the day, reason or order.
        self.correct_button = QPushButton(self.tr("Correct how the case closed…"))
        self.correct_button.clicked.connect(lambda: self.correct_closing() and None)
        self.transfer_ref: str | None = None
        self.transferred = False
        self.exit_box = QGroupBox(self.tr("Leaving care"))
        ecol = QVBoxLayout(self.exit_box)
        ecol.addWidget(self.exit_form)
        ecol.addWidget(self.exit_button)
        self.transfer_box = QGroupBox(self.tr("Transfer to another institution"))
        tcol = QVBoxLayout(self.transfer_box)
        tcol.addWidget(self.transfer_form)
        tcol.addWidget(self.transfer_button)
        # One above the other, scrolling: two forms side by side do not fit a 1024 screen.
        body = QWidget()
        col = QVBoxLayout(body)
        col.addWidget(self.state)
        col.addWidget(self.waiting)
        correct_row = QHBoxLayout()
        correct_row.addWidget(self.correct_button)
        correct_row.addStretch(1)
        col.addLayout(correct_row)
        col.addWidget(self.exit_box)
        col.addWidget(self.transfer_box)
        col.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area)

    def show_profile(self, p: Profile) -> None:
        """Show the forms while the child is in care, else how the case closed."""
        r = p.record
        in_care = r["status"] == ChildStatus.IN_CARE.value
        actor = self.page.ctx.actor
        can_edit = has(actor, Permission.EDIT_CASE)
        self.ask = not has(actor, Permission.APPROVE)
        self.exit_box.setVisible(in_care and can_edit)
        self.transfer_box.setVisible(in_care and can_edit)
        self.exit_button.setText(
            self.tr("Ask the superintendent to close the case")
            if self.ask
            else self.tr("Record that the child left care")
        )
        self.transfer_button.setText(
            self.tr("Ask the superintendent to record the transfer")
            if self.ask
            else self.tr("Record the transfer")
        )
        outs = [t for t in r["transfers"] if t["direction"] == "out"]
        self.transferred = r["status"] == ChildStatus.TRANSFERRED.value and bool(outs)
        self.transfer_ref = outs[-1]["uuid"] if outs else None
        self.correct_button.setVisible(not in_care and has(actor, Permission.APPROVE))
        waiting = _waiting(p, ("exit", "transfer"), self.page.ctx.language)
        self.waiting.setText(waiting)
        self.waiting.setVisible(bool(waiting))
        if in_care:
            self._fill_directory()
            self.state.setText(self.tr("The child is in care here."))
            today = show_date(self.page.ctx.today())
            self.exit_form.set_values({"exit_date": today})
            self.transfer_form.set_values({"transfer_date": today})
        else:
            e = r["exit"] or {}
            self.state.setText(
                self.tr("Left care on {0}: {1}. {2}").format(
                    show_date(e.get("date")), nice(r["status"]), e.get("reason") or ""
                )
            )

    def _fill_directory(self) -> None:
        """The CCIs of the directory (from the last receipts) in the receiving-CCI list."""
        from sqlalchemy.orm import Session

        from sync_client.transfers.packets import directory

        box = self.transfer_form.inputs["to_uuid"]
        assert isinstance(box, QComboBox)
        current = box.currentData()
        from desktop.services.core import lgd
        from desktop.services.install.institution import local_institution

        with Session(self.page.ctx.engine) as s:
            own = local_institution(s).state_code
            entries = [(d.uuid, d.name, d.state_code, d.district_code) for d in directory(s)]
        while box.count() > 1:
            box.removeItem(1)
        states = lgd.states()
        for uuid, name, state, district in entries:
            if state is None or state == own:
                label = self.tr("{name} (district {code})").format(name=name, code=district)
            else:  # another state (the child goes home): the state named first
                where = states.get(state) or str(state)
                place = lgd.district_name(state, district) if district is not None else ""
                label = self.tr("{state}: {name} (district {district})").format(
                    state=where, name=name, district=place or district
                )
            box.addItem(label, uuid)
        i = box.findData(current)
        box.setCurrentIndex(max(i, 0))

    def correct_closing(self) -> bool:
        """Correct the transfer (if the child was transferred) or the leaving care."""
        from desktop.views.profile.editing import correct_exit, correct_transfer

        if self.transferred and self.transfer_ref:
            return correct_transfer(self.page, self, self.transfer_ref)
        return correct_exit(self.page, self)

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Close the case?"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _submit(self, form: FormWidget, action) -> bool:  # type: ignore[no-untyped-def]
        v = form.values()
        today = self.page.ctx.today()
        try:
            self.page.write(lambda s, c: action(s, c, today=today, **v))
        except ServiceError as exc:
            errors = getattr(exc, "errors", None)
            if errors:
                form.show_errors(errors)
            else:
                form.show_general_error(str(exc))
            return False
        form.clear_errors()
        if getattr(self, "ask", False):  # sent for approval: the form starts again empty
            form.set_values({"reason": "", "order_no": "", "to_institution": ""})
        return True

    def record_exit(self) -> bool:
        """Close the case: restored, adopted, aged out... (a caseworker asks for it)."""
        if getattr(self, "ask", False):
            return self._submit(self.exit_form, request_exit)
        if not self._confirm(self.tr("Record that this child has left care? The case closes.")):
            return False
        return self._submit(self.exit_form, discharge)

    def record_transfer(self) -> bool:
        """Close the case with a transfer to another CCI (a caseworker asks for it). To a
        CCI of the directory the child's whole record follows at the next sync."""
        from sync_client.transfers.packets import record_transfer

        box = self.transfer_form.inputs["to_uuid"]
        assert isinstance(box, QComboBox)
        chosen = str(box.currentData() or "")
        name = box.currentText() if chosen else None

        def outside(action):  # type: ignore[no-untyped-def]
            def run(s, c, *, to_uuid="", to_institution="", **v):  # type: ignore[no-untyped-def]
                return action(s, c, to_institution=name or to_institution, **v)

            return run

        def in_system(s, c, *, to_uuid="", to_institution="", **v):  # type: ignore[no-untyped-def]
            return record_transfer(s, c, to_uuid=to_uuid, **v)

        def ask_in_system(s, c, *, to_uuid="", to_institution="", **v):  # type: ignore[no-untyped-def]
            return request_transfer(s, c, to_uuid=to_uuid, **v)

        if getattr(self, "ask", False):  # the same choice goes with the request
            return self._submit(
                self.transfer_form, ask_in_system if chosen else outside(request_transfer)
            )
        question = (
            self.tr(
                "Record the transfer? The case closes here, and the child's whole record goes "
                "to the receiving CCI at the next sync."
            )
            if chosen
            else self.tr("Record the transfer? The case closes here.")
        )
        if not self._confirm(question):
            return False
        return self._submit(self.transfer_form, in_system if chosen else outside(transfer_out))
