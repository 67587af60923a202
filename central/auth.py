"""Checking a signed request (bundle_format.request_auth) against central's enrolments,
with replay refused by a nonce kept in the database (shared by all worker processes)."""

from __future__ import annotations

import random
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
from central.schema import writer

PRUNE_EVERY = 200  # about one request in this many also deletes old nonces


def _remember_nonce(engine: Engine, signed: SignedHeader, now: float, skew: int) -> None:
    at = datetime.fromtimestamp(now, UTC)
    try:
        with Session(writer(engine)) as s, s.begin():
            if random.randrange(PRUNE_EVERY) == 0:
                s.execute(
                    delete(RequestNonce).where(RequestNonce.at < at - timedelta(seconds=2 * skew))
                )
            s.add(RequestNonce(key_id=signed.key_id, nonce=signed.nonce, at=at))
    except IntegrityError as exc:
        raise RequestAuthError(
            "replayed-request", "this request was already received once (replay refused)"
        ) from exc


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
    """Who signed this request: the enrolled party (or pending request) of the key named,
    checked for time, signature and replay. With `public` (an enrolment request, which
    carries its own key) the signature is checked against that key instead.
    """
    signed = parse_header(header)
    now = time.time()
    check_time(signed, now=now, skew=skew)
    party: Party | None = None
    if public is None:
        with Session(engine) as s:
            party = find_party(s, signed.key_id)
        if party is None:
            raise RequestAuthError(
                "not-enrolled",
                "this CCI's key is not enrolled at the state server: ask for enrolment first "
                "(clms sync enrol)",
            )
        public = party.public
    verify_request(
        signed, public, method=method, path=path, body_sha256=body_sha256, headers=headers
    )
    _remember_nonce(engine, signed, now, skew)
    return signed, party
