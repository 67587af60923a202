"""What takes the space in the one-folder build (dist/clms-desktop, `make installer`).

    python bench/build_size.py [FOLDER]

Prints the total and the parts, largest first: Qt's libraries, plugins and Python bindings,
the Python runtime, each Python package, the system libraries a Linux build carries, and
CLMS's own code and data. Not run by `make bench` (it needs a build); `make installer-smoke`
prints it after the smoke test.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / "dist" / "clms-desktop"


def part_of(rel: Path) -> str:
    """The part of the build a file belongs to (its path inside the folder)."""
    parts = rel.parts
    name = rel.name
    if parts[0] != "_internal":
        # Each program is PyInstaller's small starter plus its own copy of the archive of
        # compiled Python modules (PYZ): most of its size is that archive, once per program.
        return "the two programs (starter + Python modules archive, each)"
    if re.match(r"(lib)?icu", name, re.I):
        return "ICU (Unicode tables; the Linux Qt ships its own)"
    if len(parts) == 2:
        if re.match(r"(lib)?python3", name):
            return "Python runtime"
        if name == "base_library.zip":
            return "Python runtime"
        if re.search(r"Qt6", name, re.I):
            return "Qt libraries"
        return "system libraries (Linux build) / other DLLs"
    top = parts[1]
    if top == "PySide6":
        if re.match(r"(lib)?icu", name, re.I):
            return "ICU (Unicode tables; the Linux Qt ships its own)"
        if "plugins" in parts:
            return "Qt plugins"
        if re.search(r"\.(pyd|abi3\.so)$", name):
            return "Qt Python bindings"
        return "Qt libraries"
    if top in ("python3.11", "lib-dynload"):
        return "Python runtime"
    if top == "desktop":
        return "CLMS code and data (policy, migrations, fonts, Hindi)"
    if top.endswith(".libs"):
        return f"{top[:-5]} (its bundled libraries)"
    if top.endswith(".dist-info"):
        return "package metadata"
    return top


def sizes(folder: Path) -> tuple[int, Counter[str]]:
    """Total bytes and bytes per part (files only; a symbolic link counts nothing)."""
    parts: Counter[str] = Counter()
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            parts[part_of(p.relative_to(folder))] += p.stat().st_size
    return sum(parts.values()), parts


def main(argv: list[str]) -> int:
    """Print the size report."""
    folder = Path(argv[0]) if argv else DEFAULT
    if not folder.is_dir():
        print(f"{folder} is not there: run `make installer` first", file=sys.stderr)
        return 1
    total, parts = sizes(folder)
    print(f"{folder}: {total / 1e6:.1f} MB in all")
    for name, n in parts.most_common(15):
        print(f"  {n / 1e6:7.1f} MB  {name}")
    rest = total - sum(n for _, n in parts.most_common(15))
    if rest:
        print(f"  {rest / 1e6:7.1f} MB  the rest ({len(parts) - 15} smaller parts)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
