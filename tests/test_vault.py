"""Encryption at rest (issue 21): the database and attachments unreadable without the data key,
the key kept in the keyring or under a strong passphrase, recovery, owner-only files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from bundle_format import keys as key_files
from bundle_format.passphrase import DEFAULT, PassphraseError, passphrase_problem
from desktop.db import (
    DB_FILENAME,
    _alembic_config,
    connect_raw,
    current_revision,
    head_revision,
    open_database,
)
from desktop.models import Child
from desktop.services.cases.casework import set_photo
from desktop.services.cases.children import register_child
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor, unit_of_work
from desktop.vault import sqlite as cipher
from desktop.vault import store as vault
from desktop.vault.secret import RecoveryKeyError, parse_recovery
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input

ROOT = Path(__file__).resolve().parent.parent
ASHA = Actor("asha", "superintendent", "Asha Kumari")
RELEASED_0001 = ROOT / "tests" / "data" / "schema-0001.sqlite3"


def _every_byte(folder: Path) -> bytes:
    """Every file under the folder, concatenated (what a plain-text search reads)."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def _forms(number: str) -> list[bytes]:
    """The ways 12 digits can sit in a file: as text (ASCII, UTF-16) or as spaced groups."""
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    return [number.encode(), number.encode("utf-16-le"), spaced.encode()]


def test_new_install_holds_no_aadhaar_or_scan_in_clear(inst_engine, data_dir):
    """After registering a child with Aadhaar and a photo, no file of the data folder holds
    the 12 digits, a name or the photo's bytes in clear (they were found in clms.sqlite3)."""
    number = aadhaar()
    photo = b"\x89PNG\r\n\x1a\n" + b"photo of a made-up child" * 50
    with unit_of_work(inst_engine, ASHA) as s:
        child = register_child(s, child_input(aadhaar=number, first_name="Guddi"), today=TODAY)
        set_photo(s, child, data=photo, store=AttachmentStore.for_data_dir(data_dir))
        child_id = child.id
    everything = _every_byte(data_dir)  # database, write-ahead log, attachments, keys
    assert (data_dir / "clms.sqlite3-wal").exists()
    for form in _forms(number):
        assert form not in everything
    assert b"Guddi" not in everything and b"photo of a made-up child" not in everything
    assert hashlib.sha256(photo).hexdigest().encode() not in b"".join(
        str(p).encode() for p in data_dir.rglob("*")
    )  # file names do not give away the content hash either
    with unit_of_work(inst_engine, ASHA) as s:  # while through the key it all reads back
        kid = s.get(Child, child_id)
        assert kid.aadhaar == number
        assert AttachmentStore.for_data_dir(data_dir).get(kid.photo_hash) == photo


def test_the_file_does_not_open_without_the_key(inst_engine, data_dir):
    """Plain SQLite (any other tool) cannot read the database; another key cannot either."""
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError):  # plain SQLite cannot read it
        sqlite3.connect(data_dir / DB_FILENAME).execute("SELECT * FROM child").fetchall()
    with pytest.raises(cipher.WrongKey):
        cipher.connect(data_dir / DB_FILENAME, os.urandom(32))


def _plain_0007(folder: Path) -> None:
    """A database of the previous release (schema 0007, plain SQLite), with a scan."""
    folder.mkdir(parents=True)
    shutil.copy(RELEASED_0001, folder / DB_FILENAME)
    # plain SQLite: the previous release's file, upgraded as that release did
    engine = create_engine(f"sqlite:///{folder / DB_FILENAME}")
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO attachment (sha256, mime_type, size, original_name, created_at) "
                "VALUES (:h, 'application/pdf', 9, 's.pdf', '2026-01-01')"
            ),
            {"h": hashlib.sha256(b"%PDF scan").hexdigest()},
        )
    engine.dispose()
    sha = hashlib.sha256(b"%PDF scan").hexdigest()
    (folder / "attachments" / sha[:2]).mkdir(parents=True)
    (folder / "attachments" / sha[:2] / sha).write_bytes(b"%PDF scan")
    (folder / "attachments" / sha[:2] / (sha + ".part")).write_bytes(b"%PDF half")
    (folder / "backups").mkdir()
    shutil.copy(folder / DB_FILENAME, folder / "backups" / "clms-before-0007-x.sqlite3")


