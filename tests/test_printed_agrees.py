"""Printed data agrees with the record: one age (whole years completed, as the rules count
birthdays) on screen, on paper and in exports; the admission order when it is recorded;
stored codes in words; printing from the list in the language chosen for printing."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.documents.printing import render
from desktop.models import AuditEvent, Child
from desktop.rules.dates import add_years, completed_years
from desktop.services.cases import casework
from desktop.services.cases.children import register_child
from desktop.services.cases.record import child_record
from desktop.services.core.context import unit_of_work
from desktop.services.exchange.exporter import export_csv
from desktop.services.find.listing import list_children
from desktop.services.flags.store import explain
from desktop.views.app_context import AppContext
from desktop.views.children.model import AGE
from desktop.views.children.page import ChildrenPage
from desktop.views.printing import PreviewDialog, PrintPage
from desktop.views.profile.page import ProfilePage
from tests.helpers import child_input
from tests.pdf_tools import pdf_text

pytestmark = pytest.mark.usefixtures("no_work_left_running")
ON = date(2026, 12, 1)  # seventeen days before the 18th birthday


@pytest.fixture
def nearly_18(inst_engine, actor) -> int:  # type: ignore[no-untyped-def]
    """A girl born 14-12-2008, admitted on an order recorded as a CWC admission order."""
    with unit_of_work(inst_engine, actor, as_of=ON) as s:
        c = register_child(
            s,
            child_input(dob="2008-12-14", referral="other", admission_date="2026-01-05"),
            today=ON,
        )
        casework.record_order(
            s,
            c,
            order_no="CWC/PAT/2026/11",
            order_date="2026-01-05",
            order_type="admission",
            today=ON,
        )
        return c.id


def test_one_age_rule_everywhere(qtbot, inst_engine, actor, data_dir, nearly_18) -> None:
    """17 on 01-12-2026 for a child born 14-12-2008: in the record, the list, the profile,
    the printed summary (never "18.0"), the CSV export and the rules' own facts."""
    assert completed_years(date(2008, 12, 14), ON) == 17
    assert completed_years(date(2008, 2, 29), date(2026, 2, 28)) == 18  # as add_years counts
    assert add_years(date(2008, 2, 29), 18) == date(2026, 2, 28)
    with unit_of_work(inst_engine, actor, as_of=ON) as s:
        child = s.get(Child, nearly_18)
        assert child_record(s, child.code, today=ON)["age_years"] == 17
        (row,) = list_children(s, offset=0, limit=5, today=ON)
        assert row.age_on(ON) == 17
        facts, _verdicts = explain(s, child, as_of=ON)
        assert facts is not None and facts.as_dict()["age_years"] == 17
        out = io.StringIO()
        export_csv(s, out, today=ON)
        (line,) = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert line["age"] == "17"
        pdfs = {
            lang: render(s, kind="summary", child_ids=[nearly_18], lang=lang, actor=actor, as_of=ON)
            for lang in ("en", "hi")
        }
    text = " ".join(pdf_text(pdfs["en"]).split())
    assert "Age 17 years" in text and "18.0" not in text
    assert "17" in pdf_text(pdfs["hi"]) and "18.0" not in pdf_text(pdfs["hi"])
    ctx = AppContext(inst_engine, data_dir, actor, today=lambda: ON)
    profile = ProfilePage(ctx, nearly_18)
    qtbot.addWidget(profile)
    assert "17 years" in profile.overview.facts.text()
    page = ChildrenPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.data(page.model.index(0, AGE)) == "17"


def test_admission_order_and_words_print_as_recorded(inst_engine, actor, nearly_18) -> None:
    """The admission order recorded as a CWC order prints with its date; gender and
    referral print as words ("Female", "Other"), not as stored codes."""
    with unit_of_work(inst_engine, actor, as_of=ON) as s:
        pdf = render(s, kind="summary", child_ids=[nearly_18], lang="en", actor=actor, as_of=ON)
    text = " ".join(pdf_text(pdf).split())
    assert "Admission order CWC/PAT/2026/11 (05-01-2026)" in text
    assert "Admission order -" not in text
    assert re.search(r"Gender Female\b", text) and "Referred by Other" in text
    assert "female" not in text.replace("Female", "")


def test_printing_from_the_list_uses_the_language_chosen_for_printing(
    qtbot, inst_engine, actor, data_dir, monkeypatch
) -> None:
    """Hindi chosen on the Print screen (the window in English): summaries printed from
    the children list come out in Hindi, and the audit trail says so."""
    with unit_of_work(inst_engine, actor, as_of=ON) as s:
        ids = [
            register_child(s, child_input(first_name=n, name_local=None), today=ON).id
            for n in ("Ravi", "Tara")
        ]
    ctx = AppContext(inst_engine, data_dir, actor, today=lambda: ON)
    shown: list[PreviewDialog] = []
    monkeypatch.setattr(PreviewDialog, "open", lambda self: shown.append(self))
    printing = PrintPage(ctx)
    qtbot.addWidget(printing)
    printing.lang.setCurrentIndex(printing.lang.findData("hi"))
    page = ChildrenPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.table.selectAll()
    page.print_selected("summary")
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=15_000)
    dialog = shown[0]
    assert dialog.lang == "hi" and sorted(dialog.child_ids) == sorted(ids)
    assert "Case summary" not in pdf_text(dialog.pdf)  # the labels are Hindi
    dialog._record("printed")
    with Session(inst_engine) as s:
        printed = [e for e in s.scalars(select(AuditEvent)) if e.action.startswith("printed")]
    assert len(printed) == 2 and all("lang=hi" in str(e.changes) for e in printed)
