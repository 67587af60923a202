"""The frozen one-folder build (dist/clms-desktop, `make installer`) works as installed.

Runs only with CLMS_FROZEN_SMOKE=1 (`make installer-smoke` builds, then runs this; `.ci/run`
does it as its own step). Every step runs the built programs, never the source tree:
`--version`, the window offscreen over a demo folder with its self-check (start-up rules,
every screen, Hindi, the rules in spawned worker processes), a Hindi PDF whose Devanagari
is shaped, and a bundle built by the frozen CCI, opened by the frozen district office and
by central.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bundle_format.keys import generate_keys, write_public_key_file
from desktop.db import connect_raw, head_revision
from desktop.version import __version__
from tests.pdf_tools import (
    FONT_DIR,
    contains_run,
    drawn_glyphs,
    harfbuzz_glyphs,
    hb_font,
    outline,
    pdf_text,
)

pytestmark = pytest.mark.skipif(
    os.environ.get("CLMS_FROZEN_SMOKE") != "1",
    reason="the frozen build's smoke test: make installer-smoke (or CLMS_FROZEN_SMOKE=1)",
)
DIST = Path(__file__).resolve().parents[1] / "dist" / "clms-desktop"
SUFFIX = ".exe" if sys.platform == "win32" else ""
CHILDREN = 300
REAL_CHILDREN = 30  # a real home's register (the bundle test)
PASSPHRASE = "frozen smoke passphrase"


def program(name: str) -> Path:
    """A program of the build; fails (not skips) when the build is missing."""
    path = DIST / f"{name}{SUFFIX}"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make installer` first")
    return path


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A bare environment: its own home (settings, keyring), offscreen Qt, no Python paths."""
    home = tmp_path_factory.mktemp("home")
    keep = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "TEMP", "TMP")
    out = {k: v for k, v in os.environ.items() if k in keep}
    out.update(
        HOME=str(home),
        USERPROFILE=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # keys go to passphrase files
        CLMS_KEY_PASSPHRASE=PASSPHRASE,
        # The data key's passphrase (no keyring here): the one this test process opens the
        # same folders with (tests/conftest.py).
        CLMS_DATA_PASSPHRASE=os.environ["CLMS_DATA_PASSPHRASE"],
    )
    return out


