"""What every printed document shares: styles, header and footer, page numbers, photo, QR code."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from desktop.documents.fonts import LATIN, draw_text, markup, register_fonts
from desktop.documents.labels import fmt_date, t
from desktop.models import Child, Institution
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.lgd import district_name

Progress = Callable[[int, int], None]
# Streams as compressed binary, not ASCII85 text: smaller files, and reportlab's ASCII85
# encoder is pure Python here (it was the largest cost of printing 1,000 photo cards).
rl_config.useA85 = 0
INK = colors.HexColor("#1f2937")
BAND = colors.HexColor("#1e3a8a")
RULE = colors.HexColor("#9ca3af")
SHADE = colors.HexColor("#eef2f7")
ALERT = colors.HexColor("#b91c1c")


@dataclass(frozen=True)
class PageInfo:
    """What the header and footer of every page say."""

    title: str
    institution: str
    lang: str
    generated_by: str
    generated_at: datetime


def institution_name(inst: Institution, lang: str = "en") -> str:
    """The institution's name; in Hindi documents its Hindi name when one is recorded."""
    return inst.name_local if lang == "hi" and inst.name_local else inst.name


def institution_line(inst: Institution, lang: str = "en") -> str:
    """Institution name and district, e.g. "Asha Kiran Children's Home, Patna"."""
    return f"{institution_name(inst, lang)}, {district_name(inst.state_code, inst.district_code)}"


def child_names(child: Child) -> tuple[str, str | None]:
    """The child's name in Latin script and, if recorded, in the local script."""
    latin = " ".join(p for p in (child.first_name, child.last_name) if p)
    return latin, child.name_local


def styles(lang: str) -> dict[str, ParagraphStyle]:
    """Paragraph styles: Noto Sans, HarfBuzz shaping on (Devanagari runs switch font)."""
    register_fonts()
    # Hindi lines need more room above and below for matras and conjuncts.
    lead = 1.45 if lang == "hi" else 1.3

    def st(name: str, size: float, **kw: Any) -> ParagraphStyle:
        kw.setdefault("textColor", INK)
        return ParagraphStyle(
            name, fontName=LATIN, fontSize=size, leading=size * lead, shaping=1, **kw
        )

    return {
        "body": st("body", 9.5),
        "small": st("small", 8),
        "cell": st("cell", 8.5),
        "cellb": st("cellb", 8.5),
        "h1": st("h1", 16, spaceAfter=2),
        "h2": st("h2", 11.5, spaceBefore=8, spaceAfter=3, textColor=BAND),
        "code": st("code", 12),
    }


