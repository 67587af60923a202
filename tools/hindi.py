"""Hindi for the window's English strings, filled into desktop/i18n/clms_hi.ts.

    python tools/hindi.py        # lupdate over desktop/views, fill, lrelease

The .ts file is the translation source of record (Qt Linguist can edit it too); the
tables in `tools/hindi_words/*.toml` (one file an area of screens) are how translations
were first written and how new strings get theirs. Keys are the English source texts;
`{0}`-style places and `&` shortcuts are kept.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

WORDS = Path(__file__).resolve().parent / "hindi_words"


def load_words(folder: Path = WORDS) -> dict[str, str]:
    """English -> Hindi from every `*.toml` in `folder` (one file an area of screens)."""
    words: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        for en, hi in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if en in words and words[en] != hi:
                raise SystemExit(f"{path.name}: {en!r} has two Hindi texts; use HI_IN_CONTEXT")
            words[en] = hi
    return words


HI: dict[str, str] = load_words()

# Where one English word needs different Hindi in different places: (context, source).
HI_IN_CONTEXT: dict[tuple[str, str], str] = {
    ("Vocab", "Open"): "खुला",
    ("QPlatformTheme", "Open"): "खोलें",
    ("QPlatformTheme", "Close"): "बंद करें",
    ("Vocab", "Adopted"): "गोद लिए गए",
    ("CltsTab", "Visit"): "भ्रमण",  # a follow-up visit to the family, not a guardian's visit
    ("TransfersPage", "To"): "किस संस्था को",  # the receiving CCI, not "until"
}


def fill(ts_path: Path) -> tuple[int, list[tuple[str, str]]]:
    """Give every unfinished message of the .ts its Hindi; (filled, still missing)."""
    tree = ET.parse(ts_path)
    filled, missing = 0, []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            kind = tr.get("type")
            if kind in ("obsolete", "vanished") or (tr.text and kind != "unfinished"):
                continue  # finished translations are kept as they are (Linguist edits too)
            hindi = HI_IN_CONTEXT.get((name, source)) or HI.get(source)
            if hindi is None:
                missing.append((name, source))
                continue
            tr.text = hindi
            tr.attrib.pop("type", None)
            filled += 1
    ET.indent(tree)
    with ts_path.open("wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    return filled, missing


def main() -> int:
    """lupdate over every window module, fill the Hindi, lrelease to the .qm."""
    root = Path(__file__).resolve().parent.parent
    ts = root / "desktop" / "i18n" / "clms_hi.ts"
    qm = ts.with_suffix(".qm")
    tools = Path(sys.executable).parent
    sources = sorted(str(p) for p in (root / "desktop" / "views").rglob("*.py"))
    subprocess.run(
        [
            str(tools / "pyside6-lupdate"),
            *sources,
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            "hi_IN",
            "-ts",
            str(ts),
        ],
        check=True,
    )
    filled, missing = fill(ts)
    subprocess.run([str(tools / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
    print(f"filled {filled}; without Hindi: {len(missing)}")
    for ctx, source in missing:
        print(f"  {ctx}: {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