@pytest.mark.parametrize("release", ["0001", "0007"])
def test_upgrade_encrypts_an_existing_install(tmp_path, release):
    """A data folder of the previous release (schema 0001 or 0007) opens, is encrypted in
    place (database, old backups, scans) and keeps every row; a plain-text search of the
    folder then finds no Aadhaar number."""
    folder = tmp_path / "old"
    if release == "0001":
        folder.mkdir()
        shutil.copy(RELEASED_0001, folder / DB_FILENAME)
    else:
        _plain_0007(folder)
    import sqlite3

    plain = sqlite3.connect(folder / DB_FILENAME)  # plain SQLite: before the upgrade
    numbers = [a for (a,) in plain.execute("SELECT aadhaar FROM child WHERE aadhaar IS NOT NULL")]
    children = plain.execute("SELECT count(*) FROM child").fetchone()[0]
    plain.close()
    assert numbers, "the released file holds children with Aadhaar"
    assert any(n.encode() in _every_byte(folder) for n in numbers)  # in clear before
    engine = open_database(folder)
    assert current_revision(engine) == head_revision()
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM child")).scalar() == children
    engine.dispose()
    everything = _every_byte(folder)
    for n in numbers:
        for form in _forms(n):
            assert form not in everything, f"{n[-4:]} found in clear"
    assert not list(folder.rglob("*.part"))
    if release == "0007":
        store = AttachmentStore.for_data_dir(folder)
        assert store.get(hashlib.sha256(b"%PDF scan").hexdigest()) == b"%PDF scan"
        assert b"%PDF scan" not in everything
    for backup in (folder / "backups").glob("*.sqlite3"):
        assert not cipher.is_plain_sqlite(backup)
        assert connect_raw(backup).execute("SELECT count(*) FROM child").fetchone() == (children,)
    assert vault.recovery_pending(folder)  # the superintendent is shown it after the login


@pytest.mark.skipif(os.name == "nt", reason="Unix permissions; Windows: the profile's ACL")
def test_data_folder_and_files_are_owner_only(inst_engine, data_dir):
    """The data folder and every folder in it are 0700, every file 0600 (they were 0755 and
    0644, readable by every account of the computer)."""
    os.umask(0o022)
    with unit_of_work(inst_engine, ASHA) as s:
        child = register_child(s, child_input(), today=TODAY)
        set_photo(s, child, data=b"\x89PNG made up", store=AttachmentStore.for_data_dir(data_dir))
    from desktop.db import backup_database

    backup_database(data_dir / DB_FILENAME, label="test")
    for p in [data_dir, *data_dir.rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode & 0o077 == 0, f"{p.relative_to(data_dir.parent)} is {oct(mode)}"


def test_opening_tightens_an_old_folder(tmp_path):
    """An install made world-readable by an older version is made owner-only when opened."""
    folder = tmp_path / "old"
    folder.mkdir(mode=0o755)
    shutil.copy(RELEASED_0001, folder / DB_FILENAME)
    os.chmod(folder / DB_FILENAME, 0o644)
    os.chmod(folder, 0o755)
    open_database(folder).dispose()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / DB_FILENAME).stat().st_mode) == 0o600


def test_passphrase_rules_and_key_file(tmp_path):
    """Without a keyring the data key is wrapped by scrypt + AES-GCM under a passphrase of at
    least 12 characters that is not common; a wrong one does not open it."""
    assert not vault.keyring_usable()  # this machine has no OS keyring
    for weak in ("a", "short pass", "aaaaaaaaaaaaaaaa", "123456789012", "password1234"):
        with pytest.raises(vault.NeedsPassphrase) as exc:
            vault.create(tmp_path / weak.replace(" ", "_"), passphrase=weak)
        assert exc.value.new
    key = vault.create(tmp_path / "good", passphrase="mango tree by the well")
    body = json.loads(vault.key_file(tmp_path / "good").read_text())
    assert body["store"] == "passphrase" and body["passphrase"]["kdf"] == "scrypt"
    assert key.master.hex() not in json.dumps(body)
    vault.forget_all()
    with pytest.raises(vault.NeedsPassphrase):
        vault.unlock(tmp_path / "good", passphrase="mango tree by the wall")
    assert vault.unlock(tmp_path / "good", passphrase="mango tree by the well") == key


def test_production_kdf_cost(tmp_path):
    """Key files made outside the tests' cheap setting use scrypt N=2^17, r=8, p=1."""
    assert (DEFAULT.log2_n, DEFAULT.r, DEFAULT.p) == (17, 8, 1)
    env = dict(os.environ, CLMS_DATA_PASSPHRASE="a long enough passphrase here")
    subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", "--data-dir", str(tmp_path / "d"), "vault",
         "status"],
        check=True, cwd=ROOT, env=env, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", "--data-dir", str(tmp_path / "d"), "search",
         "x"],
        cwd=ROOT, env=env, capture_output=True,
    )  # fmt: skip
    body = json.loads(vault.key_file(tmp_path / "d").read_text())
    params = body["passphrase"]
    assert (params["log2_n"], params["r"], params["p"]) == (17, 8, 1)


