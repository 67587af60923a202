"""SQLCipher: database files encrypted whole (tables, indexes, search index, write-ahead log).

`sqlcipher3` is the standard library's sqlite3 module built against SQLCipher 4 (with
OpenSSL inside its wheels for Windows, Linux and macOS). A connection is given the raw
256-bit database key before anything else (`PRAGMA key = "x'...'"`: no passphrase
derivation, the key is random already); every page is then AES-256 encrypted with an
HMAC-SHA512 per page. The key never appears in a file name, a URL or a log line.

This module imports no SQLAlchemy (the rules' worker processes use it too).
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3.dbapi2 as dbapi

__all__ = ["Connection", "DatabaseError", "Error", "IntegrityError", "OperationalError", "dbapi"]

PLAIN_HEADER = b"SQLite format 3\x00"
Connection = dbapi.Connection
Error = dbapi.Error
OperationalError = dbapi.OperationalError
IntegrityError = dbapi.IntegrityError
DatabaseError = dbapi.DatabaseError


class WrongKey(dbapi.DatabaseError):  # type: ignore[misc]  # sqlcipher3 has no type stubs
    """The database file does not open with this key (another install's, or damaged)."""


def _key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("a database key has 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def is_plain_sqlite(path: Path) -> bool:
    """Whether the file is an unencrypted SQLite database (made before encryption at rest)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == PLAIN_HEADER
    except OSError:
        return False


def connect(
    path: Path | str,
    key: bytes,
    *,
    read_only: bool = False,
    timeout: float = 10.0,
    check_same_thread: bool = True,
    isolation_level: str | None = "",
) -> dbapi.Connection:
    """A connection to the encrypted database file, keyed and checked.

    `timeout` and `isolation_level` mean what they mean for `sqlite3.connect` (None:
    autocommit, the caller writes BEGIN itself). Raises WrongKey if the file exists but
    this key does not open it.
    """
    path = Path(path)
    if read_only:
        con = dbapi.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=timeout,
            check_same_thread=check_same_thread,
            isolation_level=isolation_level,
        )
    else:
        con = dbapi.connect(
            str(path),
            timeout=timeout,
            check_same_thread=check_same_thread,
            isolation_level=isolation_level,
        )
    try:
        con.execute(_key_pragma(key))
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError as exc:
        con.close()
        if "not a database" in str(exc):
            raise WrongKey(
                f"{path.name} does not open with this install's data key "
                "(it belongs to another install, or it is damaged)"
            ) from None
        raise
    return con


def encrypt_plain_file(path: Path, key: bytes) -> None:
    """Turn an unencrypted SQLite file into an encrypted one in place, all or nothing.

    The encrypted copy is written beside it (sqlcipher_export), flushed to disk and then
    renamed over the original, so a power cut leaves one whole file or the other.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".encrypting")
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    private_file(tmp)
    plain = dbapi.connect(str(path), isolation_level=None)
    try:
        # Fold the write-ahead log into the file first: sqlcipher_export reads committed pages.
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(tmp),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
        plain.execute("PRAGMA journal_mode=DELETE")  # leaves no -wal/-shm of the old file
    finally:
        plain.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    _fsync_dir(path.parent)


def backup(src: Path, dst: Path, key: bytes) -> None:
    """A consistent encrypted copy of the database (write-ahead log included)."""
    private_file(dst)
    source = connect(src, key)
    try:
        target = connect(dst, key)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def private_file(path: Path) -> None:
    """Create the file (empty) with owner-only permissions if it is not there yet.

    SQLite gives its -wal and -shm files the permissions of the database file, so making
    the database file owner-only first keeps all three private.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
