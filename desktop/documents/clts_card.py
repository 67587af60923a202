"""The CLTS entitlement card (पात्रता पत्र): CR80 front and back.

Front: photo, the child's names in both scripts, the CLTS case ID, the lifelong child
code, the rescue date and place, age and sex. Back: the child's entitlements with a
status mark each (received, applied, due, refused), the helplines of the policy, and a
QR code holding the case ID and the signed token a department office checks offline
(`bundle_format.card_token`; the caller passes the signer, since the install's key is
kept by the sync client). Printable only after the CWC's final order, as in CLTS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from bundle_format.card_token import Signer
from desktop.documents.clts_labels import both, ct, name_of, policy_names
from desktop.documents.common import INK, draw_photo, photo_image
from desktop.documents.fonts import draw_lines, draw_text, text_width
from desktop.models import Child, CltsCase
from desktop.rules.clts_policy import CltsPolicy
from desktop.services.clts.summary import CaseView, case_view
from desktop.services.core import lgd
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.validation import age_on

CARD_W, CARD_H = 85.6 * mm, 54 * mm  # ISO/IEC 7810 ID-1 (CR80), as the ID card
RED = colors.HexColor("#c0392b")  # CLTS prints its card header in red (#d7473e)
GREEN = colors.HexColor("#15803d")
AMBER = colors.HexColor("#b45309")
GREY = colors.HexColor("#6b7280")
MARK_ORDER = ("received", "applied", "eligible", "rejected")
ON_CARD = frozenset(MARK_ORDER)


@dataclass(frozen=True)
class CltsCardData:
    """What one CLTS card shows."""

    case_id: str
    child_code: str
    name: str
    name_local: str | None
    rescued_on: date
    rescue_place: str
    age: int
    sex: str
    issuer: str
    photo: ImageReader | None
    lines: tuple[tuple[str, str], ...]  # (status, "Department: scheme")
    helplines: tuple[tuple[str, str], ...]  # (number, name)
    qr_text: str
    signed: bool


def card_data(
    session: Session,
    case: CltsCase,
    *,
    lang: str,
    today: date,
    policy: CltsPolicy,
    photos: AttachmentStore | None,
    signer: Signer | None,
    view: CaseView | None = None,
) -> CltsCardData:
    """The card's content for one case (the caller checks the card may be printed)."""
    view = view or case_view(session, case, today=today, policy=policy)
    child: Child = view.child
    names = policy_names(policy)
    lines = []
    for e in view.entitlements:
        if e.status not in ON_CARD:
            continue
        dept = policy.departments.get(e.department)
        short = dept.short(lang) if dept else e.department
        lines.append((e.status, f"{short}: {name_of(names['scheme'], e.scheme, lang)}"))
    place = ", ".join(
        p
        for p in (
            case.rescue_village,
            case.rescue_block,
            case.rescue_district_name
            or (
                lgd.district_name(case.rescue_state, case.rescue_district)
                if case.rescue_district
                else None
            ),
        )
        if p
    )
    qr = signer(case.clts_id, child.code, today) if signer else f"{case.clts_id} {child.code}"
    inst = child.institution
    issuer = (
        f"{inst.name_local if lang == 'hi' and inst.name_local else inst.name}, "
        + lgd.district_name(inst.state_code, inst.district_code)
    )
    return CltsCardData(
        case_id=case.clts_id,
        child_code=child.code,
        name=child.full_name,
        name_local=child.name_local,
        rescued_on=case.rescue_on,
        rescue_place=place or "-",
        age=int(age_on(child.dob, today)),
        sex=ct(child.gender, lang)
        if child.gender in ("male", "female", "transgender")
        else child.gender,
        issuer=issuer,
        photo=photo_image(child, photos),
        lines=tuple(lines),
        helplines=tuple((h.number, h.hi if lang == "hi" else h.en) for h in policy.helplines),
        qr_text=qr,
        signed=signer is not None,
    )


