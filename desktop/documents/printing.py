"""One entry point for every printed document, used by `clms print` and the window.

`print_document` renders the PDF and records, for each child printed, who printed
what and in which language in the audit trail (`audit.record_access`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format.card_token import Signer
from desktop.documents.card import cards_pdf
from desktop.documents.common import Progress
from desktop.documents.cwc_file import cwc_file_pdf
from desktop.documents.sheet import entitlement_sheet_pdf
from desktop.documents.summary import case_summaries_pdf, get_child_by_id
from desktop.models import Child
from desktop.rules.clts_policy import load_clts_policy
from desktop.services.clts.rescue import cases_of, mark_card_issued
from desktop.services.clts.summary import card_problem
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.audit import record_access
from desktop.services.core.context import Actor, actor_of
from desktop.services.core.permissions import Permission, can_see, check_child, has, require

KINDS: dict[str, str] = {
    "summary": "printed case summary",
    "card": "printed entitlement card",
    "sheet": "printed entitlement sheet",
    "cwc-file": "printed CWC submission file",
}
LANGS = ("en", "hi")


def attachment_store(data_dir: Path) -> AttachmentStore:
    """The data folder's store of photos and scans."""
    return AttachmentStore.for_data_dir(data_dir)


def render(
    session: Session,
    *,
    kind: str,
    child_ids: list[int],
    lang: str = "en",
    actor: Actor,
    as_of: date,
    photos: AttachmentStore | None = None,
    sheet: bool | None = None,
    progress: Progress | None = None,
    signer: Signer | None = None,
) -> bytes:
    """The PDF of one kind of document for these children (nothing is recorded).

    `signer` makes the signed QR token of a rescued child's CLTS card (None: unsigned).
    """
    kind = "summary" if kind == "record" else kind  # the children list asks for a "record"
    if kind not in KINDS:
        raise ValueError(f"unknown document '{kind}'; choose one of {', '.join(KINDS)}")
    if lang not in LANGS:
        raise ValueError(f"unknown language '{lang}'; choose en or hi")
    if not child_ids:
        raise ValueError("choose at least one child")
    # The role must be allowed to print, each child must be inside the actor's area,
    # and a role that may not see photos gets cards and summaries without them.
    who = require(session, Permission.PRINT)
    for start in range(0, len(child_ids), 500):  # one query per 500 children, not one each
        chunk = child_ids[start : start + 500]
        list(session.scalars(select(Child).where(Child.id.in_(chunk))))
    for cid in child_ids:
        check_child(session, get_child_by_id(session, cid))
    if not can_see(who, "photo"):
        photos = None
    if kind == "card":
        return cards_pdf(
            session,
            child_ids=child_ids,
            lang=lang,
            sheet=sheet,
            photos=photos,
            progress=progress,
            signer=signer,
            today=as_of,
        )
    if kind == "summary":
        return case_summaries_pdf(
            session,
            child_ids=child_ids,
            lang=lang,
            actor=actor,
            as_of=as_of,
            photos=photos,
            progress=progress,
        )
    if kind == "sheet":
        return entitlement_sheet_pdf(
            session,
            child_ids=child_ids,
            lang=lang,
            actor=actor,
            as_of=as_of,
            photos=photos,
            progress=progress,
        )
    if len(child_ids) != 1:
        raise ValueError("a CWC submission file is for one child at a time")
    out = cwc_file_pdf(session, child_id=child_ids[0], lang=lang, actor=actor, as_of=as_of)
    if progress:
        progress(1, 1)
    return out


def print_document(
    session: Session,
    *,
    kind: str,
    child_ids: list[int],
    lang: str = "en",
    actor: Actor,
    as_of: date,
    photos: AttachmentStore | None = None,
    sheet: bool | None = None,
    progress: Progress | None = None,
    target: str = "",
    signer: Signer | None = None,
) -> bytes:
    """Render the document and record one audit event per child printed (who, what, language)."""
    pdf = render(
        session,
        kind=kind,
        child_ids=child_ids,
        lang=lang,
        actor=actor,
        as_of=as_of,
        photos=photos,
        sheet=sheet,
        progress=progress,
        signer=signer,
    )
    record_prints(session, kind=kind, child_ids=child_ids, lang=lang, target=target, today=as_of)
    return pdf


def record_prints(
    session: Session,
    *,
    kind: str,
    child_ids: list[int],
    lang: str,
    target: str = "",
    today: date | None = None,
) -> None:
    """One audit event per child: this document was printed or saved (never personal data).

    A rescued child's CLTS card printed for the first time keeps the day on the case.
    """
    kind = "summary" if kind == "record" else kind
    detail = f"lang={lang}" + (f"; {target}" if target else "")
    for cid in child_ids:
        record_access(
            session, action=KINDS[kind], child=get_child_by_id(session, cid), detail=detail
        )
    if kind == "card" and has(actor_of(session), Permission.SEE_CLTS):
        policy = load_clts_policy()
        for cid in child_ids:
            cases = cases_of(session, get_child_by_id(session, cid))
            if cases and card_problem(cases[0], policy) is None:
                mark_card_issued(session, cases[0], today=today or date.today())
