"""The case summary: A4, several pages, everything a CWC member needs to read about one child."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from desktop.documents.common import (
    PageInfo,
    Progress,
    build_pdf_parts,
    draw_photo,
    grid,
    institution_line,
    para,
    photo_image,
    styles,
)
from desktop.documents.labels import fmt_date, t, value, visits_line
from desktop.models import Child
from desktop.rules.common import NOT_VERIFIED
from desktop.rules.policy import load_policy
from desktop.services.cases.record import child_record
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor
from desktop.services.core.errors import NotFound
from desktop.services.flags.store import list_flags

FULL = 174 * mm  # text width between the 18 mm margins


class PhotoBox(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """The child's photo (or an empty, labelled box) as a flowable."""

    def __init__(self, child: Child, photos: AttachmentStore | None, lang: str) -> None:
        super().__init__()
        self.img = photo_image(child, photos)
        self.lang = lang
        self.width, self.height = 32 * mm, 40 * mm

    def draw(self) -> None:
        """Draw the photo in its box."""
        draw_photo(self.canv, self.img, 0, 0, self.width, self.height, self.lang)


def get_child_by_id(session: Session, child_id: int) -> Child:
    """The child with this database id, or NotFound."""
    child = session.get(Child, child_id)
    if child is None:
        raise NotFound(f"no child with id {child_id}")
    return child


def _kv(rows: list[tuple[str, object]], st: dict[str, Any], width: float) -> Table:
    """Label / value pairs in two columns, labels shaded."""
    body = [[para(k, st["cell"], bold=True), para(v, st["cell"])] for k, v in rows]
    tbl = Table(body, colWidths=[width * 0.34, width * 0.66])
    tbl.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, "#d1d5db"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return tbl


def _section(title: str, st: dict[str, Any], *body: Any) -> list[Any]:
    """A heading and its content; a heading near the page foot moves to the next page."""
    return [CondPageBreak(28 * mm), para(title, st["h2"], bold=True), *body]


def _table(
    headers: list[str], rows: list[list[Any]], widths: list[float], lang: str, st: dict[str, Any]
) -> Any:
    """A table with these (label key) headers, or "none recorded" when there are no rows."""
    if not rows:
        return para(t("none", lang), st["body"])
    return grid([[t(h, lang) for h in headers], *rows], widths, st=st)


def case_summary_pdf(
    session: Session,
    *,
    child_id: int,
    lang: str = "en",
    actor: Actor,
    as_of: date,
    photos: AttachmentStore | None = None,
) -> bytes:
    """The case summary of one child as PDF bytes (A4; English or Hindi labels)."""
    return build_pdf_parts(
        [
            summary_part(
                session, child_id=child_id, lang=lang, actor=actor, as_of=as_of, photos=photos
            )
        ]
    )


def case_summaries_pdf(
    session: Session,
    *,
    child_ids: list[int],
    lang: str = "en",
    actor: Actor,
    as_of: date,
    photos: AttachmentStore | None = None,
    progress: Progress | None = None,
) -> bytes:
    """Case summaries of several children in one file, each with its own page numbers."""
    parts = []
    for n, cid in enumerate(child_ids, start=1):
        parts.append(
            summary_part(session, child_id=cid, lang=lang, actor=actor, as_of=as_of, photos=photos)
        )
        if progress:
            progress(n, len(child_ids))
    return build_pdf_parts(parts)


def without_basis(explanation: str, basis: str, lang: str) -> str:
    """A flag's stored explanation without the legal basis it ends with (the summary's
    flags table shows the basis in its own column)."""
    stop = "।" if lang == "hi" else "."
    unverified = NOT_VERIFIED[lang == "hi"]
    for tail in (f" ({basis}){stop}", f" ({basis}; {unverified}){stop}"):
        short = explanation.removesuffix(tail)
        if short != explanation:
            return short + stop
    return explanation


def _admission_order(r: dict[str, Any]) -> str:
    """The admission order's number (and date when known), or "-"."""
    order = r.get("admission_order")
    if not order:
        return "-"
    return f"{order['no']} ({fmt_date(order['date'])})" if order["date"] else str(order["no"])


