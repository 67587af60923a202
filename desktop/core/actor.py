"""Who acts: the person (or process) on whose behalf the services write (re-exported by
`desktop.services.core.context`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The person (or process) on whose behalf the services write."""

    username: str
    role: str = "superintendent"
    full_name: str = ""
    # The area the actor may see and change (see desktop.services.core.permissions). The
    # defaults limit nothing: tests, imports and rule runs act install-wide.
    institution_id: int | None = None  # CCI staff: only this institution's children
    state: int | None = None  # LGD state code of a state or district official
    districts: tuple[int, ...] = ()  # LGD district codes of a district official

    @property
    def label(self) -> str:
        """How the actor appears in audit events and on paper."""
        return f"{self.username} ({self.full_name})" if self.full_name else self.username


SYSTEM = Actor("system", "administrator", "CLMS")

__all__ = ["SYSTEM", "Actor"]
