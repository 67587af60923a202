"""Reading PDFs back in tests: text, raw streams, rendered pages, and the glyphs drawn."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import uharfbuzz as hb
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject, StreamObject

FONT_DIR = Path(__file__).resolve().parents[1] / "desktop" / "documents" / "fonts"


def pdf_text(data: bytes) -> str:
    """All extracted text of every page (pypdf)."""
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def raw_streams(data: bytes) -> bytes:
    """The file's raw bytes followed by every stream object decoded (content, fonts, images)."""
    reader = PdfReader(io.BytesIO(data))
    out = [data]
    for gen, objects in reader.xref.items():
        for num in objects:
            obj = reader.get_object(IndirectObject(num, gen, reader))
            if isinstance(obj, StreamObject):
                out.append(obj.get_data())
    return b"\n".join(out)


def content_streams(data: bytes) -> bytes:
    """Every page's decoded content stream (the drawing operators), joined."""
    return b"\n".join(p.get_contents().get_data() for p in PdfReader(io.BytesIO(data)).pages)


def render_page(data: bytes, page: int = 0, dpi: int = 200) -> Image.Image:
    """One page as an image: poppler's pdftoppm when installed, else Qt's PDF renderer."""
    if shutil.which("pdftoppm"):
        with tempfile.TemporaryDirectory() as d:
            src = Path(d) / "in.pdf"
            src.write_bytes(data)
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    str(dpi),
                    "-f",
                    str(page + 1),
                    "-l",
                    str(page + 1),
                    "-singlefile",
                    str(src),
                    str(Path(d) / "out"),
                ],
                check=True,
            )
            return Image.open(Path(d) / "out.png").convert("RGB")
    return _render_with_qt(data, page, dpi)


def _render_with_qt(data: bytes, page: int, dpi: int) -> Image.Image:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument

    _app = QGuiApplication.instance() or QGuiApplication([])
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buf)
    size = doc.pagePointSize(page)
    img = doc.render(page, QSize(int(size.width() * dpi / 72), int(size.height() * dpi / 72)))
    ba = QByteArray()
    out = QBuffer(ba)
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(out, "PNG")
    del _app
    return Image.open(io.BytesIO(bytes(ba.data()))).convert("RGB")


class _Pen:
    """Records a glyph outline as a tuple of drawing commands."""

    def __init__(self) -> None:
        self.ops: list[tuple[Any, ...]] = []

    def moveTo(self, *a: Any) -> None:  # noqa: N802 - the pen protocol's names
        self.ops.append(("M", *a))

    def lineTo(self, *a: Any) -> None:  # noqa: N802
        self.ops.append(("L", *a))

    def qCurveTo(self, *a: Any) -> None:  # noqa: N802
        self.ops.append(("Q", *a))

    def curveTo(self, *a: Any) -> None:  # noqa: N802
        self.ops.append(("C", *a))

    def closePath(self) -> None:  # noqa: N802
        self.ops.append(("Z",))

    def endPath(self) -> None:  # noqa: N802
        self.ops.append(("E",))


def outline(font: hb.Font, gid: int) -> tuple[Any, ...]:
    """A glyph's identity: its outline and advance width (survives subsetting and renumbering)."""
    pen = _Pen()
    font.draw_glyph_with_pen(gid, pen)
    return (tuple(pen.ops), font.get_glyph_h_advance(gid))


def hb_font(path: Path) -> hb.Font:
    """A HarfBuzz font from a file."""
    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))


def harfbuzz_glyphs(text: str, path: Path) -> list[int]:
    """The glyph ids HarfBuzz chooses for the text with the font (default features)."""
    font = hb_font(path)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    return [i.codepoint for i in buf.glyph_infos]


def drawn_glyphs(data: bytes, *, font_name: str, page: int = 0) -> list[tuple[Any, ...]]:
    """Outlines of the glyphs drawn with an embedded font, in content-stream order.

    Reads the PDF independently of the code that wrote it: the embedded subset font file
    (FontFile2) maps each character code to a glyph, whose outline is taken with HarfBuzz.
    """
    reader = PdfReader(io.BytesIO(data))
    pg = reader.pages[page]
    fonts = {}
    for key, ref in pg["/Resources"]["/Font"].items():
        f = ref.get_object()
        if str(f.get("/BaseFont", "")).split("+")[-1] == font_name:
            blob = f["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
            fonts[key] = hb.Font(hb.Face(hb.Blob(blob)))
    seq: list[tuple[Any, ...]] = []
    current = None
    for operands, op in ContentStream(pg.get_contents(), reader).operations:
        if op == b"Tf":
            current = operands[0]
        elif current in fonts and op in (b"Tj", b"TJ"):
            parts = operands[0] if op == b"TJ" else [operands[0]]
            for s in parts:
                if isinstance(s, bytes | str):
                    raw = s.get_original_bytes() if hasattr(s, "get_original_bytes") else s
                    for code in bytes(raw):
                        gid = fonts[current].get_nominal_glyph(code)
                        if gid is None and code >= 0x80:
                            # reportlab's subsets keep a Macintosh (1, 0) cmap, which HarfBuzz
                            # reads as Mac Roman: byte 0x84 is looked up as U+00D1.
                            mac = ord(bytes([code]).decode("mac_roman"))
                            gid = fonts[current].get_nominal_glyph(mac)
                        seq.append(outline(fonts[current], gid or 0))
    return seq


def contains_run(seq: list[Any], run: list[Any]) -> bool:
    """Whether `run` occurs as a contiguous slice of `seq`."""
    n = len(run)
    return any(seq[i : i + n] == run for i in range(len(seq) - n + 1))
