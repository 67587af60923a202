"""Correcting what was entered wrongly, from the profile: guardians, visits, orders, SIR,
ICP, notes, document dates and adoption-stage dates; and the superintendent's decisions
(a category change, leaving care, a transfer). Each form opens filled with what is stored
and sends only the fields that were changed; the services check and audit the correction.
The child's own details are corrected in `child_edit.ChildEditDialog`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.models.enums import LifeStatus, OrderType, Relation, VisitMode
from desktop.services.cases import corrections, edits
from desktop.services.cases.casework import guardian_by_uuid
from desktop.services.core.errors import ServiceError
from desktop.services.core.permissions import Permission, has
from desktop.views.forms import FieldSpec, run_form, show_problem
from desktop.views.profile.tables import ProfileHost, choices

translate = QCoreApplication.translate  # the name pyside6-lupdate looks for
SOMEONE_ELSE = "__other__"
KEEP, REMOVE = "keep", "remove"


def text_of(value: Any) -> str:
    """A stored value as a form shows it (dates DD-MM-YYYY, nothing as empty)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def changed(values: dict[str, str], initial: dict[str, str]) -> dict[str, str]:
    """The fields whose text differs from what the form opened with."""
    return {k: v for k, v in values.items() if v.strip() != initial.get(k, "").strip()}


def with_defaults(fields: list[FieldSpec], values: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec(
            f.name,
            f.label,
            f.kind,
            f.choices,
            text_of(values.get(f.name)),
            f.placeholder,
            f.aliases,
        )
        for f in fields
    ]


def _form(
    host: ProfileHost,
    parent: QWidget,
    *,
    kind: str,
    ref: str,
    title: str,
    fields: list[FieldSpec],
    save: Callable[[Session, Child, Any, dict[str, Any]], object],
    adjust: Callable[[dict[str, str], dict[str, str]], dict[str, Any]] | None = None,
    prepare: Callable[[dict[str, str]], None] | None = None,
) -> bool:
    """A correction form filled with the record as stored; sends what was changed.

    `prepare(texts)` may change what the form opens with; `adjust(diff, values)` turns
    the changed fields into what `save(session, child, record, changes)` takes."""
    model = edits.EDITABLE[kind][0]
    try:
        stored = host.read(lambda s, c: edits.current_values(s, c, kind, ref))
    except ServiceError as exc:
        show_problem(parent, exc)
        return False
    texts = {k: text_of(v) for k, v in stored.items()}
    if prepare is not None:
        prepare(texts)
    specs = with_defaults(fields, texts)

    def submit(values: dict[str, str]) -> object:
        diff = changed(values, texts)
        changes: dict[str, Any] = adjust(diff, values) if adjust else dict(diff)
        if not changes:
            return None

        def write(s: Session, c: Child) -> object:
            return save(s, c, edits.record_of(s, c, model, ref), changes)

        return host.write(write)

    return run_form(parent, title=title, fields=specs, submit=submit)


def correct_guardian(host: ProfileHost, parent: QWidget, ref: str) -> bool:
    """Correct a parent's or guardian's details."""
    return _form(
        host,
        parent,
        kind="guardian",
        ref=ref,
        title=translate("Editing", "Correct a parent or guardian"),
        fields=[
            FieldSpec("name", translate("Editing", "Name *")),
            FieldSpec("name_local", translate("Editing", "Name in Hindi / local script")),
            FieldSpec("relation", translate("Editing", "Relation *"), "choice", choices(Relation)),
            FieldSpec("life_status", translate("Editing", "Alive?"), "choice", choices(LifeStatus)),
            FieldSpec("phone", translate("Editing", "Phone")),
            FieldSpec("address", translate("Editing", "Address"), "multiline"),
        ],
        save=lambda s, c, rec, ch: edits.update_guardian(s, c, rec, ch),
    )


def correct_visit(
    host: ProfileHost, parent: QWidget, ref: str, guardians: list[tuple[str, str]]
) -> bool:
    """Correct a visit: the day, who came, how, notes. `guardians`: (words, uuid) pairs."""
    today = host.ctx.today()
    who = [*guardians, (translate("Editing", "Someone else (type the name below)"), SOMEONE_ELSE)]

    def prepare(texts: dict[str, str]) -> None:
        texts["guardian"] = texts.get("guardian") or SOMEONE_ELSE

    def adjust(diff: dict[str, str], values: dict[str, str]) -> dict[str, Any]:
        out: dict[str, Any] = {
            k: v for k, v in diff.items() if k not in ("guardian", "visitor_name")
        }
        if "guardian" in diff or "visitor_name" in diff:  # who came: both fields together
            out["guardian_ref"] = values["guardian"]
            out["visitor_name"] = values["visitor_name"].strip() or None
        return out

    def save(s: Session, c: Child, rec: Any, ch: dict[str, Any]) -> object:
        ch = dict(ch)
        if "guardian_ref" in ch:
            ref_ = ch.pop("guardian_ref")
            ch["guardian"] = None if ref_ == SOMEONE_ELSE else guardian_by_uuid(s, c, ref_)
        return edits.update_visit(s, c, rec, ch, today=today)

    return _form(
        host,
        parent,
        kind="visit",
        ref=ref,
        title=translate("Editing", "Correct a visit"),
        fields=[
            FieldSpec("visit_date", translate("Editing", "Date *"), "date"),
            FieldSpec(
                "guardian", translate("Editing", "Who came *"), "choice", who, aliases=("guardian",)
            ),
            FieldSpec("visitor_name", translate("Editing", "Visitor's name (someone else)")),
            FieldSpec("mode", translate("Editing", "How"), "choice", choices(VisitMode)),
            FieldSpec("notes", translate("Editing", "Notes"), "multiline"),
        ],
        save=save,
        adjust=adjust,
        prepare=prepare,
    )


