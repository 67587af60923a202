"""Correcting the superintendent's decisions from the profile: a category change (chosen from
the child's changes), how the case closed (leaving care, or the transfer), typed key by key;
a caseworker is not offered these corrections."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AuditEvent, CategoryChange, Child, Transfer
from desktop.services.cases.casework import change_category
from desktop.services.cases.children import discharge, register_child, transfer_out
from desktop.services.core.context import Actor, unit_of_work
from desktop.views.app_context import AppContext
from tests.conftest import TODAY
from tests.helpers import child_input
from tests.test_edit_views import page_for, typing_into_forms

pytestmark = pytest.mark.usefixtures("no_work_left_running")


@pytest.fixture
def child_id(ctx: AppContext, actor: Actor) -> int:
    """A child admitted 01-03-2025 in category 3, changed to 9 on 01-06-2025."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        c = register_child(s, child_input(), today=TODAY)
        change_category(s, c, to_code=9, reason="parents traced", effective_on="2025-06-01")
        s.flush()
        return c.id


def reason_of(ctx: AppContext, action: str) -> str | None:
    """The reason kept with the newest audit event of `action`."""
    with Session(ctx.engine) as s:
        ev = s.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc())
        ).first()
        assert ev is not None, action
        return ev.changes[0].get("reason")


def test_category_change_chosen_and_corrected(qtbot, ctx, child_id, monkeypatch) -> None:
    """Correct a change… lists the changes newest first; the chosen one's CWC order is typed
    and saved with the reason for the correction; the category stays 9."""
    offered: list[list[str]] = []

    def choose(_parent, _title, _label, items, *_a):  # type: ignore[no-untyped-def]
        offered.append(list(items))
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    page = page_for(qtbot, ctx, child_id)
    tab = page.documents
    page.tabs.setCurrentWidget(tab)
    assert tab.correct_category_button.isVisible()
    typing_into_forms(monkeypatch, qtbot, {"order_ref": "CWC/PAT/44", "why": "as on the order"})
    qtbot.mouseClick(tab.correct_category_button, Qt.MouseButton.LeftButton)
    assert offered and offered[0][0].startswith("01-06-2025: from 3") and len(offered[0]) == 2
    with Session(ctx.engine) as s:
        ch = s.scalars(select(CategoryChange).where(CategoryChange.to_code == 9)).one()
        assert ch.order_ref == "CWC/PAT/44"
        assert s.get(Child, child_id).category_code == 9
    assert reason_of(ctx, "correct_category_change") == "as on the order"


def test_leaving_care_corrected_from_the_exit_tab(qtbot, ctx, actor, child_id, monkeypatch):
    """After the child left, Correct how the case closed… opens the leaving's details; a
    typed order number is saved with the reason."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        discharge(s, s.get(Child, child_id), status="restored", exit_date=TODAY, reason="to mother")
    page = page_for(qtbot, ctx, child_id)
    page.tabs.setCurrentWidget(page.exit)
    assert page.exit.correct_button.isVisible() and not page.exit.exit_box.isVisible()
    shown = typing_into_forms(
        monkeypatch, qtbot, {"exit_order_no": "CWC/PAT/90", "why": "order came later"}
    )
    qtbot.mouseClick(page.exit.correct_button, Qt.MouseButton.LeftButton)
    assert shown and shown[0].form.inputs["exit_reason"].toPlainText() == "to mother"
    with Session(ctx.engine) as s:
        assert s.get(Child, child_id).exit_order_no == "CWC/PAT/90"
    assert reason_of(ctx, "correct_exit") == "order came later"


def test_transfer_corrected_with_the_leaving_day(qtbot, ctx, actor, child_id, monkeypatch):
    """For a transferred child the same button corrects the transfer: the other home's name
    is retyped, and the child's leaving reason follows."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        transfer_out(
            s,
            s.get(Child, child_id),
            to_institution="Gaya Home",
            transfer_date=TODAY,
            order_no="CWC/GAY/1",
            today=TODAY,
        )
    page = page_for(qtbot, ctx, child_id)
    page.tabs.setCurrentWidget(page.exit)
    typing_into_forms(monkeypatch, qtbot, {"other_institution": "Gaya Boys' Home"})
    qtbot.mouseClick(page.exit.correct_button, Qt.MouseButton.LeftButton)
    with Session(ctx.engine) as s:
        assert s.scalars(select(Transfer.other_institution)).one() == "Gaya Boys' Home"
        assert s.get(Child, child_id).exit_reason == "transferred to Gaya Boys' Home"


def test_a_caseworker_is_not_offered_corrections_of_decisions(qtbot, ctx, actor, child_id):
    """A caseworker sees neither Correct a change… nor Correct how the case closed…."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        discharge(s, s.get(Child, child_id), status="restored", exit_date=TODAY, reason="to mother")
    ctx.actor = Actor("ravi", "caseworker", "Ravi Kumar", institution_id=1)
    page = page_for(qtbot, ctx, child_id)
    page.tabs.setCurrentWidget(page.documents)
    assert not page.documents.correct_category_button.isVisible()
    page.tabs.setCurrentWidget(page.exit)
    assert not page.exit.correct_button.isVisible()
