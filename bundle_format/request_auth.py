"""Signed requests: how an install (or a district office) proves who sends each request.

Every request to central that creates, reads or changes anything carries one header

    CLMS-Signature: v1 key=<signer key id>,ts=<unix seconds>,nonce=<32 hex>,sig=<base64>

where `sig` is the sender's Ed25519 signature over the canonical request message
(`request_message`): a fixed label, the method, the path, the time, the nonce, the
SHA-256 of the body, and the values of the upload protocol's own headers. Central
checks the key is enrolled, the time is within `MAX_SKEW` of its clock, the nonce was
never seen before from that key (kept in its database for twice the skew) and the
signature, before it stores a single byte. See docs/bundle-format.md.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature

from bundle_format.keys import OwnKeys, PublicKeys, b64, unb64

HEADER = "CLMS-Signature"
LABEL = b"clms-request-v1"
MAX_SKEW = 300  # seconds either way
# Protocol headers whose values are signed too (empty when absent), lower case, in order.
SIGNED_HEADERS = ("upload-length", "upload-offset", "upload-checksum", "bundle-id", "bundle-sha256")
_VALUE = re.compile(
    r"v1 key=(?P<key>[0-9a-f]{16}),ts=(?P<ts>\d{1,12}),nonce=(?P<nonce>[0-9a-f]{32}),"
    r"sig=(?P<sig>[A-Za-z0-9+/]{86}==)"
)


class RequestAuthError(Exception):
    """A request whose signature header is missing, malformed, stale or wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SignedHeader:
    """The parts of a CLMS-Signature header (parsed, not yet verified)."""

    key_id: str
    ts: int
    nonce: str
    sig: bytes


def request_message(
    *, method: str, path: str, ts: int, nonce: str, body_sha256: str, headers: Mapping[str, str]
) -> bytes:
    """The exact bytes that are signed for one request."""
    lower = {k.lower(): v for k, v in headers.items()}
    parts = [
        LABEL,
        method.upper().encode("ascii"),
        path.encode("utf-8"),
        str(ts).encode("ascii"),
        nonce.encode("ascii"),
        body_sha256.encode("ascii"),
        *(lower.get(h, "").encode("utf-8") for h in SIGNED_HEADERS),
    ]
    return b"\n".join(parts)


def sign_request(
    keys: OwnKeys,
    *,
    method: str,
    path: str,
    body: bytes = b"",
    headers: Mapping[str, str] | None = None,
    now: float | None = None,
) -> str:
    """The CLMS-Signature header value for one request."""
    ts = int(now if now is not None else time.time())
    nonce = os.urandom(16).hex()
    msg = request_message(
        method=method,
        path=path,
        ts=ts,
        nonce=nonce,
        body_sha256=hashlib.sha256(body).hexdigest(),
        headers=headers or {},
    )
    sig = b64(keys.sign.sign(msg))
    return f"v1 key={keys.public().sign_key_id},ts={ts},nonce={nonce},sig={sig}"


def parse_header(value: str | None) -> SignedHeader:
    """The parts of a CLMS-Signature header value; RequestAuthError if it is not one."""
    if not value:
        raise RequestAuthError(
            "not-signed", "this request must be signed by an enrolled key (CLMS-Signature)"
        )
    m = _VALUE.fullmatch(value.strip())
    if m is None:
        raise RequestAuthError("bad-request-signature", "the CLMS-Signature header is malformed")
    return SignedHeader(m["key"], int(m["ts"]), m["nonce"], unb64(m["sig"]))


def check_time(signed: SignedHeader, *, now: float | None = None, skew: int = MAX_SKEW) -> None:
    """Refuse a request signed too long ago or in the future (the PC's clock is wrong)."""
    now = now if now is not None else time.time()
    off = signed.ts - now
    if abs(off) > skew:
        raise RequestAuthError(
            "clock-skew",
            f"this computer's clock is {abs(off) / 60:.0f} minutes "
            f"{'ahead of' if off > 0 else 'behind'} the state server's: set the date and time "
            "right, then send again",
        )


def verify_request(
    signed: SignedHeader,
    public: PublicKeys,
    *,
    method: str,
    path: str,
    body_sha256: str,
    headers: Mapping[str, str],
) -> None:
    """Check the signature of a request against the sender's enrolled key."""
    if public.sign_key_id != signed.key_id:
        raise RequestAuthError("bad-request-signature", "the request names another key")
    msg = request_message(
        method=method,
        path=path,
        ts=signed.ts,
        nonce=signed.nonce,
        body_sha256=body_sha256,
        headers=headers,
    )
    try:
        public.verifier().verify(signed.sig, msg)
    except InvalidSignature as exc:
        raise RequestAuthError(
            "bad-request-signature", "the request's signature does not match its content"
        ) from exc
