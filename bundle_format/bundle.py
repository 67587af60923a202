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
import re
import struct
import uuid as uuid_mod
import zlib
from collections.abc import Iterable, Iterator, Sequence
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
MAX_HEADER = 64 * 1024
MAX_PAYLOAD = 512 * 1024 * 1024  # hard ceiling on the inflated payload, whatever the counts
LINE_BUDGET = 64 * 1024  # inflated bytes allowed per declared record, on average
MAX_LINE = 1024 * 1024  # one record line (an attachment line may be larger, below)
MAX_ATTACHMENT_LINE = 24 * 1024 * 1024  # a scanned document or photo, base64
MAX_LINES = 60_000  # lines one bundle may declare (the outbox: 20,000 records + audit events)
MAX_RECIPIENTS = 8
READ_STEP = 64 * 1024
HPKE_NAME = "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20-Poly1305"
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
RECORD_KEYS = ("record_uuid", "type", "op", "version", "base_version", "data")
# "transfer": the owner hands a record over to another institution (data names it).
OPS = ("upsert", "delete", "transfer")
_RECORD_TYPES: dict[str, Any] = {
    "record_uuid": str,
    "type": str,
    "op": str,
    "version": int,
    "base_version": int,
    "data": (dict, type(None)),
}
_RECORD_KEYSET = frozenset(RECORD_KEYS)
_HEX = re.compile(r"[0-9a-f]+")
_B64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
COUNT_KEYS = ("records", "upserts", "deletes", "attachments", "audit_events", "transfers")


HEADER_KEYS = (
    "format",
    "version",
    "bundle_id",
    "institution",
    "seq",
    "prev_hash",
    "created_at",
    "counts",
    "recipients",
    "signer",
    "payload",
)


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

    "audit_events" (and "transfers", hand-overs of a record to another home) appear only
    in bundles that carry some (format v1 allows the keys).
    """
    counts = {"records": 0, "upserts": 0, "deletes": 0, "attachments": 0}
    for r in records:
        _count(counts, r)
    return counts


_ALWAYS = ("records", "upserts", "deletes", "attachments")


def _count(counts: dict[str, int], r: dict[str, Any]) -> None:
    """Add one payload line to the header's counts (optional keys only when present)."""
    if r["type"] == "attachment":
        counts["attachments"] += 1
    elif r["type"] == "audit_event":
        counts["audit_events"] = counts.get("audit_events", 0) + 1
    else:
        counts["records"] += 1
        key = {"upsert": "upserts", "delete": "deletes"}.get(r["op"], "transfers")
        counts[key] = counts.get(key, 0) + 1


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


def _is(value: Any, kind: Any) -> bool:
    """isinstance that does not take True for an int."""
    if isinstance(value, bool) and kind in (int, (int, type(None))):
        return False
    return isinstance(value, kind)


def _field(obj: dict[str, Any], key: str, kind: Any, where: str = "header") -> Any:
    if key not in obj:
        raise BundleError("bad-header", f"the bundle {where} has no {key}")
    if not _is(obj[key], kind):
        raise BundleError("bad-header", f"the bundle {where} has a {key} of the wrong type")
    return obj[key]


def _text(obj: dict[str, Any], key: str, n: int, where: str = "header") -> str:
    value: str = _field(obj, key, str, where)
    if len(value) > n:
        raise BundleError("bad-header", f"the bundle {where}'s {key} is too long")
    return value


def _hex(obj: dict[str, Any], key: str, n: int, where: str = "header") -> None:
    value = _field(obj, key, str, where)
    if len(value) != n or not _HEX.fullmatch(value):
        raise BundleError("bad-header", f"the bundle {where}'s {key} is not {n} hex digits")


