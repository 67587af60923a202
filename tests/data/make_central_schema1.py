"""Write tests/data/central-schema-1.sqlite3: a central (or district view) database as the
stdlib server of before issue 14 made it (schema 1), with one CCI, two children (one with
a plain Aadhaar number, invented) and a flag. Run by hand, from the repository:

    .venv/bin/python tests/data/make_central_schema1.py

The old models are read from git (the last commit before schema 2), so this stays exact.
"""

from __future__ import annotations

import subprocess
import sys
import types
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

OUT = Path(__file__).parent / "central-schema-1.sqlite3"
OLD = "54796af"


def main() -> None:
    source = subprocess.run(
        ["git", "show", f"{OLD}:central/models.py"], check=True, capture_output=True, text=True
    ).stdout
    old = types.ModuleType("old_central_models")
    sys.modules["old_central_models"] = old
    exec(compile(source, "old_central_models", "exec"), old.__dict__)
    OUT.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{OUT}")
    old.CentralBase.metadata.create_all(engine)
    inst = "5e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f"
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with Session(engine) as s, s.begin():
        s.add(
            old.Enrolment(
                uuid=inst,
                name="Old Home",
                state_code=10,
                district_code=212,
                sign_key="A" * 43 + "=",
                key_id="0123456789abcdef",
                last_seq=4,
                last_hash="ab" * 32,
                enrolled_at=now,
            )
        )
        kids = [
            ("00000000-0000-4000-8000-000000000001", "in_care", "111122223333"),
            ("00000000-0000-4000-8000-000000000002", "restored", None),
        ]
        for uuid, status, number in kids:
            data = {"code": uuid[-4:], "first_name": "Old", "status": status, "dob": "2015-01-01"}
            if number:
                data["aadhaar"] = number
            s.add(
                old.MergedRecord(
                    record_uuid=uuid,
                    type="child",
                    version=1,
                    deleted=False,
                    data=data,
                    institution_uuid=inst,
                    bundle_id="00000000-0000-4000-8000-0000000000b1",
                    updated_at=now,
                )
            )
        s.add(
            old.MergedRecord(
                record_uuid="00000000-0000-4000-8000-0000000000f1",
                type="flag",
                version=1,
                deleted=False,
                data={"child_uuid": kids[0][0], "status": "open", "escalation_level": 1},
                institution_uuid=inst,
                bundle_id="00000000-0000-4000-8000-0000000000b1",
                updated_at=now,
            )
        )
        s.add(
            old.Upload(
                upload_id="00000000-0000-4000-8000-0000000000c1",
                bundle_id="00000000-0000-4000-8000-0000000000b9",
                sha256="00" * 32,
                length=10,
                offset=0,
                created_at=now,
            )
        )
    engine.dispose()
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
