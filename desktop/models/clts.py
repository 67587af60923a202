"""Child labour (CLTS): the rescue case, the household, the compensation ledger, the
entitlements per department and the follow-up visits. Every table syncs (Tracked).

A rescue case belongs to a child's record (the child code stays the child's for life; a
child rescued twice has two cases). Its `clts_id` has the form of Bihar's CLTS child ID,
STATE3_DIST5_YEAR_(100000+n) (see `desktop.services.clts.case_ids`). Codes (industry,
agency, scheme, compensation line...) are those of the CLTS policy file.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Tracked


class CltsHousehold(Tracked, Base):
    """The family a rescued child comes from (siblings' cases may share it)."""

    __tablename__ = "clts_household"

    head_name: Mapped[str] = mapped_column(String(200))
    head_name_local: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(Text)
    village: Mapped[str | None] = mapped_column(String(120))  # village or ward
    panchayat: Mapped[str | None] = mapped_column(String(120))
    block: Mapped[str | None] = mapped_column(String(120))
    police_station: Mapped[str | None] = mapped_column(String(120))
    pin: Mapped[str | None] = mapped_column(String(6))
    state: Mapped[int | None] = mapped_column(Integer)  # LGD
    district: Mapped[int | None] = mapped_column(Integer)  # LGD, when the list is shipped
    district_name: Mapped[str | None] = mapped_column(String(120))
    area: Mapped[str | None] = mapped_column(String(8))  # rural / urban
    social_category: Mapped[str | None] = mapped_column(String(10))
    religion: Mapped[str | None] = mapped_column(String(40))
    minority: Mapped[bool | None] = mapped_column(Boolean)
    bpl: Mapped[bool | None] = mapped_column(Boolean)
    ration_card: Mapped[str | None] = mapped_column(String(12))  # none / aay / phh / other_state
    ration_card_no: Mapped[str | None] = mapped_column(String(40))
    job_card: Mapped[bool | None] = mapped_column(Boolean)  # MGNREGA
    job_card_no: Mapped[str | None] = mapped_column(String(40))
    landless: Mapped[bool | None] = mapped_column(Boolean)
    land_decimal: Mapped[float | None] = mapped_column(Float)  # area owned, in decimals
    homestead_land: Mapped[bool | None] = mapped_column(Boolean)
    housing: Mapped[str | None] = mapped_column(
        String(12)
    )  # pucca / semi_pucca / kutcha / homeless
    pmjay_card: Mapped[bool | None] = mapped_column(Boolean)
    shg_member: Mapped[bool | None] = mapped_column(Boolean)
    migrated: Mapped[bool | None] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)