def check_header(header: dict[str, Any]) -> None:
    """Every header field checked for type and size before anything uses it (the header is
    not yet known to be signed): BundleError("bad-header") naming the field otherwise."""
    extra = set(header) - set(HEADER_KEYS)
    if extra:
        raise BundleError("bad-header", f"the bundle header has unknown fields: {sorted(extra)}")
    if not _UUID.fullmatch(_text(header, "bundle_id", 36)):
        raise BundleError("bad-header", "the bundle id is not a UUID")
    inst = _field(header, "institution", dict)
    if set(inst) - {"uuid", "name", "state_code", "district_code"}:
        raise BundleError("bad-header", "the bundle's institution has unknown fields")
    if not _UUID.fullmatch(_text(inst, "uuid", 36, "institution")):
        raise BundleError("bad-header", "the institution id is not a UUID")
    if "name" in inst:
        _text(inst, "name", 200, "institution")
    for code in ("state_code", "district_code"):
        value = inst.get(code)
        if value is not None and (not _is(value, int) or not 0 <= value < 1_000_000):
            raise BundleError("bad-header", f"the institution's {code} is not a code number")
    seq = _field(header, "seq", int)
    if not 0 < seq < 1 << 53:
        raise BundleError("bad-header", "the bundle's seq is out of range")
    _hex(header, "prev_hash", 64)
    _text(header, "created_at", 40)
    counts = _field(header, "counts", dict)
    if set(counts) - set(COUNT_KEYS) or not set(_ALWAYS) <= set(counts):
        raise BundleError("bad-header", "the bundle's counts have unknown or missing keys")
    if not all(_is(v, int) and 0 <= v <= MAX_LINES for v in counts.values()):
        raise BundleError("bad-header", "the bundle's counts are not small whole numbers")
    lines = counts["records"] + counts["attachments"] + counts.get("audit_events", 0)
    if lines > MAX_LINES:
        raise BundleError("bad-header", f"a bundle holds at most {MAX_LINES} records")
    recipients = _field(header, "recipients", list)
    if not 0 < len(recipients) <= MAX_RECIPIENTS:
        raise BundleError("bad-header", "the bundle has no recipients, or too many")
    for r in recipients:
        if not isinstance(r, dict) or set(r) != {"role", "key_id", "wrapped_key"}:
            raise BundleError("bad-header", "a recipient of the bundle is not well formed")
        if r["role"] not in ("central", "district"):
            raise BundleError("bad-header", "a recipient of the bundle has an unknown role")
        _hex(r, "key_id", 16, "recipient")
        if not _B64.fullmatch(_text(r, "wrapped_key", 200, "recipient")):
            raise BundleError("bad-header", "a recipient's wrapped key is not base64")
    _hex(header, "signer", 16)
    payload = _field(header, "payload", dict)
    expected = {"compression": "zlib", "cipher": "chacha20-poly1305", "hpke": HPKE_NAME}
    if set(payload) != {*expected, "nonce", "length"}:
        raise BundleError("bad-header", "the bundle's payload description is not well formed")
    if any(payload[k] != v for k, v in expected.items()):
        raise BundleError("bad-header", "the bundle uses a compression or cipher not supported")
    nonce = _text(payload, "nonce", 16, "payload")
    if len(nonce) != 16 or not _B64.fullmatch(nonce):
        raise BundleError("bad-header", "the bundle's nonce is not 12 bytes of base64")
    length = _field(payload, "length", int, "payload")
    if not 16 <= length < 1 << 40:
        raise BundleError("bad-header", "the bundle's payload length is out of range")


