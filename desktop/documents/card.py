"""The entitlement card: ID-card size (CR80, 85.6 x 54 mm) front and back, or A4 sheets of cards.

One card prints as two CR80 pages (front, back). Many cards print on A4 sheets of
eight with crop marks; each sheet of fronts is followed by its sheet of backs, mirrored
left to right so that a long-edge duplex print puts every back behind its front.
The QR code holds the child code and nothing else (no personal data).

A child with a child-labour (CLTS) case whose CWC final order is recorded gets the CLTS
entitlement card instead (`desktop.documents.clts_card`: entitlements with status marks,
helplines, a QR code with the case ID and a signed token), when the person printing may
see CLTS details; the sheet layout, crop marks and duplex order are the same.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format.card_token import Signer
from desktop.documents.clts_card import CltsCardData, card_data, draw_back, draw_front
from desktop.documents.common import (
    ALERT,
    BAND,
    INK,
    Progress,
    child_names,
    draw_photo,
    draw_qr,
    institution_name,
    photo_image,
    styles,
)
from desktop.documents.fonts import draw_lines, draw_text, markup, register_fonts
from desktop.documents.labels import t
from desktop.models import Child, Institution
from desktop.rules.clts_policy import load_clts_policy
from desktop.services.clts.rescue import cases_of
from desktop.services.clts.summary import card_problem
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotFound
from desktop.services.core.lgd import district_name
from desktop.services.core.permissions import Permission, has

CARD_W = 85.6 * mm
CARD_H = 54 * mm
COLS, ROWS = 2, 4  # eight cards on an A4 sheet, with room for crop marks and printer margins
GAP_X, GAP_Y = 6 * mm, 6 * mm
MARK_OFFSET, MARK_LEN = 2 * mm, 5 * mm
GREY = colors.HexColor("#6b7280")


@dataclass(frozen=True)
class CardData:
    """What one card shows (no personal data beyond names and code)."""

    code: str
    name: str
    name_local: str | None
    institution: str
    district: str
    registration_no: str
    photo: ImageReader | None
    clts: CltsCardData | None = None  # the child-labour card replaces this one


def _clts(
    session: Session,
    child: Child,
    photos: AttachmentStore | None,
    lang: str,
    signer: Signer | None,
    today: date,
) -> CltsCardData | None:
    """The CLTS card of a rescued child, when it may be printed and the printer may see it."""
    if not has(actor_of(session), Permission.SEE_CLTS):
        return None
    cases = cases_of(session, child)
    policy = load_clts_policy()
    if not cases or card_problem(cases[0], policy) is not None:
        return None
    return card_data(
        session, cases[0], lang=lang, today=today, policy=policy, photos=photos, signer=signer
    )


def _load(
    session: Session,
    child_ids: list[int],
    photos: AttachmentStore | None,
    lang: str,
    signer: Signer | None = None,
    today: date | None = None,
) -> list[CardData]:
    """The cards' data in the order of `child_ids`; NotFound names ids that do not exist."""
    found: dict[int, Child] = {}
    for start in range(0, len(child_ids), 500):
        chunk = child_ids[start : start + 500]
        found.update((c.id, c) for c in session.scalars(select(Child).where(Child.id.in_(chunk))))
    missing = [i for i in child_ids if i not in found]
    if missing:
        raise NotFound(f"no child with id {', '.join(map(str, missing[:5]))}")
    insts: dict[int, Institution] = {}
    out = []
    for cid in child_ids:
        c = found[cid]
        inst = insts.setdefault(c.institution_id, c.institution)
        name, local = child_names(c)
        out.append(
            CardData(
                code=c.code,
                name=name,
                name_local=local,
                institution=institution_name(inst, lang),
                district=district_name(inst.state_code, inst.district_code),
                registration_no=inst.registration_no,
                photo=photo_image(c, photos),
                clts=_clts(session, c, photos, lang, signer, today or date.today()),
            )
        )
    return out


