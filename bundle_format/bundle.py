"""Bundle format v1: a signed, encrypted, compressed batch of changed records.

Layout (see docs/bundle-format.md):

    MAGIC (14 bytes "CLMS-BUNDLE-1\\n") | header length (4 bytes, big-endian)
    | header (canonical JSON, UTF-8) | Ed25519 signature (64 bytes) | ciphertext

The payload (JSON lines, zlib-compressed) is encrypted with a random 32-byte data key
(ChaCha20-Poly1305, the header bytes as associated data). The data key is wrapped for
each recipient with HPKE (DHKEM-X25519, HKDF-SHA256, ChaCha20-Poly1305). The signature
covers `header || SHA-256(ciphertext)`; the bundle hash (chained into the next
bundle's header) is SHA-256 of that same signed message. Everything happens in
memory: no plaintext ever touches the disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import uuid as uuid_mod
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from bundle_format.canonical import canonical
from bundle_format.keys import OwnKeys, PublicKeys, b64, unb64

MAGIC = b"CLMS-BUNDLE-1\n"
FORMAT = "clms-bundle"
VERSION = 1
GENESIS = "0" * 64
SIG_LEN = 64
MAX_HEADER = 1 << 20
MAX_PAYLOAD = 1 << 30  # refuse to inflate more than 1 GiB (a compression bomb)
HPKE_NAME = "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20-Poly1305"
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
RECORD_KEYS = ("record_uuid", "type", "op", "version", "base_version", "data")


class BundleError(Exception):
    """A bundle that is refused: `code` for programs, the message for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def hpke_info(bundle_id: str) -> bytes:
    """HPKE `info`: binds each wrapped data key to its bundle."""
    return b"clms-bundle-v1|" + bundle_id.encode("ascii")


@dataclass(frozen=True)
class Bundle:
    """A parsed (not yet verified) bundle."""

    header: dict[str, Any]
    header_bytes: bytes
    signature: bytes
    ciphertext: bytes
    raw: bytes

    @property
    def bundle_id(self) -> str:
        """The bundle's UUID."""
        return str(self.header["bundle_id"])

    @property
    def seq(self) -> int:
        """Per-institution sequence number (1, 2, 3...)."""
        return int(self.header["seq"])

    @property
    def institution(self) -> dict[str, Any]:
        """The sending institution: uuid, name, state and district codes."""
        return dict(self.header["institution"])

    @property
    def ciphertext_hash(self) -> bytes:
        """SHA-256 of the ciphertext (raw 32 bytes)."""
        return hashlib.sha256(self.ciphertext).digest()

    def signed_message(self) -> bytes:
        """What the signature covers: header bytes then the ciphertext hash."""
        return self.header_bytes + self.ciphertext_hash

    @property
    def hash(self) -> str:
        """Bundle hash (hex): SHA-256 of the signed message; chained via `prev_hash`."""
        return hashlib.sha256(self.signed_message()).hexdigest()


def count_records(records: Iterable[dict[str, Any]]) -> dict[str, int]:
    """The header's counts: records (upserts + deletes), attachments and audit events apart.

    "audit_events" appears only in bundles that carry some (format v1 allows the key).
    """
    counts = {"records": 0, "upserts": 0, "deletes": 0, "attachments": 0}
    for r in records:
        if r["type"] == "attachment":
            counts["attachments"] += 1
            continue
        if r["type"] == "audit_event":
            counts["audit_events"] = counts.get("audit_events", 0) + 1
            continue
        counts["records"] += 1
        counts["upserts" if r["op"] == "upsert" else "deletes"] += 1
    return counts


def encode_records(records: Sequence[dict[str, Any]]) -> tuple[bytes, dict[str, int]]:
    """JSON lines of records (canonical, one per line) and the counts for the header."""
    lines = [canonical({k: r[k] for k in RECORD_KEYS}) + b"\n" for r in records]
    return b"".join(lines), count_records(records)


def build_bundle(
    *,
    records: Sequence[dict[str, Any]],
    institution: dict[str, Any],
    seq: int,
    prev_hash: str,
    created_at: str,
    signer: OwnKeys,
    recipients: Sequence[PublicKeys],
    bundle_id: str | None = None,
    data_key: bytes | None = None,
    nonce: bytes | None = None,
) -> bytes:
    """Build a signed, encrypted bundle in memory and return its bytes.

    `data_key` and `nonce` are for the test vectors only; normally both are random.
    """
    if not recipients:
        raise BundleError("no-recipient", "no recipient key: import the central key first")
    bundle_id = bundle_id or str(uuid_mod.uuid4())
    data_key = data_key if data_key is not None else ChaCha20Poly1305.generate_key()
    nonce = nonce if nonce is not None else os.urandom(12)
    plain, counts = encode_records(records)
    compressed = zlib.compress(plain, 6)
    del plain
    me = signer.public()
    wraps = []
    for r in recipients:
        wrapped = SUITE.encrypt(data_key, r.recipient(), info=hpke_info(bundle_id))
        wraps.append({"role": r.role, "key_id": r.enc_key_id, "wrapped_key": b64(wrapped)})
    header = {
        "format": FORMAT,
        "version": VERSION,
        "bundle_id": bundle_id,
        "institution": institution,
        "seq": seq,
        "prev_hash": prev_hash,
        "created_at": created_at,
        "counts": counts,
        "recipients": wraps,
        "signer": me.sign_key_id,
        "payload": {
            "compression": "zlib",
            "cipher": "chacha20-poly1305",
            "hpke": HPKE_NAME,
            "nonce": b64(nonce),
            "length": len(compressed) + 16,
        },
    }
    header_bytes = canonical(header)
    ciphertext = ChaCha20Poly1305(data_key).encrypt(nonce, compressed, header_bytes)
    signature = signer.sign.sign(header_bytes + hashlib.sha256(ciphertext).digest())
    return MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes + signature + ciphertext