def parse_bundle(data: bytes) -> Bundle:
    """Split a bundle into its parts and check every header field's type and size (no crypto
    yet): anything unexpected is a BundleError with a code, never another exception."""
    if not isinstance(data, bytes | bytearray) or not data.startswith(MAGIC):
        raise BundleError("bad-format", "this file is not a CLMS bundle")
    pos = len(MAGIC)
    if len(data) < pos + 4:
        raise BundleError("truncated", "the bundle is cut short (no header)")
    (hlen,) = struct.unpack(">I", data[pos : pos + 4])
    pos += 4
    if hlen > MAX_HEADER:
        raise BundleError("bad-header", f"the bundle header is longer than {MAX_HEADER} bytes")
    if len(data) < pos + hlen + SIG_LEN:
        raise BundleError("truncated", "the bundle is cut short (header or signature missing)")
    header_bytes = bytes(data[pos : pos + hlen])
    try:
        header = json.loads(header_bytes.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise BundleError("bad-header", "the bundle header is not readable JSON") from exc
    if not isinstance(header, dict):
        raise BundleError("bad-header", "the bundle header is not a JSON object")
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise BundleError("bad-version", "this bundle format version is not supported")
    check_header(header)
    if canonical(header) != header_bytes:
        raise BundleError("bad-header", "the bundle header is not in canonical form")
    signature = bytes(data[pos + hlen : pos + hlen + SIG_LEN])
    ciphertext = bytes(data[pos + hlen + SIG_LEN :])
    if len(ciphertext) != header["payload"]["length"]:
        raise BundleError("truncated", "the bundle's encrypted part has the wrong length")
    return Bundle(header, header_bytes, signature, ciphertext, bytes(data))


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


def _inflate_cap(counts: dict[str, int]) -> int:
    """How many bytes the payload may inflate to: from the declared counts, under a ceiling."""
    lines = sum(counts.values()) - counts.get("upserts", 0) - counts.get("deletes", 0)
    lines -= counts.get("transfers", 0)
    budget = lines * LINE_BUDGET + counts.get("attachments", 0) * MAX_ATTACHMENT_LINE
    return min(MAX_PAYLOAD, budget + LINE_BUDGET)


def _check_line(line: bytes, n: int) -> dict[str, Any]:
    """One payload line as a record dict, its structure and field types checked."""
    try:
        rec = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise BundleError("bad-payload", f"record {n} in the bundle is not readable") from exc
    if type(rec) is not dict or rec.keys() != _RECORD_KEYSET:
        raise BundleError("bad-payload", f"record {n} in the bundle is incomplete")
    uuid, kind, op, data = rec["record_uuid"], rec["type"], rec["op"], rec["data"]
    # type() is, not isinstance: True is not a version number.
    if (
        type(uuid) is not str
        or type(kind) is not str
        or type(op) is not str
        or type(rec["version"]) is not int
        or type(rec["base_version"]) is not int
        or (data is not None and type(data) is not dict)
    ):
        bad = next(k for k, t in _RECORD_TYPES.items() if not _is(rec[k], t))
        raise BundleError("bad-payload", f"record {n} has a {bad} of the wrong type")
    if not 0 < len(uuid) <= 64 or not 0 < len(kind) <= 40:
        raise BundleError("bad-payload", f"record {n} has an id or type of the wrong size")
    if op not in OPS:
        raise BundleError("bad-payload", f"record {n} has an unknown operation")
    return rec


def iter_payload(bundle: Bundle, data_key: bytes) -> Iterator[dict[str, Any]]:
    """Decrypt, then inflate and parse the payload line by line in bounded memory.

    The inflated size is capped from the header's counts (and a hard ceiling), each line
    is capped, a line beyond the declared counts stops at once, and the counts must match
    at the end: a compression bomb is refused after a few kilobytes of work.
    """
    try:
        nonce = unb64(bundle.header["payload"]["nonce"])
        compressed = ChaCha20Poly1305(data_key).decrypt(
            nonce, bundle.ciphertext, bundle.header_bytes
        )
    except (InvalidTag, ValueError, KeyError) as exc:
        raise BundleError("decrypt-failed", "the bundle's content cannot be decrypted") from exc
    declared: dict[str, int] = bundle.header["counts"]
    expected_lines = sum(declared.get(k, 0) for k in ("records", "attachments", "audit_events"))
    cap = _inflate_cap(declared)
    line_cap = MAX_ATTACHMENT_LINE if declared.get("attachments") else MAX_LINE
    d = zlib.decompressobj()
    view = memoryview(compressed)
    buf = bytearray()
    scanned = 0  # bytes of buf already searched for a newline
    inflated = 0
    counts = {"records": 0, "upserts": 0, "deletes": 0, "attachments": 0}
    n = 0
    pos = 0
    while True:
        try:
            if d.unconsumed_tail:
                piece = d.decompress(d.unconsumed_tail, READ_STEP)
            elif pos < len(view):
                piece = d.decompress(view[pos : pos + READ_STEP], READ_STEP)
                pos += READ_STEP
            else:
                piece = d.flush()
        except zlib.error as exc:
            raise BundleError("bad-payload", "the bundle's content is damaged") from exc
        inflated += len(piece)
        if inflated > cap:
            raise BundleError(
                "bad-payload", "the bundle's content is larger than its record counts allow"
            )
        buf += piece
        start = 0
        while (end := buf.find(b"\n", max(start, scanned))) >= 0:
            n += 1
            if n > expected_lines:
                raise BundleError("bad-payload", "the bundle holds more records than its header")
            rec = _check_line(bytes(buf[start:end]), n)
            _count(counts, rec)
            yield rec
            start = end + 1
        del buf[:start]
        scanned = len(buf)
        if len(buf) > line_cap:
            raise BundleError("bad-payload", "a record in the bundle is too large")
        if not piece and not d.unconsumed_tail and pos >= len(view):
            break
    if not d.eof or buf or d.unused_data:
        raise BundleError("bad-payload", "the bundle's content is incomplete or damaged")
    if counts != declared:
        raise BundleError("bad-payload", "the bundle's record counts do not match its header")


def decrypt_payload(bundle: Bundle, data_key: bytes) -> list[dict[str, Any]]:
    """Every record of the payload as a list (see `iter_payload`; small bundles, tests)."""
    return list(iter_payload(bundle, data_key))


def open_bundle(bundle: Bundle, keys: OwnKeys) -> list[dict[str, Any]]:
    """Unwrap the data key with `keys` and return the records (signature checked before)."""
    return decrypt_payload(bundle, unwrap_data_key(bundle, keys))


def iter_bundle(bundle: Bundle, keys: OwnKeys) -> Iterator[dict[str, Any]]:
    """Unwrap the data key with `keys` and stream the records (signature checked before)."""
    return iter_payload(bundle, unwrap_data_key(bundle, keys))
