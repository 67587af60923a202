"""Child labour (CLTS): who sees what (by role), the records in bundles, the policy checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.models import Child
from desktop.rules.clts_policy import CLTS_POLICY, parse_clts_policy
from desktop.rules.policy import PolicyError
from desktop.services.clts.household import save_household
from desktop.services.clts.listing import case_counts, list_cases
from desktop.services.clts.rescue import get_case, update_case
from desktop.services.clts.summary import case_view
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import PermissionDenied
from sync_client.changes import pending_changes
from tests.clts_helpers import rescued_child
from tests.conftest import TODAY

ROLES_WITH_DETAIL = {
    "caseworker": Actor("meena", "caseworker", "Meena Devi", institution_id=1),
    "superintendent": Actor("asha", "superintendent", "Asha Kumari", institution_id=1),
    "district_official": Actor(
        "dpo", "district_official", "DCPU Patna", state=10, districts=(212,)
    ),
}
COUNTS_ONLY = {"state_official": Actor("state", "state_official", "WCD Bihar", state=10)}


@pytest.fixture
def one_case(inst_engine, actor):
    """A rescued child with a case and a household, committed."""
    with unit_of_work(inst_engine, actor) as s:
        kid, case = rescued_child(s, bank_account_no="1234 5678 9012", bank_ifsc="SBIN0001234")
        save_household(s, case, {"head_name": "Sunil Manjhi", "ration_card": "none"}, today=TODAY)
        return kid.id, case.id


@pytest.mark.parametrize("role", sorted(ROLES_WITH_DETAIL))
def test_case_staff_and_dcpu_see_the_rescued_child(inst_engine, one_case, role):
    """Case staff and DCPU officers get names, employer, household, a masked account."""
    with unit_of_work(inst_engine, ROLES_WITH_DETAIL[role]) as s:
        rows = list_cases(s, today=TODAY)
        assert [r.name for r in rows] == ["Raju Manjhi"]
        view = case_view(s, get_case(s, one_case[1]), today=TODAY)
        assert view.case.employer_name == "Ramesh Prasad"
        assert view.household is not None and view.household.head_name == "Sunil Manjhi"
        assert view.account_masked == "XXXXXXXX9012"


@pytest.mark.parametrize("role", sorted(COUNTS_ONLY))
def test_everyone_else_gets_only_the_counts(inst_engine, one_case, role):
    """A state official is refused the list and the case, and is given the numbers."""
    with unit_of_work(inst_engine, COUNTS_ONLY[role]) as s:
        with pytest.raises(PermissionDenied, match="child-labour case details"):
            list_cases(s, today=TODAY)
        with pytest.raises(PermissionDenied):
            case_view(s, get_case(s, one_case[1]), today=TODAY)
        counts = case_counts(s, today=TODAY)
    assert counts.cases == counts.open == 1 and counts.by_industry["brick_kiln"] == 1
    assert counts.due_rupees == 53000 and counts.with_gaps == 1


def test_a_district_official_cannot_change_a_case(inst_engine, one_case):
    """DCPU officers read CCI cases; writing needs case-work rights (at their own office)."""
    with unit_of_work(inst_engine, ROLES_WITH_DETAIL["district_official"]) as s:
        with pytest.raises(PermissionDenied, match="change children's records"):
            update_case(s, get_case(s, one_case[1]), {"notes": "seen"}, today=TODAY)


def test_staff_of_another_institution_see_none_of_its_cases(inst_engine, one_case):
    """A caseworker scoped to another institution lists no case here and cannot open one."""
    other = Actor("ravi", "caseworker", "Ravi", institution_id=99)
    with unit_of_work(inst_engine, other) as s:
        assert list_cases(s, today=TODAY) == []
        with pytest.raises(PermissionDenied, match="outside your area"):
            case_view(s, get_case(s, one_case[1]), today=TODAY)


def test_clts_records_travel_in_bundles_with_uuid_references(inst_engine, one_case, actor):
    """Every CLTS table is in the change stream; foreign keys go out as UUIDs."""
    with unit_of_work(inst_engine, actor) as s:
        changes = list(pending_changes(s))
        kid = s.get(Child, one_case[0])
        case = get_case(s, one_case[1])
        types = {c.type for c in changes}
        assert {"clts_case", "clts_household", "clts_compensation", "clts_entitlement"} <= types
        sent = next(c for c in changes if c.type == "clts_case")
        assert sent.data["child_uuid"] == str(kid.uuid)
        assert sent.data["household_uuid"] is not None and "household_id" not in sent.data
        assert sent.data["clts_id"] == case.clts_id and sent.data["agencies"] == [
            "labour_dept",
            "police",
        ]
        line = next(c for c in changes if c.type == "clts_compensation")
        assert line.data["case_uuid"] == str(case.uuid)
        assert "234123412346" not in repr(changes)


def _policy_with(old: str, new: str) -> str:
    text = CLTS_POLICY.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), start=1) if needle in ln)


def test_unknown_department_in_a_state_policy_names_the_line():
    """A scheme naming a department that does not exist is refused with its line and key."""
    text = _policy_with(
        'department = "rural_dev"\ncode = "mgnrega"', 'department = "rural_devt"\ncode = "mgnrega"'
    )
    with pytest.raises(PolicyError) as exc:
        parse_clts_policy(text, source="bihar.toml")
    line = _line_of(text, '"rural_devt"')
    assert str(exc.value).startswith(
        f"bihar.toml, line {line}: entitlement[5].department: 'rural_devt'"
    )
    assert "is not a department" in str(exc.value)


def test_eligibility_rules_and_amounts_are_checked_at_load():
    """A misspelt fact, a value a fact never takes, an amount in words: each names its key."""
    bad_fact = _policy_with('household.landless"', 'household.landles"')
    with pytest.raises(
        PolicyError, match=r"entitlement\[10\]\.eligibility: 'household.landles' is not a fact"
    ):
        parse_clts_policy(bad_fact)
    bad_value = _policy_with(
        "household.housing in ['kutcha', 'homeless']", "household.housing in ['kacha']"
    )
    with pytest.raises(PolicyError, match="'kacha' is not a value of household.housing"):
        parse_clts_policy(bad_value)
    bad_amount = _policy_with("amount = 25000", 'amount = "25,000"')
    with pytest.raises(PolicyError, match=r"compensation\[2\]\.amount: must be a whole number"):
        parse_clts_policy(bad_amount)
    bad_date = _policy_with("rescued_before = 2016-07-11", 'rescued_before = "11-07-2016"')
    with pytest.raises(PolicyError, match="without quotes"):
        parse_clts_policy(bad_date)


def test_the_shipped_policy_loads_with_every_department_and_verified_markers():
    """Ten departments, their schemes, amounts and legal basis, each with a verified marker."""
    p = parse_clts_policy(CLTS_POLICY.read_text(encoding="utf-8"))
    assert len(p.departments) == 10 and all(p.schemes_of(d) for d in p.departments)
    assert p.compensation["cm_relief"].amount == 25000 and not p.compensation["cm_relief"].verified
    assert p.compensation["relief_1800"].rescued_before == date(2016, 7, 11)
    assert p.schemes["pmay_g"].old_name.startswith("Indira Awaas")
    assert p.follow_up.due_months[:7] == (1, 2, 3, 4, 5, 6, 9) and p.follow_up.due_months[-1] == 24
    assert Path(CLTS_POLICY).name == "clts.toml"
