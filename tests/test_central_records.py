"""Records belong to their home (central and district), Aadhaar never stored in clear above
the CCI, and merged records projected into queryable tables (rebuilt from the bundles)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bundle_format import aadhaar
from bundle_format import keys as key_files
from bundle_format.receipts import verify_receipt
from central.models import MergedRecord
from central.projection import view_category_change, view_child, view_flag, view_institution
from central.rebuild import rebuild
from central.schema import open_engine
from central.service import Receiver
from tests.central_db import db_url, pg_server  # noqa: F401 (fixtures)
from tests.sync_helpers import INSTITUTION, Chain, child_record, db_state, linked_record

NUMBER = "234123412346"
OTHER = dict(INSTITUTION, uuid="6e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f", name="Other Home")
GAYA = dict(INSTITUTION, uuid="7e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f", name="Gaya Home")


@pytest.fixture(scope="module")
def keys() -> dict[str, key_files.OwnKeys]:
    return {
        "home": key_files.generate_keys(role="institution", name="Home"),
        "other": key_files.generate_keys(role="institution", name="Other"),
        "gaya": key_files.generate_keys(role="institution", name="Gaya"),
        "central": key_files.generate_keys(role="central", name="State"),
        "district": key_files.generate_keys(role="district", name="Patna"),
    }


@pytest.fixture()
def central(db_url: str, keys: dict):  # type: ignore[no-untyped-def]  # noqa: F811
    r = Receiver(open_engine(db_url), keys["central"], aadhaar_secret=b"k" * 32)
    r.enrol(institution=INSTITUTION, public=keys["home"].public())
    r.enrol(institution=OTHER, public=keys["other"].public())
    r.enrol(institution={**GAYA, "district_code": 196}, public=keys["gaya"].public())
    yield r
    r.engine.dispose()


def _chain(keys: dict, who: str, inst: dict) -> Chain:
    return Chain(keys[who], [keys["central"].public(), keys["district"].public()], institution=inst)


def _outcomes(rcv: Receiver, raw: bytes, keys: dict) -> dict[str, tuple[str, str | None]]:
    body = verify_receipt(rcv.receive(raw), [keys["central"].public(), keys["district"].public()])
    return {o["record_uuid"]: (o["outcome"], o.get("code")) for o in body["outcomes"]}


def _snapshot(rcv: Receiver) -> dict[str, tuple[int, object, str | None]]:
    with Session(rcv.engine) as s:
        return {
            m.record_uuid: (m.version, m.data, m.owner_uuid)
            for m in s.scalars(select(MergedRecord))
        }


def _views(rcv: Receiver) -> list[tuple[object, ...]]:
    with rcv.engine.connect() as c:
        return [tuple(r) for r in c.execute(select(view_child).order_by(view_child.c.record_uuid))]


def test_another_home_cannot_overwrite_or_delete(central: Receiver, keys: dict) -> None:
    """Another CCI's update, delete or hand-over of a home's child is refused not-owner and
    nothing changes, whatever its base version says; the home's own update still goes in."""
    home = _chain(keys, "home", INSTITUTION)
    central.receive(home.next([child_record(1), child_record(2)]))
    before, views = _snapshot(central), _views(central)
    other = _chain(keys, "other", OTHER)
    forged = [
        child_record(1, version=2, base=1, first_name="Stolen"),  # base matches the stored one
        {**child_record(2, version=2, base=1), "op": "delete", "data": None},
        {
            **child_record(2, version=1, base=0),
            "op": "transfer",
            "data": {"to_institution": OTHER["uuid"]},
        },
    ]
    body = verify_receipt(central.receive(other.next(forged)), [keys["central"].public()])
    assert [(o["outcome"], o["code"]) for o in body["outcomes"]] == [("error", "not-owner")] * 3
    assert _snapshot(central) == before and _views(central) == views
    mine = _outcomes(
        central, home.next([child_record(1, version=2, base=1, first_name="Asha")]), keys
    )
    assert list(mine.values()) == [("updated", None)]
    assert _snapshot(central)[child_record(1)["record_uuid"]][1]["first_name"] == "Asha"  # type: ignore[index]