def test_recovery_key_opens_the_data_after_the_key_is_lost(inst_engine, data_dir):
    """With the key file gone (or the keyring entry, or the passphrase), the recovery key
    shown at set-up opens the data again and keeps the key on this computer; a recovery key
    with a typing mistake or of another install is refused."""
    recovery = vault.unlock(data_dir).recovery_key()
    assert len(recovery.split("-")) == 9
    with unit_of_work(inst_engine, ASHA) as s:
        register_child(s, child_input(first_name="Meena"), today=TODAY)
    inst_engine.dispose()
    vault.key_file(data_dir).unlink()
    vault.forget_all()
    with pytest.raises(vault.KeyMissing):
        open_database(data_dir)
    typo = recovery[:-1] + ("0" if recovery[-1] != "0" else "1")
    with pytest.raises(RecoveryKeyError, match="typing mistake"):
        parse_recovery(typo)
    other = vault.create(data_dir.parent / "other").recovery_key()
    from desktop.db import recover_data

    with pytest.raises(vault.VaultError, match="does not open"):
        recover_data(data_dir, recovery_key=other)
    recover_data(data_dir, recovery_key=recovery.lower().replace("-", " "))
    vault.forget_all()
    engine = open_database(data_dir)
    with engine.connect() as c:
        assert c.execute(text("SELECT first_name FROM child")).scalars().all() == ["Meena"]
    engine.dispose()


def test_cli_init_prints_the_recovery_key_once(tmp_path, capsys):
    """`clms init` prints the recovery key once; `clms vault recovery-key` refuses after."""
    from desktop.cli.main import main

    d = ["--data-dir", str(tmp_path / "d")]
    init = ["init", "--name", "Home", "--type", "childrens-home", "--state", "10"]
    assert main([*d, *init, "--district", "212", "--registration-no", "X/1"]) == 0
    out = capsys.readouterr().out
    assert "RECOVERY KEY" in out
    shown = next(line.strip() for line in out.splitlines() if line.count("-") == 8)
    assert parse_recovery(shown) == vault.unlock(tmp_path / "d")
    assert main([*d, "vault", "recovery-key"]) == 2
    assert "shown already" in capsys.readouterr().err
    assert main([*d, "vault", "status"]) == 0
    assert "encrypted" in capsys.readouterr().out
    engine = open_database(tmp_path / "d")
    with engine.connect() as c:
        shown = c.execute(text("SELECT actor FROM audit_event WHERE action = 'recovery_key_shown'"))
        assert len(shown.all()) == 1  # who saw it is audited (the key itself is not)
    engine.dispose()


def test_sync_key_file_scrypt_strength_and_old_files(tmp_path):
    """A sync key file without a keyring is wrapped with scrypt, a weak passphrase is refused
    ("a" was accepted, with PBKDF2 at 2,048 rounds), and an old PKCS8 file still opens and
    is saved again in the new format."""
    from cryptography.hazmat.primitives import serialization

    from sync_client.exchange import keys as key_store

    keys = key_files.generate_keys(role="institution", name="Home")
    for weak in ("a", "cci", "password1234"):
        with pytest.raises(key_files.SyncKeyError):
            key_store.store_own_keys(keys, key_dir=tmp_path, passphrase=weak)
    assert passphrase_problem("correct horse battery") is None
    kid = keys.public().sign_key_id
    old = tmp_path / f"institution-{kid}.key"

    def pem(k):  # type: ignore[no-untyped-def]
        enc = serialization.BestAvailableEncryption(b"a")
        return k.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc
        ).decode()

    old.write_text(
        json.dumps(
            {"format": "clms-private-key-1", "role": "institution", "name": "Home",
             "encrypted": True, "sign_pem": pem(keys.sign)}
        )
    )  # fmt: skip
    back = key_store.load_own_keys(
        role="institution", sign_key_id=kid, storage="file", key_dir=tmp_path, passphrase="a"
    )
    assert back.public() == keys.public()
    body = json.loads(old.read_text())
    assert body["format"] == "clms-private-key-2" and body["protection"]["kdf"] == "scrypt"
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    with pytest.raises(key_files.SyncKeyError):
        key_files.load_private_file(old, passphrase="b")
    assert key_files.load_private_file(old, passphrase="a").public() == keys.public()


