"""Words looked up by a name lupdate cannot see, listed here for `pyside6-lupdate`.

Qt ships no Hindi for itself, so the Yes/No/OK/Cancel of every message box would stay
in English. Qt looks these up with `translate("QPlatformTheme", "OK")` and the like;
listing them here puts them in clms_hi.ts, where they get their Hindi. The same goes for
titles translated from a table. Never called.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # the name pyside6-lupdate looks for


def _collected_by_lupdate() -> list[str]:
    """The strings; returning them keeps the calls from looking like dead code."""
    return [
        translate("QPlatformTheme", "OK"),
        translate("QPlatformTheme", "Save"),
        translate("QPlatformTheme", "Save All"),
        translate("QPlatformTheme", "Open"),
        translate("QPlatformTheme", "&Yes"),
        translate("QPlatformTheme", "Yes to &All"),
        translate("QPlatformTheme", "&No"),
        translate("QPlatformTheme", "N&o to All"),
        translate("QPlatformTheme", "Abort"),
        translate("QPlatformTheme", "Retry"),
        translate("QPlatformTheme", "Ignore"),
        translate("QPlatformTheme", "Close"),
        translate("QPlatformTheme", "Cancel"),
        translate("QPlatformTheme", "Discard"),
        translate("QPlatformTheme", "Don't Save"),
        translate("QPlatformTheme", "Close without Saving"),
        translate("QPlatformTheme", "Help"),
        translate("QPlatformTheme", "Apply"),
        translate("QPlatformTheme", "Reset"),
        translate("QPlatformTheme", "Restore Defaults"),
        translate("QLineEdit", "&Undo"),
        translate("QLineEdit", "&Redo"),
        translate("QLineEdit", "Cu&t"),
        translate("QLineEdit", "&Copy"),
        translate("QLineEdit", "&Paste"),
        translate("QLineEdit", "Delete"),
        translate("QLineEdit", "Select All"),
        # The set-up assistant's buttons (Qt's QWizard).
        translate("QWizard", "< &Back"),
        translate("QWizard", "&Next >"),
        translate("QWizard", "&Finish"),
        translate("QWizard", "Cancel"),
        translate("QWizard", "&Help"),
        translate("QWizard", "Go Back"),
        translate("QWizard", "Continue"),
        translate("QWizard", "Commit"),
        translate("QWizard", "Done"),
        translate("QWizard", "Quit"),
        translate("QWizard", "Help"),
        # FormDialog's OK button: `self.tr(ok_text)`, "Save" unless told otherwise.
        translate("FormDialog", "Save"),
        # The main window's screen names: it translates them from the PAGES table (pages.py)
        # (`self.tr(spec.title)`), which lupdate cannot read.
        translate("MainWindow", "Dashboard"),
        translate("MainWindow", "Children"),
        translate("MainWindow", "Review queue"),
        translate("MainWindow", "Adoption"),
        translate("MainWindow", "Print"),
        translate("MainWindow", "Sync"),
        translate("MainWindow", "Settings"),
        translate("MainWindow", "Users"),
        translate("MainWindow", "Audit trail"),
        translate("MainWindow", "Approvals"),
        translate("MainWindow", "Child labour"),
        translate("MainWindow", "CCIs of the district"),  # a district office's screens
        translate("MainWindow", "District review queue"),
        translate("MainWindow", "CPMIS returns"),
        translate("MainWindow", "District office"),
        translate("MainWindow", "CPMIS (district)"),
        translate("MainWindow", "District dashboard"),
        translate("MainWindow", "Transfers"),  # issue 20
        translate("MainWindow", "One child, two homes"),
    ]