def parse_bundle(data: bytes) -> Bundle:
    """Split a bundle into its parts, checking the layout (no crypto yet)."""
    if not data.startswith(MAGIC):
        raise BundleError("bad-format", "this file is not a CLMS bundle")
    pos = len(MAGIC)
    if len(data) < pos + 4:
        raise BundleError("truncated", "the bundle is cut short (no header)")
    (hlen,) = struct.unpack(">I", data[pos : pos + 4])
    pos += 4
    if hlen > MAX_HEADER or len(data) < pos + hlen + SIG_LEN:
        raise BundleError("truncated", "the bundle is cut short (header or signature missing)")
    header_bytes = data[pos : pos + hlen]
    try:
        header = json.loads(header_bytes.decode("utf-8"))
    except ValueError as exc:
        raise BundleError("bad-header", "the bundle header is not readable JSON") from exc
    if not isinstance(header, dict) or canonical(header) != header_bytes:
        raise BundleError("bad-header", "the bundle header is not in canonical form")
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise BundleError("bad-version", "this bundle format version is not supported")
    for key in ("bundle_id", "institution", "seq", "prev_hash", "recipients", "signer"):
        if key not in header:
            raise BundleError("bad-header", f"the bundle header has no {key}")
    signature = data[pos + hlen : pos + hlen + SIG_LEN]
    ciphertext = data[pos + hlen + SIG_LEN :]
    if len(ciphertext) != int(header.get("payload", {}).get("length", -1)):
        raise BundleError("truncated", "the bundle's encrypted part has the wrong length")
    return Bundle(header, header_bytes, signature, ciphertext, data)


def verify_signature(bundle: Bundle, signer: PublicKeys) -> None:
    """Check the Ed25519 signature against the institution's enrolled key."""
    if bundle.header["signer"] != signer.sign_key_id:
        raise BundleError(
            "wrong-signer", "the bundle is signed by a key that is not enrolled for this CCI"
        )
    try:
        signer.verifier().verify(bundle.signature, bundle.signed_message())
    except InvalidSignature as exc:
        raise BundleError(
            "bad-signature", "the bundle's signature does not match: it was changed or damaged"
        ) from exc


def unwrap_data_key(bundle: Bundle, keys: OwnKeys) -> bytes:
    """The data key, unwrapped with this recipient's X25519 key."""
    if keys.enc is None:
        raise BundleError("not-a-recipient", "this install has no decryption key")
    my_id = keys.public().enc_key_id
    for r in bundle.header["recipients"]:
        if r.get("key_id") == my_id:
            try:
                return SUITE.decrypt(
                    unb64(r["wrapped_key"]), keys.enc, info=hpke_info(bundle.bundle_id)
                )
            except (InvalidTag, ValueError) as exc:
                raise BundleError("decrypt-failed", "the bundle's key cannot be opened") from exc
    raise BundleError("not-a-recipient", "this bundle was not encrypted for this office's key")


def decrypt_payload(bundle: Bundle, data_key: bytes) -> list[dict[str, Any]]:
    """Decrypt, inflate and parse the payload; checks the counts in the header."""
    try:
        nonce = unb64(bundle.header["payload"]["nonce"])
        compressed = ChaCha20Poly1305(data_key).decrypt(
            nonce, bundle.ciphertext, bundle.header_bytes
        )
    except (InvalidTag, ValueError, KeyError) as exc:
        raise BundleError("decrypt-failed", "the bundle's content cannot be decrypted") from exc
    d = zlib.decompressobj()
    try:
        plain = d.decompress(compressed, MAX_PAYLOAD)
    except zlib.error as exc:
        raise BundleError("bad-payload", "the bundle's content is damaged") from exc
    if d.unconsumed_tail or not d.eof:
        raise BundleError("bad-payload", "the bundle's content is too large or incomplete")
    records: list[dict[str, Any]] = []
    for line in plain.splitlines():
        try:
            rec = json.loads(line)
        except ValueError as exc:
            raise BundleError("bad-payload", "a record in the bundle is not readable") from exc
        if not isinstance(rec, dict) or any(k not in rec for k in RECORD_KEYS):
            raise BundleError("bad-payload", "a record in the bundle is incomplete")
        records.append(rec)
    if count_records(records) != bundle.header.get("counts"):
        raise BundleError("bad-payload", "the bundle's record counts do not match its header")
    return records


def open_bundle(bundle: Bundle, keys: OwnKeys) -> list[dict[str, Any]]:
    """Unwrap the data key with `keys` and return the records (signature checked before)."""
    return decrypt_payload(bundle, unwrap_data_key(bundle, keys))
