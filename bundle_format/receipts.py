"""Receipts: the receiver's signed answer to a bundle, with one outcome per record.

Central (or a district office) signs the canonical JSON of the receipt with its
Ed25519 key. The CCI trusts a receipt only if the signature verifies against a key it
imported (and whose fingerprint was checked by phone), and only then acknowledges.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from cryptography.exceptions import InvalidSignature

from bundle_format.canonical import canonical
from bundle_format.keys import OwnKeys, PublicKeys, b64, unb64

FORMAT = "clms-receipt"
OUTCOMES = ("created", "updated", "unchanged", "conflict", "error")
ACKNOWLEDGING = frozenset({"created", "updated", "unchanged"})


class ReceiptError(Exception):
    """A receipt that cannot be trusted (bad signature, unknown signer, damaged)."""


def count_outcomes(outcomes: Iterable[dict[str, Any]]) -> dict[str, int]:
    """How many records had each outcome (every outcome name present, zeros included)."""
    counts = dict.fromkeys(OUTCOMES, 0)
    for o in outcomes:
        counts[o["outcome"]] += 1
    return counts


def make_receipt(
    *,
    bundle_id: str,
    bundle_hash: str,
    institution_uuid: str,
    seq: int,
    received_at: str,
    receiver: str,
    outcomes: Sequence[dict[str, Any]],
    note: str | None = None,
    reviews: Sequence[dict[str, Any]] | None = None,
    directory: Sequence[dict[str, Any]] | None = None,
    alerts: Sequence[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The receipt body (unsigned); `note` only when something needs saying.

    `reviews`: what the district office did about the sending CCI's escalated flags since
    its last receipt (acknowledged / resolved, with the reason, who and when), carried back
    to the CCI under the receipt's signature (see docs/bundle-format.md, "Reviews").
    `directory`: the institutions a child can be transferred to, with their signing and
    transfer keys (`{"uuid","name","state_code","district_code","sign_key","enc_key"}`).
    `alerts`: the open alerts about the sending CCI's children: an absconded or missing
    child who may be a child registered later in another home, with the evidence (the
    other home's name, the other record's code, score and reasons; never an Aadhaar).
    """
    body = {
        "format": FORMAT,
        "version": 1,
        "bundle_id": bundle_id,
        "bundle_hash": bundle_hash,
        "institution_uuid": institution_uuid,
        "seq": seq,
        "received_at": received_at,
        "receiver": receiver,
        "counts": count_outcomes(outcomes),
        "outcomes": list(outcomes),
    }
    if note:
        body["note"] = note
    if reviews:
        body["reviews"] = list(reviews)
    if directory:
        body["directory"] = list(directory)
    if alerts:
        body["alerts"] = list(alerts)
    return body


def sign_receipt(receipt: dict[str, Any], keys: OwnKeys) -> bytes:
    """The signed receipt as bytes (canonical JSON envelope), ready to send or save."""
    sig = keys.sign.sign(canonical(receipt))
    return canonical(
        {"receipt": receipt, "signer": keys.public().sign_key_id, "signature": b64(sig)}
    )


def verify_receipt(data: bytes, trusted: Sequence[PublicKeys]) -> dict[str, Any]:
    """The receipt body, if its signature verifies against one of the trusted keys."""
    try:
        env = json.loads(data.decode("utf-8"))
        receipt = env["receipt"]
        signer = str(env["signer"])
        sig = unb64(str(env["signature"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ReceiptError("the receipt is damaged or is not a CLMS receipt") from exc
    if not isinstance(receipt, dict) or receipt.get("format") != FORMAT:
        raise ReceiptError("the file is not a CLMS receipt")
    key = next((k for k in trusted if k.sign_key_id == signer), None)
    if key is None:
        raise ReceiptError(
            "the receipt is signed by a key this computer does not know: import the central "
            "or district key first"
        )
    if receipt.get("receiver") != key.role:
        raise ReceiptError("the receipt names another office than the one that signed it")
    try:
        key.verifier().verify(sig, canonical(receipt))
    except InvalidSignature as exc:
        raise ReceiptError("the receipt's signature does not match: it cannot be trusted") from exc
    if receipt.get("counts") != count_outcomes(receipt.get("outcomes", [])):
        raise ReceiptError("the receipt's counts do not match its outcomes")
    return dict(receipt)
