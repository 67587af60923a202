"""The institution, the child and the guardians: who the child is and who visits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, Tracked


class Institution(Tracked, Base):
    """This install's Child Care Institution (and, in district mode, the district's CCIs)."""

    __tablename__ = "institution"

    name: Mapped[str] = mapped_column(String(200))
    name_local: Mapped[str | None] = mapped_column(String(200))
    registration_no: Mapped[str] = mapped_column(String(80))
    type: Mapped[str] = mapped_column(String(30))
    state_code: Mapped[int] = mapped_column(Integer)
    district_code: Mapped[int] = mapped_column(Integer)
    code: Mapped[int] = mapped_column(Integer)  # number of the CCI within its district
    capacity_boys: Mapped[int] = mapped_column(Integer, default=0)
    capacity_girls: Mapped[int] = mapped_column(Integer, default=0)
    is_local: Mapped[bool] = mapped_column(Boolean, default=True)  # this install's own CCI


class Child(Tracked, Base):
    """A child's case: identity, admission, current category and status."""

    __tablename__ = "child"

    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    name_local: Mapped[str | None] = mapped_column(String(200))  # Devanagari or other script
    name_key: Mapped[str] = mapped_column(String(200), default="")  # phonetic key, for matching
    gender: Mapped[str] = mapped_column(String(12))
    dob: Mapped[date] = mapped_column(Date)
    dob_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    identification_marks: Mapped[str | None] = mapped_column(Text)
    photo_hash: Mapped[str | None] = mapped_column(ForeignKey("attachment.sha256"))
    aadhaar: Mapped[str | None] = mapped_column(String(12))  # never displayed unmasked
    disability: Mapped[str | None] = mapped_column(String(200))
    languages: Mapped[str | None] = mapped_column(String(200))
    admission_date: Mapped[date] = mapped_column(Date)
    referral: Mapped[str] = mapped_column(String(20))
    admission_order_no: Mapped[str | None] = mapped_column(String(80))
    produced_before_cwc_on: Mapped[date | None] = mapped_column(Date)
    medical_exam_on: Mapped[date | None] = mapped_column(Date)
    category_code: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="in_care")
    exit_date: Mapped[date | None] = mapped_column(Date)
    exit_reason: Mapped[str | None] = mapped_column(Text)
    exit_order_no: Mapped[str | None] = mapped_column(String(80))
    # A record merged into another of the same child (status "merged"): what remains of it
    # is this pointer; its history now hangs on the kept record (services.cases.merge).
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"))

    institution: Mapped[Institution] = relationship()
    guardians: Mapped[list[Guardian]] = relationship(
        back_populates="child", order_by="Guardian.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_child_status_category", "status", "category_code"),
        # Covers the duplicate check's date-of-birth window (index-only scan).
        Index("ix_child_gender_dob_key", "gender", "dob", "name_key"),
        # One child per Aadhaar (NULLs are many: most children have none recorded).
        Index("uq_child_aadhaar", "aadhaar", unique=True),
    )

    @property
    def full_name(self) -> str:
        """First and last name in Latin script."""
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class Guardian(Tracked, Base):
    """A parent, relative or guardian of a child."""

    __tablename__ = "guardian"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    name: Mapped[str] = mapped_column(String(200))
    name_local: Mapped[str | None] = mapped_column(String(200))
    relation: Mapped[str] = mapped_column(String(20))
    life_status: Mapped[str] = mapped_column(String(10), default="alive")
    # When a deceased guardian died (None: not known, taken as before the child's admission),
    # so that a rules run for a past date sees the guardian alive before it.
    deceased_on: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(Text)

    child: Mapped[Child] = relationship(back_populates="guardians")

    # (child_id, life_status): the rules count living guardians from the index alone.
    __table_args__ = (Index("ix_guardian_child_life", "child_id", "life_status"),)


class GuardianVisit(Tracked, Base):
    """One contact with the child or the family: a guardian's visit or call, another
    visitor, or the social worker's follow-up with the family (`visitor_role`)."""

    __tablename__ = "guardian_visit"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("guardian.id"))
    visit_date: Mapped[date] = mapped_column(Date)
    visitor_name: Mapped[str | None] = mapped_column(String(200))
    # guardian (guardian_id is the visitor), relative, social_worker (guardian_id: the family
    # member contacted), volunteer or other: see enums.VisitorRole.
    visitor_role: Mapped[str] = mapped_column(
        String(16), default="guardian", server_default="guardian"
    )
    mode: Mapped[str] = mapped_column(String(12), default="in_person")
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_guardian_visit_child_date", "child_id", "visit_date"),)


class CategoryChange(Tracked, Base):
    """One change of the child's guardian-status category, with who, why and which order."""

    __tablename__ = "category_change"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    from_code: Mapped[int | None] = mapped_column(Integer)
    to_code: Mapped[int] = mapped_column(Integer)
    effective_on: Mapped[date] = mapped_column(Date)
    changed_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    order_ref: Mapped[str | None] = mapped_column(String(80))

    __table_args__ = (Index("ix_category_change_child_on", "child_id", "effective_on"),)
