"""Save a PNG of every main screen of the real window, with invented demo data.

    make screenshots              # under Xvfb when xvfb-run is there, else offscreen
    python tools/screenshots.py --children 1500 --out screenshots

Builds a fresh training folder (set up + `generate_demo` + a rules run), opens the
main window and visits every screen it offers, a child's profile and each of its tabs,
the registration form, then every screen again after switching to Hindi. Preferences are
kept in a temporary folder so the run never changes this computer's own settings.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = date(2026, 11, 23)


def make_data(folder: Path, children: int):  # type: ignore[no-untyped-def]
    """A set-up training folder with demo children and their flags."""
    from desktop.db import open_database
    from desktop.services.core.context import SYSTEM, Actor, unit_of_work
    from desktop.services.demo.generate import generate_demo
    from desktop.services.flags.evaluate import evaluate_all
    from desktop.services.install.institution import setup_institution

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    engine = open_database(folder)
    asha = Actor("asha", "superintendent", "Asha Kumari")
    with unit_of_work(engine, asha) as s:
        setup_institution(
            s,
            name="Asha Kiran Children's Home (practice)",
            type="childrens-home",
            state=10,
            district=212,
            registration_no="PRACTICE",
            code=7,
        )
    with unit_of_work(engine, asha, rules=False) as s:
        generate_demo(s, children=children, seed=4, as_of=AS_OF, cpmis_quarters=4)
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        evaluate_all(s, as_of=AS_OF)
    return engine, asha


def settle(app, seconds: float = 0.6) -> None:  # type: ignore[no-untyped-def]
    """Let the screen draw and every background load finish (up to 30 s)."""
    from desktop.views.ops import BackgroundOp

    end = time.monotonic() + 30
    while BackgroundOp._running and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    """Build the data, open the window, save the pictures; prints what it saved."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--children", type=int, default=1500)
    p.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = p.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

    prefs_dir = tempfile.mkdtemp(prefix="clms-shots-")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, prefs_dir)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    font = app.font()
    font.setPointSize(max(font.pointSize(), 12))  # as the real start-up does
    app.setFont(font)

    from desktop.views.app_context import AppContext
    from desktop.views.i18n import register_devanagari_font, set_language
    from desktop.views.main_window import MainWindow

    register_devanagari_font()
    t0 = time.monotonic()
    engine, actor = make_data(out / "data", args.children)
    print(f"demo data: {args.children} children in {time.monotonic() - t0:.0f} s")
    ctx = AppContext(engine=engine, data_dir=out / "data", actor=actor, today=lambda: AS_OF)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    settle(app, 1.0)
    saved: list[str] = []
    n = 0

    def shot(widget: QWidget, name: str) -> None:
        nonlocal n
        n += 1
        settle(app)
        path = out / f"{n:02d}-{name}.png"
        widget.grab().save(str(path))
        saved.append(path.name)

    for spec in window.specs:
        window.show_page(spec.key)
        shot(window, spec.key)

    from sqlalchemy.orm import Session

    from desktop.services.flags.store import list_flags

    with Session(engine) as s:
        first = next(iter(list_flags(s, limit=1)), None)
        child_id = None
        if first is not None:
            from desktop.services.flags.review import flag_by_id

            child_id = flag_by_id(s, first.id).child_id
    if child_id is not None and hasattr(window, "open_child"):
        try:
            window.open_child(child_id)
            profile = window.profile or window
            shot(window, "profile")
            for tabs in profile.findChildren(QTabWidget):
                for i in range(1, tabs.count()):
                    tabs.setCurrentIndex(i)
                    label = "".join(c if c.isalnum() else "-" for c in tabs.tabText(i).lower())
                    shot(window, f"profile-{label.strip('-')}")
                tabs.setCurrentIndex(0)
        except Exception as exc:  # another area's screen still in the making: say so
            print(f"profile: not shown ({exc})")
    try:
        from desktop.views.registration import RegistrationDialog

        dialog = RegistrationDialog(ctx, window)
        dialog.show()
        shot(dialog, "registration")
        dialog.close()
    except Exception as exc:
        print(f"registration: not shown ({exc})")

    set_language(ctx, "hi")
    for spec in window.specs:  # every screen again, switched live as a user would
        window.show_page(spec.key)
        shot(window, f"hindi-{spec.key}")
    if child_id is not None and hasattr(window, "open_child"):
        try:
            window.open_child(child_id)
            shot(window, "hindi-profile")
        except Exception as exc:
            print(f"profile (Hindi): not shown ({exc})")
    set_language(ctx, "en")
    window.close()
    engine.dispose()
    shutil.rmtree(prefs_dir, ignore_errors=True)
    print(f"saved {len(saved)} screenshots in {out}:")
    for name in saved:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
