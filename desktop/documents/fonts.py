"""Fonts for printed documents: Noto Sans (Latin) and Noto Sans Devanagari, shaped by HarfBuzz.

Devanagari needs shaping (conjuncts such as क्ष, pre-base matras such as ि), so every
Devanagari run goes through reportlab's `shapeStr` (uharfbuzz) before it is drawn.
The Devanagari font has no Latin letters, so text is cut into script runs and each run
gets its own font; digits and punctuation stay with the run around them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeStr

FONT_DIR = Path(__file__).parent / "fonts"
LATIN = "NotoSans"
LATIN_BOLD = "NotoSans-Bold"
DEVA = "NotoSansDevanagari"
DEVA_BOLD = "NotoSansDevanagari-Bold"
_FILES = {
    LATIN: "NotoSans-Regular.ttf",
    LATIN_BOLD: "NotoSans-Bold.ttf",
    DEVA: "NotoSansDevanagari-Regular.ttf",
    DEVA_BOLD: "NotoSansDevanagari-Bold.ttf",
}
_deva_chars: frozenset[int] = frozenset()


def register_fonts() -> None:
    """Register the four fonts with reportlab once (shapable, so HarfBuzz shapes them)."""
    global _deva_chars
    if LATIN in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file), shapable=True))
    pdfmetrics.registerFontFamily(LATIN, normal=LATIN, bold=LATIN_BOLD)
    pdfmetrics.registerFontFamily(DEVA, normal=DEVA, bold=DEVA_BOLD)
    font: Any = pdfmetrics.getFont(DEVA)
    _deva_chars = frozenset(font.face.charToGlyph)


def is_devanagari(ch: str) -> bool:
    """True for letters and signs of the Devanagari blocks."""
    o = ord(ch)
    return 0x0900 <= o <= 0x097F or 0xA8E0 <= o <= 0xA8FF or 0x1CD0 <= o <= 0x1CFF


@lru_cache(maxsize=4096)
def _runs(text: str) -> tuple[tuple[bool, str], ...]:
    return tuple(_split_runs(text))


def script_runs(text: str) -> list[tuple[bool, str]]:
    """Cut text into (is_devanagari, run) pieces; neutral characters join the run before them."""
    return list(_runs(text))


def _split_runs(text: str) -> list[tuple[bool, str]]:
    """The runs, worked out afresh.

    A neutral character (space, digit, punctuation) stays in a Devanagari run only if the
    Devanagari font has a glyph for it; anything else is drawn with the Latin font.
    """
    register_fonts()
    runs: list[tuple[bool, str]] = []
    for ch in text:
        if is_devanagari(ch) or ch in "\u200c\u200d":
            deva = True
        elif ch.isalpha():
            deva = False
        else:  # neutral: follow the current run when the Devanagari font can draw it
            deva = bool(runs) and runs[-1][0] and ord(ch) in _deva_chars
            if not runs:
                deva = False
        if runs and runs[-1][0] == deva:
            runs[-1] = (deva, runs[-1][1] + ch)
        else:
            runs.append((deva, ch))
    # A neutral character that opened the text belongs to the Devanagari run after it.
    if len(runs) > 1 and not runs[0][0] and runs[1][0]:
        head = runs[0][1]
        if not any(c.isalpha() for c in head) and all(ord(c) in _deva_chars for c in head):
            runs[1] = (True, head + runs[1][1])
            runs.pop(0)
    # Opening punctuation glued to the next word goes with that word: "(Priya)" stays whole.
    for i in range(len(runs) - 1):
        deva, run = runs[i]
        tail = len(run) - len(run.rstrip("([{\"'"))
        if 0 < tail < len(run):
            nxt_deva, nxt = runs[i + 1]
            if not nxt_deva or all(ord(c) in _deva_chars for c in run[-tail:]):
                runs[i] = (deva, run[:-tail])
                runs[i + 1] = (nxt_deva, run[-tail:] + nxt)
    return runs


def font_for(deva: bool, bold: bool = False) -> str:
    """The registered font name for a run."""
    if deva:
        return DEVA_BOLD if bold else DEVA
    return LATIN_BOLD if bold else LATIN


@lru_cache(maxsize=8192)
def shaped(text: str, font: str, size: float) -> str:
    """The run as reportlab draws it: shaped by HarfBuzz when it is Devanagari (cached)."""
    if font in (DEVA, DEVA_BOLD):
        out: str = shapeStr(text, font, size)
        return out
    return text


def _run_width(s: str, font: str, size: float) -> float:
    if isinstance(s, ShapedStr):
        return float(sum(d.x_advance for d in s.__shapeData__)) * size / 1000
    return float(pdfmetrics.stringWidth(s, font, size))


def _pieces(text: str, size: float, bold: bool) -> list[tuple[str, str, float]]:
    """(font, drawable run, width) for each script run of the text."""
    out = []
    for deva, run in _runs(text):
        font = font_for(deva, bold)
        s = shaped(run, font, size)
        out.append((font, s, _run_width(s, font, size)))
    return out


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of mixed-script text as it will be drawn."""
    return sum(w for _, _, w in _pieces(text, size, bold))