def _front(c: Canvas, d: CardData, lang: str) -> None:
    """Draw a card front with its lower-left corner at the origin."""
    if d.clts is not None:
        draw_front(c, d.clts, lang)
        return
    band = 12 * mm
    c.setFillColor(BAND)
    c.rect(0, CARD_H - band, CARD_W, band, stroke=0, fill=1)
    c.setFillColor(colors.white)
    draw_text(
        c,
        4 * mm,
        CARD_H - 5.2 * mm,
        d.institution,
        size=8,
        bold=True,
        max_width=CARD_W - 8 * mm,
        min_size=4.5,
    )
    draw_text(
        c,
        4 * mm,
        CARD_H - 9.6 * mm,
        f"{d.district}  ·  {t('card_title', lang)}",
        size=6.5,
        max_width=CARD_W - 8 * mm,
    )
    foot = 7 * mm
    c.setFillColor(ALERT)
    c.rect(0, 0, CARD_W, foot, stroke=0, fill=1)
    c.setFillColor(colors.white)
    draw_text(c, CARD_W / 2, 2.3 * mm, t("childline", lang), size=8.5, bold=True, align="center")
    draw_photo(c, d.photo, 4 * mm, foot + 3.5 * mm, 20 * mm, 25 * mm, lang)
    x = 28 * mm
    room = CARD_W - x - 4 * mm
    top = CARD_H - band - 5.5 * mm
    c.setFillColor(GREY)
    draw_text(c, x, top, t("name", lang), size=5.5)
    c.setFillColor(INK)
    # Names wrap onto a second line before they shrink; the code block below stays put.
    code_label = foot + 9 * mm
    two = bool(d.name_local)
    y = draw_lines(
        c, x, top - 4.4 * mm, d.name, size=10, max_width=room, bold=True, max_lines=2, min_size=7
    )
    if two:
        y = draw_lines(
            c,
            x,
            y - 0.6 * mm,
            d.name_local or "",
            size=10,
            max_width=room,
            bold=True,
            max_lines=1 if y < code_label + 12 * mm else 2,
            min_size=7,
        )
    c.setFillColor(GREY)
    draw_text(c, x, code_label, t("child_code", lang), size=5.5)
    c.setFillColor(INK)
    draw_text(c, x, code_label - 4 * mm, d.code, size=9, bold=True, max_width=room)


class _Back:
    """Draws card backs; the help paragraph is laid out once and reused for every card."""

    def __init__(self, lang: str) -> None:
        st = styles(lang)["small"].clone("cardhelp", fontSize=6.2, leading=8.2)
        self.lang = lang
        self.help = Paragraph(markup(t("card_back_help", lang)), st)
        self.text_w = CARD_W - 38 * mm
        _, self.help_h = self.help.wrap(self.text_w, 30 * mm)

    def draw(self, c: Canvas, d: CardData) -> None:
        """Draw a card back with its lower-left corner at the origin."""
        if d.clts is not None:
            draw_back(c, d.clts, self.lang)
            return
        qr = 30 * mm  # about 1.2 mm a module: scans from a cheap phone camera
        draw_qr(c, d.code, 2 * mm, CARD_H - qr - 3 * mm, qr)
        c.setFillColor(INK)
        draw_text(
            c,
            2 * mm + qr / 2,
            CARD_H - qr - 5.5 * mm,
            d.code,
            size=5.8,
            align="center",
            max_width=qr + 2 * mm,
        )
        c.setFillColor(GREY)
        draw_text(
            c,
            2 * mm + qr / 2,
            CARD_H - qr - 8.6 * mm,
            t("scan_code", self.lang),
            size=5,
            align="center",
            max_width=qr + 2 * mm,
        )
        x = 35 * mm
        y = CARD_H - 5 * mm - self.help_h
        self.help.drawOn(c, x, y)
        c.setFillColor(INK)
        y = draw_lines(
            c,
            x,
            y - 4.2 * mm,
            d.institution,
            size=7,
            bold=True,
            max_width=self.text_w,
            max_lines=2,
            min_size=5.5,
        )
        draw_text(c, x, y - 0.6 * mm, d.district, size=6.5, max_width=self.text_w)
        c.setFillColor(GREY)
        draw_text(c, x, y - 3.9 * mm, d.registration_no, size=5.8, max_width=self.text_w)
        c.setFillColor(ALERT)
        draw_text(c, x, 5 * mm, "1098", size=16, bold=True)
        draw_text(
            c,
            x + 16 * mm,
            5.6 * mm,
            t("childline_word", self.lang),
            size=6.5,
            bold=True,
            max_width=CARD_W - x - 18 * mm,
        )