def draw_front(c: Canvas, d: CltsCardData, lang: str) -> None:
    """A card front with its lower-left corner at the origin."""
    band = 11 * mm
    c.setFillColor(RED)
    c.rect(0, CARD_H - band, CARD_W, band, stroke=0, fill=1)
    c.setFillColor(colors.white)
    draw_text(c, 3.5 * mm, CARD_H - 5.6 * mm, "पात्रता पत्र", size=10.5, bold=True)
    draw_text(c, 3.5 * mm, CARD_H - 9.3 * mm, "Entitlement Card (CLTS)", size=6.5, bold=True)
    draw_text(
        c,
        CARD_W - 3 * mm,
        CARD_H - 5.2 * mm,
        d.issuer,
        size=6,
        align="right",
        max_width=44 * mm,
        min_size=4,
    )
    draw_text(
        c,
        CARD_W - 3 * mm,
        CARD_H - 9 * mm,
        ct("rescued_on", lang) + f": {d.rescued_on:%d-%m-%Y}",
        size=5.6,
        align="right",
        max_width=44 * mm,
        min_size=4,
    )
    foot = 5.5 * mm
    c.setFillColor(RED)
    c.rect(0, 0, CARD_W, foot, stroke=0, fill=1)
    c.setFillColor(colors.white)
    hl = "   ".join(f"{n} {name}" for n, name in d.helplines)
    draw_text(
        c, CARD_W / 2, 1.8 * mm, hl, size=6.3, bold=True, align="center", max_width=CARD_W - 4 * mm
    )
    draw_photo(c, d.photo, 3.5 * mm, foot + 4 * mm, 19 * mm, 24 * mm, lang)
    x = 25.5 * mm
    room = CARD_W - x - 3 * mm
    y = CARD_H - band - 4.6 * mm
    c.setFillColor(INK)
    y = draw_lines(c, x, y, d.name, size=9.5, max_width=room, bold=True, max_lines=1, min_size=6.5)
    if d.name_local:
        y = draw_lines(
            c,
            x,
            y - 0.4 * mm,
            d.name_local,
            size=9.5,
            max_width=room,
            bold=True,
            max_lines=1,
            min_size=6.5,
        )
    rows = (
        (ct("case_id", lang), d.case_id, 8.2, True),
        (ct("child_code", lang), d.child_code, 7, False),
        (ct("rescue_place", lang), d.rescue_place, 6.2, False),
        (
            f"{ct('age', lang)} · {ct('sex', lang)}",
            f"{ct('years', lang, n=d.age)} · {d.sex}",
            6.2,
            False,
        ),
    )
    for label, value, size, bold in rows:
        y -= 2.1 * mm
        c.setFillColor(GREY)
        draw_text(c, x, y, label, size=4.8, max_width=room)
        y -= size * 0.34 * mm + 0.7 * mm
        c.setFillColor(INK)
        draw_text(c, x, y, value, size=size, bold=bold, max_width=room, min_size=4.5)


def draw_mark(c: Canvas, status: str, x: float, y: float, r: float = 1.05 * mm) -> None:
    """A status mark centred at (x, y): filled tick, half circle, empty circle, cross."""
    c.saveState()
    c.setLineWidth(0.45)
    if status == "received":
        c.setFillColor(GREEN)
        c.setStrokeColor(GREEN)
        c.circle(x, y, r, stroke=1, fill=1)
        c.setStrokeColor(colors.white)
        c.setLineWidth(0.6)
        p = c.beginPath()
        p.moveTo(x - r * 0.5, y)
        p.lineTo(x - r * 0.1, y - r * 0.45)
        p.lineTo(x + r * 0.55, y + r * 0.45)
        c.drawPath(p, stroke=1, fill=0)
    elif status == "applied":
        c.setStrokeColor(AMBER)
        c.setFillColor(colors.white)
        c.circle(x, y, r, stroke=1, fill=1)
        c.setFillColor(AMBER)
        p = c.beginPath()
        p.moveTo(x, y - r)
        p.arcTo(x - r, y - r, x + r, y + r, startAng=270, extent=-180)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
    elif status == "rejected":
        c.setStrokeColor(RED)
        c.circle(x, y, r, stroke=1, fill=0)
        k = r * 0.55
        c.line(x - k, y - k, x + k, y + k)
        c.line(x - k, y + k, x + k, y - k)
    else:  # eligible, not received yet: a gap
        c.setStrokeColor(RED)
        c.setLineWidth(0.7)
        c.circle(x, y, r, stroke=1, fill=0)
    c.restoreState()


