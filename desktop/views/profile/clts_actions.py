"""The writes of the "Child labour" tab: one form per part of the case, through the services.

A mixin of `CltsTab` (kept apart so each module stays short); it uses the tab's `page`,
`case_id`, `view`, `ids`, `policy`, tables and `fields()`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QTableWidget
from sqlalchemy.orm import Session

from desktop.documents.printing import print_document
from desktop.models import CltsCompensation, CltsEntitlement, CltsFollowUp, CltsMember
from desktop.services.clts import compensation, entitlements, follow_ups, household, rescue
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.views.clts.signing import card_signer_or_none
from desktop.views.forms import FieldSpec, run_form, show_date, show_problem


def form_text(value: Any) -> Any:
    """A stored value as a form shows it: dates DD-MM-YYYY, yes/no, lists as lists."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return show_date(value)
    return "" if value is None else value


# Its words are the tab's: PySide6 looks them up under the concrete class ("CltsTab"),
# not under this mixin's name, so they are translated in that context.
class CltsActions:
    """The tab's forms: open and correct the case, household, ledger, schemes, visits."""

    def _selected(self, table: QTableWidget, key: str) -> int | None:
        row = table.currentRow()
        ids = self.ids[key]
        if 0 <= row < len(ids):
            return ids[row]
        show_problem(
            self,
            ServiceError(QCoreApplication.translate("CltsTab", "First click a line in the list.")),
        )
        return None

    def _prefilled(self, fields: list[FieldSpec], obj: Any) -> list[FieldSpec]:
        from dataclasses import replace

        out = []
        for f in fields:
            value = getattr(obj, f.name, None) if obj is not None else None
            if f.kind == "multi":
                out.append(replace(f, default=", ".join(value or [])))
            else:
                out.append(
                    replace(f, default=str(form_text(value)) if value is not None else f.default)
                )
        return out

    def open_case(self) -> bool:
        """Ask for the rescue and open a case on this child."""
        today = self.page.ctx.today()

        def submit(v: dict[str, str]) -> object:
            self.case_id = self.page.write(lambda s, c: rescue.open_case(s, c, v, today=today).id)
            return self.case_id

        return run_form(
            self,
            title=QCoreApplication.translate("CltsTab", "Open a child-labour case"),
            fields=self.fields().rescue(),
            submit=submit,
            intro=QCoreApplication.translate(
                "CltsTab", "The case gets its CLTS ID when it is saved."
            ),
        )

    def edit_case(self, title: str, fields: list[FieldSpec]) -> bool:
        """Correct one section of the case."""
        if self.view is None:
            return False
        today, case_id = self.page.ctx.today(), self.case_id
        return run_form(
            self,
            title=title,
            fields=self._prefilled(fields, self.view.case),
            submit=lambda v: self.page.write(
                lambda s, _c: rescue.update_case(s, rescue.get_case(s, case_id), v, today=today)  # type: ignore[arg-type]
            ),
        )

    def close_case(self) -> bool:
        """Close the case with the reason."""
        today, case_id = self.page.ctx.today(), self.case_id
        return run_form(
            self,
            title=QCoreApplication.translate("CltsTab", "Close the case"),
            fields=[
                FieldSpec("reason", QCoreApplication.translate("CltsTab", "Why *"), "multiline"),
                FieldSpec("on", QCoreApplication.translate("CltsTab", "On"), "date"),
            ],
            submit=lambda v: self.page.write(
                lambda s, _c: rescue.close_case(
                    s,
                    rescue.get_case(s, case_id),
                    reason=v["reason"],
                    on=v["on"] or None,
                    today=today,
                )  # type: ignore[arg-type]
            ),
        )

    def edit_household(self, fields: list[FieldSpec]) -> bool:
        """Record or correct the household."""
        if self.view is None:
            return False
        today, case_id = self.page.ctx.today(), self.case_id
        return run_form(
            self,
            title=QCoreApplication.translate("CltsTab", "Household"),
            fields=self._prefilled(fields, self.view.household),
            submit=lambda v: self.page.write(
                lambda s, _c: household.save_household(
                    s, rescue.get_case(s, case_id), v, today=today
                )  # type: ignore[arg-type]
            ),
        )

    def add_member(self) -> bool:
        """Add a member of the household."""
        today, case_id = self.page.ctx.today(), self.case_id
        return run_form(
            self,
            title=QCoreApplication.translate("CltsTab", "Add a member of the household"),
            fields=self.fields().member(),
            submit=lambda v: self.page.write(
                lambda s, _c: household.add_member(s, rescue.get_case(s, case_id), v, today=today)  # type: ignore[arg-type]
            ),
        )

    def change_member(self) -> bool:
        """Correct the selected member."""
        mid = self._selected(self.members, "members")
        if mid is None or self.view is None:
            return False
        member = next(m for m in self.view.members if m.id == mid)
        today, case_id = self.page.ctx.today(), self.case_id

        def submit(v: dict[str, str]) -> object:
            return self.page.write(
                lambda s, _c: household.update_member(
                    s,
                    rescue.get_case(s, case_id),
                    s.get(CltsMember, mid),
                    v,
                    today=today,  # type: ignore[arg-type]
                )
            )

        fields = self._prefilled(self.fields().member(), member)
        return run_form(
            self,
            title=QCoreApplication.translate("CltsTab", "Change a member"),
            fields=fields,
            submit=submit,
        )

    def record_line(self) -> bool:
        """Record an order, sanction, payment or refusal on the selected line."""
        lid = self._selected(self.ledger, "lines")
        if lid is None or self.view is None:
            return False
        line = next(ln for ln in self.view.lines if ln.id == lid)
        today, case_id = self.page.ctx.today(), self.case_id

        def submit(v: dict[str, str]) -> object:
            return self.page.write(
                lambda s, _c: compensation.update_line(
                    s,
                    rescue.get_case(s, case_id),
                    s.get(CltsCompensation, lid),
                    v,
                    today=today,  # type: ignore[arg-type]
                )
            )

        title = self._name(self.policy.compensation, line.line)
        return run_form(
            self, title=title, fields=self._prefilled(self.fields().line(), line), submit=submit
        )

    def update_entitlement(self) -> bool:
        """Record what the department did about the selected entitlement."""
        eid = self._selected(self.ents, "ents")
        if eid is None or self.view is None:
            return False
        e = next(x for x in self.view.entitlements if x.id == eid)
        today, case_id = self.page.ctx.today(), self.case_id
        fields = self._prefilled(self.fields().entitlement(), e)
        scheme = self.policy.schemes.get(e.scheme)
        if scheme is not None and (scheme.compensation or scheme.status_from):
            fields = [f for f in fields if f.name in ("office", "remarks")]

        def submit(v: dict[str, str]) -> object:
            return self.page.write(
                lambda s, _c: entitlements.set_entitlement(
                    s,
                    rescue.get_case(s, case_id),
                    s.get(CltsEntitlement, eid),
                    v,
                    today=today,  # type: ignore[arg-type]
                )
            )

        return run_form(
            self, title=self._name(self.policy.schemes, e.scheme), fields=fields, submit=submit
        )

    def back_to_rule(self) -> bool:
        """Let the policy's rule decide the selected entitlement again."""
        eid = self._selected(self.ents, "ents")
        if eid is None:
            return False
        today, case_id = self.page.ctx.today(), self.case_id

        def write(s: Session, _c: Any) -> object:
            return entitlements.back_to_rule(
                s, rescue.get_case(s, case_id), s.get(CltsEntitlement, eid), today=today
            )  # type: ignore[arg-type]

        return self.page.try_write(write)

    def record_visit(self) -> bool:
        """Record what the selected follow-up visit found."""
        vid = self._selected(self.visits, "visits")
        if vid is None or self.view is None:
            return False
        visit = next(x for x in self.view.visits if x.id == vid)
        today, case_id = self.page.ctx.today(), self.case_id
        fields = self._prefilled(self.fields().visit(), visit)
        if visit.done_on is None:
            fields[0] = FieldSpec(fields[0].name, fields[0].label, "date", default=show_date(today))

        def submit(v: dict[str, str]) -> object:
            return self.page.write(
                lambda s, _c: follow_ups.record_visit(
                    s,
                    rescue.get_case(s, case_id),
                    s.get(CltsFollowUp, vid),
                    v,
                    today=today,  # type: ignore[arg-type]
                )
            )

        return run_form(
            self,
            title=QCoreApplication.translate("CltsTab", "Follow-up visit {0}").format(
                visit.visit_no
            ),
            fields=fields,
            submit=submit,
        )

    def add_visit(self) -> bool:
        """Record a visit outside the schedule."""
        today, case_id = self.page.ctx.today(), self.case_id
        return run_form(
            self,
            title=QCoreApplication.translate("CltsTab", "A visit outside the schedule"),
            fields=self.fields().visit(),
            submit=lambda v: self.page.write(
                lambda s, _c: follow_ups.add_visit(s, rescue.get_case(s, case_id), v, today=today)  # type: ignore[arg-type]
            ),
        )

    def save_document(self, kind: str) -> bool:
        """Save the entitlement card or sheet as a PDF (the card signed when the key is here)."""
        if self.child_id is None:
            return False
        name = "entitlement-card.pdf" if kind == "card" else "entitlement-sheet.pdf"
        path, _f = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("CltsTab", "Save as PDF"), name, "PDF (*.pdf)"
        )
        if not path:
            return False
        return self.write_document(kind, Path(path))

    def write_document(self, kind: str, path: Path) -> bool:
        """Write the document to `path` (signed when the install's key needs no passphrase)."""
        ctx = self.page.ctx
        try:
            with unit_of_work(ctx.engine, ctx.actor, rules=False, as_of=ctx.today()) as s:
                signer = card_signer_or_none(s, ctx.data_dir) if kind == "card" else None
                pdf = print_document(
                    s,
                    kind=kind,
                    child_ids=[self.child_id],  # type: ignore[list-item]
                    lang=ctx.language,
                    actor=ctx.actor,
                    as_of=ctx.today(),
                    target=f"saved as PDF {path.name}",
                    signer=signer,
                )
                tmp = path.with_name(path.name + ".part")
                tmp.write_bytes(pdf)
                tmp.replace(path)
        except (ServiceError, OSError, ValueError) as exc:
            show_problem(self, exc)
            return False
        ctx.events.child_changed.emit(self.child_id)
        return True
