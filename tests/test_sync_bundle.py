"""Bundle format v1 and sync keys: the test vectors byte for byte, tampering, key storage."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import zlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from bundle_format import bundle as bundles
from bundle_format import keys as key_files
from sync_client.exchange import keys as key_store

VEC = Path(__file__).parent / "data" / "bundle-vectors"


@pytest.fixture(scope="module")
def vector() -> dict:
    return json.loads((VEC / "vector1.json").read_text(encoding="utf-8"))


def _own(v: dict, role: str) -> key_files.OwnKeys:
    k = v["keys"][role]
    enc = (
        X25519PrivateKey.from_private_bytes(bytes.fromhex(k["enc_private"]))
        if k["enc_private"]
        else None
    )
    sign = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(k["sign_private"]))
    return key_files.OwnKeys(role, k["public_key_file"]["name"], sign, enc)


def _records(n: int = 3) -> list[dict]:
    return [
        {
            "record_uuid": f"00000000-0000-4000-8000-{i:012d}",
            "type": "child",
            "op": "upsert",
            "version": 1,
            "base_version": 0,
            "data": {"full_name": f"Test {i}"},
        }
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def parties() -> dict[str, key_files.OwnKeys]:
    return {
        r: key_files.generate_keys(role=r, name=r.title())
        for r in ("institution", "central", "district")
    }


def _build(parties: dict[str, key_files.OwnKeys], **over: object) -> bytes:
    args: dict = dict(
        records=_records(),
        institution={"uuid": "5e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f", "district_code": 212},
        seq=1,
        prev_hash=bundles.GENESIS,
        created_at="2026-11-23T10:00:00Z",
        signer=parties["institution"],
        recipients=[parties["central"].public(), parties["district"].public()],
    )
    args.update(over)
    return bundles.build_bundle(**args)


def _refused(raw: bytes, parties: dict[str, key_files.OwnKeys]) -> str:
    try:
        b = bundles.parse_bundle(raw)
        bundles.verify_signature(b, parties["institution"].public())
        bundles.open_bundle(b, parties["central"])
    except bundles.BundleError as exc:
        assert exc.message
        return exc.code
    raise AssertionError("tampered bundle was accepted")


def test_vector_header_is_canonical_and_hashes_match(vector: dict) -> None:
    """The stored vector's header bytes, hashes and signature are exactly as documented."""
    raw = (VEC / "vector1.bundle").read_bytes()
    b = bundles.parse_bundle(raw)
    assert b.header_bytes.decode("utf-8") == vector["header"]
    assert bundles.canonical(json.loads(vector["header"])) == b.header_bytes
    assert hashlib.sha256(b.header_bytes).hexdigest() == vector["header_sha256"]
    assert b.ciphertext_hash.hex() == vector["ciphertext_sha256"]
    assert b.signature.hex() == vector["signature"]
    assert b.hash == vector["bundle_hash"]
    assert hashlib.sha256(raw).hexdigest() == vector["bundle_sha256"]
    assert b.header["counts"] == {"records": 2, "upserts": 1, "deletes": 1, "attachments": 1}


def test_vector_signature_and_key_files(vector: dict) -> None:
    """The vector verifies with the institution's public key file; fingerprints are stable."""
    b = bundles.parse_bundle((VEC / "vector1.bundle").read_bytes())
    for role in ("institution", "central", "district"):
        pub = key_files.parse_public(vector["keys"][role]["public_key_file"])
        assert pub.fingerprint == vector["keys"][role]["fingerprint"]
        assert _own(vector, role).public() == pub
    bundles.verify_signature(
        b, key_files.parse_public(vector["keys"]["institution"]["public_key_file"])
    )
    # Ed25519 is deterministic: signing the same message gives the same bytes.
    again = _own(vector, "institution").sign.sign(b.signed_message())
    assert again.hex() == vector["signature"]


