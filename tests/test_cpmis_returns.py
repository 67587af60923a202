"""Monthly CPMIS returns: filled from the cases, checked, signed, locked, corrected, reviewed."""

from __future__ import annotations

import base64
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bundle_format.keys import generate_keys
from desktop.db import DB_FILENAME, open_database
from desktop.models import AuditEvent, CpmisReturn
from desktop.services.core.audit import audited
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import NotAllowed, PermissionDenied, ValidationError
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import cci_body, district_bodies
from desktop.services.cpmis.casesql import Body, compute_case_figures
from desktop.services.install.institution import local_institution
from reporting.cpmis.loader import load_catalogue
from reporting.cpmis.periods import month_bounds
from sync_client.changes import pending_changes
from tests.cpmis_fixture import TODAY, build_home

CAT = load_catalogue()
SUPER = Actor("asha", "superintendent", "Asha Kumari")
WORKER = Actor("ravi", "caseworker", "Ravi Kumar")
DCPU = Actor("dcpu", "district_official", "DCPU Patna", state=10, districts=(212,))


@pytest.fixture
def home(engine: Engine) -> Engine:
    """The hand-counted home (a fresh copy per test)."""
    build_home(engine, SUPER)
    return engine


def _start(engine: Engine, month: str, actor: Actor = SUPER) -> str:
    with unit_of_work(engine, actor) as s:
        body = cci_body(CAT, local_institution(s))
        return str(rt.start_return(s, CAT, body, month=month, today=TODAY).uuid)


def _fill_edu(engine: Engine, uuid: str, total: int = 5, **extra: object) -> None:
    """Type a consistent education row (0-6 .. >18 add up to the total)."""
    with unit_of_work(engine, SUPER) as s:
        ret = rt.get_return(s, uuid)
        rt.save_entries(
            s,
            CAT,
            ret,
            entries={
                "cci.edu.any": {
                    "a0_6": 1,
                    "a7_11": 2,
                    "a12_15": 2,
                    "a16_18": 0,
                    "agt18": 0,
                    "total": total,
                }
            },
            **extra,  # type: ignore[arg-type]
        )


def test_a_new_cci_return_is_filled_from_the_case_records(home: Engine) -> None:
    """Starting September's return counts what the records know, marked as computed."""
    uuid = _start(home, "2026-09")
    with unit_of_work(home, SUPER) as s:
        ret = rt.get_return(s, uuid)
        a, b = month_bounds("2026-09")
        counted = compute_case_figures(s, CAT, start=a, end=b, bodies=[Body(1, "CH")])[1]
        assert ret.figures == counted and ret.status == "draft" and ret.version_no == 1
        assert ret.origins["cci.stock.end"] == "computed"
        assert ret.figures["cci.stock.end"]["total"] == 5.0
        assert ret.computed_on == TODAY and ret.catalogue_sha == CAT.digest


def test_typed_figures_are_checked_and_name_the_cell(home: Engine) -> None:
    """A negative or non-numeric figure is refused naming indicator and subgroup; a figure
    counted from the records cannot be typed over."""
    uuid = _start(home, "2026-09")
    with unit_of_work(home, SUPER) as s:
        ret = rt.get_return(s, uuid)
        with pytest.raises(ValidationError) as e:
            rt.save_entries(
                s,
                CAT,
                ret,
                entries={
                    "cci.edu.any": {"a0_6": "-1", "a7_11": "many", "total": "2.5"},
                    "cci.stock.end": {"total": 3},
                },
            )
    errs = e.value.errors
    assert errs["cci.edu.any|a0_6"] == "'-1' is not a number of 0 or more"
    assert errs["cci.edu.any|a7_11"] == "'many' is not a number of 0 or more"
    assert errs["cci.edu.any|total"] == "must be a whole number"
    assert errs["cci.stock.end"] == "is counted from the case records, not typed"
    with unit_of_work(home, SUPER) as s:  # nothing half-saved
        assert "cci.edu.any" not in rt.get_return(s, uuid).figures


def test_submission_is_refused_while_sums_do_not_add_up(home: Engine) -> None:
    """Age bands that do not add up to their total stop the submission, naming the cell."""
    uuid = _start(home, "2026-09")
    _fill_edu(home, uuid, total=9)
    with unit_of_work(home, SUPER) as s, pytest.raises(ValidationError) as e:
        rt.submit_return(s, CAT, rt.get_return(s, uuid), today=TODAY)
    assert "cci.edu.any|total" in e.value.errors
    assert "= 5, but Total is 9" in e.value.errors["cci.edu.any|total"]


def test_a_month_not_over_cannot_be_submitted(home: Engine) -> None:
    """November's return can be drafted in November but submitted only after it."""
    uuid = _start(home, "2026-11")
    with unit_of_work(home, SUPER) as s, pytest.raises(NotAllowed, match="once the month"):
        rt.submit_return(s, CAT, rt.get_return(s, uuid), today=TODAY)