def _cell(col: int, row: int) -> tuple[float, float]:
    """Lower-left corner of a card cell on the A4 sheet (row 0 at the top)."""
    pw, ph = A4
    grid_w = COLS * CARD_W + (COLS - 1) * GAP_X
    grid_h = ROWS * CARD_H + (ROWS - 1) * GAP_Y
    x0 = (pw - grid_w) / 2
    y_top = (ph + grid_h) / 2
    return x0 + col * (CARD_W + GAP_X), y_top - (row + 1) * CARD_H - row * GAP_Y


def crop_mark_lines() -> list[tuple[float, float, float, float]]:
    """The crop marks of a sheet as (x1, y1, x2, y2): in the margins, on every cut line."""
    pw, ph = A4
    left, bottom = _cell(0, ROWS - 1)
    right = _cell(COLS - 1, 0)[0] + CARD_W
    top = _cell(0, 0)[1] + CARD_H
    lines = []
    for col in range(COLS):
        for x in (_cell(col, 0)[0], _cell(col, 0)[0] + CARD_W):
            lines.append((x, top + MARK_OFFSET, x, top + MARK_OFFSET + MARK_LEN))
            lines.append((x, bottom - MARK_OFFSET, x, bottom - MARK_OFFSET - MARK_LEN))
    for row in range(ROWS):
        for y in (_cell(0, row)[1], _cell(0, row)[1] + CARD_H):
            lines.append((left - MARK_OFFSET, y, left - MARK_OFFSET - MARK_LEN, y))
            lines.append((right + MARK_OFFSET, y, right + MARK_OFFSET + MARK_LEN, y))
    return lines


def _marks(c: Canvas) -> None:
    c.saveState()
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.3)
    for x1, y1, x2, y2 in crop_mark_lines():
        c.line(x1, y1, x2, y2)
    c.restoreState()


def _placed(c: Canvas, x: float, y: float, draw: object, *args: object) -> None:
    c.saveState()
    c.translate(x, y)
    draw(c, *args)  # type: ignore[operator]
    # a faint outline shows the card's edge on white paper; the crop marks guide the cut
    c.setStrokeColor(colors.HexColor("#d1d5db"))
    c.setLineWidth(0.25)
    c.rect(0, 0, CARD_W, CARD_H, stroke=1, fill=0)
    c.restoreState()


def _single(c: Canvas, d: CardData, back: _Back, lang: str) -> None:
    c.setPageSize((CARD_W, CARD_H))
    _front(c, d, lang)
    c.showPage()
    c.setPageSize((CARD_W, CARD_H))
    back.draw(c, d)
    c.showPage()


def _sheets(
    c: Canvas, cards: list[CardData], back: _Back, lang: str, progress: Progress | None
) -> None:
    per = COLS * ROWS
    done = 0
    for start in range(0, len(cards), per):
        batch = cards[start : start + per]
        c.setPageSize(A4)
        _marks(c)
        for i, d in enumerate(batch):
            x, y = _cell(i % COLS, i // COLS)
            _placed(c, x, y, _front, d, lang)
            done += 1
            if progress:
                progress(done, len(cards))
        c.showPage()
        c.setPageSize(A4)
        _marks(c)
        for i, d in enumerate(batch):  # mirrored columns: long-edge duplex
            x, y = _cell(COLS - 1 - i % COLS, i // COLS)
            _placed(c, x, y, back.draw, d)
        c.showPage()


def cards_pdf(
    session: Session,
    *,
    child_ids: Iterable[int],
    lang: str = "en",
    sheet: bool | None = None,
    photos: AttachmentStore | None = None,
    progress: Progress | None = None,
    signer: Signer | None = None,
    today: date | None = None,
) -> bytes:
    """Entitlement cards: one child on CR80 pages (front, back), or A4 sheets with crop marks.

    `sheet=None` chooses: one child -> card-size pages, several -> A4 sheets. A rescued
    child's card is the CLTS card; `signer` makes its QR token (None: the case ID only).
    """
    register_fonts()
    ids = list(child_ids)
    if not ids:
        raise ValueError("choose at least one child to print a card for")
    cards = _load(session, ids, photos, lang, signer, today)
    use_sheet = len(cards) > 1 if sheet is None else sheet
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4 if use_sheet else (CARD_W, CARD_H), pageCompression=1)
    c.setTitle(t("card_title", lang))
    c.setCreator("CLMS Desktop")
    back = _Back(lang)
    if use_sheet:
        _sheets(c, cards, back, lang, progress)
    else:
        for n, d in enumerate(cards, start=1):
            _single(c, d, back, lang)
            if progress:
                progress(n, len(cards))
    c.save()
    return buf.getvalue()
