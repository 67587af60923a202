"""Write tests/data/central-schema-2.sqlite3: central's database at schema 2 (issue 14), one
CCI and one bundle with a child and three flags, made by that version's own code. Run by
hand from an export of the last commit at schema 2:

    git archive 869777c | tar -x -C /tmp/old
    cd /tmp/old && python /path/to/tests/data/make_central_schema2.py OUT.sqlite3
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.getcwd())  # the old version's packages come first

from bundle_format import keys as key_files  # noqa: E402
from central.schema import SCHEMA, open_engine  # noqa: E402
from central.service import Receiver  # noqa: E402
from tests.sync_helpers import INSTITUTION, Chain  # noqa: E402

CHILD = "00000000-0000-4000-8000-000000000001"


def main(out: str) -> None:
    """Make the database at `out`."""
    assert SCHEMA == 2, "run this from an export of a schema-2 version"
    if os.path.exists(out):
        os.remove(out)
    central = key_files.generate_keys(role="central", name="State")
    inst = key_files.generate_keys(role="institution", name="Test Home")
    rcv = Receiver(open_engine(f"sqlite:///{out}"), central, aadhaar_secret=b"s" * 32)
    rcv.enrol(institution=INSTITUTION, public=inst.public(), by="test")
    child = {
        "record_uuid": CHILD,
        "type": "child",
        "op": "upsert",
        "version": 1,
        "base_version": 0,
        "data": {
            "code": "BR-212-007-2026-000001",
            "first_name": "Meena",
            "gender": "female",
            "dob": "2016-04-10",
            "status": "in_care",
            "admission_date": "2026-01-05",
            "category_code": 3,
        },
    }
    flags = [
        {
            "record_uuid": f"00000000-0000-4000-9000-00000000000{i}",
            "type": "flag",
            "op": "upsert",
            "version": 1,
            "base_version": 0,
            "data": {
                "child_uuid": CHILD,
                "rule_id": "icp",
                "severity": sev,
                "status": status,
                "escalation_level": level,
                "raised_on": "2026-02-05",
                "due_on": "2026-03-05",
                "explanation_en": "x",
                "explanation_hi": "y",
            },
        }
        for i, (sev, status, level) in enumerate(
            [("high", "escalated", 2), ("low", "open", 0), ("medium", "resolved", 1)]
        )
    ]
    rcv.receive(Chain(inst, [central.public()]).next([child, *flags]))
    rcv.engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
