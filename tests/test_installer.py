"""The Windows installer script (installer/clms.nsi): it compiles, and it keeps the records.

makensis (Debian's `nsis`) compiles the script against a folder with the one-folder
build's layout; 7-Zip (`7zip`, which reads NSIS installers) lists what the setup carries.
The rest reads the script for what must stay in step with the app: the data folder the
uninstaller names and never deletes, the file types, the language file, both languages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.paths import APP_AUTHOR, APP_NAME
from desktop.version import __version__
from sync_client.exchange.usb import BUNDLE_SUFFIX, RECEIPT_SUFFIX

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "installer" / "clms.nsi"
TEXT = SCRIPT.read_text(encoding="utf-8")


def macro(name: str) -> str:
    """The body of one !macro of the script."""
    m = re.search(rf"^!macro {re.escape(name)}\b.*?$(.*?)^!macroend", TEXT, re.M | re.S)
    assert m, f"no macro {name!r}"
    return m.group(1)


def section(name: str) -> str:
    """The body of one Section of the script, its macros written out (one level)."""
    m = re.search(rf'^Section "{re.escape(name)}".*?$(.*?)^SectionEnd', TEXT, re.M | re.S)
    assert m, f"no section {name!r}"
    return re.sub(
        r"^\s*!insertmacro (\w+)\s*$", lambda i: macro(i.group(1)), m.group(1), flags=re.M
    )


def one_folder_layout(folder: Path) -> Path:
    """A stand-in for dist/clms-desktop as PyInstaller lays it out on Windows."""
    for rel in (
        "clms-desktop.exe",
        "clms.exe",
        "_internal/python311.dll",
        "_internal/desktop/migrations/versions/0001_initial_schema.py",
        "_internal/PySide6/Qt6Core.dll",
    ):
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"MZ stand-in for " + rel.encode())
    return folder


@pytest.mark.skipif(shutil.which("makensis") is None, reason="apt-get install nsis")
def test_script_compiles_into_a_setup_with_the_whole_program(tmp_path: Path) -> None:
    """makensis builds the setup with warnings as errors; it carries every program file."""
    dist = one_folder_layout(tmp_path / "clms-desktop")
    setup = tmp_path / f"clms-desktop-{__version__}-setup.exe"
    r = subprocess.run(
        ["makensis", "-V2", "-WX", f"-DVERSION={__version__}", f"-DDIST={dist}",
         f"-DOUTFILE={setup}", str(SCRIPT)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert setup.read_bytes()[:2] == b"MZ"
    seven = shutil.which("7zz") or shutil.which("7z")
    if seven is None:
        pytest.skip("apt-get install 7zip to list the setup's contents")
    listing = subprocess.run(
        [seven, "l", str(setup)], capture_output=True, text=True, check=True
    ).stdout
    assert "NSIS-3 Unicode 64-bit" in listing
    for name in (
        "clms-desktop.exe",
        "clms.exe",
        "_internal/python311.dll",
        "_internal/desktop/migrations/versions/0001_initial_schema.py",
        "_internal/PySide6/Qt6Core.dll",
        "LICENSE.txt",
        "OFL-fonts.txt",
        "uninstall.exe",
    ):
        assert re.search(rf"\s{re.escape(name)}$", listing, re.M), name


@pytest.mark.skipif(shutil.which("makensis") is None, reason="apt-get install nsis")
def test_script_refuses_to_build_without_a_version(tmp_path: Path) -> None:
    """A setup always says which version it installs: no version given, no setup."""
    dist = one_folder_layout(tmp_path / "clms-desktop")
    r = subprocess.run(
        ["makensis", "-V2", f"-DDIST={dist}", f"-DOUTFILE={tmp_path / 's.exe'}", str(SCRIPT)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode != 0 and "give the version" in r.stdout + r.stderr


@pytest.mark.skipif(shutil.which("makensis") is None, reason="apt-get install nsis")
def test_signing_command_signs_the_uninstaller_and_the_setup(tmp_path: Path) -> None:
    """Given a signing command, the build signs both programs it makes, and stops if it fails."""
    dist = one_folder_layout(tmp_path / "clms-desktop")
    record = tmp_path / "signed.txt"
    signer = tmp_path / "sign.sh"
    signer.write_text(f'#!/bin/sh\necho "$1" >> "{record}"\nexit "${{FAIL:-0}}"\n')
    signer.chmod(0o755)
    setup = tmp_path / f"clms-desktop-{__version__}-setup.exe"
    args = ["makensis", "-V2", "-WX", f"-DVERSION={__version__}", f"-DDIST={dist}"]
    args += [f"-DOUTFILE={setup}", f"-DSIGN_CMD={signer}", str(SCRIPT)]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    signed = record.read_text().split()
    assert len(signed) == 2 and signed[-1] == str(setup)  # the uninstaller first, then the setup
    failing = subprocess.run(
        args, capture_output=True, text=True, timeout=120, env={**os.environ, "FAIL": "1"}
    )
    assert failing.returncode != 0


def test_data_folder_named_by_the_installer_is_the_apps() -> None:
    """The folder the uninstaller names is where the app keeps its data on Windows.

    platformdirs puts a Windows user's data in %LOCALAPPDATA%\\<author>\\<app name>.
    """
    m = re.search(r'^!define DATA_SUBDIR "(.+)"$', TEXT, re.M)
    assert m and m.group(1) == f"{APP_AUTHOR}\\{APP_NAME}"
    assert '"$LOCALAPPDATA\\${DATA_SUBDIR}"' in TEXT
    assert 'ReadEnvStr $DataDir "CLMS_DATA_DIR"' in TEXT  # as desktop.paths.ENV_VAR


def test_uninstaller_deletes_only_the_program_never_the_data() -> None:
    """Every delete of the uninstaller is inside the program folder, a shortcut or a key."""
    body = section("Uninstall")
    deletes = re.findall(r"^\s*(Delete|RMDir)\s+(/r\s+)?\"([^\"]+)\"", body, re.M)
    assert deletes
    for verb, recursive, target in deletes:
        assert "DataDir" not in target and "DATA_SUBDIR" not in target
        if recursive:
            assert target == "$INSTDIR\\_internal", target
        else:
            assert target.startswith(("$INSTDIR\\", "$SMPROGRAMS\\CLMS Desktop", "$DESKTOP\\")) or (
                verb == "RMDir" and target == "$INSTDIR"
            ), target
    assert "$(DataKept)" in body and "MUI_UNPAGE_FINISH" in TEXT


def test_language_file_written_by_the_installer_is_the_windows() -> None:
    """The first language goes where desktop/views/prefs.py keeps it (QSettings, INI)."""
    from desktop.views.prefs import APPLICATION, ORGANISATION

    m = re.search(r'^!define PREFS_INI "(.+)"$', TEXT, re.M)
    assert m and m.group(1) == f"$APPDATA\\{ORGANISATION}\\{APPLICATION}.ini"
    assert 'WriteINIStr "${PREFS_INI}" "ui" "language" "hi"' in TEXT


def test_file_types_are_the_sync_files() -> None:
    """Bundles and receipts, with the suffixes the USB path writes, open in the window."""
    types = re.findall(r'!insertmacro FileType "(\.\w+)"', TEXT)
    assert sorted(types) == sorted([BUNDLE_SUFFIX, RECEIPT_SUFFIX])
    removed = re.findall(r'!insertmacro RemoveFileType "(\.\w+)"', TEXT)
    assert sorted(removed) == sorted(types)


def test_every_word_of_the_installer_is_in_english_and_hindi() -> None:
    """Each message has an English and a Hindi text, and the Hindi is in Devanagari."""
    strings: dict[str, dict[str, str]] = {}
    for name, lang, value in re.findall(r'^LangString (\w+) \$\{LANG_(\w+)\} "(.*)"$', TEXT, re.M):
        strings.setdefault(name, {})[lang] = value
    assert len(strings) >= 10
    for name, texts in strings.items():
        assert set(texts) == {"ENGLISH", "HINDI"}, name
        assert re.search("[\u0900-\u097f]", texts["HINDI"]), name
    used = set(re.findall(r"\$\((\w+)\)", TEXT)) - {"^NextBtn"}
    assert used <= set(strings), used - set(strings)


def test_uninstaller_removes_shortcuts_of_both_languages() -> None:
    """Whichever language the install was made in, its shortcuts go with the program."""
    names = {
        v
        for k, v in re.findall(r'^LangString (\w+) \$\{LANG_\w+\} "(.*)"$', TEXT, re.M)
        if k in ("ShortcutName", "UninstallName", "DataFolderName")
    }
    assert len(names) == 6
    for body in (section("Uninstall"), section("CLMS Desktop")):  # an update: the old ones go
        for name in names:
            assert f"{name}.lnk" in body, name
    install = section("CLMS Desktop")
    assert install.index("Delete") < install.index("CreateShortCut")


# ---- the setup run for real, under Wine -----------------------------------------------------
# About a minute, so only when asked: CLMS_INSTALLER_WINE=1 (`make installer-smoke` asks when
# Wine is installed: apt-get install wine64).

WINE = shutil.which("wine64") or (
    "/usr/lib/wine/wine64" if Path("/usr/lib/wine/wine64").exists() else None
)
under_wine = pytest.mark.skipif(
    os.environ.get("CLMS_INSTALLER_WINE") != "1" or WINE is None or not shutil.which("makensis"),
    reason="runs the setup under Wine: CLMS_INSTALLER_WINE=1, apt-get install wine64 nsis",
)


class Wine:
    """A throwaway Wine prefix (its own HOME, so shortcuts land in the test's folder)."""

    def __init__(self, root: Path) -> None:
        self.home = root / "home"
        self.home.mkdir()
        self.prefix = root / "prefix"
        self.env = {
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",  # Unix file names for Hindi shortcut names
            "HOME": str(self.home),
            "WINEPREFIX": str(self.prefix),
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml=",  # no Mono/Gecko prompts
            "DISPLAY": "",
        }
        self.run("wineboot", "-i")
        users = self.prefix / "drive_c" / "users"
        self.user = next(p for p in users.iterdir() if p.name != "Public")

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """A Windows program (or setup) to its end, with every process it started."""
        assert WINE is not None
        r = subprocess.run([WINE, *args], env=self.env, capture_output=True, text=True, timeout=300)
        subprocess.run([str(Path(WINE).with_name("wineserver")), "-w"], env=self.env, timeout=300)
        return r

    def reg(self, key: str, value: str | None = None) -> str | None:
        """A registry value of the current user (None: no such key or value)."""
        args = ["reg", "query", f"HKCU\\{key}", *(["/v", value] if value else [])]
        r = self.run(*args)
        return r.stdout if r.returncode == 0 else None

    @property
    def local(self) -> Path:
        return self.user / "AppData" / "Local"

    @property
    def start_menu(self) -> Path:
        return self.user / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/CLMS Desktop"


def build_setup(tmp: Path, version: str, *, stale: bool = False) -> Path:
    """A setup of `version` around a stand-in build (optionally with a file a later one drops)."""
    dist = one_folder_layout(tmp / f"dist-{version}" / "clms-desktop")
    if stale:
        (dist / "_internal/desktop/migrations/versions/0099_dropped_later.py").write_text("x")
    out = tmp / f"clms-desktop-{version}-setup.exe"
    subprocess.run(
        ["makensis", "-V1", "-WX", f"-DVERSION={version}", f"-DDIST={dist}",
         f"-DOUTFILE={out}", str(SCRIPT)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return out


@pytest.mark.slow
@under_wine
def test_install_upgrade_and_uninstall_keep_the_records(tmp_path: Path) -> None:
    """Per-user install, an upgrade over it, then the uninstaller: the data folder stays as is."""
    wine = Wine(tmp_path)
    program = wine.local / "Programs" / "CLMS Desktop"
    wine.run(str(build_setup(tmp_path, "0.1.0", stale=True)), "/S")
    assert (program / "clms-desktop.exe").exists() and (program / "clms.exe").exists()
    assert (program / "LICENSE.txt").read_text().startswith((ROOT / "LICENSE").read_text()[:200])
    assert (wine.start_menu / "CLMS Desktop.lnk").exists()
    assert (wine.home / "CLMS Desktop.lnk").exists()  # Wine's desktop is $HOME
    assert "CLMS.Bundle" in (wine.reg("Software\\Classes\\.clmsb") or "")
    assert "CLMS.Receipt" in (wine.reg("Software\\Classes\\.receipt") or "")
    uninst = "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\CLMS Desktop"
    assert "0.1.0" in (wine.reg(uninst, "DisplayVersion") or "")

    data = wine.local / APP_AUTHOR / APP_NAME
    assert data.is_dir()  # made by the setup for the Start-menu link to it
    records = data / "clms.sqlite3"
    records.write_bytes(b"years of records")
    (data / "backups").mkdir()
    (data / "backups" / "clms-before-0007.sqlite3").write_bytes(b"an older copy")

    wine.run(str(build_setup(tmp_path, "0.2.0")), "/S")
    assert "0.2.0" in (wine.reg(uninst, "DisplayVersion") or "")
    assert not (program / "_internal/desktop/migrations/versions/0099_dropped_later.py").exists()
    assert (program / "_internal/desktop/migrations/versions/0001_initial_schema.py").exists()
    assert records.read_bytes() == b"years of records"

    wine.run(str(program / "uninstall.exe"), "/S")
    assert not (program / "clms-desktop.exe").exists() and not (program / "_internal").exists()
    assert not wine.start_menu.exists() and not (wine.home / "CLMS Desktop.lnk").exists()
    assert wine.reg(uninst) is None and wine.reg("Software\\Classes\\CLMS.Bundle") is None
    assert records.read_bytes() == b"years of records"
    assert (data / "backups" / "clms-before-0007.sqlite3").read_bytes() == b"an older copy"


@pytest.mark.slow
@under_wine
def test_install_in_hindi_names_shortcuts_and_the_first_language_in_hindi(
    tmp_path: Path,
) -> None:
    """Updated in Hindi over an English install: only Hindi shortcut names, and the window's
    first language is Hindi."""
    wine = Wine(tmp_path)
    wine.run(str(build_setup(tmp_path, "0.0.9")), "/S")
    assert (wine.home / "CLMS Desktop.lnk").exists()
    # The language chosen on the setup's first screen is remembered here (MUI_LANGDLL).
    wine.run("reg", "add", "HKCU\\Software\\CLMS\\CLMS Desktop", "/v", "InstallerLanguage",
             "/t", "REG_SZ", "/d", "1081", "/f")  # fmt: skip
    wine.run(str(build_setup(tmp_path, "0.1.0")), "/S")
    assert (wine.start_menu / "CLMS डेस्कटॉप.lnk").exists()
    assert (wine.start_menu / "CLMS डेस्कटॉप हटाएँ.lnk").exists()
    assert (wine.home / "CLMS डेस्कटॉप.lnk").exists()
    assert sorted(p.name for p in wine.start_menu.iterdir()) == sorted(
        ["CLMS डेस्कटॉप.lnk", "CLMS डेस्कटॉप हटाएँ.lnk", "CLMS डेस्कटॉप डेटा फ़ोल्डर.lnk"]
    )
    assert not (wine.home / "CLMS Desktop.lnk").exists()
    ini = wine.user / "AppData" / "Roaming" / "CLMS" / "CLMS Desktop.ini"
    text = ini.read_bytes().decode("utf-16" if ini.read_bytes()[:2] == b"\xff\xfe" else "utf-8")
    assert "[ui]" in text and "language=hi" in text
    wine.run(str(wine.local / "Programs" / "CLMS Desktop" / "uninstall.exe"), "/S")
    assert not wine.start_menu.exists()
