"""Words for the child-labour codes the screens show (stages, statuses, visit modes...).

Names that the CLTS policy holds (departments, schemes, lines, industries, orders) come
from the policy in both languages; these are the codes of the services themselves.
Every string is a literal inside `translate(...)` so that `pyside6-lupdate` finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.views.forms import nice

translate = QCoreApplication.translate  # the name pyside6-lupdate looks for


def _words() -> dict[str, str]:
    return {
        # ledger stages and entitlement statuses
        "due": translate("CltsWords", "Due amount"),
        "ordered": translate("CltsWords", "Ordered"),
        "sanctioned": translate("CltsWords", "Sanctioned"),
        "paid": translate("CltsWords", "Paid"),
        "refused": translate("CltsWords", "Refused"),
        "eligible": translate("CltsWords", "Eligible"),
        "applied": translate("CltsWords", "Applied"),
        "received": translate("CltsWords", "Received"),
        "rejected": translate("CltsWords", "Rejected"),
        "not_eligible": translate("CltsWords", "Not eligible"),
        "not_assessed": translate("CltsWords", "To be assessed"),
        # follow-up visits
        "home_visit": translate("CltsWords", "Home visit"),
        "phone": translate("CltsWords", "Phone"),
        "school": translate("CltsWords", "School"),
        "office": translate("CltsWords", "At the office"),
        "ok": translate("CltsWords", "All right"),
        "concern": translate("CltsWords", "Concern"),
        "missing": translate("CltsWords", "Missing"),
        "re_rescued": translate("CltsWords", "Rescued again"),
        # household and school
        "rural": translate("CltsWords", "Rural"),
        "urban": translate("CltsWords", "Urban"),
        "pucca": translate("CltsWords", "Pucca"),
        "semi_pucca": translate("CltsWords", "Semi-pucca"),
        "kutcha": translate("CltsWords", "Kutcha"),
        "homeless": translate("CltsWords", "Homeless"),
        "none": translate("CltsWords", "None"),
        "aay": translate("CltsWords", "Antyodaya (AAY)"),
        "phh": translate("CltsWords", "Priority household (PHH)"),
        "other_state": translate("CltsWords", "Another state's card"),
        "sc": translate("CltsWords", "Scheduled Caste"),
        "st": translate("CltsWords", "Scheduled Tribe"),
        "obc": translate("CltsWords", "Backward class (BC)"),
        "ebc": translate("CltsWords", "Extremely backward class (EBC)"),
        "general": translate("CltsWords", "General"),
        "govt": translate("CltsWords", "Government school"),
        "private": translate("CltsWords", "Private school"),
        "nclp": translate("CltsWords", "NCLP / special training centre"),
        "brother": translate("CltsWords", "Brother"),
        "sister": translate("CltsWords", "Sister"),
        "spouse": translate("CltsWords", "Spouse"),
        "yes": translate("CltsWords", "Yes"),
        "no": translate("CltsWords", "No"),
    }


def word(code: str | None) -> str:
    """A CLTS code in words in the window's language (other codes as `nice` says them)."""
    if not code:
        return ""
    return _words().get(code) or nice(code)
