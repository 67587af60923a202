"""Smaller things a new user meets: dashboard bars that drill down and whose numbers do
not overlap, set-up errors that go once fixed, no stale "key could not be opened", the
duplicate warning in view with "Open that record", one date format with its hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QChartView
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QInputDialog, QMessageBox, QScrollArea, QWizard
from sqlalchemy.orm import Session

from desktop.services.cases.children import register_child
from desktop.services.core.context import unit_of_work
from desktop.services.core.validation import parse_date
from desktop.services.flags.evaluate import evaluate_all
from desktop.views.app_context import AppContext
from desktop.views.children.registration import OPEN_EXISTING, RegistrationDialog
from desktop.views.forms import FieldSpec, FormWidget
from desktop.views.main_window import MainWindow
from sync_client.exchange import outbox as sync_outbox
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


@pytest.fixture
def home(ctx: AppContext) -> AppContext:
    """Three girls and two boys in care (with their flags), one girl gone home."""
    from desktop.models import Child
    from desktop.services.cases.children import discharge

    with unit_of_work(ctx.engine, ctx.actor, as_of=TODAY) as s:
        for i, (first, gender) in enumerate(
            (
                ("Meena", "female"),
                ("Sita", "female"),
                ("Gita", "female"),
                ("Ravi", "male"),
                ("Amit", "male"),
                ("Tara", "female"),
            )
        ):
            register_child(
                s,
                child_input(first_name=first, gender=gender, admission_date=f"2026-0{i + 1}-05"),
                today=TODAY,
            )
    with unit_of_work(ctx.engine, ctx.actor, as_of=TODAY) as s:
        tara = s.query(Child).filter_by(first_name="Tara").one()
        discharge(s, tara, status="restored", exit_date=TODAY, reason="Home")
    with Session(ctx.engine) as s, s.begin():
        s.info["actor"] = ctx.actor
        evaluate_all(s, as_of=TODAY)
    return ctx


def _dashboard(qtbot, home: AppContext) -> tuple[MainWindow, object]:  # type: ignore[no-untyped-def]
    w = MainWindow(home)
    qtbot.addWidget(w)
    w.resize(1350, 688)
    w.show()
    page = w.show_page("dashboard")
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    return w, page


def _click_bar(qtbot, view: QChartView, index: int, set_index: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Click the middle of one bar of the chart, as the mouse would."""
    view.ensureVisible(view.rect())
    chart = view.chart()
    (series,) = [s for s in chart.series() if isinstance(s, QAbstractBarSeries)]
    bars = series.barSets()[set_index]
    horizontal = series.type() == QAbstractBarSeries.SeriesType.SeriesTypeHorizontalBar
    value = bars.at(index) / 2
    point = QPointF(value, index) if horizontal else QPointF(index, value)
    if len(series.barSets()) > 1:  # two bars share a category: aim at the chosen one
        shift = (set_index - 0.5) * series.barWidth() / 2
        point = QPointF(point.x(), point.y() + shift) if horizontal else point
    scene = chart.mapToScene(chart.mapToPosition(point, series))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene))


def test_dashboard_bars_open_the_children_they_count(qtbot, home: AppContext) -> None:
    """A click on the "Girls" slice, a status bar, a stay bar: the children list opens
    narrowed to exactly those children; a rule's bar opens that rule's flags."""
    w, page = _dashboard(qtbot, home)
    view = page.views["status"]
    chart = view.chart()
    status_index = chart.keys.index("restored")
    _click_bar(qtbot, view, status_index)
    children = w.pages["children"]
    assert w.current_key() == "children" and children.status_filter.currentData() == "restored"
    qtbot.waitUntil(lambda: children.model.rowCount() == 1)
    assert children.model.row_at(0).name.startswith("Tara")
    w.show_page("dashboard")
    stay = page.views["stay"]
    band = stay.chart().keys.index("6-12m")
    _click_bar(qtbot, stay, band)
    qtbot.waitUntil(
        lambda: not children.model.loading and children.count_label.text() != "Counting…"
    )
    assert children.status_filter.currentData() == "in_care"
    assert children.stay_filter.currentData() == (182, 364)
    names = {children.model.row_at(r).name.split()[0] for r in range(children.model.rowCount())}
    assert names == {"Meena", "Sita", "Gita", "Ravi", "Amit"}  # admitted 6 to 12 months ago
    (bars,) = stay.chart().series()[0].barSets()
    assert children.model.rowCount() == int(bars.at(band))  # the bar's own number
    w.show_page("dashboard")
    flags = page.views["flags"]
    rule = flags.chart().keys[0]
    _click_bar(qtbot, flags, 0)
    assert w.current_key() == "review"
    assert w.pages["review"].filters()[0] == rule


