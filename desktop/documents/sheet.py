"""The A4 entitlement sheet: each entitlement of a child with department, scheme and status.

A rescued child (a child-labour case) gets the CLTS sheet instead, with every
department's schemes, gaps and the compensation ledger (`desktop.documents.clts_sheet`),
when the person printing may see CLTS details.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from desktop.documents.clts_sheet import clts_sheet_part
from desktop.documents.common import (
    PageInfo,
    Progress,
    build_pdf_parts,
    child_names,
    grid,
    institution_line,
    para,
    styles,
)
from desktop.documents.labels import fmt_date, label_or, t, value
from desktop.documents.summary import FULL, PhotoBox, get_child_by_id
from desktop.services.cases.entitlements import child_entitlements
from desktop.services.clts import entitlements as _clts_entitlements  # registers its source
from desktop.services.clts.rescue import cases_of
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor
from desktop.services.core.permissions import Permission, has

assert _clts_entitlements.clts_entitlements is not None  # registered on import


def sheet_part(
    session: Session,
    *,
    child_id: int,
    lang: str,
    actor: Actor,
    photos: AttachmentStore | None = None,
    today: date | None = None,
) -> tuple[list[Any], PageInfo]:
    """The flowables and page header of one child's entitlement sheet."""
    child = get_child_by_id(session, child_id)
    cases = cases_of(session, child)
    if cases and has(actor, Permission.SEE_CLTS):
        return clts_sheet_part(
            session, cases[0], lang=lang, actor=actor, today=today or date.today(), photos=photos
        )
    st = styles(lang)
    name, local = child_names(child)
    head = [
        para(t("entitlement_sheet", lang), st["h1"], bold=True),
        para(name + (f"  ·  {local}" if local else ""), st["h2"], bold=True),
        para(f"{t('child_code', lang)}: {child.code}", st["code"], bold=True),
        para(
            f"{t('dob', lang)}: {fmt_date(child.dob)}    "
            f"{t('admitted_on', lang)}: {fmt_date(child.admission_date)}",
            st["body"],
        ),
        para(institution_line(child.institution, lang), st["body"]),
    ]
    top = Table([[PhotoBox(child, photos, lang), head]], colWidths=[38 * mm, FULL - 38 * mm])
    top.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    rows = [
        [
            label_or(e.key, lang),
            label_or(e.department, lang),
            label_or(e.scheme, lang),
            value(e.status, lang),
            fmt_date(e.on) if e.on else "",
            e.reference or "",
        ]
        for e in child_entitlements(session, child)
    ]
    header = [
        t(k, lang) for k in ("entitlement", "department", "scheme", "status", "date", "reference")
    ]
    table = grid([header, *rows], [32 * mm, 28 * mm, 44 * mm, 22 * mm, 20 * mm, 28 * mm], st=st)
    # room to write by hand: tall rows so a date and a reference number fit in pen
    table.setStyle(TableStyle([("BOTTOMPADDING", (0, 1), (-1, -1), 14)]))
    story: list[Any] = [
        top,
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 4 * mm),
        para(t("ent_note", lang), st["small"]),
    ]
    info = PageInfo(
        title=f"{t('entitlement_sheet', lang)} · {child.code}",
        institution=institution_line(child.institution, lang),
        lang=lang,
        generated_by=actor.label,
        generated_at=datetime.now(),
    )
    return story, info


def entitlement_sheet_pdf(
    session: Session,
    *,
    child_ids: list[int],
    lang: str = "en",
    actor: Actor,
    as_of: date | None = None,
    photos: AttachmentStore | None = None,
    progress: Progress | None = None,
) -> bytes:
    """Entitlement sheets (one A4 page or more per child) as PDF bytes."""
    parts = []
    for n, cid in enumerate(child_ids, start=1):
        parts.append(
            sheet_part(session, child_id=cid, lang=lang, actor=actor, photos=photos, today=as_of)
        )
        if progress:
            progress(n, len(child_ids))
    return build_pdf_parts(parts)
