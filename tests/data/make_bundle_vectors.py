"""Write the bundle format v1 test vectors into tests/data/bundle-vectors/ (run by hand).

The keys, data key and nonce here are FIXED, PUBLIC TEST VALUES derived from labels;
they exist only so that other implementations can check themselves against these
files. Real bundles use fresh random data keys and nonces, and real private keys never
leave the keyring or the protected key file.

    .venv/bin/python tests/data/make_bundle_vectors.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bundle_format import bundle as bundles  # noqa: E402
from bundle_format.keys import OwnKeys, raw_private  # noqa: E402

OUT = Path(__file__).parent / "bundle-vectors"


def seed(label: str) -> bytes:
    """32 fixed bytes for a test key: SHA-256 of a label (public, test only)."""
    return hashlib.sha256(f"clms test vector {label}".encode()).digest()


def test_keys() -> dict[str, OwnKeys]:
    """The fixed test keys of the vector: one CCI, central and one district."""
    return {
        "institution": OwnKeys(
            "institution",
            "Test Children's Home",
            Ed25519PrivateKey.from_private_bytes(seed("institution sign")),
            None,
        ),
        "central": OwnKeys(
            "central",
            "Test State Central",
            Ed25519PrivateKey.from_private_bytes(seed("central sign")),
            X25519PrivateKey.from_private_bytes(seed("central enc")),
        ),
        "district": OwnKeys(
            "district",
            "Test District Office",
            Ed25519PrivateKey.from_private_bytes(seed("district sign")),
            X25519PrivateKey.from_private_bytes(seed("district enc")),
        ),
    }


RECORDS = [
    {
        "record_uuid": "7b0f5d2e-0c55-4a53-9f5e-1d2a3b4c5d6e",
        "type": "child",
        "op": "upsert",
        "version": 2,
        "base_version": 1,
        "data": {
            "full_name": "Test Child One",
            "gender": "female",
            "photo_hash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        },
    },
    {
        "record_uuid": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "type": "attachment",
        "op": "upsert",
        "version": 1,
        "base_version": 0,
        "data": {
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "mime_type": "text/plain",
            "size": 4,
            "original_name": "test.txt",
            "content": "dGVzdA==",
        },
    },
    {
        "record_uuid": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
        "type": "case_note",
        "op": "delete",
        "version": 3,
        "base_version": 2,
        "data": None,
    },
]


def main() -> None:
    """Build vector 1 and write the bundle plus its expected values."""
    keys = test_keys()
    data_key = seed("data key")
    nonce = seed("nonce")[:12]
    raw = bundles.build_bundle(
        records=RECORDS,
        institution={
            "uuid": "5e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f",
            "name": "Test Children's Home",
            "state_code": 10,
            "district_code": 212,
        },
        seq=1,
        prev_hash=bundles.GENESIS,
        created_at="2026-11-23T10:00:00Z",
        signer=keys["institution"],
        recipients=[keys["central"].public(), keys["district"].public()],
        bundle_id="00000000-0000-4000-8000-000000000001",
        data_key=data_key,
        nonce=nonce,
    )
    b = bundles.parse_bundle(raw)
    payload, _ = bundles.encode_records(RECORDS)
    OUT.mkdir(exist_ok=True)
    (OUT / "vector1.bundle").write_bytes(raw)
    expected = {
        "note": "TEST VECTOR ONLY: these private keys are public and must never be used",
        "keys": {
            role: {
                "sign_private": raw_private(k.sign).hex(),
                "enc_private": raw_private(k.enc).hex() if k.enc else None,
                "public_key_file": k.public().to_json(),
                "fingerprint": k.public().fingerprint,
            }
            for role, k in keys.items()
        },
        "data_key": data_key.hex(),
        "nonce": nonce.hex(),
        "header": b.header_bytes.decode("utf-8"),
        "header_sha256": hashlib.sha256(b.header_bytes).hexdigest(),
        "ciphertext_sha256": b.ciphertext_hash.hex(),
        "signature": b.signature.hex(),
        "bundle_hash": b.hash,
        "bundle_sha256": hashlib.sha256(raw).hexdigest(),
        "payload_jsonl": payload.decode("utf-8"),
    }
    (OUT / "vector1.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}/vector1.bundle ({len(raw)} bytes) and vector1.json")


if __name__ == "__main__":
    main()