def test_hand_over_moves_ownership_only_when_the_owner_signs(central: Receiver, keys: dict) -> None:
    """The owner's transfer line hands the child to another home, which may then change it;
    the old home no longer can (the hook the transfers issue builds on)."""
    home, other = _chain(keys, "home", INSTITUTION), _chain(keys, "other", OTHER)
    central.receive(home.next([child_record(5)]))
    uuid = child_record(5)["record_uuid"]
    hand = {**child_record(5), "op": "transfer", "data": {"to_institution": OTHER["uuid"]}}
    assert _outcomes(central, home.next([hand]), keys)[uuid] == ("updated", None)
    assert _snapshot(central)[uuid][2] == OTHER["uuid"]
    with central.engine.connect() as c:
        assert c.execute(select(view_child.c.institution_uuid)).scalar() == OTHER["uuid"]
    got = _outcomes(
        central, other.next([child_record(5, version=2, base=1, first_name="New")]), keys
    )
    assert got[uuid] == ("updated", None)
    late = _outcomes(central, home.next([child_record(5, version=3, base=2)]), keys)
    assert late[uuid] == ("error", "not-owner")


def test_a_flag_worded_again_is_the_same_copy(central: Receiver, keys: dict) -> None:
    """A flag's words are made when the bundle is: the same version sent again worded
    otherwise (by the home a child was transferred to) is unchanged, the first words kept;
    the same version with another state is still a conflict."""
    home, other = _chain(keys, "home", INSTITUTION), _chain(keys, "other", OTHER)
    central.receive(home.next([child_record(7)]))
    fields = {"rule_id": "icp", "status": "resolved", "due_on": "2025-03-31"}
    flag = {
        **linked_record("flag", 1, 7, **fields, explanation_en="ICP: due by 31-03-2025."),
        "version": 2,
        "base_version": 1,
    }
    uuid = flag["record_uuid"]
    central.receive(home.next([flag]))
    hand = [
        {**child_record(7), "op": "transfer", "data": {"to_institution": OTHER["uuid"]}},
        {**flag, "op": "transfer", "data": {"to_institution": OTHER["uuid"]}},
    ]
    assert set(_outcomes(central, home.next(hand), keys).values()) == {("updated", None)}
    reworded = {**flag, "data": {**flag["data"], "explanation_en": "Individual Care Plan."}}
    assert _outcomes(central, other.next([reworded]), keys)[uuid] == ("unchanged", None)
    assert _snapshot(central)[uuid][1]["explanation_en"] == "ICP: due by 31-03-2025."  # type: ignore[index]
    changed = {**flag, "data": {**flag["data"], "status": "open"}}
    assert _outcomes(central, other.next([changed]), keys)[uuid] == ("conflict", None)


def test_an_enrolled_homes_own_institution_record_cannot_be_taken(
    central: Receiver, keys: dict
) -> None:
    """Sending a record of type institution with another enrolled home's uuid is not-owner."""
    other = _chain(keys, "other", OTHER)
    squat = {
        "record_uuid": INSTITUTION["uuid"],
        "type": "institution",
        "op": "upsert",
        "version": 1,
        "base_version": 0,
        "data": {"name": "Fake"},
    }
    assert _outcomes(central, other.next([squat]), keys)[INSTITUTION["uuid"]] == (
        "error",
        "not-owner",
    )
    home = _chain(keys, "home", INSTITUTION)
    own = {**squat, "data": {"name": "Test Home", "type": "childrens-home"}}
    assert _outcomes(central, home.next([own]), keys)[INSTITUTION["uuid"]] == ("created", None)
    with central.engine.connect() as c:
        assert c.execute(select(view_institution.c.name)).scalar() == "Test Home"


