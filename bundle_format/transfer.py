"""Transfer packets: a child's whole record, from one CCI to another (issue 20).

A packet is built like a bundle (see docs/bundle-format.md, "Transfer packets") and from
the same primitives: canonical JSON header, JSON-lines payload compressed with zlib and
encrypted with ChaCha20-Poly1305 under a random data key (the header as associated data),
the data key wrapped with HPKE (`bundle.SUITE`) for each recipient: the receiving CCI,
its district office and central; signed with the sending CCI's Ed25519 key over
`header ‖ SHA-256(ciphertext)`. It is not part of the sender's bundle chain.

    MAGIC (16 bytes "CLMS-TRANSFER-1\\n") | header length (4 bytes, big-endian)
    | header | Ed25519 signature (64 bytes) | ciphertext

The child's Aadhaar inside is sealed to the receiving CCI's key alone
(`aadhaar.seal`, bound to the child's uuid): the district and central can read the
packet, never the number. The receiving CCI answers with a signed acknowledgement
(`make_ack`), which goes back to the sender by central or on the district's stick.

An institution's transfer key (X25519) is enrolled by a key statement signed with its
enrolled signing key (`sign_key_statement`): central and the district office keep it
and hand it out, with the institution's name and signing key, in the directory that
their receipts carry.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import uuid as uuid_mod
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from bundle_format.bundle import HPKE_NAME, RECORD_KEYS, SIG_LEN, SUITE
from bundle_format.canonical import canonical
from bundle_format.keys import OwnKeys, b64, key_id, unb64

MAGIC = b"CLMS-TRANSFER-1\n"
FORMAT = "clms-transfer"
VERSION = 1
MAX_HEADER = 64 * 1024
MAX_PACKET = 256 * 1024 * 1024  # a child's record with its scans; refused above this
MAX_PAYLOAD = 512 * 1024 * 1024
MAX_LINE = 24 * 1024 * 1024
MAX_LINES = 60_000
ROLES = ("institution", "district", "central")
HEADER_KEYS = frozenset(
    {
        "format",
        "version",
        "packet_id",
        "from",
        "to",
        "child",
        "transfer",
        "created_at",
        "lines",
        "recipients",
        "signer",
        "payload",
    }
)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX16 = re.compile(r"[0-9a-f]{16}")
_B64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
ACK_FORMAT = "clms-transfer-ack"
KEY_STATEMENT = "clms-transfer-key"


class TransferError(Exception):
    """A packet (or acknowledgement) that is refused: `code` for programs, message for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Recipient:
    """Who a packet is encrypted to: a role and a raw X25519 public key."""

    role: str
    enc: bytes

    @property
    def key_id(self) -> str:
        """The recipient's key id (16 hex digits)."""
        return key_id(self.enc)


@dataclass(frozen=True)
class Packet:
    """A parsed (not yet verified) transfer packet."""

    header: dict[str, Any]
    header_bytes: bytes
    signature: bytes
    ciphertext: bytes

    @property
    def packet_id(self) -> str:
        """The packet's UUID."""
        return str(self.header["packet_id"])

    @property
    def sender(self) -> dict[str, Any]:
        """The sending institution (uuid, name, state and district codes)."""
        return dict(self.header["from"])

    @property
    def receiver(self) -> dict[str, Any]:
        """The receiving institution (uuid, name, state and district codes)."""
        return dict(self.header["to"])

    @property
    def child(self) -> dict[str, Any]:
        """The child's uuid, code and name, as shown before the packet is opened."""
        return dict(self.header["child"])

    def signed_message(self) -> bytes:
        """What the signature covers."""
        return self.header_bytes + hashlib.sha256(self.ciphertext).digest()

    @property
    def hash(self) -> str:
        """The packet hash (hex): SHA-256 of the signed message, named by the acknowledgement."""
        return hashlib.sha256(self.signed_message()).hexdigest()


def _info(packet_id: str) -> bytes:
    return b"clms-transfer-v1|" + packet_id.encode("ascii")