def para(text: object, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """A paragraph of mixed-script text (escaped; each script in its own font)."""
    return Paragraph(markup(str(text), bold=bold), style)


def grid(
    rows: list[list[Any]],
    widths: list[float],
    *,
    header: bool = True,
    st: dict[str, ParagraphStyle],
) -> Table:
    """A table of text cells with a shaded header row; long text wraps inside its cell."""
    body = [
        [c if not isinstance(c, str) else para(c, st["cell"], bold=header and i == 0) for c in row]
        for i, row in enumerate(rows)
    ]
    tbl = Table(body, colWidths=widths, repeatRows=1 if header else 0)
    cmds: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    tbl.setStyle(TableStyle(cmds))
    return tbl


def _decorate(c: Canvas, info: PageInfo, page: int, total: int) -> None:
    """Header (institution, title, CONFIDENTIAL) and footer (generated, page n of m)."""
    w, h = A4
    c.saveState()
    c.setFillColor(INK)
    draw_text(c, 18 * mm, h - 12 * mm, info.institution, size=8.5, max_width=120 * mm)
    draw_text(c, 18 * mm, h - 16.5 * mm, info.title, size=8.5, bold=True, max_width=120 * mm)
    c.setFillColor(ALERT)
    draw_text(
        c,
        w - 18 * mm,
        h - 12 * mm,
        t("confidential", info.lang),
        size=10,
        bold=True,
        align="right",
    )
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(18 * mm, h - 19 * mm, w - 18 * mm, h - 19 * mm)
    c.line(18 * mm, 16 * mm, w - 18 * mm, 16 * mm)
    c.setFillColor(INK)
    gen = t("generated", info.lang, at=fmt_date(info.generated_at), by=info.generated_by)
    draw_text(c, 18 * mm, 11.5 * mm, gen, size=7.5, max_width=120 * mm)
    draw_text(
        c,
        w - 18 * mm,
        11.5 * mm,
        t("page_of", info.lang, n=page, total=total),
        size=7.5,
        align="right",
    )
    draw_text(
        c, 18 * mm, 7.5 * mm, t("confidential_note", info.lang), size=6.5, max_width=w - 36 * mm
    )
    c.restoreState()


class _PartStart(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Zero-size marker: pages from here on belong to this part (its own header, page count)."""

    def __init__(self, info: PageInfo) -> None:
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def draw(self) -> None:
        """Tell the canvas which part its pages now belong to."""
        self.canv._clms_part = self.info


def build_pdf(story: list[Any], info: PageInfo) -> bytes:
    """Lay out an A4 document with header, footer and "page n of m" on every page."""
    return build_pdf_parts([(story, info)])


def build_pdf_parts(parts: list[tuple[list[Any], PageInfo]]) -> bytes:
    """Several documents in one A4 file (batch printing); each counts its own pages."""
    register_fonts()
    buf = io.BytesIO()
    first = parts[0][1]
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=24 * mm,
        bottomMargin=21 * mm,
        title=first.title,
        author=first.institution,
        creator="CLMS Desktop",
    )
    story: list[Any] = []
    for n, (flows, info) in enumerate(parts):
        if n:
            story.append(PageBreak())
        story.append(_PartStart(info))
        story.extend(flows)

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Keeps each page until the end, so every footer can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._clms_part = first

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for state in self._pages:
                key = id(state["_clms_part"])
                totals[key] = totals.get(key, 0) + 1
            seen: dict[int, int] = {}
            for state in self._pages:
                info = state["_clms_part"]
                seen[id(info)] = seen.get(id(info), 0) + 1
                self.__dict__.update(state)
                _decorate(self, info, seen[id(info)], totals[id(info)])
                super().showPage()
            super().save()

    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


def photo_image(child: Child, photos: AttachmentStore | None) -> ImageReader | None:
    """The child's photo for drawing, or None when there is none (or it cannot be read)."""
    if photos is None or not child.photo_hash:
        return None
    try:
        return ImageReader(io.BytesIO(photos.get(child.photo_hash)))
    except (OSError, ValueError):
        return None  # a damaged or missing file prints the empty photo box, not an error


def draw_photo(
    c: Canvas, img: ImageReader | None, x: float, y: float, w: float, h: float, lang: str
) -> None:
    """The photo fitted in its box (kept in proportion), or an empty box saying "Photo"."""
    c.saveState()
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    if img is None:
        c.setFillColor(SHADE)
        c.rect(x, y, w, h, stroke=1, fill=1)
        c.setFillColor(RULE)
        draw_text(c, x + w / 2, y + h / 2 - 3, t("photo", lang), size=7, align="center")
    else:
        iw, ih = img.getSize()
        scale = min(w / iw, h / ih)
        dw, dh = iw * scale, ih * scale
        c.drawImage(img, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh, mask="auto")
        c.rect(x, y, w, h, stroke=1, fill=0)
    c.restoreState()


def qr_modules(text: str) -> list[list[bool]]:
    """The QR code of `text` as rows of dark/light modules (error correction M, 4-module border).

    The mask pattern is fixed: any of the eight is valid QR, and searching for the best
    one costs about 7 ms a code, most of the time of a 1,000-card print run.
    """
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, mask_pattern=2)
    qr.add_data(text, optimize=0)
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


def draw_qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of `text`, size x size points, lower-left at x, y, as one filled path.

    The rectangles (one per run of dark modules in a row) are written as PDF path
    operators directly: reportlab's per-rectangle number formatting was a third of
    the time of a 1,000-card run.
    """
    rows = qr_modules(text)
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
