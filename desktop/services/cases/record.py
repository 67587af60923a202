"""A child's whole record as plain data (for `clms show`, the profile and printing)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import (
    AdoptionStageEntry,
    CarePlan,
    CaseNote,
    CategoryChange,
    Child,
    CwcOrder,
    DocumentItem,
    GuardianVisit,
    SocialInvestigation,
    Transfer,
)
from desktop.rules.dates import completed_years, show_date
from desktop.rules.policy import load_policy
from desktop.services.cases.children import get_child
from desktop.services.cases.merge import merged_into
from desktop.services.core.lgd import district_name
from desktop.services.core.permissions import Permission, can_see, check_child, require
from desktop.services.core.tracking import mask_aadhaar


def _rows(session: Session, model: Any, child_id: int, order: Any) -> list[Any]:
    # the id breaks ties: of two records of one day, the one entered later comes later
    q = select(model).where(model.child_id == child_id).order_by(order, model.id)
    return list(session.scalars(q))


def child_record(session: Session, ref: str, *, today: date) -> dict[str, Any]:
    """Everything on one child's case, Aadhaar masked, with ages and durations worked out."""
    policy = load_policy()
    actor = require(session, Permission.VIEW)
    c = get_child(session, ref)
    check_child(session, c)
    inst = c.institution
    contacts = _rows(session, GuardianVisit, c.id, GuardianVisit.visit_date)
    # A guardian's visit: a listed parent or guardian who met the child (what the rules count).
    visits = [v for v in contacts if v.visitor_role == "guardian" and v.mode == "in_person"]
    last_visit = visits[-1].visit_date if visits else None
    followups = [v.visit_date for v in contacts if v.visitor_role == "social_worker"]
    since = (today - (last_visit or c.admission_date)).days
    year_ago = date(today.year - 1, today.month, min(today.day, 28))
    cat = policy.categories.get(c.category_code) if c.category_code else None
    record: dict[str, Any] = {
        "code": c.code,
        "uuid": str(c.uuid),
        "at": c.created_at,
        "institution": f"{inst.name}, {district_name(inst.state_code, inst.district_code)}",
        "name": c.full_name,
        "name_local": c.name_local,
        "gender": c.gender,
        "dob": c.dob,
        "dob_estimated": c.dob_estimated,
        "age_years": completed_years(c.dob, today),  # whole years, as the rules count
        "identification_marks": c.identification_marks,
        # Roles that do not need it see no Aadhaar at all, not even masked.
        "aadhaar": mask_aadhaar(c.aadhaar) if can_see(actor, "aadhaar") else None,
        "disability": c.disability,
        "languages": c.languages,
        "admission_date": c.admission_date,
        "days_in_care": ((c.exit_date or today) - c.admission_date).days,
        "referral": c.referral,
        "admission_order_no": c.admission_order_no,
        "produced_before_cwc_on": c.produced_before_cwc_on,
        "medical_exam_on": c.medical_exam_on,
        "status": c.status,
        # A record merged into another of the same child: the code of the kept record.
        "merged_into": _merged_into_code(session, c),
        "exit": {"date": c.exit_date, "reason": c.exit_reason, "order_no": c.exit_order_no}
        if c.exit_date
        else None,
        "category": {
            "code": c.category_code,
            "name": cat.en,
            "name_hi": cat.hi,
            "legal_class": cat.legal_class,
        }
        if cat
        else None,
        "category_history": [
            {
                "uuid": str(h.uuid),
                "at": h.created_at,
                "from": h.from_code,
                "to": h.to_code,
                "on": h.effective_on,
                "by": h.changed_by,
                "reason": h.reason,
                "order": h.order_ref,
            }
            for h in _rows(session, CategoryChange, c.id, CategoryChange.effective_on)
        ],
        "guardians": [
            {
                "uuid": str(g.uuid),
                "name": g.name,
                "name_local": g.name_local,
                "relation": g.relation,
                "life_status": g.life_status,
                "deceased_on": g.deceased_on,
                "phone": g.phone,
                "address": g.address,
            }
            for g in c.guardians
        ],
        "visits": {
            "count": len(visits),
            "last": last_visit,
            "days_since_last": since,
            "last_12_months": sum(1 for v in visits if v.visit_date >= year_ago),
            "last_followup": followups[-1] if followups else None,
            "recent": [
                {"date": v.visit_date, "mode": v.mode, "role": v.visitor_role}
                for v in contacts[-10:]
            ],
        },
        "documents": [
            {
                "uuid": str(d.uuid),
                "type": d.doc_type,
                "name": policy.document_label(d.doc_type),
                "status": d.status,
                "obtained_on": d.obtained_on,
                "verified_on": d.verified_on,
                "scan": d.attachment_hash,
            }
            for d in _rows(session, DocumentItem, c.id, DocumentItem.id)
        ],
        "orders": [
            {
                "uuid": str(o.uuid),
                "at": o.created_at,
                "no": o.order_no,
                "date": o.order_date,
                "type": o.order_type,
                "summary": o.summary,
                "next_review_on": o.next_review_on,
            }
            for o in _rows(session, CwcOrder, c.id, CwcOrder.order_date)
        ],
        "sir": [
            {
                "uuid": str(r.uuid),
                "at": r.created_at,
                "requested_on": r.requested_on,
                "completed_on": r.completed_on,
                "officer": r.officer,
            }
            for r in _rows(session, SocialInvestigation, c.id, SocialInvestigation.id)
        ],
        "icp": [
            {
                "uuid": str(p.uuid),
                "at": p.created_at,
                "prepared_on": p.prepared_on,
                "review_due_on": p.review_due_on,
            }
            for p in _rows(session, CarePlan, c.id, CarePlan.prepared_on)
        ],
        "notes": [
            {
                "uuid": str(n.uuid),
                "at": n.created_at,
                "date": n.note_date,
                "author": n.author,
                "text": n.text,
            }
            for n in _rows(session, CaseNote, c.id, CaseNote.note_date)
        ],
        "adoption_stages": [
            {
                "uuid": str(a.uuid),
                "at": a.created_at,
                "stage": a.stage,
                "entered_on": a.entered_on,
                "note": a.note,
            }
            for a in _rows(session, AdoptionStageEntry, c.id, AdoptionStageEntry.entered_on)
        ],
        "transfers": [
            {
                "uuid": str(t.uuid),
                "at": t.created_at,
                "direction": t.direction,
                "date": t.transfer_date,
                "other": t.other_institution,
                "order_no": t.order_no,
            }
            for t in _rows(session, Transfer, c.id, Transfer.transfer_date)
        ],
    }
    record["admission_order"] = admission_order(record)
    return record