def test_vector_decrypts_for_each_recipient(vector: dict) -> None:
    """Central and district both unwrap the fixed data key and get the documented payload."""
    b = bundles.parse_bundle((VEC / "vector1.bundle").read_bytes())
    for role in ("central", "district"):
        dk = bundles.unwrap_data_key(b, _own(vector, role))
        assert dk.hex() == vector["data_key"]
    nonce = bytes.fromhex(vector["nonce"])
    assert base64.b64decode(b.header["payload"]["nonce"]) == nonce
    compressed = ChaCha20Poly1305(bytes.fromhex(vector["data_key"])).decrypt(
        nonce, b.ciphertext, b.header_bytes
    )
    assert zlib.decompress(compressed).decode("utf-8") == vector["payload_jsonl"]
    # The AEAD is deterministic for a fixed key and nonce: re-encrypting gives the bytes back.
    assert (
        ChaCha20Poly1305(bytes.fromhex(vector["data_key"])).encrypt(
            nonce, compressed, b.header_bytes
        )
        == b.ciphertext
    )
    recs = bundles.open_bundle(b, _own(vector, "central"))
    assert [r["type"] for r in recs] == ["child", "attachment", "case_note"]


def test_round_trip_for_both_recipients(parties: dict[str, key_files.OwnKeys]) -> None:
    """A fresh bundle verifies and opens for central and for the district, not for others."""
    raw = _build(parties)
    b = bundles.parse_bundle(raw)
    bundles.verify_signature(b, parties["institution"].public())
    assert bundles.open_bundle(b, parties["central"]) == _records()
    assert bundles.open_bundle(b, parties["district"]) == _records()
    other = key_files.generate_keys(role="district", name="Other district")
    with pytest.raises(bundles.BundleError) as exc:
        bundles.open_bundle(b, other)
    assert exc.value.code == "not-a-recipient"


def test_bit_flips_anywhere_are_refused(parties: dict[str, key_files.OwnKeys]) -> None:
    """Flipping any single bit (header, signature or ciphertext) makes the bundle refused."""
    raw = _build(parties)
    rng = random.Random(6)
    positions = [*range(0, 20), *rng.sample(range(20, len(raw)), 60), len(raw) - 1]
    for pos in positions:
        bad = bytearray(raw)
        bad[pos] ^= 1 << rng.randrange(8)
        assert _refused(bytes(bad), parties) in {
            "bad-format",
            "truncated",
            "bad-header",
            "bad-version",
            "bad-signature",
            "wrong-signer",
            "decrypt-failed",
            "not-a-recipient",
        }, pos


def test_truncation_is_refused(parties: dict[str, key_files.OwnKeys]) -> None:
    """A bundle cut at any length is refused as truncated (or not a bundle at all)."""
    raw = _build(parties)
    for cut in (0, 5, 14, 17, 100, len(raw) - 70, len(raw) - 1):
        assert _refused(raw[:cut], parties) in {"bad-format", "truncated"}


def test_swapped_header_is_refused(parties: dict[str, key_files.OwnKeys]) -> None:
    """The header of one bundle on the body of another fails the signature."""
    a, b = bundles.parse_bundle(_build(parties)), bundles.parse_bundle(_build(parties, seq=2))
    mixed = (
        bundles.MAGIC
        + len(b.header_bytes).to_bytes(4, "big")
        + b.header_bytes
        + a.signature
        + a.ciphertext
    )
    assert _refused(mixed, parties) == "bad-signature"
    mixed2 = (
        bundles.MAGIC
        + len(b.header_bytes).to_bytes(4, "big")
        + b.header_bytes
        + b.signature
        + a.ciphertext
    )
    assert _refused(mixed2, parties) == "bad-signature"


def test_wrong_signer_is_refused(parties: dict[str, key_files.OwnKeys]) -> None:
    """A bundle signed by another institution's key is refused, with or without its key id."""
    impostor = key_files.generate_keys(role="institution", name="Impostor")
    assert _refused(_build(parties, signer=impostor), parties) == "wrong-signer"


