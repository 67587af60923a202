"""Errors the services raise, with messages meant for the person at the keyboard."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of errors raised by the services."""


class ValidationError(ServiceError):
    """Input was refused; `errors` maps a field name to a plain-language message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class NotFound(ServiceError):
    """The record asked for does not exist (or is outside the caller's scope)."""


class PermissionDenied(ServiceError):
    """The person logged in may not do this, or not for this child or area."""


class NotAllowed(ServiceError):
    """The write cannot be done in the record's current state."""