def test_submitted_return_is_signed_and_locked(home: Engine) -> None:
    """Submitting hashes and signs the content; afterwards no edit gets through, not even a
    direct write to the record."""
    keys = generate_keys(role="institution", name="Home")
    uuid = _start(home, "2026-09")
    _fill_edu(home, uuid)

    def signer(digest: bytes) -> tuple[str, str]:
        return keys.public().sign_key_id, base64.b64encode(keys.sign.sign(digest)).decode()

    with unit_of_work(home, SUPER) as s:
        notes = rt.submit_return(s, CAT, rt.get_return(s, uuid), today=TODAY, signer=signer)
        assert notes and "blank" in notes[0].en
    with unit_of_work(home, SUPER) as s:
        ret = rt.get_return(s, uuid)
        assert ret.status == "submitted" and ret.submitted_by == "asha (Asha Kumari)"
        digest = rt.content_hash(rt.content_of(ret))
        assert digest.hex() == ret.content_sha256
        keys.public().verifier().verify(base64.b64decode(ret.signature or ""), digest)
        with pytest.raises(NotAllowed, match="submitted"):
            rt.save_entries(s, CAT, ret, entries={"cci.edu.any": {"total": 1}})
        with pytest.raises(NotAllowed, match="submitted"):
            rt.fill_computed(s, CAT, ret, today=TODAY)
    with pytest.raises(NotAllowed, match="locked"), unit_of_work(home, SUPER) as s:
        ret = rt.get_return(s, uuid)
        with audited(s, "cpmis_save tamper"):
            ret.figures = {**ret.figures, "cci.edu.any": {"total": 99.0}}
            s.flush()
    with unit_of_work(home, SUPER) as s:
        assert rt.get_return(s, uuid).figures["cci.edu.any"]["total"] == 5.0


def test_a_correction_is_a_new_audited_version(home: Engine) -> None:
    """Correcting a submitted return opens version 2 with the reason; once submitted it
    counts for the month and version 1 is superseded. Each step is in the audit trail."""
    uuid = _start(home, "2026-09")
    _fill_edu(home, uuid)
    with unit_of_work(home, SUPER) as s:
        rt.submit_return(s, CAT, rt.get_return(s, uuid), today=TODAY)
    with unit_of_work(home, SUPER) as s:
        with pytest.raises(ValidationError):
            rt.correct_return(s, rt.get_return(s, uuid), reason=" ")
        new = rt.correct_return(s, rt.get_return(s, uuid), reason="two children were missed")
        new_uuid = str(new.uuid)
        assert new.version_no == 2 and new.supersedes == uuid and new.status == "draft"
        # the old one still counts until the correction is submitted
        assert str(rt.effective(s, body_code=new.body_code, month="2026-09").uuid) == uuid
    _fill_edu(home, new_uuid, total=6, remarks=None)
    with unit_of_work(home, SUPER) as s, pytest.raises(ValidationError):
        rt.submit_return(s, CAT, rt.get_return(s, new_uuid), today=TODAY)  # 5 != 6
    with unit_of_work(home, SUPER) as s:
        rt.save_entries(s, CAT, rt.get_return(s, new_uuid), entries={"cci.edu.any": {"a0_6": 2}})
        rt.submit_return(s, CAT, rt.get_return(s, new_uuid), today=TODAY)
    with unit_of_work(home, SUPER) as s:
        assert rt.get_return(s, uuid).status == "superseded"
        eff = rt.effective(s, body_code=rt.get_return(s, uuid).body_code, month="2026-09")
        assert eff is not None and str(eff.uuid) == new_uuid
        actions = list(
            s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("cpmis_%")))
        )
    assert any(a.startswith("cpmis_correct") and "two children were missed" in a for a in actions)
    assert sum(a.startswith("cpmis_submit") for a in actions) == 2


def test_a_big_change_from_last_quarter_needs_a_remark(home: Engine) -> None:
    """A total far from the same month of the last quarter is questioned; a remark answers it."""
    june = _start(home, "2026-06")
    _fill_edu(home, june)
    with unit_of_work(home, SUPER) as s:
        rt.submit_return(s, CAT, rt.get_return(s, june), today=TODAY)
    sept = _start(home, "2026-09")
    with unit_of_work(home, SUPER) as s:
        rt.save_entries(
            s,
            CAT,
            rt.get_return(s, sept),
            entries={
                "cci.edu.any": {
                    "a0_6": 10,
                    "a7_11": 10,
                    "a12_15": 10,
                    "a16_18": 0,
                    "agt18": 0,
                    "total": 30,
                }
            },
        )
    with unit_of_work(home, SUPER) as s, pytest.raises(ValidationError) as e:
        rt.submit_return(s, CAT, rt.get_return(s, sept), today=TODAY)
    assert "the same month of the last quarter 5" in e.value.errors["cci.edu.any|total"]
    with unit_of_work(home, SUPER) as s:
        ret = rt.get_return(s, sept)
        rt.save_entries(
            s, CAT, ret, entries={}, remarks={"cci.edu.any|total": "new bridge course started"}
        )
        rt.submit_return(s, CAT, ret, today=TODAY)
        assert ret.status == "submitted"