def test_tampered_scan_does_not_open(inst_engine, data_dir):
    """A sealed scan changed on disk by one bit, or swapped for another sealed scan, is refused."""
    store = AttachmentStore.for_data_dir(data_dir)
    with unit_of_work(inst_engine, ASHA) as s:
        a = store.put(s, b"%PDF first made-up scan")
        b = store.put(s, b"%PDF second made-up scan")
    blob = bytearray(store.path_for(a).read_bytes())
    blob[-1] ^= 1
    store.path_for(a).write_bytes(bytes(blob))
    with pytest.raises(ValueError, match="cannot be opened"):
        store.get(a)
    shutil.copy(store.path_for(b), store.path_for(a))
    with pytest.raises(ValueError, match="cannot be opened"):
        store.get(a)


def test_passphrase_unwrap_refuses_damaged_parameters():
    """A key file asking for absurd scrypt settings is refused, not obeyed."""
    from bundle_format.passphrase import unwrap, wrap

    wrapped = wrap(b"secret", "a good passphrase", aad=b"x")
    with pytest.raises(PassphraseError):
        unwrap({**wrapped, "log2_n": 40}, "a good passphrase", aad=b"x")
    with pytest.raises(PassphraseError):
        unwrap(wrapped, "a good passphrase", aad=b"y")


def test_backup_on_a_usb_drive_holds_nothing_readable(inst_engine, data_dir, tmp_path):
    """A backup (database copy, shared scan files, manifest) on a drive that is lost holds no
    Aadhaar, no name and no scan in clear, yet restores into a new folder with its key file."""
    from desktop.services.core import backup

    number = aadhaar("33412341234")
    scan = b"%PDF-1.4 scan of a made-up birth certificate"
    with unit_of_work(inst_engine, ASHA) as s:
        child = register_child(s, child_input(aadhaar=number, first_name="Guddi"), today=TODAY)
        set_photo(
            s, child, data=b"\x89PNG made-up photo", store=AttachmentStore.for_data_dir(data_dir)
        )
        AttachmentStore.for_data_dir(data_dir).put(s, scan)
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backup.make_backup(data_dir, usb)
    assert info.ok, info.problems
    everything = _every_byte(usb)
    for form in _forms(number):
        assert form not in everything
    assert b"Guddi" not in everything and scan not in everything
    fresh = tmp_path / "new-pc"
    backup.restore_backup(info.path, fresh, requested_by="asha")
    engine = open_database(fresh)
    with engine.connect() as c:
        assert c.execute(text("SELECT aadhaar FROM child")).scalar() == number
    engine.dispose()


def _early_thread(data_dir: Path):  # type: ignore[no-untyped-def]
    with vault._lock:
        return vault._early.get(os.path.abspath(vault.key_file(data_dir)))


def test_early_unlock_runs_the_kdf_in_the_background(tmp_path, monkeypatch, capsys):
    """The window starts unlocking the data key (scrypt) before its modules import
    (issue 22): the key is unlocked in a background thread, which `unlock` waits for; a
    wrong or missing passphrase, or a missing key file, still fail as before, from `unlock`."""
    from desktop.__main__ import _unlock_early

    folder = tmp_path / "d"
    key = vault.create(folder, passphrase="mango tree by the well")
    vault.forget_all()
    monkeypatch.setenv(vault.PASSPHRASE_ENV, "mango tree by the well")
    _unlock_early(["-platform", "offscreen", "--data-dir", str(folder), "x.receipt"])
    thread = _early_thread(folder)
    assert thread is not None and thread.name == "clms-unlock-early"
    thread.join()
    assert vault._unlocked[key.key_id] == key  # unlocked by the thread, before anyone asked
    assert vault.unlock(folder) == key and _early_thread(folder) is None

    vault.forget_all()  # a wrong passphrase in the environment: asked for, as before
    monkeypatch.setenv(vault.PASSPHRASE_ENV, "mango tree by the wall")
    vault.unlock_early(folder)
    assert _early_thread(folder) is not None
    with pytest.raises(vault.NeedsPassphrase, match="does not open") as exc:
        vault.unlock(folder)
    assert not exc.value.new and not vault._unlocked
    assert vault.unlock(folder, passphrase="mango tree by the well") == key

    vault.forget_all()  # no passphrase at all
    monkeypatch.delenv(vault.PASSPHRASE_ENV)
    vault.unlock_early(folder)
    with pytest.raises(vault.NeedsPassphrase, match="Enter the passphrase"):
        vault.unlock(folder)

    vault.key_file(folder).unlink()  # no key file: nothing started, the recovery key asked
    vault.forget_all()
    vault.unlock_early(folder)
    assert _early_thread(folder) is None
    with pytest.raises(vault.KeyMissing):
        vault.unlock(folder)
    _unlock_early(["--data-dir"])  # arguments the real parse refuses: left to it to say
    _unlock_early(["--version", "--data-dir", str(folder)])
    assert capsys.readouterr() == ("", "")