def qr_rows(text: str) -> list[list[bool]]:
    """QR modules of the card's text (segments chosen for size: the token is alphanumeric)."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2, mask_pattern=2)
    qr.add_data(text, optimize=20)
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


def _draw_qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    rows = qr_rows(text)
    cell = size / len(rows)
    c.saveState()
    c.setFillColor(colors.white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(colors.black)
    ops = []
    for r, row in enumerate(rows):
        top = y + size - (r + 1) * cell
        col = 0
        while col < len(row):
            if row[col]:
                start = col
                while col < len(row) and row[col]:
                    col += 1
                ops.append(
                    f"{x + start * cell:.3f} {top:.3f} {(col - start) * cell:.3f} {cell:.3f} re"
                )
            else:
                col += 1
    ops.append("f")
    c.addLiteral("\n".join(ops))
    c.restoreState()


def draw_back(c: Canvas, d: CltsCardData, lang: str) -> None:
    """A card back with its lower-left corner at the origin."""
    foot = 5.5 * mm
    c.setFillColor(RED)
    c.rect(0, 0, CARD_W, foot, stroke=0, fill=1)
    c.setFillColor(colors.white)
    hl = "   ".join(f"{n} {name}" for n, name in d.helplines)
    draw_text(
        c, CARD_W / 2, 1.8 * mm, hl, size=6.3, bold=True, align="center", max_width=CARD_W - 4 * mm
    )
    qr = 27 * mm
    qx, qy = 1.5 * mm, CARD_H - qr - 1.5 * mm
    _draw_qr(c, d.qr_text, qx, qy, qr)
    c.setFillColor(GREY)
    draw_text(
        c,
        qx + qr / 2,
        qy - 2.6 * mm,
        ct("scan_verify" if d.signed else "unsigned", lang),
        size=4.8,
        align="center",
        max_width=qr,
        min_size=3.5,
    )
    c.setFillColor(INK)
    draw_text(
        c, qx + qr / 2, qy - 5.2 * mm, d.case_id, size=5.2, bold=True, align="center", max_width=qr
    )
    draw_text(c, qx + qr / 2, qy - 7.6 * mm, d.child_code, size=4.6, align="center", max_width=qr)
    x = 30.5 * mm
    room = CARD_W - x - 2 * mm
    y = CARD_H - 4 * mm
    c.setFillColor(INK)
    draw_text(c, x, y, ct("entitlements", lang), size=6, bold=True, max_width=room, min_size=4.5)
    step = 3.05 * mm
    y -= 3.6 * mm
    legend_y = foot + 2.3 * mm
    fit = int((y - legend_y - 1.5 * mm) / step) + 1
    shown = list(d.lines)
    extra = 0
    if len(shown) > fit:
        extra = len(shown) - (fit - 1)
        shown = shown[: fit - 1]
    for status, text in shown:
        draw_mark(c, status, x + 1.1 * mm, y + 0.65 * mm)
        c.setFillColor(INK)
        draw_text(c, x + 3 * mm, y, text, size=5.2, max_width=room - 3 * mm, min_size=3.6)
        y -= step
    if extra:
        c.setFillColor(GREY)
        draw_text(
            c, x + 3 * mm, y, ct("more_on_sheet", lang, n=extra), size=5, max_width=room - 3 * mm
        )
    if not d.lines:
        c.setFillColor(GREY)
        draw_text(c, x, y, ct("none", lang), size=5.2)
    lx = x
    for status in MARK_ORDER:
        word = ct(f"st_{status}", lang)
        draw_mark(c, status, lx + 0.9 * mm, legend_y + 0.55 * mm, r=0.85 * mm)
        c.setFillColor(GREY)
        draw_text(c, lx + 2.3 * mm, legend_y, word, size=4.4)
        lx += 2.3 * mm + text_width(word, 4.4) + 2.2 * mm
    c.setFillColor(INK)


def title(lang: str) -> str:
    """The document's title."""
    del lang
    return both("card_title")
