"""The Print screen: pick children, preview the real PDF, print at real size, save, audit."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import Engine, select

from desktop.models import AuditEvent
from desktop.services.cases.children import register_child
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor, unit_of_work
from desktop.views import printing
from desktop.views.app_context import AppContext
from desktop.views.printing import PreviewDialog, PrintPage, paint_pdf, print_children
from tests.helpers import child_input
from tests.pdf_tools import pdf_text
from tests.test_documents import TODAY, make_case


@pytest.fixture
def ctx(inst_engine: Engine, actor: Actor, data_dir: Path) -> AppContext:
    """An app context over a database with one full case and three more children."""
    store = AttachmentStore.for_data_dir(data_dir)
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        make_case(s, store)
        for name in ("Ravi", "Salma", "Tara"):
            register_child(s, child_input(first_name=name, name_local=None), today=TODAY)
    return AppContext(inst_engine, data_dir, actor, today=lambda: TODAY)


def _prints(engine: Engine) -> list[str]:
    with unit_of_work(engine, Actor("t")) as s:
        q = select(AuditEvent.action).where(AuditEvent.action.like("printed%"))
        return list(s.scalars(q))


def _capture(monkeypatch: pytest.MonkeyPatch) -> list[PreviewDialog]:
    """Keep preview dialogs instead of showing them."""
    shown: list[PreviewDialog] = []
    monkeypatch.setattr(PreviewDialog, "open", lambda self: shown.append(self))
    return shown


def test_search_add_and_preview_a_card(qtbot, ctx: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Typing a name, adding the child and previewing gives the card PDF (front and back)."""
    shown = _capture(monkeypatch)
    page = PrintPage(ctx)
    qtbot.addWidget(page)
    assert not page.preview_button.isEnabled()  # nothing chosen yet
    page.kind.setCurrentIndex(page.kind.findData("card"))
    assert "QR code" in page.about.text() and page.sheet.isVisibleTo(page)
    qtbot.keyClicks(page.search, "Priya")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.results.count() >= 1 and "Priya" in page.results.item(0).text()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.count.text() == "Children chosen: 1"
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=15000)
    dlg = shown[0]
    qtbot.addWidget(dlg)
    assert dlg.doc.pageCount() == 2
    assert "Priya Kshatriya" in pdf_text(dlg.pdf)
    assert _prints(ctx.engine) == []  # a preview is not a print


def test_save_as_pdf_writes_the_file_and_audits(  # type: ignore[no-untyped-def]
    qtbot, ctx: AppContext, monkeypatch, tmp_path: Path
) -> None:
    """Save as PDF writes the previewed bytes and records one print event per child."""
    shown = _capture(monkeypatch)
    page = PrintPage(ctx)
    qtbot.addWidget(page)
    page.set_children([1, 2], kind="record")
    assert page.kind.currentData() == "summary"
    page.lang.setCurrentIndex(1)  # Hindi
    page.preview()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=20000)
    dlg = shown[0]
    qtbot.addWidget(dlg)
    target = tmp_path / "out"
    monkeypatch.setattr(
        printing.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)")
    )
    out = dlg.save_it()
    assert out == tmp_path / "out.pdf"
    assert out.read_bytes() == dlg.pdf and "Ravi" in pdf_text(dlg.pdf)
    assert _prints(ctx.engine) == ["printed case summary"] * 2


def test_paint_pdf_prints_cards_at_real_size(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Printing paints every page at its physical size: a card page stays 85.6 x 54 mm."""
    from desktop.documents.card import cards_pdf

    with unit_of_work(ctx.engine, ctx.actor) as s:
        pdf = cards_pdf(s, child_ids=[1])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert paint_pdf(printer, pdf) == 2
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    assert len(pages) == 2
    assert float(pages[0].mediabox.width) == pytest.approx(242.65, abs=1.0)
    assert float(pages[0].mediabox.height) == pytest.approx(153.07, abs=1.0)
    assert len(pages[1].images) == 1  # the page came out as its rendered picture


def test_print_dialog_accepted_prints_and_audits(  # type: ignore[no-untyped-def]
    qtbot, ctx: AppContext, monkeypatch, tmp_path: Path
) -> None:
    """Print… goes through the Qt print dialog; accepting it prints and records the print."""
    from PySide6.QtPrintSupport import QPrintDialog

    shown = _capture(monkeypatch)
    print_children(None, ctx, [2, 3, 4], "card")
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=15000)
    dlg = shown[0]
    qtbot.addWidget(dlg)
    assert dlg.doc.pageCount() == 2  # three cards: one A4 sheet of fronts, one of backs
    out = tmp_path / "p.pdf"

    def accept(self) -> int:  # type: ignore[no-untyped-def]
        self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer().setOutputFileName(str(out))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert dlg.print_it()
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) == 2
    assert _prints(ctx.engine) == ["printed entitlement card"] * 3


def test_print_dialog_cancelled_records_nothing(qtbot, ctx: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Cancelling the print dialog prints nothing and records nothing."""
    from PySide6.QtPrintSupport import QPrintDialog

    shown = _capture(monkeypatch)
    print_children(None, ctx, [1], "sheet")
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=15000)
    qtbot.addWidget(shown[0])
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: 0)
    assert shown[0].print_it() is False
    assert _prints(ctx.engine) == []


def test_cwc_file_asks_for_one_child(qtbot, ctx: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Asking for a CWC file for two children explains that it is one child at a time."""
    told: list[str] = []
    monkeypatch.setattr(printing.QMessageBox, "information", lambda *a: told.append(a[2]))
    page = PrintPage(ctx)
    qtbot.addWidget(page)
    page.set_children([1, 2], kind="cwc-file")
    assert page.preview() is None
    assert told and "one child at a time" in told[0]
