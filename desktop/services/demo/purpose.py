"""Whether a data folder is a practice (training) folder: one setting, read cheaply.

Kept apart from `desktop.services.demo.generate` (the demo generator, which loads the CLTS
rules and the name lists) so that the window's sync line and the sync client can ask
without loading the generator (issue 22: the window's start).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.models import Setting

PURPOSE_KEY = "data_purpose"


def is_training_folder(session: Session) -> bool:
    """Whether this data folder was marked as training data (it holds demo children)."""
    row = session.get(Setting, PURPOSE_KEY)
    return row is not None and row.value == "training"