def draw_text(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    bold: bool = False,
    max_width: float | None = None,
    align: str = "left",
    min_size: float = 5.0,
) -> float:
    """Draw one line of mixed-script text at (x, y); shrinks it to fit max_width. Returns size.

    The text is cut into script runs; Devanagari runs are shaped and drawn glyph by glyph
    (reportlab's text object reads the ShapedStr positions), Latin runs drawn as they are.
    """
    pieces = _pieces(text, size, bold)
    width = sum(w for _, _, w in pieces)
    if max_width is not None and width > max_width and width > 0:
        size = max(min_size, size * max_width / width)
        pieces = _pieces(text, size, bold)
        width = sum(w for _, _, w in pieces)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    for font, s, w in pieces:
        t = canvas.beginText(x, y)
        t.setFont(font, size)
        t.textOut(s)
        canvas.drawText(t)
        x += w
    return size


def markup(text: str, *, bold: bool = False) -> str:
    """Paragraph markup for mixed-script text: each script run in its own font, XML-escaped.

    Paragraphs using this must have `shaping=1` in their style, so reportlab shapes
    each Devanagari word with HarfBuzz as it lays the lines out.
    """
    parts: list[str] = []
    for deva, run in script_runs(text):
        if parts and not run[:1].isspace() and not parts[-1].endswith(" </font>"):
            # reportlab shapes a whole word with one font: a hair space keeps scripts apart
            run = "\u200a" + run
        parts.append(f'<font name="{font_for(deva, bold)}">{escape(run)}</font>')
    return "".join(parts)


def fit_lines(
    text: str,
    *,
    size: float,
    max_width: float,
    max_lines: int = 2,
    min_size: float = 6.0,
    bold: bool = False,
) -> tuple[float, list[str]]:
    """The largest size (from `size` down to `min_size`) at which the text wraps into at most
    `max_lines` lines of `max_width`; returns (size, lines). A word too long for a line at
    the smallest size stays whole (draw it with draw_text's max_width to shrink it further).
    """
    words = text.split()
    s = size
    while True:
        lines: list[str] = []
        for w in words:
            if lines and text_width(f"{lines[-1]} {w}", s, bold=bold) <= max_width:
                lines[-1] = f"{lines[-1]} {w}"
            else:
                lines.append(w)
        fits = all(text_width(ln, s, bold=bold) <= max_width for ln in lines)
        if (len(lines) <= max_lines and fits) or s <= min_size:
            if len(lines) > max_lines:  # still too many: join the rest onto the last line
                lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
            return s, lines
        s = max(min_size, s - 0.5)


def draw_lines(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    max_width: float,
    max_lines: int = 2,
    min_size: float = 6.0,
    bold: bool = False,
    leading: float = 1.18,
) -> float:
    """Draw text wrapped into at most `max_lines` lines from baseline y down; returns the
    baseline below the last line (where the next line would go)."""
    s, lines = fit_lines(
        text, size=size, max_width=max_width, max_lines=max_lines, min_size=min_size, bold=bold
    )
    for ln in lines:
        draw_text(canvas, x, y, ln, size=s, bold=bold, max_width=max_width, min_size=3.5)
        y -= s * leading
    return y