def admission_order(record: dict[str, Any]) -> dict[str, Any] | None:
    """The order the child was admitted on: the number typed at registration, else the
    first CWC order of the kind "admission" (number and date); None when neither is there."""
    first: dict[str, Any] | None = next(
        (o for o in record["orders"] if o["type"] == "admission"), None
    )
    if record["admission_order_no"]:
        dated = first is not None and first["no"] == record["admission_order_no"]
        when = first["date"] if first is not None and dated else None
        return {"no": record["admission_order_no"], "date": when}
    if first is not None:
        return {"no": first["no"], "date": first["date"]}
    return None


def _d(v: Any) -> str:
    return show_date(v) if isinstance(v, date) else ("-" if v is None else str(v))


def _merged_into_code(session: Session, c: Child) -> str | None:
    if c.merged_into_id is None:
        return None
    kept = merged_into(session, c)
    return kept.code if kept is not None else None


def format_record(r: dict[str, Any]) -> str:
    """The record as text for a terminal."""
    out = [
        f"{r['code']}  {r['name']}" + (f"  {r['name_local']}" if r["name_local"] else ""),
        f"  Institution:   {r['institution']}",
        f"  Gender / age:  {r['gender']}, {r['age_years']} years (born {_d(r['dob'])}"
        + (", estimated)" if r["dob_estimated"] else ")"),
        f"  Aadhaar:       {r['aadhaar'] or '-'}",
        f"  Admitted:      {_d(r['admission_date'])} ({r['days_in_care']} days in care), "
        f"referred by {r['referral']}",
        f"  Status:        {r['status']}"
        + (f" on {_d(r['exit']['date'])}: {r['exit']['reason']}" if r["exit"] else "")
        + (
            f": merged into {r['merged_into']} (open that record for this child)"
            if r.get("merged_into")
            else ""
        ),
        "  Category:      "
        + (f"{r['category']['code']}. {r['category']['name']}" if r["category"] else "none yet"),
    ]
    if r["category_history"]:
        out.append("  Category history:")
        for h in r["category_history"]:
            out.append(
                f"    {_d(h['on'])}  {h['from'] or '-'} -> {h['to']}  {h['reason']}"
                + (f" (order {h['order']})" if h["order"] else "")
                + f"  by {h['by']}"
            )
    out.append("  Guardians:" if r["guardians"] else "  Guardians:     none recorded")
    for g in r["guardians"]:
        local = f" / {g['name_local']}" if g["name_local"] else ""
        died = f" on {_d(g['deceased_on'])}" if g.get("deceased_on") else ""
        out.append(f"    {g['relation']}: {g['name']}{local} ({g['life_status']}{died})")
    v = r["visits"]
    out.append(
        f"  Guardian visits: {v['count']} in all, {v['last_12_months']} in the last year; "
        f"last {_d(v['last'])} ({v['days_since_last']} days ago)"
        + (f"; social worker's follow-up {_d(v['last_followup'])}" if v["last_followup"] else "")
    )
    done = sum(1 for d in r["documents"] if d["status"] in ("obtained", "verified"))
    out.append(f"  Documents:     {done} of {len(r['documents'])} obtained or verified")
    for d in r["documents"]:
        out.append(f"    [{d['status']:>14}] {d['name']}")
    if r["orders"]:
        out.append("  CWC orders:")
        for o in r["orders"]:
            out.append(f"    {_d(o['date'])}  {o['type']:<16} {o['no']}")
    for s in r["sir"]:
        out.append(
            f"  SIR:           asked {_d(s['requested_on'])}, submitted {_d(s['completed_on'])}"
        )
    for p in r["icp"]:
        out.append(
            f"  ICP:           prepared {_d(p['prepared_on'])}, review due {_d(p['review_due_on'])}"
        )
    for a in r["adoption_stages"]:
        out.append(f"  Adoption:      {_d(a['entered_on'])}  {a['stage']}")
    for n in r["notes"][-5:]:
        out.append(f"  Note {_d(n['date'])} ({n['author']}): {n['text']}")
    return "\n".join(out)