def test_aadhaar_kept_as_last4_and_keyed_hash_only(
    central: Receiver,
    keys: dict,
    db_url: str,  # noqa: F811
) -> None:  # noqa: F811
    """Central opens the seal, keeps last 4 + HMAC (same number in two homes: same hash),
    drops a plain number unread, and the 12 digits are nowhere in its database."""
    home, other = _chain(keys, "home", INSTITUTION), _chain(keys, "other", OTHER)
    pub = keys["central"].public()
    plain = child_record(3)
    plain["data"]["aadhaar"] = "987698769876"
    central.receive(home.next([child_record(1, central=pub, aadhaar_number=NUMBER), plain]))
    twin = child_record(9, central=pub, aadhaar_number=NUMBER)  # the same child, elsewhere
    central.receive(other.next([twin]))
    with central.engine.connect() as c:
        rows = c.execute(
            select(view_child.c.aadhaar_last4, view_child.c.aadhaar_hmac).order_by(
                view_child.c.code
            )
        ).all()
    assert rows[0] == ("2346", aadhaar.keyed_hash(NUMBER, secret=b"k" * 32))
    assert rows[1] == (None, None) and rows[2] == rows[0]  # plain number dropped; twin found
    with Session(central.engine) as s:
        for m in s.scalars(select(MergedRecord)):
            assert not {"aadhaar", "aadhaar_sealed"} & set(m.data or {})
    if db_url.startswith("sqlite"):
        raw = Path(db_url.removeprefix("sqlite:///")).read_bytes()
        for wal in Path(db_url.removeprefix("sqlite:///")).parent.glob("*-wal"):
            raw += wal.read_bytes()
        assert NUMBER.encode() not in raw and b"987698769876" not in raw
    # A seal moved onto another record, or a last4 that does not match: an error outcome.
    moved = child_record(4)
    moved["data"]["aadhaar_sealed"] = child_record(1, central=pub, aadhaar_number=NUMBER)["data"][
        "aadhaar_sealed"
    ]
    liar = child_record(6, central=pub, aadhaar_number=NUMBER)
    liar["data"]["aadhaar_last4"] = "0000"
    got = _outcomes(central, home.next([moved, liar]), keys)
    assert set(got.values()) == {("error", "bad-record")}


def test_district_keeps_last4_never_the_seal_and_same_ownership(tmp_path: Path, keys: dict) -> None:
    """The district view stores only the last 4 digits, and refuses another home's overwrite."""
    office = Receiver(
        open_engine(f"sqlite:///{tmp_path / 'd.sqlite'}"), keys["district"], district_code=212
    )
    office.enrol(institution=INSTITUTION, public=keys["home"].public())
    office.enrol(institution=OTHER, public=keys["other"].public())
    pub = keys["central"].public()
    home = _chain(keys, "home", INSTITUTION)
    office.receive(home.next([child_record(1, central=pub, aadhaar_number=NUMBER)]))
    with Session(office.engine) as s:
        (m,) = s.scalars(select(MergedRecord)).all()
        assert m.data["aadhaar_last4"] == "2346"
        assert "aadhaar_sealed" not in m.data and "aadhaar_hmac" not in m.data
    with office.engine.connect() as c:
        assert c.execute(select(view_child.c.aadhaar_last4, view_child.c.aadhaar_hmac)).one() == (
            "2346",
            None,
        )
    before = db_state(
        office.engine, skip=("central_request_nonce", "central_bundle", "central_institution")
    )
    other = _chain(keys, "other", OTHER)
    got = _outcomes(office, other.next([child_record(1, version=2, base=1)]), keys)
    assert list(got.values()) == [("error", "not-owner")]
    after = db_state(
        office.engine, skip=("central_request_nonce", "central_bundle", "central_institution")
    )
    assert after == before
    office.engine.dispose()