def correct_order(host: ProfileHost, parent: QWidget, ref: str) -> bool:
    """Correct a CWC order."""
    today = host.ctx.today()
    return _form(
        host,
        parent,
        kind="order",
        ref=ref,
        title=translate("Editing", "Correct a CWC order"),
        fields=[
            FieldSpec("order_no", translate("Editing", "Order number *")),
            FieldSpec("order_date", translate("Editing", "Order date *"), "date"),
            FieldSpec(
                "order_type", translate("Editing", "Kind of order *"), "choice", choices(OrderType)
            ),
            FieldSpec("summary", translate("Editing", "What the order says"), "multiline"),
            FieldSpec("next_review_on", translate("Editing", "Next review on"), "date"),
        ],
        save=lambda s, c, rec, ch: edits.update_order(s, c, rec, ch, today=today),
    )


def correct_sir(host: ProfileHost, parent: QWidget, ref: str) -> bool:
    """Correct a social investigation report."""
    today = host.ctx.today()
    return _form(
        host,
        parent,
        kind="sir",
        ref=ref,
        title=translate("Editing", "Correct a social investigation report"),
        fields=[
            FieldSpec("requested_on", translate("Editing", "Asked for on"), "date"),
            FieldSpec("completed_on", translate("Editing", "Submitted on"), "date"),
            FieldSpec("officer", translate("Editing", "Officer")),
            FieldSpec("summary", translate("Editing", "Summary"), "multiline"),
        ],
        save=lambda s, c, rec, ch: edits.update_sir(s, c, rec, ch, today=today),
    )


def correct_icp(host: ProfileHost, parent: QWidget, ref: str) -> bool:
    """Correct an individual care plan."""
    today = host.ctx.today()
    return _form(
        host,
        parent,
        kind="icp",
        ref=ref,
        title=translate("Editing", "Correct an individual care plan"),
        fields=[
            FieldSpec("prepared_on", translate("Editing", "Prepared on *"), "date"),
            FieldSpec("review_due_on", translate("Editing", "Review due on"), "date"),
            FieldSpec("summary", translate("Editing", "Summary"), "multiline"),
        ],
        save=lambda s, c, rec, ch: edits.update_icp(s, c, rec, ch, today=today),
    )


def correct_note(host: ProfileHost, parent: QWidget, ref: str) -> bool:
    """Correct a case note."""
    today = host.ctx.today()
    return _form(
        host,
        parent,
        kind="note",
        ref=ref,
        title=translate("Editing", "Correct a note"),
        fields=[
            FieldSpec("text", translate("Editing", "Note *"), "multiline"),
            FieldSpec("note_date", translate("Editing", "Date"), "date"),
        ],
        save=lambda s, c, rec, ch: edits.update_note(s, c, rec, ch, today=today),
    )


def correct_stage(host: ProfileHost, parent: QWidget, ref: str) -> bool:
    """Correct the date or note of an adoption stage (the superintendent's)."""
    today = host.ctx.today()
    if not has(host.ctx.actor, Permission.APPROVE):
        QMessageBox.information(
            parent,
            translate("Editing", "Correct an adoption stage"),
            translate(
                "Editing", "Only the superintendent can correct the date of an adoption stage."
            ),
        )
        return False
    return _form(
        host,
        parent,
        kind="adoption",
        ref=ref,
        title=translate("Editing", "Correct an adoption stage"),
        fields=[
            FieldSpec("entered_on", translate("Editing", "Reached on *"), "date"),
            FieldSpec("note", translate("Editing", "Note"), "multiline"),
        ],
        save=lambda s, c, rec, ch: edits.update_adoption_stage(s, c, rec, ch, today=today),
    )


def correct_document(host: ProfileHost, parent: QWidget, ref: str) -> bool:
    """Correct the days a document was obtained and verified, or its note."""
    today = host.ctx.today()
    return _form(
        host,
        parent,
        kind="document",
        ref=ref,
        title=translate("Editing", "Correct a document's dates"),
        fields=[
            FieldSpec("obtained_on", translate("Editing", "Obtained on"), "date"),
            FieldSpec("verified_on", translate("Editing", "Verified on"), "date"),
            FieldSpec("note", translate("Editing", "Note"), "multiline"),
        ],
        save=lambda s, c, rec, ch: edits.update_document(s, c, rec, ch, today=today),
    )