def build_packet(
    *,
    records: Sequence[dict[str, Any]],
    sender: dict[str, Any],
    receiver: dict[str, Any],
    child: dict[str, Any],
    transfer: dict[str, Any],
    created_at: str,
    signer: OwnKeys,
    recipients: Sequence[Recipient],
    packet_id: str | None = None,
) -> bytes:
    """A signed, encrypted packet in memory. `records` are payload lines (the bundle's six
    keys; attachments as lines of type `attachment` with their content)."""
    if not any(r.role == "institution" for r in recipients):
        raise TransferError("no-recipient", "the receiving CCI has no transfer key yet")
    packet_id = packet_id or str(uuid_mod.uuid4())
    data_key = ChaCha20Poly1305.generate_key()
    nonce = os.urandom(12)
    plain = b"".join(canonical({k: r[k] for k in RECORD_KEYS}) + b"\n" for r in records)
    compressed = zlib.compress(plain, 6)
    del plain
    wraps = [
        {
            "role": r.role,
            "key_id": r.key_id,
            "wrapped_key": b64(
                SUITE.encrypt(
                    data_key, X25519PublicKey.from_public_bytes(r.enc), info=_info(packet_id)
                )
            ),
        }
        for r in recipients
    ]
    header = {
        "format": FORMAT,
        "version": VERSION,
        "packet_id": packet_id,
        "from": sender,
        "to": receiver,
        "child": child,
        "transfer": transfer,
        "created_at": created_at,
        "lines": len(records),
        "recipients": wraps,
        "signer": signer.public().sign_key_id,
        "payload": {
            "compression": "zlib",
            "cipher": "chacha20-poly1305",
            "hpke": HPKE_NAME,
            "nonce": b64(nonce),
            "length": len(compressed) + 16,
        },
    }
    check_header(header)
    header_bytes = canonical(header)
    ciphertext = ChaCha20Poly1305(data_key).encrypt(nonce, compressed, header_bytes)
    signature = signer.sign.sign(header_bytes + hashlib.sha256(ciphertext).digest())
    return MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes + signature + ciphertext


def _bad(message: str) -> TransferError:
    return TransferError("bad-header", message)


def _party(value: Any, where: str) -> None:
    if not isinstance(value, dict) or set(value) - {"uuid", "name", "state_code", "district_code"}:
        raise _bad(f"the packet's {where} is not well formed")
    if not isinstance(value.get("uuid"), str) or not _UUID.fullmatch(value["uuid"]):
        raise _bad(f"the packet's {where} has no institution id")
    if not isinstance(value.get("name", ""), str) or len(value.get("name", "")) > 200:
        raise _bad(f"the packet's {where} name is not short text")
    for code in ("state_code", "district_code"):
        v = value.get(code)
        if v is not None and (type(v) is not int or not 0 <= v < 1_000_000):
            raise _bad(f"the packet's {where} {code} is not a code number")


def _short_texts(value: Any, where: str, keys: set[str], limit: int = 2000) -> None:
    if not isinstance(value, dict) or set(value) - keys:
        raise _bad(f"the packet's {where} is not well formed")
    for k, v in value.items():
        if v is not None and (not isinstance(v, str) or len(v) > limit):
            raise _bad(f"the packet's {where} {k} is not short text")


def check_header(header: dict[str, Any]) -> None:
    """Every header field checked for type and size before anything uses it."""
    if set(header) != HEADER_KEYS:
        raise _bad("the packet header has missing or unknown fields")
    if header["format"] != FORMAT or header["version"] != VERSION:
        raise TransferError("bad-version", "this transfer packet version is not supported")
    if not isinstance(header["packet_id"], str) or not _UUID.fullmatch(header["packet_id"]):
        raise _bad("the packet id is not a UUID")
    _party(header["from"], "sender")
    _party(header["to"], "receiver")
    _short_texts(header["child"], "child", {"uuid", "code", "name"}, 200)
    if not _UUID.fullmatch(str(header["child"].get("uuid"))):
        raise _bad("the packet's child has no id")
    _short_texts(
        header["transfer"], "transfer", {"date", "order_no", "reason", "transfer_uuid"}, 2000
    )
    if not isinstance(header["created_at"], str) or len(header["created_at"]) > 40:
        raise _bad("the packet's created_at is not short text")
    lines = header["lines"]
    if type(lines) is not int or not 0 < lines <= MAX_LINES:
        raise _bad("the packet's line count is out of range")
    recipients = header["recipients"]
    if not isinstance(recipients, list) or not 0 < len(recipients) <= 8:
        raise _bad("the packet has no recipients, or too many")
    for r in recipients:
        if not isinstance(r, dict) or set(r) != {"role", "key_id", "wrapped_key"}:
            raise _bad("a recipient of the packet is not well formed")
        if r["role"] not in ROLES or not isinstance(r["key_id"], str):
            raise _bad("a recipient of the packet has an unknown role")
        if not _HEX16.fullmatch(r["key_id"]):
            raise _bad("a recipient's key id is not 16 hex digits")
        w = r["wrapped_key"]
        if not isinstance(w, str) or len(w) > 200 or not _B64.fullmatch(w):
            raise _bad("a recipient's wrapped key is not base64")
    if not isinstance(header["signer"], str) or not _HEX16.fullmatch(header["signer"]):
        raise _bad("the packet's signer is not a key id")
    p = header["payload"]
    expected = {"compression": "zlib", "cipher": "chacha20-poly1305", "hpke": HPKE_NAME}
    if not isinstance(p, dict) or set(p) != {*expected, "nonce", "length"}:
        raise _bad("the packet's payload description is not well formed")
    if any(p[k] != v for k, v in expected.items()):
        raise _bad("the packet uses a compression or cipher not supported")
    if not isinstance(p["nonce"], str) or len(p["nonce"]) != 16 or not _B64.fullmatch(p["nonce"]):
        raise _bad("the packet's nonce is not 12 bytes of base64")
    if type(p["length"]) is not int or not 16 <= p["length"] <= MAX_PACKET:
        raise _bad("the packet's payload length is out of range")


