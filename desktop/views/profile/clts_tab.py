"""The child profile's "Child labour" tab: the rescue case, household, money, entitlements
and follow-up, each with its forms; thin over `desktop.services.clts`."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models import Child
from desktop.rules.clts_policy import load_clts_policy
from desktop.services.clts import rescue
from desktop.services.clts.summary import CaseView, case_view, overdue_of
from desktop.services.core import lgd
from desktop.services.core.context import unit_of_work
from desktop.services.core.permissions import Permission, has
from desktop.views.clts.fields import CltsFields
from desktop.views.clts.words import word as nice
from desktop.views.forms import show_date
from desktop.views.profile.clts_actions import CltsActions
from desktop.views.profile.tables import ProfileHost, fill_table, read_only_table

GAP_BG = QColor("#fdecea")
LATE_FG = QColor("#b00020")
DONE_FG = QColor("#15803d")


def rupees(n: int | None) -> str:
    """Rs 25,000 (a dash for nothing)."""
    return "–" if n is None else f"Rs {n:,}"


class CltsTab(CltsActions, QWidget):
    """Child labour: one child's rescue cases (the latest first) and everything on them."""

    def __init__(self, page: ProfileHost) -> None:
        super().__init__()
        self.page = page
        self.policy = load_clts_policy()
        self.child_id: int | None = None
        self.case_id: int | None = None
        self.view: CaseView | None = None
        self.ids: dict[str, list[int]] = {"lines": [], "ents": [], "visits": [], "members": []}
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.cases = QComboBox()
        self.cases.currentIndexChanged.connect(self._case_chosen)
        self.open_button = QPushButton(self.tr("Open a child-labour case…"))
        self.open_button.clicked.connect(self.open_case)
        self.card_button = QPushButton(self.tr("Save the entitlement card…"))
        self.card_button.clicked.connect(lambda: self.save_document("card"))
        self.sheet_button = QPushButton(self.tr("Save the entitlement sheet…"))
        self.sheet_button.clicked.connect(lambda: self.save_document("sheet"))
        # The summary above its buttons: side by side they would not fit 1024 pixels.
        buttons = QHBoxLayout()
        for w in (self.cases, self.open_button, self.card_button, self.sheet_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        head = QVBoxLayout()
        head.addWidget(self.summary)
        head.addLayout(buttons)
        self.tabs = QTabWidget()
        self._build_case_tab()
        self._build_household_tab()
        self._build_money_tab()
        self._build_entitlements_tab()
        self._build_follow_up_tab()
        self.hidden = QLabel(
            self.tr(
                "Child-labour case details (employer, FIR, household, money) are shown only to "
                "case staff and DCPU officers. The Child labour screen gives the counts."
            )
        )
        self.hidden.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hidden)

    # -- building -------------------------------------------------------------------------

    def _buttons(self, *pairs: tuple[str, Callable[[], object]]) -> QVBoxLayout:
        """The buttons, two to a row (so the tab fits a 1024-pixel screen in Hindi too)."""
        rows = QVBoxLayout()
        for start in range(0, len(pairs), 2):
            row = QHBoxLayout()
            for text, slot in pairs[start : start + 2]:
                b = QPushButton(text)
                b.clicked.connect(lambda _c=False, f=slot: f())
                row.addWidget(b)
            row.addStretch(1)
            rows.addLayout(row)
        return rows

    def _build_case_tab(self) -> None:
        w = QWidget()
        self.case_text = QLabel()
        self.case_text.setTextFormat(Qt.TextFormat.RichText)
        self.case_text.setWordWrap(True)
        self.case_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        f = self.fields
        col = QVBoxLayout(w)
        col.addWidget(self.case_text, 1)
        col.addLayout(
            self._buttons(
                (
                    self.tr("Rescue and work…"),
                    lambda: self.edit_case(self.tr("Rescue and work"), f().rescue()),
                ),
                (
                    self.tr("Employer and wages…"),
                    lambda: self.edit_case(self.tr("Employer and wages"), f().employer()),
                ),
                (
                    self.tr("FIR and prosecution…"),
                    lambda: self.edit_case(self.tr("FIR and prosecution"), f().fir()),
                ),
                (
                    self.tr("Home…"),
                    lambda: self.edit_case(self.tr("Where the child's home is"), f().origin()),
                ),
            )
        )
        col.addLayout(
            self._buttons(
                (
                    self.tr("CWC and restoration…"),
                    lambda: self.edit_case(self.tr("CWC and restoration"), f().cwc()),
                ),
                (
                    self.tr("Bank account, CM relief, school…"),
                    lambda: self.edit_case(
                        self.tr("Bank account, CM relief and school"), f().bank_school()
                    ),
                ),
                (self.tr("Close the case…"), self.close_case),
            )
        )
        self.tabs.addTab(w, self.tr("Rescue case"))

    def _build_household_tab(self) -> None:
        w = QWidget()
        self.household_text = QLabel()
        self.household_text.setTextFormat(Qt.TextFormat.RichText)
        self.household_text.setWordWrap(True)
        self.members = read_only_table()
        col = QVBoxLayout(w)
        col.addWidget(self.household_text)
        col.addWidget(self.members, 1)
        col.addLayout(
            self._buttons(
                (self.tr("Household…"), lambda: self.edit_household(self.fields().household())),
                (
                    self.tr("Cards, land and housing…"),
                    lambda: self.edit_household(self.fields().household_schemes()),
                ),
                (self.tr("Add a member…"), self.add_member),
                (self.tr("Change the selected member…"), self.change_member),
            )
        )
        self.tabs.addTab(w, self.tr("Household"))

    def _build_money_tab(self) -> None:
        w = QWidget()
        self.ledger = read_only_table()
        self.totals = QLabel()
        self.totals.setWordWrap(True)  # the totals line must not widen a 1024-pixel screen
        col = QVBoxLayout(w)
        col.addWidget(self.ledger, 1)
        col.addWidget(self.totals)
        col.addLayout(self._buttons((self.tr("Record on the selected line…"), self.record_line)))
        self.tabs.addTab(w, self.tr("Compensation"))

    def _build_entitlements_tab(self) -> None:
        w = QWidget()
        self.ents = read_only_table()
        self.gap_text = QLabel()
        self.gap_text.setWordWrap(True)
        col = QVBoxLayout(w)
        col.addWidget(self.gap_text)
        col.addWidget(self.ents, 1)
        col.addLayout(
            self._buttons(
                (self.tr("Update the selected entitlement…"), self.update_entitlement),
                (self.tr("Back to the rule"), self.back_to_rule),
            )
        )
        self.tabs.addTab(w, self.tr("Entitlements"))

    def _build_follow_up_tab(self) -> None:
        w = QWidget()
        self.visits = read_only_table()
        col = QVBoxLayout(w)
        col.addWidget(self.visits, 1)
        col.addLayout(
            self._buttons(
                (self.tr("Record the selected visit…"), self.record_visit),
                (self.tr("Add a visit outside the schedule…"), self.add_visit),
            )
        )
        self.tabs.addTab(w, self.tr("Follow-up"))

    def fields(self) -> CltsFields:
        """The field lists in the window's language."""
        return CltsFields(self.policy, self.page.ctx.language)

    # -- data -----------------------------------------------------------------------------

    def show_profile(self, p: Any) -> None:
        """Load the child's cases (the profile calls this after every change)."""
        self.child_id = p.child_id
        ctx = self.page.ctx
        allowed = has(ctx.actor, Permission.SEE_CLTS)
        self.hidden.setVisible(not allowed)
        self.tabs.setVisible(allowed)
        for b in (self.open_button, self.card_button, self.sheet_button, self.cases):
            b.setVisible(allowed)
        if not allowed:
            self.summary.setText("")
            return
        with unit_of_work(ctx.engine, ctx.actor, rules=False) as s:
            child = s.get(Child, p.child_id)
            assert child is not None
            cases = rescue.cases_of(s, child)
            self.cases.blockSignals(True)
            self.cases.clear()
            for c in cases:
                self.cases.addItem(f"{c.clts_id} · {show_date(c.rescue_on)}", c.id)
            if self.case_id not in [c.id for c in cases]:
                self.case_id = cases[0].id if cases else None
            self.cases.setCurrentIndex(max(self.cases.findData(self.case_id), 0))
            self.cases.blockSignals(False)
            self.cases.setVisible(len(cases) > 1)
            self.view = None
            if self.case_id is not None:
                self.view = case_view(
                    s, rescue.get_case(s, self.case_id), today=ctx.today(), policy=self.policy
                )
                self._fill(self.view)
                # Keep the loaded rows usable by the forms after the read commits.
                s.expunge_all()
        self.tabs.setEnabled(self.view is not None)
        self.card_button.setEnabled(self.view is not None and self.view.card_ready)
        self.sheet_button.setEnabled(self.view is not None)
        if self.view is None:
            self.summary.setText(
                "<b>"
                + html.escape(self.tr("No child-labour case on this record."))
                + "</b> "
                + html.escape(self.tr("Open one for a child rescued from work."))
            )
            for t in (self.case_text, self.household_text, self.totals, self.gap_text):
                t.setText("")
            for table in (self.members, self.ledger, self.ents, self.visits):
                table.setRowCount(0)

    def _case_chosen(self, _i: int) -> None:
        self.case_id = self.cases.currentData()
        if self.child_id is not None:
            self.page.write(lambda s, c: None)  # reload through the profile

    def _name(self, table: dict[str, Any], code: str | None) -> str:
        item = table.get(code or "")
        return item.label(self.page.ctx.language) if item is not None else nice(code)

    def _fill(self, v: CaseView) -> None:
        c, p = v.case, self.policy
        lang = self.page.ctx.language
        state = self.tr("open") if c.status == "open" else self.tr("closed")
        card = (
            self.tr("card can be printed")
            if v.card_ready
            else self.tr("card after the CWC's final order")
        )
        self.summary.setText(
            f"<b>{html.escape(c.clts_id)}</b> · {html.escape(state)} · "
            + html.escape(self.tr("rescued {0}").format(show_date(c.rescue_on)))
            + f" · {html.escape(card)}<br>"
            + html.escape(
                self.tr("{0} gaps, {1} past their day · paid {2} of {3}").format(
                    len(v.gaps), len(v.overdue), rupees(v.totals.paid), rupees(v.totals.due)
                )
            )
        )
        rows = [
            (
                self.tr("Found working in"),
                self._name(p.industries, c.industry)
                + (f" ({c.industry_other})" if c.industry_other else "")
                + (" · " + self.tr("hazardous") if c.hazardous else "")
                + (" · " + self.tr("bonded") if c.bonded else "")
                + (" · " + self.tr("trafficked") if c.trafficked else ""),
            ),
            (self.tr("Rescued by"), ", ".join(self._name(p.agencies, a) for a in c.agencies)),
            (
                self.tr("Place"),
                ", ".join(x for x in (c.rescue_village, c.rescue_block) if x) or "–",
            ),
            (
                self.tr("Employer"),
                " · ".join(x for x in (c.establishment, c.employer_name) if x) or "–",
            ),
            (
                self.tr("Wages"),
                self.tr("{0} a month; owed {1}").format(
                    rupees(c.wage_per_month), rupees(c.wages_due)
                ),
            ),
            (
                self.tr("FIR"),
                " · ".join(
                    x
                    for x in (
                        " ".join(
                            x
                            for x in (
                                c.fir_no,
                                show_date(c.fir_on) if c.fir_on else "",
                                c.fir_police_station,
                            )
                            if x
                        ),
                        ", ".join(self._name(p.fir_sections, x) for x in c.fir_sections),
                    )
                    if x
                )
                or "–",
            ),
            (self.tr("Home"), self._home(v)),
            (
                self.tr("CWC"),
                f"{c.cwc_name or '–'} · "
                + self.tr("produced {0}").format(show_date(c.produced_on)),
            ),
            (
                self.tr("Final order"),
                (self._name(p.cwc_orders, c.final_order) + " " + show_date(c.final_order_on))
                if c.final_order
                else "–",
            ),
            (
                self.tr("Restored"),
                show_date(c.restored_on)
                + (
                    " · "
                    + self.tr("home district confirmed {0}").format(show_date(c.home_confirmed_on))
                    if c.home_confirmed_on
                    else ""
                ),
            ),
            (
                self.tr("Child's account"),
                f"{v.account_masked or '–'} {c.bank_ifsc or ''}"
                + (" · Aadhaar XXXX-XXXX-" + c.bank_aadhaar_last4 if c.bank_aadhaar_last4 else ""),
            ),
            (
                self.tr("School"),
                " · ".join(
                    x for x in (c.school_name, nice(c.school_type), show_date(c.enrolled_on)) if x
                )
                if c.enrolled_on
                else "–",
            ),
        ]
        self.case_text.setText(
            "<table>"
            + "".join(
                f"<tr><td style='padding:2px 14px 2px 0;color:#444'>{html.escape(k)}</td>"
                f"<td><b>{html.escape(str(val))}</b></td></tr>"
                for k, val in rows
            )
            + "</table>"
        )
        hh = v.household
        if hh is None:
            self.household_text.setText(html.escape(self.tr("No household recorded yet.")))
        else:
            bits = [
                hh.head_name,
                hh.village,
                hh.panchayat,
                nice(hh.area),
                nice(hh.social_category),
                self.tr("ration card: {0}").format(nice(hh.ration_card) or "–"),
                self.tr("housing: {0}").format(nice(hh.housing) or "–"),
            ]
            self.household_text.setText(" · ".join(html.escape(b) for b in bits if b))
        self.ids["members"] = [m.id for m in v.members]
        fill_table(
            self.members,
            [
                self.tr("Name"),
                self.tr("Relation"),
                self.tr("Age"),
                self.tr("Occupation"),
                self.tr("Alive?"),
            ],
            [
                [
                    m.name,
                    nice(m.relation),
                    str(m.age_years or "–"),
                    m.occupation or "",
                    self.tr("yes") if m.alive else self.tr("no"),
                ]
                for m in v.members
            ],
        )
        self.ids["lines"] = [ln.id for ln in v.lines]
        fill_table(
            self.ledger,
            [
                self.tr("Line"),
                self.tr("Due"),
                self.tr("Stage"),
                self.tr("Ordered"),
                self.tr("Sanctioned"),
                self.tr("Paid"),
                self.tr("Reference"),
                self.tr("Office"),
            ],
            [
                [
                    self._name(p.compensation, ln.line),
                    rupees(ln.amount),
                    nice(ln.stage()),
                    show_date(ln.ordered_on),
                    show_date(ln.sanctioned_on),
                    f"{show_date(ln.paid_on)} {rupees(ln.paid_amount) if ln.paid_on else ''}",
                    ln.payment_ref or ln.sanction_ref or ln.order_ref or ln.refusal_reason or "",
                    ln.office or "",
                ]
                for ln in v.lines
            ],
        )
        t = v.totals
        self.totals.setText(
            self.tr("Due {0} · ordered {1} · sanctioned {2} · paid {3} · still to pay {4}").format(
                rupees(t.due),
                rupees(t.ordered),
                rupees(t.sanctioned),
                rupees(t.paid),
                rupees(t.outstanding),
            )
        )
        self.ids["ents"] = [e.id for e in v.entitlements]
        today = self.page.ctx.today()
        ent_rows = []
        for e in v.entitlements:
            due = e.apply_due_on if e.status == "eligible" else e.receive_due_on
            on = e.received_on or e.rejected_on or e.applied_on
            ent_rows.append(
                [
                    self.policy.departments[e.department].short(lang)
                    if e.department in self.policy.departments
                    else e.department,
                    self._name(p.schemes, e.scheme),
                    nice(e.status) + (" ✎" if e.by_hand else ""),
                    show_date(due) if e.status in ("eligible", "applied", "rejected") else "",
                    show_date(on) if on else "",
                    e.benefit_ref or e.application_ref or "",
                    e.office or self.policy.departments[e.department].office(lang),
                ]
            )
        fill_table(
            self.ents,
            [
                self.tr("Department"),
                self.tr("Scheme"),
                self.tr("Status"),
                self.tr("Due by"),
                self.tr("Date"),
                self.tr("Reference"),
                self.tr("Office"),
            ],
            ent_rows,
        )
        for r, e in enumerate(v.entitlements):
            self._colour(self.ents, r, e.status, overdue_of(e, today))
        self.gap_text.setText(
            self.tr(
                "Shaded: eligible and not yet received (gaps). Red: past the day the policy sets."
            )
        )
        self.ids["visits"] = [x.id for x in v.visits]
        fill_table(
            self.visits,
            [
                self.tr("Visit"),
                self.tr("Due"),
                self.tr("Done"),
                self.tr("How"),
                self.tr("By"),
                self.tr("In school"),
                self.tr("Working again"),
                self.tr("Outcome"),
            ],
            [
                [
                    str(x.visit_no),
                    show_date(x.due_on),
                    show_date(x.done_on),
                    nice(x.mode),
                    x.officer or "",
                    nice("yes" if x.in_school else "no") if x.in_school is not None else "–",
                    nice("yes" if x.working_again else "no")
                    if x.working_again is not None
                    else "–",
                    nice(x.outcome),
                ]
                for x in v.visits
            ],
        )
        for r, x in enumerate(v.visits):
            if x.done_on is None and x.due_on < today:
                self._colour(self.visits, r, "eligible", True)

    def _home(self, v: CaseView) -> str:
        c = v.case
        where = {True: self.tr("another state"), False: self.tr("this state"), None: "–"}[
            v.interstate
        ]
        district = c.origin_district_name or (
            lgd.district_name(c.origin_state, c.origin_district)
            if c.origin_state and c.origin_district
            else ""
        )
        return f"{where} · {district}" if district else where

    def _colour(self, table: QTableWidget, row: int, status: str, late: bool) -> None:
        for col in range(table.columnCount()):
            item = table.item(row, col)
            if item is None:
                continue
            if status in ("eligible", "applied", "rejected"):
                item.setBackground(QBrush(GAP_BG))
            if late:
                item.setForeground(QBrush(LATE_FG))
            elif status == "received":
                item.setForeground(QBrush(DONE_FG))