def test_non_canonical_header_is_refused(parties: dict[str, key_files.OwnKeys]) -> None:
    """A header re-serialised with spaces is refused even before the signature check."""
    b = bundles.parse_bundle(_build(parties))
    loose = json.dumps(b.header).encode()
    raw = bundles.MAGIC + len(loose).to_bytes(4, "big") + loose + b.signature + b.ciphertext
    assert _refused(raw, parties) == "bad-header"


def test_key_file_fallback_is_encrypted_and_announced(tmp_path: Path) -> None:
    """Without a keyring the key goes to a passphrase-protected file, and that is said."""
    assert not key_store.keyring_usable()  # this headless box has only the fail backend
    keys = key_files.generate_keys(role="institution", name="Test Home")
    with pytest.raises(key_files.SyncKeyError):
        key_store.store_own_keys(keys, key_dir=tmp_path, passphrase=None)
    stored = key_store.store_own_keys(keys, key_dir=tmp_path, passphrase="correct horse")
    assert stored.storage == "file" and stored.warning and "passphrase" in stored.warning
    assert stored.path is not None
    text = stored.path.read_text()
    assert json.loads(text)["protection"]["kdf"] == "scrypt"
    assert key_files.b64(key_files.raw_private(keys.sign)) not in text
    assert (stored.path.stat().st_mode & 0o077) == 0
    kid = keys.public().sign_key_id
    back = key_store.load_own_keys(
        role="institution",
        sign_key_id=kid,
        storage="file",
        key_dir=tmp_path,
        passphrase="correct horse",
    )
    assert back.public() == keys.public()
    with pytest.raises(key_files.SyncKeyError):
        key_store.load_own_keys(
            role="institution",
            sign_key_id=kid,
            storage="file",
            key_dir=tmp_path,
            passphrase="wrong",
        )


def test_public_key_file_round_trip_and_fingerprint(tmp_path: Path) -> None:
    """A public key file reads back equal; the fingerprint is five groups of four."""
    keys = key_files.generate_keys(role="central", name="Bihar State").public()
    key_files.write_public_key_file(tmp_path / "central.pub", keys)
    back = key_files.read_public_key_file(tmp_path / "central.pub")
    assert back == keys
    groups = back.fingerprint.split(" ")
    assert len(groups) == 5 and all(len(g) == 4 for g in groups)
    (tmp_path / "bad.pub").write_text('{"format": "clms-public-key-1", "role": "central"}')
    with pytest.raises(key_files.SyncKeyError):
        key_files.read_public_key_file(tmp_path / "bad.pub")


def test_keys_go_to_the_os_keyring_when_there_is_one(tmp_path: Path) -> None:
    """With a working keyring backend the private key goes there and no key file is written.

    This box has no OS keyring, so a small in-memory backend (keyring's own plug-in API)
    stands in for Windows Credential Locker / macOS Keychain / Secret Service.
    """
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    before = keyring.get_keyring()
    mem = MemoryKeyring()
    keyring.set_keyring(mem)
    try:
        assert key_store.keyring_usable()
        keys = key_files.generate_keys(role="district", name="Patna")
        stored = key_store.store_own_keys(keys, key_dir=tmp_path, passphrase=None)
        assert stored.storage == "keyring" and stored.warning is None and stored.path is None
        assert list(tmp_path.iterdir()) == [] and len(mem.store) == 1
        back = key_store.load_own_keys(
            role="district",
            sign_key_id=keys.public().sign_key_id,
            storage="keyring",
            key_dir=tmp_path,
            passphrase=None,
        )
        assert back.public() == keys.public()
    finally:
        keyring.set_keyring(before)
    with pytest.raises(key_files.SyncKeyError, match="missing from the OS keyring"):
        key_store.load_own_keys(
            role="district",
            sign_key_id=keys.public().sign_key_id,
            storage="keyring",
            key_dir=tmp_path,
            passphrase=None,
        )
