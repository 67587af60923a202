"""The merge screens (issue 20, item 4): reachable from the profile, keyboard usable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.services.cases.casework import add_guardian
from desktop.services.cases.children import register_child
from desktop.services.core.context import unit_of_work
from desktop.views.app_context import AppContext
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


def _pair(ctx: AppContext) -> tuple[int, int]:
    with unit_of_work(ctx.engine, ctx.actor, as_of=TODAY) as s:
        a = register_child(s, child_input(first_name="Priya"), today=TODAY)
        b = register_child(
            s, child_input(first_name="Pria", dob="2016-04-12", aadhaar=aadhaar()), today=TODAY
        )
        add_guardian(s, b, name="Ramesh Kumar", relation="father")
        return a.id, b.id


def test_merge_from_the_profile(qtbot, ctx: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.profile.merge_dialog import ChooseRecordDialog, MergeDialog
    from desktop.views.profile.page import ProfilePage

    keep_id, gone_id = _pair(ctx)
    page = ProfilePage(ctx, keep_id)
    qtbot.addWidget(page)
    assert page.overview.merge_button.isVisibleTo(page.overview)
    seen: dict[str, QDialog] = {}

    def choose_exec(self: ChooseRecordDialog) -> int:
        seen["choose"] = self
        assert self.list.count() == 1 and "Pria" in self.list.item(0).text()
        assert "%" in self.list.item(0).text()  # the duplicate check's score
        self.choose()  # the first line: the likely duplicate
        return int(self.result())

    def merge_exec(self: MergeDialog) -> int:
        seen["merge"] = self
        assert self.choices()["aadhaar"] == "gone"  # the kept record has none
        assert self.choices()["first_name"] == "keep"
        assert not self.ok.isEnabled()  # no reason yet
        assert "1 guardians" in self.moves.text() or "guardians" in self.moves.text()
        # Keyboard: focus the first name's row, G picks the other record's value.
        qtbot.keyClick(self.groups["first_name"].button(0), Qt.Key.Key_G)
        assert self.choices()["first_name"] == "gone"
        qtbot.keyClicks(self.reason, "same girl, same father")
        assert self.ok.isEnabled()
        self.ok.click()
        return int(self.result())

    monkeypatch.setattr(ChooseRecordDialog, "exec", choose_exec)
    monkeypatch.setattr(MergeDialog, "exec", merge_exec)
    assert page.merge_with()
    assert seen["merge"].merged
    with Session(ctx.engine) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        assert keep.first_name == "Pria" and keep.aadhaar == aadhaar()
        assert gone.status == "merged" and gone.merged_into_id == keep_id
    # Opening the merged-away record says where the child is now, and leads there.
    tomb = ProfilePage(ctx, gone_id)
    qtbot.addWidget(tomb)
    assert "Merged into" in tomb.subtitle.text()
    assert not tomb.overview.edit_button.isVisibleTo(tomb.overview)
    assert not tomb.tabs.isTabEnabled(1)
    assert tomb.merged_button.isVisibleTo(tomb) and not tomb.overview.merge_button.isVisibleTo(
        tomb.overview
    )
    with qtbot.waitSignal(tomb.open_child) as got:
        tomb.merged_button.click()
    assert got.args == [keep_id]
    # The superintendent undoes it from the tombstone (asked why, then told what moved).
    assert tomb.undo_merge_button.isVisibleTo(tomb)
    told: list[str] = []
    monkeypatch.setattr(
        "desktop.views.profile.page.QInputDialog.getText",
        lambda *a, **k: ("two girls after all", True),
    )
    monkeypatch.setattr(
        "desktop.views.profile.page.QMessageBox.information", lambda *a: told.append(a[2])
    )
    tomb.undo_merge_button.click()
    assert told and "a child of its own again" in told[0]
    assert not tomb.undo_merge_button.isVisibleTo(tomb) and tomb.tabs.isTabEnabled(1)
    with Session(ctx.engine) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        assert gone.status == "in_care" and gone.merged_into_id is None
        assert keep.first_name == "Priya" and gone.aadhaar == aadhaar() and keep.aadhaar is None


def test_caseworker_is_not_offered_a_merge(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.core.context import Actor
    from desktop.views.profile.page import ProfilePage

    keep_id, _gone = _pair(ctx)
    ctx.actor = Actor("ravi", "caseworker", "Ravi Kumar")
    page = ProfilePage(ctx, keep_id)
    qtbot.addWidget(page)
    assert not page.overview.merge_button.isVisibleTo(page.overview)
    assert not page.undo_merge_button.isVisibleTo(page)


def test_swap_keeps_the_other_record(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.profile.merge_dialog import MergeDialog

    keep_id, gone_id = _pair(ctx)
    dlg = MergeDialog(ctx, keep_id, gone_id)
    qtbot.addWidget(dlg)
    dlg.swap()
    assert (dlg.keep_id, dlg.gone_id) == (gone_id, keep_id)
    assert "Pria" in dlg.groups["first_name"].button(0).text()


def test_profile_warns_of_a_likely_second_record(qtbot, ctx: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.profile.merge_dialog import MergeDialog
    from desktop.views.profile.page import ProfilePage

    keep_id, gone_id = _pair(ctx)
    page = ProfilePage(ctx, keep_id)
    qtbot.addWidget(page)
    ov = page.overview
    assert ov.same_child_box.isVisibleTo(ov) and ov.same_child_button.isVisibleTo(ov)
    assert "may be registered twice" in ov.same_child.text() and "Pria" in ov.same_child.text()
    opened: list[tuple[int, int]] = []
    monkeypatch.setattr(
        MergeDialog, "exec", lambda self: opened.append((self.keep_id, self.gone_id)) or 0
    )
    ov.same_child_button.click()
    assert opened == [(keep_id, gone_id)]