def test_a_caseworker_drafts_but_only_the_superintendent_submits(home: Engine) -> None:
    """Submitting signs for the institution: a caseworker may fill a draft, not submit it."""
    uuid = _start(home, "2026-09", actor=WORKER)
    _fill_edu(home, uuid)
    with unit_of_work(home, WORKER) as s, pytest.raises(PermissionDenied):
        rt.submit_return(s, CAT, rt.get_return(s, uuid), today=TODAY)


def test_the_return_travels_in_the_next_bundle(home: Engine) -> None:
    """A submitted return is a synced record: it is among the changes, naming its CCI."""
    uuid = _start(home, "2026-09")
    with unit_of_work(home, SUPER) as s:
        rt.submit_return(s, CAT, rt.get_return(s, uuid), today=TODAY)
    with unit_of_work(home, SUPER) as s:
        inst_uuid = str(local_institution(s).uuid)
        sent = [c for c in pending_changes(s) if c.type == "cpmis_return"]
    assert [c.record_uuid for c in sent] == [uuid]
    data = sent[0].data or {}
    assert data["status"] == "submitted" and data["institution_uuid"] == inst_uuid
    assert data["figures"]["cci.stock.end"]["total"] == 5.0


def test_the_district_decision_is_recorded_once(home: Engine) -> None:
    """The CCI records the district's acceptance from a notice; the same notice again is a
    no-op; a notice about other content is refused."""
    uuid = _start(home, "2026-09")
    with unit_of_work(home, SUPER) as s:
        rt.submit_return(s, CAT, rt.get_return(s, uuid), today=TODAY)
        sha = rt.get_return(s, uuid).content_sha256
    args = {
        "return_uuid": uuid,
        "version_no": 1,
        "decision": "accepted",
        "reason": None,
        "decided_by": "dcpu",
        "decided_at": TODAY_DT,
    }
    with unit_of_work(home, SUPER) as s:
        assert rt.apply_decision(s, content_sha256=sha, **args) is True
        assert rt.apply_decision(s, content_sha256=sha, **args) is False
        assert rt.get_return(s, uuid).status == "accepted"
        with pytest.raises(NotAllowed):
            rt.apply_decision(s, content_sha256="0" * 64, **{**args, "decision": "consolidated"})


def test_cwc_return_at_the_district_office(engine: Engine) -> None:
    """The district office types the CWC's return; the opening cases come from last month's
    closing ones; the balance is checked; a district official accepts it."""
    with unit_of_work(engine, DCPU) as s:
        cwc = district_bodies(s, state=10, district=212)[0]
        assert cwc.body_type == "cwc" and cwc.area.id == "IND010212_CWC1"
        aug = rt.start_return(s, CAT, cwc, month="2026-08", today=TODAY)
        rt.save_entries(
            s,
            CAT,
            aug,
            entries={
                "cwc.cases.start": {"boys": 10, "girls": 5, "total": 15},
                "cwc.new.total": {"boys": 2, "girls": 1, "total": 3},
                "cwc.disposed.total": {"boys": 1, "girls": 0, "total": 1},
                "cwc.cases.end": {"boys": 11, "girls": 5, "total": 17},
            },
        )
        with pytest.raises(ValidationError) as e:
            rt.submit_return(s, CAT, aug, today=TODAY)
        assert "expected 6, the return says 5" in e.value.errors["cwc.balance|girls"]
        assert "cwc.balance|total" not in e.value.errors  # 15 + 3 - 1 = 17 holds
        assert "Girls: 5" not in str(e.value)
        rt.save_entries(s, CAT, aug, entries={"cwc.cases.end": {"boys": 11, "girls": 6}})
        rt.submit_return(s, CAT, aug, today=TODAY)
        rt.review_own(s, aug, decision="accepted")
        sept = rt.start_return(s, CAT, cwc, month="2026-09", today=TODAY)
        assert sept.figures["cwc.cases.start"] == {"boys": 11.0, "girls": 6.0, "total": 17.0}
        assert sept.origins["cwc.cases.start"] == "carried"
        rt.submit_return(s, CAT, sept, today=TODAY)
        with pytest.raises(ValidationError, match="reason"):
            rt.review_own(s, sept, decision="returned")
        rt.review_own(s, sept, decision="returned", reason="E table is empty")
        assert sept.status == "returned" and sept.review_reason == "E table is empty"
        assert aug.status == "accepted" and aug.reviewed_by == "dcpu (DCPU Patna)"


def test_released_database_upgrades_and_takes_returns(tmp_path: Path) -> None:
    """A database of the first release upgrades to the CPMIS tables and stores a return."""
    d = tmp_path / "old"
    d.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "schema-0001.sqlite3", d / DB_FILENAME)
    engine = open_database(d)
    with unit_of_work(engine, SUPER) as s:
        inst = local_institution(s)
        ret = rt.start_return(s, CAT, cci_body(CAT, inst), month="2026-10", today=TODAY)
        assert ret.figures["cci.stock.end"]["total"] >= 0
    with unit_of_work(engine, SUPER) as s:
        assert s.scalars(select(CpmisReturn)).one().month == "2026-10"
    engine.dispose()


TODAY_DT = __import__("datetime").datetime(2026, 11, 23, 10, 0, tzinfo=__import__("datetime").UTC)
_ = date
