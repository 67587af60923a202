"""How a request for approval reads on a screen: what is asked, in the current language."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.rules.policy import load_policy
from desktop.services.cases.approvals import RequestRow
from desktop.views.forms import nice, show_date

translate = QCoreApplication.translate  # the name pyside6-lupdate looks for


def _day(value: Any) -> str:
    if isinstance(value, str) and value:
        try:
            return show_date(date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return show_date(value) if isinstance(value, date) else "–"


def category_words(code: Any, lang: str) -> str:
    """A category code with its name in the window's language ("none" when not decided)."""
    return _category(code, lang)


def _category(code: Any, lang: str) -> str:
    if code in (None, ""):
        return translate("Approvals", "none")
    cat = load_policy().categories.get(int(code))
    return f"{code} · {cat.label(lang)}" if cat else str(code)


def kind_words(kind: str) -> str:
    """The kind of request as a short heading."""
    return {
        "category_change": translate("Approvals", "Category change"),
        "adoption_stage": translate("Approvals", "Adoption step"),
        "exit": translate("Approvals", "Leaving care"),
        "transfer": translate("Approvals", "Transfer"),
    }.get(kind, nice(kind))


def details_words(kind: str, d: dict[str, Any], lang: str = "en") -> str:
    """What exactly is asked, in one or two lines."""
    if kind == "category_change":
        text = translate("Approvals", "From {0} to {1}, from {2}. Reason: {3}").format(
            _category(d.get("from_code"), lang),
            _category(d.get("to_code"), lang),
            _day(d.get("effective_on")),
            d.get("reason") or "",
        )
        if d.get("order_ref"):
            text += " " + translate("Approvals", "(CWC order {0})").format(d["order_ref"])
        return text
    if kind == "adoption_stage":
        text = translate("Approvals", "Move to '{0}' on {1}.").format(
            nice(d.get("stage")), _day(d.get("entered_on"))
        )
        return text + (f" {d['note']}" if d.get("note") else "")
    if kind == "exit":
        return translate("Approvals", "{0} on {1}. Reason: {2}").format(
            nice(d.get("status")), _day(d.get("exit_date")), d.get("reason") or ""
        )
    if kind == "transfer":
        text = translate("Approvals", "To {0} on {1} (order {2}).").format(
            d.get("to_institution") or "", _day(d.get("transfer_date")), d.get("order_no") or ""
        )
        if d.get("to_institution_uuid"):  # a CCI of the directory: the record follows
            text += " " + translate(
                "Approvals", "The child's whole record goes to this CCI at the next sync."
            )
        return text
    return ", ".join(f"{k}: {v}" for k, v in d.items())


def when_words(at: datetime | None) -> str:
    """A request's time in the computer's local time, DD-MM-YYYY HH:MM."""
    if at is None:
        return "–"
    from datetime import UTC

    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()
    return local.strftime("%d-%m-%Y %H:%M")


def status_words(row: RequestRow) -> str:
    """Where a request stands, with the superintendent's reason when it was returned."""
    if row.status == "pending":
        return translate(
            "Approvals", "Waiting for the superintendent (asked by {0} on {1})"
        ).format(row.requested_by, when_words(row.requested_at))
    if row.status == "approved":
        return translate("Approvals", "Approved by {0} on {1}").format(
            row.decided_by, when_words(row.decided_at)
        )
    if row.status == "returned":
        return translate("Approvals", "Returned by {0} on {1}: {2}").format(
            row.decided_by, when_words(row.decided_at), row.decision_note or ""
        )
    return translate("Approvals", "Taken back by {0} on {1}").format(
        row.decided_by, when_words(row.decided_at)
    )