class CltsMember(Tracked, Base):
    """A member of a rescued child's household."""

    __tablename__ = "clts_member"

    household_id: Mapped[int] = mapped_column(ForeignKey("clts_household.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_local: Mapped[str | None] = mapped_column(String(200))
    relation: Mapped[str] = mapped_column(String(20))
    gender: Mapped[str | None] = mapped_column(String(12))
    age_years: Mapped[int | None] = mapped_column(Integer)
    occupation: Mapped[str | None] = mapped_column(String(120))
    alive: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    widowed: Mapped[bool] = mapped_column(Boolean, default=False)


class CltsCase(Tracked, Base):
    """A child's rescue from labour: where, by whom, the employer, FIR, origin, CWC orders."""

    __tablename__ = "clts_case"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("clts_household.id"), index=True)
    clts_id: Mapped[str] = mapped_column(String(40), unique=True)
    legacy_id: Mapped[str | None] = mapped_column(String(40))  # an ID from CLTS as built
    status: Mapped[str] = mapped_column(String(8), default="open")  # open / closed
    # rescue
    rescue_on: Mapped[date] = mapped_column(Date)
    rescue_state: Mapped[int] = mapped_column(Integer)
    rescue_district: Mapped[int | None] = mapped_column(Integer)
    rescue_district_name: Mapped[str | None] = mapped_column(String(120))
    rescue_block: Mapped[str | None] = mapped_column(String(120))
    rescue_village: Mapped[str | None] = mapped_column(String(120))  # village or ward
    rescue_place: Mapped[str | None] = mapped_column(String(300))
    agencies: Mapped[list[str]] = mapped_column(JSON, default=list)
    agency_other: Mapped[str | None] = mapped_column(String(120))
    raid_ref: Mapped[str | None] = mapped_column(String(80))
    # work
    establishment: Mapped[str | None] = mapped_column(String(200))
    employer_name: Mapped[str | None] = mapped_column(String(200))
    employer_address: Mapped[str | None] = mapped_column(Text)
    employer_phone: Mapped[str | None] = mapped_column(String(20))
    industry: Mapped[str] = mapped_column(String(30))
    industry_other: Mapped[str | None] = mapped_column(String(120))
    hazardous: Mapped[bool] = mapped_column(Boolean, default=False)
    bonded: Mapped[bool] = mapped_column(Boolean, default=False)
    trafficked: Mapped[bool] = mapped_column(Boolean, default=False)
    deployed_by: Mapped[str | None] = mapped_column(String(20))
    work_months: Mapped[int | None] = mapped_column(Integer)
    hours_per_day: Mapped[int | None] = mapped_column(Integer)
    days_per_week: Mapped[int | None] = mapped_column(Integer)
    wage_per_month: Mapped[int | None] = mapped_column(Integer)  # rupees
    wages_due: Mapped[int | None] = mapped_column(Integer)  # rupees owed by the employer
    in_school_at_rescue: Mapped[bool | None] = mapped_column(Boolean)
    # FIR and prosecution
    fir_police_station: Mapped[str | None] = mapped_column(String(120))
    fir_no: Mapped[str | None] = mapped_column(String(40))
    fir_on: Mapped[date | None] = mapped_column(Date)
    fir_sections: Mapped[list[str]] = mapped_column(JSON, default=list)
    prosecution_filed_on: Mapped[date | None] = mapped_column(Date)
    prosecution_court: Mapped[str | None] = mapped_column(String(120))
    prosecution_disposed_on: Mapped[date | None] = mapped_column(Date)
    prosecution_outcome: Mapped[str | None] = mapped_column(String(20))
    fine_amount: Mapped[int | None] = mapped_column(Integer)
    # origin (where the child's home is)
    origin_state: Mapped[int | None] = mapped_column(Integer)
    origin_district: Mapped[int | None] = mapped_column(Integer)
    origin_district_name: Mapped[str | None] = mapped_column(String(120))
    origin_block: Mapped[str | None] = mapped_column(String(120))
    origin_village: Mapped[str | None] = mapped_column(String(120))
    # CWC
    cwc_name: Mapped[str | None] = mapped_column(String(200))
    produced_on: Mapped[date | None] = mapped_column(Date)
    interim_order: Mapped[str | None] = mapped_column(String(20))
    interim_order_on: Mapped[date | None] = mapped_column(Date)
    final_order: Mapped[str | None] = mapped_column(String(20))
    final_order_on: Mapped[date | None] = mapped_column(Date)
    final_order_no: Mapped[str | None] = mapped_column(String(80))
    transfer_to: Mapped[str | None] = mapped_column(String(200))
    restored_on: Mapped[date | None] = mapped_column(Date)
    home_confirmed_on: Mapped[date | None] = mapped_column(Date)  # interstate: home district
    home_confirmed_by: Mapped[str | None] = mapped_column(String(200))
    # CM relief and the child's bank account (Aadhaar: only whether linked, last 4 digits)
    physically_verified_on: Mapped[date | None] = mapped_column(Date)
    cm_relief_refusal: Mapped[str | None] = mapped_column(String(20))
    bank_account_no: Mapped[str | None] = mapped_column(String(20))
    bank_ifsc: Mapped[str | None] = mapped_column(String(11))
    bank_name: Mapped[str | None] = mapped_column(String(120))
    bank_branch: Mapped[str | None] = mapped_column(String(120))
    bank_aadhaar_linked: Mapped[bool | None] = mapped_column(Boolean)
    bank_aadhaar_last4: Mapped[str | None] = mapped_column(String(4))
    # schooling
    school_type: Mapped[str | None] = mapped_column(String(10))
    school_name: Mapped[str | None] = mapped_column(String(200))
    school_class: Mapped[str | None] = mapped_column(String(20))
    enrolled_on: Mapped[date | None] = mapped_column(Date)
    # the entitlement card and closing
    card_issued_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    close_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_clts_case_rescue_on", "rescue_on"),
        Index("ix_clts_case_status", "status"),
    )

    def interstate(self) -> bool | None:
        """Whether the child's home state is not the state of rescue (None: unknown)."""
        return None if self.origin_state is None else self.origin_state != self.rescue_state


