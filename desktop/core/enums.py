"""Closed vocabularies stored as plain strings (validated by the services)."""

from __future__ import annotations

from enum import StrEnum


class InstitutionType(StrEnum):
    """CCI types under JJ Act 2015 s.2(21), plus after-care organisations (s.46)."""

    CHILDRENS_HOME = "childrens-home"
    OPEN_SHELTER = "open-shelter"
    OBSERVATION_HOME = "observation-home"
    SPECIAL_HOME = "special-home"
    PLACE_OF_SAFETY = "place-of-safety"
    SAA = "saa"
    FIT_FACILITY = "fit-facility"
    AFTER_CARE = "after-care"


class Gender(StrEnum):
    """Gender as recorded in JJ forms."""

    FEMALE = "female"
    MALE = "male"
    TRANSGENDER = "transgender"


class ChildStatus(StrEnum):
    """Where the child is in the life of the case."""

    IN_CARE = "in_care"
    RESTORED = "restored"
    TRANSFERRED = "transferred"
    ADOPTED = "adopted"
    FOSTER = "foster"  # sponsorship or foster care
    AGED_OUT = "aged_out"  # aged out / after-care
    ABSCONDED = "absconded"
    DECEASED = "deceased"
    MERGED = "merged"  # a second record of a child merged into the kept one (not an exit)


EXIT_STATUSES = frozenset(ChildStatus) - {ChildStatus.IN_CARE, ChildStatus.MERGED}


class Referral(StrEnum):
    """Who brought the child to the institution."""

    POLICE = "police"
    CHILDLINE = "childline"
    CWC = "cwc"
    PARENT = "parent"
    RELATIVE = "relative"
    NGO = "ngo"
    SELF = "self"
    TRANSFER = "transfer"
    LABOUR_DEPT = "labour_dept"
    OTHER = "other"


class Relation(StrEnum):
    """How a guardian is related to the child."""

    MOTHER = "mother"
    FATHER = "father"
    STEPMOTHER = "stepmother"
    STEPFATHER = "stepfather"
    GRANDPARENT = "grandparent"
    UNCLE = "uncle"
    AUNT = "aunt"
    SIBLING = "sibling"
    RELATIVE = "relative"
    LEGAL_GUARDIAN = "legal_guardian"
    OTHER = "other"


class LifeStatus(StrEnum):
    """Whether a guardian is known to be alive."""

    ALIVE = "alive"
    DECEASED = "deceased"
    UNKNOWN = "unknown"


class VisitMode(StrEnum):
    """How the guardian was in contact."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    HOME_VISIT = "home_visit"  # social worker visited the family


class VisitorRole(StrEnum):
    """Who was in contact with the child (or the family): only a listed parent's or
    guardian's visit counts for the no-visitation rules; a social worker's contact with the
    family is a follow-up."""

    GUARDIAN = "guardian"  # a parent or guardian on the child's list (guardian_id set)
    RELATIVE = "relative"  # another relative, not a parent or guardian of record
    SOCIAL_WORKER = "social_worker"  # the home's social worker following up with the family
    VOLUNTEER = "volunteer"  # a volunteer, NGO worker or sponsor
    OTHER = "other"


class DocumentStatus(StrEnum):
    """State of one item on the documents checklist."""

    REQUIRED = "required"
    OBTAINED = "obtained"
    VERIFIED = "verified"
    NOT_APPLICABLE = "not_applicable"


class OrderType(StrEnum):
    """Kinds of Child Welfare Committee orders kept on a case."""

    PRODUCTION = "production"
    ADMISSION = "admission"
    INTERIM_CARE = "interim_care"
    FINAL = "final"
    LFA_DECLARATION = "lfa_declaration"
    RESTORATION = "restoration"
    TRANSFER = "transfer"
    REVIEW = "review"
    CATEGORY = "category"
    UNFIT_GUARDIAN = "unfit_guardian"
    OTHER = "other"


class AdoptionStage(StrEnum):
    """Adoption pipeline stages, in order (DOMAIN.md)."""

    RECOMMENDED = "recommended"
    REVIEWED = "reviewed"
    PRESENTED_TO_CWC = "presented_to_cwc"
    INQUIRY = "inquiry"
    DECLARED_LFA = "declared_lfa"
    CSR_MER = "csr_mer"
    REGISTERED_CARINGS = "registered_carings"
    REFERRED = "referred"
    ADOPTED = "adopted"
    WITHDRAWN = "withdrawn"  # taken out of the pipeline (e.g. restored)


class Role(StrEnum):
    """User roles (permissions come with the users issue)."""

    CASEWORKER = "caseworker"
    SUPERINTENDENT = "superintendent"
    DISTRICT_OFFICIAL = "district_official"
    STATE_OFFICIAL = "state_official"
    ADMINISTRATOR = "administrator"
    # A district office's staff (issue 17): the District Child Protection Officer runs the
    # office (as its administrator), a protection officer follows up the escalated flags,
    # data entry takes in the CCIs' bundles and types the CPMIS returns.
    DCPO = "dcpo"
    PROTECTION_OFFICER = "protection_officer"
    DATA_ENTRY = "data_entry"