def parse_packet(data: bytes) -> Packet:
    """Split a packet into its parts, every header field checked (no crypto yet)."""
    if not isinstance(data, bytes | bytearray) or not data.startswith(MAGIC):
        raise TransferError("bad-format", "this file is not a CLMS transfer packet")
    if len(data) > MAX_PACKET + MAX_HEADER + 100:
        raise TransferError("too-large", "the transfer packet is too large")
    pos = len(MAGIC)
    if len(data) < pos + 4:
        raise TransferError("truncated", "the transfer packet is cut short")
    (hlen,) = struct.unpack(">I", data[pos : pos + 4])
    pos += 4
    if hlen > MAX_HEADER or len(data) < pos + hlen + SIG_LEN:
        raise TransferError("truncated", "the transfer packet is cut short or its header too long")
    header_bytes = bytes(data[pos : pos + hlen])
    try:
        header = json.loads(header_bytes.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise _bad("the packet header is not readable JSON") from exc
    if not isinstance(header, dict):
        raise _bad("the packet header is not a JSON object")
    check_header(header)
    if canonical(header) != header_bytes:
        raise _bad("the packet header is not in canonical form")
    signature = bytes(data[pos + hlen : pos + hlen + SIG_LEN])
    ciphertext = bytes(data[pos + hlen + SIG_LEN :])
    if len(ciphertext) != header["payload"]["length"]:
        raise TransferError("truncated", "the packet's encrypted part has the wrong length")
    return Packet(header, header_bytes, signature, ciphertext)


def verify_packet(packet: Packet, sign_public: bytes) -> None:
    """Check the sender's signature (its enrolled Ed25519 key, raw bytes)."""
    if packet.header["signer"] != key_id(sign_public):
        raise TransferError("wrong-signer", "the packet is not signed by the sending CCI's key")
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(
            packet.signature, packet.signed_message()
        )
    except InvalidSignature as exc:
        raise TransferError(
            "bad-signature", "the packet's signature does not match: it was changed or damaged"
        ) from exc


def open_packet(packet: Packet, enc: X25519PrivateKey) -> list[dict[str, Any]]:
    """The payload lines, decrypted with a recipient's X25519 key (signature checked
    before). Every line must be a record of the bundle's six keys; counts must match."""
    mine = key_id(enc.public_key().public_bytes_raw())
    wrapped = next((r for r in packet.header["recipients"] if r["key_id"] == mine), None)
    if wrapped is None:
        raise TransferError("not-a-recipient", "this packet was not encrypted for this office")
    try:
        data_key = SUITE.decrypt(unb64(wrapped["wrapped_key"]), enc, info=_info(packet.packet_id))
        compressed = ChaCha20Poly1305(data_key).decrypt(
            unb64(packet.header["payload"]["nonce"]), packet.ciphertext, packet.header_bytes
        )
    except (InvalidTag, ValueError) as exc:
        raise TransferError("decrypt-failed", "the packet cannot be decrypted") from exc
    d = zlib.decompressobj()
    try:
        plain = d.decompress(compressed, MAX_PAYLOAD + 1)
    except zlib.error as exc:
        raise TransferError("bad-payload", "the packet's content is damaged") from exc
    if len(plain) > MAX_PAYLOAD or not d.eof or d.unused_data:
        raise TransferError("bad-payload", "the packet's content is damaged or too large")
    lines = plain.split(b"\n")
    if lines[-1] != b"" or len(lines) - 1 != packet.header["lines"]:
        raise TransferError("bad-payload", "the packet's line count does not match its header")
    out = []
    for n, line in enumerate(lines[:-1], 1):
        if len(line) > MAX_LINE:
            raise TransferError("bad-payload", f"line {n} of the packet is too large")
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise TransferError("bad-payload", f"line {n} of the packet is not readable") from exc
        if not isinstance(rec, dict) or set(rec) != set(RECORD_KEYS):
            raise TransferError("bad-payload", f"line {n} of the packet is incomplete")
        if not isinstance(rec["record_uuid"], str) or not isinstance(rec["type"], str):
            raise TransferError("bad-payload", f"line {n} of the packet has no id or type")
        if type(rec["version"]) is not int or not isinstance(rec["data"], dict):
            raise TransferError("bad-payload", f"line {n} of the packet is not a record")
        out.append(rec)
    return out


def _signed(body: dict[str, Any], keys: OwnKeys, name: str) -> bytes:
    sig = keys.sign.sign(canonical(body))
    return canonical({name: body, "signer": keys.public().sign_key_id, "signature": b64(sig)})


def _verified(data: bytes, name: str, fmt: str, sign_public: bytes) -> dict[str, Any]:
    try:
        env = json.loads(bytes(data).decode("utf-8"))
        body = env[name]
        signer = str(env["signer"])
        sig = unb64(str(env["signature"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as exc:
        raise TransferError("bad-format", f"this is not a CLMS {fmt}") from exc
    if not isinstance(body, dict) or body.get("format") != fmt:
        raise TransferError("bad-format", f"this is not a CLMS {fmt}")
    if signer != key_id(sign_public):
        raise TransferError("wrong-signer", f"the {fmt} is signed by another key")
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(sig, canonical(body))
    except InvalidSignature as exc:
        raise TransferError("bad-signature", f"the {fmt}'s signature does not match") from exc
    return dict(body)


def make_ack(
    packet: Packet, *, admitted_on: str, child_code: str, keys: OwnKeys, status: str = "admitted"
) -> bytes:
    """The receiving CCI's signed acknowledgement of a packet (admitted or refused)."""
    body = {
        "format": ACK_FORMAT,
        "version": 1,
        "packet_id": packet.packet_id,
        "packet_hash": packet.hash,
        "from_institution": packet.sender["uuid"],
        "to_institution": packet.receiver["uuid"],
        "child_uuid": packet.child["uuid"],
        "child_code": child_code,
        "status": status,
        "on": admitted_on,
    }
    return _signed(body, keys, "ack")


def verify_ack(data: bytes, sign_public: bytes) -> dict[str, Any]:
    """An acknowledgement's body, if signed by the receiving CCI's key (raw bytes)."""
    if len(data) > 16 * 1024:
        raise TransferError("too-large", "an acknowledgement is a few hundred bytes")
    return _verified(data, "ack", ACK_FORMAT, sign_public)


def sign_key_statement(keys: OwnKeys, *, institution_uuid: str, enc_public: bytes) -> bytes:
    """The institution's transfer key (X25519), vouched for by its enrolled signing key."""
    body = {
        "format": KEY_STATEMENT,
        "version": 1,
        "institution": institution_uuid,
        "enc_key": b64(enc_public),
    }
    return _signed(body, keys, "statement")


def verify_key_statement(data: bytes, sign_public: bytes, *, institution_uuid: str) -> bytes:
    """The raw X25519 transfer key from a statement signed by the institution's key."""
    if len(data) > 4096:
        raise TransferError("too-large", "a key statement is a few hundred bytes")
    body = _verified(data, "statement", KEY_STATEMENT, sign_public)
    if body.get("institution") != institution_uuid:
        raise TransferError("wrong-institution", "the key statement names another institution")
    try:
        enc = unb64(str(body["enc_key"]))
        X25519PublicKey.from_public_bytes(enc)
    except (ValueError, KeyError) as exc:
        raise TransferError("bad-format", "the key statement holds no valid key") from exc
    if len(enc) != 32:
        raise TransferError("bad-format", "the key statement holds no valid key")
    return enc