def test_a_rules_two_bars_have_room_for_their_numbers(qtbot, home: AppContext) -> None:
    """Each of a rule's two bars (open, past due) is at least as tall as its number, so
    the numbers of the two never overlap."""
    _w, page = _dashboard(qtbot, home)
    chart = page.views["flags"].chart()
    (series,) = chart.series()
    rules = len(chart.keys)
    per_bar = chart.plotArea().height() / rules * series.barWidth() / len(series.barSets())
    for bars in series.barSets():
        assert per_bar >= QFontMetrics(bars.labelFont()).height()


def test_set_up_errors_go_once_the_field_is_filled(qtbot, engine, data_dir) -> None:
    """An error under a field goes as soon as it is filled in, without naming the field
    again; a message about the whole page goes when anything changes."""
    from desktop.views.start.wizard import SetupWizard

    wiz = SetupWizard(engine, data_dir)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    form = wiz.institution_page.form
    error = form.errors["name"]
    assert error.isVisible() and "institution" not in error.text().lower()
    qtbot.keyClicks(form.inputs["name"], "Asha Kiran")
    assert not error.isVisible()
    assert form.errors["registration_no"].isVisible()  # not yet filled: still said


def test_the_right_passphrase_clears_could_not_be_opened(
    qtbot, ctx: AppContext, data_dir: Path, monkeypatch
) -> None:
    """A wrong passphrase says the key could not be opened; the right one next time
    leaves no trace of that message."""
    from desktop.views.sync.page import SyncPage

    with unit_of_work(ctx.engine, ctx.actor) as s:
        sync_outbox.create_own_keys(
            s, data_dir=data_dir, name="Home", passphrase="the right passphrase"
        )
    answers = iter(["a wrong passphrase", "the right passphrase"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(answers), True))
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    assert page.signer() is None
    assert "could not be opened" in page.message.text()
    assert page.signer() is not None
    assert "could not be opened" not in page.message.text()


def test_the_duplicate_warning_is_in_view_and_opens_that_record(
    qtbot, ctx: AppContext, monkeypatch
) -> None:
    """Typing a child already on record shows the warning above Save without scrolling,
    and "Open that record" opens that child's profile (what was typed kept as a draft)."""
    from desktop.services.cases.drafts import DraftStore

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    with unit_of_work(ctx.engine, ctx.actor, as_of=TODAY) as s:
        existing = register_child(s, child_input(), today=TODAY).id  # Priya Kumari, 10-04-2016
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    d = RegistrationDialog(ctx, w)
    qtbot.addWidget(d)
    d.resize(1200, 688)  # as on a 1366x768 screen
    d.show()
    qtbot.keyClicks(d.child_form.inputs["first_name"], "Priya")
    qtbot.keyClicks(d.child_form.inputs["last_name"], "Kumari")
    qtbot.keyClicks(d.child_form.inputs["dob"], "10-04-2016")
    qtbot.waitUntil(lambda: d.dup_list.count() == 1, timeout=5000)
    assert d.dup_box.isVisible() and d.open_existing_button.isVisible()
    scroll = d.findChild(QScrollArea)
    assert not scroll.isAncestorOf(d.dup_box)  # never scrolled away
    top = d.dup_box.mapTo(d, d.dup_box.rect().topLeft()).y()
    assert 0 <= top and top + d.dup_box.height() <= d.height()
    qtbot.mouseClick(d.open_existing_button, Qt.MouseButton.LeftButton)
    assert d.result() == OPEN_EXISTING and d.existing_child_id == existing
    assert DraftStore(ctx.data_dir).exists(d.draft_name)


def test_one_date_format_with_a_hint_that_matches(qtbot) -> None:
    """Date boxes say DD-MM-YYYY and take it; a wrong date is told in the same words."""
    form = FormWidget([FieldSpec("on", "On", "date")])
    qtbot.addWidget(form)
    assert form.inputs["on"].placeholderText() == "DD-MM-YYYY"
    assert str(parse_date("23-11-2026")) == "2026-11-23"
    with pytest.raises(ValueError, match="write it DD-MM-YYYY"):
        parse_date("2026/23/11")
    form.show_errors(
        {"on": "'2026/23/11' is not a date: write it DD-MM-YYYY, for example 23-11-2026"}
    )
    assert "DD-MM-YYYY" in form.errors["on"].text() and "YYYY-MM-DD" not in form.errors["on"].text()
