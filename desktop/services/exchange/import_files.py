"""Reading an import file safely: size limits first, text decoded strictly, JSON kept shallow.

- A file larger than `MAX_FILE_BYTES` (an Excel workbook: larger than `MAX_XLSX_UNPACKED`
  once unpacked) is refused before it is read.
- CSV text: a byte-order mark says the encoding (UTF-8, UTF-16 or UTF-32); without one
  each line is read as strict UTF-8, and only a line that is not UTF-8 is read as
  Windows-1252 (what Excel writes on an Indian Windows PC), with a note naming the row,
  the field and the text as read, so a person checks it ("row 5: first_name: decoded as
  Windows-1252; check 'Jœlia'"). A file with NUL bytes and no mark is UTF-16 without its
  mark, or not text: refused with what to do.
- A cell longer than `MAX_CELL_CHARS` is reported on its row and field.
- JSON deeper than `MAX_JSON_DEPTH` is refused (the format needs 4 levels).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 50 * 1024 * 1024  # a register of 100,000 children is about 20 MB
MAX_XLSX_UNPACKED = 500 * 1024 * 1024  # an .xlsx is a zip: refuse a "zip bomb"
MAX_CELL_CHARS = 10_000
MAX_JSON_DEPTH = 32
csv.field_size_limit(MAX_CELL_CHARS * 4 + 16)  # a longer cell stops csv before our check

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


class Unreadable(Exception):
    """The file cannot be read as the format its name says (the message says why)."""


@dataclass
class CsvText:
    """A CSV file's records, numbered from 1, and the records read as Windows-1252."""

    records: list[list[str]]
    cp1252_records: set[int] = field(default_factory=set)


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    """The file's size, or Unreadable if it is larger than `limit` (checked before reading)."""
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        raise Unreadable(f"the file cannot be read: {exc.strerror}") from None
    if size > limit:
        raise Unreadable(
            f"the file is too large to import ({size / 1024 / 1024:,.0f} MB; at most "
            f"{limit // 1024 // 1024} MB): split it into smaller files"
        )
    return size


def _decode_lines(raw: bytes) -> tuple[str, set[int]]:
    """The text, and the numbers (from 1) of the lines read as Windows-1252."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec), set()
            except UnicodeDecodeError as exc:
                raise Unreadable(
                    f"the file says it is {name} text but is not (at byte {exc.start})"
                ) from None
    if b"\x00" in raw:
        raise Unreadable(
            "this is not a text file, or it is UTF-16 text without its byte-order mark: "
            "in Excel use Save As, 'CSV UTF-8 (Comma delimited)'"
        )
    try:
        return raw.decode("utf-8"), set()
    except UnicodeDecodeError:
        pass
    out, legacy = [], set()
    for n, line in enumerate(raw.splitlines(keepends=True), start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
            legacy.add(n)
    return "".join(out), legacy


def read_csv(path: Path) -> CsvText:
    """The records of a CSV file (comma, semicolon or tab separated), decoded strictly."""
    check_size(path)
    text, legacy = _decode_lines(Path(path).read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    cp1252: set[int] = set()
    line = 0
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            records.append(record)
            if legacy and any(n in legacy for n in range(start, line + 1)):
                cp1252.add(len(records))
    except csv.Error as exc:
        raise Unreadable(f"not a readable CSV file (line {reader.line_num}): {exc}") from None
    return CsvText(records, cp1252)


def check_xlsx(path: Path) -> None:
    """Refuse a workbook too large to read, packed or unpacked, before opening it."""
    check_size(path)
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise Unreadable(f"not a readable Excel (.xlsx) file: {exc}") from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise Unreadable(
            f"the workbook unpacks to {unpacked / 1024 / 1024:,.0f} MB (at most "
            f"{MAX_XLSX_UNPACKED // 1024 // 1024} MB): split it into smaller files"
        )


def depth(doc: Any) -> int:
    """How deeply lists and objects nest in a JSON value (a scalar is 0), without recursion."""
    deepest, stack = 0, [(doc, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_JSON_DEPTH:
            return level
        stack.extend((c, level + 1) for c in children)
    return deepest


def read_json(path: Path) -> Any:
    """A JSON file (UTF-8, a byte-order mark allowed), refused if too large or too deep."""
    check_size(path)
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("the file is not UTF-8 text") from None
    try:
        doc = json.loads(text)
    except RecursionError:
        raise Unreadable(
            f"the file nests lists or objects too deeply (at most {MAX_JSON_DEPTH} levels)"
        ) from None
    except json.JSONDecodeError as exc:
        raise Unreadable(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from None
    if depth(doc) > MAX_JSON_DEPTH:
        raise Unreadable(
            f"the file nests lists or objects too deeply (at most {MAX_JSON_DEPTH} levels)"
        )
    return doc


def long_values(doc: Any, limit: int = MAX_CELL_CHARS) -> list[tuple[list[str | int], int]]:
    """Paths of the strings in a JSON value longer than `limit`, with their lengths."""
    out: list[tuple[list[str | int], int]] = []
    stack: list[tuple[Any, list[str | int]]] = [(doc, [])]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if len(value) > limit:
                out.append((path, len(value)))
        elif isinstance(value, dict):
            stack.extend((v, [*path, str(k)]) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, [*path, i]) for i, v in enumerate(value))
    return sorted(out, key=lambda p: [str(x) for x in p[0]])