def test_projection_answers_the_questions_and_rebuild_gives_it_back(
    central: Receiver, keys: dict
) -> None:
    """Children in care by district, open flags by level, category history: right after the
    merge and again after `rebuild` from the stored bundles (deletes leave the tables)."""
    home, gaya = _chain(keys, "home", INSTITUTION), _chain(keys, "gaya", GAYA)
    kids = [child_record(i) for i in range(1, 6)] + [child_record(6, status="restored")]
    flags = [
        linked_record(
            "flag",
            1,
            1,
            rule_id="R1",
            severity="high",
            status="open",
            escalation_level=1,
            raised_on="2026-01-01",
            due_on="2026-02-01",
        ),
        linked_record(
            "flag",
            2,
            2,
            rule_id="R2",
            severity="low",
            status="open",
            escalation_level=0,
            raised_on="2026-01-01",
            due_on="2026-03-01",
        ),
        linked_record(
            "flag",
            3,
            3,
            rule_id="R1",
            severity="high",
            status="resolved",
            escalation_level=1,
            raised_on="2026-01-01",
            due_on="2026-02-01",
        ),
    ]
    history = [
        linked_record(
            "category_change", 1, 1, from_code=None, to_code=3, effective_on="2025-01-15"
        ),
        linked_record("category_change", 2, 1, from_code=3, to_code=13, effective_on="2026-01-10"),
    ]
    central.receive(home.next(kids + flags + history))
    gaya_kids = [child_record(i) for i in range(20, 23)]
    central.receive(gaya.next(gaya_kids))
    gone = {**child_record(5, version=2, base=1), "op": "delete", "data": None}
    central.receive(home.next([gone]))

    def answers() -> tuple[object, ...]:
        with central.engine.connect() as c:
            in_care = c.execute(
                select(view_child.c.district_code, func.count())
                .where(view_child.c.status == "in_care")
                .group_by(view_child.c.district_code)
                .order_by(view_child.c.district_code)
            ).all()
            open_flags = c.execute(
                select(view_flag.c.level, func.count())
                .where(view_flag.c.status == "open")
                .group_by(view_flag.c.level)
                .order_by(view_flag.c.level)
            ).all()
            cats = (
                c.execute(
                    select(view_category_change.c.to_code).order_by(
                        view_category_change.c.effective_on
                    )
                )
                .scalars()
                .all()
            )
            plan = c.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT count(*) FROM view_child "
                    "WHERE state_code = 10 AND district_code = 212 AND status = 'in_care'"
                )
                if c.dialect.name == "sqlite"
                else text("SELECT 'ix_view_child_area_status'")
            ).all()
        return (
            tuple(in_care),
            tuple(open_flags),
            tuple(cats),
            "ix_view_child_area_status" in str(plan),
        )

    first = answers()
    assert first[0] == ((196, 3), (212, 4))  # child 5 deleted, child 6 restored
    assert first[1] == ((0, 1), (1, 1)) and first[2] == (3, 13) and first[3]
    views = _views(central)
    done = rebuild(central)
    assert done.replayed and done.bundles == 3
    assert answers() == first and _views(central) == views


def test_a_schema_1_database_is_upgraded_in_place(tmp_path: Path, keys: dict) -> None:
    """A database of the stdlib server (district views in the field) opens as the current
    schema: the chain position kept, owners set, the projection filled, the plain Aadhaar
    dropped."""
    import shutil

    from central.models import Enrolment, SchemaVersion, Upload
    from central.schema import SCHEMA

    path = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).parent / "data" / "central-schema-1.sqlite3", path)
    engine = open_engine(f"sqlite:///{path}")
    with Session(engine) as s:
        assert s.get(SchemaVersion, "central").version == SCHEMA  # type: ignore[union-attr]
        enr = s.get(Enrolment, INSTITUTION["uuid"])
        assert enr is not None and enr.last_seq == 4
        kids = s.scalars(select(MergedRecord).where(MergedRecord.type == "child")).all()
        assert {m.owner_uuid for m in kids} == {INSTITUTION["uuid"]}
        assert all("aadhaar" not in (m.data or {}) for m in kids)
        assert s.scalars(select(Upload)).all() == []
    with engine.connect() as c:
        assert sorted(c.execute(select(view_child.c.status)).scalars()) == ["in_care", "restored"]
        assert c.execute(select(view_flag.c.level, view_flag.c.status)).all() == [(1, "open")]
    engine.dispose()
    raw = path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("*-wal"))
    assert b"111122223333" not in raw  # not even in freed pages (secure_delete)
    again = open_engine(f"sqlite:///{path}")  # opening again changes nothing
    with again.connect() as c:
        assert c.execute(select(func.count()).select_from(view_child)).scalar() == 2
    again.dispose()