def summary_part(
    session: Session,
    *,
    child_id: int,
    lang: str,
    actor: Actor,
    as_of: date,
    photos: AttachmentStore | None = None,
) -> tuple[list[Any], PageInfo]:
    """The flowables and page header of one child's case summary."""
    child = get_child_by_id(session, child_id)
    r = child_record(session, child.code, today=as_of)
    policy = load_policy()
    st = styles(lang)
    none = t("none", lang)
    story: list[Any] = []

    names = r["name"] + (f"\n{r['name_local']}" if r["name_local"] else "")
    head = [
        para(t("case_summary", lang), st["h1"], bold=True),
        para(names.replace("\n", "  ·  "), st["h2"], bold=True),
        para(f"{t('child_code', lang)}: {r['code']}", st["code"], bold=True),
        Spacer(1, 2 * mm),
    ]
    dob = fmt_date(r["dob"]) + (f" ({t('estimated', lang)})" if r["dob_estimated"] else "")
    ident = _kv(
        [
            (t("name", lang), r["name"]),
            (t("name_local", lang), r["name_local"] or "-"),
            (t("gender", lang), value(r["gender"], lang)),
            (t("dob", lang), dob),
            (t("age", lang), t("years", lang, n=r["age_years"])),
            (t("aadhaar", lang), r["aadhaar"] or "-"),
            (t("marks", lang), r["identification_marks"] or "-"),
            (t("disability", lang), r["disability"] or "-"),
            (t("languages", lang), r["languages"] or "-"),
        ],
        st,
        FULL - 38 * mm,
    )
    top = Table(
        [[PhotoBox(child, photos, lang), [*head, ident]]], colWidths=[38 * mm, FULL - 38 * mm]
    )
    top.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    story.append(top)

    status = value(r["status"], lang)
    if r["exit"]:
        status += f" ({fmt_date(r['exit']['date'])}: {r['exit']['reason']})"
    story.extend(
        _section(
            t("admission", lang),
            st,
            _kv(
                [
                    (t("admitted_on", lang), fmt_date(r["admission_date"])),
                    (t("days_in_care", lang), r["days_in_care"]),
                    (t("referral", lang), value(r["referral"], lang)),
                    (t("admission_order", lang), _admission_order(r)),
                    (t("produced_cwc", lang), fmt_date(r["produced_before_cwc_on"])),
                    (t("medical_exam", lang), fmt_date(r["medical_exam_on"])),
                    (t("status", lang), status),
                ],
                st,
                FULL,
            ),
        )
    )

    cat = r["category"]
    cat_line = (
        f"{cat['code']}. {cat['name_hi'] if lang == 'hi' else cat['name']} "
        f"({value(cat['legal_class'], lang)})"
        if cat
        else none
    )

    def cat_name(code: int | None) -> str:
        if code is None:
            return "-"
        c = policy.categories.get(code)
        return f"{code}. {c.label(lang)}" if c else str(code)

    hist = [
        [
            fmt_date(h["on"]),
            cat_name(h["from"]),
            cat_name(h["to"]),
            h["reason"] or "-",
            h["order"] or "-",
            h["by"],
        ]
        for h in r["category_history"]
    ]
    cat_flow: list[Any] = [para(f"{t('category', lang)}: {cat_line}", st["body"], bold=True)]
    if hist:
        cat_flow += [
            Spacer(1, 1.5 * mm),
            para(t("category_history", lang), st["small"], bold=True),
            grid(
                [[t(k, lang) for k in ("date", "from", "to", "reason", "order", "by")], *hist],
                [20 * mm, 36 * mm, 36 * mm, 36 * mm, 24 * mm, 22 * mm],
                st=st,
            ),
        ]
    story.extend(_section(t("category", lang), st, *cat_flow))

    v = r["visits"]
    g_rows = [
        [
            g["name"] + (f" / {g['name_local']}" if g["name_local"] else ""),
            value(g["relation"], lang),
            value(g["life_status"], lang),
            g["phone"] or "-",
            g["address"] or "-",
        ]
        for g in r["guardians"]
    ]
    g_flow: list[Any] = []
    if g_rows:
        g_flow.append(
            grid(
                [
                    [
                        t("name", lang),
                        t("relation", lang),
                        t("life_status", lang),
                        t("phone", lang),
                        t("address", lang),
                    ],
                    *g_rows,
                ],
                [52 * mm, 26 * mm, 24 * mm, 26 * mm, 46 * mm],
                st=st,
            )
        )
    else:
        g_flow.append(para(none, st["body"]))
    g_flow.append(Spacer(1, 1.5 * mm))
    g_flow.append(
        para(
            visits_line(v, lang),
            st["body"],
        )
    )
    if v["recent"]:
        recent = ", ".join(f"{fmt_date(x['date'])} ({value(x['mode'], lang)})" for x in v["recent"])
        g_flow.append(para(f"{t('recent_visits', lang)}: {recent}", st["small"]))
    story.extend(_section(t("guardians", lang), st, *g_flow))

    docs = r["documents"]
    done = sum(1 for d in docs if d["status"] in ("obtained", "verified"))
    doc_rows = [
        [
            policy.document_label(d["type"], lang),
            value(d["status"], lang),
            fmt_date(d["obtained_on"]),
            fmt_date(d["verified_on"]),
        ]
        for d in docs
    ]
    story.extend(
        _section(
            t("documents", lang),
            st,
            para(t("docs_done", lang, done=done, total=len(docs)), st["body"]),
            Spacer(1, 1 * mm),
            _table(
                ["document", "status", "obtained_on", "verified_on"],
                doc_rows,
                [92 * mm, 30 * mm, 26 * mm, 26 * mm],
                lang,
                st,
            ),
        )
    )

    orders = [
        [
            fmt_date(o["date"]),
            o["no"],
            value(o["type"], lang),
            o["summary"] or "-",
            fmt_date(o["next_review_on"]),
        ]
        for o in r["orders"]
    ]
    story.extend(
        _section(
            t("orders", lang),
            st,
            _table(
                ["date", "order_no", "type", "summary", "next_review"],
                orders,
                [22 * mm, 38 * mm, 28 * mm, 62 * mm, 24 * mm],
                lang,
                st,
            ),
        )
    )

    sir_icp: list[Any] = []
    for s in r["sir"]:
        parts = [t("requested", lang, d=fmt_date(s["requested_on"]))]
        if s["completed_on"]:
            parts.append(t("completed", lang, d=fmt_date(s["completed_on"])))
        officer = f" ({s['officer']})" if s["officer"] else ""
        sir_icp.append(para(f"{t('sir', lang)}: {', '.join(parts)}{officer}", st["body"]))
    for p in r["icp"]:
        parts = [t("prepared", lang, d=fmt_date(p["prepared_on"]))]
        if p["review_due_on"]:
            parts.append(t("review_due", lang, d=fmt_date(p["review_due_on"])))
        sir_icp.append(para(f"{t('icp', lang)}: {', '.join(parts)}", st["body"]))
    story.extend(_section(t("sir_icp", lang), st, *(sir_icp or [para(none, st["body"])])))

    flags = list_flags(session, child_id=child.id, lang=lang)
    flag_rows = []
    for f in flags:
        rp = policy.rules.get(f.rule_id)
        basis = (rp.basis_hi if lang == "hi" else rp.basis_en) if rp else "-"
        reason = without_basis(f.explanation, basis, lang)
        if rp and not rp.verified:
            basis += " " + t("basis_unverified", lang)
        flag_rows.append(
            [fmt_date(f.due_on), value(f.severity, lang), f"{f.rule}: {reason}", basis]
        )
    story.extend(
        _section(
            t("flags", lang),
            st,
            _table(
                ["due", "severity", "reason", "legal_basis"],
                flag_rows,
                [20 * mm, 18 * mm, 82 * mm, 54 * mm],
                lang,
                st,
            ),
        )
    )

    stages = [
        [fmt_date(a["entered_on"]), value(a["stage"], lang), a["note"] or "-"]
        for a in r["adoption_stages"]
    ]
    story.extend(
        _section(
            t("adoption", lang),
            st,
            _table(["date", "stage", "notes"], stages, [24 * mm, 60 * mm, 90 * mm], lang, st),
        )
    )

    notes = [[fmt_date(n["date"]), n["author"], n["text"]] for n in r["notes"][-8:][::-1]]
    story.extend(
        _section(
            t("notes", lang),
            st,
            _table(["date", "by", "notes"], notes, [22 * mm, 34 * mm, 118 * mm], lang, st),
        )
    )
    info = PageInfo(
        title=f"{t('case_summary', lang)} · {r['code']}",
        institution=institution_line(child.institution, lang),
        lang=lang,
        generated_by=actor.label,
        generated_at=datetime.now(),
    )
    return story, info
