"""Checking a signed request (bundle_format.request_auth) against central's enrolments,
with replay refused by a nonce kept in the database (shared by all worker processes)."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bundle_format.keys import PublicKeys
from bundle_format.request_auth import (
    MAX_SKEW,
    RequestAuthError,
    SignedHeader,
    check_time,
    parse_header,
    verify_request,
)
from central.enrolment import Party, find_party
from central.models import RequestNonce

PRUNE_EVERY = 200  # about one request in this many also deletes old nonces


def _remember_nonce(engine: Engine, signed: SignedHeader, now: float, skew: int) -> None:
    """Keep the nonce (refusing one seen before). Its commit need not reach the disk at
    once: a nonce lost in a power cut only lets a request be replayed, and every request
    of the upload protocol is idempotent (PostgreSQL: synchronous_commit off for this
    transaction; SQLite: synchronous=NORMAL for it, set outside the transaction)."""
    at = datetime.fromtimestamp(now, UTC)
    prune = random.randrange(PRUNE_EVERY) == 0
    old = at - timedelta(seconds=2 * skew)
    if engine.dialect.name == "sqlite":
        _remember_nonce_sqlite(engine, signed, at, old if prune else None)
        return
    try:
        with Session(engine) as s, s.begin():
            s.connection().exec_driver_sql("SET LOCAL synchronous_commit = off")
            if prune:
                s.execute(delete(RequestNonce).where(RequestNonce.at < old))
            s.add(RequestNonce(key_id=signed.key_id, nonce=signed.nonce, at=at))
    except IntegrityError as exc:
        raise _replayed() from exc


def _replayed() -> RequestAuthError:
    return RequestAuthError(
        "replayed-request", "this request was already received once (replay refused)"
    )


def _remember_nonce_sqlite(
    engine: Engine, signed: SignedHeader, at: datetime, prune_before: datetime | None
) -> None:
    def text(when: datetime) -> str:  # as SQLAlchemy's DateTime stores it on SQLite
        return when.strftime("%Y-%m-%d %H:%M:%S.%f")

    conn = engine.raw_connection()
    try:
        cur = conn.cursor()
        cur.execute("PRAGMA synchronous=NORMAL")
        try:
            cur.execute("BEGIN IMMEDIATE")
            try:
                if prune_before is not None:
                    cur.execute(
                        "DELETE FROM central_request_nonce WHERE at < ?", (text(prune_before),)
                    )
                cur.execute(
                    "INSERT INTO central_request_nonce (key_id, nonce, at) VALUES (?, ?, ?)",
                    (signed.key_id, signed.nonce, text(at)),
                )
                cur.execute("COMMIT")
            except sqlite3.IntegrityError as exc:
                cur.execute("ROLLBACK")
                raise _replayed() from exc
        finally:
            cur.execute("PRAGMA synchronous=FULL")
            cur.close()
    finally:
        conn.close()


def identify(
    engine: Engine, *, header: str | None, skew: int = MAX_SKEW
) -> tuple[SignedHeader, Party]:
    """Who claims to sign this request (before its body is read): the header well formed,
    the time within the skew, the key enrolled (or pending). The signature is `confirm`'s."""
    signed = parse_header(header)
    check_time(signed, skew=skew)
    with Session(engine) as s:
        party = find_party(s, signed.key_id)
    if party is None:
        raise RequestAuthError(
            "not-enrolled",
            "this CCI's key is not enrolled at the state server: ask for enrolment first "
            "(clms sync enrol)",
        )
    return signed, party


def confirm(
    engine: Engine,
    signed: SignedHeader,
    public: PublicKeys,
    *,
    method: str,
    path: str,
    body_sha256: str,
    headers: Mapping[str, str],
    skew: int = MAX_SKEW,
) -> None:
    """Check the request's signature with `public`, then keep its nonce (replay refused)."""
    verify_request(
        signed, public, method=method, path=path, body_sha256=body_sha256, headers=headers
    )
    _remember_nonce(engine, signed, time.time(), skew)


def authenticate(
    engine: Engine,
    *,
    header: str | None,
    method: str,
    path: str,
    body_sha256: str,
    headers: Mapping[str, str],
    public: PublicKeys | None = None,
    skew: int = MAX_SKEW,
) -> tuple[SignedHeader, Party | None]:
    """Who signed this request, all checks at once (`identify` then `confirm`). With
    `public` (an enrolment request, which carries its own key) the signature is checked
    against that key and no enrolment is looked up."""
    party: Party | None = None
    if public is None:
        signed, party = identify(engine, header=header, skew=skew)
        public = party.public
    else:
        signed = parse_header(header)
        check_time(signed, skew=skew)
    confirm(
        engine,
        signed,
        public,
        method=method,
        path=path,
        body_sha256=body_sha256,
        headers=headers,
        skew=skew,
    )
    return signed, party