def _superintendent_only(host: ProfileHost, parent: QWidget, title: str) -> bool:
    if has(host.ctx.actor, Permission.APPROVE):
        return True
    QMessageBox.information(
        parent,
        title,
        translate("Editing", "Only the superintendent can correct a decision."),
    )
    return False


WHY = "why"  # the reason for a correction, kept in the audit trail


def _why_field() -> FieldSpec:
    return FieldSpec(WHY, translate("Editing", "Reason for the correction"), "multiline")


def _split_why(
    reason: dict[str, str | None],
) -> Callable[[dict[str, str], dict[str, str]], dict[str, Any]]:
    """An `adjust` that keeps the reason for the correction aside (for the audit trail)."""

    def adjust(diff: dict[str, str], _values: dict[str, str]) -> dict[str, Any]:
        reason["why"] = diff.pop(WHY, None)
        return dict(diff) if diff else {}

    return adjust


def correct_category_change(host: ProfileHost, parent: QWidget, ref: str) -> bool:
    """Correct the day a category change took effect, its reason or its CWC order."""
    title = translate("Editing", "Correct a category change")
    if not _superintendent_only(host, parent, title):
        return False
    today, why = host.ctx.today(), {"why": None}
    return _form(
        host,
        parent,
        kind="category",
        ref=ref,
        title=title,
        fields=[
            FieldSpec("effective_on", translate("Editing", "From *"), "date"),
            FieldSpec("reason", translate("Editing", "Reason *"), "multiline"),
            FieldSpec("order_ref", translate("Editing", "CWC order")),
            _why_field(),
        ],
        save=lambda s, c, rec, ch: corrections.correct_category_change(
            s, c, rec, ch, reason=why["why"], today=today
        ),
        adjust=_split_why(why),
    )


def correct_a_category_change(
    host: ProfileHost, parent: QWidget, history: list[dict[str, Any]]
) -> bool:
    """Choose one of the child's category changes (newest first) and correct it."""
    from PySide6.QtWidgets import QInputDialog

    from desktop.views.admin.approval_words import category_words

    if not history:
        return False
    lang = host.ctx.language
    newest_first = list(reversed(history))
    lines = [
        translate("Editing", "{0}: from {1} to {2}").format(
            text_of(h["on"]), category_words(h["from"], lang), category_words(h["to"], lang)
        )
        for h in newest_first
    ]
    chosen = 0
    if len(lines) > 1:
        line, ok = QInputDialog.getItem(
            parent,
            translate("Editing", "Correct a category change"),
            translate("Editing", "Which change?"),
            lines,
            0,
            False,
        )
        if not ok:
            return False
        chosen = lines.index(line)
    return correct_category_change(host, parent, newest_first[chosen]["uuid"])


def correct_transfer(host: ProfileHost, parent: QWidget, ref: str) -> bool:
    """Correct a transfer: the day, the other institution, the order, the reason."""
    title = translate("Editing", "Correct the transfer")
    if not _superintendent_only(host, parent, title):
        return False
    today, why = host.ctx.today(), {"why": None}
    return _form(
        host,
        parent,
        kind="transfer",
        ref=ref,
        title=title,
        fields=[
            FieldSpec("transfer_date", translate("Editing", "Date *"), "date"),
            FieldSpec("other_institution", translate("Editing", "Other institution *")),
            FieldSpec("order_no", translate("Editing", "Transfer order number *")),
            FieldSpec("reason", translate("Editing", "Reason"), "multiline"),
            _why_field(),
        ],
        save=lambda s, c, rec, ch: corrections.correct_transfer(
            s, c, rec, ch, reason=why["why"], today=today
        ),
        adjust=_split_why(why),
    )


def correct_exit(host: ProfileHost, parent: QWidget) -> bool:
    """Correct the day the child left care, the reason or the order number."""
    title = translate("Editing", "Correct how the child left care")
    if not _superintendent_only(host, parent, title):
        return False
    today, why = host.ctx.today(), {"why": None}
    stored = host.read(lambda s, c: {f: getattr(c, f) for f in corrections.EXIT_FIELDS})
    texts = {k: text_of(v) for k, v in stored.items()}
    fields = with_defaults(
        [
            FieldSpec("exit_date", translate("Editing", "Date *"), "date"),
            FieldSpec("exit_reason", translate("Editing", "Reason / details *"), "multiline"),
            FieldSpec("exit_order_no", translate("Editing", "CWC order number")),
            _why_field(),
        ],
        texts,
    )
    adjust = _split_why(why)

    def submit(values: dict[str, str]) -> object:
        changes = adjust(changed(values, texts), values)
        if not changes:
            return None
        return host.write(
            lambda s, c: corrections.correct_exit(s, c, changes, reason=why["why"], today=today)
        )

    return run_form(parent, title=title, fields=fields, submit=submit)


__all__ = [
    "correct_a_category_change",
    "correct_category_change",
    "correct_exit",
    "correct_transfer",
    "correct_document",
    "correct_guardian",
    "correct_icp",
    "correct_note",
    "correct_order",
    "correct_sir",
    "correct_stage",
    "correct_visit",
]
