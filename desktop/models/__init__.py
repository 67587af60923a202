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
from desktop.models.clts import (
    CltsCase,
    CltsCompensation,
    CltsEntitlement,
    CltsFollowUp,
    CltsHousehold,
    CltsMember,
)
from desktop.models.cpmis import (
    CpmisArea,
    CpmisConsolidation,
    CpmisReturn,
    CpmisReview,
    CpmisValue,
)
from desktop.models.flags import Flag
from desktop.models.sync import DistrictReview, OutboxBundle, SyncKey
from desktop.models.system import (
    Attachment,
    AuditEvent,
    LoginThrottle,
    Setting,
    SyncCounter,
    Tombstone,
    User,
)
from desktop.models.transfers import DirectoryEntry, Handover, TransferKey, TransferPacket

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
    # child labour (CLTS): households first, so a case's household is known before it
    CltsHousehold,
    CltsMember,
    CltsCase,
    CltsCompensation,
    CltsEntitlement,
    CltsFollowUp,
    CpmisReturn,
    CpmisReview,
    CpmisConsolidation,
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
    "DirectoryEntry",
    "Child",
    "CltsCase",
    "CltsCompensation",
    "CltsEntitlement",
    "CltsFollowUp",
    "CltsHousehold",
    "CltsMember",
    "CpmisArea",
    "CpmisConsolidation",
    "CpmisReturn",
    "CpmisReview",
    "CpmisValue",
    "CwcOrder",
    "DocumentItem",
    "Flag",
    "Guardian",
    "GuardianVisit",
    "Handover",
    "Institution",
    "LoginThrottle",
    "DistrictReview",
    "OutboxBundle",
    "Setting",
    "SocialInvestigation",
    "SyncCounter",
    "SyncKey",
    "TRACKED_MODELS",
    "Tombstone",
    "Tracked",
    "Transfer",
    "TransferKey",
    "TransferPacket",
    "User",
    "utcnow",
]
