"""English and Hindi at run time: the Qt translator, the Devanagari font, the switch.

`start_language(app)` at start-up installs the remembered language; `set_language(ctx,
lang)` switches while the window is open. Installing a translator sends every widget a
LanguageChange event; pages answer it in `changeEvent` by calling their `retranslate()`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

from desktop.views import prefs
from desktop.views.app_context import AppContext

log = logging.getLogger(__name__)
I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
FONTS_DIR = Path(__file__).resolve().parent.parent / "documents" / "fonts"
DEVANAGARI_FONTS = ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf")

_translator: QTranslator | None = None
_font_family: str | None = None


def qm_path(lang: str) -> Path:
    """The compiled translation file of a language."""
    return I18N_DIR / f"clms_{lang}.qm"


def register_devanagari_font() -> str | None:
    """Add the bundled Noto Sans Devanagari to Qt (once); its family name, or None.

    Hindi must render on computers with no Devanagari font installed; where the
    printing helper's font files are missing, Qt falls back to the system fonts.
    """
    global _font_family
    if _font_family is not None:
        return _font_family
    for name in DEVANAGARI_FONTS:
        path = FONTS_DIR / name
        if not path.exists():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and _font_family is None:
            _font_family = families[0]
    if _font_family is None:
        log.info("no bundled Devanagari font in %s: using the system fonts", FONTS_DIR)
        return None
    # Text in the UI font that has Devanagari in it takes the glyphs from Noto.
    app_font = QFont().family()
    QFont.insertSubstitution(app_font, _font_family)
    return _font_family


def install_language(lang: str) -> bool:
    """Install the translator for `lang` (English: none); False if its file is missing."""
    global _translator
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing a language")
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
    if lang == "en":
        return True
    register_devanagari_font()
    translator = QTranslator(app)
    if not translator.load(str(qm_path(lang))):
        log.warning("no translation file for %r at %s", lang, qm_path(lang))
        return False
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return True


def current_language() -> str:
    """The language whose translator is installed ("en" when none is)."""
    return "hi" if _translator is not None else "en"


def start_language() -> str:
    """At start-up: install the remembered language and return it (for AppContext)."""
    register_devanagari_font()  # names in Devanagari show in English mode too
    lang = prefs.saved_language()
    return lang if install_language(lang) else "en"


def set_language(ctx: AppContext, lang: str) -> None:
    """Switch the whole window to `lang` now, and remember it for the next start."""
    if lang not in prefs.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    ctx.language = lang  # before the translator: pages retranslate while it is installed
    if not install_language(lang):
        ctx.language = "en"
    prefs.save_language(ctx.language)
    ctx.events.language_changed.emit(ctx.language)
