"""Builders for the child-labour (CLTS) tests: a rescued child with a case (invented data)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase
from desktop.services.cases.children import register_child
from desktop.services.clts.rescue import open_case
from tests.conftest import TODAY
from tests.helpers import child_input


def rescue_data(**over: Any) -> dict[str, Any]:
    """A valid rescue: a brick kiln near Patna, the child from Gaya district."""
    base: dict[str, Any] = {
        "rescue_on": "2026-06-01",
        "rescue_district": "212",
        "rescue_block": "Danapur",
        "rescue_village": "Shivala",
        "agencies": "labour_dept, police",
        "establishment": "Maa Durga Brick Works",
        "employer_name": "Ramesh Prasad",
        "industry": "brick_kiln",
        "origin_state": "10",
        "origin_district": "Gaya",
        "fir_no": "123/2026",
        "fir_on": "2026-06-01",
        "fir_police_station": "Danapur",
        "fir_sections": "calpra_3, jj_79",
        "produced_on": "2026-06-02",
        "wage_per_month": "1,500",
        "wages_due": "4500",
    }
    base.update(over)
    return base


def rescued_child(
    session: Session, *, child: dict[str, Any] | None = None, **case: Any
) -> tuple[Child, CltsCase]:
    """Register a child (born 2013, so 13 on the rescue date) and open a rescue case."""
    spec = {
        "first_name": "Raju",
        "last_name": "Manjhi",
        "name_local": "राजू मांझी",
        "gender": "male",
        "dob": "2013-05-01",
        "admission_date": "2026-06-02",
        "referral": "labour_dept",
        "category_code": 20,
    }
    spec.update(child or {})
    kid = register_child(session, child_input(**spec), today=TODAY)
    return kid, open_case(session, kid, rescue_data(**case), today=TODAY)


def clts_counts(session: Session) -> dict[str, int]:
    """Rows of every CLTS table, audit events and the change sequence (nothing half-saved)."""
    out = {
        t: int(session.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0)
        for t in (
            "clts_case",
            "clts_household",
            "clts_member",
            "clts_compensation",
            "clts_entitlement",
            "clts_follow_up",
        )
    }
    out["audit"] = int(session.execute(text("SELECT count(*) FROM audit_event")).scalar() or 0)
    out["seq"] = int(session.execute(text("SELECT last_seq FROM sync_counter")).scalar() or 0)
    return out


def rescued_from_jharkhand(session: Session) -> tuple[Child, CltsCase]:
    """A girl from Giridih (Jharkhand) rescued from domestic work on 02-05-2026: the second
    rescue of the report tests (another state's child)."""
    return rescued_child(
        session,
        child={"first_name": "Sonu", "gender": "female", "dob": "2016-01-01"},
        industry="domestic_work",
        origin_state="20",
        origin_district="",
        origin_district_name="Giridih",
        rescue_on="2026-05-02",
        produced_on="2026-05-03",
        fir_on="2026-05-02",
    )
