"""CPMIS: quarterly indicators of CCIs, CWCs and JJBs (catalogue, computation, returns,
consolidation, DevInfo spreadsheets, factsheet data). No Qt.

The audited actions of CPMIS are declared here, so they are known whichever of its modules
is imported first.
"""

from desktop.services.core.permissions import Permission, register_action

for _name, _perm in (
    ("cpmis_start", Permission.CPMIS_ENTER),
    ("cpmis_save", Permission.CPMIS_ENTER),
    ("cpmis_fill", Permission.CPMIS_ENTER),
    ("cpmis_submit", Permission.CPMIS_SUBMIT),
    ("cpmis_correct", Permission.CPMIS_SUBMIT),
    ("cpmis_review", Permission.CPMIS_REVIEW),
    ("cpmis_decision_received", Permission.CPMIS_ENTER),
):
    register_action(_name, _perm)
