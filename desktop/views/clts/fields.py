"""The fields of the child-labour forms, in sections short enough for a 1366x768 screen.

Field names are the services' keywords (so a refusal shows under its field); the lists
(industries, agencies, FIR sections, orders, schemes...) come from the CLTS policy in the
language of the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject

from desktop.rules.clts_expr import AREA, HOUSING, RATION_CARD, SOCIAL_CATEGORY
from desktop.rules.clts_policy import CltsPolicy
from desktop.services.clts.follow_ups import MODES, OUTCOMES
from desktop.services.clts.household import RELATIONS
from desktop.services.clts.rescue import SCHOOL_TYPES
from desktop.services.core import lgd
from desktop.views.clts.words import word as nice
from desktop.views.forms import FieldSpec


def _named(items: Iterable[Any], lang: str, *, blank: bool = False) -> list[tuple[str, str]]:
    out = [("–", "")] if blank else []
    return out + [(i.label(lang), i.code) for i in items]


def _codes(codes: Iterable[str], *, blank: bool = True) -> list[tuple[str, str]]:
    return ([("–", "")] if blank else []) + [(nice(c), c) for c in codes]


class CltsFields(QObject):
    """Builds the field lists (a QObject, so the labels go through tr())."""

    def __init__(self, policy: CltsPolicy, lang: str) -> None:
        super().__init__()
        self.policy, self.lang = policy, lang

    def yes_no(self) -> list[tuple[str, str]]:
        """Not recorded / yes / no."""
        return [("–", ""), (self.tr("Yes"), "yes"), (self.tr("No"), "no")]

    def states(self) -> list[tuple[str, str]]:
        """LGD states, the policy's state first."""
        states = lgd.states()
        first = [(states[self.policy.state], str(self.policy.state))]
        return [
            ("–", ""),
            *first,
            *((n, str(k)) for k, n in sorted(states.items()) if k != self.policy.state),
        ]

    def districts(self) -> list[tuple[str, str]]:
        """Districts of the policy's state (others are typed as names)."""
        known = lgd.districts(self.policy.state) or {}
        return [("–", "")] + [(n, str(k)) for k, n in sorted(known.items(), key=lambda kv: kv[1])]

    def rescue(self) -> list[FieldSpec]:
        """Opening a case: the rescue and the work."""
        p, lang = self.policy, self.lang
        return [
            FieldSpec("rescue_on", self.tr("Date of rescue *"), "date"),
            FieldSpec("rescue_district", self.tr("District of rescue"), "choice", self.districts()),
            FieldSpec("rescue_block", self.tr("Block")),
            FieldSpec("rescue_village", self.tr("Village / ward")),
            FieldSpec(
                "agencies", self.tr("Rescued by *"), "multi", _named(p.agencies.values(), lang)
            ),
            FieldSpec("agency_other", self.tr("Other agency (say which)")),
            FieldSpec(
                "industry",
                self.tr("Found working in *"),
                "choice",
                _named(p.industries.values(), lang, blank=True),
            ),
            FieldSpec("industry_other", self.tr("Other work (say which)")),
            FieldSpec(
                "hazardous",
                self.tr("Hazardous occupation or process?"),
                "choice",
                self.yes_no(),
                placeholder="",
            ),
            FieldSpec("bonded", self.tr("Kept as bonded labour?"), "choice", self.yes_no()),
            FieldSpec("trafficked", self.tr("Trafficked?"), "choice", self.yes_no()),
        ]

    def employer(self) -> list[FieldSpec]:
        """The establishment, employer and wages."""
        p, lang = self.policy, self.lang
        return [
            FieldSpec("establishment", self.tr("Establishment")),
            FieldSpec("employer_name", self.tr("Employer's name")),
            FieldSpec("employer_address", self.tr("Employer's address"), "multiline"),
            FieldSpec("employer_phone", self.tr("Employer's phone")),
            FieldSpec(
                "deployed_by",
                self.tr("Who put the child to work"),
                "choice",
                _named(p.deployed_by.values(), lang, blank=True),
            ),
            FieldSpec("work_months", self.tr("Months at work")),
            FieldSpec("hours_per_day", self.tr("Hours a day")),
            FieldSpec("days_per_week", self.tr("Days a week")),
            FieldSpec("wage_per_month", self.tr("Wage a month (Rs)")),
            FieldSpec("wages_due", self.tr("Wages still owed (Rs)")),
        ]

    def fir(self) -> list[FieldSpec]:
        """The FIR and the prosecution."""
        p, lang = self.policy, self.lang
        return [
            FieldSpec("fir_police_station", self.tr("Police station")),
            FieldSpec("fir_no", self.tr("FIR number")),
            FieldSpec("fir_on", self.tr("FIR date"), "date"),
            FieldSpec(
                "fir_sections", self.tr("Sections"), "multi", _named(p.fir_sections.values(), lang)
            ),
            FieldSpec("prosecution_filed_on", self.tr("Prosecution filed on"), "date"),
            FieldSpec("prosecution_court", self.tr("Court (SDJM / CJM)")),
            FieldSpec("prosecution_disposed_on", self.tr("Case disposed of on"), "date"),
            FieldSpec(
                "prosecution_outcome",
                self.tr("Outcome"),
                "choice",
                _named(p.prosecution_outcomes.values(), lang, blank=True),
            ),
            FieldSpec("fine_amount", self.tr("Fine (Rs)")),
        ]

    def origin(self) -> list[FieldSpec]:
        """Where the child's home is."""
        return [
            FieldSpec("origin_state", self.tr("Home state"), "choice", self.states()),
            FieldSpec(
                "origin_district", self.tr("Home district (this state)"), "choice", self.districts()
            ),
            FieldSpec("origin_district_name", self.tr("Home district (another state)")),
            FieldSpec("origin_block", self.tr("Block")),
            FieldSpec("origin_village", self.tr("Village")),
        ]

    def cwc(self) -> list[FieldSpec]:
        """The CWC: production, interim and final orders, restoration."""
        p, lang = self.policy, self.lang
        orders = _named(p.cwc_orders.values(), lang, blank=True)
        return [
            FieldSpec("cwc_name", self.tr("CWC")),
            FieldSpec("produced_on", self.tr("Produced before the CWC on"), "date"),
            FieldSpec("interim_order", self.tr("Interim order"), "choice", orders),
            FieldSpec("interim_order_on", self.tr("Interim order date"), "date"),
            FieldSpec("final_order", self.tr("Final order"), "choice", orders),
            FieldSpec("final_order_on", self.tr("Final order date"), "date"),
            FieldSpec("final_order_no", self.tr("Final order number")),
            FieldSpec("transfer_to", self.tr("Transferred to (for a transfer)")),
            FieldSpec("restored_on", self.tr("Handed over to the family on"), "date"),
            FieldSpec(
                "home_confirmed_on", self.tr("Home district confirmed on (other state)"), "date"
            ),
            FieldSpec("home_confirmed_by", self.tr("Confirmed by")),
        ]

    def bank_school(self) -> list[FieldSpec]:
        """The child's bank account for the relief money, CM relief, and school."""
        p, lang = self.policy, self.lang
        return [
            FieldSpec("bank_account_no", self.tr("Child's bank account number")),
            FieldSpec("bank_ifsc", self.tr("IFSC code")),
            FieldSpec("bank_name", self.tr("Bank and branch")),
            FieldSpec(
                "bank_aadhaar_linked",
                self.tr("Account linked to Aadhaar?"),
                "choice",
                self.yes_no(),
            ),
            FieldSpec("bank_aadhaar_last4", self.tr("Aadhaar: last 4 digits only")),
            FieldSpec(
                "physically_verified_on", self.tr("Physically verified (CM relief) on"), "date"
            ),
            FieldSpec(
                "cm_relief_refusal",
                self.tr("Not eligible for CM relief because"),
                "choice",
                _named(p.cm_relief_refusals.values(), lang, blank=True),
            ),
            FieldSpec(
                "in_school_at_rescue", self.tr("In school when rescued?"), "choice", self.yes_no()
            ),
            FieldSpec("school_type", self.tr("School type"), "choice", _codes(SCHOOL_TYPES)),
            FieldSpec("school_name", self.tr("School")),
            FieldSpec("school_class", self.tr("Class")),
            FieldSpec("enrolled_on", self.tr("Enrolled on"), "date"),
        ]

    def household(self) -> list[FieldSpec]:
        """The household."""
        return [
            FieldSpec("head_name", self.tr("Head of the family *")),
            FieldSpec("village", self.tr("Village / ward")),
            FieldSpec("panchayat", self.tr("Panchayat")),
            FieldSpec("police_station", self.tr("Police station")),
            FieldSpec("pin", self.tr("PIN code")),
            FieldSpec("area", self.tr("Rural or urban"), "choice", _codes(AREA)),
            FieldSpec(
                "social_category", self.tr("Social category"), "choice", _codes(SOCIAL_CATEGORY)
            ),
            FieldSpec("minority", self.tr("Minority community?"), "choice", self.yes_no()),
            FieldSpec("bpl", self.tr("BPL?"), "choice", self.yes_no()),
        ]

    def household_schemes(self) -> list[FieldSpec]:
        """What the household has: cards, land, housing."""
        return [
            FieldSpec("ration_card", self.tr("Ration card"), "choice", _codes(RATION_CARD)),
            FieldSpec("ration_card_no", self.tr("Ration card number")),
            FieldSpec("job_card", self.tr("MGNREGA job card?"), "choice", self.yes_no()),
            FieldSpec("job_card_no", self.tr("Job card number")),
            FieldSpec("landless", self.tr("Landless?"), "choice", self.yes_no()),
            FieldSpec("land_decimal", self.tr("Land owned (decimals)")),
            FieldSpec("homestead_land", self.tr("Own homestead land?"), "choice", self.yes_no()),
            FieldSpec("housing", self.tr("Housing"), "choice", _codes(HOUSING)),
            FieldSpec("pmjay_card", self.tr("Ayushman (PM-JAY) card?"), "choice", self.yes_no()),
            FieldSpec("shg_member", self.tr("In a self-help group?"), "choice", self.yes_no()),
        ]

    def member(self) -> list[FieldSpec]:
        """A household member."""
        return [
            FieldSpec("name", self.tr("Name *")),
            FieldSpec(
                "relation",
                self.tr("Relation to the child *"),
                "choice",
                _codes(RELATIONS, blank=False),
            ),
            FieldSpec(
                "gender", self.tr("Gender"), "choice", _codes(("female", "male", "transgender"))
            ),
            FieldSpec("age_years", self.tr("Age (years)")),
            FieldSpec("occupation", self.tr("Occupation")),
            FieldSpec("alive", self.tr("Alive?"), "choice", self.yes_no()[1:], default="yes"),
            FieldSpec("widowed", self.tr("Widow / widower?"), "choice", self.yes_no()),
            FieldSpec("disabled", self.tr("Has a disability?"), "choice", self.yes_no()),
        ]

    def line(self) -> list[FieldSpec]:
        """A compensation ledger line."""
        modes = _named(self.policy.payment_modes.values(), self.lang, blank=True)
        return [
            FieldSpec("ordered_on", self.tr("Ordered / demand raised on"), "date"),
            FieldSpec("order_ref", self.tr("Order or letter number")),
            FieldSpec("sanctioned_on", self.tr("Sanctioned on"), "date"),
            FieldSpec("sanction_ref", self.tr("Sanction number")),
            FieldSpec("paid_on", self.tr("Paid on"), "date"),
            FieldSpec("paid_amount", self.tr("Amount paid (Rs)")),
            FieldSpec("payment_ref", self.tr("Challan, cheque or DBT reference")),
            FieldSpec("payment_mode", self.tr("Paid by"), "choice", modes),
            FieldSpec("refused_on", self.tr("Refused on"), "date"),
            FieldSpec("refusal_reason", self.tr("Why refused")),
            FieldSpec("office", self.tr("Responsible office")),
        ]

    def entitlement(self) -> list[FieldSpec]:
        """One entitlement's status and what the department did."""
        statuses = [
            (self.tr("Eligible"), "eligible"),
            (self.tr("Applied"), "applied"),
            (self.tr("Received"), "received"),
            (self.tr("Rejected"), "rejected"),
            (self.tr("Not eligible"), "not_eligible"),
            (self.tr("To be assessed"), "not_assessed"),
        ]
        return [
            FieldSpec("status", self.tr("Status"), "choice", statuses),
            FieldSpec("applied_on", self.tr("Applied on"), "date"),
            FieldSpec("application_ref", self.tr("Application number")),
            FieldSpec("received_on", self.tr("Received on"), "date"),
            FieldSpec("benefit_ref", self.tr("Card / benefit number")),
            FieldSpec("rejected_on", self.tr("Rejected on"), "date"),
            FieldSpec("office", self.tr("Responsible office")),
            FieldSpec("remarks", self.tr("Remarks"), "multiline"),
        ]

    def visit(self) -> list[FieldSpec]:
        """A follow-up visit's findings."""
        return [
            FieldSpec("done_on", self.tr("Visited on *"), "date"),
            FieldSpec("mode", self.tr("How *"), "choice", _codes(MODES, blank=False)),
            FieldSpec("officer", self.tr("Who visited *")),
            FieldSpec("residing", self.tr("Living where restored?"), "choice", self.yes_no()),
            FieldSpec("in_school", self.tr("In school?"), "choice", self.yes_no()),
            FieldSpec("working_again", self.tr("Found working again? *"), "choice", self.yes_no()),
            FieldSpec("household_needs", self.tr("What the household needs"), "multiline"),
            FieldSpec("findings", self.tr("What was found"), "multiline"),
            FieldSpec("outcome", self.tr("Outcome"), "choice", _codes(OUTCOMES)),
        ]
