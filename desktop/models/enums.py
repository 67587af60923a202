"""The closed vocabularies (kept in `desktop.core.enums`: the window's start reads them
without importing the ORM models)."""

from desktop.core.enums import (
    EXIT_STATUSES,
    AdoptionStage,
    ChildStatus,
    DocumentStatus,
    Gender,
    InstitutionType,
    LifeStatus,
    OrderType,
    Referral,
    Relation,
    Role,
    VisitMode,
    VisitorRole,
)

__all__ = [
    "AdoptionStage",
    "ChildStatus",
    "DocumentStatus",
    "EXIT_STATUSES",
    "Gender",
    "InstitutionType",
    "LifeStatus",
    "OrderType",
    "Referral",
    "Relation",
    "Role",
    "VisitMode",
    "VisitorRole",
]
