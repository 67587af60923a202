"""Practice folders (made-up children for training) never send anything above the CCI."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.services.core.errors import NotAllowed
from desktop.services.install.institution import is_training_folder

PRACTICE_REFUSAL = (
    "this is a practice folder with made-up children: it never sends data to the district "
    "or the state, over the internet or on a USB stick. Open the real data folder to sync."
)


def refuse_practice(session: Session) -> None:
    """NotAllowed if this data folder holds practice data (so training data stays here)."""
    if is_training_folder(session):
        raise NotAllowed(PRACTICE_REFUSAL)