class CltsCompensation(Tracked, Base):
    """One line of a case's compensation ledger: ordered, sanctioned, paid (or refused)."""

    __tablename__ = "clts_compensation"

    case_id: Mapped[int] = mapped_column(ForeignKey("clts_case.id"), index=True)
    line: Mapped[str] = mapped_column(String(40))  # compensation code of the policy
    policy_version: Mapped[str] = mapped_column(String(60))
    amount: Mapped[int] = mapped_column(Integer)  # due under the policy, rupees
    payer: Mapped[str] = mapped_column(String(10))
    office: Mapped[str | None] = mapped_column(String(200))
    ordered_on: Mapped[date | None] = mapped_column(Date)
    ordered_amount: Mapped[int | None] = mapped_column(Integer)
    order_ref: Mapped[str | None] = mapped_column(String(80))
    sanctioned_on: Mapped[date | None] = mapped_column(Date)
    sanctioned_amount: Mapped[int | None] = mapped_column(Integer)
    sanction_ref: Mapped[str | None] = mapped_column(String(80))
    paid_on: Mapped[date | None] = mapped_column(Date)
    paid_amount: Mapped[int | None] = mapped_column(Integer)
    payment_ref: Mapped[str | None] = mapped_column(String(80))  # challan, cheque, DBT id
    payment_mode: Mapped[str | None] = mapped_column(String(10))
    refused_on: Mapped[date | None] = mapped_column(Date)
    refusal_reason: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("case_id", "line"),)

    def stage(self) -> str:
        """paid / sanctioned / ordered / refused / due: how far the line has got."""
        if self.paid_on is not None:
            return "paid"
        if self.refused_on is not None:
            return "refused"
        if self.sanctioned_on is not None:
            return "sanctioned"
        if self.ordered_on is not None:
            return "ordered"
        return "due"


class CltsEntitlement(Tracked, Base):
    """One scheme of one department for a case: eligibility, status, dates, reference."""

    __tablename__ = "clts_entitlement"

    case_id: Mapped[int] = mapped_column(ForeignKey("clts_case.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(40))
    department: Mapped[str] = mapped_column(String(30))
    policy_version: Mapped[str] = mapped_column(String(60))
    # not_assessed / eligible / not_eligible / applied / received / rejected
    status: Mapped[str] = mapped_column(String(14))
    by_hand: Mapped[bool] = mapped_column(Boolean, default=False)  # eligibility set by a person
    counted_from: Mapped[date | None] = mapped_column(Date)
    apply_due_on: Mapped[date | None] = mapped_column(Date)
    receive_due_on: Mapped[date | None] = mapped_column(Date)
    applied_on: Mapped[date | None] = mapped_column(Date)
    application_ref: Mapped[str | None] = mapped_column(String(80))
    received_on: Mapped[date | None] = mapped_column(Date)
    benefit_ref: Mapped[str | None] = mapped_column(String(80))
    rejected_on: Mapped[date | None] = mapped_column(Date)
    office: Mapped[str | None] = mapped_column(String(200))
    remarks: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("case_id", "scheme"),)


class CltsFollowUp(Tracked, Base):
    """A scheduled follow-up visit after restoration, and what was found when it was made."""

    __tablename__ = "clts_follow_up"

    case_id: Mapped[int] = mapped_column(ForeignKey("clts_case.id"), index=True)
    visit_no: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    mode: Mapped[str | None] = mapped_column(String(12))  # home_visit / phone / school
    officer: Mapped[str | None] = mapped_column(String(200))
    residing: Mapped[bool | None] = mapped_column(Boolean)  # at the place of restoration
    in_school: Mapped[bool | None] = mapped_column(Boolean)
    working_again: Mapped[bool | None] = mapped_column(Boolean)
    household_needs: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(12))  # ok / concern / missing / re_rescued

    __table_args__ = (UniqueConstraint("case_id", "visit_no"),)


CLTS_MODELS: tuple[type[Any], ...] = (
    CltsHousehold,
    CltsMember,
    CltsCase,
    CltsCompensation,
    CltsEntitlement,
    CltsFollowUp,
)
