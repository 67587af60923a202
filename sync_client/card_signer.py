"""Signing the CLTS entitlement card's QR token with this install's sync key.

The office that prints a card signs its token with the Ed25519 key that signs its sync
bundles (kept in the OS keyring or a passphrase file, `sync_client.exchange.keys`). The state
vouches for that key with an endorsement (`bundle_format.card_token.endorse_signer`),
which central gives the office when it is enrolled (or the state office hands over as a
file: `clms clts endorse` there, `clms clts endorsement FILE` here). This module keeps
the endorsement and makes the signer the printed documents call.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from bundle_format.card_token import Signer, TokenError, check_endorsement, make_token
from bundle_format.keys import OwnKeys, SyncKeyError
from desktop.models import Setting
from desktop.services.core.errors import ServiceError
from sync_client.exchange.outbox import load_own_keys, own_key_row, own_public

ENDORSEMENT_SETTING = "clts.card_endorsement"


def _role(session: Session) -> str:
    """The signing role of this install: a district office signs with its district key."""
    return "district" if own_key_row(session, role="district") is not None else "institution"


def install_endorsement(session: Session, data: bytes, *, state_public: bytes) -> str:
    """Keep the state's endorsement of this install's key, after checking it; returns a summary."""
    role = _role(session)
    pub = own_public(session, role=role)
    if pub is None:
        raise ServiceError("this install has no signing key yet: run `clms sync keys init` first")
    raw = data.strip()
    try:
        body = base64.b64decode(raw, validate=True) if not raw.startswith(b"{") else b""
        if not body:
            body = base64.b64decode(json.loads(raw)["endorsement"], validate=True)
    except (ValueError, KeyError, TypeError) as exc:
        raise ServiceError(f"the endorsement file cannot be read ({exc})") from None
    try:
        district, until = check_endorsement(body, signer_public=pub.sign, state_public=state_public)
    except TokenError as exc:
        raise ServiceError(str(exc)) from None
    value = json.dumps({"key_id": pub.sign_key_id, "endorsement": base64.b64encode(body).decode()})
    row = session.get(Setting, ENDORSEMENT_SETTING)
    if row is None:
        session.add(Setting(key=ENDORSEMENT_SETTING, value=value))
    else:
        row.value = value
    session.flush()
    return (
        f"endorsement kept: district {district}, valid until {until:%d-%m-%Y} "
        f"for key {pub.sign_key_id}"
    )


def endorsement(session: Session) -> bytes | None:
    """This install's endorsement for its current key (None: none, or for an older key)."""
    row = session.get(Setting, ENDORSEMENT_SETTING)
    pub = own_public(session, role=_role(session))
    if row is None or pub is None:
        return None
    data = json.loads(row.value)
    if data.get("key_id") != pub.sign_key_id:
        return None
    return base64.b64decode(data["endorsement"])


def signer_from_keys(keys: OwnKeys, endorsed: bytes | None) -> Signer:
    """A signer over already loaded keys (tests, and a window that unlocked the key once)."""

    def sign(case_id: str, child_code: str, issued: date) -> str:
        return make_token(
            keys.sign, case_id=case_id, child_code=child_code, issued=issued, endorsement=endorsed
        )

    return sign


def card_signer(session: Session, *, data_dir: Path, passphrase: str | None) -> Signer | None:
    """The install's card signer, or None when it has no sync key (cards print unsigned)."""
    role = _role(session)
    if own_key_row(session, role=role) is None:
        return None
    try:
        keys = load_own_keys(session, data_dir=data_dir, passphrase=passphrase, role=role)
    except SyncKeyError as exc:
        raise ServiceError(f"the card cannot be signed: {exc}") from exc
    return signer_from_keys(keys, endorsement(session))
