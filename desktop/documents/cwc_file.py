"""The CWC submission file for an adoption-evaluation recommendation.

A cover letter to the Child Welfare Committee, the facts behind the rules'
recommendation with their legal basis (from the policy file), and the documents
checklist, so the Committee sees what is enclosed and what is still missing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer
from sqlalchemy.orm import Session

from desktop.documents.common import PageInfo, build_pdf_parts, grid, institution_line, para, styles
from desktop.documents.labels import fact_label, fmt_date, t, value, visits_line
from desktop.documents.summary import FULL, get_child_by_id
from desktop.rules.policy import load_policy
from desktop.services.cases.record import child_record
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor
from desktop.services.core.lgd import district_name
from desktop.services.flags.store import explain

RULE_ID = "adoption_evaluation"


def _fact_value(key: str, v: object, lang: str) -> str:
    if isinstance(v, date):
        return fmt_date(v)
    if isinstance(v, float):
        return f"{v:.1f}"
    if isinstance(v, str):
        try:  # the facts hold dates as ISO text
            return fmt_date(date.fromisoformat(v))
        except ValueError:
            return value(v, lang)
    return "-" if v is None else str(v)


def cwc_file_pdf(
    session: Session,
    *,
    child_id: int,
    lang: str = "en",
    actor: Actor,
    as_of: date,
    photos: AttachmentStore | None = None,
) -> bytes:
    """The submission file (cover letter, facts with legal basis, checklist) as PDF bytes."""
    del photos  # the file carries no photo: the CWC gets it with the enclosed documents
    child = get_child_by_id(session, child_id)
    r = child_record(session, child.code, today=as_of)
    policy = load_policy()
    rule = policy.rules.get(RULE_ID)
    st = styles(lang)
    inst = child.institution
    district = district_name(inst.state_code, inst.district_code)
    name = r["name"] + (f" ({r['name_local']})" if r["name_local"] else "")
    facts, verdicts = explain(session, child, as_of=as_of, policy=policy)
    verdict = next((v for v in verdicts if v.rule.id == RULE_ID), None)
    recommended = verdict is not None and verdict.hit is not None

    story: list[Any] = [
        para(t("from_inst", lang, inst=institution_line(inst, lang)), st["body"]),
        para(inst.registration_no, st["small"]),
        Spacer(1, 3 * mm),
        para(t("dated", lang, d=fmt_date(as_of)), st["body"]),
        Spacer(1, 4 * mm),
        para(t("to_cwc", lang, district=district), st["body"], bold=True),
        Spacer(1, 5 * mm),
        para(t("subject", lang, name=name, code=r["code"]), st["body"], bold=True),
        Spacer(1, 4 * mm),
        para(
            t("letter_body" if recommended else "letter_body_none", lang, as_of=fmt_date(as_of)),
            st["body"],
        ),
        Spacer(1, 4 * mm),
        para(t("recommendation", lang), st["h2"], bold=True),
    ]
    if recommended and verdict is not None and verdict.hit is not None:
        story.append(para(verdict.hit.hi if lang == "hi" else verdict.hit.en, st["body"]))
    else:
        why = t("not_in_care", lang) if facts is None else t("no_grounds", lang)
        story.append(para(t("no_recommendation", lang, as_of=fmt_date(as_of), why=why), st["body"]))
    if rule is not None:
        basis = rule.basis_hi if lang == "hi" else rule.basis_en
        if not rule.verified:
            basis += " " + t("basis_unverified", lang)
        story += [Spacer(1, 2 * mm), para(f"{t('legal_basis', lang)}: {basis}", st["body"])]
    story += [
        Spacer(1, 4 * mm),
        para(t("enclosures", lang), st["body"]),
        Spacer(1, 18 * mm),
        para("_" * 40, st["body"]),
        para(t("signature", lang), st["body"]),
        para(f"{t('place_date', lang)}: {district}, {fmt_date(as_of)}", st["small"]),
        PageBreak(),
    ]

    cat = r["category"]
    rows: list[list[str]] = [
        [t("child_code", lang), r["code"]],
        [t("name", lang), name],
        [
            t("dob", lang),
            fmt_date(r["dob"]) + (f" ({t('estimated', lang)})" if r["dob_estimated"] else ""),
        ],
        [t("admitted_on", lang), fmt_date(r["admission_date"])],
        [
            t("category_now", lang),
            f"{cat['code']}. {cat['name_hi'] if lang == 'hi' else cat['name']}" if cat else "-",
        ],
        [t("visits_12m", lang), str(r["visits"]["last_12_months"])],
    ]
    if verdict is not None:
        rows += [[fact_label(k, lang), _fact_value(k, v, lang)] for k, v in verdict.facts.items()]
    story += [
        para(t("facts", lang), st["h2"], bold=True),
        grid([[t("fact", lang), t("value", lang)], *rows], [70 * mm, FULL - 70 * mm], st=st),
    ]
    g_rows = [
        [
            g["name"] + (f" / {g['name_local']}" if g["name_local"] else ""),
            value(g["relation"], lang),
            value(g["life_status"], lang),
        ]
        for g in r["guardians"]
    ]
    if g_rows:
        story += [
            para(t("guardians", lang), st["h2"], bold=True),
            grid(
                [[t("name", lang), t("relation", lang), t("life_status", lang)], *g_rows],
                [90 * mm, 42 * mm, 42 * mm],
                st=st,
            ),
            Spacer(1, 1 * mm),
            para(
                visits_line(r["visits"], lang),
                st["body"],
            ),
        ]
    if r["orders"]:
        story += [
            para(t("orders_list", lang), st["h2"], bold=True),
            grid(
                [
                    [t("date", lang), t("order_no", lang), t("type", lang), t("summary", lang)],
                    *[
                        [fmt_date(o["date"]), o["no"], value(o["type"], lang), o["summary"] or "-"]
                        for o in r["orders"]
                    ],
                ],
                [24 * mm, 44 * mm, 32 * mm, 74 * mm],
                st=st,
            ),
        ]
    docs = r["documents"]
    done = sum(1 for d in docs if d["status"] in ("obtained", "verified"))
    story += [
        para(t("documents", lang), st["h2"], bold=True),
        para(t("docs_done", lang, done=done, total=len(docs)), st["body"]),
        Spacer(1, 1 * mm),
        grid(
            [
                [
                    t("document", lang),
                    t("status", lang),
                    t("obtained_on", lang),
                    t("verified_on", lang),
                ],
                *[
                    [
                        policy.document_label(d["type"], lang),
                        value(d["status"], lang)
                        if d["status"] != "required"
                        else f"{value('required', lang)}: {t('missing', lang)}",
                        fmt_date(d["obtained_on"]),
                        fmt_date(d["verified_on"]),
                    ]
                    for d in docs
                ],
            ],
            [88 * mm, 38 * mm, 24 * mm, 24 * mm],
            st=st,
        ),
    ]
    info = PageInfo(
        title=f"{t('cwc_file', lang)} · {r['code']}",
        institution=institution_line(inst, lang),
        lang=lang,
        generated_by=actor.label,
        generated_at=datetime.now(),
    )
    return build_pdf_parts([(story, info)])
