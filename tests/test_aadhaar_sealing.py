"""Aadhaar above the CCI: sealed to central alone, opened only there, matched by keyed hash."""

from __future__ import annotations

import os

import pytest

from bundle_format import aadhaar
from bundle_format.keys import generate_keys

NUMBER = "234123412346"


def test_sealed_number_opens_only_with_centrals_key_and_for_its_record():
    """Central's key opens the seal for that record; the district's key, or another uuid, cannot."""
    central, district = (
        generate_keys(role="central", name="C"),
        generate_keys(role="district", name="D"),
    )
    sealed = aadhaar.seal(NUMBER, central=central.public(), record_uuid="u-1")
    assert NUMBER not in sealed
    assert aadhaar.open_sealed(sealed, keys=central, record_uuid="u-1") == NUMBER
    with pytest.raises(aadhaar.AadhaarError):
        aadhaar.open_sealed(sealed, keys=district, record_uuid="u-1")
    with pytest.raises(aadhaar.AadhaarError):
        aadhaar.open_sealed(sealed, keys=central, record_uuid="u-2")  # moved to another record
    with pytest.raises(aadhaar.AadhaarError):
        aadhaar.open_sealed(sealed[:-4] + "AAAA", keys=central, record_uuid="u-1")
    with pytest.raises(aadhaar.AadhaarError):
        aadhaar.open_sealed("A" * 10_000, keys=central, record_uuid="u-1")


def test_two_seals_of_one_number_differ_but_hash_the_same():
    """Each seal is fresh (no linking by ciphertext); the keyed hash matches equal numbers."""
    central = generate_keys(role="central", name="C")
    a = aadhaar.seal(NUMBER, central=central.public(), record_uuid="u")
    b = aadhaar.seal(NUMBER, central=central.public(), record_uuid="u")
    assert a != b
    secret = os.urandom(32)
    assert aadhaar.keyed_hash(NUMBER, secret=secret) == aadhaar.keyed_hash(NUMBER, secret=secret)
    assert aadhaar.keyed_hash(NUMBER, secret=secret) != aadhaar.keyed_hash(
        NUMBER, secret=os.urandom(32)
    )
    assert aadhaar.keyed_hash(NUMBER, secret=secret) != aadhaar.keyed_hash(
        "234123412347", secret=secret
    )
    assert aadhaar.last4(NUMBER) == "2346" and aadhaar.last4(None) is None
    with pytest.raises(aadhaar.AadhaarError):
        aadhaar.keyed_hash(NUMBER, secret=b"short")
    with pytest.raises(aadhaar.AadhaarError):
        aadhaar.seal("1234", central=central.public(), record_uuid="u")
