"""Mutated bundles for the fuzz tests: none of them may be accepted by a receiver.

Four families, drawn in turn from a seeded random generator:
- bytes: bit flips, cuts, insertions, deleted or repeated ranges of a good signed bundle;
- header: a header field given a wrong type, an unknown field, a missing field, deep
  nesting (not re-signed: the signature no longer matches, if the parser gets that far);
- signed-header: the same kinds of header damage, signed again by the enrolled key (an
  enrolled CCI gone bad: only the header checks stand in the way);
- signed-payload: a payload that is not what the header says, encrypted and signed
  properly (bad lines, wrong types, wrong counts, a compression bomb, a cut stream...).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import struct
import zlib
from collections.abc import Iterator
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from bundle_format import bundle as bundles
from bundle_format.canonical import canonical
from bundle_format.keys import OwnKeys, PublicKeys, b64

WRONG = [None, True, 1.5, -1, 2**70, "", "x" * 300, [], [1, "a"], {}, {"a": {"b": [None]}}]


def assemble(header: dict[str, Any] | bytes, signature: bytes, ciphertext: bytes) -> bytes:
    """Bundle bytes from a header (object or raw bytes), a signature and a ciphertext."""
    hb = header if isinstance(header, bytes) else canonical(header)
    return bundles.MAGIC + struct.pack(">I", len(hb)) + hb + signature + ciphertext


def signed_with_payload(
    *,
    plain: bytes | None,
    compressed: bytes | None = None,
    counts: dict[str, int],
    base: dict[str, Any],
    signer: OwnKeys,
    recipients: list[PublicKeys],
    header_over: dict[str, Any] | None = None,
) -> bytes:
    """A properly encrypted and signed bundle around any payload bytes and counts."""
    bundle_id = base["bundle_id"]
    data_key = ChaCha20Poly1305.generate_key()
    nonce = os.urandom(12)
    body = compressed if compressed is not None else zlib.compress(plain or b"", 6)
    wraps = [
        {
            "role": r.role,
            "key_id": r.enc_key_id,
            "wrapped_key": b64(
                bundles.SUITE.encrypt(data_key, r.recipient(), info=bundles.hpke_info(bundle_id))
            ),
        }
        for r in recipients
    ]
    header = {
        **base,
        "counts": counts,
        "recipients": wraps,
        "payload": {**base["payload"], "nonce": b64(nonce), "length": len(body) + 16},
        **(header_over or {}),
    }
    hb = canonical(header)
    ciphertext = ChaCha20Poly1305(data_key).encrypt(nonce, body, hb)
    sig = signer.sign.sign(hb + hashlib.sha256(ciphertext).digest())
    return assemble(hb, sig, ciphertext)


def _line(rec: dict[str, Any]) -> bytes:
    return json.dumps(rec, separators=(",", ":")).encode() + b"\n"


GOOD_LINE = {
    "record_uuid": "00000000-0000-4000-8000-00000000abcd",
    "type": "child",
    "op": "upsert",
    "version": 1,
    "base_version": 0,
    "data": {"first_name": "Fuzz"},
}
ONE = {"records": 1, "upserts": 1, "deletes": 0, "attachments": 0}


def _bad_payloads(rng: random.Random) -> tuple[bytes | None, bytes | None, dict[str, int]]:
    """(plain, compressed, counts) of a payload that must be refused."""
    kind = rng.randrange(14)
    if kind == 0:
        return b"not json\n", None, ONE
    if kind == 1:
        return b"[1,2,3]\n", None, ONE
    if kind == 2:
        rec = dict(GOOD_LINE)
        rec.pop(rng.choice(list(rec)))
        return _line(rec), None, ONE
    if kind == 3:
        key = rng.choice(list(GOOD_LINE))
        bad = rng.choice([v for v in WRONG if not isinstance(v, type(GOOD_LINE[key]))])
        if key == "data" and bad is None:
            bad = [1]
        return _line({**GOOD_LINE, key: bad}), None, ONE
    if kind == 4:
        return _line({**GOOD_LINE, "extra": 1}), None, ONE
    if kind == 5:  # counts that do not match
        n = rng.randint(2, 5)
        lines = b"".join(_line({**GOOD_LINE, "record_uuid": f"r{i}"}) for i in range(n))
        declared = rng.choice([n - 1, n + 1])
        return lines, None, {**ONE, "records": declared, "upserts": declared}
    if kind == 6:  # a compression bomb: megabytes of zeros in a few kilobytes
        return None, zlib.compress(b"0" * rng.randint(2, 8) * 1024 * 1024, 9), ONE
    if kind == 7:  # a stream cut short
        full = zlib.compress(_line(GOOD_LINE) * 3)
        return None, full[: rng.randint(1, len(full) - 1)], {**ONE, "records": 3, "upserts": 3}
    if kind == 8:  # garbage after the stream
        return None, zlib.compress(_line(GOOD_LINE)) + os.urandom(rng.randint(1, 50)), ONE
    if kind == 9:  # nesting too deep to parse
        depth = rng.randint(50_000, 200_000)
        return b'{"data":' + b"[" * depth + b"]" * depth + b"}\n", None, ONE
    if kind == 10:
        return _line({**GOOD_LINE, "op": rng.choice(["drop", "", "UPSERT"])}), None, ONE
    if kind == 11:  # one line too long
        big = {**GOOD_LINE, "data": {"x": "y" * (bundles.MAX_LINE + 10)}}
        return _line(big), None, ONE
    if kind == 12:  # a malformed audit event
        ev = {**GOOD_LINE, "type": "audit_event", "data": rng.choice([None, {"uuid": 5}, {}])}
        counts = {"records": 0, "upserts": 0, "deletes": 0, "attachments": 0, "audit_events": 1}
        return _line(ev), None, counts
    return b"\xff\xfe\xfa" + os.urandom(20) + b"\n", None, ONE


def _bad_header(rng: random.Random, header: dict[str, Any]) -> dict[str, Any] | bytes:
    """A header with one thing wrong about its structure (never a valid header)."""
    h = json.loads(json.dumps(header))
    kind = rng.randrange(7)
    key = rng.choice([k for k in h if k not in ("format", "version")])
    if kind == 0:
        del h[key]
    elif kind == 1:
        h[key] = rng.choice([v for v in WRONG if type(v) is not type(h[key])])
    elif kind == 2:
        h[rng.choice(["extra", "Seq", "bundle id"])] = 1
    elif kind == 3:
        depth = rng.randint(5_000, 30_000)
        return canonical({**h})[:-1] + b',"z":' + b"[" * depth + b"]" * depth + b"}"
    elif kind == 4:
        sub = rng.choice(["institution", "payload", "counts"])
        inner = h[sub]
        field = rng.choice(list(inner))
        inner[field] = rng.choice([v for v in WRONG if type(v) is not type(inner[field])])
    elif kind == 5:
        h["recipients"] = rng.choice(
            [[], [{"role": "central"}], [1], "central", [{**h["recipients"][0], "x": 1}]]
        )
    else:
        h["payload"] = {**h["payload"], "compression": rng.choice(["gzip", "none", 7])}
    return h


def mutants(
    good: bytes, *, signer: OwnKeys, recipients: list[PublicKeys], n: int, seed: int = 14
) -> Iterator[tuple[str, bytes]]:
    """`n` mutated bundles (family name, bytes) made from one good, not yet applied bundle."""
    rng = random.Random(seed)
    b = bundles.parse_bundle(good)
    header = b.header
    families = ["bytes", "header", "signed-header", "signed-payload"]
    made = 0
    while made < n:
        family = families[made % 4]
        if family == "bytes":
            raw = bytearray(good)
            op = rng.randrange(5)
            pos = rng.randrange(len(raw))
            if op == 0:
                for _ in range(rng.randint(1, 8)):
                    raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
            elif op == 1:
                del raw[pos:]
            elif op == 2:
                raw[pos:pos] = os.urandom(rng.randint(1, 64))
            elif op == 3:
                del raw[pos : pos + rng.randint(1, 64)]
            else:
                end = min(len(raw), pos + rng.randint(1, 64))
                raw[pos:pos] = raw[pos:end]
            out = bytes(raw)
        elif family == "header":
            out = assemble(_bad_header(rng, header), b.signature, b.ciphertext)
        elif family == "signed-header":
            bad = _bad_header(rng, header)
            hb = bad if isinstance(bad, bytes) else canonical(bad)
            sig = signer.sign.sign(hb + hashlib.sha256(b.ciphertext).digest())
            out = assemble(hb, sig, b.ciphertext)
        else:
            plain, compressed, counts = _bad_payloads(rng)
            out = signed_with_payload(
                plain=plain,
                compressed=compressed,
                counts=counts,
                base=header,
                signer=signer,
                recipients=recipients,
            )
        if out != good:
            made += 1
            yield family, out
