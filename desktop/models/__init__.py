"""The case data model (SQLAlchemy 2.0, typed). No Qt here."""

from desktop.models.approvals import ApprovalRequest
from desktop.models.base import Base, Tracked, utcnow
from desktop.models.case import (
    AdoptionStageEntry,
    CarePlan,
    CaseNote,
    CwcOrder,
    DocumentItem,
    SocialInvestigation,
    Transfer,
)
from desktop.models.child import CategoryChange, Child, Guardian, GuardianVisit, Institution
from desktop.models.flags import Flag
from desktop.models.sync import OutboxBundle, SyncKey
from desktop.models.system import Attachment, AuditEvent, Setting, SyncCounter, Tombstone, User

TRACKED_MODELS: tuple[type[Tracked], ...] = (
    Institution,
    User,
    Child,
    Guardian,
    GuardianVisit,
    CategoryChange,
    DocumentItem,
    CwcOrder,
    SocialInvestigation,
    CarePlan,
    CaseNote,
    AdoptionStageEntry,
    Transfer,
    Flag,
    ApprovalRequest,
)

__all__ = [
    "AdoptionStageEntry",
    "ApprovalRequest",
    "Attachment",
    "AuditEvent",
    "Base",
    "CarePlan",
    "CaseNote",
    "CategoryChange",
    "Child",
    "CwcOrder",
    "DocumentItem",
    "Flag",
    "Guardian",
    "GuardianVisit",
    "Institution",
    "OutboxBundle",
    "Setting",
    "SocialInvestigation",
    "SyncCounter",
    "SyncKey",
    "TRACKED_MODELS",
    "Tombstone",
    "Tracked",
    "Transfer",
    "User",
    "utcnow",
]
