"""The A4 entitlement sheet of a rescued child: every department's schemes with status,
date, reference, responsible office and due day, gaps shaded; the compensation ledger;
the CWC's recommendation and the DCPU's signature block, as CLTS's पात्रता पत्र has them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from desktop.documents.clts_labels import ct, name_of, policy_names, rupees, stage_word, status_word
from desktop.documents.common import (
    ALERT,
    PageInfo,
    child_names,
    grid,
    institution_line,
    para,
    styles,
)
from desktop.documents.labels import fmt_date
from desktop.documents.summary import FULL, PhotoBox
from desktop.models import CltsCase
from desktop.rules.clts_policy import CltsPolicy, load_clts_policy
from desktop.services.clts.derive import GAPS
from desktop.services.clts.summary import CaseView, case_view, overdue_of
from desktop.services.core import lgd
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor
from desktop.services.core.validation import age_on

GAP_SHADE = colors.HexColor("#fdecea")
RECEIVED_INK = colors.HexColor("#15803d")


def _address(view: CaseView) -> str:
    hh = view.household
    c = view.case
    if hh is None:
        parts = [c.origin_village, c.origin_block, c.origin_district_name]
        if c.origin_district and c.origin_state:
            parts.append(lgd.district_name(c.origin_state, c.origin_district))
        return ", ".join(p for p in parts if p) or "-"
    parts = [
        hh.address,
        hh.village,
        f"Panchayat {hh.panchayat}" if hh.panchayat else None,
        f"PS {hh.police_station}" if hh.police_station else None,
        hh.block,
        hh.district_name
        or (lgd.district_name(hh.state, hh.district) if hh.state and hh.district else None),
        lgd.states().get(hh.state) if hh.state else None,
        hh.pin,
    ]
    return ", ".join(p for p in parts if p) or "-"


def _parent(view: CaseView, relation: str) -> str:
    for m in view.members:
        if m.relation == relation:
            return m.name + ("" if m.alive else " (deceased)")
    for g in view.child.guardians:
        if g.relation == relation:
            return g.name
    return "-"


def _head(view: CaseView, lang: str, photos: AttachmentStore | None, policy: CltsPolicy) -> Table:
    st = styles(lang)
    c, child = view.case, view.child
    name, local = child_names(child)
    names = policy_names(policy)
    place = ", ".join(p for p in (c.rescue_village, c.rescue_block, c.rescue_place) if p) or "-"
    facts = [
        (ct("case_id", lang), c.clts_id + (f"  (CLTS: {c.legacy_id})" if c.legacy_id else "")),
        (ct("child_code", lang), child.code),
        (ct("rescued_on", lang), fmt_date(c.rescue_on)),
        (ct("rescue_place", lang), place),
        (ct("age", lang), ct("years", lang, n=int(age_on(child.dob, c.rescue_on)))),
        (ct("sex", lang), ct(child.gender, lang) if child.gender else "-"),
        (ct("father", lang), _parent(view, "father")),
        (ct("mother", lang), _parent(view, "mother")),
        (ct("address", lang), _address(view)),
        (ct("industry", lang), name_of(names["industry"], c.industry, lang)),
        (
            ct("final_order", lang),
            f"{name_of(names['order'], c.final_order, lang)}, {fmt_date(c.final_order_on)}"
            if c.final_order
            else "-",
        ),
    ]
    rows = [
        [para(k, st["small"]), para(v, st["cell"], bold=k == ct("case_id", lang))] for k, v in facts
    ]
    table = Table(rows, colWidths=[34 * mm, FULL - 38 * mm - 34 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    head = [para(name + (f"  ·  {local}" if local else ""), st["h2"], bold=True), table]
    top = Table([[PhotoBox(child, photos, lang), head]], colWidths=[38 * mm, FULL - 38 * mm])
    top.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return top


def _department_table(
    view: CaseView, dept: str, lang: str, today: date, policy: CltsPolicy
) -> list[Any]:
    st = styles(lang)
    names = policy_names(policy)
    rows = view.by_department.get(dept, [])
    if not rows:
        return []
    header = [ct(k, lang) for k in ("scheme", "status", "date", "reference", "office", "due")]
    body: list[list[Any]] = [header]
    shade: list[Any] = []
    late_style = st["cell"].clone("late", textColor=ALERT)
    for i, e in enumerate(rows, start=1):
        scheme = policy.schemes.get(e.scheme)
        title = name_of(names["scheme"], e.scheme, lang)
        if scheme and scheme.old_name:
            title += f" ({scheme.old_name})"
        if scheme and not scheme.days_verified:
            title += " *"
        due = e.apply_due_on if e.status == "eligible" else e.receive_due_on
        late = overdue_of(e, today)
        on = e.received_on or e.rejected_on or e.applied_on
        office = e.office or policy.departments[dept].office(lang)
        due_cell: Any = ""
        if due and e.status in GAPS:
            due_cell = para(fmt_date(due), late_style if late else st["cell"], bold=late)
        body.append(
            [
                title,
                status_word(e.status, lang),
                fmt_date(on) if on else "",
                e.benefit_ref or e.application_ref or "",
                office,
                due_cell,
            ]
        )
        if e.status in GAPS:
            shade.append(("BACKGROUND", (0, i), (-1, i), GAP_SHADE))
        if e.status == "received":
            shade.append(("TEXTCOLOR", (1, i), (1, i), RECEIVED_INK))
    widths = [50 * mm, 19 * mm, 20 * mm, 28 * mm, 35 * mm, 20 * mm]
    table = grid(body, widths, st=st)
    table.setStyle(TableStyle(shade))
    heading = para(name_of(names["department"], dept, lang), st["h2"], bold=True)
    return [KeepTogether([heading, table])]


def _ledger(view: CaseView, lang: str, policy: CltsPolicy) -> list[Any]:
    if not view.lines:
        return []
    st = styles(lang)
    names = policy_names(policy)
    header = [ct(k, lang) for k in ("line", "amount", "ordered", "sanctioned", "paid", "reference")]
    body: list[list[Any]] = [header]
    for ln in view.lines:
        spec = policy.compensation.get(ln.line)
        title = name_of(names["line"], ln.line, lang) + (
            "" if spec is None or spec.verified else " *"
        )
        title += f" · {ct('payer_' + ln.payer, lang)}"
        stage = stage_word(ln.stage(), lang)

        def cell(on: date | None, amount: int | None) -> Any:
            return [para(fmt_date(on), st["cell"]), para(rupees(amount), st["cell"])] if on else ""

        body.append(
            [
                [para(title, st["cell"]), para(f"({stage})", st["small"])],
                rupees(ln.amount),
                cell(ln.ordered_on, ln.ordered_amount),
                cell(ln.sanctioned_on, ln.sanctioned_amount),
                cell(ln.paid_on, ln.paid_amount),
                ln.payment_ref or ln.sanction_ref or ln.order_ref or ln.refusal_reason or "",
            ]
        )
    t = view.totals
    body.append(
        [
            ct("total", lang),
            rupees(t.due),
            rupees(t.ordered),
            rupees(t.sanctioned),
            rupees(t.paid),
            "",
        ]
    )
    widths = [58 * mm, 22 * mm, 23 * mm, 23 * mm, 23 * mm, 25 * mm]
    return [para(ct("ledger", lang), st["h2"], bold=True), grid(body, widths, st=st)]


def clts_sheet_part(
    session: Session,
    case: CltsCase,
    *,
    lang: str,
    actor: Actor,
    today: date,
    photos: AttachmentStore | None = None,
    policy: CltsPolicy | None = None,
) -> tuple[list[Any], PageInfo]:
    """The flowables and page header of one rescued child's entitlement sheet."""
    policy = policy or load_clts_policy()
    view = case_view(session, case, today=today, policy=policy)
    st = styles(lang)
    received = sum(1 for e in view.entitlements if e.status == "received")
    eligible = received + len(view.gaps)
    story: list[Any] = [
        para(f"{ct('sheet_title', lang)} · पात्रता पत्र", st["h1"], bold=True),
        _head(view, lang, photos, policy),
        Spacer(1, 3 * mm),
        para(
            ct(
                "counts_line",
                lang,
                eligible=eligible,
                received=received,
                gaps=len(view.gaps),
                overdue=len(view.overdue),
            ),
            st["body"],
            bold=True,
        ),
        para(ct("gap_note", lang), st["small"]),
    ]
    for dept in policy.departments:
        story += _department_table(view, dept, lang, today, policy)
    story += _ledger(view, lang, policy)
    cwc = view.case.cwc_name or "................"
    story += [
        Spacer(1, 4 * mm),
        para(ct("recommendation", lang, cwc=cwc), st["body"]),
        Spacer(1, 10 * mm),
        Table(
            [
                [
                    para(
                        f"{ct('issued_on', lang)}: {fmt_date(view.case.card_issued_on or today)}",
                        st["body"],
                    ),
                    para(ct("signed_by", lang), st["body"]),
                ]
            ],
            colWidths=[FULL / 2, FULL / 2],
        ),
        Spacer(1, 3 * mm),
        para(ct("unverified", lang, tag=policy.tag), st["small"]),
    ]
    info = PageInfo(
        title=f"{ct('sheet_title', lang)} · {case.clts_id}",
        institution=institution_line(view.child.institution, lang),
        lang=lang,
        generated_by=actor.label,
        generated_at=datetime.now(),
    )
    return story, info