def run(env: dict[str, str], name: str, *args: str, timeout: int = 300) -> str:
    """Run a program of the build; its output, or a failure showing what it said."""
    r = subprocess.run(
        [str(program(name)), *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert r.returncode == 0, (
        f"{name} {' '.join(args)} exited {r.returncode}:\n{r.stdout}\n{r.stderr}"
    )
    return r.stdout


def clms(env: dict[str, str], data: Path, *args: str) -> str:
    """The frozen command line over a data folder."""
    return run(env, "clms", "--data-dir", str(data), *args)


@pytest.fixture(scope="module")
def demo(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A practice folder set up and filled with invented children by the frozen `clms`."""
    d = tmp_path_factory.mktemp("practice") / "data"
    clms(env, d, "init", "--name", "Practice Home", "--type", "childrens-home", "--state", "10",
         "--district", "212", "--registration-no", "PRACTICE")  # fmt: skip
    clms(env, d, "-q", "demo", "--children", str(CHILDREN))
    return d


def test_both_programs_say_their_version(env: dict[str, str]) -> None:
    """`--version` of the window and of the command line names this release and its schema."""
    want = f"CLMS Desktop {__version__} (database schema {head_revision()})"
    assert run(env, "clms", "--version").strip() == want
    assert run(env, "clms-desktop", "--version").strip() == want


def test_window_self_check_over_a_demo_folder(
    env: dict[str, str], demo: Path, tmp_path: Path
) -> None:
    """The frozen window opens every screen, runs the rules at start and in spawned workers."""
    report = tmp_path / "report.json"
    run(env, "clms-desktop", "--data-dir", str(demo), "--self-check", str(report))
    got = json.loads(report.read_text(encoding="utf-8"))
    assert got["ok"], got["problems"]
    assert got["frozen"] is True and got["version"] == __version__
    assert got["children"] == CHILDREN
    assert got["startup_rules"]["ok"] and got["startup_rules"]["open_flags"] > 0
    assert "failed" not in got["screens"].values()
    assert {"dashboard", "children", "sync", "settings", "profile"} <= set(got["screens"])
    assert got["hindi"]["ok"]
    workers = got["rule_workers"]
    assert workers["processes"] == 2 and workers["start_method"] == "spawn"
    assert workers["same_as_one_process"] and workers["hits"] > 0


def test_hindi_case_summary_is_shaped(env: dict[str, str], demo: Path, tmp_path: Path) -> None:
    """A case summary printed in Hindi by the frozen build draws HarfBuzz-shaped Devanagari."""
    con = connect_raw(demo / "clms.sqlite3")
    (code,) = con.execute("SELECT code FROM child ORDER BY id LIMIT 1").fetchone()
    con.close()
    out = tmp_path / "summary.pdf"
    clms(env, demo, "print", "summary", code, "--lang", "hi", "-o", str(out))
    pdf = out.read_bytes()
    assert code in pdf_text(pdf)
    title = "प्रकरण सारांश"  # "Case summary": प्र is a conjunct, drawn only if shaped
    path = FONT_DIR / "NotoSansDevanagari-Bold.ttf"
    font = hb_font(path)
    drawn = drawn_glyphs(pdf, font_name="NotoSansDevanagari-Bold")
    assert contains_run(drawn, [outline(font, g) for g in harfbuzz_glyphs(title, path)])
    unshaped = [outline(font, font.get_nominal_glyph(ord(ch)) or 0) for ch in title]
    assert not contains_run(drawn, unshaped)


def test_bundle_built_by_the_frozen_cci_opens_at_district_and_central(
    env: dict[str, str], tmp_path: Path
) -> None:
    """The frozen CCI bundles its records; the frozen district office and central open them.

    A real home's folder (its register imported): a practice folder never sends anything."""
    from bundle_format.keys import read_public_key_file
    from central.schema import open_engine
    from central.service import Receiver
    from tests.register_file import write_register

    demo = tmp_path / "home"
    clms(env, demo, "init", "--name", "Asha Kiran", "--type", "childrens-home", "--state", "10",
         "--district", "212", "--registration-no", "BR/PAT/1")  # fmt: skip
    clms(env, demo, "import", str(write_register(tmp_path / "register.csv", REAL_CHILDREN)))

    central_keys = generate_keys(role="central", name="Bihar State")
    write_public_key_file(tmp_path / "central.pub", central_keys.public())
    office = tmp_path / "district"
    clms(env, office, "sync", "district", "init", "--district", "212", "--name", "Patna DCPU",
         "--export", str(tmp_path / "district.pub"))  # fmt: skip
    clms(env, demo, "sync", "keys", "init")
    clms(env, demo, "sync", "keys", "import", str(tmp_path / "central.pub"))
    clms(env, demo, "sync", "keys", "import", str(tmp_path / "district.pub"))
    stick = tmp_path / "stick"
    stick.mkdir()
    clms(env, demo, "sync", "export-usb", str(stick))
    bundles = sorted(stick.glob("CLMS/bundles/*/*.clmsb"))
    assert len(bundles) == 1

    said = clms(env, office, "sync", "district", "import", str(stick), "--accept-new")
    assert "bundle 1:" in said and "0 errors" in said
    shown = clms(env, office, "sync", "district", "show")
    assert f"{REAL_CHILDREN} children" in shown
    acked = clms(env, demo, "sync", "import-receipt", str(stick))
    assert "Bundle 1: receipt from district verified" in acked

    receiver = Receiver(open_engine(f"sqlite:///{tmp_path / 'central.sqlite'}"), central_keys)
    inst = json.loads((bundles[0].parent / "institution.json").read_text(encoding="utf-8"))
    receiver.enrol(
        institution=inst, public=read_public_key_file(bundles[0].parent / "institution.pub")
    )
    receipt = json.loads(receiver.receive(bundles[0].read_bytes()))["receipt"]
    assert receipt["counts"]["error"] == 0 and receipt["counts"]["created"] > REAL_CHILDREN
